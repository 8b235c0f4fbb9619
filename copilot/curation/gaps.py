"""`kb gaps`: what trainers should write next, mined from the calls already in the session store.

Two lists. Gaps: customer questions and objections for which the copilot had nothing good to show
(no suggestion or fact scored above a threshold), grouped by meaning, most frequent first.
Winners: advisor sentences said shortly before calls that ended in a sale, grouped the same way,
ranked by how many sales they preceded; good candidates for new scripts.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from copilot.curation.cluster import Cluster, cluster
from copilot.text import is_question

SALE = "sale"  # one of copilot.events.OUTCOMES


@dataclass
class Ask:
    """A customer question or objection and the best thing the copilot offered for it."""

    session_id: str
    text: str
    signals: tuple[str, ...]
    best_score: float
    best_item: str


@dataclass
class Gap:
    cluster: Cluster
    asks: list[Ask]

    @property
    def sessions(self) -> int:
        return len({a.session_id for a in self.asks})

    @property
    def signals(self) -> list[str]:
        return [s for s, _ in Counter(s for a in self.asks for s in a.signals).most_common(3)]

    @property
    def best(self) -> Ask:
        return max(self.asks, key=lambda a: a.best_score)


@dataclass
class Winner:
    cluster: Cluster
    sale_sessions: int
    other_sessions: int


@dataclass
class GapReport:
    sessions: int
    sales: int
    asks: int
    method: str
    gaps: list[Gap] = field(default_factory=list)
    winners: list[Winner] = field(default_factory=list)


def mine_gaps(store, *, since=None, until=None, min_score: float = 0.5, lead: int = 5,
              language: str = "zh", embedder=None, min_sales: int = 2) -> GapReport:
    """Read every stored session in the period and build the report."""
    asks: list[Ask] = []
    closers: list[tuple[str, str, bool]] = []  # (session, advisor sentence, ended in a sale)
    rows = store.list_sessions(since=since, until=until, limit=None)
    sales = 0
    for row in rows:
        record = store.load(row["id"])
        asks += low_scored_asks(record, min_score, language)
        sold = (row.get("outcome") or "") == SALE
        sales += sold
        closers += [(record.id, text, sold) for text in closing_sentences(record, lead)]
    gap_clusters, method = cluster([a.text for a in asks], language, embedder)
    gaps = [Gap(c, [asks[i] for i in c.members]) for c in gap_clusters]
    report = GapReport(len(rows), sales, len(asks), method, gaps)
    report.winners = winners(closers, language, embedder, min_sales)
    return report


def low_scored_asks(record, min_score: float, language: str) -> list[Ask]:
    signals: dict[str, list[str]] = {}
    best: dict[str, tuple[float, str]] = {}
    handled: set[str] = set()  # a script written for the customer's signal was shown: answered
    for event in record.events:
        uid = event.utterance_id or ""
        if event.type == "signal":
            signals.setdefault(uid, []).append(event.signal)
        elif event.type in ("suggestion", "fact"):
            if event.type == "suggestion" and event.answers in event.handles:
                handled.add(uid)
            if event.score > best.get(uid, (-1.0, ""))[0]:
                best[uid] = (float(event.score), event.item_id)
    found = []
    for utterance in record.utterances:
        uid, text = utterance["utterance_id"], (utterance["text"] or "").strip()
        if utterance["speaker"] != "customer" or not text or uid in handled:
            continue
        if uid not in signals and not is_question(text, language):
            continue
        score, item = best.get(uid, (0.0, ""))
        if score < min_score:
            found.append(Ask(record.id, text, tuple(signals.get(uid, ())), score, item))
    return found


def closing_sentences(record, lead: int) -> list[str]:
    """The advisor's last `lead` sentences before the outcome was recorded (or the call ended)."""
    outcome = record.outcome()
    end = outcome.t_ms if outcome is not None and outcome.t_ms else None
    said = [u for u in record.utterances
            if u["speaker"] == "advisor" and (u["text"] or "").strip()
            and (end is None or u["start_ms"] <= end)]
    return [u["text"].strip() for u in said[-lead:]]


def winners(closers: list[tuple[str, str, bool]], language: str, embedder,
            min_sales: int) -> list[Winner]:
    clusters, _ = cluster([text for _, text, _ in closers], language, embedder)
    found = []
    for group in clusters:
        sold = {closers[i][0] for i in group.members if closers[i][2]}
        other = {closers[i][0] for i in group.members if not closers[i][2]}
        if len(sold) >= min_sales:
            found.append(Winner(group, len(sold), len(other)))
    return sorted(found, key=lambda w: (-w.sale_sessions, w.other_sessions,
                                        w.cluster.representative))


def format_report(report: GapReport, top: int = 15) -> str:
    lines = [f"{report.sessions} session(s), {report.sales} sale(s); {report.asks} customer "
             f"question(s)/objection(s) without a good suggestion; grouped by {report.method}"]
    lines.append("")
    lines.append("Gaps (write scripts or facts for these first):")
    if not report.gaps:
        lines.append("  none: every question or objection had a suggestion above the threshold")
    for n, gap in enumerate(report.gaps[:top], start=1):
        best = gap.best
        offered = f"best {best.best_score:.2f} {best.best_item}" if best.best_item else "no suggestion"
        signals = f"  signals: {', '.join(gap.signals)}" if gap.signals else ""
        lines.append(f"{n:>3}. {gap.cluster.size}× in {gap.sessions} call(s)  "
                     f"«{gap.cluster.representative}»  ({offered}){signals}")
        variants = gap.cluster.variants()
        if variants:
            lines.append("       also: " + " / ".join(f"«{v}»" for v in variants))
    lines.append("")
    lines.append("Advisor sentences before sales (candidate scripts):")
    if not report.winners:
        lines.append("  none yet: needs sentences said before at least two sales")
    for n, win in enumerate(report.winners[:top], start=1):
        lines.append(f"{n:>3}. before {win.sale_sessions} sale(s), {win.other_sessions} other "
                     f"call(s)  «{win.cluster.representative}»")
    return "\n".join(lines)
