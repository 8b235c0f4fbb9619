"""Grouping customer wordings by meaning: lexical tokens by default, sentence embeddings when a
model that reads the language is installed (here the real all-MiniLM-L6-v2, on English)."""

from __future__ import annotations

import pytest

from copilot.curation.cluster import cluster


def test_lexical_clusters_chinese_wordings_most_frequent_first():
    texts = ["你们公司在哪个城市", "公司在哪个城市啊", "你们公司在哪个城市", "可以用信用卡交保费吗",
             "信用卡能交保费吗", "有没有线下门店"]
    groups, method = cluster(texts, "zh")
    assert method == "lexical"
    assert [g.size for g in groups] == [3, 2, 1]
    assert groups[0].representative == "你们公司在哪个城市"
    assert set(groups[1].texts) == {"可以用信用卡交保费吗", "信用卡能交保费吗"}


@pytest.mark.slow
def test_embeddings_group_paraphrases_without_shared_words(minilm_path):
    from copilot.retrieval.embedder import load_embedder_from

    embedder = load_embedder_from(minilm_path)
    texts = ["how much does it cost per year", "what is the yearly price",
             "how much does it cost per year", "can I cancel the policy later",
             "is it possible to cancel afterwards"]
    groups, method = cluster(texts, "en", embedder)
    assert method.startswith("embeddings ")
    assert sorted(g.size for g in groups) == [2, 3]
    price = next(g for g in groups if g.size == 3)
    assert set(price.texts) == {"how much does it cost per year", "what is the yearly price"}
    # the same English model cannot read Chinese: clustering falls back to lexical tokens
    _, method = cluster(["你们公司在哪个城市", "公司在哪个城市啊"], "zh", embedder)
    assert method == "lexical"
