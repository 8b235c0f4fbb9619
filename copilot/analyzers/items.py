"""Finding the KB's scripts and facts that fit what the customer just said.

Ranking is the KB search itself (copilot.retrieval: BM25 over jieba words and character n-grams,
plus vectors where an installed model reads the KB), so what `copilot kb search` and `kb eval`
measure is what the advisor is shown. Whether an item is shown at all is a separate question: its
BM25 score is divided by the KB's *typical example score* (the median score a trainer's example
question gets against its own item), which makes thresholds mean the same in any KB and language
("half as close as a typical example question"). On demo-zh's labelled customer questions this
showed the right card about 70 % more often than the character n-gram cosine it replaced, at the
same noise (`python -m bench.eval_advice`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from copilot.retrieval.fusion import reciprocal_rank_fusion

UNIT_SAMPLE = 400  # examples scored to find the KB's typical example score


@dataclass(frozen=True, slots=True)
class ItemHit:
    item: object  # copilot.kb.model.Item
    score: float  # BM25 relative to the KB's typical example score (or a cosine, dense only)


def typical_example_score(retriever) -> float:
    """The median BM25 score of the KB's example questions against their own items (sampled
    evenly on big KBs); 1 when the KB has no examples, so scores stay raw."""
    pairs = [(i, ex) for i, item in enumerate(retriever.items) for ex in item.examples if ex.strip()]
    if not pairs:
        return 1.0
    step = max(1, len(pairs) // UNIT_SAMPLE)
    scores = [float(retriever.lexical.scores(ex)[i]) for i, ex in pairs[::step]]
    unit = float(np.median(scores))
    return unit if unit > 0 else 1.0


class ItemFinder:
    """`tag_boost` is added to an item's score when the text names one of its tags (犹豫期,
    免赔额...): a customer naming a feature is asking about it, however short the question.
    `dense_min`: the cosine at which a meaning-level match is shown although its words differ."""

    def __init__(self, retriever, normalize, tag_boost: float = 0.0, dense_min: float = 1.01) -> None:
        self.retriever = retriever
        self.items = list(retriever.items)
        self.tag_boost = tag_boost
        self.dense_min = dense_min
        self.unit = typical_example_score(retriever)
        self._last: tuple[str, np.ndarray] | None = None  # (text, its BM25 over every item)
        self._position = {item.id: i for i, item in enumerate(self.items)}
        self._tagged: dict[str, list[int]] = {}
        for i, item in enumerate(self.items):
            for tag in {normalize(t) for t in item.tags}:
                if len(tag) >= 2:
                    self._tagged.setdefault(tag, []).append(i)
        ordered = sorted(self._tagged, key=len, reverse=True)
        self._tags = re.compile("|".join(map(re.escape, ordered))) if ordered else None
        self._kind = np.array([item.kind for item in self.items])
        self._product = np.array([item.product or "" for item in self.items])
        self._handles: dict[str, np.ndarray] = {}
        for i, item in enumerate(self.items):
            for signal in item.handles:
                mask = self._handles.setdefault(signal, np.zeros(len(self.items), dtype=bool))
                mask[i] = True

    def __deepcopy__(self, memo: dict) -> ItemFinder:
        # read-only after build but for the last text's scores (a pure function of the text,
        # swapped in one assignment; the retriever locks its own cache): sessions share it
        return self

    def search(
        self,
        text: str,
        k: int = 3,
        kind: str | None = None,
        products: tuple[str, ...] = (),
        handles: tuple[str, ...] = (),
        min_score: float = 0.0,
    ) -> list[ItemHit]:
        """Top-k items over `min_score`; `products` keeps those products' items and product-less ones."""
        if not self.items or not text.strip():
            return []
        keep = self._mask(kind, products, handles)
        scores = (self._bm25(text) * keep).astype(np.float64) / self.unit
        self._boost_named_tags(text, scores)
        shown = keep & (scores >= min_score) & (scores > 0)
        lexical = [int(i) for i in np.argsort(-scores) if shown[i]][: k * 4]
        dense = self._dense(text, k, kind, handles, keep)
        if not dense:
            return [ItemHit(self.items[i], float(scores[i])) for i in lexical[:k]]
        cosine = dict(dense)
        ranked = reciprocal_rank_fusion([lexical, [i for i, _ in dense]])
        return [ItemHit(self.items[int(i)], float(scores[int(i)]) if shown[int(i)] else cosine[int(i)])
                for i, _ in ranked[:k]]

    def _bm25(self, text: str) -> np.ndarray:
        """BM25 of `text` against every item, kept for the last text: the Advisor searches scripts
        and then facts for the same utterance, and tokenising it (jieba) is most of the cost."""
        last = self._last
        if last is None or last[0] != text:
            last = self._last = (text, self.retriever.lexical.scores(text))
        return last[1]

    def _mask(self, kind, products, handles) -> np.ndarray:
        keep = np.ones(len(self.items), dtype=bool)
        if kind:
            keep &= self._kind == kind
        if products:
            keep &= np.isin(self._product, [*products, ""])
        if handles:
            none = np.zeros(len(self.items), dtype=bool)
            keep &= np.logical_or.reduce([self._handles.get(h, none) for h in handles])
        return keep

    def _boost_named_tags(self, text: str, scores: np.ndarray) -> None:
        if self._tags is None or not self.tag_boost:
            return
        named = {i for m in self._tags.finditer(text) for i in self._tagged[m.group(0)]}
        if named:
            scores[np.fromiter(named, dtype=np.int64)] += self.tag_boost

    def _dense(self, text, k, kind, handles, keep: np.ndarray) -> list[tuple[int, float]]:
        """Meaning-level matches over `dense_min` (models that read the KB only), best first."""
        if not self.retriever.has_dense:
            return []
        found = []
        for hit in self.retriever.search(text, k=k * 4, mode="dense", kind=kind, handles=list(handles) or None):
            i = self._position.get(hit.id)
            if i is not None and keep[i] and hit.score >= self.dense_min:
                found.append((i, hit.score))
        return found
