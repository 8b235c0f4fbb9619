"""Entry points the engine's command line opens windows through (`copilot.gui` group).

Each window lives in its own package; this module only imports it when asked, so the engine
never imports Qt.
"""

from __future__ import annotations

import argparse
import os
import sys

from copilot.errors import CopilotError


def require_display() -> None:
    """Qt aborts the process when it finds no screen; say plainly what to do instead."""
    if os.environ.get("QT_QPA_PLATFORM") or not sys.platform.startswith("linux"):
        return
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return
    raise CopilotError(
        "no display found for the window; run it on a desktop, under `xvfb-run -a`, "
        "or use the headless form (`copilot demo --headless`)"
    )


def run_advisor(args: argparse.Namespace) -> int:
    require_display()
    from ui.advisor.app import run_advisor as run

    return run(args)


def run_demo(args: argparse.Namespace) -> int:
    require_display()
    from ui.advisor.app import run_demo as run

    return run(args)


def run_replay(args: argparse.Namespace) -> int:
    require_display()
    from ui.replay.app import run_replay as run

    return run(args)


def run_team(args: argparse.Namespace) -> int:
    require_display()
    from ui.team.app import run_team as run

    return run(args)


def run_workbench(args: argparse.Namespace) -> int:
    require_display()
    from ui.workbench.app import run_workbench as run

    return run(args)
