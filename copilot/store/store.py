"""The session store: one SQLite file (WAL) holding every call's row, transcript, events and audio.

Writes go through plain SQL on the connection so the live sink can batch a second of events into
one transaction; reads and schema work use sqlite-utils. Text is masked before it is stored when
`mask_pii` is on, whatever path it came by (a live session, an import, a script).
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from copilot import paths
from copilot.errors import CopilotError
from copilot.events import Event, UtteranceEvent
from copilot.pii import mask_event
from copilot.session import SessionInfo
from copilot.settings import Settings
from copilot.store import bigrams, queries
from copilot.store.schema import migrate

STALE_AFTER_S = 30.0  # another host's live session silent this long is dead
PID_REUSE_AFTER_S = 3600.0  # a same-host heartbeat this old: the pid is probably someone else
HOST = socket.gethostname()


def default_path() -> Path:
    return paths.data_dir() / "sessions.db"


def utc_iso(moment: datetime | None = None) -> str:
    moment = moment or datetime.now(UTC)
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def event_key(event: Event) -> str:
    """The value aggregates group an event by (DOMAIN.md ids)."""
    d = event.to_dict()
    if event.type == "step_done":
        return f"{d['stage']}/{d['step']}"
    if event.type == "missing_disclosure":
        return ",".join(d["missing"])
    for name in ("category", "stage", "signal", "outcome", "item_id", "field", "code"):
        if name in d:
            return str(d[name])
    return ""


class SessionStore(queries.Queries):
    """A session database; `durable=True` makes every commit fsync (the live sink's setting)."""

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        mask_pii: bool = True,
        durable: bool = False,
        recover: bool = True,
        busy_timeout_s: float = 10.0,
    ) -> None:
        self.path = Path(path) if path else default_path()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CopilotError(
                f"{self.path.parent}: cannot use this as the session store's folder "
                f"({exc.strerror}); move the file that is in the way, or set COPILOT_HOME"
            ) from exc
        self.mask_pii = mask_pii
        try:
            conn = sqlite3.connect(self.path, check_same_thread=False, timeout=busy_timeout_s)
            self.db = sqlite_utils.Database(conn)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute(f"PRAGMA synchronous={'FULL' if durable else 'NORMAL'}")
            self.db.execute("PRAGMA foreign_keys=ON")
            migrate(self.db)
        except sqlite3.DatabaseError as exc:
            raise CopilotError(
                f"{self.path}: not a readable session store ({exc}); move it aside and retry"
            ) from exc
        self.conn = conn
        if recover:
            self.recover_interrupted()

    @classmethod
    def for_settings(cls, settings: Settings, path: str | Path | None = None,
                     **kw: object) -> SessionStore:
        return cls(path, mask_pii=settings.mask_pii, **kw)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> SessionStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----------------------------------------------------------------- crash recovery
    def recover_interrupted(self) -> list[str]:
        """Mark `live` sessions whose writer is gone as `interrupted`; return their ids."""
        dead = [
            row["id"]
            for row in self.db.query(
                "select id, pid, host, heartbeat_at from sessions where status = 'live'"
            )
            if not _writer_alive(row)
        ]
        for session_id in dead:
            self.db.execute(
                "update sessions set status = 'interrupted', ended_at = coalesce(ended_at, "
                "strftime('%Y-%m-%dT%H:%M:%S+00:00', heartbeat_at, 'unixepoch')) where id = ?",
                [session_id],
            )
        return dead

    # ----------------------------------------------------------------- writing
    def begin(self) -> None:
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN")

    def commit(self) -> None:
        if self.conn.in_transaction:
            self.conn.commit()

    def create_session(self, info: SessionInfo, status: str = "live", **extra: object) -> None:
        row = {
            "id": info.session_id,
            "started_at": utc_iso(info.started_at),
            "advisor": info.advisor,
            "team": info.team,
            "source": info.source,
            "kb_id": info.kb_id,
            "kb_version": info.kb_version,
            "kb_hash": info.kb_hash,
            "models": json.dumps(info.models, ensure_ascii=False),
            "status": status,
            "pid": os.getpid(),
            "host": HOST,
            "heartbeat_at": time.time(),
            **extra,
        }
        names = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        try:
            self.conn.execute(f"insert into sessions ({names}) values ({marks})", list(row.values()))
        except sqlite3.IntegrityError as exc:
            raise CopilotError(f"session {info.session_id} is already in {self.path}; to "
                               "overwrite it with an export, use `sessions import --replace`") from exc

    def update_info(self, info: SessionInfo) -> None:
        """KB and models are known only once the session is opened; refresh them on the row."""
        self.conn.execute(
            "update sessions set advisor=?, team=?, kb_id=?, kb_version=?, kb_hash=?, models=? "
            "where id=?",
            [info.advisor, info.team, info.kb_id, info.kb_version, info.kb_hash,
             json.dumps(info.models, ensure_ascii=False), info.session_id],
        )

    def write_event(self, session_id: str, seq: int, event: Event) -> bool:
        """Store one event (no commit); partial utterances are skipped. True if stored."""
        if self.mask_pii:
            event = mask_event(event)
        if isinstance(event, UtteranceEvent):
            if not event.final:
                return False
            self._write_utterance(session_id, event.utterance_id or f"u{seq}", event)
            return True
        status = getattr(event, "status", None)
        self.conn.execute(
            "insert into events (session_id, seq, type, t_ms, utterance_id, key, status, data) "
            "values (?, ?, ?, ?, ?, ?, ?, ?)",
            [session_id, seq, event.type, event.t_ms, event.utterance_id, event_key(event),
             status, event.to_json()],
        )
        if event.type == "outcome":
            d = event.to_dict()
            self.conn.execute(
                "insert into outcomes (session_id, t_ms, outcome, callback_at, notes) "
                "values (?, ?, ?, ?, ?)",
                [session_id, event.t_ms, d["outcome"], d.get("callback_at"), d.get("notes", "")],
            )
            self.conn.execute("update sessions set outcome=? where id=?", [d["outcome"], session_id])
        return True

    def _write_utterance(self, session_id: str, utterance_id: str, event: UtteranceEvent) -> None:
        """Insert, or replace a final given again for the same utterance (both indexes follow)."""
        words = json.dumps(list(event.words), ensure_ascii=False)
        old = self.conn.execute("select id, text from utterances where session_id = ? and "
                                "utterance_id = ?", [session_id, utterance_id]).fetchone()
        if old:
            bigrams.remove(self.conn, old[0], old[1] or "")
            self.conn.execute(
                "update utterances set speaker=?, start_ms=?, end_ms=?, text=?, words=? "
                "where id=?",
                [event.speaker, event.start_ms, event.end_ms, event.text, words, old[0]])
            rowid = old[0]
        else:
            rowid = self.conn.execute(
                "insert into utterances (session_id, utterance_id, speaker, start_ms, end_ms, "
                "text, words) values (?, ?, ?, ?, ?, ?, ?)",
                [session_id, utterance_id, event.speaker, event.start_ms, event.end_ms,
                 event.text, words]).lastrowid
        bigrams.add(self.conn, rowid, event.text)

    def touch(self, session_id: str, duration_ms: int) -> None:
        """Heartbeat plus the summary columns listing needs, recomputed cheaply from indexes."""
        self.conn.execute(
            "update sessions set heartbeat_at=:now, duration_ms=max(coalesce(duration_ms, 0), :d),"
            " n_utterances=(select count(*) from utterances where session_id=:id),"
            " n_violations=(select count(*) from events where session_id=:id"
            " and type='violation' and status='confirmed') where id=:id",
            {"now": time.time(), "d": duration_ms, "id": session_id},
        )

    def finish_session(self, session_id: str, status: str = "complete",
                       ended_at: str | None = None) -> None:
        self.conn.execute(
            "update sessions set status=?, ended_at=? where id=?",
            [status, ended_at or utc_iso(), session_id],
        )

    def add_audio(self, session_id: str, speaker: str, path: str | Path,
                  offset_ms: int = 0) -> None:
        self.conn.execute(
            "insert into audio (session_id, speaker, path, offset_ms, added_at) "
            "values (?, ?, ?, ?, ?)",
            [session_id, speaker, str(Path(path).resolve()), offset_ms, utc_iso()],
        )

    # ----------------------------------------------------------------- deleting
    def delete_session(self, session_id: str, commit: bool = True) -> list[str]:
        """Remove a session and return its audio file paths (the caller decides about files).
        `commit=False` leaves it to the caller's transaction (import --replace: all or nothing)."""
        audio = [r["path"] for r in self.db.query(
            "select path from audio where session_id=?", [session_id])]
        self.begin()
        for rowid, text in self.conn.execute(
                "select id, text from utterances where session_id=?", [session_id]).fetchall():
            bigrams.remove(self.conn, rowid, text or "")
        for table in ("audio", "outcomes", "events", "utterances", "sessions"):
            column = "id" if table == "sessions" else "session_id"
            self.conn.execute(f"delete from {table} where {column}=?", [session_id])
        if commit:
            self.commit()
        return audio

    def busy_error(self, exc: sqlite3.OperationalError) -> CopilotError:
        """What to tell the user when SQLite refuses a write (another writer holds the lock)."""
        return CopilotError(f"{self.path}: cannot write the session store ({exc}); wait for "
                            "the running call or window to finish and retry")


def _writer_alive(row: dict) -> bool:
    """Same host: the writer's process still exists (a suspended laptop's call is alive), unless
    its heartbeat is so old the pid was probably reused. Another host: a fresh heartbeat."""
    age = time.time() - row["heartbeat_at"] if row["heartbeat_at"] is not None else float("inf")
    if row["host"] != HOST or not row["pid"]:
        return age < STALE_AFTER_S
    if age >= PID_REUSE_AFTER_S:
        return False
    try:
        os.kill(row["pid"], 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True
