"""Embeddings cached on disk per model and per row-text hash, so an edited KB re-embeds only
the rows whose text changed. Append-only shards (one per build that embedded something new) keep
writes small and crash-safe; they are merged when there are many.
"""

from __future__ import annotations

import logging
import uuid
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)
MAX_SHARDS = 16


class EmbeddingCache:
    def __init__(self, folder: Path | None, dim: int) -> None:
        self.folder = folder
        self.dim = dim
        self._vectors: dict[str, np.ndarray] = {}
        self._shards = 0
        if folder is not None:
            self._load()

    def _load(self) -> None:
        assert self.folder is not None
        for shard in sorted(self.folder.glob("shard-*.npz")):
            try:
                with np.load(shard, allow_pickle=False) as data:
                    keys, vectors = data["keys"], data["vectors"]
            except (OSError, ValueError, KeyError) as exc:
                log.info("skipping unreadable embedding shard %s (%s)", shard, exc)
                continue
            if vectors.ndim != 2 or vectors.shape[1] != self.dim:
                continue
            self._shards += 1
            for key, vector in zip(keys.tolist(), vectors, strict=True):
                self._vectors[key] = vector

    def missing(self, keys: list[str]) -> list[str]:
        return [k for k in dict.fromkeys(keys) if k not in self._vectors]

    def add(self, keys: list[str], vectors: np.ndarray) -> None:
        if not keys:
            return
        for key, vector in zip(keys, vectors, strict=True):
            self._vectors[key] = vector
        if self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if self._shards >= MAX_SHARDS:
                self._compact()
            else:
                self._write(np.asarray(keys), vectors)
                self._shards += 1
        except OSError as exc:
            log.info("cannot write embedding cache %s: %s", self.folder, exc)

    def matrix(self, keys: list[str]) -> np.ndarray:
        if not keys:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._vectors[k] for k in keys]).astype(np.float32, copy=False)

    def _write(self, keys: np.ndarray, vectors: np.ndarray) -> Path:
        assert self.folder is not None
        path = self.folder / f"shard-{uuid.uuid4().hex}.npz"
        tmp = path.with_suffix(".tmp.npz")
        np.savez(tmp, keys=keys, vectors=np.asarray(vectors, dtype=np.float32))
        tmp.replace(path)
        return path

    def _compact(self) -> None:
        assert self.folder is not None
        old = list(self.folder.glob("shard-*.npz"))
        keys = list(self._vectors)
        self._write(np.asarray(keys), self.matrix(keys))
        for shard in old:
            shard.unlink(missing_ok=True)
        self._shards = 1
