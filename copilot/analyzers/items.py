"""Finding the KB's scripts and facts that fit what the customer just said.

Each item is represented by its example customer utterances and by its title plus text; an
item's score is its best document's cosine (copilot.analyzers.lexical), so scores are on the same
0..1 scale as every other threshold. Filters (kind, product, handled signals) are masks over the
item arrays, which keeps one query over a 10k-item KB to about a millisecond.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from copilot.analyzers.lexical import NgramIndex


@dataclass(frozen=True, slots=True)
class ItemHit:
    item: object  # copilot.kb.model.Item
    score: float


class ItemFinder:
    """`tag_boost` is added to an item's score when the text names one of its tags (犹豫期,
    免赔额...): a customer naming a feature is asking about it, however short the question."""

    def __init__(self, items, normalize, tag_boost: float = 0.0, dense=None, dense_min: float = 1.01) -> None:
        self.items = list(items)
        self.tag_boost = tag_boost
        # copilot.retrieval's Retriever with a dense index: meaning-level matches join the
        # lexical ones when their cosine reaches `dense_min` (models that read the KB only).
        self.dense = dense if dense is not None and getattr(dense, "has_dense", False) else None
        self.dense_min = dense_min
        self._position = {item.id: i for i, item in enumerate(self.items)}
        self._tagged: dict[str, list[int]] = {}
        for i, item in enumerate(self.items):
            for tag in {normalize(t) for t in item.tags}:
                if len(tag) >= 2:
                    self._tagged.setdefault(tag, []).append(i)
        ordered = sorted(self._tagged, key=len, reverse=True)
        self._tags = re.compile("|".join(map(re.escape, ordered))) if ordered else None
        docs, owners = [], []
        for i, item in enumerate(self.items):
            for text in [*item.examples, f"{item.title}。{item.text}" if item.title else item.text]:
                docs.append(normalize(text))
                owners.append(i)
        self._owner = np.array(owners, dtype=np.int64)
        self._index = NgramIndex(docs)
        self._kind = np.array([item.kind for item in self.items])
        self._product = np.array([item.product or "" for item in self.items])
        self._handles: dict[str, np.ndarray] = {}
        for i, item in enumerate(self.items):
            for signal in item.handles:
                mask = self._handles.setdefault(signal, np.zeros(len(self.items), dtype=bool))
                mask[i] = True

    def search(
        self,
        text: str,
        k: int = 3,
        kind: str | None = None,
        products: tuple[str, ...] = (),
        handles: tuple[str, ...] = (),
        min_score: float = 0.0,
    ) -> list[ItemHit]:
        """Top-k items by similarity; `products` keeps those products' items and product-less ones."""
        if not self.items:
            return []
        doc_scores = self._index.scores(text)
        scores = np.zeros(len(self.items), dtype=np.float32)
        np.maximum.at(scores, self._owner, doc_scores)
        if self._tags is not None and self.tag_boost:
            named = {i for m in self._tags.finditer(text) for i in self._tagged[m.group(0)]}
            if named:
                idx = np.fromiter(named, dtype=np.int64)
                scores[idx] = np.minimum(1.0, scores[idx] + self.tag_boost)
        keep = np.ones(len(self.items), dtype=bool)
        if kind:
            keep &= self._kind == kind
        if products:
            keep &= np.isin(self._product, [*products, ""])
        if handles:
            none = np.zeros(len(self.items), dtype=bool)
            keep &= np.logical_or.reduce([self._handles.get(h, none) for h in handles])
        scores = np.where(keep & (scores >= min_score), scores, -1.0)
        if self.dense is not None:
            self._add_dense(text, k, kind, handles, keep, scores)
        top = np.argsort(-scores)[: k * 4]
        return [ItemHit(self.items[i], float(scores[i])) for i in top if scores[i] >= 0][:k]

    def _add_dense(self, text, k, kind, handles, keep: np.ndarray, scores: np.ndarray) -> None:
        for hit in self.dense.search(text, k=k * 4, mode="dense", kind=kind, handles=list(handles) or None):
            i = self._position.get(hit.id)
            if i is not None and keep[i] and hit.score >= self.dense_min:
                scores[i] = max(scores[i], hit.score)
