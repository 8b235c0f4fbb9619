"""The team view's numbers on a hand-checked dataset: 3 advisors, 2 teams, known open rates."""

from __future__ import annotations

import csv
from datetime import datetime

import pytest

from copilot.events import DisclosureEvent, OutcomeEvent, StepDoneEvent, ViolationEvent
from copilot.session import Session, SessionInfo
from copilot.settings import load_settings
from copilot.store import SessionStore, open_store_sink
from copilot.utterance import Utterance
from ui.replay.look import label
from ui.team.window import TeamWindow, rate_color

# advisor, team, day, steps said, disclosures said, violations, outcome
CALLS = [
    ("王芳", "一组", "03", ("opening/greet", "needs/budget"), ("identity",), (), "sale"),
    ("王芳", "一组", "04", ("opening/greet",), ("identity",), ("guaranteed_return",), "callback"),
    ("王芳", "一组", "05", ("opening/greet", "needs/budget"), (), (), "sale"),
    ("王芳", "一组", "06", ("opening/greet",), ("identity",), (), "refused"),
    ("李雷", "一组", "03", ("needs/budget",), ("identity",), ("guaranteed_return",), "sale"),
    ("李雷", "一组", "07", (), (), ("deposit_confusion",), "refused"),
    ("赵敏", "二组", "08", ("opening/greet", "needs/budget"), ("identity",), (), "sale"),
    ("赵敏", "二组", "30", ("opening/greet",), (), (), "sale"),  # outside the range below
]
# hand-counted over 2026-11-01..2026-11-10:
#   王芳 4 calls: greet 4/4 = 100%, budget 2/4 = 50%, identity 3/4 = 75%, guaranteed_return 25/100
#   李雷 2 calls: greet 0/2 = 0%, budget 1/2 = 50%, identity 50%, 50 + 50 violations per 100
#   赵敏 1 call : greet 100%, budget 100%, identity 100%
#   一组 6 calls: greet 4/6 = 67%, budget 3/6 = 50%, identity 4/6 = 67%


def write(db, advisor, team, day, steps, disclosures, violations, outcome, n):
    info = SessionInfo(session_id=f"c{n}", advisor=advisor, team=team,
                       started_at=datetime.fromisoformat(f"2026-11-{day}T10:00:00+08:00"))
    session = Session(sinks=[open_store_sink(load_settings(), info, db)], info=info)
    session.feed(Utterance("u1", "advisor", 0, 60_000 * (n % 3 + 1), "您好"))
    for key in steps:
        stage, step = key.split("/")
        session.record(StepDoneEvent(t_ms=1000, utterance_id="u1", stage=stage, step=step,
                                     label={"greet": "问候", "budget": "了解预算"}[step]))
    for category in disclosures:
        session.record(DisclosureEvent(t_ms=1000, utterance_id="u1", category=category))
    for i, category in enumerate(violations):
        session.record(ViolationEvent(t_ms=1000, utterance_id="u1", category=category,
                                      rule_id=f"r{i}", severity="block"))
    session.record(OutcomeEvent(t_ms=2000, outcome=outcome))
    session.finish()


@pytest.fixture
def team_window(qtbot, tmp_path):
    db = tmp_path / "sessions.db"
    for n, call in enumerate(CALLS):
        write(db, *call, n)
    store = SessionStore(db)
    window = TeamWindow(store, since="2026-11-01", until="2026-11-10",
                        expected_steps=[("opening/greet", "问候"), ("needs/budget", "了解预算"),
                                        ("closing/confirm", "确认成交")],
                        expected_disclosures=["identity", "cooling_off_period"])
    qtbot.addWidget(window)
    window.show()
    yield window
    window.close()
    store.close()


def text(window, name, kind, key=""):
    return window.cell(name, kind, key).text()


def test_per_advisor_numbers(team_window):
    w = team_window
    assert [g.name for g in w.report.groups] == ["李雷", "王芳", "赵敏"]
    assert [text(w, n, "calls") for n in ("李雷", "王芳", "赵敏", "(all)")] == ["2", "4", "1", "7"]
    assert text(w, "王芳", "step", "opening/greet") == "100%"
    assert text(w, "王芳", "step", "needs/budget") == "50%"
    assert text(w, "王芳", "disclosure", "identity") == "75%"
    assert text(w, "王芳", "violation", "guaranteed_return") == "25.0"
    assert text(w, "李雷", "step", "opening/greet") == "0%"
    assert text(w, "李雷", "violation", "deposit_confusion") == "50.0"
    assert text(w, "赵敏", "step", "needs/budget") == "100%"
    assert text(w, "王芳", "step", "closing/confirm") == "0%"  # in the KB, never said
    assert text(w, "王芳", "disclosure", "cooling_off_period") == "0%"
    assert text(w, "王芳", "outcome", "sale") == "2"
    assert text(w, "(all)", "step", "opening/greet") == "71%"  # 5/7
    # calls last n % 3 + 1 minutes: 王芳's n = 0..3 -> 1, 2, 3, 1 min, average 1:45
    assert text(w, "王芳", "length") == "01:45"
    # colour coding: who skips which step shows at a glance
    assert w.cell("李雷", "step", "opening/greet").background().color() == rate_color(0.0)
    assert w.cell("王芳", "step", "opening/greet").background().color() == rate_color(1.0)
    assert w.cell("王芳", "disclosure", "identity").background().color() == rate_color(0.75)
    headers = [w.table.horizontalHeaderItem(j).text() for j in range(w.table.columnCount())]
    assert headers[:4] == ["Advisor", "Team", "Calls", "Avg length"]
    assert "问候" in headers and "确认成交" in headers


def test_per_team_and_chart_and_range(team_window, qtbot):
    w = team_window
    w.by.setCurrentIndex(1)
    assert [g.name for g in w.report.groups] == ["一组", "二组"]
    assert text(w, "一组", "step", "opening/greet") == "67%"
    assert text(w, "一组", "step", "needs/budget") == "50%"
    assert text(w, "一组", "disclosure", "identity") == "67%"
    # the chart shows the first step column by default, then whatever header is clicked
    assert w.chart.bars == [("一组", 4 / 6, "67%"), ("二组", 1.0, "100%")]
    j = next(i for i, c in enumerate(w.columns) if c.kind == "violation")
    w.table.horizontalHeader().sectionClicked.emit(j)
    assert w.chart.title == f"{label('deposit_confusion')} /100"
    assert w.chart.bars == [("一组", 100 / 6, "16.7"), ("二组", 0.0, "0.0")]
    w.until.setDate(w.until.date().addDays(30))  # now includes 赵敏's call on the 30th
    assert text(w, "二组", "calls") == "2" and text(w, "二组", "step", "needs/budget") == "50%"


def test_csv_export(team_window, tmp_path):
    path = team_window.export_csv(tmp_path / "team.csv")
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    by_name = {r["advisor"]: r for r in rows}
    assert by_name["王芳"]["step:opening/greet"] == "1.000"
    assert by_name["李雷"]["violations_per_100:deposit_confusion"] == "50.0"
    assert by_name["(all)"]["calls"] == "7"
    assert "wrote" in team_window.statusBar().currentMessage()
