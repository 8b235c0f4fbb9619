"""Opening Qt windows from the engine's command line without the engine importing Qt.

The `ui` package registers its windows under the `copilot.gui` entry-point group (pyproject.toml);
the command line looks them up by name, so `copilot/` never imports PySide6 or `ui`.
"""

from __future__ import annotations

import argparse
from importlib.metadata import entry_points

from copilot.errors import CopilotError


def launch(name: str, args: argparse.Namespace) -> int:
    found = [ep for ep in entry_points(group="copilot.gui") if ep.name == name]
    if not found:
        raise CopilotError(
            f"the '{name}' window is not installed; reinstall with `make setup` "
            "(or use the headless form of the command)"
        )
    try:
        run = found[0].load()
    except ImportError as exc:
        raise CopilotError(f"cannot start the Qt window ({exc}); run `make setup`") from exc
    return int(run(args) or 0)
