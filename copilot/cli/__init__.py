"""The `copilot` command line: one module per command group in this package, found at start-up.

Each module defines `register(subparsers)`; adding a command is adding a module. Handlers import
heavy libraries (models, Qt) lazily so `copilot --help` stays instant. Every CopilotError becomes
one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from copilot import __version__
from copilot.errors import CopilotError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="copilot",
        description="Offline real-time advisor copilot for insurance telesales.",
    )
    parser.add_argument("--version", action="version", version=f"copilot {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        if args.command is not None:
            parser.parse_args([*(argv or sys.argv[1:]), "--help"])
            return 2
        handler = _launch_default  # plain `copilot`: same one-line errors as every command
    try:
        return int(handler(args) or 0)
    except CopilotError as exc:
        print(f"copilot: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("copilot: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _launch_default(args: argparse.Namespace) -> int:
    """Plain `copilot` opens the advisor window."""
    from copilot.cli._gui import launch

    return launch("advisor", args)


if __name__ == "__main__":
    raise SystemExit(main())
