"""The live writer: every published event goes to the store as it happens, committed (and fsynced)
at least once a second, so killing the process mid-call loses at most the last second.

Events are written on the session's thread inside an open transaction; a small flusher thread
commits it once a second and keeps the heartbeat fresh, so a silent stretch of the call still
reaches the disk and a concurrent `copilot sessions list` can tell this call is alive. The row is
written and committed before the first event, so even a call killed at once is found
`interrupted` by the next open of the store.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Iterable, Mapping
from pathlib import Path

from copilot import paths
from copilot.events import Event, UtteranceEvent
from copilot.session import SessionInfo
from copilot.settings import Settings
from copilot.store.store import SessionStore

COMMIT_EVERY_S = 0.5  # twice the required rate: a kill loses well under a second
HEARTBEAT_EVERY_S = 5.0
AUDIO_SUFFIXES = {".wav", ".flac", ".ogg"}
CLOSE_ATTEMPTS = 15
log = logging.getLogger(__name__)


class StoreSink:
    """A Session sink writing one call; `close()` marks it complete.

    Events are queued in memory and written with the commit (at most `commit_every_s` later),
    so the session thread never waits on the disk for long; if the database is busy or failing,
    the batch is rolled back and retried on the next tick instead of breaking the call.
    """

    def __init__(self, store: SessionStore, info: SessionInfo,
                 commit_every_s: float = COMMIT_EVERY_S) -> None:
        self.store = store
        self.info = info
        self.session_id = info.session_id
        self.commit_every_s = commit_every_s
        self.last_error: Exception | None = None
        self._lock = threading.Lock()
        self._seq = 0
        self._duration_ms = 0
        self._pending: list[tuple[int, Event]] = []
        self._last_commit = time.monotonic()
        self._closed = False
        self._stop = threading.Event()
        with self._lock:
            try:
                store.begin()
                store.create_session(info)
                store.commit()
            except sqlite3.OperationalError as exc:  # locked by another writer: say so, once
                store.conn.rollback()
                store.close()
                raise store.busy_error(exc) from exc
        self._flusher = threading.Thread(target=self._flush_loop, name="store-flush", daemon=True)
        self._flusher.start()

    # Sink protocol
    def on_event(self, event: Event) -> None:
        if isinstance(event, UtteranceEvent) and not event.final:
            return  # partials are superseded by their final: not stored
        with self._lock:
            if self._closed:
                return
            self._seq += 1
            self._duration_ms = max(self._duration_ms, event.t_ms,
                                    getattr(event, "end_ms", 0) or 0)
            self._pending.append((self._seq, event))
            if time.monotonic() - self._last_commit >= self.commit_every_s:
                self._commit_locked()

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            for _ in range(CLOSE_ATTEMPTS):  # a busy database gets a few seconds to free up
                if self._commit_locked(finish=True):
                    break
                time.sleep(0.2)
            else:
                log.error("session store %s: call %s not saved complete (%s); it will show as "
                          "interrupted", self.store.path, self.session_id, self.last_error)
            self.store.close()
        self._stop.set()
        self._flusher.join(timeout=5)

    # Audio the live call recorded
    def add_audio(self, speaker: str, path: str | Path, offset_ms: int = 0) -> None:
        """Register a recording; works after `close()` too (recorders often finish last)."""
        with self._lock:
            if self._closed:
                with SessionStore(self.store.path, recover=False) as store:
                    store.begin()
                    store.add_audio(self.session_id, speaker, path, offset_ms)
                    store.commit()
                return
            self._commit_locked()  # the queued events first, then the recording on its own
            self.store.begin()
            self.store.add_audio(self.session_id, speaker, path, offset_ms)
            self.store.commit()

    def _discover_recordings(self) -> None:
        """Recordings live call capture wrote to `sessions_dir()/<id>/<speaker>.wav`, registered
        at close unless the caller already did."""
        folder = paths.sessions_dir() / self.session_id
        known = self.store.db.execute(
            "select count(*) from audio where session_id = ?", [self.session_id]).fetchone()[0]
        if known or not folder.is_dir():
            return
        for file in sorted(folder.iterdir()):
            if file.suffix.lower() in AUDIO_SUFFIXES and file.stat().st_size > 44:
                self.store.add_audio(self.session_id, file.stem, file)

    def add_recordings(self, recordings: Mapping[str, str | Path] | Iterable) -> None:
        """Register LiveCall-style recordings: a speaker → path mapping, or objects/tuples with
        a speaker and a path."""
        items = recordings.items() if isinstance(recordings, Mapping) else recordings
        for item in items:
            if isinstance(item, tuple):
                speaker, path = item[0], item[1]
            else:
                speaker, path = item.speaker, item.path
            self.add_audio(speaker, path, getattr(item, "offset_ms", 0) or 0)

    # Durability
    def flush(self) -> None:
        with self._lock:
            if not self._closed:
                self._commit_locked()

    def _commit_locked(self, finish: bool = False) -> bool:
        """Write the queued events and commit (fsync) them in one transaction."""
        self._last_commit = time.monotonic()
        store = self.store
        try:
            store.begin()
            store.update_info(self.info)  # KB and models are filled in after the sink opens
            for seq, event in self._pending:
                store.write_event(self.session_id, seq, event)
            if finish:
                self._discover_recordings()
            store.touch(self.session_id, max(self._duration_ms, self.info.audio_ms))
            if finish:
                store.finish_session(self.session_id, "complete")
            store.commit()
        except sqlite3.Error as exc:
            if store.conn.in_transaction:
                store.conn.rollback()
            if self.last_error is None:
                log.warning("session store %s: %s; retrying", store.path, exc)
            self.last_error = exc
            return False
        self._pending.clear()
        self.last_error = None
        return True

    def _flush_loop(self) -> None:
        tick = min(0.1, self.commit_every_s / 5)
        while not self._stop.wait(tick):
            since = time.monotonic() - self._last_commit
            due = self._pending and since >= self.commit_every_s
            if due or since >= HEARTBEAT_EVERY_S:
                with self._lock:
                    if self._closed:
                        return
                    self._commit_locked()


def open_store_sink(settings: Settings, info: SessionInfo,
                    path: str | Path | None = None) -> StoreSink:
    """The sink every live call, `copilot analyze --store` and `copilot demo` write through."""
    store = SessionStore.for_settings(settings, path, durable=True, busy_timeout_s=0.2)
    return StoreSink(store, info)
