"""Small widgets several windows use: an audio level meter, wrapped and elided labels, and
`column`, the edge-to-edge vertical layout the advisor's panels are built from."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QLabel, QLayout, QSizePolicy, QVBoxLayout, QWidget

from ui.common.theme import color


def column(owner: QWidget, *items: QWidget | QLayout, grow: QWidget | None = None) -> QVBoxLayout:
    """`owner`'s layout: `items` top to bottom, no margins, no spacing; `grow` takes the spare
    height."""
    layout = QVBoxLayout(owner)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    for item in items:
        if isinstance(item, QLayout):
            layout.addLayout(item)
        else:
            layout.addWidget(item, 1 if item is grow else 0)
    return layout


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


class ElidedLabel(QLabel):
    """A one-line label that may shrink: the text is cut with … and the full text is the tooltip."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setText(text)

    def setText(self, text: str) -> None:
        self._full = text
        self.updateGeometry()
        self._elide()

    def full_text(self) -> str:
        return self._full

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        margins = self.contentsMargins()
        return QSize(
            metrics.horizontalAdvance(self._full) + margins.left() + margins.right() + 2,
            super().sizeHint().height(),
        )

    def minimumSizeHint(self) -> QSize:
        return QSize(min(self.sizeHint().width(), 48), super().minimumSizeHint().height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = self.contentsRect().width()
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, max(width, 0))
        super().setText(shown if width > 0 else self._full)
        if not self.toolTip() or self.toolTip() == getattr(self, "_auto_tip", None):
            self._auto_tip = self._full if shown != self._full else ""
            super().setToolTip(self._auto_tip)
