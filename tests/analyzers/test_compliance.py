"""ComplianceGuard as tables: (speaker, utterance) -> violation categories, on the inline KB."""

from __future__ import annotations

from datetime import datetime

import pytest

from copilot.events import StageEvent, StepDoneEvent
from copilot.settings import Settings
from copilot.utterance import Utterance

VIOLATION_TABLE = [
    # DOMAIN.md hard cases
    ("advisor", "这不是存款，也不保本", set()),
    ("advisor", "我们不承诺收益，保本是不可能的", set()),
    ("customer", "这是保本的吗？", set()),  # the customer may say forbidden words
    ("customer", "跟存款一样吗，稳赚吗", set()),
    ("advisor", "放我们这儿跟放银行差不多，到期本金一分不少", {"deposit_confusion", "guaranteed_return"}),
    ("advisor", "这 个 产 品 保 本 的", {"guaranteed_return"}),  # ASR spacing
    ("advisor", "您放心，绝对不亏", {"guaranteed_return"}),  # negation inside the pattern
    ("advisor", "这个跟存款一样，随存随取", {"deposit_confusion"}),
    ("advisor", "您今天必须定下来", {"pressure_tactics"}),
    ("advisor", "这款产品住院费用都能报销", set()),
]


def of_type(events, kind):
    return [e for e in events if e.type == kind]


@pytest.mark.parametrize(("speaker", "text", "expected"), VIOLATION_TABLE)
def test_violations_table(new_call, speaker, text, expected):
    events = new_call().say(speaker, text)
    violations = of_type(events, "violation")
    assert {v.category for v in violations} == expected
    assert all(v.status == "confirmed" for v in violations)
    for v in violations:
        assert v.text[v.span[0] : v.span[1]] == v.matched
        assert v.reason and v.article


def test_partial_raises_then_final_confirms_once(call):
    raised = call.say("advisor", "这个产品是保本", final=False, uid="a1")
    again = call.say("advisor", "这个产品是保本的，稳", final=False, uid="a1")
    final = call.say("advisor", "这个产品是保本的，稳赚", final=True, uid="a1")
    assert [(v.status, v.category) for v in of_type(raised, "violation")] == [("raised", "guaranteed_return")]
    assert of_type(again, "violation") == []  # no flicker, no duplicate
    assert [(v.status, v.rule_id) for v in of_type(final, "violation")] == [("confirmed", "v_guarantee")]


def test_the_verdict_is_never_stamped_before_the_alarm(call):
    """A partial's end is the audio fed so far (trailing silence included), a final's its last
    word; the confirmation must still come after the alarm on the session's clock."""
    raised = call.say("advisor", "这个产品是保本", final=False, uid="a1", t_ms=9400)
    final = call.say("advisor", "这个产品是保本的", final=True, uid="a1", t_ms=9100)
    assert [v.t_ms for v in of_type(raised + final, "violation")] == [9400, 9400]


def test_partial_withdrawn_when_final_negates(call):
    raised = call.say("advisor", "我们这个保本", final=False, uid="a1")
    final = call.say("advisor", "我们这个不保本", final=True, uid="a1")
    assert [v.status for v in of_type(raised, "violation")] == ["raised"]
    assert [v.status for v in of_type(final, "violation")] == ["withdrawn"]


def test_raised_on_partial_confirmed_when_call_ends_before_final(call):
    call.say("advisor", "这个产品是保本", final=False, uid="a1")
    ended = call.session.finish()
    assert [(v.type, v.status) for v in ended] == [("violation", "confirmed")]


def test_pressure_only_after_clear_refusal(call):
    before = call.say("advisor", "您看今天就帮您投保好吗")
    call.say("customer", "我真的不需要，你别再打了")
    push = call.say("advisor", "那我现在帮您把保单办了吧")
    polite = call.say("advisor", "好的，不打扰您了，感谢您的接听，祝您生活愉快")
    assert of_type(before, "violation") == []
    assert [v.category for v in of_type(push, "violation")] == ["pressure_tactics"]
    assert of_type(polite, "violation") == []


