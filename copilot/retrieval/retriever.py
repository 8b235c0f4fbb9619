"""Hybrid retrieval over a KB's facts and scripts: BM25 + vectors, fused by reciprocal rank.

`Retriever.for_kb` builds (or loads from cache) a lexical index and, when an embedding model is
given, a dense one. Searches can be narrowed by item kind, product, stage and handled signal.
Without a model everything is lexical, and the retriever says so once.
"""

from __future__ import annotations

import logging
import re
import shutil
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from copilot import paths
from copilot.errors import CopilotError
from copilot.kb import Item, KnowledgeBase
from copilot.retrieval.dense import DenseIndex, choose_kind
from copilot.retrieval.embedder import Embedder
from copilot.retrieval.embedding_cache import EmbeddingCache
from copilot.retrieval.fusion import reciprocal_rank_fusion
from copilot.retrieval.lexical import LexicalIndex
from copilot.retrieval.rows import (
    Rows,
    best_per_item,
    build_rows,
    lexical_document,
    product_names,
    text_key,
)
from copilot.retrieval.tokenize import TOKENIZER_VERSION, Tokenizer

log = logging.getLogger(__name__)
MODES = ("hybrid", "lexical", "dense")
PROGRESS_TEXTS = 256  # embedding more texts than this shows a progress bar (~3 s on 2 cores)
UNREADABLE_RATE = 0.3  # a model that can't read this share of the KB's word pieces is not used
KEEP_CACHES = 3  # lexical / dense caches kept per KB (older contents are deleted)
QUERY_CACHE = 512  # query embeddings kept
_told: set[tuple[str, str]] = set()


@dataclass(frozen=True)
class Hit:
    id: str
    score: float
    kind: str
    item: Item


@dataclass
class BuildStats:
    rows: int = 0
    embedded: int = 0  # row texts sent through the model in this build
    reused: int = 0  # row texts whose vectors came from the cache
    lexical_cached: bool = False
    dense_kind: str = ""
    seconds: float = 0.0


