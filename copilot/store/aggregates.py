"""What a team lead compares: per advisor or per team over a date range, how often each SOP step
and each required disclosure was actually said ("open rate" = calls where it was said / calls),
violations per 100 calls by category, outcomes and average call length.

Everything is counted in SQL over the events' `key` column (stage/step, category), so a month of
calls aggregates in well under a second. Calls still `live` are left out: they are not over.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import sqlite_utils

from copilot.store.queries import started_between

GROUPINGS = ("advisor", "team")


@dataclass
class GroupStats:
    name: str
    team: str = ""
    calls: int = 0
    avg_length_ms: float = 0.0
    outcomes: dict[str, int] = field(default_factory=dict)
    step_rates: dict[str, float] = field(default_factory=dict)
    disclosure_rates: dict[str, float] = field(default_factory=dict)
    violations_per_100: dict[str, float] = field(default_factory=dict)


@dataclass
class TeamReport:
    by: str
    since: str | None
    until: str | None
    steps: list[str]
    step_labels: dict[str, str]
    disclosures: list[str]
    categories: list[str]
    outcomes: list[str]
    groups: list[GroupStats]
    total: GroupStats

    def to_csv(self) -> str:
        """One row per group plus the total; rates as fractions with 3 decimals."""
        out = io.StringIO()
        writer = csv.writer(out)
        team_column = ["team"] if self.by == "advisor" else []
        writer.writerow([self.by, *team_column, "calls", "avg_length_s",
                         *(f"outcome:{o}" for o in self.outcomes),
                         *(f"step:{s}" for s in self.steps),
                         *(f"disclosure:{d}" for d in self.disclosures),
                         *(f"violations_per_100:{c}" for c in self.categories)])
        for g in [*self.groups, self.total]:
            team = [g.team] if team_column else []
            writer.writerow([g.name, *team, g.calls, f"{g.avg_length_ms / 1000:.1f}",
                             *(g.outcomes.get(o, 0) for o in self.outcomes),
                             *(f"{g.step_rates.get(s, 0):.3f}" for s in self.steps),
                             *(f"{g.disclosure_rates.get(d, 0):.3f}" for d in self.disclosures),
                             *(f"{g.violations_per_100.get(c, 0):.1f}" for c in self.categories)])
        return out.getvalue()


def team_report(
    db: sqlite_utils.Database,
    *,
    by: str = "advisor",
    since: str | date | None = None,
    until: str | date | None = None,
    team: str | None = None,
    expected_steps: Iterable[tuple[str, str]] = (),
    expected_disclosures: Iterable[str] = (),
) -> TeamReport:
    """Aggregate the calls started in [since, until] (local days, inclusive), grouped `by`."""
    if by not in GROUPINGS:
        raise ValueError(f"by must be one of {GROUPINGS}")
    dates, params = started_between(since, until)
    where = ["status != 'live'", *dates]
    if team:
        where.append("team = ?")
        params.append(team)
    # materialized + cross join: walk the range's calls, then each call's events by index
    scope = (f"with s as materialized (select id, coalesce({by}, '') as g, team, duration_ms, "
             f"outcome from sessions where {' and '.join(where)}) ")

    def rows(sql: str) -> list[dict]:
        return list(db.query(scope + sql, params))

    groups: dict[str, GroupStats] = {}
    total = GroupStats(name="(all)")
    for r in rows("select g, max(team) as team, count(*) as calls, avg(duration_ms) as avg_ms "
                  "from s group by g order by g"):
        groups[r["g"]] = GroupStats(name=r["g"], team=(r["team"] or "") if by == "advisor" else "",
                                    calls=r["calls"], avg_length_ms=r["avg_ms"] or 0.0)
        total.calls += r["calls"]
        total.avg_length_ms += (r["avg_ms"] or 0.0) * r["calls"]
    if total.calls:
        total.avg_length_ms /= total.calls

    outcomes = _count(rows("select g, coalesce(outcome, '') as key, count(*) as n from s "
                           "group by g, key"), groups, total, "outcomes")
    per_call = ("select s.g, e.key, count(distinct e.session_id) as n from s cross join events e "
                "on e.session_id = s.id where e.type = '{}' group by s.g, e.key")
    steps = _count(rows(per_call.format("step_done")), groups, total, "step_rates")
    disclosures = _count(rows(per_call.format("disclosure")), groups, total, "disclosure_rates")
    violations = _count(rows("select s.g, e.key, count(*) as n from s cross join events e on "
                             "e.session_id = s.id where e.type = 'violation' and "
                             "e.status = 'confirmed' group by s.g, e.key"),
                        groups, total, "violations_per_100")
    for g in [*groups.values(), total]:
        calls = g.calls or 1
        g.step_rates = {k: v / calls for k, v in g.step_rates.items()}
        g.disclosure_rates = {k: v / calls for k, v in g.disclosure_rates.items()}
        g.violations_per_100 = {k: 100 * v / calls for k, v in g.violations_per_100.items()}

    labels = dict(expected_steps)
    for r in rows("select e.key, max(json_extract(e.data, '$.label')) as label from s cross "
                  "join events e on e.session_id = s.id where e.type = 'step_done' group by e.key"):
        labels.setdefault(r["key"], r["label"] or "")
    missing = {k for r in rows("select distinct e.key from s cross join events e on "
                               "e.session_id = s.id where e.type = 'missing_disclosure'")
               for k in (r["key"] or "").split(",") if k}
    return TeamReport(
        by=by, since=str(since) if since else None, until=str(until) if until else None,
        steps=_ordered(labels, steps), step_labels=labels,
        disclosures=_ordered(expected_disclosures, disclosures | missing),
        categories=sorted(violations), outcomes=sorted(o for o in outcomes if o),
        groups=list(groups.values()), total=total,
    )


def _count(rows: list[dict], groups: dict[str, GroupStats], total: GroupStats,
           attr: str) -> set[str]:
    seen: set[str] = set()
    sums: dict[str, int] = defaultdict(int)
    for r in rows:
        getattr(groups[r["g"]], attr)[r["key"]] = r["n"]
        sums[r["key"]] += r["n"]
        seen.add(r["key"])
    setattr(total, attr, dict(sums))
    return seen


def _ordered(expected: Iterable[str], seen: Iterable[str]) -> list[str]:
    """Expected keys in their own (SOP) order first, then any others alphabetically."""
    first = list(dict.fromkeys(expected))
    return first + sorted(set(seen) - set(first))
