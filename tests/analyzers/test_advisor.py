"""Advisor as tables: customer utterance -> signals, suggestions, facts, on the inline KB."""

from __future__ import annotations

import pytest

SIGNAL_TABLE = [
    ("太贵了，我买不起", {"objection_price"}),
    ("这个价格我实在是承受不起啊", {"objection_price"}),  # example similarity, no pattern
    ("我再考虑考虑", {"objection_think_about_it"}),
    ("我真的不需要，你别再打了", {"customer_refusal"}),
    ("我不是不需要，就是太贵了", {"objection_price"}),  # negated refusal
    ("贵不贵无所谓，主要看保障", set()),
    ("你们不买不行吗", set()),  # exception: a question, not a refusal
    ("嗯，好的，您说", set()),
]


def of_type(events, kind):
    return [e for e in events if e.type == kind]


@pytest.mark.parametrize(("text", "expected"), SIGNAL_TABLE)
def test_signals_table(new_call, text, expected):
    events = new_call().say("customer", text)
    assert {s.signal for s in of_type(events, "signal")} == expected


def test_advisor_speech_gives_no_signals(call):
    assert of_type(call.say("advisor", "您是不是觉得太贵了"), "signal") == []


def test_suggestion_handles_the_signal(call):
    events = call.say("customer", "太贵了")
    suggestions = of_type(events, "suggestion")
    assert [s.item_id for s in suggestions] == ["sc_price"]
    assert suggestions[0].answers == "objection_price" and suggestions[0].handles == ("objection_price",)
    assert len(suggestions) <= 3


def test_suggestion_not_repeated_within_window(call):
    first = call.say("customer", "太贵了", t_ms=10_000)
    again = call.say("customer", "真的太贵了", t_ms=40_000)
    later = call.say("customer", "还是太贵了", t_ms=80_000)
    assert [s.item_id for s in of_type(first, "suggestion")] == ["sc_price"]
    assert of_type(again, "suggestion") == []
    assert [s.item_id for s in of_type(later, "suggestion")] == ["sc_price"]


def test_question_without_signal_gets_similar_script(call):
    events = call.say("customer", "你们这个保险保什么呀")
    assert [s.item_id for s in of_type(events, "suggestion")] == ["sc_intro"]
    assert of_type(events, "signal") == []


def test_fact_when_feature_asked(call):
    events = call.say("customer", "这个等待期多久啊")
    facts = of_type(events, "fact")
    assert [f.item_id for f in facts] == ["med.wait"] and facts[0].product == "med"
    assert facts[0].product_name == "安心百万医疗险"  # shown on the card, not the id


def test_no_fact_for_small_talk(call):
    assert of_type(call.say("customer", "今天天气不错"), "fact") == []
