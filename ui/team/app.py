"""`copilot team`: open the team view on the session store."""

from __future__ import annotations

import argparse

from copilot.cli._common import settings_from
from copilot.store import SessionStore
from copilot.store.expected import expected_from_kb
from ui.replay.look import application
from ui.team.window import TeamWindow


def run_team(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    app = application(settings)
    store = SessionStore.for_settings(settings, getattr(args, "db", None))
    steps, disclosures = expected_from_kb(settings)
    window = TeamWindow(store, since=args.since, until=args.until,
                        by=getattr(args, "by", "advisor"), team=getattr(args, "team", None),
                        expected_steps=steps, expected_disclosures=disclosures)
    window.show()
    code = app.exec()
    store.close()
    return code
