"""The analyzers on the real demo KB: DOMAIN.md's hard cases and the bundled demo call."""

from __future__ import annotations

from datetime import datetime

import pytest

from copilot.analyzers import build_analyzers
from copilot.kb import load_kb
from copilot.pipeline import run_transcript
from copilot.session import Session, SessionInfo
from copilot.settings import Settings
from copilot.utterance import Utterance


@pytest.fixture(scope="module")
def demo_analyzers(demo_kb_dir):
    # Analyzers reset on session start, so one set serves every test of this module.
    return build_analyzers(load_kb(demo_kb_dir), Settings())


def session_with(analyzers) -> Session:
    info = SessionInfo(started_at=datetime(2026, 11, 20, 10, 0).astimezone())
    session = Session(analyzers=analyzers, info=info)
    session.start()
    return session


def say(session: Session, lines):
    events = []
    for n, (speaker, text) in enumerate(lines):
        utt = Utterance(f"u{n}", speaker, n * 4000, n * 4000 + 3000, text)
        events = session.feed(utt)
    return [e for e in events if e.type != "utterance"]


HARD_CASES = [
    # (speaker, text, violation categories expected on it)
    # a disclaimer cancels the claim it governs, not a violation that follows it in the same breath
    ("advisor", "那种包赔的说法您别信，以条款为准", set()),
    ("advisor", "国家不给商业保险兜底的，这点得说实话", set()),
    ("advisor", "您别信外面说的我们这个保证收益百分之五", {"guaranteed_return"}),
    ("advisor", "您不需要担心什么病都能赔", {"exaggerated_coverage"}),
    ("advisor", "这不是存款，也不保本", set()),
    ("advisor", "我们不承诺收益", set()),
    ("customer", "这是保本的吗？", set()),
    ("customer", "放你们这儿跟放银行差不多吧？本金一分不少吗？", set()),
    ("advisor", "放我们这儿跟放银行差不多，到期本金一分不少", {"deposit_confusion", "guaranteed_return"}),
    ("advisor", "这 个 产 品 稳 赚 不 赔", {"guaranteed_return"}),
    ("advisor", "您放心，这个产品肯定能全部报销，什么病都能赔。", {"exaggerated_coverage"}),
]


@pytest.mark.parametrize(("speaker", "text", "expected"), HARD_CASES)
def test_hard_cases(demo_analyzers, speaker, text, expected):
    events = say(session_with(demo_analyzers), [(speaker, text)])
    assert {e.category for e in events if e.type == "violation"} == expected


def test_push_after_refusal_is_pressure(demo_analyzers):
    events = say(session_with(demo_analyzers), [
        ("advisor", "给您介绍一下我们的百万医疗险"),
        ("customer", "我真的不需要，别再打了"),
        ("advisor", "您先别急着挂，一年才几百块，今天就帮您办了吧"),
    ])
    assert "pressure_tactics" in {e.category for e in events if e.type == "violation"}


def test_objection_gives_signal_and_handling_script(demo_analyzers):
    events = say(session_with(demo_analyzers), [("customer", "太贵了，我再考虑考虑")])
    signals = {e.signal for e in events if e.type == "signal"}
    assert {"objection_price", "objection_think_about_it"} <= signals
    suggestions = [e for e in events if e.type == "suggestion"]
    assert 1 <= len(suggestions) <= 3
    assert all(set(s.handles) & signals for s in suggestions)


def test_demo_call_end_to_end(demo_analyzers, demo_call_path):
    session = session_with(demo_analyzers)
    run_transcript(demo_call_path, session)
    kinds = {e.type for e in session.events}
    assert {"stage", "step_done", "violation", "disclosure", "missing_disclosure", "signal",
            "suggestion", "profile"} <= kinds
    stages = [e.stage for e in session.events if e.type == "stage"]
    assert stages[0] == "opening" and "closing" in stages
    violations = [e for e in session.events if e.type == "violation"]
    assert {v.category for v in violations} == {"exaggerated_coverage"}
    missing = [e for e in session.events if e.type == "missing_disclosure"]
    assert len(missing) == 1 and "cooling_off_period" in missing[0].missing
    speakers = {e.utterance_id: e.speaker for e in session.events if e.type == "utterance"}
    assert all(speakers[v.utterance_id] == "advisor" for v in violations)


