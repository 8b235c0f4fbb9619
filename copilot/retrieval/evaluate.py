"""Measuring retrieval on labelled queries: Recall@1, Recall@5 and MRR per search mode.

Recall@k here is the share of queries with at least one relevant item in the top k (what an
advisor sees on screen); MRR is the mean of 1/rank of the first relevant item (0 beyond depth).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from copilot.errors import InputError
from copilot.retrieval.retriever import Retriever

DEPTH = 10


@dataclass(frozen=True)
class Query:
    id: str
    text: str
    relevant: tuple[str, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class Metrics:
    mode: str
    queries: int
    recall_at_1: float
    recall_at_5: float
    mrr: float
    misses: tuple[str, ...] = ()  # query ids with no relevant item in the top 5


def read_queries(path: str | Path, need_relevant: bool = False) -> list[Query]:
    """Query lines `{"id","text"[,"relevant"]}`; InputError with the line number on bad input."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, None, f"cannot read queries ({exc})", "pass a UTF-8 .jsonl file") from exc
    queries = []
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise InputError(path, number, f"not valid JSON ({exc.msg})", "one JSON object per line") from exc
        if not isinstance(data, dict) or not str(data.get("text", "")).strip():
            raise InputError(path, number, "query needs a non-empty 'text'", '{"id": "q1", "text": "..."}')
        relevant = data.get("relevant", [])
        if need_relevant and not relevant:
            raise InputError(path, number, "query has no 'relevant' item ids",
                             'add "relevant": ["item_id", ...]')
        if isinstance(relevant, str):
            relevant = [relevant]
        queries.append(Query(str(data.get("id", number)), str(data["text"]), tuple(relevant), number))
    if not queries:
        raise InputError(path, None, "no queries in the file", 'one {"id": "q1", "text": "..."} per line')
    return queries


def unknown_relevant(queries: list[Query], retriever: Retriever) -> list[tuple[Query, str]]:
    known = {item.id for item in retriever.items}
    return [(q, r) for q in queries for r in q.relevant if r not in known]


def evaluate(retriever: Retriever, queries: list[Query], mode: str) -> Metrics:
    hits1 = hits5 = 0
    reciprocal = 0.0
    misses = []
    if mode != "lexical":
        retriever.prepare([q.text for q in queries])
    for query in queries:
        ranked = [h.id for h in retriever.search(query.text, k=DEPTH, mode=mode)]
        relevant = set(query.relevant)
        rank = next((i for i, item_id in enumerate(ranked, start=1) if item_id in relevant), 0)
        hits1 += rank == 1
        hits5 += 0 < rank <= 5
        reciprocal += 1 / rank if rank else 0.0
        if not 0 < rank <= 5:
            misses.append(query.id)
    n = max(len(queries), 1)
    return Metrics(mode, len(queries), hits1 / n, hits5 / n, reciprocal / n, tuple(misses))


def format_table(rows: list[Metrics | tuple[str, str]]) -> str:
    """Side-by-side table; a (mode, reason) pair prints the reason instead of numbers."""
    lines = [f"{'mode':<9} {'Recall@1':>9} {'Recall@5':>9} {'MRR':>7} {'queries':>8}"]
    for row in rows:
        if isinstance(row, Metrics):
            lines.append(f"{row.mode:<9} {row.recall_at_1:>9.3f} {row.recall_at_5:>9.3f} "
                         f"{row.mrr:>7.3f} {row.queries:>8}")
        else:
            lines.append(f"{row[0]:<9} {row[1]}")
    return "\n".join(lines)
