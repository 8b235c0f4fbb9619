"""Events: every type has a JSON form that round-trips, with type, t_ms and utterance_id."""

from __future__ import annotations

import json

import pytest

from copilot.events import (
    EVENT_TYPES,
    MissingDisclosureEvent,
    NoticeEvent,
    OutcomeEvent,
    ProfileEvent,
    SuggestionEvent,
    UtteranceEvent,
    ViolationEvent,
    event_from_dict,
)
from copilot.utterance import Utterance, Word

SAMPLES = [
    UtteranceEvent.of(
        Utterance("u1", "advisor", 0, 1200, "您好", words=(Word("您好", 0, 1200, 0.9),))
    ),
    ViolationEvent(
        t_ms=1200,
        utterance_id="u1",
        category="guaranteed_return",
        rule_id="v_guaranteed",
        severity="block",
        status="raised",
        span=(3, 5),
        matched="保本",
        reason="不得承诺保本",
        article="《保险销售行为管理办法》第十七条",
    ),
    MissingDisclosureEvent(t_ms=9000, missing=("cooling_off_period", "waiting_period")),
    SuggestionEvent(t_ms=5, utterance_id="u2", item_id="s1", handles=("objection_price",), score=0.8),
    ProfileEvent(t_ms=7, utterance_id="u3", field="age", value=35, evidence="我35岁"),
    OutcomeEvent(t_ms=100, outcome="callback", callback_at="2026-11-23T10:00"),
    NoticeEvent(t_ms=0, code="no_asr_model", message="no model", data={"hint": "copilot models"}),
]


def test_every_event_type_is_registered_once() -> None:
    assert set(EVENT_TYPES) == {
        "utterance", "stage", "step_done", "violation", "disclosure", "missing_disclosure",
        "signal", "suggestion", "fact", "profile", "outcome", "notice", "error",
    }  # fmt: skip


@pytest.mark.parametrize("event", SAMPLES, ids=lambda e: e.type)
def test_json_round_trip(event) -> None:
    data = json.loads(event.to_json())
    assert data["type"] == event.type
    assert data["t_ms"] == event.t_ms
    assert "utterance_id" in data
    assert event_from_dict(data) == event


def test_utterance_event_gives_back_the_utterance() -> None:
    utterance = Utterance("u9", "customer", 10, 20, "太贵了", final=False)
    assert UtteranceEvent.of(utterance).to_utterance() == utterance


def test_unknown_event_type_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown event type 'bogus'"):
        event_from_dict({"type": "bogus", "t_ms": 0})


def test_chinese_stays_readable_in_json() -> None:
    assert "保本" in SAMPLES[1].to_json()
