"""`copilot team`: per advisor and per team open rates, violations and outcomes (window or CSV)."""

from __future__ import annotations

import argparse
import sys

from copilot.cli.sessions import add_db_option


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("team", help="the team lead's view: SOP and disclosure open rates",
                       description="Per advisor and per team: calls, outcomes, open rate of each "
                       "SOP step and disclosure, violations per 100 calls, average length.")
    p.add_argument("--since", metavar="DATE", help="first day (YYYY-MM-DD; default: 30 days ago)")
    p.add_argument("--until", metavar="DATE", help="last day (YYYY-MM-DD; default: today)")
    p.add_argument("--by", choices=("advisor", "team"), default="advisor",
                   help="with --csv: group by advisor (default) or team")
    p.add_argument("--team", metavar="T", help="only this team")
    p.add_argument("--csv", metavar="FILE", help="write the table as CSV ('-' = stdout), no window")
    add_db_option(p)
    p.set_defaults(handler=run)


def default_range(args: argparse.Namespace) -> tuple[str, str]:
    from datetime import date, timedelta

    from copilot.store.queries import day_range

    day_range(args.since, args.until)  # bad dates or a reversed range stop here, one line
    until = args.until or date.today().isoformat()
    since = args.since or (date.fromisoformat(until[:10]) - timedelta(days=30)).isoformat()
    return since, until


def run(args: argparse.Namespace) -> int:
    from copilot.cli.sessions import open_store, write_file

    args.since, args.until = default_range(args)
    if not args.csv:
        from copilot.cli._gui import launch

        return launch("team", args)
    from copilot.store.expected import expected_from_kb

    store, settings = open_store(args)
    steps, disclosures = expected_from_kb(settings)
    with store:
        report = store.team_report(by=args.by, since=args.since, until=args.until,
                                   team=args.team, expected_steps=steps,
                                   expected_disclosures=disclosures)
    text = report.to_csv()
    if args.csv == "-":
        sys.stdout.write(text)
    else:
        write_file(args.csv, text)
        print(f"wrote {args.csv}: {len(report.groups)} {args.by}(s), {report.total.calls} calls",
              file=sys.stderr)
    return 0
