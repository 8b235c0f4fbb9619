"""Transcript source: JSON lines of utterances with timings, replayable fast or in real time.

Line format: {"speaker": "advisor"|"customer", "start_ms": int, "end_ms": int, "text": str}
with an optional "id" that becomes the utterance id used in every event about it.
"""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from copilot.errors import InputError
from copilot.utterance import SPEAKERS, Utterance

FIX_LINE = 'each line must be {"speaker":"advisor"|"customer","start_ms":int,"end_ms":int,"text":str}'


@dataclass
class Transcript:
    """Utterances in time order plus notices about what had to be repaired while reading."""

    path: str
    utterances: list[Utterance]
    notices: list[str] = field(default_factory=list)


def read_transcript(path: str | Path) -> Transcript:
    """Read and check a whole transcript before anything runs, so nothing is written half-way."""
    path = Path(path)
    if not path.exists():
        raise InputError(path, None, "file not found", "check the path")
    if path.is_dir():
        raise InputError(path, None, "is a folder, not a transcript file", "give a .jsonl file")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            path, None, f"not UTF-8 text (byte {exc.start})", "re-save the file as UTF-8"
        ) from exc
    return parse_transcript(text, str(path))


def parse_transcript(text: str, origin: str = "<transcript>") -> Transcript:
    utterances: list[Utterance] = []
    seen_ids: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        utterance = _parse_line(line, origin, number, len(utterances))
        if utterance.id in seen_ids:
            raise InputError(origin, number, f"duplicate id {utterance.id!r}", "ids must be unique")
        seen_ids.add(utterance.id)
        utterances.append(utterance)
    if not utterances:
        raise InputError(origin, None, "no utterances in the file", FIX_LINE)
    notices = []
    ordered = sorted(utterances, key=lambda u: (u.start_ms, u.end_ms))
    if ordered != utterances:
        notices.append(f"{origin}: utterances were out of order; sorted by start time")
    overlaps = sum(
        1
        for a, b in itertools.pairwise(ordered)
        if b.start_ms < a.end_ms and a.speaker == b.speaker
    )
    if overlaps:
        notices.append(f"{origin}: {overlaps} utterance(s) overlap the previous one of the speaker")
    return Transcript(origin, ordered, notices)


def _parse_line(line: str, origin: str, number: int, index: int) -> Utterance:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(origin, number, f"malformed JSON ({exc.msg})", FIX_LINE) from exc
    if not isinstance(data, dict):
        raise InputError(origin, number, "line is not a JSON object", FIX_LINE)
    speaker = data.get("speaker")
    if speaker not in SPEAKERS:
        raise InputError(
            origin, number, f"unknown speaker {speaker!r}", 'use "advisor" or "customer"'
        )
    start, end = data.get("start_ms"), data.get("end_ms")
    for name, value in (("start_ms", start), ("end_ms", end)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise InputError(
                origin, number, f"{name} must be a whole number of milliseconds >= 0", FIX_LINE
            )
    if end < start:
        raise InputError(
            origin, number, f"end_ms {end} is before start_ms {start}", "swap or fix the times"
        )
    text = data.get("text")
    if not isinstance(text, str):
        raise InputError(origin, number, "text must be a string", FIX_LINE)
    raw_id = data.get("id")
    if raw_id is not None and not isinstance(raw_id, str | int):
        raise InputError(origin, number, "id must be a string", "give each line a unique id")
    uid = str(raw_id) if raw_id is not None else f"u{index + 1:04d}"
    return Utterance(id=uid, speaker=speaker, start_ms=start, end_ms=end, text=text, final=True)


def replay(
    utterances: list[Utterance],
    speed: float | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> Iterator[Utterance]:
    """Yield utterances as fast as possible (`speed=None`) or at `speed` × real time.

    Each utterance is released when its end time is reached, as a recogniser would release it.
    """
    if not speed:
        yield from utterances
        return
    t0 = clock()
    for utterance in utterances:
        due = t0 + utterance.end_ms / 1000 / speed
        delay = due - clock()
        if delay > 0:
            sleep(delay)
        yield utterance


def write_transcript(utterances: list[Utterance], out) -> None:
    """Write the transcript format (used by `copilot transcribe`)."""
    for u in utterances:
        record = {
            "id": u.id,
            "speaker": u.speaker,
            "start_ms": u.start_ms,
            "end_ms": u.end_ms,
            "text": u.text,
        }
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
