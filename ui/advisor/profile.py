"""Customer profile: fields as the engine extracts them (the sentence that says so on hover),
editable by hand, plus the star level and the gap to the next level when the engine computes them.
A value the advisor typed wins over later extractions, which are kept in the tooltip.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from copilot.events import ProfileEvent
from ui.common.i18n import Retranslating
from ui.common.labels import PROFILE_FIELDS, label
from ui.common.theme import color, theme_notifier
from ui.common.widgets import WrapLabel, column

LEVEL_FIELDS = ("star_level", "growth_value", "gap_to_next_level")
MAX_STARS = 7


@dataclass
class FieldValue:
    value: str = ""
    evidence: str = ""
    source: str = ""  # extracted | manual | computed
    extracted: str = ""  # the latest extracted value, kept when a manual value wins


def show_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple | set):
        return "、".join(show_value(v) for v in value)
    if isinstance(value, dict):
        return "，".join(f"{k}: {show_value(v)}" for k, v in value.items())
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10000:
        return f"{value:,}"
    return str(value)


class ProfilePanel(Retranslating, QWidget):
    edited = Signal(str, str)  # field, value typed by the advisor

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields: dict[str, FieldValue] = {f: FieldValue() for f in PROFILE_FIELDS}
        self.level: dict[str, FieldValue] = {}
        self._filling = False
        self.level_label = WrapLabel()
        self.level_label.setObjectName("NextStep")
        self.table = QTableWidget(0, 2)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(True)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.itemChanged.connect(self._item_changed)
        self.hint = WrapLabel()
        self.hint.setObjectName("Muted")
        self.hint.setContentsMargins(8, 2, 8, 4)
        column(self, self.level_label, self.table, self.hint, grow=self.table)
        theme_notifier().changed.connect(self.theme_changed)
        self.retranslate()

    def theme_changed(self, _name: str) -> None:
        self.render()

    def apply(self, events: list) -> None:
        changed = False
        for event in events:
            if not isinstance(event, ProfileEvent):
                continue
            changed = True
            shown = show_value(event.value)
            if event.field in LEVEL_FIELDS:
                self.level[event.field] = FieldValue(shown, event.evidence, event.source)
                continue
            current = self.fields.setdefault(event.field, FieldValue())
            if event.source == "manual":
                current.value, current.source = shown, "manual"
            elif current.source == "manual":
                current.extracted = shown  # the advisor's value stays
                current.evidence = event.evidence or current.evidence
            else:
                self.fields[event.field] = FieldValue(shown, event.evidence, event.source, shown)
        if changed:
            self.render()

    def clear(self) -> None:
        self.fields = {f: FieldValue() for f in PROFILE_FIELDS}
        self.level = {}
        self.render()

    def value(self, field: str) -> str:
        return self.fields.get(field, FieldValue()).value

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Value")])
        self.hint.setText(self.tr("Double-click a value to correct it; hover for the evidence."))
        self.render()

    def level_text(self) -> str:
        stars = self.level.get("star_level")
        if stars is None:
            return ""
        try:
            count = max(0, min(MAX_STARS, int(float(stars.value.replace(",", "")))))
            text = "★" * count + "☆" * (MAX_STARS - count) + "  " + self.tr("%1-star").replace("%1", str(count))
        except ValueError:
            text = f"{label('star_level')}: {stars.value}"
        growth = self.level.get("growth_value")
        if growth is not None and growth.value:
            text += " · " + self.tr("growth value %1").replace("%1", growth.value)
        gap = self.level.get("gap_to_next_level")
        if gap is not None and gap.value:
            text += " · " + self.tr("%1 to the next level").replace("%1", gap.value)
        return text

    def render(self) -> None:
        self._filling = True
        try:
            level = self.level_text()
            self.level_label.setText(level)
            self.level_label.setVisible(bool(level))
            if self.level.get("star_level") is not None:
                self.level_label.setToolTip(self.level["star_level"].evidence)
            self.table.setRowCount(len(self.fields))
            for row, (name, value) in enumerate(self.fields.items()):
                self._fill_row(row, name, value)
            self.table.resizeRowsToContents()
        finally:
            self._filling = False

    def _fill_row(self, row: int, name: str, value: FieldValue) -> None:
        key = QTableWidgetItem(label(name))
        key.setFlags(Qt.ItemFlag.ItemIsEnabled)
        key.setData(Qt.ItemDataRole.UserRole, name)
        key.setForeground(QBrush(color("muted")))
        cell = QTableWidgetItem(value.value)
        tips = []
        if value.evidence:
            tips.append(self.tr("Heard: “%1”").replace("%1", value.evidence))
        if value.source == "manual":
            tips.append(self.tr("Entered by hand"))
            if value.extracted and value.extracted != value.value:
                tips.append(self.tr("Extracted: %1").replace("%1", value.extracted))
        tip = "\n".join(tips)
        key.setToolTip(tip)
        cell.setToolTip(tip)
        if value.source == "manual":
            font = QFont(self.table.font())
            font.setItalic(True)
            cell.setFont(font)
        self.table.setItem(row, 0, key)
        self.table.setItem(row, 1, cell)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != 1:
            return
        name = self.table.item(item.row(), 0).data(Qt.ItemDataRole.UserRole)
        text = item.text().strip()
        current = self.fields.setdefault(name, FieldValue())
        if text == current.value:
            return
        current.value, current.source = text, "manual"
        self.edited.emit(name, text)
        self.render()
