"""The replay window's left side: the filters of `copilot sessions list` over a table of calls."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from copilot.errors import CopilotError
from copilot.store import SessionStore
from copilot.timeline import clock

ANY = ""
COLUMNS = ("Started", "Advisor", "Team", "Length", "Outcome", "Status", "Viol.")


class SessionListPanel(QWidget):
    sessionChosen = Signal(str)
    problem = Signal(str)

    def __init__(self, store: SessionStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.advisor = self._combo("advisor")
        self.team = self._combo("team")
        self.outcome = self._combo("outcome")
        self.since = QLineEdit(placeholderText="YYYY-MM-DD")
        self.until = QLineEdit(placeholderText="YYYY-MM-DD")
        self.with_violations = QCheckBox(self.tr("only calls with violations"))
        form = QFormLayout()
        for text, widget in ((self.tr("Advisor"), self.advisor), (self.tr("Team"), self.team),
                             (self.tr("Outcome"), self.outcome), (self.tr("Since"), self.since),
                             (self.tr("Until"), self.until)):
            form.addRow(text, widget)
        form.addRow(self.with_violations)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._chosen)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        for combo in (self.advisor, self.team, self.outcome):
            combo.currentIndexChanged.connect(self.refresh)
        for edit in (self.since, self.until):
            edit.editingFinished.connect(self.refresh)
        self.with_violations.toggled.connect(self.refresh)
        self.refresh()

    def _combo(self, column: str) -> QComboBox:
        combo = QComboBox()
        combo.addItem(self.tr("(all)"), ANY)
        for value in self.store.distinct(column):
            combo.addItem(value, value)
        return combo

    def filters(self) -> dict:
        return {"advisor": self.advisor.currentData() or None,
                "team": self.team.currentData() or None,
                "outcome": self.outcome.currentData() or None,
                "since": self.since.text().strip() or None,
                "until": self.until.text().strip() or None,
                "with_violations": self.with_violations.isChecked()}

    def refresh(self) -> None:
        try:
            rows = self.store.list_sessions(**self.filters(), limit=1000)
        except CopilotError as exc:
            self.problem.emit(str(exc))
            return
        self.table.blockSignals(True)
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            started = datetime.fromisoformat(r["started_at"]).astimezone()
            cells = (started.strftime("%Y-%m-%d %H:%M"), r["advisor"], r["team"],
                     clock(r["duration_ms"] or 0), r["outcome"], r["status"],
                     str(r["n_violations"] or 0))
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text or "—")
                item.setData(Qt.ItemDataRole.UserRole, r["id"])
                self.table.setItem(i, j, item)
        self.table.blockSignals(False)

    def ids(self) -> list[str]:
        return [self.table.item(i, 0).data(Qt.ItemDataRole.UserRole)
                for i in range(self.table.rowCount())]

    def select(self, session_id: str) -> None:
        ids = self.ids()
        if session_id in ids:
            self.table.selectRow(ids.index(session_id))

    def _chosen(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.sessionChosen.emit(self.table.item(rows[0].row(), 0).data(
                Qt.ItemDataRole.UserRole))
