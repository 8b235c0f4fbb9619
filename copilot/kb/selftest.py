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
    _check_paraphrases(content, owner, label, log)
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


def _check_paraphrases(content: KbContent, owner: Rule | Signal, label: str, log: ProblemLog) -> None:
    """Paraphrases are not pattern tests, but an empty one or one that is also a negative is a slip."""
    negatives = {n.strip() for n in owner.negatives}
    for index, sentence in enumerate(owner.paraphrases):
        if not sentence.strip():
            log.error(content.path(owner), content.line(owner, "paraphrases", index),
                      f"{label} has an empty paraphrase", "write the sentence or delete the line")
        elif sentence.strip() in negatives:
            log.error(content.path(owner), content.line(owner, "paraphrases", index),
                      f"{label} lists {sentence!r} both as a paraphrase and as a negative",
                      "keep it in one of the two lists")
