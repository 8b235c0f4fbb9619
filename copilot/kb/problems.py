"""What validation finds: each problem knows its file, line, what is wrong and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from copilot.errors import InputError

ProblemSeverity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One finding of the validator; `str()` is `file:line: message; fix`."""

    path: str
    line: int
    message: str
    fix: str = ""
    severity: ProblemSeverity = "error"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}"
        return f"{text}; {self.fix}" if self.fix else text


class KbError(InputError):
    """A knowledge base with errors: the message lists every one, one per line."""

    def __init__(self, root: str | Path, problems: list[Problem]) -> None:
        self.problems = problems
        errors = [p for p in problems if p.is_error]
        first = errors[0] if errors else None
        summary = f"{len(errors)} error(s) in knowledge base {root}"
        body = "\n".join(str(p) for p in errors)
        super().__init__(
            first.path if first else root,
            first.line if first else None,
            f"{first.message if first else summary}",
            first.fix if first else "",
        )
        self.args = (f"{summary}:\n{body}",)

    def __str__(self) -> str:
        return self.args[0]


class ProblemLog:
    """Collects problems for one KB while its files are read and checked."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def error(self, path: str | Path, line: int, message: str, fix: str = "") -> None:
        self.problems.append(Problem(str(path), line, message, fix, "error"))

    def warn(self, path: str | Path, line: int, message: str, fix: str = "") -> None:
        self.problems.append(Problem(str(path), line, message, fix, "warning"))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]
