"""Real models and real KBs for retrieval tests, loaded once per session."""

from __future__ import annotations

import pytest

from copilot.kb import load_kb
from copilot.retrieval import Retriever, load_embedder_from


@pytest.fixture(scope="session")
def minilm(minilm_path):
    """The real all-MiniLM-L6-v2 model (English), loaded once."""
    return load_embedder_from(minilm_path)


@pytest.fixture(scope="session")
def en_kb(demo_en_kb_dir):
    return load_kb(demo_en_kb_dir)


@pytest.fixture(scope="session")
def zh_kb(demo_kb_dir):
    return load_kb(demo_kb_dir)


@pytest.fixture(scope="session")
def en_index_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("en-index")


@pytest.fixture(scope="session")
def en_retriever(en_kb, minilm, en_index_cache) -> Retriever:
    return Retriever.for_kb(en_kb, embedder=minilm, cache_dir=en_index_cache)


@pytest.fixture(scope="session")
def zh_retriever(zh_kb, tmp_path_factory) -> Retriever:
    return Retriever.for_kb(zh_kb, cache_dir=tmp_path_factory.mktemp("zh-index"))
