"""Running a short dialogue through the real engine with a given KB: "Try it" and KB tests.

Nothing is simulated: the session is opened by `copilot.pipeline.open_session` with the KB as
edited, fed the utterances in order and finished, so what a trainer sees here is what an advisor
would see in a call. The session starts at a fixed time inside the permitted call window so that
results do not depend on the hour the trainer happens to be working.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from copilot.events import Event
from copilot.session import SessionInfo
from copilot.settings import Settings, load_settings
from copilot.timeline import format_event
from copilot.utterance import Utterance

TRIAL_START = datetime(2026, 1, 5, 10, 0).astimezone()  # a Monday morning, inside 09:00-21:00


@dataclass
class TrialTurn:
    """One utterance and the events the engine produced for it."""

    utterance: Utterance
    events: list[Event] = field(default_factory=list)


@dataclass
class Trial:
    turns: list[TrialTurn]
    closing: list[Event]  # events not tied to an utterance (start, finish: missing disclosures)
    events: list[Event]  # everything, in order


def run_dialogue(kb, utterances: list[Utterance], settings: Settings | None = None) -> Trial:
    """The engine's events for `utterances` with `kb` (a loaded KnowledgeBase)."""
    from copilot.pipeline import open_session

    settings = settings or load_settings(kb_dir=kb.root)
    info = SessionInfo(source="trial", started_at=TRIAL_START)
    session = open_session(settings, info=info, kb=kb)
    session.start()
    for utterance in utterances:
        session.feed(utterance)
    session.finish()
    return group_by_utterance(utterances, session.events)


def group_by_utterance(utterances: list[Utterance], events: list[Event]) -> Trial:
    turns = {u.id: TrialTurn(u) for u in utterances}
    closing = []
    for event in events:
        if event.type == "utterance":
            continue
        turn = turns.get(event.utterance_id or "")
        if turn is None:
            closing.append(event)
        else:
            turn.events.append(event)
    return Trial(list(turns.values()), closing, list(events))


def describe(event: Event) -> str:
    """One readable line; violations show the span they matched inside the sentence."""
    line = format_event(event).split("] ", 1)[-1].strip()
    data = event.to_dict()
    if event.type == "violation" and data.get("text"):
        start, end = data.get("span") or (0, 0)
        text = data["text"]
        if 0 <= start < end <= len(text):
            line += f"  «{text[:start]}【{text[start:end]}】{text[end:]}» span {start}-{end}"
        if data.get("article"):
            line += f"  ({data['article']})"
    if event.type == "suggestion" and data.get("title"):
        line = line.replace(data["item_id"], f"{data['item_id']} {data['title']}", 1)
    return line
