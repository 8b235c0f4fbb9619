"""The session store's schema, migrated in code: each version is a function run once, in order.

`schema_version` holds the version a database is at; opening a store runs every later migration in
one transaction, so an old file (or an empty one) always ends at the current schema.
v1: sessions, utterances, events, outcomes. v2: recorded audio files and trigram full-text search
over utterance text (Chinese has no spaces, so trigrams are what makes substring search work).
v3: a per-call covering index on events for the team view's aggregates. v4: a bigram index so
one- and two-character Chinese queries (退保, 分红) do not scan every utterance.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils

Migration = Callable[[sqlite_utils.Database], None]


def _v1(db: sqlite_utils.Database) -> None:
    db["sessions"].create(
        {
            "id": str,
            "started_at": str,  # ISO 8601 with offset; sorts as text within one offset
            "ended_at": str,
            "duration_ms": int,  # on the session clock: the last event's time
            "advisor": str,
            "team": str,
            "source": str,
            "kb_id": str,
            "kb_version": str,
            "kb_hash": str,
            "models": str,  # JSON
            "outcome": str,
            "status": str,  # live | complete | interrupted
            "n_utterances": int,
            "n_violations": int,
            "pid": int,
            "host": str,
            "heartbeat_at": float,  # unix time of the writer's last commit
        },
        pk="id",
        not_null={"id", "started_at", "status"},
        defaults={"status": "live", "n_utterances": 0, "n_violations": 0, "duration_ms": 0},
    )
    db["utterances"].create(
        {
            "id": int,
            "session_id": str,
            "utterance_id": str,
            "speaker": str,
            "start_ms": int,
            "end_ms": int,
            "text": str,
            "words": str,  # JSON
        },
        pk="id",
        foreign_keys=[("session_id", "sessions", "id")],
    )
    db["events"].create(
        {
            "id": int,
            "session_id": str,
            "seq": int,
            "type": str,
            "t_ms": int,
            "utterance_id": str,
            "key": str,  # what aggregates group by: stage/step, category, signal, outcome...
            "status": str,  # violations: raised | confirmed | withdrawn
            "data": str,  # the event's JSON form
        },
        pk="id",
        foreign_keys=[("session_id", "sessions", "id")],
    )
    db["outcomes"].create(
        {
            "id": int,
            "session_id": str,
            "t_ms": int,
            "outcome": str,
            "callback_at": str,
            "notes": str,
        },
        pk="id",
        foreign_keys=[("session_id", "sessions", "id")],
    )
    db["utterances"].create_index(["session_id", "utterance_id"], unique=True)
    db["utterances"].create_index(["session_id", "start_ms"])
    db["events"].create_index(["session_id", "seq"])
    db["events"].create_index(["type", "key", "session_id"])
    db["outcomes"].create_index(["session_id"])
    for column in ("started_at", "advisor", "team", "status", "outcome"):
        db["sessions"].create_index([column])


def _v2(db: sqlite_utils.Database) -> None:
    db["audio"].create(
        {
            "id": int,
            "session_id": str,
            "speaker": str,
            "path": str,
            "offset_ms": int,  # where the file starts on the session clock
            "added_at": str,
        },
        pk="id",
        foreign_keys=[("session_id", "sessions", "id")],
    )
    db["audio"].create_index(["session_id"])
    db["utterances"].enable_fts(["text"], tokenize="trigram", create_triggers=True)


def _v3(db: sqlite_utils.Database) -> None:
    """Aggregates walk each call's events by type: index them per call (covering the columns the
    team view counts), replacing the global by-type index that made a month cost a year's scan."""
    db.execute("drop index if exists idx_events_type_key_session_id")
    db["events"].create_index(["session_id", "type", "key", "status"])


def _v4(db: sqlite_utils.Database) -> None:
    """One- and two-character queries get an index too (bigrams; see `copilot.store.bigrams`)."""
    from copilot.store import bigrams

    bigrams.create(db.conn)


MIGRATIONS: list[Migration] = [_v1, _v2, _v3, _v4]
CURRENT_VERSION = len(MIGRATIONS)


def schema_version(db: sqlite_utils.Database) -> int:
    if "schema_version" not in db.table_names():
        return 0
    row = db.execute("select max(version) from schema_version").fetchone()
    return int(row[0] or 0)


def migrate(db: sqlite_utils.Database, target: int = CURRENT_VERSION) -> int:
    """Bring `db` to `target` (default: current); returns the version it was at before."""
    before = schema_version(db)
    if before > CURRENT_VERSION:
        from copilot.errors import CopilotError

        raise CopilotError(
            f"{db.conn} was written by a newer copilot (schema v{before}, this one knows "
            f"v{CURRENT_VERSION}); upgrade copilot"
        )
    if before >= target:
        return before
    db.execute("BEGIN")
    try:
        if "schema_version" not in db.table_names():
            db["schema_version"].create({"version": int, "applied_at": str}, pk="version")
        for version in range(before + 1, target + 1):
            MIGRATIONS[version - 1](db)
            db.execute(
                "insert into schema_version (version, applied_at) values (?, datetime('now'))",
                [version],
            )
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
    return before
