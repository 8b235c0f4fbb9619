"""The workbench's side panels: problems, rule tests, KB tests and unsaved changes (the diff).

Each panel only renders what copilot.curation computes; the window decides when to refresh them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from copilot.curation.kbtests import CaseResult, read_cases, run_cases
from copilot.curation.ruletests import RuleTest
from copilot.curation.workspace import ProblemView
from ui.common.fonts import mono_font
from ui.workbench.jobs import JobRunner

RED, GREEN, AMBER = "#c4271b", "#12805c", "#9a5b00"


class ProblemsPanel(QWidget):
    """Every validator message for the KB as edited, exactly as `copilot kb validate` prints it."""

    activated = Signal(object)  # ProblemView

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel()
        self.list = QListWidget()
        self.list.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        self.list.itemActivated.connect(
            lambda item: self.activated.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.list.itemDoubleClicked.connect(
            lambda item: self.activated.emit(item.data(Qt.ItemDataRole.UserRole)))

    def show_problems(self, problems: list[ProblemView]) -> None:
        self.list.clear()
        errors = sum(p.is_error for p in problems)
        self.summary.setText(self.tr("{0} error(s), {1} warning(s)").format(errors, len(problems) - errors)
                             if problems else self.tr("No problems: the KB is valid."))
        for problem in problems:
            item = QListWidgetItem(problem.text)
            item.setData(Qt.ItemDataRole.UserRole, problem)
            item.setForeground(QBrush(QColor(RED if problem.is_error else AMBER)))
            self.list.addItem(item)


class RuleTestsPanel(QWidget):
    """Each rule's, signal's and step's examples and negatives; failing ones first and expanded."""

    activated = Signal(str, str)  # kind, id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel()
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("owner"), self.tr("result")])
        self.tree.setColumnWidth(0, 260)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        self.tree.itemDoubleClicked.connect(self._activated)

    def _activated(self, item: QTreeWidgetItem) -> None:
        key = item.data(0, Qt.ItemDataRole.UserRole)
        if key:
            self.activated.emit(*key)

    def show_tests(self, tests: dict[tuple[str, str], RuleTest]) -> None:
        self.tree.clear()
        failing = [k for k, r in tests.items() if not r.passed]
        checks = sum(len(r.checks) for r in tests.values())
        self.summary.setText(self.tr("{0} owners, {1} checks, {2} failing").format(
            len(tests), checks, len(failing)))
        for key in sorted(tests, key=lambda k: (tests[k].passed, k)):
            result = tests[key]
            row = QTreeWidgetItem([f"{key[0]} {key[1]}", result.summary()])
            row.setData(0, Qt.ItemDataRole.UserRole, key)
            row.setForeground(1, QBrush(QColor(GREEN if result.passed else RED)))
            for check in result.checks:
                child = QTreeWidgetItem(["", check.describe()])
                child.setForeground(1, QBrush(QColor(GREEN if check.passed else RED)))
                child.setToolTip(1, check.describe())
                row.addChild(child)
            self.tree.addTopLevelItem(row)
            row.setExpanded(not result.passed)


class KbTestsPanel(QWidget):
    """Runs the KB's tests/*.yaml dialogues against the KB as edited."""

    finished = Signal(object)  # list[CaseResult]

    def __init__(self, settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.kb = None
        self.kb_root = None
        self.run_button = QPushButton(self.tr("Run KB tests"))
        self.summary = QLabel(self.tr("tests/*.yaml dialogues with the events trainers expect"))
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.run_button)
        top.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        self.runner = JobRunner(self)
        self.runner.finished.connect(self._show)
        self.runner.failed.connect(lambda m: self.summary.setText(self.tr("Could not run: ") + m))
        self.run_button.clicked.connect(self.run)

    def set_kb(self, kb, root) -> None:
        self.kb, self.kb_root = kb, root

    def run(self) -> None:
        if self.kb is None:
            self.summary.setText(self.tr("The KB has errors; fix them first (see Problems)."))
            return
        kb, root, settings = self.kb, self.kb_root, self.settings
        self.summary.setText(self.tr("running…"))
        self.runner.start(lambda: run_cases(read_cases(root), kb, settings))

    def _show(self, results: list[CaseResult]) -> None:
        self.tree.clear()
        failed = sum(not r.passed for r in results)
        self.summary.setText(self.tr("{0} passed, {1} failed").format(len(results) - failed, failed))
        for result in results:
            mark = "PASS" if result.passed else "FAIL"
            row = QTreeWidgetItem([f"{mark}  {result.case.id}  ({result.case.file}:{result.case.line})"])
            row.setForeground(0, QBrush(QColor(GREEN if result.passed else RED)))
            row.setToolTip(0, result.case.description or result.case.dialogue)
            for failure in result.failures:
                child = QTreeWidgetItem([failure])
                child.setToolTip(0, failure)
                row.addChild(child)
            self.tree.addTopLevelItem(row)
            row.setExpanded(not result.passed)
        self.finished.emit(results)


class ChangesPanel(QWidget):
    """The unsaved edits as a unified diff: what `git diff` will show after saving."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = QPlainTextEdit()
        self.view.setReadOnly(True)
        self.view.setFont(mono_font())
        self.view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)

    def show_diff(self, diff: str) -> None:
        self.view.setPlainText(diff or self.tr("No unsaved changes."))
