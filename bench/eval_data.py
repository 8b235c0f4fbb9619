"""The labelled data `make eval` scores on: tuned, dev and held-out sets, read the same way.

Three sets live under tests/data:
- tuned (`utterances.jsonl`, `calls/`): the KB's patterns were written and broadened while looking
  at it, so its scores are optimistic.
- dev … dev9 (`dev*/`): written blind as the first nine held-out sets, each scored
  once as such; their misses were then studied and the KB improved on them, so they are now
  development sets (optimistic too).
- The demo KB learns from the tuned and dev sets' lines (knowledge/demo-zh/labelled/), so their
  scores only show nothing broke.
- held-out (`heldout/`): written blind after that, scored once per tuning round; its scores are the
  honest estimate. Never tune patterns or thresholds on it; replace it when it has been used.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from copilot.sources.transcript import read_transcript
from copilot.utterance import Utterance

KINDS = ("violations", "disclosures", "signals")
SETS = ("tuned", "dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "heldout")
TITLES = {
    "tuned": "tuned set — patterns were written with it in view",
    "dev": "dev set — the first held-out set, its misses since studied",
    "dev2": "dev2 set — the second held-out set, its misses since studied",
    "dev3": "dev3 set — the third held-out set, its misses since studied",
    "dev4": "dev4 set — the fourth held-out set, its misses since studied",
    "dev5": "dev5 set — the fifth held-out set, its misses since studied",
    "dev6": "dev6 set — the sixth held-out set, its misses since studied",
    "dev7": "dev7 set — the seventh held-out set, its misses since studied",
    "dev8": "dev8 set — the eighth held-out set, scored once, misses not studied",
    "dev9": "dev9 set — the ninth held-out set, scored once, misses not studied",
    "heldout": "held-out set — written without seeing the KB",
}

Call = tuple[str, list[Utterance], dict]


@dataclass
class DataSet:
    """One labelled set: single utterances plus whole calls with their expectations."""

    name: str
    folder: Path
    rows: list[dict] = field(default_factory=list)
    calls: list[Call] = field(default_factory=list)

    @property
    def title(self) -> str:
        return TITLES.get(self.name, self.name)


def load_set(name: str, data: Path) -> DataSet:
    folder = data if name == "tuned" else data / name
    return DataSet(name, folder, load_utterances(folder / "utterances.jsonl"), load_calls(folder / "calls"))


def load_sets(data: Path, which: str) -> list[DataSet]:
    """`which` is tuned, dev, dev2, dev3, dev4, dev5, dev6, dev7, dev8, dev9, heldout or all; a set with no data at all is left out."""
    names = SETS if which == "all" else (which,)
    sets = [load_set(name, data) for name in names]
    return [s for s in sets if s.rows or s.calls]


def load_utterances(path: Path) -> list[dict]:
    rows = []
    if not path.exists():
        return rows
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            row = json.loads(line)
            row.setdefault("id", f"line{n}")
            rows.append(row)
    return rows


def labels(row: dict, kind: str) -> set[str]:
    """A row's expected categories of one kind, wherever the labeller put them."""
    for holder in (row, row.get("expect") or {}, row.get("labels") or {}):
        value = holder.get(kind)
        if value is None and kind.endswith("s"):
            value = holder.get(kind[:-1])
        if value:
            return {value} if isinstance(value, str) else set(value)
    return set()


def load_calls(folder: Path) -> list[Call]:
    calls: list[Call] = []
    if not folder.is_dir():
        return calls
    for transcript in sorted(folder.glob("*.jsonl")):
        expect_file = transcript.with_suffix(".expect.yaml")
        expect = yaml.safe_load(expect_file.read_text(encoding="utf-8")) if expect_file.exists() else {}
        calls.append((transcript.stem, read_transcript(transcript).utterances, expect or {}))
    return calls


def labelled_categories(rows, calls) -> dict[str, set[str]]:
    """Signals the labels use: a KB's own extra signals are not scored against them."""
    used: set[str] = set()
    for row in rows:
        used |= labels(row, "signals")
    for _, _, expect in calls:
        used |= set(expect.get("signals") or [])
    return {"signals": used}


def run_main(main) -> None:
    """Run an eval's `main()` as a command: a bad KB or data file is one line and exit 2."""
    import sys

    from copilot.errors import CopilotError

    try:
        raise SystemExit(main())
    except CopilotError as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
