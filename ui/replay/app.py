"""`copilot replay [ID]`: open the replay window on the session store."""

from __future__ import annotations

import argparse

from copilot.cli._common import settings_from
from copilot.store import SessionStore
from ui.replay.look import application
from ui.replay.window import ReplayWindow


def run_replay(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    app = application(settings)
    store = SessionStore.for_settings(settings, getattr(args, "db", None))
    window = ReplayWindow(store, getattr(args, "id", None))
    window.show()
    code = app.exec()
    store.close()
    return code
