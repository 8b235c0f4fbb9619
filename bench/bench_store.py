"""Session store at scale: 10,000 generated calls of 60 utterances each.

Targets (issue 7): listing with filters <= 200 ms, search <= 200 ms, opening a session <= 300 ms,
the team view for a month <= 1 s, and a write path with per-second fsync that keeps up with a
live call. Each number is printed with its ratio to a baseline measured in the same run.
The database is generated once into the cache folder (generation time printed, not counted).

    python -m bench store          # COPILOT_BENCH_SESSIONS=2000 for a quicker run
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from copilot import paths
from copilot.events import (
    OUTCOMES,
    DisclosureEvent,
    MissingDisclosureEvent,
    OutcomeEvent,
    StageEvent,
    StepDoneEvent,
    SuggestionEvent,
    ViolationEvent,
)
from copilot.session import Session, SessionInfo
from copilot.settings import load_settings
from copilot.store import SessionStore, open_store_sink
from copilot.store.aggregates import team_report
from copilot.store.schema import CURRENT_VERSION
from copilot.utterance import Utterance

N_SESSIONS = int(os.environ.get("COPILOT_BENCH_SESSIONS", "10000"))
N_UTTERANCES = 60
STAGES = ["opening", "identity_and_recording", "needs_discovery", "product_introduction",
          "objection_handling", "disclosures", "closing", "wrap_up"]
DISCLOSURES = ["identity", "recording_notice", "insurance_product_notice",
               "coverage_and_exclusions", "cooling_off_period", "surrender_loss",
               "health_disclosure", "premium_and_term"]
VIOLATIONS = ["guaranteed_return", "deposit_confusion", "exaggerated_coverage", "false_urgency",
              "off_platform_contact"]
ADVISOR_LINES = ["您好，我是平安人寿的客户经理", "这款重疾险保障一百种重大疾病", "保费每年三千二百元",
                 "犹豫期是十五天，期间退保可以全额退还", "请您如实告知健康状况", "本次通话全程录音",
                 "这是一款保险产品，不同于银行存款", "等待期九十天内出险不赔", "退保会有现金价值损失",
                 "您看今天方便办理吗", "我把条款发到您的手机上", "分红是不确定的，以实际为准"]
CUSTOMER_LINES = ["你好，什么事", "我再考虑一下", "太贵了吧", "我已经有社保了", "要跟家里人商量",
                  "那退保能退多少", "保本吗", "行，你说吧", "我没时间", "发个资料给我看看"]


def generate(path: Path, n_sessions: int, seed: int = 7) -> float:
    """Write the synthetic calls through the store's own write path; returns seconds taken."""
    rng = random.Random(seed)
    t0 = time.perf_counter()
    advisors = [(f"坐席{i:02d}", f"{i % 5 + 1}组", rng.uniform(0.3, 0.98)) for i in range(40)]
    start = datetime(2026, 1, 1, tzinfo=UTC)
    store = SessionStore(path, mask_pii=False)
    store.begin()
    for n in range(n_sessions):
        advisor, team, diligence = rng.choice(advisors)
        info = SessionInfo(session_id=f"s{n:06d}", advisor=advisor, team=team,
                           started_at=start + timedelta(minutes=n * 50 + rng.randint(0, 40)))
        store.create_session(info, status="complete", pid=None)
        events = _call_events(rng, diligence)
        for seq, event in enumerate(events, 1):
            store.write_event(info.session_id, seq, event)
        store.touch(info.session_id, events[-1].t_ms)
        store.finish_session(info.session_id)
        if n % 500 == 499:
            store.commit()
            store.begin()
    store.commit()
    store.close()
    return time.perf_counter() - t0


