"""KB tests: dialogues in `tests/*.yaml` with the events trainers expect the copilot to produce.

A case lists a dialogue ("坐席: …" / "客户: …" per line) and expectations written as partial
events: `{type: suggestion, item_id: obj_price_daily_cost, at: 2}` passes when some event of that
type has those field values (for list fields such as `handles` or `missing`, the value must be
in the list). `at` is the 1-based line of the dialogue the event must come from; `min_score`
bounds a score from below. `absent:` lists events that must NOT happen. Cases run through the real
engine (copilot.curation.trial), so a passing test is what an advisor would see.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from copilot.curation.dialogue import parse_dialogue
from copilot.curation.trial import Trial, describe, run_dialogue
from copilot.errors import InputError
from copilot.events import EVENT_TYPES, Event

SPECIAL_KEYS = {"type", "at", "min_score"}


@dataclass
class KbTestCase:
    file: str
    line: int
    id: str
    dialogue: str
    expect: list[dict] = field(default_factory=list)
    absent: list[dict] = field(default_factory=list)
    description: str = ""


@dataclass
class CaseResult:
    case: KbTestCase
    failures: list[str]
    trial: Trial | None = None

    @property
    def passed(self) -> bool:
        return not self.failures


def read_cases(kb_root: Path) -> list[KbTestCase]:
    """Every case of every `tests/*.yaml` file; InputError (file:line) for a malformed case."""
    from copilot.kb.yamlio import YamlSyntaxError, load_yaml

    cases: list[KbTestCase] = []
    for path in sorted((kb_root / "tests").glob("*.y*ml")):
        try:
            data = load_yaml(path)
        except YamlSyntaxError as exc:
            raise InputError(path, exc.line, exc.problem, exc.fix) from exc
        entries = data.get("cases") if isinstance(data, dict) else None
        if not isinstance(entries, list):
            raise InputError(path, 1, "expected a top-level 'cases:' list",
                             "start the file with 'cases:' and '- id: ...' entries")
        rel = path.relative_to(kb_root).as_posix()
        cases += [_case(path, rel, entries, i) for i in range(len(entries))]
    return cases


def _case(path: Path, rel: str, entries: list, index: int) -> KbTestCase:
    raw = entries[index]
    line = entries.line_of(index) if hasattr(entries, "line_of") else 0
    if not isinstance(raw, dict) or not raw.get("id") or not raw.get("dialogue"):
        raise InputError(path, line, f"case {index + 1} needs an 'id' and a 'dialogue'",
                         "write '- id: name' with 'dialogue: |' and one '坐席:/客户:' line per turn")
    dialogue = raw["dialogue"]
    if isinstance(dialogue, list):
        dialogue = "\n".join(str(d) for d in dialogue)
    if not isinstance(dialogue, str):
        raise InputError(path, line, f"case '{raw['id']}': dialogue must be text",
                         "write 'dialogue: |' and one '坐席:/客户:' line per turn")
    expect, absent = raw.get("expect") or [], raw.get("absent") or []
    if not expect and not absent:
        raise InputError(path, line, f"case '{raw['id']}' checks nothing",
                         "add 'expect:' or 'absent:' with at least one event")
    if not isinstance(expect, list) or not isinstance(absent, list):
        raise InputError(path, line, f"case '{raw['id']}': 'expect' and 'absent' must be lists",
                         "write each expectation as '- type: ...'")
    for spec in (*expect, *absent):
        if not isinstance(spec, dict) or spec.get("type") not in EVENT_TYPES:
            raise InputError(path, getattr(spec, "line", line),
                             f"case '{raw['id']}': expectation {dict(spec) if isinstance(spec, dict) else spec!r} "
                             "has no known 'type'", f"use one of {', '.join(EVENT_TYPES)}")
    return KbTestCase(rel, line, str(raw["id"]), str(dialogue), [dict(e) for e in expect],
                      [dict(a) for a in absent], str(raw.get("description") or ""))


def run_case(case: KbTestCase, kb, settings=None) -> CaseResult:
    utterances = parse_dialogue(case.dialogue)
    trial = run_dialogue(kb, utterances, settings)
    order = {u.id: n for n, u in enumerate(utterances, start=1)}
    failures = []
    for spec in case.expect:
        if not any(matches(e, spec, order) for e in trial.events):
            failures.append(f"expected {show_spec(spec)}; got {_got(trial.events, spec, order)}")
    for spec in case.absent:
        for event in (e for e in trial.events if matches(e, spec, order)):
            at = order.get(event.utterance_id or "")
            failures.append(f"unexpected {describe(event)}" + (f" at line {at}" if at else ""))
    return CaseResult(case, failures, trial)


def run_cases(cases: list[KbTestCase], kb, settings=None) -> list[CaseResult]:
    return [run_case(case, kb, settings) for case in cases]


def matches(event: Event, spec: dict, order: dict[str, int]) -> bool:
    if event.type != spec["type"]:
        return False
    if event.type == "violation" and getattr(event, "status", "") == "withdrawn":
        return False
    data = event.to_dict()
    if "at" in spec and order.get(event.utterance_id or "") != spec["at"]:
        return False
    if "min_score" in spec and float(data.get("score", 0.0)) < float(spec["min_score"]):
        return False
    return all(_value_matches(data.get(k), v) for k, v in spec.items() if k not in SPECIAL_KEYS)


def _value_matches(actual: Any, expected: Any) -> bool:
    if isinstance(actual, list | tuple) and not isinstance(expected, list | tuple):
        return expected in actual
    if isinstance(actual, list | tuple):
        return list(actual) == list(expected)
    return actual == expected


def show_spec(spec: dict) -> str:
    fields = " ".join(f"{k}={v}" for k, v in spec.items() if k not in ("type", "at"))
    at = f" at line {spec['at']}" if "at" in spec else ""
    return f"{spec['type']} {fields}".strip() + at


def _got(events: list[Event], spec: dict, order: dict[str, int]) -> str:
    same = [e for e in events if e.type == spec["type"]]
    if not same:
        return f"no {spec['type']} event"
    shown = []
    for event in same[:6]:
        at = order.get(event.utterance_id or "")
        shown.append(describe(event) + (f" at line {at}" if at else ""))
    more = f" (+{len(same) - 6} more)" if len(same) > 6 else ""
    return "; ".join(shown) + more


def format_results(results: list[CaseResult]) -> str:
    lines = []
    for result in results:
        mark = "PASS" if result.passed else "FAIL"
        lines.append(f"{mark}  {result.case.file}:{result.case.line} {result.case.id}")
        lines += [f"      - {failure}" for failure in result.failures]
    failed = sum(not r.passed for r in results)
    lines.append(f"{len(results) - failed} passed, {failed} failed")
    return "\n".join(lines)
