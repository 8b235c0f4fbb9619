"""`copilot sessions …`: list, show, search, export, import and purge stored calls."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from copilot.cli._common import positive_int, settings_from
from copilot.errors import CopilotError
from copilot.events import OUTCOMES
from copilot.timeline import clock, format_event, local_time


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("sessions", help="list, show, search, export, import and purge stored calls",
                       description="Work with the calls stored in the session store.")
    p.set_defaults(handler=lambda a: p.print_help() or 0)
    cmds = p.add_subparsers(dest="sessions_command", metavar="ACTION")

    ls = cmds.add_parser("list", help="list calls, newest first")
    add_filters(ls)
    ls.add_argument("--limit", type=positive_int, default=100, help="at most this many (default 100)")
    ls.add_argument("--json", action="store_true", help="one JSON object per line")
    add_db_option(ls)
    ls.set_defaults(handler=run_list)

    show = cmds.add_parser("show", help="one call: summary, transcript and events")
    show.add_argument("id", help="session id (a unique prefix is enough)")
    show.add_argument("--json", action="store_true", help="the export JSON")
    add_db_option(show)
    show.set_defaults(handler=run_show)

    find = cmds.add_parser("search", help="find utterances containing the text (Chinese works)")
    find.add_argument("text", help="words to find; every space-separated term must occur")
    find.add_argument("--limit", type=positive_int, default=50)
    find.add_argument("--json", action="store_true")
    add_db_option(find)
    find.set_defaults(handler=run_search)

    exp = cmds.add_parser("export", help="export a call as JSON, CSV (transcript) or HTML report")
    exp.add_argument("id", help="session id (a unique prefix is enough)")
    exp.add_argument("--format", choices=("json", "csv", "html"), default="json")
    exp.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    add_db_option(exp)
    exp.set_defaults(handler=run_export)

    imp = cmds.add_parser("import", help="import a call exported with `sessions export`")
    imp.add_argument("file", metavar="FILE.json")
    imp.add_argument("--replace", action="store_true", help="overwrite a call with the same id")
    add_db_option(imp)
    imp.set_defaults(handler=run_import)

    pur = cmds.add_parser("purge", help="delete calls and their audio older than the retention")
    pur.add_argument("--older-than", type=int, metavar="DAYS",
                     help="days to keep (default: the retention_days setting)")
    add_db_option(pur)
    pur.set_defaults(handler=run_purge)


def add_db_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="FILE", help="session database (default: the data folder's)")


def add_filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--advisor", metavar="A")
    p.add_argument("--team", metavar="T")
    p.add_argument("--since", metavar="DATE", help="calls started on or after (YYYY-MM-DD)")
    p.add_argument("--until", metavar="DATE", help="calls started on or before (YYYY-MM-DD)")
    p.add_argument("--outcome", choices=OUTCOMES, help="how the call ended")
    p.add_argument("--with-violations", action="store_true", help="only calls with violations")


def open_store(args: argparse.Namespace, create: bool = False):
    """The store of --db (or the user's). Only writers may create a new --db file: a mistyped
    path on a reading command is an error, not an empty store."""
    from copilot.store import SessionStore

    settings = settings_from(args)
    db = getattr(args, "db", None)
    if db and not Path(db).parent.exists():
        raise CopilotError(f"--db {db}: folder does not exist")
    if db and not create and not Path(db).exists():
        raise CopilotError(f"--db {db}: no such session store; check the path")
    return SessionStore.for_settings(settings, db), settings


def run_list(args: argparse.Namespace) -> int:
    store, _ = open_store(args)
    with store:
        rows = store.list_sessions(advisor=args.advisor, team=args.team, since=args.since,
                                   until=args.until, outcome=args.outcome,
                                   with_violations=args.with_violations, limit=args.limit)
    if args.json:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
        return 0
    if not rows:
        print("no sessions match", file=sys.stderr)
        return 0
    print(f"{'ID':<13}{'STARTED':<17}{'LENGTH':>7}  {'ADVISOR':<10}{'TEAM':<8}{'OUTCOME':<15}"
          f"{'STATUS':<12}{'UTT':>4}{'VIOL':>5}")
    for r in rows:
        print(f"{r['id']:<13}{local_time(r['started_at']):<17}{clock(r['duration_ms'] or 0):>7}  "
              f"{pad(r['advisor'] or '—', 10)}{pad(r['team'] or '—', 8)}"
              f"{pad(r['outcome'] or '—', 15)}{r['status']:<12}{r['n_utterances'] or 0:>4}"
              f"{r['n_violations'] or 0:>5}")
    return 0


def write_file(path: str, text: str) -> None:
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise CopilotError(f"cannot write {path}: {exc.strerror}; choose another file") from exc


def pad(text: str, width: int) -> str:
    """Left-align in terminal columns: Chinese characters take two."""
    import unicodedata

    used = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(width - used, 1)


def run_show(args: argparse.Namespace) -> int:
    from copilot.events import UtteranceEvent

    store, _ = open_store(args)
    with store:
        record = store.load(args.id)
    if args.json:
        print(record.to_json())
        return 0
    s = record.session
    print(f"session {s['id']}  {local_time(s['started_at'])}  {clock(s['duration_ms'] or 0)}  "
          f"advisor {s['advisor'] or '—'}  team {s['team'] or '—'}  status {s['status']}  "
          f"outcome {s['outcome'] or '—'}  kb {s['kb_id'] or '—'} {s['kb_version'] or ''}")
    lines = [(u["start_ms"], 0, UtteranceEvent(
        t_ms=u["start_ms"], utterance_id=u["utterance_id"], speaker=u["speaker"],
        start_ms=u["start_ms"], end_ms=u["end_ms"], text=u["text"])) for u in record.utterances]
    lines += [(e.t_ms, 1, e) for e in record.events]
    for _, _, event in sorted(lines, key=lambda x: (x[0], x[1])):
        text = format_event(event)
        if text:
            print(text)
    for a in record.audio:
        print(f"audio {a['speaker']}: {a['path']}")
    return 0


def run_search(args: argparse.Namespace) -> int:
    store, _ = open_store(args)
    with store:
        hits = store.search(args.text, limit=args.limit)
    for h in hits:
        if args.json:
            print(json.dumps(h, ensure_ascii=False))
        else:
            print(f"{h['session_id']}  {local_time(h['started_at'])}  [{clock(h['start_ms'])}] "
                  f"{h['speaker']}: {h['text']}")
    if not hits and not args.json:
        print("no utterance matches", file=sys.stderr)
    return 0


def run_export(args: argparse.Namespace) -> int:
    from copilot.store.transfer import transcript_csv

    store, settings = open_store(args)
    with store:
        record = store.load(args.id)
    if args.format == "json":
        text = record.to_json() + "\n"
    elif args.format == "csv":
        text = transcript_csv(record)
    else:
        from copilot.store.expected import expected_from_kb
        from copilot.store.report_html import render_html

        steps, _ = expected_from_kb(settings)
        text = render_html(record, steps if record.session.get("kb_id") else ())
    if args.output:
        write_file(args.output, text)
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def run_import(args: argparse.Namespace) -> int:
    from copilot.store.transfer import import_record, read_export

    record = read_export(args.file)
    store, _ = open_store(args, create=True)
    with store:
        session_id = import_record(store, record, replace=args.replace)
    print(f"imported session {session_id}")
    return 0


def run_purge(args: argparse.Namespace) -> int:
    from copilot.store.transfer import purge

    store, settings = open_store(args)
    days = settings.retention_days if args.older_than is None else args.older_than
    with store:
        result = purge(store, days)
    print(f"purged {result.sessions} session(s) older than {days} days, "
          f"{result.files_deleted} audio file(s) deleted")
    for path in result.files_kept:
        print(f"kept audio outside the data folder (delete it yourself): {path}")
    return 0
