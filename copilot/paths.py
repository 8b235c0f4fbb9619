"""Where user data and settings live: platformdirs by default, everything under COPILOT_HOME if set.

Tests set COPILOT_HOME to a temporary folder so they never touch a person's own data.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "copilot"
REPO_ROOT = Path(__file__).resolve().parent.parent


def home() -> Path | None:
    value = os.environ.get("COPILOT_HOME")
    return Path(value).expanduser() if value else None


def config_dir() -> Path:
    base = home()
    return base / "config" if base else Path(platformdirs.user_config_dir(APP))


def data_dir() -> Path:
    base = home()
    return base / "data" if base else Path(platformdirs.user_data_dir(APP))


def cache_dir() -> Path:
    base = home()
    return base / "cache" if base else Path(platformdirs.user_cache_dir(APP))


def settings_file() -> Path:
    return config_dir() / "settings.toml"


def models_dir() -> Path:
    return data_dir() / "models"


def sessions_dir() -> Path:
    return data_dir() / "sessions"


def index_cache_dir() -> Path:
    return cache_dir() / "index"


def bundled_kb(name: str = "demo-zh") -> Path:
    return REPO_ROOT / "knowledge" / name


def demo_call() -> Path:
    return REPO_ROOT / "assets" / "demo" / "call.jsonl"
