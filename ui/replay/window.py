"""The replay window: pick a stored call, read its transcript against a timeline of stages,
warnings, suggestions and outcome, and play both sides' audio with the current line following.

The window takes its store (and, for tests, the clock) in the constructor; playback position is
polled from the Player on a timer that runs only while playing.
"""

from __future__ import annotations

import bisect
import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from copilot.events import Event
from copilot.store import SessionRecord, SessionStore
from copilot.timeline import clock, local_time
from ui.replay.look import label
from ui.replay.player import Player, Track, load_mix
from ui.replay.session_list import SessionListPanel
from ui.replay.timeline import TimelineStrip

SPEEDS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)
SPEAKERS = {"advisor": "坐席", "customer": "客户"}
WARN_BRUSH = QBrush(QColor("#fdecea"))
TICK_MS = 50


class ReplayWindow(QMainWindow):
    def __init__(
        self,
        store: SessionStore,
        session_id: str | None = None,
        *,
        use_device: bool | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("Copilot · Replay"))
        self.store = store
        self.use_device = use_device
        self.monotonic = monotonic
        self.record: SessionRecord | None = None
        self.player: Player | None = None
        self._starts: list[int] = []
        self._warning_targets: list[int] = []
        self._row = -1

        self.sessions = SessionListPanel(store)
        self.sessions.sessionChosen.connect(self.open_session)
        self.sessions.problem.connect(self.statusBar().showMessage)
        self.header = QLabel(self.tr("Choose a call on the left"))
        self.header.setWordWrap(True)
        self.timeline = TimelineStrip()
        self.timeline.seekRequested.connect(self.seek)
        self.transcript = self._transcript_table()
        self.warnings = QListWidget()
        self.warnings.itemClicked.connect(lambda item: self.seek(item.data(Qt.ItemDataRole.UserRole)))
        self.setCentralWidget(self._layout())
        self.timer = QTimer(self, interval=TICK_MS)
        self.timer.timeout.connect(self.tick)
        QShortcut(QKeySequence("N"), self, activated=self.next_warning)
        QShortcut(QKeySequence("Space"), self, activated=self.toggle_play)
        QShortcut(QKeySequence("F5"), self, activated=self.sessions.refresh)  # calls since opened
        self.resize(1200, 720)
        if session_id:
            self.sessions.select(session_id)
            if self.record is None:  # filtered out of the list: open it anyway
                self.open_session(session_id)

    # ----------------------------------------------------------------- layout
    def _transcript_table(self) -> QTableWidget:
        table = QTableWidget(0, 3)
        table.setHorizontalHeaderLabels([self.tr("Time"), self.tr("Speaker"), self.tr("Text")])
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(True)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        table.cellClicked.connect(lambda row, _col: self.seek(self._starts[row]))
        return table

    def _layout(self) -> QWidget:
        self.play_button = QPushButton(self.tr("Play"))
        self.play_button.clicked.connect(self.toggle_play)
        self.position_label = QLabel("00:00 / 00:00")
        self.speed_box = QComboBox()
        for speed in SPEEDS:
            self.speed_box.addItem(f"{speed:g}×", speed)
        self.speed_box.setCurrentIndex(SPEEDS.index(1.0))
        self.speed_box.currentIndexChanged.connect(
            lambda _i: self.set_speed(self.speed_box.currentData()))
        self.next_button = QPushButton(self.tr("Next warning (N)"))
        self.next_button.clicked.connect(self.next_warning)
        controls = QHBoxLayout()
        for widget in (self.play_button, self.position_label, QLabel(self.tr("Speed")),
                       self.speed_box, self.next_button):
            controls.addWidget(widget)
        controls.addStretch(1)
        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(self.transcript)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(QLabel(self.tr("Warnings")))
        side_layout.addWidget(self.warnings)
        body.addWidget(side)
        body.setSizes([700, 250])
        right = QWidget()
        layout = QVBoxLayout(right)
        layout.addWidget(self.header)
        layout.addWidget(self.timeline)
        layout.addLayout(controls)
        layout.addWidget(body, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.sessions)
        split.addWidget(right)
        split.setSizes([380, 820])
        return split

    # ----------------------------------------------------------------- loading
    def open_session(self, session_id: str) -> None:
        if self.player is not None:
            self.player.close()
        self.timer.stop()
        record = self.store.load(session_id)
        self.record = record
        tracks = [Track(a["speaker"], a["path"], a["offset_ms"] or 0) for a in record.audio]
        samples, problems = load_mix(tracks)
        duration = max([record.session.get("duration_ms") or 0,
                        *(u["end_ms"] for u in record.utterances)])
        self.player = Player(samples, duration, use_device=self.use_device,
                             monotonic=self.monotonic)
        self._fill(record)
        self.statusBar().showMessage("; ".join([self.tr(self.player.note), *problems]))
        self._row = -1
        self.tick()

    def _fill(self, record: SessionRecord) -> None:
        s = record.session
        self.header.setText(
            f"<b>{s.get('advisor') or '—'}</b> · {s.get('team') or '—'} · {local_time(s['started_at'])}"
            f" · {clock(s.get('duration_ms') or 0)} · {s.get('status')} · "
            f"{self.tr('outcome')}: {s.get('outcome') or '—'}")
        warnings = record.warnings()
        flagged = {e.utterance_id for e in warnings if e.utterance_id}
        self._starts = [u["start_ms"] for u in record.utterances]
        self.transcript.setRowCount(len(record.utterances))
        for i, u in enumerate(record.utterances):
            cells = (clock(u["start_ms"]), SPEAKERS.get(u["speaker"], u["speaker"]), u["text"])
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if u["utterance_id"] in flagged:
                    item.setBackground(WARN_BRUSH)
                self.transcript.setItem(i, j, item)
        self.transcript.resizeRowsToContents()
        self.timeline.set_call(self.player.duration_ms, record.events, warnings)
        # where a warning is heard: the start of its utterance, else its own time
        starts = {u["utterance_id"]: u["start_ms"] for u in reversed(record.utterances)}
        targets = [starts.get(e.utterance_id, e.t_ms) if e.utterance_id else e.t_ms
                   for e in warnings]
        self._warning_targets = sorted(set(targets))
        self.warnings.clear()
        for e, target in zip(warnings, targets, strict=True):
            item = QListWidgetItem(f"{clock(e.t_ms)}  {_describe(e)}")
            item.setData(Qt.ItemDataRole.UserRole, target)
            self.warnings.addItem(item)
        self.next_button.setEnabled(bool(warnings))

    # ----------------------------------------------------------------- playback
    def tick(self) -> None:
        if self.player is None:
            return
        position = self.player.position_ms()
        self.timeline.set_position(position)
        self.position_label.setText(f"{clock(position)} / {clock(self.player.duration_ms)}")
        row = bisect.bisect_right(self._starts, position) - 1
        if row != self._row:
            self._row = row
            if row >= 0:
                self.transcript.setCurrentCell(row, 2)
                self.transcript.scrollToItem(self.transcript.item(row, 2))
            else:
                self.transcript.clearSelection()
        if not self.player.playing and self.timer.isActive():
            self.timer.stop()
            self.play_button.setText(self.tr("Play"))

    def current_row(self) -> int:
        return self._row

    def seek(self, ms: int) -> None:
        if self.player is not None:
            self.player.seek(ms)
            self.tick()

    def toggle_play(self) -> None:
        if self.player is None:
            return
        if self.player.playing:
            self.player.pause()
            self.timer.stop()
            self.play_button.setText(self.tr("Play"))
        else:
            self.player.play()
            self.timer.start()
            self.play_button.setText(self.tr("Pause"))
        self.tick()

    def set_speed(self, speed: float) -> None:
        if self.player is not None:
            self.player.set_speed(speed)
        if self.speed_box.currentData() != speed:
            self.speed_box.setCurrentIndex(SPEEDS.index(speed))

    def next_warning(self) -> None:
        """Jump to the first warning after the current position (wrapping to the first)."""
        if self.player is None or not self._warning_targets:
            return
        position = self.player.position_ms()
        later = [t for t in self._warning_targets if t > position]
        self.seek(later[0] if later else self._warning_targets[0])

    def closeEvent(self, event) -> None:
        self.timer.stop()
        if self.player is not None:
            self.player.close()
        super().closeEvent(event)


def _describe(event: Event) -> str:
    if event.type == "violation":
        name = label(event.category)
        return f"{name} «{event.matched}»" if event.matched else name
    return "✗ " + ", ".join(label(m) for m in getattr(event, "missing", ()))
