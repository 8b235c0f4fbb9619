"""Transcript source: parsing, the bad inputs of the foundation issue, replay timing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from copilot.errors import InputError
from copilot.sources.transcript import parse_transcript, read_transcript, replay


def line(**kw) -> str:
    base = {"speaker": "advisor", "start_ms": 0, "end_ms": 1000, "text": "您好"}
    base.update(kw)
    return json.dumps(base, ensure_ascii=False)


def test_ids_given_are_kept_and_missing_ones_generated() -> None:
    text = "\n".join([line(id="x1"), line(start_ms=1000, end_ms=2000, speaker="customer")])
    transcript = parse_transcript(text)
    assert [u.id for u in transcript.utterances] == ["x1", "u0002"]
    assert transcript.utterances[1].speaker == "customer"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"speaker": "advisor"', "t.jsonl:1: malformed JSON"),
        (line() + "\n" + line(speaker="robot"), "t.jsonl:2: unknown speaker 'robot'"),
        (line(start_ms=500, end_ms=100), "t.jsonl:1: end_ms 100 is before start_ms 500"),
        (line(start_ms="0"), "t.jsonl:1: start_ms must be a whole number"),
        (line(text=None), "t.jsonl:1: text must be a string"),
        ("[1, 2]", "t.jsonl:1: line is not a JSON object"),
        ("\n\n", "t.jsonl: no utterances"),
        (line(id="a") + "\n" + line(id="a"), "t.jsonl:2: duplicate id 'a'"),
    ],
)
def test_bad_lines_name_file_and_line(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "t.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_transcript(path)
    assert str(info.value).replace(str(tmp_path) + "/", "").startswith(message)


def test_missing_and_non_utf8_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        read_transcript(tmp_path / "nope.jsonl")
    bad = tmp_path / "gbk.jsonl"
    bad.write_bytes(line(text="您好").encode("gbk"))
    with pytest.raises(InputError, match="not UTF-8"):
        read_transcript(bad)


def test_out_of_order_is_sorted_with_a_notice() -> None:
    text = "\n".join([line(id="b", start_ms=5000, end_ms=6000), line(id="a")])
    transcript = parse_transcript(text)
    assert [u.id for u in transcript.utterances] == ["a", "b"]
    assert any("sorted" in n for n in transcript.notices)


def test_overlap_of_one_speaker_is_noticed() -> None:
    text = "\n".join([line(id="a", end_ms=3000), line(id="b", start_ms=2000, end_ms=4000)])
    assert any("overlap" in n for n in parse_transcript(text).notices)


def test_realtime_replay_waits_for_each_end_time() -> None:
    transcript = parse_transcript(
        "\n".join([line(id="a", end_ms=1000), line(id="b", start_ms=1000, end_ms=3000)])
    )
    now = [0.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(round(seconds, 3))
        now[0] += seconds

    out = list(replay(transcript.utterances, speed=2.0, sleep=sleep, clock=lambda: now[0]))
    assert [u.id for u in out] == ["a", "b"]
    assert slept == [0.5, 1.0]


def test_fast_replay_does_not_sleep() -> None:
    transcript = parse_transcript(line())
    assert list(replay(transcript.utterances, sleep=lambda s: pytest.fail("slept"))) == (
        transcript.utterances
    )
