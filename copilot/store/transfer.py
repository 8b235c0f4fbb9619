"""Moving calls in and out of the store: JSON export/import (round-trips), CSV transcript, purge.

Imported text goes through the same masking as live writes: a file from elsewhere may carry
unmasked numbers even though sessions mask what they publish.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from copilot import paths
from copilot.errors import CopilotError, InputError
from copilot.events import UtteranceEvent
from copilot.session import SessionInfo
from copilot.store.record import SessionRecord
from copilot.store.store import SessionStore
from copilot.timeline import clock


def read_export(path: str | Path) -> SessionRecord:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError(path, None, "file not found", "check the path") from exc
    except IsADirectoryError as exc:
        raise InputError(path, None, "is a folder", "give the .json file `sessions export` wrote") from exc
    except UnicodeDecodeError as exc:
        raise InputError(path, None, f"not UTF-8 text (byte {exc.start})",
                         "give the .json file `sessions export` wrote, unchanged") from exc
    except OSError as exc:
        raise InputError(path, None, f"cannot read ({exc.strerror})", "check the path") from exc
    except json.JSONDecodeError as exc:
        raise InputError(path, exc.lineno, f"not valid JSON ({exc.msg})", "fix the file") from exc
    return SessionRecord.from_export(data, path)


def import_record(store: SessionStore, record: SessionRecord, *, replace: bool = False) -> str:
    """Write a whole call in one transaction; nothing is written if any part fails."""
    s = record.session
    info = SessionInfo(
        session_id=s["id"], started_at=datetime.fromisoformat(s["started_at"]),
        advisor=s.get("advisor") or "", team=s.get("team") or "", source=s.get("source") or "",
        kb_id=s.get("kb_id") or "", kb_version=s.get("kb_version") or "",
        kb_hash=s.get("kb_hash") or "", models=s.get("models") or {},
    )
    status = s.get("status") or "complete"
    store.begin()
    try:
        if replace:
            store.delete_session(s["id"], commit=False)
        store.create_session(info, status=store_status(status), pid=None, host=None,
                             heartbeat_at=None)
        seq = 0
        for u in record.utterances:
            seq += 1
            store.write_event(s["id"], seq, UtteranceEvent(
                t_ms=u["end_ms"], utterance_id=u.get("utterance_id") or f"u{seq}",
                speaker=u["speaker"], start_ms=u["start_ms"], end_ms=u["end_ms"],
                text=u["text"], words=tuple(u.get("words") or ())))
        for event in record.events:
            seq += 1
            store.write_event(s["id"], seq, event)
        for a in record.audio:
            store.add_audio(s["id"], a["speaker"], a["path"], a.get("offset_ms") or 0)
        store.touch(s["id"], s.get("duration_ms") or 0)
        store.finish_session(s["id"], store_status(status), s.get("ended_at"))
        store.commit()
    except sqlite3.OperationalError as exc:
        store.conn.rollback()
        raise store.busy_error(exc) from exc
    except BaseException:
        store.conn.rollback()
        raise
    return s["id"]


def store_status(status: str) -> str:
    return "interrupted" if status == "live" else status


def transcript_csv(record: SessionRecord) -> str:
    """The transcript as a spreadsheet: one row per final utterance."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["session_id", "utterance_id", "start", "start_ms", "end_ms", "speaker",
                     "text"])
    for u in record.utterances:
        writer.writerow([record.id, u["utterance_id"], clock(u["start_ms"]), u["start_ms"],
                         u["end_ms"], u["speaker"], u["text"]])
    return out.getvalue()


@dataclass
class PurgeResult:
    sessions: int
    files_deleted: int
    files_kept: list[str]


def purge(store: SessionStore, older_than_days: int) -> PurgeResult:
    """Delete calls (and their audio files inside the data folder) older than the retention."""
    if older_than_days < 0:
        raise CopilotError("--older-than must be 0 or more days")
    cutoff = (datetime.now(UTC) - timedelta(days=older_than_days)).isoformat(timespec="seconds")
    ids = [r["id"] for r in store.db.query(
        "select id from sessions where started_at < ? and status != 'live'", [cutoff])]
    data = paths.data_dir().resolve()
    deleted, kept = 0, []
    for session_id in ids:
        try:
            names = store.delete_session(session_id)
        except sqlite3.OperationalError as exc:
            store.conn.rollback()
            raise store.busy_error(exc) from exc
        for name in names:
            file = Path(name)
            if file.is_file() and file.resolve().is_relative_to(data):
                file.unlink()
                deleted += 1
            elif file.exists():
                kept.append(name)
    return PurgeResult(sessions=len(ids), files_deleted=deleted, files_kept=kept)
