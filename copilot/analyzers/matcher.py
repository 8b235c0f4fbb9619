"""The shared matcher: does this text match a KB object (signal, step, rule), and why?

Two kinds of evidence, both from KB data:
- patterns (regexes over normalised text, negation- and exception-aware, see copilot.patterns):
  cheap, exact spans, usable on partial transcripts;
- similarity to the object's example sentences: lexical always (copilot.analyzers.lexical),
  dense when an embedding model is given (finals only, it costs a model call). An object's
  `negatives` (hard negatives) veto a similarity match they resemble more than its examples.
One `ExampleMatcher` holds a group of objects of one kind with the thresholds for that kind.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from copilot.analyzers.classifier import ExampleClassifier, top
from copilot.analyzers.lexical import NgramIndex
from copilot.patterns import PatternHit, PatternSet


class QueryCache:
    """Wraps an embedder so the matchers of one utterance share a single model call."""

    def __init__(self, embedder, size: int = 32) -> None:
        self.embedder = embedder
        self._size = size
        self._cache: dict[str, np.ndarray] = {}

    def encode(self, texts: list[str]) -> np.ndarray:
        if len(texts) != 1:
            return self.embedder.encode(texts)
        key = texts[0]
        if key not in self._cache:
            if len(self._cache) >= self._size:
                self._cache.pop(next(iter(self._cache)))
            self._cache[key] = self.embedder.encode(texts)
        return self._cache[key]


class RetrieverQueries:
    """The item retriever's query embeddings, for matchers when it embeds with their model: the
    matchers and the item search of one utterance then share a single model call."""

    def __init__(self, retriever) -> None:
        self.retriever = retriever

    def __deepcopy__(self, memo: dict) -> RetrieverQueries:
        return self  # no state of its own; the retriever locks its cache and sessions share it

    def encode(self, texts: list[str]) -> np.ndarray:
        if len(texts) != 1:
            return self.retriever.embedder.encode(texts)
        return self.retriever.query_vector(texts[0])[None, :]


@dataclass(frozen=True, slots=True)
class Target:
    """One thing to recognise: its id, regexes and example sentences (positive and negative)."""

    id: str
    patterns: tuple[str, ...] = ()
    exceptions: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    negatives: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Match:
    target: str
    score: float
    via: str  # pattern | lexical | dense
    span: tuple[int, int] = (0, 0)
    matched: str = ""


@dataclass(frozen=True, slots=True)
class Cutoffs:
    lexical: float
    dense: float = 1.01  # above 1: dense never matches
    margin: float = 0.02
    model: float = 1.01  # probability from the KB-trained classifier; above 1: not used


@dataclass
class _Docs:
    texts: list[str] = field(default_factory=list)
    owner: list[int] = field(default_factory=list)
    positive: list[bool] = field(default_factory=list)


class ExampleMatcher:
    """Patterns plus example similarity for a group of targets of one kind."""

    def __init__(
        self,
        targets: Sequence[Target],
        cutoffs: Cutoffs,
        normalize,
        negation_cues: Sequence[str] = (),
        embedder=None,
        background: Sequence[str] = (),
        retraction_cues: Sequence[str] = (),
    ) -> None:
        self.targets = list(targets)
        self.cutoffs = cutoffs
        self._normalize = normalize
        self._patterns = [
            PatternSet(t.patterns, t.exceptions, negation_cues, retraction_cues=retraction_cues)
            if t.patterns else None
            for t in self.targets
        ]
        docs = _Docs()
        for i, t in enumerate(self.targets):
            for text, positive in [(e, True) for e in t.examples] + [(n, False) for n in t.negatives]:
                docs.texts.append(normalize(text))
                docs.owner.append(i)
                docs.positive.append(positive)
        self._owner = np.array(docs.owner, dtype=np.int64)
        self._positive = np.array(docs.positive, dtype=bool)
        self._lexical = NgramIndex(docs.texts)
        self._last: tuple[str, np.ndarray] | None = None  # (text, its lexical scores)
        self._texts = docs.texts
        self.embedder = embedder
        self._dense = embedder.encode(docs.texts) if embedder is not None and docs.texts else None
        self._classifier = None
        if cutoffs.model <= 1.0:
            examples = {t.id: [normalize(e) for e in t.examples] for t in self.targets}
            negatives = [normalize(n) for t in self.targets for n in t.negatives]
            self._classifier = ExampleClassifier(examples, negatives, [normalize(b) for b in background])

    def pattern_hits(self, text: str) -> dict[str, PatternHit]:
        """The first surviving pattern hit per target, in normalised `text`."""
        hits = {}
        for target, patterns in zip(self.targets, self._patterns, strict=True):
            if patterns is not None:
                hit = patterns.first(text)
                if hit is not None:
                    hits[target.id] = hit
        return hits

    def similar(self, text: str, dense: bool = True) -> dict[str, Match]:
        """Targets whose examples `text` resembles past the cutoffs (and more than their negatives)."""
        if not self._texts:
            return {}
        found = self._decide(self._lexical_scores(text), self.cutoffs.lexical, "lexical")
        if self._classifier:
            for key, p in top(self._classifier.probabilities(text), self.cutoffs.model).items():
                if key not in found:
                    found[key] = Match(key, p, "model")
        if dense and self._dense is not None:
            query = self.embedder.encode([text])[0]
            scores = (self._dense @ query).astype(np.float32)
            for key, match in self._decide(scores, self.cutoffs.dense, "dense").items():
                if key not in found or match.score > found[key].score:
                    found[key] = match
        return found

    def scores(self, text: str) -> dict[str, float]:
        """Best lexical similarity to each target's positive examples (for ranking and eval)."""
        if not self._texts:
            return {}
        return {self.targets[i].id: s for i, s in self._best(self._lexical_scores(text), True).items()}

    def negated(self, text: str) -> set[str]:
        """Targets whose pattern occurs in `text` but is cancelled there (negated or excepted):
        the speaker explicitly said the opposite, so similarity must not claim it either."""
        found = set()
        for target, patterns in zip(self.targets, self._patterns, strict=True):
            if patterns is None:
                continue
            if patterns.first_raw(text) is not None and not patterns.find(text):
                found.add(target.id)
        return found

    def match(self, text: str, final: bool = True) -> dict[str, Match]:
        """Pattern hits (always) and similarity matches (finals only); patterns win ties."""
        found: dict[str, Match] = {}
        if final:
            similar = self.similar(text, dense=True)
            if similar:
                vetoed = self.negated(text)
                found.update({k: m for k, m in similar.items() if k not in vetoed})
        for key, hit in self.pattern_hits(text).items():
            found[key] = Match(key, 1.0, "pattern", (hit.start, hit.end), hit.matched)
        return found

    def _lexical_scores(self, text: str) -> np.ndarray:
        """Similarity of `text` to every example, kept for the last text: the SopTracker ranks
        (`scores`) the same utterance it just matched."""
        last = self._last
        if last is None or last[0] != text:
            last = self._last = (text, self._lexical.scores(text))
        return last[1]

    def _best(self, scores: np.ndarray, positive: bool) -> dict[int, float]:
        mask = self._positive if positive else ~self._positive
        best: dict[int, float] = {}
        for doc in np.flatnonzero(mask & (scores > 0)):
            owner = int(self._owner[doc])
            best[owner] = max(best.get(owner, 0.0), float(scores[doc]))
        return best

    def _decide(self, scores: np.ndarray, cutoff: float, via: str) -> dict[str, Match]:
        candidates = np.flatnonzero(self._positive & (scores >= cutoff))
        if not len(candidates):
            return {}
        pos = self._best(scores, True)
        neg = self._best(scores, False)
        found = {}
        for owner, score in pos.items():
            if score < cutoff or neg.get(owner, 0.0) + self.cutoffs.margin >= score:
                continue
            target = self.targets[owner].id
            found[target] = Match(target, round(score, 3), via)
        return found
