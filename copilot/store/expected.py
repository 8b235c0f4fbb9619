"""What a call was expected to contain, read from the knowledge base: the SOP steps (in flow
order) and the disclosure categories. Reports show steps nobody did (open rate 0) only if they
know them; without a loadable KB they fall back to what the stored events show.
"""

from __future__ import annotations

from copilot.errors import CopilotError
from copilot.settings import Settings


def expected_from_kb(settings: Settings) -> tuple[list[tuple[str, str]], list[str]]:
    """((stage/step key, label) of every SOP step, disclosure categories); empty when the KB
    cannot be loaded (a report must still work without one)."""
    try:
        from copilot.kb import load_kb

        kb = load_kb(settings.kb_dir)
    except (ImportError, CopilotError, OSError):  # no KB or a broken one: report what we have
        return [], []
    steps = [(f"{stage.id}/{step.id}", step.label)
             for sop in kb.sops for stage in sop.stages for step in stage.steps]
    disclosures = list(dict.fromkeys(r.category for r in kb.rules if r.kind == "disclosure"))
    return list(dict.fromkeys(steps)), disclosures
