"""Rules and signals test themselves: their own examples must fire, their hard negatives must not.

This is what keeps trainers' regexes honest. Matching is exactly what the analyzers do at run
time: copilot.text.normalize with the KB's fillers, then PatternSet with the KB's negation cues.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from copilot.kb.checks import has_bad_regex
from copilot.kb.model import Rule, Signal
from copilot.kb.problems import ProblemLog
from copilot.kb.reader import KbContent
from copilot.patterns import PatternHit, PatternSet, check_patterns
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
    meta = content.meta
    is_violation = isinstance(owner, Rule) and owner.kind == "violation"
    usable = meta is not None and is_violation and not check_patterns(meta.retraction_cues)
    retractions = tuple(meta.retraction_cues) if usable else ()  # as the ComplianceGuard runs them
    matcher = PatternSet(owner.patterns, owner.exceptions, cues, retraction_cues=retractions)
    for field, index, sentence, hit in match_examples(matcher, owner.examples, owner.negatives, fillers):
        if field == "examples" and hit is None:
            log.error(content.path(owner), content.line(owner, field, index),
                      f"{label} does not match its own example {sentence!r}",
                      "widen a pattern (or an exception/negation cue is cancelling it)")
        elif field == "negatives" and hit is not None:
            log.error(content.path(owner), content.line(owner, field, index),
                      f"{label} matches its hard negative {sentence!r} "
                      f"(pattern {hit.pattern!r} hit {hit.matched!r})",
                      "narrow the pattern or add an exception for this wording")


def match_examples(matcher: PatternSet, examples: Iterable[str], negatives: Iterable[str],
                   fillers: tuple[str, ...]) -> Iterator[tuple[str, int, str, PatternHit | None]]:
    """(field, index, sentence, first hit) for each example, then each hard negative, matched as
    the analyzers match an utterance. The workbench's rule tests use it too."""
    for field, sentences in (("examples", examples), ("negatives", negatives)):
        for index, sentence in enumerate(sentences):
            yield field, index, sentence, matcher.first(normalize(str(sentence), fillers))


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
