"""What gets indexed for each item: one row for the item itself and one per example.

Customers' questions resemble the trainer's example questions far more than the answer text, so
each example is its own row (for both BM25 and vectors) and an item scores as its best row.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np

from copilot.kb import Item


@dataclass(frozen=True)
class Rows:
    texts: list[str]  # what is embedded / tokenised for each row
    item_of: np.ndarray  # row -> index into items
    items: list[Item]

    def __len__(self) -> int:
        return len(self.texts)


def item_document(item: Item) -> str:
    """The item's own row: title, text and tags (tags are the trainer's key terms)."""
    parts = [item.title, item.text, " ".join(item.tags)]
    return "\n".join(p for p in parts if p)


def build_rows(items: list[Item], with_examples: bool = True) -> Rows:
    texts: list[str] = []
    owners: list[int] = []
    for index, item in enumerate(items):
        texts.append(item_document(item))
        owners.append(index)
        if with_examples:
            for example in item.examples:
                if example.strip():
                    texts.append(example)
                    owners.append(index)
    return Rows(texts, np.asarray(owners, dtype=np.int64), list(items))


def text_key(text: str) -> str:
    """Content hash of a row's text: embeddings are cached under it, per model."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


def best_per_item(row_scores: np.ndarray, item_of: np.ndarray, n_items: int) -> np.ndarray:
    """Each item's maximum row score (-inf for items none of whose rows scored)."""
    scores = np.full(n_items, -np.inf, dtype=np.float64)
    np.maximum.at(scores, item_of, row_scores)
    return scores
