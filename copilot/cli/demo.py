"""`copilot demo`: the advisor window replaying the bundled demo call (or `--headless`)."""

from __future__ import annotations

import argparse

from copilot.cli._common import PrintSink, add_kb_option, positive_float, settings_from


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "demo",
        help="replay the bundled demo call in the advisor window (or --headless in the terminal)",
        description="Replay the bundled demo call through the full pipeline.",
    )
    p.add_argument("--headless", action="store_true", help="print the timeline instead of a window")
    p.add_argument("--json", action="store_true", help="with --headless: JSON events")
    p.add_argument("--speed", type=positive_float, default=None, help="replay speed (1, 2, 4); headless default: as fast as possible")
    p.add_argument("--no-store", action="store_true", help="do not write the demo session to the store")
    add_kb_option(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if not args.headless:
        from copilot.cli._gui import launch

        return launch("demo", args)
    from copilot import paths
    from copilot.pipeline import open_session, run_transcript
    from copilot.session import SessionInfo

    settings = settings_from(args)
    info = SessionInfo(source="demo", advisor=settings.advisor or "demo")
    sinks = [PrintSink(args.json)]
    if not args.no_store:
        from copilot.store import open_store_sink

        sinks.append(open_store_sink(settings, info))
    session = open_session(settings, sinks=sinks, info=info)
    run_transcript(paths.demo_call(), session, speed=args.speed)
    return 0
