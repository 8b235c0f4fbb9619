"""Rules and signals test themselves: their own examples must fire, their hard negatives must not.

This is what keeps trainers' regexes honest. Matching is exactly what the analyzers do at run
time: copilot.text.normalize with the KB's fillers, then PatternSet with the KB's negation cues.
"""

from __future__ import annotations

from copilot.kb.checks import has_bad_regex
from copilot.kb.model import Rule, Signal
from copilot.kb.problems import ProblemLog
from copilot.kb.reader import KbContent
from copilot.patterns import PatternSet, check_patterns
from copilot.text import normalize


def check_examples(content: KbContent, log: ProblemLog) -> None:
    meta = content.meta
    cues = tuple(meta.negation_cues) if meta and not check_patterns(meta.negation_cues) else ()
    fillers = tuple(meta.filler_words) if meta else ()
    for owner in (*content.rules, *content.signals):
        _check_owner(content, owner, cues, fillers, log)


def _label(owner: Rule | Signal) -> str:
    if isinstance(owner, Rule):
        return f"{owner.kind} rule '{owner.id}'"
    return f"signal '{owner.id}'"


def _check_owner(content: KbContent, owner: Rule | Signal, cues, fillers, log: ProblemLog) -> None:
    label = _label(owner)
    if not owner.patterns:
        log.warn(content.path(owner), content.line(owner, "patterns"),
                 f"{label} has no patterns: only an embedding model can match it",
                 "add regexes under 'patterns:' so it works offline")
        return
    if not owner.examples:
        log.warn(content.path(owner), content.line(owner), f"{label} has no examples",
                 "add sentences it must match under 'examples:' (they are its tests)")
    if has_bad_regex(owner):
        return  # already reported by the regex check
    matcher = PatternSet(owner.patterns, owner.exceptions, cues)
    for index, example in enumerate(owner.examples):
        if not matcher.find(normalize(example, fillers)):
            log.error(content.path(owner), content.line(owner, "examples", index),
                      f"{label} does not match its own example {example!r}",
                      "widen a pattern (or an exception/negation cue is cancelling it)")
    for index, negative in enumerate(owner.negatives):
        hit = matcher.first(normalize(negative, fillers))
        if hit is not None:
            log.error(content.path(owner), content.line(owner, "negatives", index),
                      f"{label} matches its hard negative {negative!r} "
                      f"(pattern {hit.pattern!r} hit {hit.matched!r})",
                      "narrow the pattern or add an exception for this wording")
