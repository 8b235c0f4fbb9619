"""Calls written through the real Session and store sink, with the engine's real event types."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from copilot.events import (
    DisclosureEvent,
    MissingDisclosureEvent,
    OutcomeEvent,
    ProfileEvent,
    StageEvent,
    StepDoneEvent,
    SuggestionEvent,
    ViolationEvent,
)
from copilot.session import Session, SessionInfo
from copilot.settings import load_settings
from copilot.store import open_store_sink
from copilot.utterance import Utterance


def _write_call(
    db: Path,
    *,
    advisor: str = "王芳",
    team: str = "一组",
    started_at: str = "2026-11-02T10:00:00+08:00",
    lines: tuple[tuple[str, str], ...] = (("advisor", "您好，我是平安保险的王芳，工号一二三。"),
                                           ("customer", "你好，什么事？")),
    steps: tuple[str, ...] = (),
    disclosures: tuple[str, ...] = (),
    missing: tuple[str, ...] = (),
    violations: tuple[str, ...] = (),
    outcome: str | None = None,
    session_id: str | None = None,
    mask_pii: bool = True,
) -> str:
    """One finished call; each line lasts 4 s; step keys are 'stage/step'."""
    settings = load_settings(mask_pii=mask_pii)
    info = SessionInfo(advisor=advisor, team=team, started_at=datetime.fromisoformat(started_at))
    if session_id:
        info.session_id = session_id
    session = Session(sinks=[open_store_sink(settings, info, db)], info=info)
    session.start()
    t = 0
    for i, (speaker, text) in enumerate(lines):
        uid = f"u{i + 1}"
        session.feed(Utterance(uid, speaker, t, t + 3000, text[:3], final=False))
        session.feed(Utterance(uid, speaker, t, t + 3500, text))
        t += 4000
    stage = None
    for key in steps:
        stage_id, step = key.split("/")
        if stage_id != stage:
            session.record(StageEvent(t_ms=t, stage=stage_id, previous=stage))
            stage = stage_id
        session.record(StepDoneEvent(t_ms=t, utterance_id="u1", stage=stage_id, step=step,
                                     label=f"{step} label"))
    for category in disclosures:
        session.record(DisclosureEvent(t_ms=t, utterance_id="u1", category=category))
    if missing:
        session.record(MissingDisclosureEvent(t_ms=t, missing=tuple(missing)))
    for n, category in enumerate(violations):
        session.record(ViolationEvent(t_ms=t, utterance_id="u1", category=category,
                                      rule_id=f"r{n}", severity="block", matched="保本",
                                      reason="承诺收益"))
    session.record(SuggestionEvent(t_ms=t, item_id="script.x", text="建议话术"))
    session.record(ProfileEvent(t_ms=t, field="age", value=35, evidence="三十五岁"))
    if outcome:
        session.record(OutcomeEvent(t_ms=t, outcome=outcome, notes="客户同意"))
    session.finish()
    return info.session_id


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "sessions.db"


@pytest.fixture
def write_call():
    """`write_call(db, advisor=, team=, started_at=, steps=, disclosures=, ...) -> session id`."""
    return _write_call
