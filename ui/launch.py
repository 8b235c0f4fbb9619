"""Entry points the engine's command line opens windows through (`copilot.gui` group).

Each window lives in its own package; this module only imports it when asked, so the engine
never imports Qt.
"""

from __future__ import annotations

import argparse


def run_advisor(args: argparse.Namespace) -> int:
    from ui.advisor.app import run_advisor as run

    return run(args)


def run_demo(args: argparse.Namespace) -> int:
    from ui.advisor.app import run_demo as run

    return run(args)


def run_replay(args: argparse.Namespace) -> int:
    from ui.replay.app import run_replay as run

    return run(args)


def run_team(args: argparse.Namespace) -> int:
    from ui.team.app import run_team as run

    return run(args)


def run_workbench(args: argparse.Namespace) -> int:
    from ui.workbench.app import run_workbench as run

    return run(args)
