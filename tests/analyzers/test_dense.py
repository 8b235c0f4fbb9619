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


def english_kb(root):
    from copilot.kb import KnowledgeBase
    from copilot.kb.model import KbMeta, Script, Sop, SopStage, SopStep

    sop = Sop(id="s", name="s", stages=[SopStage(id="opening", label="Opening", steps=[
        SopStep(id="greet", label="Greet", examples=["Hello, am I speaking with Mr Smith?"])])])
    scripts = [
        Script(id="sc_price", title="Price", stage="objection_handling", text="It costs less than a coffee a day.",
               examples=["It is too expensive for me", "I cannot afford the premium"]),
        Script(id="sc_claims", title="Claims", stage="product_introduction",
               text="You report a claim by phone and we pay within ten working days.",
               examples=["How do I make a claim?"]),
    ]
    meta = KbMeta(id="en", name="en", language="en", version="1", default_sop="s")
    return KnowledgeBase(root=root, meta=meta, scripts=scripts, sops=[sop])


def test_dense_suggestions_on_an_english_kb(minilm, tmp_path):
    from copilot.session import Session
    from copilot.utterance import Utterance

    session = Session(analyzers=build_analyzers(english_kb(tmp_path), None, embedder=minilm))
    session.start()
    utt = Utterance("u1", "customer", 0, 2000, "honestly that price is way beyond my budget")
    suggestions = [e for e in session.feed(utt) if e.type == "suggestion"]
    assert [s.item_id for s in suggestions] == ["sc_price"]


def test_every_session_gets_fresh_analyzers_with_an_embedding_model(minilm_path, demo_en_kb_dir):
    """Sessions copy analyzers from a template; the search index (its locks and caches) is shared,
    not copied: with a model set, copying it used to fail at the start of every call."""
    from copilot.pipeline import open_session
    from copilot.settings import Settings
    from copilot.utterance import Utterance

    settings = Settings(kb_dir=demo_en_kb_dir, embedding_model=str(minilm_path))
    cards = []
    for n in range(2):
        session = open_session(settings)
        session.start()
        utt = Utterance(f"u{n}", "customer", 0, 2000, "honestly that is way beyond what I can spend")
        cards.append([e.item_id for e in session.feed(utt) if e.type == "suggestion"])
        session.finish()
    assert cards[0] == cards[1] and cards[0]
