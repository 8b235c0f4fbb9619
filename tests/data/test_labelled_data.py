"""The labelled data behind `make eval` and the bundled demo call are what they claim to be.

`make eval` only means something if its data is well formed: every id is a DOMAIN.md id, only
advisors violate or disclose, calls are valid transcripts, and each call's `missing_disclosures`
follows from its own per-line labels. The demo call is checked end to end with the real analyzers
on the real demo KB: eight stages in order, exactly one violation, exactly one missing disclosure.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from copilot.kb import load_kb
from copilot.pipeline import open_session, run_transcript
from copilot.settings import load_settings
from copilot.sources.transcript import read_transcript

DATA = Path(__file__).resolve().parent
IDS = yaml.safe_load((DATA.parents[1] / "copilot" / "kb" / "domain_ids.yaml").read_text(encoding="utf-8"))
VIOLATIONS = set(IDS["violation_categories"])
DISCLOSURES = set(IDS["disclosures"])
SIGNALS = set(IDS["signals"])
STAGES = list(IDS["stages"])
TAGS = {"paraphrase", "negation", "customer_mention", "asr_noise", "plain", "hard_negative"}
CALLS = sorted((DATA / "calls").glob("*.jsonl"))


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _labels_ok(row: dict) -> None:
    assert set(row["violations"]) <= VIOLATIONS, row
    assert set(row["disclosures"]) <= DISCLOSURES, row
    assert set(row["signals"]) <= SIGNALS, row
    assert row["stage"] is None or row["stage"] in STAGES, row
    if row["speaker"] == "customer":
        assert not row["violations"] and not row["disclosures"], f"customers never violate: {row}"
    else:
        assert not row["signals"], f"signals are customer speech: {row}"


def test_utterances_cover_every_category_with_enough_examples():
    rows = _lines(DATA / "utterances.jsonl")
    assert len(rows) >= 450 and len({r["id"] for r in rows}) == len(rows)
    assert len({r["text"] for r in rows}) == len(rows), "duplicate sentences"
    for row in rows:
        _labels_ok(row)
        assert row["tags"] and set(row["tags"]) <= TAGS, row
    count = lambda key, cat: sum(cat in r[key] for r in rows)  # noqa: E731
    assert all(count("violations", c) >= 20 for c in VIOLATIONS)
    assert all(count("disclosures", c) >= 10 for c in DISCLOSURES)
    assert all(count("signals", c) >= 20 for c in SIGNALS)
    near_misses = [r for r in rows if r["speaker"] == "advisor" and not r["violations"]
                   and {"negation", "hard_negative"} & set(r["tags"])]
    mentions = [r for r in rows if "customer_mention" in r["tags"]]
    assert len(near_misses) >= 80 and len(mentions) >= 30
    advisors = sum(r["speaker"] == "advisor" for r in rows)
    assert 0.5 <= advisors / len(rows) <= 0.65


@pytest.mark.parametrize("call", CALLS, ids=lambda p: p.stem)
def test_call_is_a_valid_transcript_with_consistent_expectations(call, demo_kb_dir):
    rows = _lines(call)
    expect = yaml.safe_load(call.with_suffix(".expect.yaml").read_text(encoding="utf-8"))
    assert 20 <= len(rows) <= 45
    assert not read_transcript(call).notices, "out of order or overlapping lines"
    for row in rows:
        _labels_ok(row)
    stage_order = [STAGES.index(r["stage"]) for r in rows]
    assert stage_order == sorted(stage_order), "stages go forward"
    assert expect["stages"] == {r["id"]: r["stage"] for r in rows}
    product = load_kb(demo_kb_dir).product(expect["product"])
    assert product.family == expect["product_family"]
    applicable = [d for d in IDS["disclosures"]
                  if (d != "waiting_period" or product.family == "health")
                  and (d != "uncertain_returns" or product.family == "savings")]
    closing = next((i for i, r in enumerate(rows) if r["stage"] == "closing"), None)
    said = {d for r in rows[:closing] if r["speaker"] == "advisor" for d in r["disclosures"]}
    want = [] if closing is None else [d for d in applicable if d not in said]
    assert expect["missing_disclosures"] == want
    assert expect["violations"] == sorted({v for r in rows for v in r["violations"]})


def test_calls_cover_products_and_outcomes():
    expects = [yaml.safe_load(c.with_suffix(".expect.yaml").read_text(encoding="utf-8")) for c in CALLS]
    assert len(expects) >= 6
    assert {"ci_guardian", "accident_care", "wholelife_growth"} <= {e["product"] for e in expects}
    assert {"sale", "refusal", "complaint", "callback"} <= {e["outcome"] for e in expects}
    assert any("pressure_tactics" in e["violations"] and e["outcome"] == "refusal" for e in expects)


@pytest.mark.slow
def test_demo_call_walks_the_sop_with_one_violation_and_one_missing_disclosure(demo_call_path, demo_kb_dir):
    settings = load_settings(kb_dir=demo_kb_dir)
    session = run_transcript(demo_call_path, open_session(settings))
    events = session.events
    moves = [(e.utterance_id, e.stage) for e in events if e.type == "stage"]
    stages = [stage for _, stage in moves]
    # every stage is reached in SOP order; objection handling is an aside the call may step out
    # of and back into, opened by the customer's objection itself
    assert list(dict.fromkeys(stages)) == STAGES
    assert ("u028", "objection_handling") in moves and stages[-2:] == ["closing", "wrap_up"]
    violations = [e for e in events if e.type == "violation" and e.status == "confirmed"]
    assert [(v.category, v.utterance_id) for v in violations] == [("exaggerated_coverage", "u025")]
    missing = [e for e in events if e.type == "missing_disclosure"]
    assert [m.missing for m in missing] == [("cooling_off_period",)]
    objections = {e.signal for e in events if e.type == "signal"}
    assert {"objection_price", "objection_family_decision"} <= objections
    utterances = _lines(demo_call_path)
    assert 40 <= len(utterances) <= 60 and 180_000 <= utterances[-1]["end_ms"] <= 300_000
