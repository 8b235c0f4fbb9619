"""The held-out set behind `make eval` is well formed, big enough, and really separate from the tuned set.

The held-out numbers only mean something if the data follows the same schema as the tuned set
(DOMAIN.md ids, only advisors violate or disclose, calls are valid transcripts whose call-level
expectations follow from their own line labels) and shares no sentence with the tuned set. The
eval script is run on it end to end with the real analyzers and the real demo KB.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
import yaml

from bench.eval_analyzers import main as eval_main
from bench.eval_data import load_sets
from copilot.kb import load_kb
from copilot.sources.transcript import read_transcript

DATA = Path(__file__).resolve().parent
HELDOUT = DATA / "heldout"
IDS = yaml.safe_load((DATA.parents[1] / "copilot" / "kb" / "domain_ids.yaml").read_text(encoding="utf-8"))
VIOLATIONS, DISCLOSURES, SIGNALS = (set(IDS[k]) for k in ("violation_categories", "disclosures", "signals"))
STAGES = list(IDS["stages"])
TAGS = {"paraphrase", "negation", "customer_mention", "asr_noise", "plain", "hard_negative"}
CALLS = sorted((HELDOUT / "calls").glob("*.jsonl"))


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _check_labels(row: dict) -> None:
    assert set(row["violations"]) <= VIOLATIONS, row
    assert set(row["disclosures"]) <= DISCLOSURES, row
    assert set(row["signals"]) <= SIGNALS, row
    assert row["stage"] in STAGES, row
    if row["speaker"] == "customer":
        assert not row["violations"] and not row["disclosures"], f"customers never violate: {row}"
    else:
        assert row["speaker"] == "advisor" and not row["signals"], f"signals are customer speech: {row}"


def test_heldout_utterances_follow_the_schema_and_cover_every_category():
    rows = _lines(HELDOUT / "utterances.jsonl")
    assert len(rows) >= 300
    ids = [r["id"] for r in rows]
    assert len(set(ids)) == len(ids) and all(i.startswith("h") for i in ids)
    assert len({r["text"] for r in rows}) == len(rows), "duplicate sentences"
    for row in rows:
        assert set(row) == {"id", "speaker", "text", "violations", "disclosures", "signals", "stage", "tags"}
        _check_labels(row)
        assert row["tags"] and set(row["tags"]) <= TAGS, row
    counts = Counter(c for r in rows for key in ("violations", "disclosures", "signals") for c in r[key])
    assert all(counts[c] >= 10 for c in VIOLATIONS), counts
    assert all(counts[c] >= 6 for c in DISCLOSURES), counts
    assert all(counts[c] >= 10 for c in SIGNALS), counts
    near_misses = [r for r in rows if r["speaker"] == "advisor" and not r["violations"]
                   and {"negation", "hard_negative"} & set(r["tags"])]
    mentions = [r for r in rows if r["speaker"] == "customer" and "customer_mention" in r["tags"]]
    assert len(near_misses) >= 50 and len(mentions) >= 20


def test_heldout_shares_no_sentence_with_the_tuned_set():
    tuned = {r["text"] for r in _lines(DATA / "utterances.jsonl")}
    tuned |= {r["text"] for call in (DATA / "calls").glob("*.jsonl") for r in _lines(call)}
    heldout = {r["text"] for r in _lines(HELDOUT / "utterances.jsonl")}
    heldout |= {r["text"] for call in CALLS for r in _lines(call)}
    assert not tuned & heldout


@pytest.mark.parametrize("call", CALLS, ids=lambda p: p.stem)
def test_heldout_call_parses_and_its_expectations_follow_from_its_lines(call, demo_kb_dir):
    rows = _lines(call)
    transcript = read_transcript(call)
    assert [u.id for u in transcript.utterances] == [r["id"] for r in rows]
    assert not transcript.notices, "out of order or overlapping lines"
    assert 25 <= len(rows) <= 40
    for row in rows:
        _check_labels(row)
    expect = yaml.safe_load(call.with_suffix(".expect.yaml").read_text(encoding="utf-8"))
    assert expect["stages"] == {r["id"]: r["stage"] for r in rows}
    assert load_kb(demo_kb_dir).product(expect["product"]).family == expect["product_family"]
    family = expect["product_family"]
    applicable = [d for d in IDS["disclosures"] if (d != "waiting_period" or family == "health")
                  and (d != "uncertain_returns" or family == "savings")]
    closing = next((i for i, r in enumerate(rows) if r["stage"] == "closing"), None)
    said = {d for r in rows[:closing] if r["speaker"] == "advisor" for d in r["disclosures"]}
    assert expect["reaches_closing"] == (closing is not None)
    assert expect["missing_disclosures"] == ([] if closing is None else [d for d in applicable if d not in said])
    for kind in ("violations", "disclosures", "signals"):
        assert expect[kind] == sorted({c for r in rows for c in r[kind]}), kind


def test_heldout_calls_cover_three_products_and_outcomes():
    expects = [yaml.safe_load(c.with_suffix(".expect.yaml").read_text(encoding="utf-8")) for c in CALLS]
    assert len(expects) == 3
    assert len({e["product"] for e in expects}) == 3
    assert len({e["outcome"] for e in expects}) == 3


def test_load_sets_reads_both_sets_and_only_the_chosen_one():
    names = [s.name for s in load_sets(DATA, "all")]
    assert names == ["tuned", "heldout"]
    (heldout,) = load_sets(DATA, "heldout")
    assert len(heldout.rows) == len(_lines(HELDOUT / "utterances.jsonl")) and len(heldout.calls) == len(CALLS)
    assert load_sets(DATA / "no-such-folder", "all") == []


@pytest.mark.slow
def test_eval_prints_the_heldout_table_under_its_own_title(demo_kb_dir, capsys):
    assert eval_main(["--kb", str(demo_kb_dir), "--set", "heldout"]) == 0
    out = capsys.readouterr().out
    assert "held-out set — written without seeing the KB" in out
    assert "tuned set — patterns were written with it in view" not in out
    assert "violations on customer speech" in out and "heldout_medical_sale" in out
