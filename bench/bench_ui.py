"""Advisor window benchmark: the bundled demo call replayed at 4× into the real window.

    python -m bench ui          (QT_QPA_PLATFORM=offscreen unless a display is wanted)

Measures, in one run:
- start-up: from importing the window's code to the window shown and painted (target ≤ 2 s);
- event-loop lag: a 10 ms timer's lateness on the UI thread, idle (baseline) and during the
  replay (target p99 ≤ 50 ms);
- event → widget: from the engine publishing an event to the widgets holding it (target p95
  ≤ 100 ms), and the UI-thread cost of applying one batch.
A fast replay (no pacing) shows the batching holding up under a burst.
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time

import numpy as np

SPEED = 4.0
TICK_MS = 10
IDLE_S = 3.0
TARGET_LAG_P99_MS = 50.0
TARGET_EVENT_P95_MS = 100.0
TARGET_STARTUP_S = 2.0


class LagProbe:
    """A repeating timer whose lateness is the time the event loop was busy elsewhere."""

    def __init__(self) -> None:
        from PySide6.QtCore import QCoreApplication, QTimer

        self.samples: list[float] = []
        self.timer = QTimer(QCoreApplication.instance())  # owned by Qt: gone with the app
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self._last = 0.0

    def start(self) -> None:
        self.samples = []
        self._last = time.perf_counter()
        self.timer.start()

    def stop(self) -> list[float]:
        self.timer.stop()
        return self.samples

    def _tick(self) -> None:
        now = time.perf_counter()
        self.samples.append(max(0.0, (now - self._last) * 1000 - TICK_MS))
        self._last = now


def pct(samples: list[float], q: float) -> float:
    return float(np.percentile(samples, q)) if samples else float("nan")


def wait(app, condition, timeout_s: float) -> bool:
    deadline = time.perf_counter() + timeout_s
    while not condition() and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.002)
    return condition()


def run_replay(app, advisor, probe: LagProbe, speed: float | None) -> dict:
    latencies: list[float] = []
    apply_ms: list[float] = []
    window = advisor.window

    def on_batch(items) -> None:
        now = time.perf_counter()
        latencies.extend((now - p.posted_at) * 1000 for p in items)

    window.batch_applied.connect(on_batch)
    original = window.apply_batch

    def timed_apply(bridge, items) -> None:
        t0 = time.perf_counter()
        original(bridge, items)
        apply_ms.append((time.perf_counter() - t0) * 1000)

    window.apply_batch = timed_apply
    advisor.speed = speed
    advisor.restart()
    assert wait(app, lambda: advisor.controller.state == "running", 300), "session did not open"
    probe.start()
    t0 = time.perf_counter()
    wait(app, lambda: advisor.controller.state == "ended", 600)
    wall = time.perf_counter() - t0
    lag = probe.stop()
    window.batch_applied.disconnect(on_batch)
    window.apply_batch = original
    return {"lag": lag, "latency": latencies, "apply": apply_ms, "wall": wall,
            "events": len(latencies), "batches": len(apply_ms)}


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ["COPILOT_HOME"] = tempfile.mkdtemp(prefix="copilot-bench-ui-")
    t_import = time.perf_counter()
    from copilot.settings import load_settings
    from ui.advisor.app import AdvisorApp, application
    from ui.bridge import wait_background

    app = application()
    advisor = AdvisorApp(load_settings(), demo=True, speed=SPEED, store=False)
    advisor.show()
    app.processEvents()
    advisor.window.repaint()
    startup = time.perf_counter() - t_import
    wait(app, lambda: advisor.kb_ready and advisor.utterances is not None, 120)
    kb_ready = time.perf_counter() - t_import
    # the demo starts by itself; stop it (and let loaders finish) so the baseline is idle
    advisor.controller.discard_call()
    engine_idle = threading.Event()
    advisor.controller.engine.submit(engine_idle.set)
    wait(app, engine_idle.is_set, 120)
    wait_background(60)
    wait(app, lambda: False, 0.5)

    probe = LagProbe()
    probe.start()
    wait(app, lambda: False, IDLE_S)
    idle = probe.stop()

    paced = run_replay(app, advisor, probe, SPEED)
    burst = run_replay(app, advisor, probe, None)
    advisor.shutdown()
    advisor.window.close()

    base99 = max(pct(idle, 99), 0.1)
    load = os.getloadavg()
    print(f"machine load average {load[0]:.1f} on {os.cpu_count()} cores (other work inflates lag)")
    print(f"start-up: window shown in {startup:.2f} s (target ≤ {TARGET_STARTUP_S:.0f} s); "
          f"KB and transcript ready in background at {kb_ready:.2f} s")
    print(f"{'':24}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}{'× idle p99':>12}")
    rows = [("idle loop lag (base)", idle), (f"loop lag, replay {SPEED:g}×", paced["lag"]),
            ("loop lag, burst replay", burst["lag"])]
    for name, samples in rows:
        print(f"{name:24}{pct(samples, 50):9.1f}{pct(samples, 95):9.1f}{pct(samples, 99):9.1f}"
              f"{max(samples, default=float('nan')):9.1f}{pct(samples, 99) / base99:12.1f}")
    for name, run in ((f"replay {SPEED:g}×", paced), ("burst replay", burst)):
        print(f"event → widget, {name:13}{pct(run['latency'], 50):9.1f}"
              f"{pct(run['latency'], 95):9.1f}{pct(run['latency'], 99):9.1f}"
              f"{max(run['latency'], default=float('nan')):9.1f}"
              f"   ({run['events']} events in {run['batches']} batches, {run['wall']:.1f} s)")
        print(f"apply one batch, {name:12}{pct(run['apply'], 50):9.1f}"
              f"{pct(run['apply'], 95):9.1f}{pct(run['apply'], 99):9.1f}"
              f"{max(run['apply'], default=float('nan')):9.1f}")
    lag_ok = pct(paced["lag"], 99) <= TARGET_LAG_P99_MS
    event_ok = pct(paced["latency"], 95) <= TARGET_EVENT_P95_MS
    print(f"targets at {SPEED:g}×: loop lag p99 ≤ {TARGET_LAG_P99_MS:.0f} ms "
          f"{'OK' if lag_ok else 'MISSED'}; event → widget p95 ≤ {TARGET_EVENT_P95_MS:.0f} ms "
          f"{'OK' if event_ok else 'MISSED'}; start-up ≤ {TARGET_STARTUP_S:.0f} s "
          f"{'OK' if startup <= TARGET_STARTUP_S else 'MISSED'}")


if __name__ == "__main__":
    sys.exit(main())
