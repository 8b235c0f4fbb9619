"""Read side of the session store: listing with filters, one session whole, transcript search.

Dates given as `YYYY-MM-DD` are local calendar days (what a team lead types); the store keeps UTC.
Search uses the trigram FTS index for terms of 3+ characters, the bigram index when a term has
two (a trigram index cannot answer 退保), and a LIKE scan only for single characters.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from copilot.errors import CopilotError
from copilot.events import event_from_dict
from copilot.store import bigrams
from copilot.store.record import SessionRecord

if TYPE_CHECKING:
    import sqlite_utils

SESSION_COLUMNS = (
    "id, started_at, ended_at, duration_ms, advisor, team, source, kb_id, kb_version, outcome, "
    "status, n_utterances, n_violations"
)


def parse_day(value: str | date | datetime | None, *, end: bool = False) -> str | None:
    """A local date (or datetime) as the UTC ISO bound the store compares with; `end` is exclusive
    and covers the whole given day."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
        except ValueError as exc:
            raise CopilotError(f"not a date: {value!r}; use YYYY-MM-DD") from exc
    if not isinstance(value, datetime):
        value = datetime.combine(value + timedelta(days=1) if end else value, time())
    if value.tzinfo is None:
        value = value.astimezone()
    return value.astimezone(UTC).isoformat(timespec="seconds")


def day_range(since: str | date | datetime | None,
              until: str | date | datetime | None) -> tuple[str | None, str | None]:
    """`parse_day` of both bounds; an --until before --since is an error, not an empty list."""
    low, high = parse_day(since), parse_day(until, end=True)
    if low is not None and high is not None and high <= low:
        raise CopilotError(f"--until {until} is before --since {since}; swap them")
    return low, high


def started_between(since: str | date | datetime | None,
                    until: str | date | datetime | None) -> tuple[list[str], list[str]]:
    """SQL conditions on `started_at`, and their parameters, for calls started in the local days
    [since, until] (see `day_range`)."""
    low, high = day_range(since, until)
    where, params = [], []
    if low is not None:
        where.append("started_at >= ?")
        params.append(low)
    if high is not None:
        where.append("started_at < ?")
        params.append(high)
    return where, params


class Queries:
    """Mixed into SessionStore; needs `self.db`."""

    db: sqlite_utils.Database

    def list_sessions(
        self,
        *,
        advisor: str | None = None,
        team: str | None = None,
        since: str | date | None = None,
        until: str | date | None = None,
        outcome: str | None = None,
        with_violations: bool = False,
        status: str | None = None,
        limit: int | None = 500,
    ) -> list[dict[str, Any]]:
        where, params = [], []
        for column, value in (("advisor", advisor), ("team", team), ("outcome", outcome),
                              ("status", status)):
            if value:
                where.append(f"{column} = ?")
                params.append(value)
        dates, date_params = started_between(since, until)
        where += dates
        params += date_params
        if with_violations:
            where.append("n_violations > 0")
        sql = f"select {SESSION_COLUMNS} from sessions"
        if where:
            sql += " where " + " and ".join(where)
        sql += " order by started_at desc"
        if limit:
            sql += f" limit {int(limit)}"
        return list(self.db.query(sql, params))

    def distinct(self, column: str) -> list[str]:
        """Values for a filter box (advisor, team, outcome)."""
        if column not in {"advisor", "team", "outcome", "status"}:
            raise ValueError(column)
        return [r[column] for r in self.db.query(
            f"select distinct {column} from sessions where coalesce({column}, '') != '' "
            f"order by {column}")]

    def resolve_id(self, prefix: str) -> str:
        """A full session id from a unique prefix (ids are long to type)."""
        if not prefix.strip():
            raise CopilotError("no session id given; see `copilot sessions list` for the ids")
        rows = [r["id"] for r in self.db.query(
            "select id from sessions where id >= ? and id < ? limit 2", [prefix, prefix + "\uffff"])]
        if not rows:
            raise CopilotError(f"no session {prefix!r}; see `copilot sessions list`")
        if len(rows) > 1 and prefix not in rows:
            raise CopilotError(f"session id {prefix!r} is ambiguous; give more characters")
        return prefix if prefix in rows else rows[0]

    def load(self, session_id: str) -> SessionRecord:
        """The whole session: row, final utterances, other events in order, audio files."""
        session_id = self.resolve_id(session_id)
        row = next(self.db.query("select * from sessions where id = ?", [session_id]))
        row["models"] = json.loads(row["models"] or "{}")
        utterances = list(self.db.query(
            "select utterance_id, speaker, start_ms, end_ms, text, words from utterances "
            "where session_id = ? order by start_ms, id", [session_id]))
        for u in utterances:
            u["words"] = json.loads(u["words"] or "[]")
        events = [event_from_dict(json.loads(r["data"])) for r in self.db.query(
            "select data from events where session_id = ? order by seq, id", [session_id])]
        audio = list(self.db.query(
            "select speaker, path, offset_ms from audio where session_id = ? order by id",
            [session_id]))
        return SessionRecord(session=row, utterances=utterances, events=events, audio=audio)

    def team_report(self, **kw: Any):
        """Per advisor or team aggregates; see `copilot.store.aggregates.team_report`."""
        from copilot.store.aggregates import team_report

        return team_report(self.db, **kw)

    def search(self, text: str, *, limit: int = 50, advisor: str | None = None,
               team: str | None = None) -> list[dict[str, Any]]:
        """Utterances containing every whitespace-separated term, newest sessions first."""
        terms = [t for t in text.split() if t]
        if not terms:
            raise CopilotError("search: give some text to look for")
        filters, params = "", []
        for column, value in (("advisor", advisor), ("team", team)):
            if value:
                filters += f" and s.{column} = ?"
                params.append(value)
        head = ("select u.session_id, u.utterance_id, u.speaker, u.start_ms, u.text, "
                "s.started_at, s.advisor, s.team from ")
        if all(len(t) >= 3 for t in terms):
            match = " ".join('"' + t.replace('"', '""') + '"' for t in terms)
            sql = (head + "utterances_fts f join utterances u on u.id = f.rowid "
                   "join sessions s on s.id = u.session_id where utterances_fts match ?"
                   + filters + " order by f.rowid desc limit ?")
            return list(self.db.query(sql, [match, *params, limit]))
        if all(len(t) >= 2 for t in terms) and (match := bigrams.match_query(terms)):
            sql = (head + f"{bigrams.TABLE} b join utterances u on u.id = b.rowid "
                   f"join sessions s on s.id = u.session_id where {bigrams.TABLE} match ?"
                   + filters + " order by b.rowid desc limit ?")
            return list(self.db.query(sql, [match, *params, limit]))
        likes = " and ".join("u.text like ? escape '\\'" for _ in terms)
        patterns = ["%" + t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
                    for t in terms]
        sql = (head + "utterances u join sessions s on s.id = u.session_id where " + likes
               + filters + " order by u.id desc limit ?")
        return list(self.db.query(sql, [*patterns, *params, limit]))
