"""The live transcript: who said what, the partial replaced in place by its final, flagged lines,
auto-scroll that pauses while the advisor reads back, and a bounded history.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QPainter, QPen, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QWidget,
)

from copilot.events import UtteranceEvent
from copilot.timeline import clock
from ui.common.fonts import scaled
from ui.common.i18n import Retranslating
from ui.common.labels import label
from ui.common.theme import color, theme_notifier
from ui.common.widgets import column

MAX_LINES = 500
LineRole = Qt.ItemDataRole.UserRole + 1


@dataclass
class Line:
    utterance_id: str
    speaker: str
    start_ms: int
    text: str
    final: bool
    flagged: bool = False


class TranscriptModel(QStandardItemModel):
    """Lines in time order; `upsert` replaces a partial by id, oldest lines drop past the cap.

    A QStandardItemModel keeps the data on the C++ side: Qt asks a model for many roles on every
    paint, and none of those questions has to cross into Python.
    """

    def __init__(self, max_lines: int = MAX_LINES, parent=None) -> None:
        super().__init__(parent)
        self.max_lines = max_lines
        self.lines: list[Line] = []
        self._flagged: set[str] = set()

    def row_of(self, utterance_id: str) -> int:
        for row in range(len(self.lines) - 1, max(-1, len(self.lines) - 50), -1):
            if self.lines[row].utterance_id == utterance_id:
                return row
        return -1

    def _refresh(self, row: int) -> None:
        line = self.lines[row]
        item = self.item(row)
        item.setText(line.text)
        item.setToolTip(f"{label(line.speaker)} {clock(line.start_ms)}")
        item.setData(line, LineRole)

    def upsert(self, event: UtteranceEvent) -> None:
        uid = event.utterance_id or ""
        row = self.row_of(uid) if uid else -1
        if row >= 0:
            line = self.lines[row]
            line.text, line.final, line.start_ms = event.text, event.final, event.start_ms
            self._refresh(row)
            return
        if not event.text.strip():
            return
        line = Line(uid, event.speaker, event.start_ms, event.text, event.final)
        line.flagged = uid in self._flagged
        item = QStandardItem()
        item.setEditable(False)
        self.lines.append(line)
        self.appendRow(item)
        self._refresh(len(self.lines) - 1)
        overflow = len(self.lines) - self.max_lines
        if overflow > 0:
            del self.lines[:overflow]
            self.removeRows(0, overflow)

    def flag(self, utterance_id: str, on: bool = True) -> None:
        """Mark the line a violation was found in (or clear it when the violation is withdrawn)."""
        (self._flagged.add if on else self._flagged.discard)(utterance_id)
        row = self.row_of(utterance_id)
        if row >= 0:
            self.lines[row].flagged = on
            self._refresh(row)

    def clear(self) -> None:
        self.lines.clear()
        self._flagged.clear()
        self.removeRows(0, self.rowCount())


class BubbleDelegate(QStyledItemDelegate):
    """Paints a line as a speech bubble: customer on the left, advisor on the right."""

    PAD = 8
    GAP = 4
    INDENT = 0.14

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self.view = view

    def _fonts(self):
        base = self.view.font()
        return scaled(base, 0.85, bold=True), scaled(base, 1.1)

    def _bubble_rect(self, line: Line, width: int) -> QRect:
        indent = int(width * self.INDENT)
        left = indent if line.speaker == "advisor" else 0
        return QRect(left + 6, 0, width - indent - 12, 0)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        line: Line = index.data(LineRole)
        width = self.view.viewport().width()
        head_font, body_font = self._fonts()
        bubble = self._bubble_rect(line, width)
        body = QFontMetrics(body_font).boundingRect(
            QRect(0, 0, max(40, bubble.width() - 2 * self.PAD), 100000),
            Qt.TextFlag.TextWordWrap,
            line.text,
        )
        head_h = QFontMetrics(head_font).height()
        return QSize(width, head_h + body.height() + 2 * self.PAD + self.GAP + 6)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        line: Line = index.data(LineRole)
        head_font, body_font = self._fonts()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        bubble = self._bubble_rect(line, option.rect.width())
        rect = QRect(
            option.rect.left() + bubble.left(),
            option.rect.top() + 3,
            bubble.width(),
            option.rect.height() - 6,
        )
        side = "advisor" if line.speaker == "advisor" else "customer"
        border = color("block") if line.flagged else color(side)
        painter.setPen(QPen(border, 2 if line.flagged else 1))
        painter.setBrush(color(f"{side}_bg"))
        if option.state & QStyle.StateFlag.State_Selected:
            painter.setBrush(color("alt"))
        painter.drawRoundedRect(rect, 6, 6)
        inner = rect.adjusted(self.PAD, self.PAD // 2 + 2, -self.PAD, -self.PAD)
        painter.setFont(head_font)
        painter.setPen(color(side))
        head = f"{label(line.speaker)}  {clock(line.start_ms)}"
        if not line.final:
            head += "  …"
        head_h = QFontMetrics(head_font).height()
        painter.drawText(
            QRect(inner.left(), inner.top(), inner.width(), head_h), Qt.AlignmentFlag.AlignLeft, head
        )
        body_font.setItalic(not line.final)
        painter.setFont(body_font)
        painter.setPen(color("text") if line.final else color("muted"))
        body = QRect(inner.left(), inner.top() + head_h + self.GAP, inner.width(), inner.height())
        painter.drawText(body, int(Qt.TextFlag.TextWordWrap), line.text)
        painter.restore()


class TranscriptView(Retranslating, QWidget):
    """The list plus a 'jump to latest' button shown while auto-scroll is paused."""

    follow_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None, max_lines: int = MAX_LINES) -> None:
        super().__init__(parent)
        self.model = TranscriptModel(max_lines, self)
        self.list = QListView(self)
        self.list.setObjectName("Transcript")
        self.list.setModel(self.model)
        self.list.setItemDelegate(BubbleDelegate(self.list))
        self.list.setUniformItemSizes(False)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setWordWrap(True)
        column(self, self.list)
        self.placeholder = QLabel(self.list)
        self.placeholder.setObjectName("Muted")
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder_text = ""
        self.jump = QToolButton(self.list)
        self.jump.setObjectName("JumpLatest")
        self.jump.hide()
        self.jump.clicked.connect(self.jump_to_latest)
        self.follow = True
        self._unseen = 0
        self.list.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.list.verticalScrollBar().rangeChanged.connect(self._range_changed)
        theme_notifier().changed.connect(self.theme_changed)
        self.retranslate()

    def theme_changed(self, _name: str) -> None:
        self.list.viewport().update()

    def retranslate(self) -> None:
        self._update_jump()
        self._update_placeholder()
        self.list.viewport().update()

    def set_placeholder(self, text: str) -> None:
        """What the empty transcript says (how to start a call, what is loading)."""
        self.placeholder_text = text
        self._update_placeholder()

    def _update_placeholder(self) -> None:
        self.placeholder.setText(self.placeholder_text)
        self.placeholder.setVisible(bool(self.placeholder_text) and not self.model.lines)
        self.placeholder.setGeometry(self.list.rect().adjusted(20, 20, -20, -20))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_jump()

    def _at_bottom(self) -> bool:
        bar = self.list.verticalScrollBar()
        return bar.value() >= bar.maximum() - 4

    def _range_changed(self, _minimum: int, maximum: int) -> None:
        """Rows re-wrapped (resize, a longer final): stay at the newest line while following."""
        if self.follow:
            self.list.verticalScrollBar().setValue(maximum)

    def _scrolled(self, _value: int) -> None:
        at_bottom = self._at_bottom()
        if at_bottom != self.follow:
            self.follow = at_bottom
            if at_bottom:
                self._unseen = 0
            self._update_jump()
            self.follow_changed.emit(self.follow)

    def apply(self, events: list[UtteranceEvent]) -> None:
        """Add or replace lines (one batch), then keep the newest in view unless paused."""
        if not events:
            return
        follow = self.follow or self._at_bottom()
        before = len(self.model.lines)
        for event in events:
            self.model.upsert(event)
        self.list.doItemsLayout()  # a replaced partial may wrap to a different height
        if follow:
            self.list.scrollToBottom()
            self.follow = True
        else:
            self._unseen += max(0, len(self.model.lines) - before) or len(events)
        self._update_jump()
        self._update_placeholder()

    def flag(self, utterance_id: str, on: bool = True) -> None:
        self.model.flag(utterance_id, on)

    def jump_to_latest(self) -> None:
        self.list.scrollToBottom()
        self.follow = True
        self._unseen = 0
        self._update_jump()

    def clear(self) -> None:
        self.model.clear()
        self.jump_to_latest()
        self._update_placeholder()

    def _update_jump(self) -> None:
        if self.follow:
            self.jump.hide()
            return
        self.jump.setText(self.tr("↓ %n new line(s) — End to follow", "", self._unseen))
        self.jump.adjustSize()
        self._place_jump()
        self.jump.show()

    def _place_jump(self) -> None:
        x = (self.list.width() - self.jump.width()) // 2
        self.jump.move(max(0, x), max(0, self.list.height() - self.jump.height() - 10))
