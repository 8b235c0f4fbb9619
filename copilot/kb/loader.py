"""Loading a KB folder: read every file, run every check, and either return it or say what's wrong.

`validate_kb` and `load_kb` run exactly the same checks: the CLI, the app and the workbench all
see the same problems. Loading never raises anything but KbError on bad content.
"""

from __future__ import annotations

from pathlib import Path

from copilot.kb.checks import run_checks, vocabulary_of
from copilot.kb.knowledge_base import KnowledgeBase, hash_files
from copilot.kb.problems import KbError, Problem, ProblemLog
from copilot.kb.reader import KbContent, read_kb
from copilot.kb.selftest import check_examples


def _read_and_check(path: str | Path) -> tuple[KbContent, ProblemLog]:
    log = ProblemLog()
    content = read_kb(Path(path), log)
    if content.meta is not None or content.files:
        run_checks(content, vocabulary_of(content), log)
        check_examples(content, log)
    return content, log


# Files the analyzers read beside the content (profile cues, thresholds): they change what the
# copilot says, so they belong in the content hash recorded with every session.
SIDE_FILES = ("profile.yaml", "analyzers.yaml")


def _side_files(root: Path) -> list[Path]:
    return [root / name for name in SIDE_FILES if (root / name).is_file()]


def _by_place(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.path, p.line))


def validate_kb(path: str | Path) -> list[Problem]:
    """Every problem (errors and warnings) of the KB at `path`, sorted by file and line."""
    return _by_place(_read_and_check(path)[1].problems)


def check_kb(path: str | Path) -> tuple[KnowledgeBase | None, list[Problem]]:
    """The KB (None when it does not load) and every problem, sorted as `validate_kb` sorts them:
    one read and check for callers that need both."""
    try:
        kb = load_kb(path)
    except KbError as exc:
        return None, _by_place(exc.problems)
    return kb, _by_place(kb.warnings)


def load_kb(path: str | Path) -> KnowledgeBase:
    """The validated KB at `path`; KbError listing every error (file:line: what; fix) otherwise."""
    root = Path(path)
    content, log = _read_and_check(root)
    if log.errors or content.meta is None:
        raise KbError(root, log.problems)
    return KnowledgeBase(
        root=root,
        meta=content.meta,
        products=content.products,
        scripts=content.scripts,
        sops=content.sops,
        rules=content.rules,
        signals=content.signals,
        bulk=content.bulk,
        labelled=content.labelled,
        content_hash=hash_files(root, [*content.files, *_side_files(root)]),
        warnings=log.warnings,
    )
