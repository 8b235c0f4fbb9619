"""A bigram index for one- and two-character Chinese searches (退保, 分红, 保本).

The trigram index answers 3+ character queries only, and a LIKE scan over every utterance is too
slow at 600k utterances. So each utterance is also indexed as its overlapping character pairs in a
contentless FTS5 table; a query becomes a phrase of its pairs, which matches exactly the texts that
contain it. The pairs are computed here (SQLite cannot run a Python tokenizer), so every write and
delete of an utterance goes through these functions.
"""

from __future__ import annotations

import re
import sqlite3

TABLE = "utterances_bigram"
_RUNS = re.compile(r"\w+")


def grams(text: str) -> list[str]:
    """Overlapping character pairs of each run of word characters ("保本保息" -> 保本 本保 保息)."""
    out: list[str] = []
    for run in _RUNS.findall(text.lower()):
        out += [run] if len(run) == 1 else [run[i:i + 2] for i in range(len(run) - 1)]
    return out


def create(conn: sqlite3.Connection) -> None:
    conn.execute(f"create virtual table {TABLE} using fts5(grams, content='', "
                 "tokenize='unicode61 remove_diacritics 0')")
    rows = conn.execute("select id, text from utterances").fetchall()
    conn.executemany(f"insert into {TABLE} (rowid, grams) values (?, ?)",
                     [(rowid, " ".join(grams(text or ""))) for rowid, text in rows])


def add(conn: sqlite3.Connection, rowid: int, text: str) -> None:
    conn.execute(f"insert into {TABLE} (rowid, grams) values (?, ?)",
                 [rowid, " ".join(grams(text))])


def remove(conn: sqlite3.Connection, rowid: int, text: str) -> None:
    """Contentless tables forget a row only when told its original tokens."""
    conn.execute(f"insert into {TABLE} ({TABLE}, rowid, grams) values ('delete', ?, ?)",
                 [rowid, " ".join(grams(text))])


def match_query(terms: list[str]) -> str:
    """An FTS5 query: every term as a phrase of its pairs (all terms must occur)."""
    phrases = []
    for term in terms:
        for run in _RUNS.findall(term.lower()):
            pairs = grams(run)
            phrases.append('"' + " ".join(p.replace('"', '""') for p in pairs) + '"')
    return " AND ".join(phrases)
