"""`copilot kb build/search/eval` end to end on the bundled KBs."""

from __future__ import annotations

import json

import pytest

from copilot.cli import main


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_search_json(capsys, demo_kb_dir, tmp_path) -> None:
    code, out, _ = run(capsys, "kb", "search", str(demo_kb_dir), "犹豫期退保能退全款吗", "--k", "3",
                       "--json", "--cache-dir", str(tmp_path))
    assert code == 0
    result = json.loads(out)
    assert result["mode"] == "lexical" and len(result["hits"]) == 3
    assert {"id", "score", "kind", "title", "text"} <= set(result["hits"][0])
    assert any("cooling_off" in h["id"] for h in result["hits"])


def test_search_readable_with_filters(capsys, demo_kb_dir, tmp_path) -> None:
    code, out, _ = run(capsys, "kb", "search", str(demo_kb_dir), "太贵了", "--kind", "script",
                       "--handles", "objection_price", "--cache-dir", str(tmp_path))
    assert code == 0
    assert out.startswith("1. [script] ")
    assert "[fact]" not in out


def test_batch_search_writes_one_line_per_query(capsys, demo_kb_dir, tmp_path) -> None:
    queries = tmp_path / "q.jsonl"
    queries.write_text('{"id": "a", "text": "等待期多久"}\n\n{"id": "b", "text": "我不需要"}\n',
                       encoding="utf-8")
    code, out, _ = run(capsys, "kb", "search", str(demo_kb_dir), "--queries", str(queries),
                       "--k", "10", "--json", "--cache-dir", str(tmp_path / "c"))
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["query_id"] for line in lines] == ["a", "b"]
    assert all(len(line["hits"]) == 10 for line in lines)
    assert set(lines[0]["hits"][0]) == {"id", "score", "kind"}


def test_search_needs_exactly_one_query_source(capsys, demo_kb_dir) -> None:
    code, _, err = run(capsys, "kb", "search", str(demo_kb_dir))
    assert code == 2 and "--queries" in err


def test_bad_queries_file_points_at_the_line(capsys, demo_kb_dir, tmp_path) -> None:
    queries = tmp_path / "q.jsonl"
    queries.write_text('{"id": "a", "text": "等待期"}\n{"id": "b"}\n', encoding="utf-8")
    code, _, err = run(capsys, "kb", "eval", str(demo_kb_dir), str(queries))
    assert code == 2 and f"{queries}:1: query has no 'relevant'" in err
    queries.write_text('{"id": "a", "text": "等待期", "relevant": ["x"]}\n{"id": "b"}\n', encoding="utf-8")
    code, _, err = run(capsys, "kb", "eval", str(demo_kb_dir), str(queries))
    assert code == 2 and f"{queries}:2: query needs a non-empty 'text'" in err


def test_eval_without_model_prints_lexical_numbers_and_says_why_not_dense(capsys, demo_kb_dir, tmp_path) -> None:
    code, out, _ = run(capsys, "kb", "eval", str(demo_kb_dir), str(demo_kb_dir / "eval" / "queries.jsonl"),
                       "--cache-dir", str(tmp_path))
    assert code == 0
    header, lexical, dense, hybrid = out.splitlines()[:4]
    assert header.split() == ["mode", "Recall@1", "Recall@5", "MRR", "queries"]
    recall1, recall5, mrr = (float(x) for x in lexical.split()[1:4])
    assert 0 < recall1 <= recall5 <= 1 and 0 < mrr <= 1
    assert dense.startswith("dense") and "no embedding model" in dense
    assert hybrid.startswith("hybrid") and "no embedding model" in hybrid


@pytest.mark.slow
def test_eval_with_model_prints_three_rows(capsys, demo_en_kb_dir, minilm_path, minilm, tmp_path) -> None:
    code, out, _ = run(capsys, "kb", "eval", str(demo_en_kb_dir),
                       str(demo_en_kb_dir / "eval" / "queries.jsonl"),
                       "--embedding-model", str(minilm_path), "--cache-dir", str(tmp_path))
    assert code == 0
    rows = {line.split()[0]: [float(x) for x in line.split()[1:4]] for line in out.splitlines()[1:4]}
    assert set(rows) == {"lexical", "dense", "hybrid"}
    code, out, _ = run(capsys, "kb", "build", str(demo_en_kb_dir), "--embedding-model", str(minilm_path),
                       "--cache-dir", str(tmp_path))
    assert code == 0 and "lexical from cache" in out and "0 rows embedded" in out
