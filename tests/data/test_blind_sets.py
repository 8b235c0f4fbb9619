"""The blind sets behind `make eval` (dev, held-out) are well formed, big enough, and really separate.

Their numbers only mean something if the data follows the same schema as the tuned set (DOMAIN.md
ids, only advisors violate or disclose, calls are valid transcripts whose call-level expectations
follow from their own line labels) and shares no sentence with any other set. The eval script is
run on them end to end with the real analyzers and the real demo KB.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
import yaml

from bench.eval_analyzers import main as eval_main
from bench.eval_data import load_sets, set_names
from copilot.kb import load_kb
from copilot.sources.transcript import read_transcript

DATA = Path(__file__).resolve().parent
SETS = list(set_names(DATA)[1:])  # every blind set, found from its folder
IDS = yaml.safe_load((DATA.parents[1] / "copilot" / "kb" / "domain_ids.yaml").read_text(encoding="utf-8"))
VIOLATIONS, DISCLOSURES, SIGNALS = (set(IDS[k]) for k in ("violation_categories", "disclosures", "signals"))
STAGES = list(IDS["stages"])
TAGS = {"paraphrase", "negation", "customer_mention", "asr_noise", "plain", "hard_negative"}
CALLS = [call for name in SETS for call in sorted((DATA / name / "calls").glob("*.jsonl"))]


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


def _prefix(name: str) -> str:
    return _lines(DATA / name / "utterances.jsonl")[0]["id"][0]


def test_every_set_has_its_own_id_letter():
    """Ids tell at a glance which set a line came from, in error lists and in labelled KB lines."""
    prefixes = [_prefix(name) for name in SETS] + ["t"]
    assert len(set(prefixes)) == len(prefixes), dict(zip([*SETS, "tuned"], prefixes, strict=True))


def _texts(folder: Path) -> set[str]:
    texts = {r["text"] for r in _lines(folder / "utterances.jsonl")}
    return texts | {r["text"] for call in (folder / "calls").glob("*.jsonl") for r in _lines(call)}


@pytest.mark.parametrize("name", SETS)
def test_blind_utterances_follow_the_schema_and_cover_every_category(name):
    rows = _lines(DATA / name / "utterances.jsonl")
    assert len(rows) >= 300
    ids = [r["id"] for r in rows]
    assert len(set(ids)) == len(ids) and all(i[0] == _prefix(name) for i in ids), "one id letter per set"
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


@pytest.mark.parametrize("name", SETS)
def test_blind_set_shares_no_sentence_with_any_other_set(name):
    others = [DATA] + [DATA / other for other in SETS if other != name]
    assert not _texts(DATA / name) & set().union(*(_texts(folder) for folder in others))


@pytest.mark.parametrize("call", CALLS, ids=lambda p: p.stem)
def test_blind_call_parses_and_its_expectations_follow_from_its_lines(call, demo_kb_dir):
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


@pytest.mark.parametrize("name", SETS)
def test_blind_calls_cover_different_products_and_outcomes(name):
    calls = sorted((DATA / name / "calls").glob("*.jsonl"))
    expects = [yaml.safe_load(c.with_suffix(".expect.yaml").read_text(encoding="utf-8")) for c in calls]
    assert len(expects) >= 3
    assert len({e["product"] for e in expects}) == len(expects)
    assert len({e["outcome"] for e in expects}) >= 3


def test_load_sets_reads_every_set_and_only_the_chosen_one():
    names = [s.name for s in load_sets(DATA, "all")]
    assert names == ["tuned", *SETS]
    (dev,) = load_sets(DATA, "dev")
    assert len(dev.rows) == len(_lines(DATA / "dev" / "utterances.jsonl"))
    assert len(dev.calls) == len(list((DATA / "dev" / "calls").glob("*.jsonl")))
    assert load_sets(DATA / "no-such-folder", "all") == []


@pytest.mark.slow
def test_eval_prints_the_dev_table_under_its_own_title(demo_kb_dir, capsys):
    assert eval_main(["--kb", str(demo_kb_dir), "--set", "dev"]) == 0
    out = capsys.readouterr().out
    assert "Dev set (`make eval --set dev`): the first held-out set" in out
    assert "tuned set — patterns were written with it in view" not in out
    assert "violations on customer speech" in out and "dev_medical_sale" in out


@pytest.mark.parametrize("name", [n for n in SETS if n.startswith("heldout")] or [pytest.param("heldout", marks=pytest.mark.skip("no held-out set written yet"))])
def test_the_held_out_set_never_teaches_a_knowledge_base(name):
    """KBs learn from labelled lines (`labelled/*.jsonl`); a held-out set must never be one of
    them, or its scores stop being honest."""
    heldout = DATA / name
    taught = {
        row["text"]
        for path in (DATA.parents[1] / "knowledge").glob("*/labelled/*.jsonl")
        for row in _lines(path)
    }
    assert taught, "the demo KB ships labelled lines"
    assert not _texts(heldout) & taught
