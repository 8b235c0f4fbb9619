"""Errors users see: one line that says where the problem is and what to do, never a traceback."""

from __future__ import annotations

from pathlib import Path


class CopilotError(Exception):
    """An error the command line prints as one line and exits non-zero on."""

    exit_code = 2


class InputError(CopilotError):
    """Bad input at a known place: `file:line: what is wrong; how to fix`."""

    def __init__(self, path: str | Path, line: int | None, problem: str, fix: str = "") -> None:
        self.path = str(path)
        self.line = line
        self.problem = problem
        self.fix = fix
        where = f"{self.path}:{line}" if line else self.path
        message = f"{where}: {problem}"
        if fix:
            message += f"; {fix}"
        super().__init__(message)
