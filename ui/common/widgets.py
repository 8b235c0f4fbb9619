"""Small widgets several windows use: an audio level meter and a wrapped, selectable label."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from ui.common.theme import color


class LevelMeter(QWidget):
    """A horizontal bar showing an input level in 0..1 (peak-ish, smoothed by the caller)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._level = 0.0
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("level")

    def sizeHint(self) -> QSize:
        return QSize(70, 10)

    @property
    def level(self) -> float:
        return self._level

    def set_level(self, value: float) -> None:
        value = min(1.0, max(0.0, float(value)))
        if abs(value - self._level) > 0.005:
            self._level = value
            self.update()

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(color("border"))
        painter.setBrush(color("alt"))
        painter.drawRoundedRect(rect, 3, 3)
        if self._level > 0:
            filled = QRectF(rect)
            filled.setWidth(rect.width() * self._level)
            key = "block" if self._level > 0.9 else "warn" if self._level > 0.7 else "ok"
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color(key))
            painter.drawRoundedRect(filled, 3, 3)


class WrapLabel(QLabel):
    """A word-wrapped label whose text can be selected and copied."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
