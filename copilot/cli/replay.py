"""`copilot replay [ID]`: the replay window (stored calls, transcript, timeline, audio)."""

from __future__ import annotations

import argparse

from copilot.cli.sessions import add_db_option


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("replay", help="open the replay window on stored calls",
                       description="Replay stored calls: transcript, timeline and audio.")
    p.add_argument("id", nargs="?", help="session to open (a unique prefix is enough)")
    add_db_option(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from copilot.cli._gui import launch

    if args.id:  # fail fast, in the terminal, on an unknown id
        from copilot.cli.sessions import open_store

        store, _ = open_store(args)
        with store:
            args.id = store.resolve_id(args.id)
    return launch("replay", args)
