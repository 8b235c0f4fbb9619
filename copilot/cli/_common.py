"""Options and output shared by several commands."""

from __future__ import annotations

import argparse
import sys

from copilot.errors import CopilotError
from copilot.events import EVENT_TYPES, Event
from copilot.settings import Settings, load_settings
from copilot.timeline import format_event


def add_kb_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--kb", metavar="DIR", help="knowledge base folder (default: the demo KB)")


def positive_int(text: str) -> int:
    """argparse type: a whole number of at least 1 (counts such as --k, --top, --limit)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number; give 1 or more") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be 1 or more")
    return value


def positive_float(text: str) -> float:
    """argparse type: a number above 0 (speeds)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number; give e.g. 1, 2 or 4") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r} must be a number above 0, e.g. 1, 2 or 4")
    return value


def settings_from(args: argparse.Namespace) -> Settings:
    overrides = {}
    if getattr(args, "kb", None):
        overrides["kb_dir"] = args.kb
    if getattr(args, "asr_model", None):
        overrides["asr_model"] = args.asr_model
    return load_settings(**overrides)


class PrintSink:
    """Prints events as they are published: JSON lines or the readable timeline."""

    def __init__(self, as_json: bool, only: set[str] | None = None, out=None) -> None:
        self.as_json = as_json
        self.only = only
        self.out = out or sys.stdout

    def on_event(self, event: Event) -> None:
        if self.only and event.type not in self.only:
            return
        line = event.to_json() if self.as_json else format_event(event)
        if line:
            self.out.write(line + "\n")
            self.out.flush()

    def close(self) -> None:
        self.out.flush()


def parse_only(value: str | None) -> set[str] | None:
    if not value:
        return None
    kinds = {v.strip() for v in value.split(",") if v.strip()}
    unknown = kinds - set(EVENT_TYPES)
    if unknown:
        raise CopilotError(
            f"--only: unknown event type(s) {', '.join(sorted(unknown))}; "
            f"choose from {', '.join(EVENT_TYPES)}"
        )
    return kinds
