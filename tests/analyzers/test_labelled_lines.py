"""Labelled call lines (`labelled/*.jsonl`) teach the analyzers real wording: a line labelled on its
own teaches its categories and signals, a line of a whole call only its stage."""

from __future__ import annotations

from copilot.analyzers.stage_model import stage_examples
from copilot.kb.model import LabelledLine

# No pattern of the test KB matches these, and none of its examples reads like them.
PROMISES = ["放进来的钱只会多不会少", "这笔钱放我们这只多不少", "钱放进来只多不少的"]
SAID = "您这钱放进来只会多不会少"
HAGGLE = ["手头真紧巴巴的拿不出来", "一下子拿不出这么多钱来"]
HEARD = "我手头紧巴巴的拿不出这么多"


def violations(call, text: str) -> list[tuple[str, str]]:
    return [(e.category, e.rule_id) for e in call.say("advisor", text)
            if e.type == "violation" and e.status == "confirmed"]


def signals(call, text: str) -> set[str]:
    return {e.signal for e in call.say("customer", text) if e.type == "signal"}


def test_lines_labelled_on_their_own_teach_their_category_to_its_first_rule(kb, new_call):
    assert violations(new_call(), SAID) == []
    kb.labelled = [LabelledLine(speaker="advisor", text=t, violations=["guaranteed_return"]) for t in PROMISES]
    assert violations(new_call(), SAID) == [("guaranteed_return", "v_guarantee")]


def test_a_line_may_name_the_rule_it_teaches(kb, new_call):
    second = kb.rules[0].model_copy(update={"id": "v_guarantee_story", "patterns": [], "examples": []})
    kb.rules.append(second)
    kb.labelled = [
        LabelledLine(speaker="advisor", text=t, violations=["guaranteed_return"], rule="v_guarantee_story")
        for t in PROMISES
    ]
    assert violations(new_call(), SAID) == [("guaranteed_return", "v_guarantee_story")]


def test_lines_of_a_whole_call_do_not_teach_categories(kb, new_call):
    kb.labelled = [
        LabelledLine(speaker="advisor", text=t, violations=["guaranteed_return"], call="c1") for t in PROMISES
    ]
    assert violations(new_call(), SAID) == []


def test_customer_lines_teach_signals(kb, new_call):
    assert "objection_price" not in signals(new_call(), HEARD)
    kb.labelled = [LabelledLine(speaker="customer", text=t, signals=["objection_price"]) for t in HAGGLE]
    assert "objection_price" in signals(new_call(), HEARD)


def test_advisor_lines_teach_their_stage_calls_included(kb):
    kb.labelled = [
        LabelledLine(speaker="advisor", text="孩子几岁啦", stage="needs_discovery", call="c1"),
        LabelledLine(speaker="customer", text="八岁了", stage="needs_discovery", call="c1"),
    ]
    examples = stage_examples(kb, ["opening", "needs_discovery"])
    assert "孩子几岁啦" in examples["needs_discovery"] and "八岁了" not in examples["needs_discovery"]
