"""`copilot kb ...`: validate, build, search and evaluate a knowledge base folder.

Subcommands are registered by the functions in SUBCOMMANDS, then by any `copilot/cli/kb_*.py`
module that defines `register_kb(kb_subparsers)`, so other tools (edit, test, diff, import, gaps)
join the same `kb` group by adding a module, without touching this one.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
from collections.abc import Callable

import copilot.cli as cli_package

MODES = ("lexical", "dense", "hybrid")


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "kb",
        help="validate, build, search and evaluate a knowledge base",
        description="Work with a knowledge base folder (see knowledge/FORMAT.md).",
    )
    kb_sub = parser.add_subparsers(dest="kb_command", metavar="SUBCOMMAND")
    for add in SUBCOMMANDS:
        add(kb_sub)
    for module in _extension_modules():
        module.register_kb(kb_sub)
    parser.set_defaults(handler=lambda args: _help(parser))


def _extension_modules() -> list:
    modules = []
    for info in sorted(pkgutil.iter_modules(cli_package.__path__), key=lambda m: m.name):
        if info.name.startswith("kb_"):
            module = importlib.import_module(f"{cli_package.__name__}.{info.name}")
            if hasattr(module, "register_kb"):
                modules.append(module)
    return modules


def _help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


# ---- validate -------------------------------------------------------------------------------


def add_validate(kb_sub: argparse._SubParsersAction) -> None:
    p = kb_sub.add_parser("validate", help="check a KB folder and list every problem as file:line",
                          description="Check every file of a KB. Exit 1 on errors, 0 with warnings only.")
    p.add_argument("dir", metavar="DIR", help="knowledge base folder")
    p.add_argument("--quiet", action="store_true", help="print errors only, not warnings")
    p.set_defaults(handler=run_validate)


def run_validate(args: argparse.Namespace) -> int:
    from copilot.kb import validate_kb

    problems = validate_kb(args.dir)
    errors = [p for p in problems if p.is_error]
    warnings = [p for p in problems if not p.is_error]
    for problem in problems:
        if problem.is_error or not args.quiet:
            label = "error" if problem.is_error else "warning"
            print(f"{problem.where}: {label}: {problem.message}"
                  + (f"; {problem.fix}" if problem.fix else ""))
    if errors:
        print(f"{args.dir}: {len(errors)} error(s), {len(warnings)} warning(s)")
        return 1
    print(f"{args.dir}: OK ({_counts(args.dir)}), {len(warnings)} warning(s)")
    return 0


def _counts(path: str) -> str:
    from copilot.kb import load_kb

    kb = load_kb(path)
    return (f"{len(kb.products)} products, {len(kb.facts)} facts, {len(kb.scripts)} scripts, "
            f"{len(kb.bulk)} bulk items, {len(kb.rules)} rules, {len(kb.signals)} signals, "
            f"{len(kb.sops)} SOP(s)")


SUBCOMMANDS: list[Callable[[argparse._SubParsersAction], None]] = [add_validate]
