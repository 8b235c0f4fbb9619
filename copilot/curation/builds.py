"""Rebuilding a KB's search index from the workbench, with progress, and what changed since.

The retriever caches its indexes by KB content hash; rebuilding means filling those caches for
the KB as edited. Embedding is the slow part (seconds to minutes on a large KB), so the texts are
embedded here batch by batch into the retriever's own embedding cache while reporting progress;
`Retriever.for_kb` then finds every vector cached. After each build a snapshot of the KB's items
is kept, so the next time the trainer sees which items changed since the index was last built.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from copilot import paths

Progress = Callable[[int, int, str], None]  # done, total, what is happening
BATCH = 32


@dataclass
class BuildReport:
    rows: int
    embedded: int
    dense: bool
    seconds: float
    notice: str = ""
    changes: dict[str, list[str]] = field(default_factory=dict)


def build_index(kb, settings, progress: Progress | None = None) -> BuildReport:
    """Build the lexical (and, with a usable model, dense) index of `kb` into the cache."""
    from copilot.retrieval.embedder import load_embedder
    from copilot.retrieval.retriever import Retriever

    report = progress or (lambda done, total, what: None)
    report(0, 3, "loading the embedding model")
    embedder = load_embedder(settings)
    embedded = 0
    if embedder is not None and _readable(kb, embedder):
        embedded = _embed_missing(kb, embedder, report)
    report(2, 3, "building the search index")
    retriever = Retriever.for_kb(kb, embedder=embedder, cache_dir=paths.index_cache_dir())
    report(3, 3, "done")
    return BuildReport(retriever.stats.rows, embedded, retriever.has_dense,
                       retriever.stats.seconds, retriever.notice)


def _readable(kb, embedder) -> bool:
    """The retriever ignores a model that cannot read the KB's language: so do not embed for it."""
    from copilot.retrieval.retriever import UNREADABLE_RATE

    return embedder.unknown_token_rate([item.text for item in kb.items()]) <= UNREADABLE_RATE


def _embed_missing(kb, embedder, report: Progress) -> int:
    from copilot.retrieval.embedding_cache import EmbeddingCache
    from copilot.retrieval.rows import build_rows, text_key

    texts = build_rows(kb.items()).texts
    store = EmbeddingCache(paths.index_cache_dir() / "embeddings" / embedder.model_id, embedder.dim)
    by_key = {text_key(t): t for t in texts}
    missing = store.missing(list(by_key))
    for start in range(0, len(missing), BATCH):
        keys = missing[start : start + BATCH]
        store.add(keys, embedder.encode([by_key[k] for k in keys]))
        report(start + len(keys), len(missing), f"embedding {start + len(keys)}/{len(missing)}")
    return len(missing)


# ---- what changed since the last build ----------------------------------------------------------


def fingerprints(kb_root: Path) -> dict[str, str]:
    """`kind:id` → a short hash of the item's content, for every identified KB object."""
    from copilot.curation.diff import snapshot

    found = snapshot(kb_root).objects
    return {
        f"{kind}:{item_id}": hashlib.sha1(
            json.dumps(data, sort_keys=True, ensure_ascii=False, default=str).encode()
        ).hexdigest()[:12]
        for (kind, item_id), data in found.items()
    }


def _record_file(kb_id: str) -> Path:
    return paths.cache_dir() / "curation" / f"{kb_id}-last-build.json"


def record_build(kb_id: str, prints: dict[str, str]) -> None:
    target = _record_file(kb_id)
    target.parent.mkdir(parents=True, exist_ok=True)
    data = {"built_at": datetime.now().astimezone().isoformat(timespec="seconds"), "items": prints}
    target.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def last_build(kb_id: str) -> tuple[str, dict[str, str]] | None:
    target = _record_file(kb_id)
    if not target.is_file():
        return None
    data = json.loads(target.read_text(encoding="utf-8"))
    return data.get("built_at", ""), data.get("items", {})


def changes_since(before: dict[str, str], now: dict[str, str]) -> dict[str, list[str]]:
    return {
        "added": sorted(k for k in now if k not in before),
        "changed": sorted(k for k in now if k in before and before[k] != now[k]),
        "removed": sorted(k for k in before if k not in now),
    }
