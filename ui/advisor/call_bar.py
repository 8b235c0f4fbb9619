"""The call bar along the top: start/end the call, elapsed time, each side's input device with a
live level meter, model status (loading, ready, missing with how to install), and the session id.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QWidget,
)

from copilot.timeline import clock
from ui.common.i18n import Retranslating
from ui.common.labels import label
from ui.common.widgets import ElidedLabel, LevelMeter

LOADING, READY, MISSING, ERROR = "loading", "ready", "missing", "error"


def meter_level(rms: float, floor_db: float = -60.0) -> float:
    """Map an RMS amplitude to 0..1 on a dB scale, as level meters do (speech sits mid-scale)."""
    if rms <= 0:
        return 0.0
    db = 20 * math.log10(min(rms, 1.0))
    return max(0.0, min(1.0, (db - floor_db) / -floor_db))


class ModelStatus(ElidedLabel):
    """One component's state; the tooltip (and a click) says how to fix a missing one."""

    clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ModelStatus")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.state = LOADING
        self.detail = ""

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def set_state(self, state: str, text: str, detail: str = "") -> None:
        self.state = state
        self.detail = detail
        self.setProperty("state", state)
        self.setText(text)
        self.setToolTip(detail or text)
        self.style().unpolish(self)
        self.style().polish(self)


class CallBar(Retranslating, QFrame):
    call_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CallBar")
        self.active = False
        self.button = QPushButton(objectName="CallButton")
        self.button.clicked.connect(self.call_clicked)
        self.elapsed = QLabel("00:00", objectName="Elapsed")
        self.devices: dict[str, QLabel] = {}
        self.meters: dict[str, LevelMeter] = {}
        self.device_names: dict[str, str] = {"advisor": "", "customer": ""}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 5, 8, 5)
        layout.setSpacing(8)
        layout.addWidget(self.button)
        layout.addWidget(self.elapsed)
        for side in ("advisor", "customer"):
            name = ElidedLabel()
            name.setObjectName("Muted")
            name.setMaximumWidth(190)
            meter = LevelMeter()
            meter.setObjectName(f"meter_{side}")
            self.devices[side], self.meters[side] = name, meter
            layout.addSpacing(6)
            layout.addWidget(name)
            layout.addWidget(meter)
        layout.addStretch(1)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: something loads in the background
        self.progress.setFixedWidth(60)
        self.progress.setTextVisible(False)
        self.kb_status = ModelStatus()
        self.asr_status = ModelStatus()
        self.embed_status = ModelStatus()
        for widget in (self.progress, self.kb_status, self.asr_status, self.embed_status):
            layout.addWidget(widget)
        self.session = ElidedLabel()
        self.session.setObjectName("SessionId")
        self.session.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addSpacing(6)
        layout.addWidget(self.session)
        self.retranslate()

    def retranslate(self) -> None:
        self.set_active(self.active)
        self.elapsed.setToolTip(self.tr("Elapsed call time"))
        for side in ("advisor", "customer"):
            self._show_device(side)
        self.session.setToolTip(self.tr("Session id (stored with the call)"))

    def set_active(self, active: bool) -> None:
        self.active = active
        self.button.setProperty("active", "true" if active else "false")
        self.button.setText(self.tr("End call (F9)") if active else self.tr("Start call (F9)"))
        self.button.style().unpolish(self.button)
        self.button.style().polish(self.button)

    def set_elapsed(self, ms: int) -> None:
        text = clock(ms)
        if text != self.elapsed.text():
            self.elapsed.setText(text)

    def set_devices(self, advisor: str, customer: str) -> None:
        self.device_names = {"advisor": advisor, "customer": customer}
        for side in self.device_names:
            self._show_device(side)

    def _show_device(self, side: str) -> None:
        name = self.device_names.get(side) or self.tr("default input")
        self.devices[side].setText(f"{label(side)}: {name}")

    def set_levels(self, advisor: float, customer: float) -> None:
        """Input RMS (0..1 full scale) per side, shown on a -60..0 dBFS scale."""
        self.meters["advisor"].set_level(meter_level(advisor))
        self.meters["customer"].set_level(meter_level(customer))

    def set_session(self, session_id: str) -> None:
        self.session.setText(f"# {session_id}" if session_id else "")

    def set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
