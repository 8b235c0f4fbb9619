"""`copilot analyze` / `copilot demo --headless` end to end on text, and bad input never tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from copilot.cli import main
from copilot.errors import InputError
from copilot.events import EVENT_TYPES
from copilot.sources.transcript import parse_transcript
from copilot.utterance import Utterance


def test_analyze_demo_call_prints_one_valid_event_per_line(demo_call_path: Path, capsys) -> None:
    assert main(["analyze", str(demo_call_path), "--json"]) == 0
    lines = capsys.readouterr().out.splitlines()
    events = [json.loads(line) for line in lines]
    assert all(e["type"] in EVENT_TYPES and isinstance(e["t_ms"], int) for e in events)
    kinds = {e["type"] for e in events}
    assert {"utterance", "stage", "violation", "missing_disclosure", "signal", "suggestion"} <= kinds
    transcript_ids = {json.loads(x)["id"] for x in demo_call_path.read_text("utf-8").splitlines()}
    assert {e["utterance_id"] for e in events if e["type"] == "utterance"} == transcript_ids


def test_analyze_only_filters(demo_call_path: Path, capsys) -> None:
    assert main(["analyze", str(demo_call_path), "--json", "--only", "violation,signal"]) == 0
    kinds = {json.loads(x)["type"] for x in capsys.readouterr().out.splitlines()}
    assert kinds == {"violation", "signal"}


def test_readable_timeline_has_times_and_speakers(demo_call_path: Path, capsys) -> None:
    assert main(["analyze", str(demo_call_path)]) == 0
    out = capsys.readouterr().out
    assert "[00:0" in out and "坐席:" in out and "客户:" in out and "VIOLATION" in out


@pytest.mark.parametrize(("started", "outside"), [("2026-11-20 22:30", True), ("2026-11-20T10:00", False)])
def test_started_at_decides_the_call_window_notice(demo_call_path: Path, capsys, started, outside) -> None:
    assert main(["analyze", str(demo_call_path), "--json", "--only", "notice", "--started-at", started]) == 0
    codes = [json.loads(x)["code"] for x in capsys.readouterr().out.splitlines()]
    assert ("outside_call_window" in codes) is outside


def test_bad_started_at_says_how_to_write_it(demo_call_path: Path, capsys) -> None:
    assert main(["analyze", str(demo_call_path), "--started-at", "tonight"]) == 2
    err = capsys.readouterr().err
    assert "--started-at 'tonight' is not a date and time" in err and "Traceback" not in err


def test_a_recording_started_its_length_before_its_file_was_closed(tmp_path) -> None:
    import os
    from datetime import datetime

    import numpy as np
    import soundfile

    from copilot.pipeline import open_input, recording_started_at

    wav = tmp_path / "call.wav"
    soundfile.write(wav, np.zeros((8000 * 90, 2), dtype=np.int16), 8000)  # 90 s, stereo
    ended = datetime(2026, 11, 20, 21, 1, 30).astimezone()
    os.utime(wav, (ended.timestamp(), ended.timestamp()))
    started = recording_started_at(open_input(wav))
    assert started == datetime(2026, 11, 20, 21, 0, 0).astimezone()
    assert recording_started_at(open_input(Path(__file__).parents[1] / "data" / "calls" / "ci_sale.jsonl")) is None


def test_demo_headless_runs_the_bundled_call(capsys) -> None:
    assert main(["demo", "--headless", "--no-store"]) == 0
    assert "STAGE" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"speaker":"advisor","start_ms":0,"end_ms":1,"text":"x"}\n{oops', "t.jsonl:2: malformed JSON"),
        ("", "no utterances"),
    ],
)
def test_bad_transcript_is_one_line_and_exit_2(tmp_path, capsys, content, expected) -> None:
    path = tmp_path / "t.jsonl"
    path.write_text(content, "utf-8")
    assert main(["analyze", str(path), "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert expected in captured.err and "Traceback" not in captured.err
    assert len(captured.err.strip().splitlines()) == 1


def test_missing_file_and_unsupported_type(tmp_path, capsys) -> None:
    assert main(["analyze", str(tmp_path / "none.jsonl")]) == 2
    (tmp_path / "notes.txt").write_text("hello", "utf-8")
    assert main(["analyze", str(tmp_path / "notes.txt")]) == 2
    err = capsys.readouterr().err
    assert "file not found" in err and "unsupported input type .txt" in err


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 10**7) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=8,
)
record = st.fixed_dictionaries(
    {},
    optional={
        "speaker": st.sampled_from(["advisor", "customer", "robot", 3]),
        "start_ms": st.integers(-10, 400_000) | st.text(max_size=3),
        "end_ms": st.integers(-10, 400_000),
        "text": st.text(max_size=40) | st.sampled_from(["保本", "太贵了", "这不是存款"]),
        "id": st.text(max_size=4) | st.integers(),
    },
)
lines = st.lists(
    st.one_of(
        record.map(lambda r: json.dumps(r, ensure_ascii=False)),
        json_values.map(json.dumps),
        st.text(max_size=30),
    ),
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(lines)
def test_random_transcripts_parse_or_give_an_input_error(content) -> None:
    try:
        transcript = parse_transcript("\n".join(content), "random.jsonl")
    except InputError as exc:
        assert str(exc).startswith("random.jsonl") and "\n" not in str(exc)
    else:
        starts = [u.start_ms for u in transcript.utterances]
        assert starts == sorted(starts) and transcript.utterances


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines)
def test_random_files_through_the_cli_never_traceback(tmp_path, capsys, content) -> None:
    """Bad files fail at the input check (before the KB loads): one line on stderr, exit 2."""
    path = tmp_path / "random.jsonl"
    path.write_text("\n".join(content), "utf-8")
    try:
        parse_transcript(path.read_text("utf-8"))
    except InputError:
        assert main(["analyze", str(path), "--json"]) == 2
        captured = capsys.readouterr()
        assert captured.out == "" and len(captured.err.strip().splitlines()) == 1
        assert "Traceback" not in captured.err


speech = st.text(
    alphabet=st.characters(codec="utf-8", categories=["Lo", "Nd", "P", "Zs", "Ll", "Lu"]),
    max_size=60,
) | st.sampled_from(["保 本 保 息", "这不是存款，也不保本", "三十五岁", "太贵了", "", "。。。", "1" * 30])


@pytest.fixture(scope="module")
def live_session_factory(demo_kb_dir):
    """The real demo KB and analyzers, built once; each example gets fresh copies of them."""
    import copy

    from copilot.analyzers import build_analyzers
    from copilot.kb import load_kb
    from copilot.pipeline import open_session
    from copilot.settings import load_settings

    kb = load_kb(demo_kb_dir)
    settings = load_settings(kb_dir=demo_kb_dir)
    analyzers = build_analyzers(kb, settings)
    return lambda: open_session(settings, kb=kb, analyzers=copy.deepcopy(analyzers))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(["advisor", "customer"]), speech, st.booleans()), max_size=8))
def test_any_speech_through_every_analyzer_never_raises(live_session_factory, turns) -> None:
    session = live_session_factory()
    for index, (speaker, text, final) in enumerate(turns):
        session.feed(Utterance(f"u{index}", speaker, index * 1000, index * 1000 + 900, text, final))
    session.finish()
    assert all(isinstance(e.t_ms, int) for e in session.events)
    assert not any(e.type == "violation" and e.utterance_id and _speaker(session, e) == "customer" for e in session.events)


def _speaker(session, event) -> str:
    return next(
        (e.speaker for e in session.events if e.type == "utterance" and e.utterance_id == event.utterance_id),
        "",
    )
