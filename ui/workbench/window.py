"""The workbench window: browse on the left, edit in the middle, see the consequences on the right.

Every edit goes through the undo stack into the KbWorkspace (YAML kept as written). A short timer
then runs the validator over the edited KB (problems, inline messages), the rule tests, and hands
the freshly loaded KB to Try it and the KB tests; nothing needs saving first.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QToolBar,
    QToolButton,
)

from copilot.curation.catalogue import KINDS, Entry
from copilot.curation.ruletests import check_workspace
from copilot.curation.workspace import KbWorkspace, ProblemView
from ui.workbench.browser import ItemBrowser, choices
from ui.workbench.commands import AddItem, RemoveItem, SetField
from ui.workbench.form import ItemForm
from ui.workbench.index_panel import IndexPanel
from ui.workbench.panels import ChangesPanel, KbTestsPanel, ProblemsPanel, RuleTestsPanel
from ui.workbench.tryit import TryItPanel

CHECK_DELAY_MS = 250
NEW_KINDS = ("script", "fact", "rule", "signal", "step")
REMOVABLE = {"script", "fact", "rule", "signal", "step", "stage"}


class WorkbenchWindow(QMainWindow):
    def __init__(self, workspace: KbWorkspace, settings) -> None:
        super().__init__()
        self.workspace = workspace
        self.settings = settings
        self.confirm_close = False  # the app turns this on; tests close without a dialog
        self.problems: list[ProblemView] = []
        self.tests = {}
        self.kb = None
        self.undo_stack = QUndoStack(self)
        self.browser = ItemBrowser(workspace)
        self.form = ItemForm()
        self.tabs = QTabWidget()
        self.try_it = TryItPanel(settings)
        self.rule_tests = RuleTestsPanel()
        self.kb_tests = KbTestsPanel(settings)
        self.problems_panel = ProblemsPanel()
        self.index_panel = IndexPanel(settings)
        self.changes = ChangesPanel()
        for panel, title in ((self.try_it, self.tr("Try it")),
                             (self.rule_tests, self.tr("Rule tests")),
                             (self.kb_tests, self.tr("KB tests")),
                             (self.problems_panel, self.tr("Problems")),
                             (self.index_panel, self.tr("Index")),
                             (self.changes, self.tr("Unsaved changes"))):
            self.tabs.addTab(panel, title)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        for widget in (self.browser, self.form, self.tabs):
            splitter.addWidget(widget)
        splitter.setSizes([380, 560, 560])
        splitter.setStretchFactor(1, 1)
        splitter.setStretchFactor(2, 1)
        self.setCentralWidget(splitter)
        self.status = QLabel()
        self.statusBar().addWidget(self.status, 1)
        self._build_toolbar()
        self._check_timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self.check_now)
        self.browser.selected.connect(self.open_entry)
        self.form.edited.connect(self.edit_field)
        self.undo_stack.indexChanged.connect(self._after_change)
        self.problems_panel.activated.connect(self._go_to_problem)
        self.rule_tests.activated.connect(self._go_to_owner)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.resize(1500, 900)
        self.check_now()
        self._update_title()

    # ---- toolbar ------------------------------------------------------------------------------
    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Workbench"))
        bar.setObjectName("WorkbenchToolbar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(bar)
        self.save_action = QAction(self.tr("Save"), self, shortcut=QKeySequence.StandardKey.Save)
        self.save_action.triggered.connect(self.save)
        undo = self.undo_stack.createUndoAction(self, self.tr("Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, self.tr("Redo"))
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        self.undo_action, self.redo_action = undo, redo
        new_menu = QMenu(self)
        self.new_actions = {}
        for kind in NEW_KINDS:
            action = new_menu.addAction(KINDS[kind].label)
            action.triggered.connect(lambda _=False, k=kind: self.new_item(k))
            self.new_actions[kind] = action
        new_button = QToolButton()
        new_button.setText(self.tr("New"))
        new_button.setMenu(new_menu)
        new_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.delete_action = QAction(self.tr("Delete"), self)
        self.delete_action.triggered.connect(self.delete_current)
        bar.addAction(self.save_action)
        bar.addAction(undo)
        bar.addAction(redo)
        bar.addWidget(new_button)
        bar.addAction(self.delete_action)
        bar.addSeparator()
        run_tests = QAction(self.tr("Run KB tests"), self)
        run_tests.triggered.connect(lambda: (self.tabs.setCurrentWidget(self.kb_tests),
                                             self.kb_tests.run()))
        rebuild = QAction(self.tr("Rebuild index"), self)
        rebuild.triggered.connect(lambda: (self.tabs.setCurrentWidget(self.index_panel),
                                           self.index_panel.start()))
        bar.addAction(run_tests)
        bar.addAction(rebuild)

    # ---- editing ------------------------------------------------------------------------------
    def open_entry(self, entry: Entry | None) -> None:
        if entry is None:
            self.form.show_entry(None, {}, {})
            return
        where = f"{entry.file}:{self._line(entry)}"
        self.form.show_entry(entry, self.workspace.data(entry), choices(self.workspace), where)
        self._show_item_status()

    def edit_field(self, key: str, value: object) -> None:
        entry = self.form.entry
        if entry is None:
            return
        old = self.workspace.data(entry).get(key)
        if old == value or (old is None and value in ("", [], None)):
            return
        command = SetField(self.workspace, entry, key, old, value)
        command.setText(f"{self.workspace.data(entry).get('id', entry.id)}: {key}")
        self.undo_stack.push(command)

    def new_item(self, kind: str) -> Entry | None:
        """Add an empty item of `kind` (next to the selected one where it has a parent)."""
        parent = None
        spec = KINDS[kind]
        item: dict = {"id": self._fresh_id(kind)}
        if spec.parent:
            parent = self._parent_for(spec.parent)
            if parent is None:
                QMessageBox.information(self, self.tr("New"), self.tr(
                    "Select the {0} to add it to first.").format(spec.parent))
                return None
        file = None
        current = self.form.entry
        if current is not None and current.kind == kind and not spec.parent:
            file = current.file  # next to the selected item: same topic file
        if kind == "script":
            like = self.workspace.data(current) if file else {}
            item.update(title="", stage=like.get("stage")
                        or self.browser.filters["stage"].currentData() or "",
                        handles=list(like.get("handles") or []), text="", examples=[])
        command = AddItem(self.workspace, kind, item, file=file, parent=parent)
        self.undo_stack.push(command)
        self.browser.refresh()
        self.browser.select(command.entry)
        return command.entry

    def delete_current(self) -> None:
        entry = self.form.entry
        if entry is None or entry.kind not in REMOVABLE:
            return
        self.undo_stack.push(RemoveItem(self.workspace, entry))
        self.form.show_entry(None, {}, {})

    def _fresh_id(self, kind: str) -> str:
        ids = self.workspace.ids()
        n = 1
        while f"new_{kind}_{n}" in ids:
            n += 1
        return f"new_{kind}_{n}"

    def _parent_for(self, parent_kind: str) -> Entry | None:
        entry = self.form.entry
        if entry is not None and entry.kind == parent_kind:
            return entry
        if entry is not None and entry.parent:
            return self.workspace.find(entry.parent, parent_kind)
        candidates = self.workspace.entries(parent_kind)
        return candidates[0] if len(candidates) == 1 else None

    def _after_change(self, *_: object) -> None:
        entry = self.form.entry
        if entry is not None:
            try:
                self.form.refresh(self.workspace.data(entry))
            except (KeyError, IndexError, TypeError):
                self.form.show_entry(None, {}, {})
        self.browser.refresh()
        self.changes.show_diff(self.workspace.diff())
        self._update_title()
        self._check_timer.start()

    # ---- checking -----------------------------------------------------------------------------
    def check_now(self) -> None:
        """Validate the edited KB, run the rule tests, hand the KB to Try it and the KB tests."""
        self.kb, self.problems = self.workspace.check()
        self.tests = check_workspace(self.workspace)
        self.problems_panel.show_problems(self.problems)
        self.rule_tests.show_tests(self.tests)
        self.browser.show_tests(self.tests)
        shadow = self.workspace.shadow()
        errors = [p for p in self.problems if p.is_error]
        self.try_it.set_kb(self.kb, errors[0].text if errors else "")
        self.kb_tests.set_kb(self.kb, shadow)
        self.index_panel.set_kb(self.kb, shadow)
        if self.tabs.currentWidget() is self.index_panel:
            self.index_panel.refresh_changes()
        self._show_item_status()
        failing = sum(not t.passed for t in self.tests.values())
        self.status.setText(self.tr("{0} error(s), {1} warning(s); rule tests: {2} failing")
                            .format(len(errors), len(self.problems) - len(errors), failing))

    def _show_item_status(self) -> None:
        entry = self.form.entry
        if entry is None:
            return
        mine = [p for p in self.problems if p.file == entry.file
                and self.workspace.entry_at(entry.file, p.line) == entry]
        self.form.show_problems(mine)
        self.form.show_rule_test(self.tests.get((entry.kind, entry.id)))

    def _line(self, entry: Entry) -> int:
        return next((line for e, line in self.workspace.entry_lines(entry.file) if e == entry), 0)

    # ---- navigation ---------------------------------------------------------------------------
    def _go_to_problem(self, problem: ProblemView) -> None:
        entry = self.workspace.entry_at(problem.file, problem.line)
        if entry is not None:
            self.browser.select(entry)

    def _go_to_owner(self, kind: str, item_id: str) -> None:
        entry = self.workspace.find(item_id, kind)
        if entry is not None:
            self.browser.select(entry)

    def _tab_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.index_panel:
            self.index_panel.refresh_changes()

    # ---- saving -------------------------------------------------------------------------------
    def save(self) -> list:
        written = self.workspace.save()
        self.undo_stack.setClean()
        self._update_title()
        self.changes.show_diff(self.workspace.diff())
        self.status.setText(self.tr("Saved {0} file(s)").format(len(written)))
        return written

    def _update_title(self) -> None:
        dirty = bool(self.workspace.modified_files())
        self.setWindowModified(dirty)
        self.setWindowTitle(self.tr("KB workbench — {0}[*]").format(self.workspace.root))
        self.save_action.setEnabled(dirty)

    def closeEvent(self, event) -> None:
        if self.confirm_close and self.workspace.modified_files():
            answer = QMessageBox.question(
                self, self.tr("Unsaved changes"), self.tr("Save the changes before closing?"),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel)
            if answer == QMessageBox.StandardButton.Cancel:
                event.ignore()
                return
            if answer == QMessageBox.StandardButton.Save:
                self.save()
        from ui.workbench.jobs import wait_all

        wait_all(5000)
        self.workspace.close()
        super().closeEvent(event)
