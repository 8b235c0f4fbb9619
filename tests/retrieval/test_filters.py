"""Filters narrow results to items of a kind, product, stage or handled signal, in every mode."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow
MODES = ("lexical", "dense", "hybrid")


@pytest.mark.parametrize("mode", MODES)
def test_kind_filter(en_retriever, mode) -> None:
    for kind in ("fact", "script"):
        hits = en_retriever.search("how much does it cost", k=8, mode=mode, kind=kind)
        assert hits and {h.kind for h in hits} == {kind}


@pytest.mark.parametrize("mode", MODES)
def test_product_filter_keeps_that_product_and_general_items(en_retriever, mode) -> None:
    hits = en_retriever.search("what happens if I cancel", k=10, mode=mode, product="future_saver")
    assert hits
    assert {h.item.product for h in hits} <= {"future_saver", ""}
    assert any(h.item.product == "future_saver" for h in hits)


@pytest.mark.parametrize("mode", MODES)
def test_handles_filter_returns_only_scripts_for_that_signal(en_retriever, mode) -> None:
    hits = en_retriever.search("I need to ask my family", k=5, mode=mode, handles="objection_family_decision")
    assert {h.id for h in hits} == {"en_family_spouse", "en_family_children"}
    assert all("objection_family_decision" in h.item.handles for h in hits)
    several = en_retriever.search("too expensive", k=10, mode=mode,
                                  handles=["objection_price", "objection_trust"])
    assert all({"objection_price", "objection_trust"} & set(h.item.handles) for h in several)


@pytest.mark.parametrize("mode", MODES)
def test_stage_filter(en_retriever, mode) -> None:
    hits = en_retriever.search("let's sign up", k=10, mode=mode, stage="closing")
    assert hits and all(h.item.stage in ("closing", "") for h in hits)
    assert any(h.item.stage == "closing" for h in hits)


@pytest.mark.parametrize("mode", ["lexical", "dense"])
def test_filtered_search_returns_the_best_allowed_items(en_retriever, mode) -> None:
    """Filtering happens inside the index, not by cutting a short unfiltered list."""
    query = "is this a scam"
    everything = en_retriever.search(query, k=len(en_retriever.items), mode=mode)
    allowed = [h.id for h in everything if h.kind == "fact"][:5]
    assert [h.id for h in en_retriever.search(query, k=5, mode=mode, kind="fact")] == allowed


def test_filter_matching_nothing_gives_no_hits(en_retriever) -> None:
    assert en_retriever.search("price", mode="hybrid", handles="no_such_signal") == []
