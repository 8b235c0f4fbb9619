"""The team lead's view: per advisor or per team over a date range, calls, outcomes, the open rate
of each SOP step and disclosure (colour-coded so who skips which step shows at a glance),
violations per 100 calls by category and average length; a bar chart of the chosen column and
CSV export.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from copilot.errors import CopilotError
from copilot.store import SessionStore
from copilot.store.aggregates import GroupStats, TeamReport
from copilot.timeline import clock
from ui.replay.look import label
from ui.team.chart import BarChart


@dataclass(frozen=True)
class Column:
    title: str
    kind: str  # name | team | calls | length | outcome | step | disclosure | violation
    key: str = ""

    def value(self, g: GroupStats) -> float | str:
        match self.kind:
            case "name":
                return g.name or "—"
            case "team":
                return g.team or "—"
            case "calls":
                return g.calls
            case "length":
                return g.avg_length_ms
            case "outcome":
                return g.outcomes.get(self.key, 0)
            case "step":
                return g.step_rates.get(self.key, 0.0)
            case "disclosure":
                return g.disclosure_rates.get(self.key, 0.0)
            case "violation":
                return g.violations_per_100.get(self.key, 0.0)
        raise KeyError(self.kind)

    def text(self, value: float | str) -> str:
        if self.kind in ("step", "disclosure"):
            return f"{value:.0%}"
        if self.kind == "violation":
            return f"{value:.1f}"
        if self.kind == "length":
            return clock(int(value))
        return str(value)


def rate_color(rate: float) -> QColor:
    """Green when nearly always said, through amber, to red when mostly skipped."""
    if rate >= 0.9:
        return QColor("#c8e6c9")
    if rate >= 0.7:
        return QColor("#fff59d")
    if rate >= 0.4:
        return QColor("#ffcc80")
    return QColor("#ef9a9a")


def violation_color(per_100: float) -> QColor:
    return QColor("#ffffff") if per_100 == 0 else QColor("#ef9a9a")


class TeamWindow(QMainWindow):
    def __init__(self, store: SessionStore, *, since: str, until: str, by: str = "advisor",
                 team: str | None = None, expected_steps=(), expected_disclosures=()) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("Copilot · Team view"))
        self.store = store
        self.expected_steps = list(expected_steps)
        self.expected_disclosures = list(expected_disclosures)
        self.report: TeamReport | None = None
        self.columns: list[Column] = []
        self.since = QDateEdit(QDate.fromString(since, "yyyy-MM-dd"), calendarPopup=True)
        self.until = QDateEdit(QDate.fromString(until, "yyyy-MM-dd"), calendarPopup=True)
        for edit in (self.since, self.until):
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(self.refresh)
        self.by = QComboBox()
        self.by.addItem(self.tr("per advisor"), "advisor")
        self.by.addItem(self.tr("per team"), "team")
        self.by.setCurrentIndex(0 if by == "advisor" else 1)
        self.by.currentIndexChanged.connect(self.refresh)
        self.team = QComboBox()
        self.team.addItem(self.tr("all teams"), "")
        for name in store.distinct("team"):
            self.team.addItem(name, name)
        if team:
            self.team.setCurrentIndex(max(self.team.findData(team), 0))
        self.team.currentIndexChanged.connect(self.refresh)
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.export_button.clicked.connect(self._ask_export)
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().sectionClicked.connect(self.chart_column)
        self.chart = BarChart()
        self.summary = QLabel()
        self.setCentralWidget(self._layout())
        self.resize(1280, 760)
        self.refresh()

    def _layout(self) -> QWidget:
        bar = QHBoxLayout()
        for widget in (QLabel(self.tr("From")), self.since, QLabel(self.tr("to")), self.until,
                       self.by, self.team, self.export_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(self.chart)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(scroll)
        split.setSizes([480, 260])
        root = QWidget()
        layout = QVBoxLayout(root)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        return root

    def refresh(self) -> None:
        since = self.since.date().toString("yyyy-MM-dd")
        until = self.until.date().toString("yyyy-MM-dd")
        try:
            self.report = self.store.team_report(
                by=self.by.currentData(), since=since, until=until,
                team=self.team.currentData() or None, expected_steps=self.expected_steps,
                expected_disclosures=self.expected_disclosures)
        except CopilotError as exc:  # e.g. "to" set before "from": say so, keep the last table
            self.summary.setText(str(exc))
            return
        self.columns = self._columns(self.report)
        self._fill_table(self.report)
        t = self.report.total
        self.summary.setText(self.tr("{calls} calls from {since} to {until}, average {length}")
                             .format(calls=t.calls, since=since, until=until,
                                     length=clock(int(t.avg_length_ms))))
        first_rate = next((i for i, c in enumerate(self.columns) if c.kind == "step"), 2)
        self.chart_column(first_rate)

    def _columns(self, report: TeamReport) -> list[Column]:
        cols = [Column(self.tr("Advisor") if report.by == "advisor" else self.tr("Team"), "name")]
        if report.by == "advisor":
            cols.append(Column(self.tr("Team"), "team"))
        cols += [Column(self.tr("Calls"), "calls"), Column(self.tr("Avg length"), "length")]
        cols += [Column(label(o), "outcome", o) for o in report.outcomes]
        cols += [Column(report.step_labels.get(s) or s, "step", s) for s in report.steps]
        cols += [Column(label(d), "disclosure", d) for d in report.disclosures]
        cols += [Column(self.tr("{c} /100").format(c=label(c)), "violation", c)
                 for c in report.categories]
        return cols

    def _fill_table(self, report: TeamReport) -> None:
        rows = [*report.groups, report.total]
        self.table.clear()
        self.table.setColumnCount(len(self.columns))
        self.table.setRowCount(len(rows))
        for j, col in enumerate(self.columns):
            header = QTableWidgetItem(col.title)
            header.setToolTip(f"{col.kind}: {col.key}" if col.key else col.kind)
            self.table.setHorizontalHeaderItem(j, header)
        for i, g in enumerate(rows):
            for j, col in enumerate(self.columns):
                value = col.value(g)
                item = QTableWidgetItem(col.text(value))
                item.setData(Qt.ItemDataRole.UserRole, value)
                if col.kind in ("step", "disclosure") and g.calls:
                    item.setBackground(rate_color(value))
                elif col.kind == "violation":
                    item.setBackground(violation_color(value))
                if g is report.total:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()

    def cell(self, name: str, kind: str, key: str = "") -> QTableWidgetItem:
        """The table cell of group `name` for column (kind, key) — what the tests read."""
        j = next(i for i, c in enumerate(self.columns) if (c.kind, c.key) == (kind, key))
        names = [*(g.name for g in self.report.groups), self.report.total.name]
        return self.table.item(names.index(name), j)

    def chart_column(self, index: int) -> None:
        if not self.report or index >= len(self.columns):
            return
        col = self.columns[index]
        if col.kind in ("name", "team"):
            return
        bars = [(g.name or "—", float(col.value(g)), col.text(col.value(g)))
                for g in self.report.groups]
        rate = col.kind in ("step", "disclosure")
        color = rate_color if rate else (violation_color if col.kind == "violation" else None)
        self.chart.set_data(col.title, bars, 1.0 if rate else None, color)

    def export_csv(self, path: str | Path) -> Path:
        path = Path(path)
        path.write_text(self.report.to_csv(), encoding="utf-8")
        self.statusBar().showMessage(self.tr("wrote {path}").format(path=path))
        return path

    def _ask_export(self) -> None:
        name = f"team-{self.by.currentData()}-{date.today().isoformat()}.csv"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export CSV"), name, "CSV (*.csv)")
        if path:
            self.export_csv(path)
