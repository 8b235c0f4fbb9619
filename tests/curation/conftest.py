"""Fixtures for curation tests: a private copy of the demo KB (tests edit it) and the CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


@pytest.fixture
def kb_copy(demo_kb_dir, tmp_path) -> Path:
    """The demo KB copied into a temporary folder: tests edit this, never the real one."""
    target = tmp_path / "demo-zh"
    shutil.copytree(demo_kb_dir, target)
    return target


@pytest.fixture
def cli(capsys):
    """Run `copilot ARGS...` in-process; returns (exit code, stdout, stderr)."""
    from copilot.cli import main

    def run(*args: str) -> tuple[int, str, str]:
        code = main([str(a) for a in args])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run
