"""Reciprocal-rank fusion: combine rankings by position, not by incomparable raw scores.

BM25 scores and cosine similarities live on different scales; RRF (Cormack et al., 2009) scores
an item by sum(1 / (k + rank)) over the rankings it appears in, which is robust and needs no tuning.
"""

from __future__ import annotations

RRF_K = 60


def reciprocal_rank_fusion(
    rankings: list[list[str]], k: int = RRF_K, weights: list[float] | None = None
) -> list[tuple[str, float]]:
    """Ids by fused score, best first; each ranking lists ids best first (rank 1 = first)."""
    weights = weights or [1.0] * len(rankings)
    fused: dict[str, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, item_id in enumerate(ranking, start=1):
            fused[item_id] = fused.get(item_id, 0.0) + weight / (k + rank)
    return sorted(fused.items(), key=lambda pair: (-pair[1], pair[0]))
