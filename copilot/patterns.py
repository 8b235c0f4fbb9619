"""Pattern matching shared by the KB validator and the analyzers: fast, negation-aware, explainable.

A rule, signal or SOP step declares regexes over normalised text (see copilot.text). A hit is
cancelled when a negation cue (a regex) from the KB ends just before it in the same clause ("不保本" is not
the claim "保本"), or when one of the owner's exception regexes matches that clause (correct uses).
Every hit keeps its span and the pattern that fired, so a warning can say why it fired.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from copilot.text import clause_bounds

NEGATION_WINDOW = 3  # characters before a hit in which a negation cue cancels it
RETRACTION_WINDOW = 8  # characters at the start of the next clause in which a retraction counts


@dataclass(frozen=True, slots=True)
class PatternHit:
    start: int
    end: int
    matched: str
    pattern: str


class PatternError(ValueError):
    """A pattern that does not compile; `index` says which one of the owner's list."""

    def __init__(self, pattern: str, index: int, reason: str) -> None:
        super().__init__(f"pattern {index + 1} {pattern!r} is not a valid regex: {reason}")
        self.pattern = pattern
        self.index = index


@lru_cache(maxsize=8192)
def compile_pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def check_patterns(patterns: list[str] | tuple[str, ...]) -> list[PatternError]:
    """Every pattern that does not compile, for the validator to report with file:line."""
    problems = []
    for index, pattern in enumerate(patterns):
        try:
            compile_pattern(pattern)
        except re.error as exc:
            problems.append(PatternError(pattern, index, str(exc)))
    return problems


class PatternSet:
    """The patterns, exceptions and negation cues of one rule, signal or step, compiled once."""

    def __init__(
        self,
        patterns: list[str] | tuple[str, ...],
        exceptions: list[str] | tuple[str, ...] = (),
        negation_cues: list[str] | tuple[str, ...] = (),
        negatable: bool = True,
        retraction_cues: list[str] | tuple[str, ...] = (),
    ) -> None:
        self.patterns = [(p, compile_pattern(p)) for p in patterns]
        self.exceptions = [compile_pattern(p) for p in exceptions]
        # Cues are regexes so a KB can say when a cue character is not a negation (别 in 特别).
        cues = sorted({c for c in negation_cues if c}) if negatable else []
        self._negations = [compile_pattern(c) for c in cues]
        self._retractions = [compile_pattern(c) for c in retraction_cues if c]

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def find(self, text: str) -> list[PatternHit]:
        """All surviving hits in normalised `text`, in order of position."""
        hits = []
        for source, regex in self.patterns:
            for match in regex.finditer(text):
                if match.end() == match.start():
                    continue
                if self._cancelled(text, match.start(), match.end()):
                    continue
                hits.append(PatternHit(match.start(), match.end(), match.group(0), source))
        hits.sort(key=lambda h: (h.start, -h.end))
        return hits

    def first_raw(self, text: str) -> tuple[int, int] | None:
        """Span of the first hit before negation cues and exceptions: what a keyword search sees."""
        spans = [(m.start(), m.end()) for _, regex in self.patterns for m in [regex.search(text)]
                 if m is not None and m.end() > m.start()]
        return min(spans, default=None)

    def first(self, text: str) -> PatternHit | None:
        hits = self.find(text)
        return hits[0] if hits else None

    def _cancelled(self, text: str, start: int, end: int) -> bool:
        clause_start, clause_end = clause_bounds(text, start)
        window_start = max(clause_start, start - NEGATION_WINDOW - 4)
        for negation in self._negations:
            # Searching inside the full text lets a cue's look-behind see words before the window.
            for cue in negation.finditer(text, window_start, start):
                if start - cue.end() < NEGATION_WINDOW:
                    return True
        clause = text[clause_start:clause_end]
        return any(exc.search(clause) for exc in self.exceptions) or self._retracted(text, clause_end)

    def _retracted(self, text: str, clause_end: int) -> bool:
        """Whether the next clause opens by taking the previous one back (a retraction cue
        within its first few characters)."""
        if not self._retractions or clause_end >= len(text):
            return False
        start = clause_end + 1
        opening = text[start:min(clause_bounds(text, start)[1], start + RETRACTION_WINDOW)]
        return any(cue.search(opening) for cue in self._retractions)
