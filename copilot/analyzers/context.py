"""What analyzers know of each other: only what the session's event log says.

Each analyzer keeps an `EventCursor` and reads the events published since it last looked, so
the ComplianceGuard learns the stage from the SopTracker's `stage` events and the customer's
refusal from the Advisor's `signal` events without holding a reference to either.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from copilot.events import Event
from copilot.session import SessionView


class EventCursor:
    """Hands out the events published since the previous call."""

    def __init__(self) -> None:
        self._seen = 0

    def new(self, session: SessionView) -> list[Event]:
        events = session.events
        fresh = events[self._seen :]
        self._seen = len(events)
        return fresh


class ProductSpotter:
    """Which KB products a text names (by name or alias), longest name first."""

    def __init__(self, products, normalize: Callable[[str], str]) -> None:
        names: dict[str, str] = {}
        for product in products:
            for name in [product.name, *product.aliases]:
                key = normalize(name)
                if key and key not in names:
                    names[key] = product.id
        self._ids = names
        ordered = sorted(names, key=len, reverse=True)
        self._regex = re.compile("|".join(map(re.escape, ordered))) if ordered else None

    def find(self, text: str) -> list[str]:
        if self._regex is None:
            return []
        return list(dict.fromkeys(self._ids[m.group(0)] for m in self._regex.finditer(text)))


def kb_normalizer(kb) -> Callable[[str], str]:
    """`copilot.text.normalize` with the KB's filler words."""
    from copilot.text import normalize

    fillers = tuple(kb.meta.filler_words)
    return lambda text: normalize(text, fillers)


def kb_sop(kb):
    """The KB's primary SOP, or an empty one: a KB without an SOP still gets the other checks."""
    from copilot.kb.model import Sop

    return kb.sop or Sop(id="none", name="no SOP", stages=[])


def kb_stages(kb) -> list:
    return kb_sop(kb).stages


def _single_lines(kb):
    """The KB's labelled lines labelled on their own: a line of a whole call is labelled in its
    context, so it is no evidence of its categories by itself (see LabelledLine)."""
    return (line for line in kb.labelled if not line.call)


def labelled_texts(kb, key: str) -> dict[str, list[str]]:
    """Id -> the KB's single labelled lines carrying it, for `key` one of violations,
    disclosures or signals."""
    texts: dict[str, list[str]] = {}
    for line in _single_lines(kb):
        for label in getattr(line, key):
            texts.setdefault(label, []).append(line.text)
    return texts


def labelled_rule_examples(kb, kind: str) -> dict[str, list[str]]:
    """Rule id -> labelled lines to learn from: a violation or disclosure line teaches the rule it
    names (`rule`), else the first rule of its category in file order (whose reason and article
    the advisor is then shown). Single lines only."""
    key = "violations" if kind == "violation" else "disclosures"
    rules = {r.id: r for r in kb.rules if r.kind == kind}
    first: dict[str, str] = {}
    for rule in rules.values():
        first.setdefault(rule.category, rule.id)
    examples: dict[str, list[str]] = {}
    for line in _single_lines(kb):
        for category in getattr(line, key):
            named = rules.get(line.rule)
            target = line.rule if named is not None and named.category == category else first.get(category)
            if target:
                examples.setdefault(target, []).append(line.text)
    return examples


def labelled_without(kb, speaker: str, key: str) -> list[str]:
    """The KB's labelled lines of `speaker` carrying no `key` label (violations, disclosures or
    signals), calls included: sentences of the same speaker that belong to no target."""
    return [
        line.text for line in kb.labelled
        if line.speaker == speaker and not getattr(line, key)
    ]
