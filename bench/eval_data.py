"""The labelled data `make eval` scores on: tuned, dev and held-out sets, read the same way.

Three sets live under tests/data:
- tuned (`utterances.jsonl`, `calls/`): the KB's patterns were written and broadened while looking
  at it, so its scores are optimistic.
- dev, dev2 … (`dev*/`): written blind as earlier held-out sets, each scored once as such; most
  were then studied and the KB improved on them, so they are development sets (each README says
  how it was used).
- The demo KB learns from the tuned and dev sets' lines (knowledge/demo-zh/labelled/), so their
  scores only show nothing broke.
- held-out (`heldout*/`): written blind after that, scored once per tuning round; its scores are the
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
DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
TUNED_TITLE = "tuned set — patterns were written with it in view"


def _written_order(name: str) -> tuple[int, int]:
    """dev, dev2 … dev10, then heldout, heldout2: the order the sets were written in."""
    family = name.rstrip("0123456789")
    number = name[len(family):]
    return (family != "dev", int(number or 1))


def set_names(data: Path = DATA) -> tuple[str, ...]:
    """Every labelled set under `data`, found from its folders, so adding a set is adding a folder.

    A set is a `dev*` or `heldout*` folder holding `utterances.jsonl`; tuned (the folder itself)
    comes first, then the dev sets in the order written, then the held-out ones.
    """
    folders = [p.name for p in data.glob("*") if (p / "utterances.jsonl").exists()] if data.is_dir() else []
    blind = [n for n in folders if n.rstrip("0123456789") in ("dev", "heldout")]
    return ("tuned", *sorted(blind, key=_written_order))


def set_title(folder: Path, name: str) -> str:
    """A set's title is its README's heading: the README says what the set is and how it was used."""
    if name == "tuned":
        return TUNED_TITLE
    readme = folder / "README.md"
    if readme.exists():
        heading = readme.read_text(encoding="utf-8").splitlines()[0]
        return heading.lstrip("# ").strip() or name
    return name


SETS = set_names()

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
        return set_title(self.folder, self.name)


def load_set(name: str, data: Path) -> DataSet:
    folder = data if name == "tuned" else data / name
    return DataSet(name, folder, load_utterances(folder / "utterances.jsonl"), load_calls(folder / "calls"))


def load_sets(data: Path, which: str) -> list[DataSet]:
    """`which` is one of `set_names(data)` or all; a set with no data at all is left out."""
    names = set_names(data) if which == "all" else (which,)
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
