"""SopTracker: stages follow evidence, tolerate out-of-order talk and do not flap."""

from __future__ import annotations


def of_type(events, kind):
    return [e for e in events if e.type == kind]



def stages(call, lines):
    seen = []
    for speaker, text in lines:
        seen += [e.stage for e in of_type(call.say(speaker, text), "stage")]
    return seen


def test_stage_sequence_and_steps(call):
    events = call.say("advisor", "您好，我是嘉和人寿的客户经理小王")
    assert [e.stage for e in of_type(events, "stage")] == ["opening"]
    assert [e.step for e in of_type(events, "step_done")] == ["greet"]
    assert of_type(events, "step_done")[0].next_step == "ask_coverage"
    assert stages(call, [
        ("customer", "你好"),
        ("advisor", "您现在有没有买过什么保险"),
        ("advisor", "给您介绍一下我们的百万医疗险"),
        ("advisor", "您看今天就帮您投保好吗"),
    ]) == ["needs_discovery", "product_introduction", "closing"]


def test_first_stage_when_no_evidence(call):
    events = call.say("customer", "喂，你好")
    assert [(e.stage, e.next_step) for e in of_type(events, "stage")] == [("opening", "greet")]


def test_weak_backward_evidence_does_not_flap(call):
    assert stages(call, [
        ("advisor", "您好，我是嘉和人寿的客户经理小王"),
        ("advisor", "您现在有没有买过什么保险"),
        ("advisor", "给您介绍一下我们的百万医疗险"),
    ])[-1] == "product_introduction"
    # one remark that looks like an earlier step does not move the stage back ...
    assert stages(call, [("advisor", "您家里人医保都有吧，这款产品住院医疗费用都能报销")]) == []
    # ... the same earlier stage twice in a row does
    assert stages(call, [("advisor", "您家里人都有医保吗"), ("advisor", "您家里人医保都有吗")]) == ["needs_discovery"]


def test_step_done_once(call):
    call.say("advisor", "您好，我是嘉和人寿的客户经理小王")
    assert of_type(call.say("advisor", "我是嘉和人寿的客户经理小王"), "step_done") == []


def test_customer_speech_is_not_step_evidence(call):
    call.say("advisor", "您好，我是嘉和人寿的客户经理小王")
    assert of_type(call.say("customer", "那我现在帮您把保单办了吧"), "stage") == []


def test_kb_without_sop_rules_or_signals_runs_quietly(new_call, tmp_path):
    from copilot.kb import KnowledgeBase
    from copilot.kb.model import KbMeta

    empty = KnowledgeBase(root=tmp_path / "none", meta=KbMeta(id="x", name="x", language="zh", version="1"))
    call = new_call(knowledge=empty)
    assert call.say("customer", "太贵了") == [] and call.say("advisor", "这个保本的") == []
