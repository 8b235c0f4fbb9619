"""The engine thread: every call to a Session happens here, in order, never on the UI thread.

Commands from the UI (start a replay, record an outcome, a hand-edited profile field) are queued
callables. A replay paces `copilot.sources.transcript.replay` with a sleep that keeps serving
commands, so a speed change, a stop or a restart takes effect between two utterances. Qt-free:
results reach the UI only as session events through the bridge.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import replace

from copilot.errors import CopilotError
from copilot.session import Session
from copilot.sources.transcript import replay
from copilot.utterance import Utterance

log = logging.getLogger(__name__)
Command = Callable[[], object]
_WAKE = object()
_STOP = object()


class Interrupted(Exception):
    """Raised inside a paced replay's sleep when the replay must stop or change speed."""


class EngineThread:
    """One daemon thread with a command queue; errors go to `on_error` (called on this thread)."""

    def __init__(
        self, on_error: Callable[[BaseException], None] | None = None, name: str = "copilot-engine"
    ) -> None:
        self._commands: queue.Queue = queue.Queue()
        self._on_error = on_error
        self._thread = threading.Thread(target=self._loop, name=name, daemon=True)
        self._interrupt: str | None = None
        self._thread.start()

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    def submit(self, command: Command) -> None:
        self._commands.put(command)

    def interrupt(self, reason: str) -> None:
        """Make the running replay's sleep raise `Interrupted(reason)` (no effect when idle)."""
        self._interrupt = reason
        self._commands.put(_WAKE)

    def shutdown(self, timeout: float = 5.0) -> bool:
        """Stop after the commands already queued; True when the thread ended in time."""
        self.interrupt("stop")
        self._commands.put(_STOP)
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def sleep(self, seconds: float) -> None:
        """Wait up to `seconds` while running queued commands; raise on an interrupt."""
        deadline = time.monotonic() + seconds
        while True:
            self._raise_if_interrupted()
            remaining = deadline - time.monotonic()
            try:
                if remaining > 0:
                    command = self._commands.get(timeout=remaining)
                else:
                    command = self._commands.get_nowait()
            except queue.Empty:
                return
            if command is _STOP:
                self._commands.put(_STOP)  # let the main loop see it after the replay unwinds
                self._interrupt = self._interrupt or "stop"
                continue
            self._run(command)

    def _raise_if_interrupted(self) -> None:
        reason, self._interrupt = self._interrupt, None
        if reason is not None:
            raise Interrupted(reason)

    def _loop(self) -> None:
        while True:
            command = self._commands.get()
            if command is _STOP:
                return
            self._interrupt = None  # interrupts only concern a replay that is running
            self._run(command)

    def _run(self, command: object) -> None:
        if command is _WAKE:
            return
        try:
            command()  # type: ignore[operator]
        except CopilotError as exc:  # a user-facing condition (no device...): no traceback
            log.warning("%s", exc)
            if self._on_error is not None:
                self._on_error(exc)
        except Exception as exc:
            log.exception("engine command failed")
            if self._on_error is not None:
                self._on_error(exc)


class ReplayJob:
    """A transcript replayed into a session at 1×/2×/4×, with a position the UI can read."""

    def __init__(
        self,
        session: Session,
        utterances: list[Utterance],
        speed: float | None,
        start_ms: int = 0,
    ) -> None:
        self.session = session
        self.start_ms = start_ms  # what ends before this is fed at once (skip ahead)
        self.utterances = list(utterances)
        self.speed = speed
        self.done = False
        self.stopped = False
        self.duration_ms = max((u.end_ms for u in self.utterances), default=0)
        self._anchor = (time.monotonic(), 0, speed or 0.0)  # (monotonic s, position ms, speed)
        self._next = 0

    def position_ms(self) -> int:
        """Where the replay is on the call's own clock (safe to read from any thread)."""
        if self.done:
            return self.duration_ms
        mono, base, speed = self._anchor
        if not speed:
            return base
        return min(self.duration_ms, int(base + (time.monotonic() - mono) * 1000 * speed))

    def run(self, engine: EngineThread) -> None:
        """Feed every utterance at its time; returns early when stopped (engine thread)."""
        self.session.start()
        skipped = [u for u in self.utterances if u.end_ms <= self.start_ms]
        for utterance in skipped:
            self.session.feed(utterance)
        self._next = len(skipped)
        self._anchor = (time.monotonic(), self.start_ms, self.speed or 0.0)
        while self._next < len(self.utterances):
            base = self.position_ms()
            speed = self.speed
            self._anchor = (time.monotonic(), base, speed or 0.0)
            try:
                self._feed_from(base, speed, engine)
            except Interrupted as stop:
                if str(stop) == "speed":
                    continue
                self.stopped = True
                self._anchor = (time.monotonic(), self.position_ms(), 0.0)
                return
        self.done = True

    def _feed_from(self, base: int, speed: float | None, engine: EngineThread) -> None:
        pending = self.utterances[self._next :]
        shifted = [
            replace(u, start_ms=max(0, u.start_ms - base), end_ms=max(0, u.end_ms - base))
            for u in pending
        ]
        for offset, _ in enumerate(replay(shifted, speed=speed, sleep=engine.sleep)):
            utterance = pending[offset]
            self.session.feed(utterance)
            self._next += 1
            if not speed:
                self._anchor = (time.monotonic(), utterance.end_ms, 0.0)
            engine.sleep(0)  # serve commands and interrupts between utterances
