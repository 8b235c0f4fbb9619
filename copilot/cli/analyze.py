"""`copilot analyze FILE`: the pipeline headless over a transcript or a recording."""

from __future__ import annotations

import argparse

from copilot.cli._common import PrintSink, add_kb_option, parse_only, settings_from


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "analyze",
        help="run the copilot headless over a transcript (.jsonl) or recording (.wav/.flac)",
        description="Run every analyzer over a transcript or a recording and print the events.",
    )
    p.add_argument("input", metavar="FILE", help="transcript .jsonl or recording .wav/.flac")
    add_kb_option(p)
    p.add_argument("--json", action="store_true", help="print one JSON event per line")
    p.add_argument("--only", metavar="TYPES", help="comma-separated event types, e.g. violation,signal")
    p.add_argument("--asr-model", metavar="NAME|PATH", help="vosk model for recordings")
    p.add_argument("--customer", metavar="FILE", help="the customer's side as its own mono recording")
    p.add_argument("--store", action="store_true", help="also write the session to the session store")
    p.add_argument("--started-at", metavar="TIME",
                   help="when the call began, local 'YYYY-MM-DD HH:MM' (default: a recording's file time "
                   "minus its length; a transcript's: now). The outbound call window is checked on it")
    p.set_defaults(handler=run)


def parse_started_at(value: str):
    """A local date and time as typed (ISO, 'T' or a space between date and time)."""
    from datetime import datetime

    from copilot.errors import CopilotError

    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise CopilotError(f"--started-at {value!r} is not a date and time; write it like "
                           "'2026-11-20 20:30'") from None
    return moment.astimezone() if moment.tzinfo is None else moment


def run(args: argparse.Namespace) -> int:
    from copilot.pipeline import open_input, open_session, recording_started_at, run_input
    from copilot.session import SessionInfo

    settings = settings_from(args)
    only = parse_only(args.only)
    started_at = parse_started_at(args.started_at) if args.started_at else None
    # Bad input fails here, before anything loads or is stored.
    call_input = open_input(args.input, customer=args.customer)
    sinks = [PrintSink(args.json, only)]
    info = SessionInfo(source=call_input.kind)
    started_at = started_at or recording_started_at(call_input)
    if started_at is not None:
        info.started_at = started_at
    if args.store:
        from copilot.store import open_store_sink

        sinks.append(open_store_sink(settings, info))
        if call_input.customer is not None:  # so `copilot replay` can play both sides
            sinks[-1].add_audio("advisor", call_input.path)
            sinks[-1].add_audio("customer", call_input.customer)
        elif info.source == "recording":
            sinks[-1].add_audio("call", call_input.path)
    session = open_session(settings, sinks=sinks, info=info)
    run_input(call_input, session, settings)
    return 0
