"""Lexical similarity between what was said and the KB's example sentences.

Character n-grams need no word segmenter, survive ASR spacing and homophone noise better than
words, and work for Chinese and English alike. Sentences are TF-IDF vectors (sublinear term
frequency, smoothed IDF, L2-normalised); similarity is the cosine, so thresholds are on 0..1.
A spoken utterance often holds several clauses: it is scored as a whole, per clause and per pair
of adjacent clauses, and the best segment counts.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise

import numpy as np
from scipy import sparse

from copilot.text import clauses

_DROP = re.compile(r"[\s，。！？；：、,.!?;:\"'“”‘’（）()【】\[\]…—-]+")
UNIGRAM_WEIGHT = 0.5  # single characters carry meaning in Chinese, but less than pairs


def ngrams(text: str) -> Counter[str]:
    """Weighted character 1- and 2-grams of one segment (punctuation and spaces dropped)."""
    chars = _DROP.sub("", text)
    grams: Counter[str] = Counter()
    for ch in chars:
        grams[ch] += 1
    for i in range(len(chars) - 1):
        grams[chars[i : i + 2]] += 1
    return grams


def segments(text: str) -> list[str]:
    """The whole text, each clause, and each pair of adjacent clauses (deduplicated)."""
    parts = clauses(text)
    found = [text]
    found += parts if len(parts) > 1 else []
    found += [a + b for a, b in pairwise(parts)] if len(parts) > 2 else []
    return list(dict.fromkeys(s for s in found if s.strip()))


class NgramIndex:
    """Cosine similarity of a query against a fixed list of documents."""

    def __init__(self, docs: Sequence[str]) -> None:
        self.size = len(docs)
        counts = [ngrams(d) for d in docs]
        df: Counter[str] = Counter()
        for c in counts:
            df.update(c.keys())
        self.vocab = {g: i for i, g in enumerate(df)}
        self.idf = np.array(
            [math.log((self.size + 1) / (df[g] + 1)) + 1.0 for g in self.vocab], dtype=np.float32
        )
        self.matrix = self._vectors(counts).T.tocsr()  # vocab × docs, rows sliced per query gram

    def _vectors(self, counts: list[Counter[str]]) -> sparse.csr_matrix:
        rows, cols, vals = [], [], []
        for r, c in enumerate(counts):
            entries = [(self.vocab[g], self._weight(g, n)) for g, n in c.items() if g in self.vocab]
            norm = math.sqrt(sum(w * w for _, w in entries)) or 1.0
            for col, w in entries:
                rows.append(r)
                cols.append(col)
                vals.append(w / norm)
        shape = (len(counts), len(self.vocab))
        return sparse.csr_matrix((vals, (rows, cols)), shape=shape, dtype=np.float32)

    def _weight(self, gram: str, count: int) -> float:
        tf = 1.0 + math.log(count)
        return tf * float(self.idf[self.vocab[gram]]) * (UNIGRAM_WEIGHT if len(gram) == 1 else 1.0)

    def scores(self, text: str) -> np.ndarray:
        """Best cosine over the text's segments, for every document."""
        best = np.zeros(self.size, dtype=np.float32)
        if not self.size:
            return best
        for segment in segments(text):
            best = np.maximum(best, self.segment_scores(segment))
        return best

    def segment_scores(self, segment: str) -> np.ndarray:
        counts = ngrams(segment)
        entries = [(self.vocab[g], self._weight(g, n)) for g, n in counts.items() if g in self.vocab]
        if not entries:
            return np.zeros(self.size, dtype=np.float32)
        # The query norm counts grams unknown to the index too: unseen words lower the similarity.
        norm = math.sqrt(sum(self._query_weight(g, n) ** 2 for g, n in counts.items())) or 1.0
        cols = np.fromiter((c for c, _ in entries), dtype=np.int64)
        weights = np.fromiter((w for _, w in entries), dtype=np.float32) / norm
        return np.asarray(self.matrix[cols].T @ weights).ravel()

    def _query_weight(self, gram: str, count: int) -> float:
        if gram in self.vocab:
            return self._weight(gram, count)
        idf = math.log(self.size + 1) + 1.0
        return (1.0 + math.log(count)) * idf * (UNIGRAM_WEIGHT if len(gram) == 1 else 1.0)
