"""A horizontal bar chart drawn with QPainter (QtCharts is not installed): one bar per advisor or
team for the metric chosen in the table, coloured like the table cells."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

BAR_HEIGHT = 18
GAP = 6


class BarChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = ""
        self.bars: list[tuple[str, float, str]] = []  # (name, value, value text)
        self.maximum = 1.0
        self.color_of: Callable[[float], QColor] = lambda _v: QColor("#90caf9")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumHeight(120)

    def set_data(self, title: str, bars: list[tuple[str, float, str]], maximum: float | None,
                 color_of: Callable[[float], QColor] | None = None) -> None:
        self.title = title
        self.bars = bars
        self.maximum = maximum or max((v for _, v, _ in bars), default=1.0) or 1.0
        if color_of is not None:
            self.color_of = color_of
        self.setMinimumHeight(30 + len(bars) * (BAR_HEIGHT + GAP))
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setPen(self.palette().windowText().color())
        p.drawText(QRectF(8, 2, self.width() - 16, 20), Qt.AlignmentFlag.AlignLeft, self.title)
        label_w = min(160, self.width() // 3)
        value_w = 60
        span = max(self.width() - label_w - value_w - 24, 10)
        y = 26
        for name, value, text in self.bars:
            p.setPen(self.palette().windowText().color())
            p.drawText(QRectF(8, y, label_w - 8, BAR_HEIGHT),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, name)
            width = span * max(0.0, min(value / self.maximum, 1.0))
            p.fillRect(QRectF(label_w + 8, y, width, BAR_HEIGHT), self.color_of(value))
            p.drawText(QRectF(label_w + 12 + width, y, value_w, BAR_HEIGHT),
                       Qt.AlignmentFlag.AlignVCenter, text)
            y += BAR_HEIGHT + GAP
        p.end()
