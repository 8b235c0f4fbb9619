"""Grouping sentences that say the same thing, so `kb gaps` lists needs, not individual wordings.

"太贵了" and "这个保费有点贵啊" should count as one gap. Sentences are compared by the retrieval
tokens (jieba words plus character bigrams, copilot.retrieval.tokenize) with cosine similarity,
or by sentence embeddings when a model is installed and reads the language (an English model
turns Chinese into unknown tokens, so it is only used when it can read the text). Clustering is
greedy and deterministic: most frequent wording first, each joins the closest cluster above the
cut-off, otherwise starts its own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

LEXICAL_CUTOFF = 0.5
DENSE_CUTOFF = 0.6  # all-MiniLM-L6-v2: paraphrases 0.65-0.8, unrelated questions < 0.4
MAX_UNKNOWN_RATE = 0.2


@dataclass
class Cluster:
    texts: list[str] = field(default_factory=list)  # one per occurrence
    members: list[int] = field(default_factory=list)  # indexes into the caller's records

    @property
    def size(self) -> int:
        return len(self.members)

    @property
    def representative(self) -> str:
        return Counter(self.texts).most_common(1)[0][0]

    def variants(self, n: int = 3) -> list[str]:
        return [t for t, _ in Counter(self.texts).most_common(n + 1) if t != self.representative][:n]


def lexical_vectors(texts: Sequence[str], tokenize: Callable[[str], list[str]]) -> np.ndarray:
    vocabulary: dict[str, int] = {}
    bags = [Counter(tokenize(t)) for t in texts]
    for bag in bags:
        for token in bag:
            vocabulary.setdefault(token, len(vocabulary))
    matrix = np.zeros((len(texts), max(len(vocabulary), 1)), dtype=np.float32)
    for row, bag in enumerate(bags):
        for token, count in bag.items():
            matrix[row, vocabulary[token]] = 1.0 + np.log(count)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


def cluster_texts(texts: Sequence[str], vectors: np.ndarray, cutoff: float) -> list[Cluster]:
    """Greedy clustering of `texts` (rows of normalised `vectors`), biggest clusters first."""
    distinct = [t for t, _ in Counter(texts).most_common()]
    index_of = {t: i for i, t in enumerate(texts)}
    clusters: list[Cluster] = []
    centroids: list[np.ndarray] = []
    assigned: dict[str, int] = {}
    for text in distinct:
        vector = vectors[index_of[text]]
        best, best_score = -1, cutoff
        for number, centroid in enumerate(centroids):
            score = float(vector @ centroid)
            if score >= best_score:
                best, best_score = number, score
        if best < 0:
            clusters.append(Cluster())
            centroids.append(vector.copy())
            best = len(clusters) - 1
        assigned[text] = best
    for i, text in enumerate(texts):
        cluster = clusters[assigned[text]]
        cluster.texts.append(text)
        cluster.members.append(i)
    return sorted(clusters, key=lambda c: (-c.size, c.representative))


def cluster(texts: Sequence[str], language: str = "zh", embedder=None) -> tuple[list[Cluster], str]:
    """Clusters and the method used ("embeddings <model>" or "lexical")."""
    if not texts:
        return [], "lexical"
    if embedder is not None and embedder.unknown_token_rate(list(texts)) <= MAX_UNKNOWN_RATE:
        return cluster_texts(texts, embedder.encode(list(texts)), DENSE_CUTOFF), (
            f"embeddings {embedder.model_id}"
        )
    from copilot.retrieval.tokenize import Tokenizer

    tokenizer = Tokenizer(language)
    return cluster_texts(texts, lexical_vectors(texts, tokenizer), LEXICAL_CUTOFF), "lexical"
