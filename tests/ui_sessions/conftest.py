"""A stored call with known timings, warnings and a real WAV recording, for the window tests."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import numpy as np
import pytest
import soundfile

from copilot.events import (
    MissingDisclosureEvent,
    OutcomeEvent,
    StageEvent,
    SuggestionEvent,
    ViolationEvent,
)
from copilot.session import Session, SessionInfo
from copilot.settings import load_settings
from copilot.store import SessionStore, open_store_sink
from copilot.utterance import Utterance

LINES = [  # (speaker, start_ms, text); each lasts 3 s
    ("advisor", 0, "您好，我是平安人寿的王芳"),
    ("customer", 4000, "你好，有什么事"),
    ("advisor", 8000, "这款产品保本保息，比存银行还划算"),
    ("customer", 12000, "真的吗"),
    ("advisor", 16000, "到期本金一分不少，稳赚不赔"),
    ("customer", 20000, "那我考虑一下"),
]
RATE = 16000


def tone(path: Path, seconds: float, freq: float) -> Path:
    t = np.arange(int(seconds * RATE)) / RATE
    soundfile.write(path, (0.2 * np.sin(2 * np.pi * freq * t)).astype(np.float32), RATE)
    return path


@pytest.fixture
def replay_db(tmp_path: Path) -> tuple[Path, str]:
    db = tmp_path / "sessions.db"
    info = SessionInfo(session_id="call01", advisor="王芳", team="一组",
                       started_at=datetime.fromisoformat("2026-11-02T10:00:00+08:00"))
    sink = open_store_sink(load_settings(), info, db)
    session = Session(sinks=[sink], info=info)
    session.start()
    session.record(StageEvent(t_ms=0, stage="opening"))
    for i, (speaker, start, text) in enumerate(LINES, 1):
        session.feed(Utterance(f"u{i}", speaker, start, start + 3000, text))
        if i == 3:
            session.record(StageEvent(t_ms=start + 3000, stage="product_introduction"))
            session.record(ViolationEvent(t_ms=start + 3000, utterance_id="u3",
                                          category="guaranteed_return", rule_id="r1",
                                          severity="block", matched="保本保息"))
        if i == 4:
            session.record(SuggestionEvent(t_ms=start + 3000, item_id="script.trust"))
        if i == 5:
            session.record(ViolationEvent(t_ms=start + 3000, utterance_id="u5",
                                          category="deposit_confusion", rule_id="r2",
                                          severity="block", matched="本金一分不少"))
    session.record(MissingDisclosureEvent(t_ms=23500, missing=("cooling_off_period",)))
    session.record(OutcomeEvent(t_ms=23500, outcome="callback"))
    sink.add_audio("advisor", tone(tmp_path / "advisor.wav", 24.0, 440), 0)
    sink.add_audio("customer", tone(tmp_path / "customer.wav", 20.0, 220), 4000)
    session.finish()
    return db, info.session_id


@pytest.fixture
def replay_store(replay_db):
    store = SessionStore(replay_db[0])
    yield store
    store.close()


class FakeClock:
    """The one fake: a monotonic clock the test advances (there is no sound card to pace us)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock()
