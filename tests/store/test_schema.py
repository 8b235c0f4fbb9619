"""Migrations in code: an empty file and a v1 file (with data) both end at the current schema."""

from __future__ import annotations

import sqlite_utils

from copilot.errors import CopilotError
from copilot.store import SessionStore
from copilot.store.schema import CURRENT_VERSION, migrate, schema_version


def test_migrate_from_empty(db_path):
    store = SessionStore(db_path)
    assert schema_version(store.db) == CURRENT_VERSION == 4
    assert {"sessions", "utterances", "events", "outcomes", "audio", "utterances_fts"} <= set(
        store.db.table_names())
    assert store.db.execute("pragma journal_mode").fetchone()[0] == "wal"
    assert [r["version"] for r in store.db.query("select version from schema_version")] == [1, 2, 3, 4]
    store.close()
    # reopening migrates nothing again
    again = SessionStore(db_path)
    assert [r["version"] for r in again.db.query("select version from schema_version")] == [1, 2, 3, 4]
    again.close()


def test_migrate_from_v1_keeps_and_indexes_old_rows(db_path):
    db = sqlite_utils.Database(db_path)
    assert migrate(db, target=1) == 0
    assert "audio" not in db.table_names() and "utterances_fts" not in db.table_names()
    db["sessions"].insert({"id": "old1", "started_at": "2026-01-05T02:00:00+00:00",
                           "status": "complete", "advisor": "李雷"})
    db["utterances"].insert({"session_id": "old1", "utterance_id": "u1", "speaker": "advisor",
                             "start_ms": 0, "end_ms": 900, "text": "这款产品有犹豫期十五天"})
    db.conn.close()

    store = SessionStore(db_path)
    assert schema_version(store.db) == 4
    hits = store.search("犹豫期")  # trigram index (v2) built over the old rows
    assert [(h["session_id"], h["text"]) for h in hits] == [("old1", "这款产品有犹豫期十五天")]
    assert [h["session_id"] for h in store.search("十五")] == ["old1"]  # bigram index (v4) too
    assert store.load("old1").audio == []
    store.close()


def test_newer_schema_is_refused_with_a_clear_message(db_path):
    store = SessionStore(db_path)
    store.db.execute("insert into schema_version values (99, 'future')")
    store.close()
    try:
        SessionStore(db_path)
    except CopilotError as exc:
        assert "newer copilot" in str(exc) and "v99" in str(exc)
    else:
        raise AssertionError("a newer schema must be refused")


def test_a_non_database_file_is_a_one_line_error(tmp_path):
    bad = tmp_path / "sessions.db"
    bad.write_text("not sqlite at all " * 100)
    try:
        SessionStore(bad)
    except CopilotError as exc:
        assert str(bad) in str(exc) and "\n" not in str(exc)
    else:
        raise AssertionError("a broken file must raise CopilotError")


def test_migrate_from_v2_swaps_the_aggregate_index(db_path):
    db = sqlite_utils.Database(db_path)
    migrate(db, target=2)
    db["sessions"].insert({"id": "v2", "started_at": "2026-02-05T02:00:00+00:00",
                           "status": "complete"})
    db["utterances"].insert({"session_id": "v2", "utterance_id": "u1", "speaker": "customer",
                             "start_ms": 0, "end_ms": 900, "text": "分红是保证的吗"})
    assert "idx_events_type_key_session_id" in {i.name for i in db["events"].indexes}
    db.conn.close()
    store = SessionStore(db_path)
    names = {i.name for i in store.db["events"].indexes}
    assert "idx_events_session_id_type_key_status" in names
    assert "idx_events_type_key_session_id" not in names
    plan = " ".join(r["detail"] for r in store.db.query(
        "explain query plan select count(*) from events where session_id = 'x' "
        "and type = 'violation' and status = 'confirmed'"))
    assert "idx_events_session_id_type_key_status" in plan
    assert [h["text"] for h in store.search("分红")] == ["分红是保证的吗"]
    store.close()
