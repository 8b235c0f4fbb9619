"""The call: session clock, append-only ordered event log, analyzers fed in order, sinks notified.

The session is single-threaded and deterministic: the same utterances in the same order give the
same events. Live capture, recordings and transcripts all end up calling `feed`.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from copilot.events import Event, NoticeEvent, UtteranceEvent
from copilot.utterance import Utterance

EventMasker = Callable[[Event], Event]


class SessionView(Protocol):
    """What an analyzer may read of the session: its events so far and when it started."""

    @property
    def events(self) -> list[Event]: ...

    @property
    def started_at(self) -> datetime: ...


class Analyzer(Protocol):
    """A plain object with state, fed utterances in order, returning events."""

    def start(self, session: SessionView) -> list[Event]: ...

    def feed(self, utterance: Utterance, session: SessionView) -> list[Event]: ...

    def finish(self, session: SessionView) -> list[Event]: ...


class Sink(Protocol):
    """Receives every event as it is published (store, UI bridge, JSONL writer)."""

    def on_event(self, event: Event) -> None: ...

    def close(self) -> None: ...


@dataclass
class SessionInfo:
    """Who and what a session is about; the store keeps it with the session."""

    session_id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    started_at: datetime = field(default_factory=lambda: datetime.now().astimezone())
    advisor: str = ""
    team: str = ""
    source: str = "transcript"  # live | recording | transcript | demo
    kb_id: str = ""
    kb_version: str = ""
    kb_hash: str = ""
    models: dict = field(default_factory=dict)
    audio_ms: int = 0  # length of the call's audio where known (recording, live capture)


class Session:
    """Owns the event log; the only place events are ordered and published."""

    def __init__(
        self,
        analyzers: Iterable[Analyzer] = (),
        sinks: Iterable[Sink] = (),
        info: SessionInfo | None = None,
        masker: EventMasker | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.info = info or SessionInfo()
        self.analyzers = list(analyzers)
        self.sinks = list(sinks)
        self._events: list[Event] = []
        self._masker = masker
        self._monotonic = monotonic
        self._t0: float | None = None
        self.started = False
        self.finished = False

    # SessionView
    @property
    def events(self) -> list[Event]:
        return self._events

    @property
    def started_at(self) -> datetime:
        return self.info.started_at

    @property
    def session_id(self) -> str:
        return self.info.session_id

    def now_ms(self) -> int:
        """Milliseconds since `start()` on the session clock (0 before start)."""
        if self._t0 is None:
            return 0
        return int((self._monotonic() - self._t0) * 1000)

    def add_sink(self, sink: Sink) -> None:
        self.sinks.append(sink)

    def start(self) -> list[Event]:
        if self.started:
            return []
        self.started = True
        self._t0 = self._monotonic()
        produced: list[Event] = []
        for analyzer in self.analyzers:
            produced += self.publish_all(analyzer.start(self))
        return produced

    def feed(self, utterance: Utterance) -> list[Event]:
        """Publish the utterance, then what each analyzer makes of it, in analyzer order."""
        if not self.started:
            self.start()
        produced = [self.publish(UtteranceEvent.of(utterance))]
        for analyzer in self.analyzers:
            produced += self.publish_all(analyzer.feed(utterance, self))
        return produced

    def record(self, event: Event) -> Event:
        """Add an event that did not come from an analyzer (outcome, notices from sources)."""
        return self.publish(event)

    def notice(self, code: str, message: str, **data: object) -> Event:
        return self.publish(NoticeEvent(t_ms=self.now_ms(), code=code, message=message, data=data))

    def finish(self) -> list[Event]:
        if self.finished:
            return []
        self.finished = True
        produced: list[Event] = []
        for analyzer in self.analyzers:
            produced += self.publish_all(analyzer.finish(self))
        for sink in self.sinks:
            sink.close()
        return produced

    def publish_all(self, events: Iterable[Event]) -> list[Event]:
        return [self.publish(e) for e in events]

    def publish(self, event: Event) -> Event:
        if self._masker is not None:
            event = self._masker(event)
        self._events.append(event)
        for sink in self.sinks:
            sink.on_event(event)
        return event