def test_missing_disclosures_at_closing_depend_on_product(call):
    call.say("advisor", "您好，我是嘉和人寿的客户经理小王，我的工号是12345")
    call.say("advisor", "给您介绍一下我们的安心百万医疗险")
    call.say("advisor", "您有15天犹豫期")
    events = call.say("advisor", "您看今天就帮您投保好吗")
    missing = of_type(events, "missing_disclosure")
    assert [m.missing for m in missing] == [("waiting_period",)]  # health product, not uncertain_returns
    assert missing[0].trigger == "stage:closing"
    assert of_type(call.say("advisor", "那我现在帮您把保单办了吧"), "missing_disclosure") == []


class ScriptedTracker:
    """Stands in for the SopTracker: publishes the given events on every utterance."""

    def __init__(self, *events) -> None:
        self.events = list(events)

    def start(self, session):
        return []

    def feed(self, utterance, session):
        return list(self.events)

    def finish(self, session):
        return []


def guard_after(kb, tracker: ScriptedTracker):
    from copilot.analyzers import build_analyzers
    from copilot.session import Session

    guard = [a for a in build_analyzers(kb, Settings()) if type(a).__name__ == "ComplianceGuard"]
    session = Session(analyzers=[tracker, *guard])
    session.start()
    return session


CLOSING = StageEvent(t_ms=0, stage="closing", label="促成", previous="product_introduction")
ASK_ORDER = StepDoneEvent(t_ms=0, stage="closing", step="ask_order", label="促成投保")


@pytest.mark.parametrize(("published", "flags"), [
    # the stage model may move to closing on a sentence that merely reads like it
    ((CLOSING,), False),
    # a premium quoted while introducing the product reads like the closing recap step
    ((ASK_ORDER,), False),
    # a closing step said in so many words once the call is closing
    ((CLOSING, ASK_ORDER), True),
])
def test_missing_disclosures_need_a_closing_step_in_a_closing_call(kb, published, flags):
    session = guard_after(kb, ScriptedTracker(*published))
    events = session.feed(Utterance("u1", "advisor", 0, 1000, "嗯，好的"))
    assert bool(of_type(events, "missing_disclosure")) == flags


def test_customer_agreement_triggers_missing_disclosures(call):
    call.say("advisor", "这款增额终身寿您可以了解一下")
    events = call.say("customer", "行，那就给我办一份吧")
    missing = of_type(events, "missing_disclosure")
    assert missing and set(missing[0].missing) == {"identity", "cooling_off_period", "uncertain_returns"}
    assert missing[0].trigger == "signal:customer_agreement"


def test_disclosure_events_once_per_category(call):
    first = call.say("advisor", "我的工号是12345")
    second = call.say("advisor", "再说一遍我的工号是12345")
    assert [d.category for d in of_type(first, "disclosure")] == ["identity"]
    assert of_type(second, "disclosure") == []


@pytest.mark.parametrize(
    ("hour", "window", "notice"),
    [(10, "09:00-21:00", False), (22, "09:00-21:00", True), (8, "09:00-21:00", True),
     (23, "22:00-06:00", False), (12, "22:00-06:00", True)],
)
def test_call_window_notice(new_call, hour, window, notice):
    started = datetime(2026, 11, 20, hour, 30).astimezone()
    call = new_call(started_at=started, settings=Settings(call_window=window))
    codes = [e.code for e in call.start_events if e.type == "notice"]
    assert (codes == ["outside_call_window"]) is notice


def test_unreadable_call_window_is_a_notice(new_call):
    call = new_call(settings=Settings(call_window="nine to nine"))
    assert [e.code for e in call.start_events if e.type == "notice"] == ["call_window_unreadable"]


def test_paraphrases_teach_similarity_what_no_pattern_says(kb, new_call):
    """A rule's paraphrases need no pattern: the similarity matchers learn them, so a reworded
    violation is flagged only once a trainer has added sentences of that meaning."""
    sentence = "您就当是把钱存起来了，随用随取，到期一起拿走"
    before = new_call().say("advisor", sentence)
    assert not [e for e in before if e.type == "violation"]
    deposit = next(r for r in kb.rules if r.id == "v_deposit")
    deposit.paraphrases = ["钱放我们这里就当存起来，随时取用", "就当存个定期，到期连本带利拿走",
                           "跟存起来一个样，用的时候取出来"]
    after = new_call(knowledge=kb).say("advisor", sentence)
    assert [(e.category, e.rule_id, e.status) for e in after if e.type == "violation"] == [
        ("deposit_confusion", "v_deposit", "confirmed")]
