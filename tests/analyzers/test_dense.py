"""Dense matching with the real all-MiniLM-L6-v2: used where the model reads the KB's language,
switched off with a notice where it cannot (an English model on a Chinese KB)."""

from __future__ import annotations

import pytest

from copilot.analyzers import build_analyzers
from copilot.analyzers.matcher import Cutoffs, ExampleMatcher, Target
from copilot.text import normalize

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def minilm(minilm_path):
    from copilot.retrieval import load_embedder_from

    return load_embedder_from(minilm_path)


def test_dense_matches_english_paraphrase(minilm):
    targets = [
        Target("objection_price", examples=("It is too expensive for me", "I cannot afford the premium")),
        Target("customer_refusal", examples=("I am not interested, do not call me again",)),
    ]
    matcher = ExampleMatcher(targets, Cutoffs(lexical=0.9, dense=0.45), normalize, embedder=minilm)
    found = matcher.match(normalize("honestly the price is way more than my budget"), final=True)
    assert {k: m.via for k, m in found.items()} == {"objection_price": "dense"}
    assert matcher.match(normalize("the price is way more than my budget"), final=False) == {}


def test_dense_switched_off_with_notice_on_chinese_kb(minilm, kb):
    from copilot.session import Session

    session = Session(analyzers=build_analyzers(kb, None, embedder=minilm))
    codes = [e.code for e in session.start() if e.type == "notice"]
    assert "dense_matching_off" in codes
