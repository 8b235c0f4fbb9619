"""The engine thread: every session call on one thread, a paced replay that obeys speed changes,
stops between utterances and keeps serving commands while it waits."""

from __future__ import annotations

import threading
import time

from copilot.events import NoticeEvent, UtteranceEvent
from copilot.session import Session
from copilot.utterance import Utterance
from ui.advisor.engine_thread import EngineThread, ReplayJob


def utterances(n: int, step_ms: int) -> list[Utterance]:
    return [
        Utterance(f"u{i}", "advisor" if i % 2 else "customer", i * step_ms, (i + 1) * step_ms, f"第{i}句")
        for i in range(n)
    ]


def fed(session: Session) -> list[str]:
    return [e.utterance_id for e in session.events if isinstance(e, UtteranceEvent)]


def wait_for(condition, timeout: float = 3.0) -> bool:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.005)
    return condition()


def test_replay_feeds_everything_in_order_at_speed():
    engine = EngineThread()
    session = Session()
    job = ReplayJob(session, utterances(5, 100), speed=10.0)  # 500 ms of call in ~50 ms
    t0 = time.monotonic()
    engine.submit(lambda: job.run(engine))
    assert wait_for(lambda: job.done)
    elapsed = time.monotonic() - t0
    assert engine.shutdown(5)
    assert job.done and fed(session) == [f"u{i}" for i in range(5)]
    assert 0.04 <= elapsed < 5.0  # paced, not instant (slack for a loaded machine)
    assert job.position_ms() == 500


def test_speed_change_takes_effect_mid_replay():
    engine = EngineThread()
    session = Session()
    job = ReplayJob(session, utterances(20, 1000), speed=1.0)  # 20 s at 1×
    engine.submit(lambda: job.run(engine))
    time.sleep(0.15)
    job.speed = 200.0
    engine.interrupt("speed")
    assert wait_for(lambda: job.done)
    assert len(fed(session)) == 20
    assert engine.shutdown(5)


def test_stop_interrupts_between_utterances_and_commands_run_while_waiting():
    engine = EngineThread()
    session = Session()
    job = ReplayJob(session, utterances(10, 1000), speed=1.0)
    ran_on = []
    engine.submit(lambda: job.run(engine))
    time.sleep(0.05)
    engine.submit(lambda: session.record(NoticeEvent(t_ms=1, code="x", message="during replay")))
    engine.submit(lambda: ran_on.append(threading.current_thread().name))
    assert wait_for(lambda: bool(ran_on))
    assert ran_on == ["copilot-engine"]  # served during the replay's wait, on the engine thread
    assert any(isinstance(e, NoticeEvent) for e in session.events)
    engine.interrupt("stop")
    assert wait_for(lambda: job.stopped)
    assert job.stopped and not job.done and len(fed(session)) < 10
    assert engine.shutdown(5)


def test_skip_ahead_feeds_the_earlier_part_at_once():
    engine = EngineThread()
    session = Session()
    job = ReplayJob(session, utterances(10, 1000), speed=1.0, start_ms=8000)
    engine.submit(lambda: job.run(engine))
    assert wait_for(lambda: len(fed(session)) == 8)
    assert len(fed(session)) == 8 and job.position_ms() >= 8000
    assert engine.shutdown(5) and job.stopped


def test_a_failing_command_is_reported_and_the_thread_survives():
    errors = []
    engine = EngineThread(on_error=errors.append)
    engine.submit(lambda: 1 / 0)
    done = threading.Event()
    engine.submit(done.set)
    assert done.wait(2)
    assert isinstance(errors[0], ZeroDivisionError)
    assert engine.shutdown(5)
