"""How an engine error is shown in a window: its own words, a few lines at most (a KB error lists
each problem as `file:line: message; fix` on its own line)."""

from __future__ import annotations

MAX_LINES = 6


def error_text(exc: BaseException, max_lines: int = MAX_LINES) -> str:
    lines = [line.rstrip() for line in str(exc).strip().splitlines() if line.strip()]
    if not lines:
        return type(exc).__name__
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], f"… (+{len(lines) - max_lines + 1})"]
    return "\n".join(lines)
