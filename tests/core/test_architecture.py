"""Architecture and documentation checks: the engine never imports Qt; every command is documented."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from copilot.cli import build_parser

REPO = Path(__file__).resolve().parents[2]
FORBIDDEN = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "ui")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_engine_never_imports_qt_or_ui() -> None:
    offenders = []
    for path in sorted((REPO / "copilot").rglob("*.py")):
        for name in imported_modules(path):
            if name.split(".")[0] in FORBIDDEN:
                offenders.append(f"{path.relative_to(REPO)} imports {name}")
    assert offenders == []


def all_commands() -> list[str]:
    """Every command path, e.g. 'analyze', 'kb validate', 'sessions export'."""
    found: list[str] = []

    def walk(parser, prefix: list[str]) -> None:
        for action in parser._actions:
            if action.__class__.__name__ == "_SubParsersAction":
                for name, sub in action.choices.items():
                    found.append(" ".join([*prefix, name]))
                    walk(sub, [*prefix, name])

    walk(build_parser(), [])
    return found


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    missing = [c for c in all_commands() if not re.search(rf"copilot {re.escape(c)}\b", readme)]
    assert missing == [], f"document these in README.md: {missing}"


def test_every_command_has_help() -> None:
    parser = build_parser()
    for command in all_commands():
        sub = parser
        for word in command.split():
            sub = next(
                a for a in sub._actions if a.__class__.__name__ == "_SubParsersAction"
            ).choices[word]
        assert sub.format_help().strip(), command
