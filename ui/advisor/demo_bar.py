"""The demo strip: says loudly that this is a replay of a recorded call, with speed (1×, 2×, 4×),
restart and the replay position.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from copilot.timeline import clock
from ui.common.i18n import Retranslating
from ui.common.widgets import ElidedLabel

SPEEDS = (1.0, 2.0, 4.0)


class DemoBar(Retranslating, QFrame):
    speed_changed = Signal(float)
    restart_clicked = Signal()

    def __init__(self, speed: float = 1.0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DemoBanner")
        self.finished = False
        self.title = QLabel(objectName="DemoTitle")
        self.note = ElidedLabel()
        self.note.setObjectName("Muted")
        self.position = QLabel(objectName="Muted")
        self.speed_label = QLabel(objectName="Muted")
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.speed_buttons: dict[float, QToolButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.note, 1)
        layout.addWidget(self.position)
        layout.addSpacing(10)
        layout.addWidget(self.speed_label)
        for value in SPEEDS:
            button = QToolButton()
            button.setCheckable(True)
            button.setText(f"{value:g}×")
            button.setObjectName(f"speed_{value:g}")
            button.clicked.connect(lambda _c=False, v=value: self.speed_changed.emit(v))
            self.group.addButton(button)
            self.speed_buttons[value] = button
            layout.addWidget(button)
        self.restart = QToolButton()
        self.restart.setObjectName("restart")
        self.restart.clicked.connect(self.restart_clicked)
        layout.addSpacing(6)
        layout.addWidget(self.restart)
        self.set_speed(speed)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("DEMO REPLAY · 演示回放"))
        self.speed_label.setText(self.tr("Speed"))
        self.restart.setText(self.tr("Restart (Ctrl+R)"))
        self._update_note()

    def _update_note(self) -> None:
        if self.finished:
            self.note.setText(self.tr("Replay finished."))
        else:
            self.note.setText(self.tr("A recorded demo call, not a live call."))

    def set_speed(self, speed: float) -> None:
        button = self.speed_buttons.get(float(speed))
        if button is not None:
            button.setChecked(True)

    def set_position(self, position_ms: int, duration_ms: int) -> None:
        self.position.setText(f"{clock(position_ms)} / {clock(duration_ms)}")

    def set_finished(self, finished: bool) -> None:
        self.finished = finished
        self._update_note()
