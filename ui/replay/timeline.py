"""The strip above the transcript: SOP stages as coloured bands, warnings, suggestions and the
outcome as markers, and the playback position; a click seeks there.

Drawn with QPainter (no charts module): stages fill the upper band, markers sit below it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from copilot.events import Event
from copilot.timeline import clock
from ui.replay.look import label

MARK_COLORS = {"warning": QColor("#d32f2f"), "suggestion": QColor("#1976d2"),
               "outcome": QColor("#2e7d32")}


@dataclass(frozen=True)
class Mark:
    kind: str  # warning | suggestion | outcome
    t_ms: int
    text: str


def stage_color(stage: str) -> QColor:
    """A stable pastel per stage id (KBs may define their own stages)."""
    hue = int(hashlib.md5(stage.encode()).hexdigest()[:4], 16) % 360
    return QColor.fromHsl(hue, 120, 200)


class TimelineStrip(QWidget):
    seekRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(46)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        self.duration_ms = 1
        self.position_ms = 0
        self.stages: list[tuple[int, int, str]] = []
        self.marks: list[Mark] = []

    def set_call(self, duration_ms: int, events: list[Event], warnings: list[Event]) -> None:
        self.duration_ms = max(duration_ms, 1)
        starts = [(e.t_ms, e.label or e.stage) for e in events if e.type == "stage"]
        self.stages = [(t, starts[i + 1][0] if i + 1 < len(starts) else self.duration_ms, s)
                       for i, (t, s) in enumerate(starts)]
        self.marks = [Mark("warning", e.t_ms, label(getattr(e, "category", "")) or
                           ", ".join(label(m) for m in getattr(e, "missing", ()))) for e in warnings]
        self.marks += [Mark("suggestion", e.t_ms, e.title or e.item_id)
                       for e in events if e.type == "suggestion"]
        self.marks += [Mark("outcome", e.t_ms, e.outcome) for e in events if e.type == "outcome"]
        self.position_ms = 0
        self.update()

    def set_position(self, ms: int) -> None:
        if ms != self.position_ms:
            self.position_ms = ms
            self.update()

    def x_of(self, ms: int) -> float:
        return 4 + (self.width() - 8) * min(max(ms, 0), self.duration_ms) / self.duration_ms

    def ms_at(self, x: float) -> int:
        return int(min(max((x - 4) / max(self.width() - 8, 1), 0.0), 1.0) * self.duration_ms)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.seekRequested.emit(self.ms_at(event.position().x()))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        ms = self.ms_at(event.position().x())
        near = [m for m in self.marks if abs(self.x_of(m.t_ms) - event.position().x()) < 5]
        stage = next((s for a, b, s in self.stages if a <= ms < b), "")
        parts = [clock(ms), stage, *(f"{m.kind}: {m.text}" for m in near)]
        self.setToolTip("\n".join(p for p in parts if p))

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        band = QRectF(4, 4, self.width() - 8, 18)
        p.fillRect(band, QColor("#eeeeee"))
        for start, end, stage in self.stages:
            rect = QRectF(self.x_of(start), band.top(), self.x_of(end) - self.x_of(start),
                          band.height())
            p.fillRect(rect, stage_color(stage))
            p.setPen(QColor("#333333"))
            p.drawText(rect.adjusted(3, 0, -2, 0), Qt.AlignmentFlag.AlignVCenter, stage)
        for mark in self.marks:
            self._draw_mark(p, mark, band.bottom() + 4)
        p.setPen(QPen(QColor("#000000"), 2))
        x = self.x_of(self.position_ms)
        p.drawLine(QPointF(x, 1), QPointF(x, self.height() - 1))
        p.end()

    def _draw_mark(self, p: QPainter, mark: Mark, top: float) -> None:
        x = self.x_of(mark.t_ms)
        color = MARK_COLORS[mark.kind]
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(color)
        if mark.kind == "warning":
            path = QPainterPath(QPointF(x, top))
            path.lineTo(x - 6, top + 12)
            path.lineTo(x + 6, top + 12)
            path.closeSubpath()
            p.drawPath(path)
        elif mark.kind == "suggestion":
            p.drawEllipse(QPointF(x, top + 12), 3.5, 3.5)
        else:
            p.drawRect(QRectF(x - 1, top, 2, 16))
            p.drawRect(QRectF(x + 1, top, 8, 6))
