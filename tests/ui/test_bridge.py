"""The one bridge between engine threads and the UI thread: order kept, bursts batched, nothing
delivered on the wrong thread, background jobs' results and errors delivered to the UI."""

from __future__ import annotations

import threading
import time
from itertools import pairwise

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from copilot.events import NoticeEvent
from copilot.session import Session
from ui.bridge import EventBridge, LevelRelay, run_in_background


def test_events_from_an_engine_thread_arrive_in_order_and_batched(qtbot):
    bridge = EventBridge()
    received, threads = [], set()

    def on_batch(items):
        threads.add(QThread.currentThread())
        received.append([p.event.t_ms for p in items])

    bridge.batch.connect(on_batch)
    session = Session(sinks=[bridge])

    def engine():
        for i in range(500):
            session.record(NoticeEvent(t_ms=i, code="n", message=str(i)))
        session.finish()

    with qtbot.waitSignal(bridge.closed, timeout=5000):
        thread = threading.Thread(target=engine)
        thread.start()
        thread.join()
    flat = [t for batch in received for t in batch]
    assert flat == list(range(500))
    assert len(received) < 50  # a burst costs a few repaints, not 500
    assert threads == {QApplication.instance().thread()}


def test_batches_are_spaced_at_about_30_hz(qtbot):
    bridge = EventBridge(interval_ms=33)
    delivered: list[float] = []
    bridge.batch.connect(lambda items: delivered.append(time.perf_counter()))
    stop = threading.Event()

    def engine():
        i = 0
        while not stop.is_set():
            bridge.on_event(NoticeEvent(t_ms=i, code="n", message=""))
            i += 1
            stop.wait(0.002)

    thread = threading.Thread(target=engine)
    thread.start()
    qtbot.waitUntil(lambda: len(delivered) >= 6, timeout=10000)
    stop.set()
    thread.join()
    gaps = [(b - a) * 1000 for a, b in pairwise(delivered)]
    assert min(gaps) >= 25, gaps  # ~30 Hz at most, however fast events come (load only slows it)


def test_level_relay_keeps_the_latest_level_per_side():
    relay = LevelRelay()
    thread = threading.Thread(target=lambda: [relay.on_level("customer", v / 10) for v in range(8)])
    thread.start()
    thread.join()
    assert relay.level("customer") == 0.7 and relay.level("advisor") == 0.0
    relay.reset()
    assert relay.level("customer") == 0.0


def test_background_job_result_and_error_reach_the_ui_thread(qtbot):
    done, failed = [], []
    ui_thread = QApplication.instance().thread()
    run_in_background(lambda: sum(range(10)), lambda r: done.append((r, QThread.currentThread())))
    run_in_background(lambda: 1 / 0, lambda r: None, lambda e: failed.append(e))
    qtbot.waitUntil(lambda: bool(done and failed), timeout=5000)
    assert done == [(45, ui_thread)]
    assert isinstance(failed[0], ZeroDivisionError)
