"""Chinese lexical retrieval on the bundled demo-zh KB (no Chinese embedding model exists here)."""

from __future__ import annotations

import pytest

from copilot.retrieval.evaluate import evaluate, read_queries
from copilot.retrieval.tokenize import BIGRAM, Tokenizer, kb_terms


def test_kb_terms_come_from_the_kb_and_stay_whole(zh_kb) -> None:
    terms = kb_terms(zh_kb)
    assert "犹豫期" in terms and "等待期" in terms  # written as tags/titles in demo-zh
    words = Tokenizer.for_kb(zh_kb)("犹豫期内退保")
    assert "犹豫期" in words
    plain = Tokenizer("zh")("犹豫期内退保")  # without the KB's dictionary jieba splits it
    assert "犹豫期" not in plain
    assert BIGRAM + "犹豫" in words and BIGRAM + "豫期" in words


def test_asr_spacing_and_numerals_tokenise_like_clean_text(zh_kb) -> None:
    tokenize = Tokenizer.for_kb(zh_kb)
    assert tokenize("三 十 五 岁 买 医 疗 险") == tokenize("35岁买医疗险")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("犹豫期内退保能全额退吗", "cooling_off"),
        ("买 了 多 久 开 始 保", "waiting_period"),
        ("太贵了一年好几百", "price_"),
        ("我得回去跟我老婆商量一下", "family"),
    ],
)
def test_customer_questions_find_the_right_kind_of_item(zh_retriever, query, expected) -> None:
    hits = zh_retriever.search(query, k=3, mode="lexical")
    assert any(expected in h.id for h in hits), [h.id for h in hits]


def test_demo_zh_lexical_recall_at_5_meets_target(zh_retriever, demo_kb_dir) -> None:
    queries = read_queries(demo_kb_dir / "eval" / "queries.jsonl", need_relevant=True)
    assert len(queries) >= 200
    metrics = evaluate(zh_retriever, queries, "lexical")
    assert metrics.recall_at_5 >= 0.85, metrics
    assert metrics.recall_at_1 <= metrics.recall_at_5 and 0 < metrics.mrr <= 1


def test_without_a_model_hybrid_is_lexical_and_says_so(zh_retriever) -> None:
    assert not zh_retriever.has_dense
    assert "lexical only" in zh_retriever.notice
    query = "等待期多长时间"
    assert zh_retriever.search(query, k=5) == zh_retriever.search(query, k=5, mode="lexical")
