"""Reciprocal-rank fusion: the maths by hand, then on the real lexical and dense indexes."""

from __future__ import annotations

import pytest

from copilot.retrieval.fusion import RRF_K, reciprocal_rank_fusion


def test_rrf_by_hand() -> None:
    fused = dict(reciprocal_rank_fusion([["a", "b", "c"], ["b", "d"]], k=60))
    assert fused["b"] == pytest.approx(1 / 62 + 1 / 61)
    assert fused["a"] == pytest.approx(1 / 61)
    assert fused["d"] == pytest.approx(1 / 62)
    assert fused["c"] == pytest.approx(1 / 63)
    order = [i for i, _ in reciprocal_rank_fusion([["a", "b", "c"], ["b", "d"]], k=60)]
    assert order == ["b", "a", "d", "c"]  # a and d tie-break... a ranks first in its list: 1/61 > 1/62


def test_rrf_weights_and_ties() -> None:
    fused = reciprocal_rank_fusion([["x"], ["y"]], k=1, weights=[2.0, 1.0])
    assert fused == [("x", 1.0), ("y", 0.5)]
    assert reciprocal_rank_fusion([["p"], ["q"]]) == [("p", 1 / 61), ("q", 1 / 61)]  # ties by id


@pytest.mark.slow
def test_hybrid_scores_are_rrf_of_the_real_rankings(en_retriever) -> None:
    query = "can I cancel and get my money back"
    depth = 50
    lexical = [h.id for h in en_retriever.search(query, k=depth, mode="lexical")]
    dense = [h.id for h in en_retriever.search(query, k=depth, mode="dense")]
    expected = {}
    for ranking in (lexical, dense):
        for rank, item_id in enumerate(ranking, start=1):
            expected[item_id] = expected.get(item_id, 0.0) + 1 / (RRF_K + rank)
    hybrid = en_retriever.search(query, k=10, mode="hybrid")
    assert [h.id for h in hybrid] == sorted(expected, key=lambda i: (-expected[i], i))[:10]
    for hit in hybrid:
        assert hit.score == pytest.approx(expected[hit.id])
    both = set(lexical[:5]) & set(dense[:5])
    assert both <= {h.id for h in hybrid}, "items both modes rank highly stay on top"
