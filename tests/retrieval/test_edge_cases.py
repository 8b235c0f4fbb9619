"""Edge cases a live call produces: empty KBs, punctuation-only utterances, huge k."""

from __future__ import annotations

import shutil

from copilot.kb import load_kb
from copilot.retrieval import Retriever


def test_a_kb_without_items_finds_nothing(demo_en_kb_dir, tmp_path) -> None:
    (tmp_path / "kb").mkdir()
    shutil.copy(demo_en_kb_dir / "kb.yaml", tmp_path / "kb" / "kb.yaml")
    retriever = Retriever.for_kb(load_kb(tmp_path / "kb"), cache_dir=tmp_path / "cache")
    assert retriever.items == [] and retriever.search("price") == []


def test_punctuation_and_fillers_only_find_nothing(zh_retriever) -> None:
    assert zh_retriever.search("。。。？！", k=5) == []
    assert zh_retriever.search("嗯啊", k=5) == []  # fillers from kb.yaml are removed first


def test_k_larger_than_the_kb_returns_every_match_once(zh_retriever) -> None:
    hits = zh_retriever.search("保险", k=10_000, mode="lexical")
    ids = [h.id for h in hits]
    assert len(ids) == len(set(ids)) <= len(zh_retriever.items)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_a_korean_kb_is_searched_by_its_own_words(tmp_path) -> None:
    """Spaced scripts other than English (Hangul here) are words too, not dropped as punctuation."""
    from pathlib import Path

    ko_kb = Path(__file__).resolve().parents[1] / "speech" / "ko_kb"
    retriever = Retriever.for_kb(load_kb(ko_kb), cache_dir=tmp_path / "cache")
    hits = retriever.search("보험료가 비싸요", k=3, mode="lexical")
    assert hits and hits[0].id == "ko_price_daily"