@pytest.mark.parametrize(
    ("text", "agrees"),
    [("行，那就先给我自己买一份吧", True), ("那就这么定了", True), ("好，那就如实写", False),
     ("我再考虑考虑再买", False), ("这个能买吗？", False)],
)
def test_agreement_needs_explicit_words(demo_analyzers, text, agrees):
    events = say(session_with(demo_analyzers), [("customer", text)])
    assert ("customer_agreement" in {e.signal for e in events if e.type == "signal"}) is agrees


def test_an_objection_moves_the_stage_and_the_advisor_answer_stays_there(demo_analyzers):
    """Objection handling runs from the customer's objection through the advisor's answers to it
    (the stage rules of tests/data/README.md, which QA labels follow since the sixth blind set)."""
    session = session_with(demo_analyzers)
    lines = [("advisor", "您好，我是嘉和人寿的保险顾问小王，工号1234"),
             ("advisor", "您现在有没有买过什么保险，有社保吗"),
             ("advisor", "给您介绍一下嘉和人寿承保的百万医疗险，这是一款保险产品"),
             ("customer", "一年六百多，太贵了"),
             ("advisor", "理解您，其实算下来每天不到两块钱")]
    stages = []
    for n, (speaker, text) in enumerate(lines):
        utt = Utterance(f"u{n}", speaker, n * 4000, n * 4000 + 3000, text)
        stages.append([e.stage for e in session.feed(utt) if e.type == "stage"])
    assert stages[2] == ["product_introduction"]
    assert stages[3] == ["objection_handling"] and stages[4] == []


INTRO = [("advisor", "您好，我是嘉和人寿的保险顾问小王，工号1234"),
         ("advisor", "您现在有没有买过什么保险，有社保吗"),
         ("advisor", "给您介绍一下嘉和人寿承保的百万医疗险，这是一款保险产品")]


def stages_after_intro(analyzers, lines) -> list[list[str]]:
    session = session_with(analyzers)
    seen = []
    for n, (speaker, text) in enumerate(INTRO + lines):
        utt = Utterance(f"u{n}", speaker, n * 4000, n * 4000 + 3000, text)
        seen.append([e.stage for e in session.feed(utt) if e.type == "stage"])
    return seen[len(INTRO):]


@pytest.mark.parametrize(("reply", "stages"), [
    # the refusal opens objection handling; selling on stays there ...
    ("您先别挂，我再说两句，这个一年才三百多", []),
    # ... and accepting it with a goodbye ends the call
    ("好的，那不打扰您了，祝您生活愉快，再见", ["wrap_up"]),
])
def test_after_a_refusal_the_advisors_reply_decides_the_stage(demo_analyzers, reply, stages):
    seen = stages_after_intro(demo_analyzers, [("customer", "不需要，我不买"), ("advisor", reply)])
    assert seen == [["objection_handling"], stages]


def test_one_remark_does_not_move_the_call_on_but_a_run_of_them_does(demo_analyzers):
    """A surrender loss explained when asked during the introduction is a reply, not yet the
    disclosure stage; the disclosures said one after another are."""
    reply = "早几年退是要吃亏的"
    asked = stages_after_intro(demo_analyzers, [("customer", "那中途退了能拿回多少？"), ("advisor", reply)])
    disclosures = [
        ("advisor", reply),
        ("advisor", "还有合同里的责任免除，既往症、酒驾这些是不赔的"),
        ("advisor", "签收后有十五天犹豫期，犹豫期内退保保费全额退还"),
    ]
    told = stages_after_intro(demo_analyzers, disclosures)
    assert asked == [[], []]
    assert [s for seen in told for s in seen] == ["disclosures"]
