"""Suggestion cards: up to three scripts and a couple of product facts for what the customer just
said, each saying which objection or question it answers; click (or Ctrl+1..3) copies the text,
a pinned card stays while new ones replace the rest.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from copilot.events import FactEvent, SignalEvent, SuggestionEvent
from ui.common.i18n import Retranslating
from ui.common.labels import label
from ui.common.widgets import WrapLabel, column

MAX_SCRIPTS = 3
MAX_FACTS = 2


@dataclass
class CardData:
    item_id: str
    kind: str  # script | fact
    title: str
    text: str
    answers: str = ""
    handles: tuple[str, ...] = ()
    product: str = ""
    t_ms: int = 0
    pinned: bool = False

    @classmethod
    def of(cls, event: SuggestionEvent | FactEvent) -> CardData:
        if isinstance(event, FactEvent):
            return cls(event.item_id, "fact", event.title, event.text,
                       product=event.product_name or event.product,
                       t_ms=event.t_ms)
        return cls(event.item_id, event.kind or "script", event.title, event.text,
                   answers=event.answers, handles=tuple(event.handles), t_ms=event.t_ms)


class SuggestionCard(QFrame):
    """One card; clicking anywhere on it copies its text."""

    copy_requested = Signal(str)
    pin_toggled = Signal(str, bool)

    def __init__(self, data: CardData, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = data
        self.number = number
        self.setObjectName("Card")
        self.setProperty("kind", "fact" if data.kind == "fact" else "script")
        self.setProperty("pinned", "true" if data.pinned else "false")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.answers = QLabel(objectName="CardAnswers")
        self.answers.setWordWrap(True)
        self.title = QLabel(data.title, objectName="CardTitle")
        self.title.setWordWrap(True)
        self.title.setVisible(bool(data.title))
        self.body = WrapLabel(data.text)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.copy = QToolButton()
        self.copy.clicked.connect(lambda: self.copy_requested.emit(self.data.item_id))
        self.pin = QToolButton()
        self.pin.setCheckable(True)
        self.pin.setChecked(data.pinned)
        self.pin.toggled.connect(lambda on: self.pin_toggled.emit(self.data.item_id, on))
        head = QHBoxLayout()
        head.setSpacing(4)
        head.addWidget(self.answers, 1)
        head.addWidget(self.pin, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.copy, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.setSpacing(3)
        layout.addLayout(head)
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        self.retranslate()

    def retranslate(self) -> None:
        d = self.data
        if d.kind == "fact":
            what = self.tr("Fact") + (f" · {d.product}" if d.product else "")
        else:
            topic = label(d.answers) if d.answers else "、".join(label(h) for h in d.handles)
            what = self.tr("Answers: %1").replace("%1", topic) if topic else self.tr("Script")
        self.answers.setText(what)
        shortcut = f" Ctrl+{self.number}" if self.number <= MAX_SCRIPTS else ""
        self.copy.setText(self.tr("Copy") + shortcut)
        self.copy.setToolTip(self.tr("Copy the text to the clipboard"))
        self.pin.setText(self.tr("Pinned") if d.pinned else self.tr("Pin"))
        self.pin.setToolTip(self.tr("Keep this card while new suggestions arrive"))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.copy_requested.emit(self.data.item_id)
        super().mouseReleaseEvent(event)


class SuggestionPanel(Retranslating, QWidget):
    """The cards column; pinned first, then the newest scripts, then the newest facts."""

    copied = Signal(str)  # the text put on the clipboard

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cards: list[CardData] = []
        self.signal_id = ""
        self.title = QLabel(objectName="SectionTitle")
        self.chip = QLabel(objectName="SignalChip")
        # the signal must be read whole: the section title gives way, never the chip
        self.chip.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)
        self.chip.hide()
        self.empty = WrapLabel()
        self.empty.setObjectName("Muted")
        self.empty.setContentsMargins(8, 8, 8, 8)
        self.container = QWidget()
        self.column = QVBoxLayout(self.container)
        self.column.setContentsMargins(8, 4, 8, 8)
        self.column.setSpacing(8)
        self.column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.container)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 8, 0)
        head.addWidget(self.title, 1)
        head.addWidget(self.chip)
        column(self, head, self.empty, scroll, grow=scroll)
        self.widgets: list[SuggestionCard] = []
        self.retranslate()

    # inputs
    def apply(self, events: list) -> None:
        changed = False
        for event in events:
            if isinstance(event, SuggestionEvent | FactEvent):
                self._add(CardData.of(event))
                changed = True
            elif isinstance(event, SignalEvent):
                self.signal_id = event.signal
                self._update_chip()
        if changed:
            self.render()

    def _add(self, card: CardData) -> None:
        old = next((c for c in self.cards if c.item_id == card.item_id), None)
        if old is not None:
            card.pinned = old.pinned
            self.cards.remove(old)
        self.cards.insert(0, card)
        pinned = [c for c in self.cards if c.pinned]
        scripts = [c for c in self.cards if not c.pinned and c.kind != "fact"][:MAX_SCRIPTS]
        facts = [c for c in self.cards if not c.pinned and c.kind == "fact"][:MAX_FACTS]
        self.cards = pinned + scripts + facts

    def clear(self) -> None:
        self.cards.clear()
        self.signal_id = ""
        self._update_chip()
        self.render()

    # commands
    def copy_card(self, number: int) -> str | None:
        """Copy the text of the card shown as `number` (1-based); returns it, or None."""
        if not 1 <= number <= len(self.cards):
            return None
        return self.copy_item(self.cards[number - 1].item_id)

    def copy_item(self, item_id: str) -> str | None:
        card = next((c for c in self.cards if c.item_id == item_id), None)
        if card is None:
            return None
        QGuiApplication.clipboard().setText(card.text)
        self.copied.emit(card.text)
        return card.text

    def toggle_pin(self, number: int) -> None:
        if 1 <= number <= len(self.cards):
            card = self.cards[number - 1]
            self.set_pinned(card.item_id, not card.pinned)

    def set_pinned(self, item_id: str, on: bool) -> None:
        card = next((c for c in self.cards if c.item_id == item_id), None)
        if card is not None and card.pinned != on:
            card.pinned = on
            self.cards.sort(key=lambda c: not c.pinned)  # stable: pinned first, order kept
            self.render()

    # drawing
    def retranslate(self) -> None:
        self.title.setText(self.tr("Suggestions"))
        self.empty.setText(
            self.tr("Scripts and product facts appear here when the customer objects or asks.")
        )
        self._update_chip()
        for widget in self.widgets:
            widget.retranslate()

    def _update_chip(self) -> None:
        if self.signal_id:
            self.chip.setText(self.tr("Customer: %1").replace("%1", label(self.signal_id)))
        self.chip.setVisible(bool(self.signal_id))

    def render(self) -> None:
        for widget in self.widgets:
            self.column.removeWidget(widget)
            widget.deleteLater()
        self.widgets = []
        for number, card in enumerate(self.cards, start=1):
            widget = SuggestionCard(card, number)
            widget.copy_requested.connect(self.copy_item)
            widget.pin_toggled.connect(self.set_pinned)
            self.column.insertWidget(self.column.count() - 1, widget)
            self.widgets.append(widget)
        self.empty.setVisible(not self.cards)
