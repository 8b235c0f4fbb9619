"""The index cache: an unchanged KB reuses everything; an edit re-embeds only what changed."""

from __future__ import annotations

import shutil

import pytest

from copilot.kb import load_kb
from copilot.retrieval import Retriever
from copilot.retrieval.rows import build_rows

pytestmark = pytest.mark.slow


@pytest.fixture
def en_copy(demo_en_kb_dir, tmp_path):
    """A part of demo-en (one product, two script files): enough rows, quick to embed."""
    copy = tmp_path / "demo-en"
    for rel in ("kb.yaml", "products/health_shield.yaml", "scripts/closing.yaml",
                "scripts/opening.yaml"):
        (copy / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(demo_en_kb_dir / rel, copy / rel)
    return copy


def test_second_build_reuses_cache_and_edit_reembeds_one_row(en_copy, minilm, tmp_path) -> None:
    cache = tmp_path / "cache"
    kb = load_kb(en_copy)
    first = Retriever.for_kb(kb, embedder=minilm, cache_dir=cache)
    unique_rows = len(set(build_rows(kb.items()).texts))
    assert first.stats.embedded == unique_rows and first.stats.reused == 0
    assert not first.stats.lexical_cached and first.stats.dense_kind == "flat"

    second = Retriever.for_kb(load_kb(en_copy), embedder=minilm, cache_dir=cache)
    assert second.stats.embedded == 0 and second.stats.reused == unique_rows
    assert second.stats.lexical_cached
    query = "can I pay monthly"
    assert second.search(query, k=5) == first.search(query, k=5)

    script = en_copy / "scripts" / "closing.yaml"
    script.write_text(script.read_text(encoding="utf-8").replace(
        "within a day", "within two working days"), encoding="utf-8")
    edited_kb = load_kb(en_copy)
    edited = Retriever.for_kb(edited_kb, embedder=minilm, cache_dir=cache)
    assert edited.stats.embedded == 1, "only the edited script's own row is new"
    assert not edited.stats.lexical_cached, "BM25 statistics depend on every document"
    assert "two working days" in edited_kb.item("en_wrap_up_next_steps").text
    hits = edited.search("when do the policy papers arrive", k=3, mode="dense")
    assert hits[0].id == "en_wrap_up_next_steps"


def test_lexical_cache_is_keyed_by_content(en_copy, tmp_path) -> None:
    cache = tmp_path / "cache"
    first = Retriever.for_kb(load_kb(en_copy), cache_dir=cache)
    again = Retriever.for_kb(load_kb(en_copy), cache_dir=cache)
    assert not first.stats.lexical_cached and again.stats.lexical_cached
    assert again.search("deductible", k=3, mode="lexical") == first.search("deductible", k=3, mode="lexical")


def test_hnsw_can_be_forced_and_agrees_with_flat_on_a_small_kb(en_kb, minilm, en_retriever,
                                                              en_index_cache) -> None:
    flat = en_retriever
    hnsw = Retriever.for_kb(en_kb, embedder=minilm, cache_dir=en_index_cache, index_kind="hnsw")
    assert hnsw.stats.dense_kind == "hnsw" and hnsw.stats.embedded == 0
    for query in ("that's too expensive", "how do I make a claim", "is my money safe"):
        assert [h.id for h in hnsw.search(query, k=3, mode="dense")] == [
            h.id for h in flat.search(query, k=3, mode="dense")]
    reloaded = Retriever.for_kb(en_kb, embedder=minilm, cache_dir=en_index_cache, index_kind="hnsw")
    assert reloaded.dense is not None and len(reloaded.dense) == len(hnsw.dense)
