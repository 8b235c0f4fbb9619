"""The call controller: starts and stops calls (demo replay or live), owns the engine thread, and
routes the advisor's commands (outcome, hand-edited profile fields) to the session.

Sessions are opened on the engine thread (KB analyzers, store sink: disk and CPU work), and each
call gets its own `EventBridge`, so events of a finished call can never reach the next one.
"""

from __future__ import annotations

import importlib.util
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, Signal

from copilot.errors import CopilotError
from copilot.events import ErrorEvent, Event, OutcomeEvent, ProfileEvent
from copilot.session import Session, SessionInfo
from copilot.settings import Settings
from copilot.utterance import Utterance
from ui.advisor.engine_thread import EngineThread, ReplayJob
from ui.bridge import EventBridge, LevelRelay
from ui.common.errors import error_text

IDLE, STARTING, RUNNING, ENDED = "idle", "starting", "running", "ended"


def module_available(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


class CallController(QObject):
    """One call at a time; every session call goes through the engine thread."""

    bridge_changed = Signal(object)  # the new call's EventBridge
    state_changed = Signal(str)  # idle | starting | running | ended

    def __init__(self, settings: Settings, store: bool = True, parent: QObject | None = None):
        super().__init__(parent)
        self.settings = settings
        self.store_enabled = store
        self.kb: Any = None
        self.levels = LevelRelay()
        self.engine = EngineThread(on_error=self._engine_failed)
        self.bridge: EventBridge | None = None
        self.info: SessionInfo | None = None
        self.session: Session | None = None  # written and used on the engine thread only
        self.job: ReplayJob | None = None
        self.live: Any = None
        self.store_sink: Any = None
        self.source = ""
        self.state = IDLE
        self.failed = False
        self._pending_state: str | None = None

    # state
    def _set_state(self, state: str) -> None:
        self.state = state
        self.state_changed.emit(state)

    @property
    def active(self) -> bool:
        return self.state in (STARTING, RUNNING)

    def elapsed_ms(self) -> int:
        if self.job is not None:
            return self.job.position_ms()
        session = self.session
        return session.now_ms() if session is not None and not session.finished else 0

    def poll(self) -> None:
        """Called by the UI's clock: apply state the engine thread decided, notice a replay's end."""
        pending, self._pending_state = self._pending_state, None
        if pending is not None and pending != self.state and self.state != IDLE:
            self._set_state(pending)
        if self.job is not None and self.job.done and self.state == RUNNING:
            self._set_state(ENDED)

    # calls
    def _new_call(self, source: str) -> EventBridge:
        self.discard_call()
        self.info = SessionInfo(source=source, advisor=self.settings.advisor or source)
        self.source = source
        self.failed = False
        self._pending_state = None
        self.bridge = EventBridge(parent=self)
        self.bridge_changed.emit(self.bridge)
        self._set_state(STARTING)
        return self.bridge

    def start_replay(
        self, utterances: list[Utterance], speed: float | None, notices=(), start_ms: int = 0
    ) -> str:
        """Replay a transcript as a call (the demo); returns the new session id."""
        bridge = self._new_call("demo")
        info = self.info

        def run() -> None:
            session = self._open(info, bridge)
            for message in notices:
                session.notice("transcript_repaired", message)
            self.job = ReplayJob(session, utterances, speed, start_ms)
            self._set_state_later(RUNNING)
            self.job.run(self.engine)

        self.engine.submit(run)
        return info.session_id

    def warm_up(self) -> None:
        """Build the KB's analyzers once on the engine thread while the advisor waits for a call,
        so pressing Start opens the session at once (the first build imports scikit-learn and
        jieba and trains the matchers: about two seconds). A failure here is left to the call
        itself to report."""
        kb, settings = self.kb, self.settings

        def run() -> None:
            from copilot.analyzers.templates import fresh_analyzers

            try:
                fresh_analyzers(kb, settings)
            except Exception:  # the real start reports it, with its context
                return

        if kb is not None:
            self.engine.submit(run)

    def start_live(self) -> str:
        """Start a live call with the configured devices; failures arrive as an error event.

        The store sink is added only once capture has started, with the events published so
        far, so a call that never started (no sound card) leaves nothing in the store.
        """
        bridge = self._new_call("live")
        info = self.info

        def run() -> None:
            if not module_available("copilot.speech.live"):
                raise CopilotError("live calls are not available in this build (copilot.speech.live "
                                   "is missing); use `copilot demo` or `copilot analyze`")
            from copilot.speech.live import LiveCall

            session = self._open(info, bridge, store=False)
            self.live = LiveCall(self.settings, session, on_level=self.levels.on_level)
            try:
                self.live.start()
            except Exception:
                self.live = None
                raise
            self.live.run_in_session(lambda s: self._add_store(s, replay_events=True))
            self._set_state_later(RUNNING)

        self.engine.submit(run)
        return info.session_id

    def set_speed(self, speed: float) -> None:
        job = self.job
        if job is not None and not job.done and job.speed != speed:
            job.speed = speed
            self.engine.interrupt("speed")
        elif job is not None:
            job.speed = speed

    def stop(self) -> None:
        """Stop feeding the call (replay or audio); the session stays open for the outcome."""
        if self.job is not None and not self.job.done:
            self.engine.interrupt("stop")
        live = self.live
        if live is not None:
            self.engine.submit(lambda: self._stop_live(live))
            self.live = None
        if self.state in (STARTING, RUNNING):
            self._set_state(ENDED)

    def record_outcome(self, outcome: str, callback_at: datetime | None, notes: str) -> None:
        """Store how the call ended, then finish the session (its sinks close after this)."""

        def record(session: Session) -> None:
            session.record(
                OutcomeEvent(
                    t_ms=session.now_ms(),
                    outcome=outcome,
                    callback_at=callback_at.isoformat(timespec="minutes") if callback_at else None,
                    notes=notes,
                )
            )

        def run() -> None:
            self._in_session(record)
            self._finish_current()

        self.engine.submit(run)

    def record_profile(self, field: str, value: str) -> None:
        """A profile field the advisor typed: recorded as a manual profile event."""

        def record(session: Session) -> None:
            session.record(
                ProfileEvent(t_ms=session.now_ms(), field=field, value=value, source="manual")
            )

        self.engine.submit(lambda: self._in_session(record))

    def discard_call(self) -> None:
        """Stop and finish whatever call is running (restart, quit)."""
        self.stop()
        self.engine.submit(self._finish_current)
        self.job = None
        self._set_state(IDLE)

    def shutdown(self, timeout: float = 5.0) -> bool:
        self.discard_call()
        return self.engine.shutdown(timeout)

    # engine thread
    def _stop_live(self, live) -> None:
        """Stop capture (the last finals reach the session) and file the recordings."""
        live.stop()
        store = self.store_sink
        if store is not None and hasattr(store, "add_audio"):
            for speaker, path in live.recordings.items():
                store.add_audio(speaker, path, live.recording_offset_ms)

    def _in_session(self, action) -> None:
        """Run `action(session)` where the session may be touched: on the live call's session
        thread while it captures, else here on the engine thread."""
        session, live = self.session, self.live
        if session is None or session.finished:
            return
        if live is not None and live.running:
            live.run_in_session(action)
        else:
            action(session)

    def _finish_current(self) -> None:
        session, self.session = self.session, None
        if session is not None and not session.finished:
            session.finish()

    def _open(self, info: SessionInfo, bridge: EventBridge, store: bool = True) -> Session:
        from copilot.pipeline import open_session

        self._finish_current()
        self.store_sink = None
        session = open_session(self.settings, sinks=[bridge], info=info, kb=self.kb)
        if store:
            self._add_store(session)
        self.session = session
        return session

    def _add_store(self, session: Session, replay_events: bool = False) -> None:
        if not (self.store_enabled and module_available("copilot.store")):
            return
        from copilot.store import open_store_sink

        sink = open_store_sink(self.settings, session.info)
        if replay_events:
            for event in list(session.events):
                sink.on_event(event)
        session.add_sink(sink)
        self.store_sink = sink

    def _engine_failed(self, exc: BaseException) -> None:
        event: Event = ErrorEvent(t_ms=self.elapsed_ms(), code="call_failed", message=error_text(exc))
        session, bridge = self.session, self.bridge
        if session is not None and not session.finished and self.source != "live":
            session.record(event)
        elif bridge is not None:
            bridge.on_event(event)  # a call that never started: shown, not stored
        if self.source == "live" and session is not None:
            self.session = None
            session.sinks = [s for s in session.sinks if s is not bridge]
            session.finish()
        self.job = None
        self.failed = True
        self._set_state_later(ENDED)

    def _set_state_later(self, state: str) -> None:
        """State decided on the engine thread; the UI applies it on its next `poll()`."""
        self._pending_state = state
