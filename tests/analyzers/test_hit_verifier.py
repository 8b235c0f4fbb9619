"""The hit verifier: a violation pattern's hit is judged in its whole turn before it is confirmed.

On the real demo KB (the verifier learns from its labelled lines): a forbidden phrase the
advisor reports, quotes or names inside a disclosure is withdrawn on the final; the same
phrases said as claims stand. Each withdrawn case is checked to be a pattern hit that the guard
confirms with the verifier switched off, so the table shows what the verifier changes.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from copilot.analyzers import build_analyzers
from copilot.analyzers.config import load_config
from copilot.analyzers.hit_verifier import MIN_EACH, HitSample, HitVerifier, hit_samples
from copilot.kb import load_kb
from copilot.patterns import PatternSet
from copilot.session import Session, SessionInfo
from copilot.settings import Settings
from copilot.utterance import Utterance

# (advisor turn, violations confirmed with the verifier, violations confirmed without it)
TURNS = [
    # reported, then corrected later in the turn
    ("听别人讲什么最后一天要停售了，我们公司从来没发过这种通知", set(), {"false_urgency"}),
    # the forbidden word named as forbidden
    ("我们这边严禁返佣，您要是听到谁说返现都可以举报", set(), {"rebate_or_gift"}),
    # a customer's question reported and answered
    ("有客户问我是不是跟存款一样，我都会说清楚，它不是存款", set(), {"deposit_confusion"}),
    # a refund inside the cooling-off disclosure, not a surrender promise
    ("犹豫期内您不想要了，保费全部退回，一分不扣", set(), {"surrender_inducement"}),
    # the same kinds of phrase said as claims stand
    ("今天是最后一天，明天就停售了，您赶紧定下来", {"false_urgency", "pressure_tactics"},
     {"false_urgency", "pressure_tactics"}),
    ("您签了我私下返您两百块钱现金", {"rebate_or_gift"}, {"rebate_or_gift"}),
    ("这款产品保本保息，到期本金利息一分不少", {"deposit_confusion", "guaranteed_return"},
     {"deposit_confusion", "guaranteed_return"}),
]


@pytest.fixture(scope="module")
def demo_kb(demo_kb_dir):
    return load_kb(demo_kb_dir)


@pytest.fixture(scope="module")
def with_verifier(demo_kb):
    return build_analyzers(demo_kb, Settings())


@pytest.fixture(scope="module")
def without_verifier(demo_kb):
    config = load_config(demo_kb, Settings())
    off = replace(config, thresholds=replace(config.thresholds, verify_violation=0.0))
    return build_analyzers(demo_kb, Settings(), config=off)


def session_with(analyzers) -> Session:
    session = Session(analyzers=analyzers, info=SessionInfo(started_at=datetime(2026, 11, 20, 10, 0).astimezone()))
    session.start()
    return session


def advisor_says(analyzers, text: str):
    return session_with(analyzers).feed(Utterance("u1", "advisor", 0, 3000, text))


def confirmed(events) -> set[str]:
    return {e.category for e in events if e.type == "violation" and e.status == "confirmed"}


@pytest.mark.parametrize(("text", "expected", "unverified"), TURNS)
def test_a_hit_is_judged_in_its_whole_turn(with_verifier, without_verifier, text, expected, unverified):
    assert confirmed(advisor_says(without_verifier, text)) == unverified
    assert confirmed(advisor_says(with_verifier, text)) == expected


def test_a_reported_phrase_is_raised_at_once_on_the_partial_then_withdrawn_on_the_final(with_verifier):
    session = session_with(with_verifier)
    partial = session.feed(Utterance("u1", "advisor", 0, 1500, "听别人讲什么最后一天要停售了", final=False))
    final = session.feed(Utterance("u1", "advisor", 0, 3500, "听别人讲什么最后一天要停售了，我们公司从来没发过这种通知"))
    assert [(e.category, e.status) for e in partial if e.type == "violation"] == [("false_urgency", "raised")]
    assert [(e.category, e.status) for e in final if e.type == "violation"] == [("false_urgency", "withdrawn")]


def test_the_demo_verifier_learns_from_the_kb(with_verifier):
    guard = next(a for a in with_verifier if hasattr(a, "verifier"))
    assert guard.verifier, "the demo KB has enough labelled lines to train it"


def test_hit_samples_take_raw_hits_and_label_them_by_category():
    rules = [("guaranteed_return", PatternSet(["保本"]).first_raw), ("deposit_confusion", PatternSet(["存款"]).first_raw)]
    samples = hit_samples(
        [("这个不保本", []), ("这个保本，跟存款一样", ["deposit_confusion"])], rules, lambda t: t,
    )
    assert samples == [
        HitSample("这个不保本", 3, 5, False),  # raw: reading the negation is the verifier's job
        HitSample("这个保本，跟存款一样", 2, 4, False),
        HitSample("这个保本，跟存款一样", 6, 8, True),
    ]


def test_with_too_few_labelled_hits_the_verifier_stays_off_and_patterns_stand():
    few = [HitSample("保本", 0, 2, True)] * MIN_EACH + [HitSample("不保本", 1, 3, False)] * (MIN_EACH - 1)
    verifier = HitVerifier(few)
    assert not verifier
    assert verifier.probability("保本", 0, 2) == 1.0


def test_a_small_kb_confirms_its_patterns_without_a_verifier(kb):
    analyzers = build_analyzers(kb, Settings())
    guard = next(a for a in analyzers if hasattr(a, "verifier"))
    assert not guard.verifier
