"""What gets indexed for each item.

Vectors: one row for the item itself and one per example question, an item scoring as its best
row: a customer's question is closest in meaning to one of the trainer's example questions, and
averaging them into one vector blurs that. BM25: one document per item with title, text, tags and
all examples together; measured on demo-zh this beats best-of-rows by far (Recall@5 0.98 vs 0.89),
because paraphrases share words with several examples and the answer at once.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np

from copilot.kb import Item, KnowledgeBase


@dataclass(frozen=True)
class Rows:
    texts: list[str]  # what is embedded / tokenised for each row
    item_of: np.ndarray  # row -> index into items

    def __len__(self) -> int:
        return len(self.texts)


def item_document(item: Item) -> str:
    """The item's own row: title, text and tags (tags are the trainer's key terms)."""
    parts = [item.title, item.text, " ".join(item.tags)]
    return "\n".join(p for p in parts if p)


def lexical_document(item: Item, product_names: str = "") -> str:
    """The item's BM25 document: its own text, every example question, and the names customers
    use for its product ("百万医疗啥价位" names the product, not the aspect)."""
    return "\n".join([item_document(item), *item.examples, product_names])


def product_names(kb: KnowledgeBase) -> dict[str, str]:
    return {p.id: " ".join([p.name, *p.aliases]) for p in kb.products}


def build_rows(items: list[Item]) -> Rows:
    texts: list[str] = []
    owners: list[int] = []
    for index, item in enumerate(items):
        texts.append(item_document(item))
        owners.append(index)
        for example in item.examples:
            if example.strip():
                texts.append(example)
                owners.append(index)
    return Rows(texts, np.asarray(owners, dtype=np.int64))


def text_key(text: str) -> str:
    """Content hash of a row's text: embeddings are cached under it, per model."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


def best_per_item(row_scores: np.ndarray, item_of: np.ndarray, n_items: int) -> np.ndarray:
    """Each item's maximum row score (-inf for items none of whose rows scored)."""
    scores = np.full(n_items, -np.inf, dtype=np.float64)
    np.maximum.at(scores, item_of, row_scores)
    return scores