def _call_events(rng: random.Random, diligence: float) -> list:
    from copilot.events import UtteranceEvent

    events, t = [], 0
    for i in range(N_UTTERANCES):
        speaker = "advisor" if i % 2 == 0 else "customer"
        text = rng.choice(ADVISOR_LINES if speaker == "advisor" else CUSTOMER_LINES)
        length = rng.randint(1500, 6000)
        events.append(UtteranceEvent(t_ms=t + length, utterance_id=f"u{i}", speaker=speaker,
                                     start_ms=t, end_ms=t + length, text=f"{text}（{i}）"))
        t += length + 500
        if i % 8 == 0:
            stage = STAGES[min(i // 8, len(STAGES) - 1)]
            events.append(StageEvent(t_ms=t, stage=stage))
            for step in ("a", "b"):
                if rng.random() < diligence:
                    events.append(StepDoneEvent(t_ms=t, utterance_id=f"u{i}", stage=stage,
                                                step=step, label=f"{stage} {step}"))
        if i == 40:
            said = [d for d in DISCLOSURES if rng.random() < diligence]
            events += [DisclosureEvent(t_ms=t, category=d) for d in said]
            if len(said) < len(DISCLOSURES):
                events.append(MissingDisclosureEvent(
                    t_ms=t, missing=tuple(d for d in DISCLOSURES if d not in said)))
        if speaker == "customer" and rng.random() < 0.1:
            events.append(SuggestionEvent(t_ms=t, item_id=f"script.{rng.randint(1, 30)}"))
        if speaker == "advisor" and rng.random() < 0.02:
            events.append(ViolationEvent(t_ms=t, utterance_id=f"u{i}", severity="block",
                                         category=rng.choice(VIOLATIONS), rule_id="r"))
    events.append(OutcomeEvent(t_ms=t, outcome=rng.choice(OUTCOMES)))
    return events


def timed(fn, repeat: int = 7) -> float:
    """Median wall time in ms (after one warm-up call)."""
    fn()
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples)


def report(name: str, ms: float, target_ms: float | None, baseline_ms: float | None) -> None:
    verdict = "" if target_ms is None else ("OK " if ms <= target_ms else "SLOW ")
    target = f"target <= {target_ms:.0f} ms" if target_ms else ""
    ratio = f"{ms / baseline_ms:8.3g}x baseline" if baseline_ms else ""
    print(f"{verdict:5}{name:<46}{ms:9.2f} ms  {ratio:<20}{target}", flush=True)


def main() -> None:
    cache = paths.cache_dir() / "bench"
    cache.mkdir(parents=True, exist_ok=True)
    db = cache / f"sessions-{N_SESSIONS}x{N_UTTERANCES}-v{CURRENT_VERSION}.db"
    if not db.exists():
        tmp = db.with_suffix(".partial")
        for leftover in cache.glob(tmp.name + "*"):
            leftover.unlink()
        seconds = generate(tmp, N_SESSIONS)
        tmp.rename(db)
        print(f"generated {N_SESSIONS} sessions x {N_UTTERANCES} utterances in {seconds:.1f} s "
              f"({db.stat().st_size / 1e6:.0f} MB) -> {db}")
    store = SessionStore(db)
    count = store.db.execute("select count(*) from utterances").fetchone()[0]
    print(f"{N_SESSIONS} sessions, {count} utterances in {db}")
    read_side(store)
    store.close()
    write_side()


def read_side(store: SessionStore) -> None:
    base_count = timed(lambda: store.db.execute("select count(*) from sessions").fetchone())
    report("baseline: select count(*) from sessions", base_count, None, None)
    report("list: newest 100", timed(lambda: store.list_sessions(limit=100)), 200, base_count)
    report("list: advisor + since + violations", timed(lambda: store.list_sessions(
        advisor="坐席07", since="2026-06-01", with_violations=True)), 200, base_count)
    report("list: team + outcome + month", timed(lambda: store.list_sessions(
        team="3组", outcome="sale", since="2026-03-01", until="2026-03-31")), 200, base_count)

    def like_scan(term: str):
        return store.db.execute("select count(*) from utterances where text like ?",
                                [f"%{term}%"]).fetchone()
    base_like = timed(lambda: like_scan("犹豫期"), repeat=3)
    report("baseline: full LIKE scan '犹豫期' (count)", base_like, None, None)
    for term in ("犹豫期", "现金价值损失", "分红 不确定", "退保", "不存在的词语", "赔付"):
        report(f"search: '{term}' (50 newest)", timed(lambda t=term: store.search(t)), 200,
               base_like)

    middle = f"s{N_SESSIONS // 2:06d}"
    base_row = timed(lambda: store.db.execute(
        "select * from sessions where id = ?", [middle]).fetchone())
    report("baseline: one session row by id", base_row, None, None)
    report("open: load one session (60 utt + events)", timed(
        lambda: store.load(middle)), 300, base_row)

    base_month = timed(lambda: store.db.execute(
        "select count(*) from sessions where started_at >= '2026-03-01' "
        "and started_at < '2026-04-01'").fetchone())
    report("baseline: count sessions in a month", base_month, None, None)
    for by in ("advisor", "team"):
        report(f"team view: a month, per {by}", timed(lambda b=by: team_report(
            store.db, by=b, since="2026-03-01", until="2026-03-31"), repeat=5), 1000, base_month)
    report("team view: a whole year, per advisor", timed(lambda: team_report(
        store.db, since="2026-01-01", until="2026-12-31"), repeat=3), None, base_month)


def write_side() -> None:
    """A live call's events through the durable sink (fsync per commit) as fast as they come."""
    rng = random.Random(3)
    settings = load_settings(mask_pii=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "live.db"
        SessionStore(db).close()
        info = SessionInfo(advisor="压测")
        sink = open_store_sink(settings, info, db)
        session = Session(sinks=[sink], info=info)
        events = _call_events(rng, 0.8)
        partials = 0
        t0 = time.perf_counter()
        for _ in range(5):  # five calls' worth of events, partials included
            for e in events:
                if e.type == "utterance":
                    for k in range(3):  # a live recognizer sends partials before each final
                        session.feed(Utterance(e.utterance_id, e.speaker, e.start_ms,
                                               e.start_ms + k * 500, e.text[:k + 2], final=False))
                        partials += 1
                    session.feed(e.to_utterance())
                else:
                    session.record(e)
        sink.flush()  # the last batch is written and fsynced too
        published = len(session.events)
        elapsed = time.perf_counter() - t0
        commits = []
        for _ in range(20):
            c0 = time.perf_counter()
            session.feed(Utterance("x", "advisor", 0, 1, "测试"))
            sink.flush()  # one durable (fsync) commit
            commits.append((time.perf_counter() - c0) * 1000)
        session.finish()
    per_event = elapsed * 1000 / published
    report("write: per published event (durable sink)", per_event, None, None)
    print(f"      = {per_event * 1000:.1f} us per event, partials included")
    report("write: one fsync'd commit (median of 20)", statistics.median(commits), 1000, None)
    live_rate = 10.0  # events/s of a busy live call, partials included (generous)
    capacity = published / elapsed
    print(f"      write capacity {capacity:,.0f} events/s vs ~{live_rate:.0f}/s in a live call: "
          f"{capacity / live_rate:,.0f}x headroom ({published} events, {partials} partials)")
