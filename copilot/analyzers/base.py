"""What analyzers that keep per-call state share: a new call starts from `reset()`.

The contract itself is `copilot.session.Analyzer` (a protocol); this mixin only saves each
analyzer writing the same `start` and `finish`.
"""

from __future__ import annotations

from copilot.events import Event
from copilot.session import SessionView


class PerCallState:
    """`start` forgets the previous call (`reset`, also called by the constructor); `finish`
    has nothing to add. Override either when the analyzer has more to say."""

    def reset(self) -> None:
        raise NotImplementedError

    def start(self, session: SessionView) -> list[Event]:
        self.reset()
        return []

    def finish(self, session: SessionView) -> list[Event]:
        return []
