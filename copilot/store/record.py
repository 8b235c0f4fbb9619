"""One stored call as a value: its row, transcript, events and audio, plus the views reports need.

The export JSON is this record's plain form; `import` reads the same form back, so an exported
call can move between desks and round-trips unchanged.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from copilot.errors import InputError
from copilot.events import Event, event_from_dict

EXPORT_FORMAT = "copilot-session"
EXPORT_VERSION = 1
EXPORTED_COLUMNS = (
    "id", "started_at", "ended_at", "duration_ms", "advisor", "team", "source", "kb_id",
    "kb_version", "kb_hash", "models", "outcome", "status",
)
WARNING_TYPES = ("violation", "missing_disclosure")


@dataclass
class SessionRecord:
    session: dict[str, Any]
    utterances: list[dict[str, Any]] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    audio: list[dict[str, Any]] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.session["id"]

    # ----------------------------------------------------------------- views
    def of_type(self, *types: str) -> list[Event]:
        return [e for e in self.events if e.type in types]

    def warnings(self) -> list[Event]:
        """Violations still standing, once each (the last word on a raised one counts: confirmed
        or withdrawn), and missing disclosures, in time order."""
        latest: dict[tuple, Event] = {}
        out: list[Event] = []
        for e in self.of_type(*WARNING_TYPES):
            if e.type == "violation":
                latest[(e.utterance_id, e.rule_id)] = e
            else:
                out.append(e)
        out += [e for e in latest.values() if e.status != "withdrawn"]
        return sorted(out, key=lambda e: e.t_ms)

    def disclosures(self) -> dict[str, int | None]:
        """Each disclosure category seen: time first said, or None when reported missing."""
        said: dict[str, int | None] = {}
        for e in self.of_type("disclosure"):
            said.setdefault(e.category, e.t_ms)
        for e in self.of_type("missing_disclosure"):
            for category in e.missing:
                said.setdefault(category, None)
        return said

    def steps_done(self) -> list[Event]:
        return self.of_type("step_done")

    def profile(self) -> dict[str, Any]:
        """Last value of each profile field (later evidence overrides earlier)."""
        return {e.field: e.value for e in self.of_type("profile")}

    def outcome(self) -> Event | None:
        found = self.of_type("outcome")
        return found[-1] if found else None

    # ----------------------------------------------------------------- export form
    def to_export(self) -> dict[str, Any]:
        return {
            "format": EXPORT_FORMAT,
            "version": EXPORT_VERSION,
            "session": {k: self.session.get(k) for k in EXPORTED_COLUMNS},
            "utterances": self.utterances,
            "events": [e.to_dict() for e in self.events],
            "audio": self.audio,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_export(), ensure_ascii=False, indent=2)

    @classmethod
    def from_export(cls, data: Any, path: str | Path = "<json>") -> SessionRecord:
        """Check an exported call before anything is written; errors name the field to fix."""
        if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
            raise InputError(path, None, f"not a copilot session export (no \"format\": "
                             f"\"{EXPORT_FORMAT}\")", "export it with `copilot sessions export`")
        session = data.get("session")
        if not isinstance(session, dict) or not session.get("id") or not session.get("started_at"):
            raise InputError(path, None, "\"session\" needs at least \"id\" and \"started_at\"",
                             "add them")
        try:
            datetime.fromisoformat(str(session["started_at"]))
        except ValueError as exc:
            raise InputError(path, None, f"session.started_at {session['started_at']!r} is not "
                             "an ISO date-time", "use e.g. 2026-11-02T10:00:00+08:00") from exc
        utterances = data.get("utterances") or []
        for i, u in enumerate(utterances):
            if not isinstance(u, dict):
                raise InputError(path, None, f"utterances[{i}] is not an object", "fix it")
            missing = {"speaker", "start_ms", "end_ms", "text"} - set(u)
            if missing:
                raise InputError(path, None, f"utterances[{i}] lacks {', '.join(sorted(missing))}",
                                 "add the fields")
        events = []
        for i, raw in enumerate(data.get("events") or []):
            try:
                events.append(event_from_dict(raw))
            except (TypeError, ValueError, AttributeError) as exc:
                raise InputError(path, None, f"events[{i}]: {exc}", "fix or remove it") from exc
        return cls(session=dict(session), utterances=list(utterances), events=events,
                   audio=list(data.get("audio") or []))
