"""Vectors in faiss: exact inner product (IndexFlatIP) up to FLAT_LIMIT rows, HNSW above.

Vectors are L2-normalised, so inner product is cosine similarity. The index kind is chosen from
the row count and can be forced ("flat" / "hnsw"); HNSW's recall is measured in the benchmark.
Filters use faiss ID selectors, so a filtered search still returns the best allowed rows.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import faiss
import numpy as np

FLAT_LIMIT = 100_000
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 256  # recall@10 0.95 at 100k rows (0.87 at 128), <1 ms a query: see the benchmark
_LOCK = threading.Lock()


@contextmanager
def _single_thread() -> Iterator[None]:
    """One query on one thread: OpenMP's workers cost more than they give for a single vector and
    made a 100k exact search 4x slower (127 vs 30 ms) while other work kept the 2 cores busy."""
    with _LOCK:
        previous = faiss.omp_get_max_threads()
        faiss.omp_set_num_threads(1)
    try:
        yield
    finally:
        with _LOCK:
            faiss.omp_set_num_threads(previous)


def choose_kind(n_rows: int, kind: str = "auto") -> str:
    if kind in ("flat", "hnsw"):
        return kind
    return "flat" if n_rows <= FLAT_LIMIT else "hnsw"


class DenseIndex:
    def __init__(self, index: faiss.Index, kind: str) -> None:
        self.index = index
        self.kind = kind

    @classmethod
    def build(cls, vectors: np.ndarray, kind: str = "auto") -> DenseIndex:
        kind = choose_kind(len(vectors), kind)
        dim = vectors.shape[1]
        if kind == "hnsw":
            index = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
            index.hnsw.efSearch = HNSW_EF_SEARCH
        else:
            index = faiss.IndexFlatIP(dim)
        if len(vectors):
            index.add(np.ascontiguousarray(vectors, dtype=np.float32))
        return cls(index, kind)

    @classmethod
    def load(cls, path: Path) -> DenseIndex:
        index = faiss.read_index(str(path))
        kind = "hnsw" if isinstance(index, faiss.IndexHNSW) else "flat"
        if kind == "hnsw":
            faiss.downcast_index(index).hnsw.efSearch = HNSW_EF_SEARCH
        return cls(index, kind)

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        faiss.write_index(self.index, str(tmp))
        tmp.replace(path)

    def __len__(self) -> int:
        return int(self.index.ntotal)

    def search(self, query: np.ndarray, n: int, allowed: np.ndarray | None = None
               ) -> tuple[np.ndarray, np.ndarray]:
        """Best `n` (row ids, cosine scores) for one normalised query vector, within `allowed`."""
        n = min(n, len(self))
        if n <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        q = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
        params = None
        if allowed is not None:
            ids = np.flatnonzero(allowed).astype(np.int64)
            if len(ids) == 0:
                return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
            selector = faiss.IDSelectorBatch(ids)
            if self.kind == "hnsw":
                params = faiss.SearchParametersHNSW(sel=selector, efSearch=max(HNSW_EF_SEARCH, n))
            else:
                params = faiss.SearchParameters(sel=selector)
        elif self.kind == "hnsw":
            params = faiss.SearchParametersHNSW(efSearch=max(HNSW_EF_SEARCH, n))
        with _single_thread():
            scores, rows = self.index.search(q, n, params=params)
        keep = rows[0] >= 0
        return rows[0][keep].astype(np.int64), scores[0][keep]
