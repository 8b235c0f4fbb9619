"""Team-view numbers on a small dataset whose open rates were counted by hand."""

from __future__ import annotations

import csv
import io

import pytest

from copilot.store import SessionStore

L = ("advisor", "您好")  # one 4-second line

# (advisor, team, day, lines, steps, disclosures, missing, violations, outcome)
CALLS = [
    ("王芳", "一组", "03", 2, ("opening/greet", "opening/greet", "needs/ask_budget"),
     ("identity", "cooling_off_period"), (), ("guaranteed_return",), "sale"),
    ("王芳", "一组", "04", 2, ("opening/greet",), ("identity",), ("cooling_off_period",), (),
     "callback"),
    ("王芳", "一组", "05", 4, ("opening/greet", "needs/ask_budget"),
     ("identity", "cooling_off_period"), (), ("guaranteed_return", "deposit_confusion"), "sale"),
    ("王芳", "一组", "06", 1, (), (), (), (), "refused"),
    ("李雷", "一组", "03", 3, ("opening/greet", "needs/ask_budget"), ("identity",), (), (), "sale"),
    ("李雷", "一组", "07", 3, ("opening/greet", "needs/ask_budget"),
     ("identity", "cooling_off_period"), (), (), None),
    ("赵敏", "二组", "08", 2, ("opening/greet",), ("identity",), (), ("false_urgency",),
     "not_interested"),
    ("赵敏", "二组", "09", 2, (), (), (), (), None),
    # outside the range: must not count
    ("王芳", "一组", "20", 2, ("closing/confirm",), (), (), ("rebate_or_gift",), "sale"),
]


@pytest.fixture
def store(db_path, write_call):
    for advisor, team, day, lines, steps, disc, missing, viol, outcome in CALLS:
        write_call(db_path, advisor=advisor, team=team, lines=(L,) * lines,
                   started_at=f"2026-11-{day}T10:00:00+08:00", steps=steps,
                   disclosures=disc, missing=missing, violations=viol, outcome=outcome)
    s = SessionStore(db_path)
    from copilot.session import SessionInfo  # a call in progress in range is not counted
    s.create_session(SessionInfo(advisor="王芳", team="一组"))
    s.commit()
    yield s
    s.close()


def test_per_advisor(store):
    report = store.team_report(by="advisor", since="2026-11-01", until="2026-11-10",
                               expected_steps=[("opening/greet", "问候"),
                                               ("needs/ask_budget", "预算"),
                                               ("closing/confirm", "确认")])
    assert report.steps == ["opening/greet", "needs/ask_budget", "closing/confirm"]
    assert report.disclosures == ["cooling_off_period", "identity"]
    assert report.categories == ["deposit_confusion", "false_urgency", "guaranteed_return"]
    assert report.outcomes == ["callback", "not_interested", "refused", "sale"]
    g = {x.name: x for x in report.groups}
    assert list(g) == ["李雷", "王芳", "赵敏"]
    wf = g["王芳"]
    assert (wf.team, wf.calls, wf.avg_length_ms) == ("一组", 4, 9000.0)
    assert wf.outcomes == {"sale": 2, "callback": 1, "refused": 1}
    assert wf.step_rates == {"opening/greet": 0.75, "needs/ask_budget": 0.5}
    assert wf.disclosure_rates == {"identity": 0.75, "cooling_off_period": 0.5}
    assert wf.violations_per_100 == {"guaranteed_return": 50.0, "deposit_confusion": 25.0}
    ll = g["李雷"]
    assert (ll.calls, ll.avg_length_ms) == (2, 12000.0)
    assert ll.step_rates == {"opening/greet": 1.0, "needs/ask_budget": 1.0}
    assert ll.disclosure_rates == {"identity": 1.0, "cooling_off_period": 0.5}
    assert ll.violations_per_100 == {}
    zm = g["赵敏"]
    assert zm.step_rates == {"opening/greet": 0.5}
    assert zm.violations_per_100 == {"false_urgency": 50.0}
    assert report.total.calls == 8 and report.total.step_rates["opening/greet"] == 6 / 8
    assert report.total.avg_length_ms == (36000 + 24000 + 16000) / 8


def test_per_team_and_csv(store):
    report = store.team_report(by="team", since="2026-11-01", until="2026-11-10")
    g = {x.name: x for x in report.groups}
    one = g["一组"]
    assert (one.calls, one.avg_length_ms) == (6, 10000.0)
    assert one.step_rates == {"opening/greet": 5 / 6, "needs/ask_budget": 4 / 6}
    assert one.disclosure_rates == {"identity": 5 / 6, "cooling_off_period": 0.5}
    assert one.violations_per_100 == pytest.approx(
        {"guaranteed_return": 200 / 6, "deposit_confusion": 100 / 6})
    rows = list(csv.DictReader(io.StringIO(report.to_csv())))
    assert [r["team"] for r in rows] == ["一组", "二组", "(all)"]
    assert rows[0]["step:opening/greet"] == "0.833" and rows[0]["avg_length_s"] == "10.0"
    assert rows[0]["violations_per_100:guaranteed_return"] == "33.3"
    assert rows[2]["calls"] == "8"


def test_range_bounds_are_whole_local_days(store):
    assert store.team_report(since="2026-11-20", until="2026-11-20").total.calls == 1
    assert store.team_report(since="2026-11-21", until="2026-11-30").total.calls == 0
    only = store.team_report(since="2026-11-03", until="2026-11-03")
    assert {g.name: g.calls for g in only.groups} == {"李雷": 1, "王芳": 1}