@dataclass
class Retriever:
    items: list[Item]
    rows: Rows
    lexical: LexicalIndex
    dense: DenseIndex | None = None
    embedder: Embedder | None = None
    notice: str = ""
    stats: BuildStats = field(default_factory=BuildStats)
    _query_vectors: OrderedDict = field(default_factory=OrderedDict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)  # UI and analyzer threads

    @classmethod
    def for_kb(cls, kb: KnowledgeBase, embedder: Embedder | None = None,
               cache_dir: Path | None = None, index_kind: str = "auto") -> Retriever:
        started = time.perf_counter()
        cache = Path(cache_dir) if cache_dir is not None else paths.index_cache_dir()
        items = kb.items()
        rows = build_rows(items)
        stats = BuildStats(rows=len(rows))
        lexical_dir = _cache_dir(cache / "lexical", kb, TOKENIZER_VERSION)
        stats.lexical_cached = lexical_dir is not None and lexical_dir.is_dir()
        names = product_names(kb)
        documents = [lexical_document(item, names.get(item.product, "")) for item in items]
        lexical = LexicalIndex.load_or_build(documents, Tokenizer.for_kb(kb), lexical_dir)
        _prune(cache / "lexical", kb)
        retriever = cls(items, rows, lexical, stats=stats)
        if embedder is None:
            retriever._say(kb, "no embedding model set: retrieval is lexical only (BM25); set "
                           "embedding_model for meaning-level search")
        else:
            retriever._add_dense(kb, embedder, cache, index_kind)
        stats.seconds = time.perf_counter() - started
        return retriever

    @property
    def has_dense(self) -> bool:
        return self.dense is not None

    def _say(self, kb: KnowledgeBase, notice: str) -> None:
        self.notice = notice
        if (kb.meta.id, notice) not in _told:
            _told.add((kb.meta.id, notice))
            log.warning("%s: %s", kb.meta.id, notice)

    def _add_dense(self, kb: KnowledgeBase, embedder: Embedder, cache: Path, kind: str) -> None:
        rate = embedder.unknown_token_rate([item.text for item in self.items])
        if rate > UNREADABLE_RATE:
            self._say(kb, f"embedding model {embedder.model_id} cannot read this KB's language "
                          f"({rate:.0%} unknown word pieces): retrieval is lexical only")
            return
        self.embedder = embedder
        self.stats.dense_kind = choose_kind(len(self.rows), kind)
        vectors = self._row_vectors(embedder, cache)
        index_file = None
        if self.stats.dense_kind == "hnsw" and kb.content_hash:
            index_file = cache / "dense" / f"{_slug(kb.meta.id)}-{kb.content_hash}-{embedder.model_id}.faiss"
        if index_file is not None and index_file.is_file():
            self.dense = DenseIndex.load(index_file)
        else:
            self.dense = DenseIndex.build(vectors, self.stats.dense_kind)
            if index_file is not None:
                self.dense.save(index_file)

    def _row_vectors(self, embedder: Embedder, cache: Path) -> np.ndarray:
        store = EmbeddingCache(cache / "embeddings" / embedder.model_id, embedder.dim)
        keys = [text_key(t) for t in self.rows.texts]
        missing = store.missing(keys)
        text_of = dict(zip(keys, self.rows.texts, strict=True))
        if missing:
            store.add(missing, _encode_with_progress(embedder, [text_of[k] for k in missing]))
        self.stats.embedded = len(missing)
        self.stats.reused = len(set(keys)) - len(missing)
        return store.matrix(keys)

    # ---- search ------------------------------------------------------------------------------

    def search(self, text: str, k: int = 5, mode: str = "hybrid", kind: str | None = None,
               product: str | None = None, stage: str | None = None,
               handles: str | list[str] | None = None) -> list[Hit]:
        """The `k` best items for `text`, best first.

        Filters: `kind` ("fact"/"script") and `handles` (any of the signal ids) must match;
        `product` and `stage` keep items with that value and items that have none (general
        scripts stay available while a product is discussed).
        """
        if mode not in MODES:
            raise CopilotError(f"unknown search mode {mode!r}; use one of {', '.join(MODES)}")
        if mode == "dense" and not self.has_dense:
            raise CopilotError(f"dense search needs an embedding model; {self.notice}")
        if not text.strip() or k <= 0:
            return []
        allowed = self._item_mask(kind, product, stage, handles)
        depth = max(50, k * 5)
        if mode == "lexical" or not self.has_dense:
            ranked = self._lexical_ranking(text, allowed, k)
        elif mode == "dense":
            ranked = self._dense_ranking(text, allowed, k)
        else:
            lexical = self._lexical_ranking(text, allowed, depth)
            dense = self._dense_ranking(text, allowed, depth)
            ranked = reciprocal_rank_fusion([[i for i, _ in lexical], [i for i, _ in dense]])
        return [self._hit(i, score) for i, score in ranked[:k]]

    def _hit(self, index: str, score: float) -> Hit:
        item = self.items[int(index)]
        return Hit(item.id, float(score), item.kind, item)

    def _item_mask(self, kind, product, stage, handles) -> np.ndarray | None:
        if not any((kind, product, stage, handles)):
            return None
        wanted = {handles} if isinstance(handles, str) else set(handles or ())
        return np.fromiter(
            (
                (not kind or item.kind == kind)
                and (not product or item.product in ("", product))
                and (not stage or item.stage in ("", stage))
                and (not wanted or bool(wanted.intersection(item.handles)))
                for item in self.items
            ),
            dtype=bool, count=len(self.items),
        )

    def _lexical_ranking(self, text: str, allowed: np.ndarray | None, n: int) -> list[tuple[str, float]]:
        scores = self.lexical.scores(text, allowed).astype(np.float64)
        return _top(scores, n, minimum=1e-9)

    def _dense_ranking(self, text: str, allowed: np.ndarray | None, n: int) -> list[tuple[str, float]]:
        assert self.dense is not None and self.embedder is not None
        row_mask = None if allowed is None else allowed[self.rows.item_of]
        query = self.query_vector(text)
        rows, sims = self.dense.search(query, min(len(self.rows), max(n * 8, 200)), row_mask)
        scores = best_per_item(sims.astype(np.float64), self.rows.item_of[rows], len(self.items))
        return _top(scores, n, minimum=-np.inf)


    def query_vector(self, text: str) -> np.ndarray:
        """The query's embedding; recent ones are kept (analyzers search one utterance several ways)."""
        assert self.embedder is not None
        with self._lock:
            vector = self._query_vectors.get(text)
        if vector is None:
            vector = self.embedder.encode([text])[0]
            self._remember(text, vector)
        return vector

    def prepare(self, texts: list[str]) -> None:
        """Embed many queries in one batch (much faster than one by one), e.g. before an eval."""
        if self.embedder is None:
            return
        with self._lock:
            todo = [t for t in dict.fromkeys(texts) if t not in self._query_vectors]
        for start in range(0, len(todo), QUERY_CACHE // 2):
            chunk = todo[start : start + QUERY_CACHE // 2]
            for text, vector in zip(chunk, self.embedder.encode(chunk), strict=True):
                self._remember(text, vector)

    def _remember(self, text: str, vector: np.ndarray) -> None:
        with self._lock:
            self._query_vectors[text] = vector
            self._query_vectors.move_to_end(text)
            while len(self._query_vectors) > QUERY_CACHE:
                self._query_vectors.popitem(last=False)


def _top(scores: np.ndarray, n: int, minimum: float) -> list[tuple[str, float]]:
    valid = np.flatnonzero(np.isfinite(scores) & (scores > minimum))
    if len(valid) > n:
        valid = valid[np.argpartition(-scores[valid], n - 1)[:n]]
    order = valid[np.lexsort((valid, -scores[valid]))]
    return [(str(i), float(scores[i])) for i in order]


def _encode_with_progress(embedder: Embedder, texts: list[str], batch: int = 64) -> np.ndarray:
    if len(texts) <= PROGRESS_TEXTS:
        return embedder.encode(texts)
    from tqdm import tqdm

    parts = [embedder.encode(texts[i : i + batch], batch_size=batch)
             for i in tqdm(range(0, len(texts), batch), desc="embedding", unit="batch", leave=False, disable=None)]
    return np.concatenate(parts)


def _slug(text: str) -> str:
    return re.sub(r"[^\w.\-]+", "_", text) or "kb"


def _cache_dir(base: Path, kb: KnowledgeBase, version: str) -> Path | None:
    if not kb.content_hash:
        return None
    return base / f"{_slug(kb.meta.id)}-{kb.content_hash}-{version}"


def _prune(base: Path, kb: KnowledgeBase) -> None:
    """Keep only the most recent caches of this KB: old contents are never loaded again."""
    if not base.is_dir():
        return
    mine = sorted(base.glob(f"{_slug(kb.meta.id)}-*"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in mine[KEEP_CACHES:]:
        shutil.rmtree(old, ignore_errors=True)
