"""The one place engine threads hand things to the Qt UI thread.

- `EventBridge` is a session `Sink`: the engine thread calls `on_event`, which only appends to a
  locked list and pokes a queued signal; on the UI thread the events are delivered in batches at
  most ~30 times a second (`batch(list[Posted])`), so a burst of events costs one repaint.
- `LevelRelay` keeps the latest audio level per side from the audio thread; the UI polls it.
- `run_in_background` runs a blocking job (loading a KB or a model, opening a store) on a worker
  thread and delivers its result or error to UI-thread callbacks.

Nothing here blocks the UI thread: it never waits on a lock held for longer than a list swap.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from copilot.events import Event

BATCH_INTERVAL_MS = 33  # ~30 Hz


@dataclass(frozen=True, slots=True)
class Posted:
    """An event as the UI receives it, with when the engine published it (perf_counter s)."""

    event: Event
    posted_at: float


class EventBridge(QObject):
    """Session sink on the engine side, batched Qt signal on the UI side."""

    batch = Signal(list)  # list[Posted], delivered on the UI thread
    closed = Signal()  # the session finished (its sinks were closed)
    _wake = Signal()

    def __init__(self, interval_ms: int = BATCH_INTERVAL_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.interval_ms = interval_ms
        self._lock = threading.Lock()
        self._pending: list[Posted] = []
        self._closing = False
        self._last_flush = 0.0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.flush)
        self._wake.connect(self._schedule, Qt.ConnectionType.QueuedConnection)

    # Sink protocol: called on the engine thread
    def on_event(self, event: Event) -> None:
        with self._lock:
            self._pending.append(Posted(event, time.perf_counter()))
            first = len(self._pending) == 1
        if first:
            self._wake.emit()

    def close(self) -> None:
        with self._lock:
            self._closing = True
        self._wake.emit()

    # UI thread
    @Slot()
    def _schedule(self) -> None:
        if self._timer.isActive():
            return
        since = (time.perf_counter() - self._last_flush) * 1000
        self._timer.start(int(max(0.0, self.interval_ms - since)))

    @Slot()
    def flush(self) -> None:
        """Deliver what is pending now (tests call this to skip the batching delay)."""
        with self._lock:
            items, self._pending = self._pending, []
            closing, self._closing = self._closing, False
        self._last_flush = time.perf_counter()
        if items:
            self.batch.emit(items)
        if closing:
            self.closed.emit()


class LevelRelay:
    """Latest input level per side, written by the audio thread and read by a UI timer."""

    def __init__(self) -> None:
        self._levels: dict[str, float] = {}

    def on_level(self, side: str, level: float) -> None:
        self._levels[str(side)] = float(level)  # one dict store: atomic under the GIL

    def level(self, side: str) -> float:
        return self._levels.get(side, 0.0)

    def reset(self) -> None:
        self._levels = {}


class _Delivery(QObject):
    """Carries one job's outcome to the UI thread: the value stays on the Python side and only
    an argument-less signal crosses threads (no Python object is marshalled by Qt)."""

    ready = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.outcome: tuple[bool, Any] | None = None


_running: set[_Delivery] = set()
_threads: list[threading.Thread] = []


def run_in_background(
    job: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None] | None = None,
    name: str = "copilot-background",
    guard: QObject | None = None,
) -> threading.Thread:
    """Run `job()` on a daemon thread; call `on_done(result)` or `on_error(exc)` on the UI thread.

    With `guard`, the callbacks are skipped once that object is gone (the window was closed).
    """
    delivery = _Delivery()  # lives on the UI thread, so its signal is queued to it
    _running.add(delivery)

    def deliver() -> None:
        _running.discard(delivery)
        ok, value = delivery.outcome or (False, RuntimeError("no result"))
        delivery.outcome = None
        if guard is not None and not shiboken6.isValid(guard):
            return
        if ok:
            on_done(value)
        elif on_error is not None:
            on_error(value)

    delivery.ready.connect(deliver, Qt.ConnectionType.QueuedConnection)

    def work() -> None:
        try:
            delivery.outcome = (True, job())
        except BaseException as exc:  # delivered to the UI, which shows it
            delivery.outcome = (False, exc)
        delivery.ready.emit()

    thread = threading.Thread(target=work, name=name, daemon=True)
    _threads[:] = [t for t in _threads if t.is_alive()]
    _threads.append(thread)
    thread.start()
    return thread


def wait_background(timeout: float = 10.0) -> bool:
    """Join the background jobs still running (at shutdown, in tests); True if all ended."""
    deadline = time.monotonic() + timeout
    for thread in list(_threads):
        thread.join(max(0.0, deadline - time.monotonic()))
    _threads[:] = [t for t in _threads if t.is_alive()]
    return not _threads
