"""Session: ordered append-only log, analyzers fed in order, sinks notified, deterministic."""

from __future__ import annotations

from copilot.events import Event, NoticeEvent, SignalEvent
from copilot.pii import mask_event
from copilot.session import Session, SessionInfo
from copilot.utterance import Utterance


class EchoLength:
    """A minimal analyzer: one signal per customer utterance, scored by its length."""

    def start(self, session) -> list[Event]:
        return [NoticeEvent(t_ms=0, code="started", message="go")]

    def feed(self, utterance: Utterance, session) -> list[Event]:
        if utterance.speaker != "customer":
            return []
        return [
            SignalEvent(
                t_ms=utterance.end_ms,
                utterance_id=utterance.id,
                signal="length",
                score=float(len(utterance.text)),
                text=utterance.text,
            )
        ]

    def finish(self, session) -> list[Event]:
        return [NoticeEvent(t_ms=session.events[-1].t_ms, code="done", message=str(len(session.events)))]


class Collect:
    def __init__(self) -> None:
        self.events: list[Event] = []
        self.closed = False

    def on_event(self, event: Event) -> None:
        self.events.append(event)

    def close(self) -> None:
        self.closed = True


UTTERANCES = [
    Utterance("a", "advisor", 0, 1000, "您好"),
    Utterance("b", "customer", 1000, 2000, "太贵了"),
    Utterance("c", "customer", 2000, 3000, "我手机号13812345678"),
]


def run(masker=None) -> tuple[Session, Collect]:
    sink = Collect()
    session = Session([EchoLength()], [sink], SessionInfo(session_id="s1"), masker=masker)
    for utterance in UTTERANCES:
        session.feed(utterance)
    session.finish()
    return session, sink


def test_events_are_ordered_and_sinks_see_the_same_log() -> None:
    session, sink = run()
    kinds = [e.type for e in session.events]
    assert kinds == ["notice", "utterance", "utterance", "signal", "utterance", "signal", "notice"]
    assert sink.events == session.events
    assert sink.closed


def test_same_input_gives_same_events() -> None:
    first, _ = run()
    second, _ = run()
    assert [e.to_dict() for e in first.events] == [e.to_dict() for e in second.events]


def test_finish_twice_publishes_nothing_more() -> None:
    session, _ = run()
    count = len(session.events)
    assert session.finish() == []
    assert len(session.events) == count


def test_masker_applies_to_every_published_event() -> None:
    _session, sink = run(masker=mask_event)
    texts = [getattr(e, "text", "") for e in sink.events]
    assert any("*******5678" in t for t in texts)
    assert not any("13812345678" in t for t in texts)


def test_session_clock_starts_at_zero() -> None:
    ticks = iter([100.0, 100.25])
    session = Session(monotonic=lambda: next(ticks))
    assert session.now_ms() == 0
    session.start()
    assert session.now_ms() == 250
