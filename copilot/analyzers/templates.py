"""Analyzers in their just-built state, built once per KB content and settings.

Building analyzers trains matchers from the KB's examples (about a second, far more on a busy
machine). Every session needs fresh ones, but a demo restart, the next call of the day or a series
of Try-it runs use the same KB: build once, hand each session a deep copy (milliseconds). The KB
and the embedding model are shared, not copied: analyzers only read them.
"""

from __future__ import annotations

import copy
import threading

from copilot.settings import Settings

KEEP_TEMPLATES = 2
_TEMPLATES: list[tuple[object, str, list, dict]] = []  # (kb, key, analyzers, memo), newest first
_LOCK = threading.Lock()


def fresh_analyzers(kb, settings: Settings) -> list:
    """Analyzers for `kb` as `build_analyzers` would return them, from the template cache."""
    from copilot.analyzers import _settings_embedder, build_analyzers

    key = template_key(kb, settings)
    with _LOCK:
        found = next((t for t in _TEMPLATES if t[1] == key), None)
        if found is None:
            embedder = _settings_embedder(settings)
            analyzers = build_analyzers(kb, settings, embedder=embedder)
            memo = {id(kb): kb}
            if embedder is not None:
                memo[id(embedder)] = embedder
            found = (kb, key, analyzers, memo)
            _TEMPLATES.insert(0, found)
            del _TEMPLATES[KEEP_TEMPLATES:]
        _, _, analyzers, memo = found
        return copy.deepcopy(analyzers, dict(memo))


def template_key(kb, settings: Settings) -> str:
    """Same KB content (side files included in its hash), same settings: the same analyzers."""
    if not kb.content_hash:
        return f"id:{id(kb)}"
    config = settings.model_dump_json(exclude={"kb_dir"})
    return f"{kb.content_hash}:{config}"


def is_built(kb, settings: Settings) -> bool:
    """Whether analyzers for this KB content and settings are ready to copy (warm-up done)."""
    key = template_key(kb, settings)
    with _LOCK:
        return any(t[1] == key for t in _TEMPLATES)
