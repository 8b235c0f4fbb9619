"""Rule tests in the workbench: every rule's and signal's examples and hard negatives, on each edit.

The validator already refuses a KB whose rules miss their own examples; the workbench needs more
than the refusal: for each rule, which sentence passes, which fails and what the pattern hit, so
the trainer sees the failing example next to the rule while typing. Matching is the validator's
own (copilot.kb.selftest.match_examples: the KB's fillers and negation cues, as the analyzers
match), run on the unsaved form values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from copilot.kb.selftest import match_examples
from copilot.patterns import PatternSet, check_patterns


@dataclass(frozen=True)
class ExampleCheck:
    sentence: str
    should_match: bool  # examples must match, negatives must not
    matched: str = ""  # what the pattern hit (empty: no hit)
    pattern: str = ""

    @property
    def passed(self) -> bool:
        return bool(self.matched) == self.should_match

    def describe(self) -> str:
        mark = "✓" if self.passed else "✗"
        role = "example" if self.should_match else "negative"
        hit = f" → «{self.matched}» by {self.pattern}" if self.matched else " → no hit"
        return f"{mark} {role}: {self.sentence}{hit}"


@dataclass
class RuleTest:
    owner_id: str
    kind: str  # rule | signal
    checks: list[ExampleCheck] = field(default_factory=list)
    error: str = ""  # a broken regex: nothing can be checked until it is fixed

    @property
    def failures(self) -> list[ExampleCheck]:
        return [c for c in self.checks if not c.passed]

    @property
    def passed(self) -> bool:
        return not self.error and not self.failures

    def summary(self) -> str:
        if self.error:
            return f"✗ {self.error}"
        ok = len(self.checks) - len(self.failures)
        return f"{'✓' if self.passed else '✗'} {ok}/{len(self.checks)} pass"


def check_owner(owner_id: str, kind: str, data: dict, meta: dict) -> RuleTest:
    """Check one rule/signal/step given as plain data (the form's current values)."""
    result = RuleTest(owner_id, kind)
    patterns = [str(p) for p in data.get("patterns") or []]
    exceptions = [str(p) for p in data.get("exceptions") or []]
    broken = check_patterns(patterns) + check_patterns(exceptions)
    if broken:
        result.error = str(broken[0])
        return result
    if not patterns:
        return result
    try:
        matcher = PatternSet(patterns, exceptions, tuple(meta.get("negation_cues") or ()))
    except re.error as exc:
        result.error = f"invalid regex: {exc}"
        return result
    fillers = tuple(meta.get("filler_words") or ())
    for field_name, _, sentence, hit in match_examples(
        matcher, data.get("examples") or [], data.get("negatives") or [], fillers
    ):
        result.checks.append(ExampleCheck(str(sentence), field_name == "examples",
                                          hit.matched if hit else "", hit.pattern if hit else ""))
    return result


def check_workspace(workspace) -> dict[tuple[str, str], RuleTest]:
    """Rule tests for every rule and signal of a KbWorkspace, keyed by (kind, id). SOP steps are
    not tested here: their examples are matched by similarity, patterns are only a shortcut."""
    meta = workspace.meta()
    results = {}
    for kind in ("rule", "signal"):
        for entry in workspace.entries(kind):
            data = workspace.data(entry)
            results[(kind, entry.id)] = check_owner(entry.id, kind, data, meta)
    return results
