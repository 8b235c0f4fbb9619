"""`copilot kb edit|test|diff|import|gaps`: the trainer's tools for changing a KB safely.

Joins the `kb` group through its `register_kb` hook (see copilot/cli/kb.py). Heavy work lives in
copilot.curation; handlers only parse arguments, print and choose the exit code.
"""

from __future__ import annotations

import argparse
import sys

from copilot.cli._common import positive_int


def register_kb(kb_sub: argparse._SubParsersAction) -> None:
    p = kb_sub.add_parser("edit", help="open the KB workbench window (browse, edit, try, test)",
                          description="Open the trainer's workbench on a KB folder.")
    p.add_argument("dir", metavar="DIR", help="knowledge base folder")
    p.set_defaults(handler=run_edit)

    p = kb_sub.add_parser("test", help="run the KB's tests/*.yaml dialogues; exit 1 on failures",
                          description="Run every case of DIR/tests/*.yaml through the engine and "
                          "print PASS/FAIL per case with the difference.")
    p.add_argument("dir", metavar="DIR", help="knowledge base folder")
    p.add_argument("-k", dest="select", metavar="TEXT", help="only cases whose id contains TEXT")
    p.set_defaults(handler=run_test)

    p = kb_sub.add_parser("diff", help="items added, changed and removed between two KB folders",
                          description="Compare two versions of a KB item by item (by id).")
    p.add_argument("old", metavar="OLD", help="the earlier KB folder")
    p.add_argument("new", metavar="NEW", help="the later KB folder")
    p.add_argument("--brief", action="store_true", help="ids only, without field details")
    p.set_defaults(handler=run_diff)

    p = kb_sub.add_parser("import", help="import scripts or facts from CSV, XLSX or Markdown",
                          description="Preview a spreadsheet of scripts or facts with per-row "
                          "errors, then add it to a KB (comments and order kept).")
    p.add_argument("file", metavar="FILE", help=".csv, .xlsx or .md file")
    p.add_argument("--kind", required=True, choices=("script", "fact"))
    p.add_argument("--into", metavar="DIR", help="KB folder to add the items to "
                   "(without it: preview only)")
    p.add_argument("--dry-run", action="store_true", help="preview and check, write nothing")
    p.add_argument("--skip-bad-rows", action="store_true", help="import the good rows even if "
                   "some rows have errors")
    p.set_defaults(handler=run_import)

    p = kb_sub.add_parser("gaps", help="what to write next: unanswered customer questions, "
                          "sentences that preceded sales",
                          description="Mine the session store for customer questions and "
                          "objections without a good suggestion, and advisor sentences said "
                          "before sales.")
    p.add_argument("--since", metavar="DATE", help="only sessions from this day (YYYY-MM-DD)")
    p.add_argument("--until", metavar="DATE", help="only sessions up to this day")
    p.add_argument("--min-score", type=float, default=0.5,
                   help="a suggestion or fact below this score does not answer (default 0.5)")
    p.add_argument("--top", type=positive_int, default=15, help="how many of each list (default 15)")
    p.add_argument("--db", metavar="FILE", help="session store file (default: the user's)")
    p.set_defaults(handler=run_gaps)


def run_edit(args: argparse.Namespace) -> int:
    from pathlib import Path

    from copilot.cli._gui import launch
    from copilot.errors import CopilotError

    if not (Path(args.dir) / "kb.yaml").is_file():
        raise CopilotError(f"{args.dir}: not a knowledge base folder (no kb.yaml)")
    return launch("kb_edit", args)


def run_test(args: argparse.Namespace) -> int:
    from pathlib import Path

    from copilot.curation.kbtests import format_results, read_cases, run_cases
    from copilot.errors import CopilotError
    from copilot.kb import load_kb

    root = Path(args.dir)
    kb = load_kb(root)
    cases = [c for c in read_cases(root) if not args.select or args.select in c.id]
    if not cases:
        raise CopilotError(f"{root}/tests: no KB test cases found; add tests/*.yaml with 'cases:'")
    results = run_cases(cases, kb)
    print(format_results(results))
    return 1 if any(not r.passed for r in results) else 0


def run_diff(args: argparse.Namespace) -> int:
    from pathlib import Path

    from copilot.curation.diff import diff_kbs, format_diff
    from copilot.errors import CopilotError

    for folder in (args.old, args.new):
        if not Path(folder).is_dir():
            raise CopilotError(f"{folder}: no such KB folder")
    print(format_diff(diff_kbs(args.old, args.new), verbose=not args.brief))
    return 0


def run_import(args: argparse.Namespace) -> int:
    from copilot.curation.importer import apply_import, format_plan, plan_import
    from copilot.curation.workspace import KbWorkspace

    workspace = KbWorkspace(args.into) if args.into else None
    plan = plan_import(args.file, args.kind, workspace)
    print(format_plan(plan))
    if workspace is None or args.dry_run:
        hint = "" if args.dry_run else " (pass --into DIR to add them to a KB)"
        print(f"preview only, nothing written{hint}")
        return 1 if plan.bad else 0
    try:
        written = apply_import(plan, workspace, skip_bad=args.skip_bad_rows)
    finally:
        workspace.close()
    for path in written:
        print(f"wrote {path}")
    print(f"imported {len(plan.good)} {args.kind}(s); check with `copilot kb validate {args.into}`")
    return 1 if plan.bad else 0


def run_gaps(args: argparse.Namespace) -> int:
    from pathlib import Path

    from copilot.curation.gaps import format_report, mine_gaps
    from copilot.errors import CopilotError
    from copilot.retrieval.embedder import load_embedder
    from copilot.settings import load_settings
    from copilot.store import SessionStore

    if args.db and not Path(args.db).exists():
        raise CopilotError(f"--db {args.db}: no such session store; check the path")
    settings = load_settings()
    language = _kb_language(settings)
    store = SessionStore.for_settings(settings, args.db, recover=False)
    try:
        report = mine_gaps(store, since=args.since, until=args.until, min_score=args.min_score,
                           language=language, embedder=load_embedder(settings))
    finally:
        store.close()
    if not report.sessions:
        print("no stored sessions in that period; run calls (or `copilot analyze --store`) first",
              file=sys.stderr)
        return 0
    print(format_report(report, top=args.top))
    return 0


def _kb_language(settings) -> str:
    from copilot.kb.yamlio import YamlSyntaxError, load_yaml

    try:
        meta = load_yaml(settings.kb_dir / "kb.yaml")
    except (OSError, YamlSyntaxError):
        return "zh"
    return str(meta.get("language") or "zh") if isinstance(meta, dict) else "zh"
