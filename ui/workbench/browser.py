"""Browsing a KB by kind, with text search and the filters trainers think in (stage, product,
category, handled signal). Rules, signals and SOP steps show their rule-test result inline.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from copilot.curation.catalogue import KINDS, Entry
from copilot.curation.ruletests import RuleTest
from copilot.curation.workspace import KbWorkspace

BROWSABLE = ("script", "fact", "product", "rule", "signal", "stage", "step", "kb")
FILTERS = {  # kind -> filters that make sense for it
    "script": ("stage", "product", "handles"),
    "fact": ("product",),
    "rule": ("category",),
    "step": ("stage",),
}
ANY = ""
FILTER_KINDS = {"handles": "signal"}  # a filter named after the field, listing ids of this kind


def choices(workspace: KbWorkspace) -> dict[str, list[str]]:
    """What the filters and the form's pickers offer: stage, product, signal and SOP ids, and the
    rule categories in use."""
    ids = {kind: sorted({e.id for e in workspace.entries(kind)})
           for kind in ("stage", "product", "signal", "sop")}
    ids["category"] = sorted({str(workspace.data(e).get("category", ""))
                              for e in workspace.entries("rule")} - {""})
    return ids


class ItemBrowser(QWidget):
    """Kind picker, search box, filters and the list of matching items."""

    selected = Signal(object)  # Entry

    def __init__(self, workspace: KbWorkspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.tests: dict[tuple[str, str], RuleTest] = {}
        self.kind = QComboBox()
        for kind in BROWSABLE:
            self.kind.addItem(KINDS[kind].label, kind)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("search id, title, text, examples"))
        self.search.setClearButtonEnabled(True)
        self.filters = {name: QComboBox() for name in ("stage", "product", "category", "handles")}
        form = QFormLayout()
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Search"), self.search)
        titles = {"stage": self.tr("stage"), "product": self.tr("product"),
                  "category": self.tr("category"), "handles": self.tr("handles")}
        for name, combo in self.filters.items():
            combo.setObjectName(f"filter_{name}")
            form.addRow(titles[name], combo)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("id"), self.tr("title"), self.tr("tests")])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(form)
        layout.addWidget(self.tree, 1)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.search.textChanged.connect(self.refresh)
        for combo in self.filters.values():
            combo.currentIndexChanged.connect(self.refresh)
        self.tree.currentItemChanged.connect(self._current_changed)
        self._form = form
        self._kind_changed()

    @property
    def current_kind(self) -> str:
        return self.kind.currentData()

    def set_kind(self, kind: str) -> None:
        self.kind.setCurrentIndex(BROWSABLE.index(kind))

    def _kind_changed(self) -> None:
        wanted = FILTERS.get(self.current_kind, ())
        offered = choices(self.workspace)
        for name, combo in self.filters.items():
            self._form.setRowVisible(combo, name in wanted)
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("(any)"), ANY)
            for value in offered[FILTER_KINDS.get(name, name)]:
                combo.addItem(value, value)
            combo.blockSignals(False)
        self.refresh()

    def refresh(self, *_: object) -> None:
        """Re-list the items of the current kind that pass the search and the filters."""
        current = self.current_entry()
        self.tree.blockSignals(True)
        self.tree.clear()
        needle = self.search.text().strip().lower()
        for entry in self.workspace.entries(self.current_kind):
            data = self.workspace.data(entry)
            if not self._passes(entry, data, needle):
                continue
            title = (data.get("title") or data.get("label") or data.get("name")
                     or data.get("category") or data.get("text", ""))
            row = QTreeWidgetItem([entry.id, str(title).replace("\n", " ")[:60], ""])
            row.setData(0, Qt.ItemDataRole.UserRole, entry)
            row.setToolTip(1, str(data.get("text") or title))
            self._mark_tests(row, entry)
            self.tree.addTopLevelItem(row)
            if current is not None and (entry.file, entry.path) == (current.file, current.path):
                self.tree.setCurrentItem(row)
        self.tree.blockSignals(False)

    def _passes(self, entry: Entry, data: dict, needle: str) -> bool:
        for name, combo in self.filters.items():
            wanted = combo.currentData()
            if not wanted or name not in FILTERS.get(self.current_kind, ()):
                continue
            value = entry.parent if (name == "stage" and entry.kind == "step") else data.get(name)
            if name == "product" and entry.kind == "fact":
                value = entry.parent
            if isinstance(value, list) and wanted not in value:
                return False
            if not isinstance(value, list) and value != wanted:
                return False
        if not needle:
            return True
        haystack = " ".join([entry.id, str(data.get("title", "")), str(data.get("label", "")),
                             str(data.get("text", "")), *map(str, data.get("examples") or [])])
        return needle in haystack.lower()

    def _mark_tests(self, row: QTreeWidgetItem, entry: Entry) -> None:
        result = self.tests.get((entry.kind, entry.id))
        if result is None:
            return
        row.setText(2, "✓" if result.passed else f"✗ {len(result.failures) or 1}")
        colour = QColor("#12805c" if result.passed else "#c4271b")
        row.setForeground(2, QBrush(colour))
        if not result.passed:
            row.setToolTip(2, result.error or "\n".join(c.describe() for c in result.failures))

    def show_tests(self, tests: dict[tuple[str, str], RuleTest]) -> None:
        self.tests = tests
        for index in range(self.tree.topLevelItemCount()):
            row = self.tree.topLevelItem(index)
            self._mark_tests(row, row.data(0, Qt.ItemDataRole.UserRole))

    def current_entry(self) -> Entry | None:
        row = self.tree.currentItem()
        return row.data(0, Qt.ItemDataRole.UserRole) if row is not None else None

    def select(self, entry: Entry) -> None:
        """Show `entry`'s kind and select it (clearing a search that would hide it)."""
        if self.current_kind != entry.kind:
            self.set_kind(entry.kind)
        for attempt in range(2):
            for index in range(self.tree.topLevelItemCount()):
                row = self.tree.topLevelItem(index)
                found = row.data(0, Qt.ItemDataRole.UserRole)
                if (found.file, found.path) == (entry.file, entry.path):
                    self.tree.setCurrentItem(row)
                    return
            if attempt == 0:
                self.search.clear()
                for combo in self.filters.values():
                    combo.setCurrentIndex(0)

    def _current_changed(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        if current is not None:
            self.selected.emit(current.data(0, Qt.ItemDataRole.UserRole))
