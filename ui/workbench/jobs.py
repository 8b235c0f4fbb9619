"""Running engine work (a Try-it dialogue, KB tests, an index build) off the UI thread.

Results come back as a queued Qt signal, so the slot runs on the UI thread. One job of a kind
runs at a time: asking again while one runs keeps only the newest request, started when the
running one ends (typing fast does not pile up engine runs); results of superseded jobs are
dropped.
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

_threads: set[threading.Thread] = set()


class _Carrier(QObject):
    done = Signal(int, object)
    failed = Signal(int, str)
    progress = Signal(int, int, str)


class _Task:
    def __init__(self, number: int, fn: Callable[..., Any], carrier: _Carrier, with_progress: bool):
        self.number, self.fn, self.carrier, self.with_progress = number, fn, carrier, with_progress

    def run(self) -> None:
        try:
            self._run()
        finally:
            _threads.discard(threading.current_thread())

    def _run(self) -> None:
        try:
            if self.with_progress:
                result = self.fn(lambda done, total, what: self.carrier.progress.emit(done, total, what))
            else:
                result = self.fn()
        except Exception as exc:  # shown to the trainer; the window keeps working
            message = str(exc) or type(exc).__name__
            if not hasattr(exc, "exit_code"):
                message += "\n" + traceback.format_exc(limit=3)
            self.carrier.failed.emit(self.number, message)
            return
        self.carrier.done.emit(self.number, result)


class JobRunner(QObject):
    """One kind of background job; only the latest job's result is delivered."""

    finished = Signal(object)
    failed = Signal(str)
    progress = Signal(int, int, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._carrier = _Carrier(self)
        queued = Qt.ConnectionType.QueuedConnection
        self._carrier.done.connect(self._on_done, queued)
        self._carrier.failed.connect(self._on_failed, queued)
        self._carrier.progress.connect(self.progress, queued)
        self._latest = 0
        self.running = False
        self._pending: tuple[Callable[..., Any], bool] | None = None

    def start(self, fn: Callable[..., Any], with_progress: bool = False) -> None:
        self._latest += 1
        if self.running:
            self._pending = (fn, with_progress)
            return
        self._launch(fn, with_progress)

    def _launch(self, fn: Callable[..., Any], with_progress: bool) -> None:
        self.running = True
        task = _Task(self._latest, fn, self._carrier, with_progress)
        thread = threading.Thread(target=task.run, name="workbench-job", daemon=True)
        _threads.add(thread)
        thread.start()

    def _on_done(self, number: int, result: object) -> None:
        if self._next():
            return
        if number == self._latest:
            self.finished.emit(result)

    def _on_failed(self, number: int, message: str) -> None:
        if self._next():
            return
        if number == self._latest:
            self.failed.emit(message)

    def _next(self) -> bool:
        """Start the newest waiting request, if any; False when nothing is left to run."""
        self.running = False
        if self._pending is None:
            return False
        fn, with_progress = self._pending
        self._pending = None
        self._launch(fn, with_progress)
        return True


def wait_all(msecs: int = 10000) -> bool:
    """Tests and closing windows: let running jobs end so no thread outlives its window."""
    deadline = time.monotonic() + msecs / 1000
    for thread in list(_threads):
        thread.join(max(0.0, deadline - time.monotonic()))
    return not any(t.is_alive() for t in list(_threads))
