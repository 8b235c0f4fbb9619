"""Typed engine events and their JSON form.

Every event carries `type`, `t_ms` (the session time it refers to) and, when it comes from speech,
`utterance_id`. Sinks (the store, the UI bridge, the JSONL writer) only ever see these records.
Category ids (violations, disclosures, signals, stages, profile fields) are those of DOMAIN.md.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from typing import Any, ClassVar

from copilot.utterance import Utterance, Word


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """Base of all events; subclasses set `type`."""

    type: ClassVar[str] = "event"
    t_ms: int
    utterance_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = {"type": self.type}
        data.update(asdict(self))
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True, slots=True, kw_only=True)
class UtteranceEvent(Event):
    """A partial or final utterance; partials of one utterance share its id."""

    type: ClassVar[str] = "utterance"
    speaker: str
    start_ms: int
    end_ms: int
    text: str
    final: bool = True
    words: tuple[dict, ...] = ()

    @classmethod
    def of(cls, utterance: Utterance) -> UtteranceEvent:
        return cls(
            t_ms=utterance.end_ms,
            utterance_id=utterance.id,
            speaker=utterance.speaker,
            start_ms=utterance.start_ms,
            end_ms=utterance.end_ms,
            text=utterance.text,
            final=utterance.final,
            words=tuple(asdict(w) for w in utterance.words),
        )

    def to_utterance(self) -> Utterance:
        return Utterance(
            id=self.utterance_id or "",
            speaker=self.speaker,  # type: ignore[arg-type]
            start_ms=self.start_ms,
            end_ms=self.end_ms,
            text=self.text,
            final=self.final,
            words=tuple(Word(**w) for w in self.words),
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class StageEvent(Event):
    """The call moved to another SOP stage; `next_step` is the hint shown to the advisor."""

    type: ClassVar[str] = "stage"
    stage: str
    label: str = ""
    previous: str | None = None
    next_step: str | None = None
    next_step_label: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class StepDoneEvent(Event):
    """The advisor did an SOP step (said something that counts as doing it)."""

    type: ClassVar[str] = "step_done"
    stage: str
    step: str
    label: str = ""
    required: bool = False
    score: float = 1.0
    next_step: str | None = None
    next_step_label: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ViolationEvent(Event):
    """Advisor speech broke a rule. Raised on a partial, then confirmed or withdrawn on the final."""

    type: ClassVar[str] = "violation"
    category: str
    rule_id: str
    severity: str
    status: str = "confirmed"  # raised | confirmed | withdrawn
    span: tuple[int, int] = (0, 0)
    matched: str = ""
    text: str = ""
    reason: str = ""
    article: str = ""
    suggestion: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class DisclosureEvent(Event):
    """A required disclosure was said."""

    type: ClassVar[str] = "disclosure"
    category: str
    rule_id: str = ""
    matched: str = ""
    text: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class MissingDisclosureEvent(Event):
    """Closing was reached (or the customer agreed) with required disclosures still unsaid."""

    type: ClassVar[str] = "missing_disclosure"
    missing: tuple[str, ...]
    trigger: str = ""
    message: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class SignalEvent(Event):
    """Something the customer signalled: an objection, a refusal, complaint intent."""

    type: ClassVar[str] = "signal"
    signal: str
    score: float = 1.0
    text: str = ""
    matched: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class SuggestionEvent(Event):
    """A script from the KB recommended for what the customer just said."""

    type: ClassVar[str] = "suggestion"
    item_id: str
    kind: str = "script"
    handles: tuple[str, ...] = ()
    score: float = 0.0
    title: str = ""
    text: str = ""
    answers: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class FactEvent(Event):
    """A product fact from the KB shown because a product or feature came up."""

    type: ClassVar[str] = "fact"
    item_id: str
    product: str = ""
    product_name: str = ""  # the product's name in the KB, for display
    title: str = ""
    text: str = ""
    score: float = 0.0


@dataclass(frozen=True, slots=True, kw_only=True)
class ProfileEvent(Event):
    """A customer profile field learnt from the talk, with the utterance that says so."""

    type: ClassVar[str] = "profile"
    field: str
    value: Any
    evidence: str = ""
    speaker: str = ""
    source: str = "extracted"  # extracted | manual | computed


OUTCOMES: tuple[str, ...] = ("sale", "callback", "not_interested", "refused", "hung_up")


@dataclass(frozen=True, slots=True, kw_only=True)
class OutcomeEvent(Event):
    """How the call ended, as the advisor recorded it."""

    type: ClassVar[str] = "outcome"
    outcome: str  # sale | callback | not_interested | refused | hung_up
    callback_at: str | None = None
    notes: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class NoticeEvent(Event):
    """Something the user should know that is not a fault (no model installed, input re-sorted...)."""

    type: ClassVar[str] = "notice"
    code: str
    message: str
    data: dict = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class ErrorEvent(Event):
    """A fault the session survived (a device vanished, a model failed): it says what to do."""

    type: ClassVar[str] = "error"
    code: str
    message: str


EVENT_TYPES: dict[str, type[Event]] = {
    cls.type: cls
    for cls in (
        UtteranceEvent,
        StageEvent,
        StepDoneEvent,
        ViolationEvent,
        DisclosureEvent,
        MissingDisclosureEvent,
        SignalEvent,
        SuggestionEvent,
        FactEvent,
        ProfileEvent,
        OutcomeEvent,
        NoticeEvent,
        ErrorEvent,
    )
}


def event_from_dict(data: dict[str, Any]) -> Event:
    """Rebuild an event from its JSON form (import, replay); unknown keys are ignored."""
    kind = data.get("type")
    cls = EVENT_TYPES.get(kind)  # type: ignore[arg-type]
    if cls is None:
        raise ValueError(f"unknown event type {kind!r}; expected one of {sorted(EVENT_TYPES)}")
    names = {f.name for f in fields(cls)}
    kwargs = {k: v for k, v in data.items() if k in names}
    for key, value in kwargs.items():
        if isinstance(value, list):
            kwargs[key] = tuple(value)
    return cls(**kwargs)
