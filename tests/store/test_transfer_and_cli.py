"""Export/import round trip, CSV and HTML reports, and every `copilot sessions` action."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from copilot.cli import main
from copilot.store import SessionStore
from copilot.store.report_html import render_html


@pytest.fixture
def home_db(isolated_home, write_call) -> Path:
    """The default store (what the commands use) with three calls."""
    db = isolated_home / "data" / "sessions.db"
    db.parent.mkdir(parents=True)
    write_call(db, session_id="aaa111", advisor="王芳", team="一组",
               started_at="2026-11-01T10:00:00+08:00", steps=("opening/greet",),
               disclosures=("identity",), missing=("cooling_off_period",),
               violations=("guaranteed_return",), outcome="sale",
               lines=(("advisor", "您好，这款产品保本保息"), ("customer", "真的吗？<b>好</b>")))
    write_call(db, session_id="bbb222", advisor="李雷", team="二组",
               started_at="2026-11-05T10:00:00+08:00", outcome="callback")
    write_call(db, session_id="ccc333", advisor="王芳", team="一组",
               started_at="2026-11-09T10:00:00+08:00")
    return db


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_export_import_round_trip(home_db, tmp_path, capsys):
    code, exported, _ = run(capsys, "sessions", "export", "aaa", "--format", "json")
    assert code == 0
    path = tmp_path / "call.json"
    path.write_text(exported, encoding="utf-8")
    other = tmp_path / "other.db"
    assert run(capsys, "sessions", "import", str(path), "--db", str(other))[0] == 0
    code, again, _ = run(capsys, "sessions", "export", "aaa111", "--db", str(other))
    assert json.loads(again) == json.loads(exported)
    data = json.loads(exported)
    assert data["session"]["advisor"] == "王芳" and len(data["utterances"]) == 2
    assert {e["type"] for e in data["events"]} >= {"violation", "outcome", "step_done"}
    # importing the same call twice is refused, --replace overwrites
    code, _, err = run(capsys, "sessions", "import", str(path), "--db", str(other))
    assert code == 2 and "already in" in err
    assert run(capsys, "sessions", "import", str(path), "--db", str(other), "--replace")[0] == 0


def test_bad_import_is_one_actionable_line(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "copilot-session",\n "session": ', encoding="utf-8")
    code, _, err = run(capsys, "sessions", "import", str(bad))
    assert code == 2 and err.count("\n") == 1 and f"{bad}:2:" in err
    bad.write_text(json.dumps({"format": "copilot-session", "session": {"id": "x",
                   "started_at": "2026-11-01T00:00:00+00:00"}, "events": [{"type": "nope"}]}))
    code, _, err = run(capsys, "sessions", "import", str(bad))
    assert code == 2 and "events[0]" in err and "unknown event type" in err
    assert SessionStore().list_sessions() == []  # nothing half-imported


def test_html_report_has_every_section_and_escapes(home_db):
    with SessionStore(home_db) as store:
        record = store.load("aaa111")
    page = render_html(record, [("opening/greet", "问候"), ("closing/confirm", "确认")])
    for anchor in ("warnings", "disclosures", "sop", "profile", "outcome", "transcript"):
        assert f"<section id='{anchor}'>" in page
    assert "您好，这款产品保本保息" in page and "guaranteed_return" in page
    assert "真的吗？&lt;b&gt;好&lt;/b&gt;" in page  # text is escaped, never markup
    assert "cooling_off_period" in page and "✗ 未告知 missing" in page
    assert "closing/confirm" in page and "流程覆盖 SOP coverage (1/2)" in page
    assert re.search(r"<td>age</td><td>35</td>", page)
    assert "@media print" in page and "坐席 Advisor" in page and "00:00" in page


def test_csv_and_html_export_to_files(home_db, tmp_path, capsys):
    out = tmp_path / "r.html"
    code, _, err = run(capsys, "sessions", "export", "aaa111", "--format", "html", "-o", str(out))
    assert code == 0 and "wrote" in err and out.read_text(encoding="utf-8").startswith("<!doctype")
    code, text, _ = run(capsys, "sessions", "export", "aaa111", "--format", "csv")
    rows = text.strip().splitlines()
    assert rows[0].startswith("session_id,utterance_id,start") and len(rows) == 3
    assert rows[1].endswith("advisor,您好，这款产品保本保息")


def test_list_filters(home_db, capsys):
    def ids(*flags: str) -> list[str]:
        code, out, _ = run(capsys, "sessions", "list", "--json", *flags)
        assert code == 0
        return [json.loads(line)["id"] for line in out.splitlines()]

    assert ids() == ["ccc333", "bbb222", "aaa111"]
    assert ids("--advisor", "王芳") == ["ccc333", "aaa111"]
    assert ids("--team", "二组") == ["bbb222"]
    assert ids("--since", "2026-11-05") == ["ccc333", "bbb222"]
    assert ids("--until", "2026-11-05") == ["bbb222", "aaa111"]
    assert ids("--outcome", "sale") == ["aaa111"]
    assert ids("--with-violations") == ["aaa111"]
    code, out, _ = run(capsys, "sessions", "list")
    assert "aaa111" in out and "complete" in out and out.splitlines()[0].startswith("ID")
    code, _, err = run(capsys, "sessions", "list", "--since", "yesterday")
    assert code == 2 and "YYYY-MM-DD" in err


def test_show_and_search(home_db, capsys):
    code, out, _ = run(capsys, "sessions", "show", "aaa")
    assert code == 0 and "advisor 王芳" in out and "坐席: 您好，这款产品保本保息" in out
    assert "VIOLATION" in out and "OUTCOME  sale" in out
    code, out, _ = run(capsys, "sessions", "search", "保本保息")
    assert code == 0 and out.count("\n") == 1 and "aaa111" in out
    code, _, err = run(capsys, "sessions", "show", "zzz")
    assert code == 2 and "no session 'zzz'" in err


def test_purge_deletes_old_calls_and_their_audio(home_db, isolated_home, capsys, tmp_path):
    audio = isolated_home / "data" / "sessions" / "aaa111-advisor.wav"
    audio.parent.mkdir(parents=True)
    audio.write_bytes(b"RIFF")
    outside = tmp_path / "keep.wav"
    outside.write_bytes(b"RIFF")
    with SessionStore(home_db) as store:
        store.begin()
        store.add_audio("aaa111", "advisor", audio)
        store.add_audio("aaa111", "customer", outside)
        store.commit()
    code, out, _ = run(capsys, "sessions", "purge", "--older-than", "0")
    assert code == 0 and "purged 3 session(s)" in out and "1 audio file(s) deleted" in out
    assert not audio.exists() and outside.exists() and str(outside) in out
    with SessionStore(home_db) as store:
        assert store.list_sessions() == []
        assert store.search("保本保息") == []  # the FTS indexes forgot them too
        assert store.search("保本") == []
    code, out, _ = run(capsys, "sessions", "purge")  # default: retention_days (3650)
    assert code == 0 and "purged 0 session(s) older than 3650 days" in out


def test_team_csv_headless(home_db, capsys, tmp_path):
    code, out, _ = run(capsys, "team", "--since", "2026-11-01", "--until", "2026-11-06",
                       "--csv", "-")
    rows = out.strip().splitlines()
    assert code == 0 and rows[0].startswith("advisor,team,calls,avg_length_s")
    assert rows[1].startswith("李雷,二组,1,") and rows[2].startswith("王芳,一组,1,")
    assert rows[3].startswith("(all),,2,")
    target = tmp_path / "team.csv"
    code, _, err = run(capsys, "team", "--by", "team", "--since", "2026-11-01", "--until",
                       "2026-11-30", "--csv", str(target))
    assert code == 0 and "2 team(s), 3 calls" in err
    assert target.read_text(encoding="utf-8").splitlines()[1].startswith("一组,2,")


def test_replay_refuses_an_unknown_id_before_opening_a_window(home_db, capsys):
    code, _, err = run(capsys, "replay", "nope")
    assert code == 2 and "no session 'nope'" in err


@pytest.mark.parametrize(("data", "message"), [
    ([], "not a copilot session export"),
    ({"format": "other"}, "not a copilot session export"),
    ({"format": "copilot-session", "session": {"id": "x"}}, "needs at least"),
    ({"format": "copilot-session", "session": {"id": "x", "started_at": "yesterday"}},
     "not an ISO date-time"),
    ({"format": "copilot-session", "session": {"id": "x", "started_at": "2026-11-01"},
      "utterances": ["hello"]}, "utterances[0] is not an object"),
    ({"format": "copilot-session", "session": {"id": "x", "started_at": "2026-11-01"},
      "utterances": [{"speaker": "advisor", "text": "hi"}]}, "lacks end_ms, start_ms"),
    ({"format": "copilot-session", "session": {"id": "x", "started_at": "2026-11-01"},
      "events": ["oops"]}, "events[0]"),
    ({"format": "copilot-session", "session": {"id": "x", "started_at": "2026-11-01"},
      "events": [{"type": "outcome", "t_ms": 1}]}, "events[0]"),
])
def test_import_problems_name_the_field(tmp_path, capsys, data, message):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    code, _, err = run(capsys, "sessions", "import", str(bad))
    assert code == 2 and message in err and err.startswith(f"copilot: error: {bad}")
    assert err.count("\n") == 1
