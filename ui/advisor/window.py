"""The advisor window: lays out the call bar, transcript, process navigator, compliance banner,
suggestion cards and profile, and hands each batch of engine events to the widgets that show it.

It never talks to the engine directly: events arrive through the bridge, commands leave through
the `CallController`.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from copilot.events import (
    DisclosureEvent,
    ErrorEvent,
    MissingDisclosureEvent,
    NoticeEvent,
    UtteranceEvent,
    ViolationEvent,
)
from ui.advisor.call_bar import CallBar
from ui.advisor.compliance import Alert, ComplianceBanner, WarningList
from ui.advisor.controller import ENDED, IDLE, RUNNING, STARTING, CallController
from ui.advisor.demo_bar import DemoBar
from ui.advisor.navigator import ProcessNavigator
from ui.advisor.notices import notice_text
from ui.advisor.profile import ProfilePanel
from ui.advisor.suggestions import SuggestionPanel
from ui.advisor.transcript import TranscriptView
from ui.bridge import EventBridge, Posted
from ui.common.i18n import Retranslating
from ui.common.widgets import column
from ui.common.window_state import window_settings

CLOCK_MS = 100


class AdvisorWindow(Retranslating, QMainWindow):
    """The window; `demo=True` adds the replay strip."""

    batch_applied = Signal(list)  # the Posted items just rendered (benchmarks, tests)
    outcome_requested = Signal()
    restart_requested = Signal()
    retranslated = Signal()
    closing = Signal()

    def __init__(self, controller: CallController, demo: bool = False, speed: float = 1.0):
        super().__init__()
        self.setObjectName("AdvisorWindow")
        self.controller = controller
        self.demo = demo
        self.store = window_settings("advisor")
        self.rendered_events = 0
        self.build()
        controller.bridge_changed.connect(self._attach)
        controller.state_changed.connect(self._state_changed)
        self.clock = QTimer(self)
        self.clock.setInterval(CLOCK_MS)
        self.clock.timeout.connect(self._tick)
        self.clock.start()
        self.retranslate()
        if demo:
            self.demo_bar.set_speed(speed)

    # layout
    def build(self) -> None:
        self.demo_bar = DemoBar()
        self.demo_bar.setVisible(self.demo)
        self.call_bar = CallBar()
        self.error_strip = QFrame(objectName="ComplianceBanner")
        self.error_strip.setProperty("severity", "block")
        self.error_text = QLabel(objectName="BannerTitle")
        self.error_text.setWordWrap(True)
        self.error_close = QToolButton()
        self.error_close.setText("✕")
        self.error_close.clicked.connect(self.error_strip.hide)
        strip = QHBoxLayout(self.error_strip)
        strip.setContentsMargins(10, 4, 6, 4)
        strip.addWidget(self.error_text, 1)
        strip.addWidget(self.error_close)
        self.error_strip.hide()
        self.banner = ComplianceBanner()
        self.navigator = ProcessNavigator()
        self.transcript = TranscriptView()
        self.transcript_title = QLabel(objectName="SectionTitle")
        self.suggestions = SuggestionPanel()
        self.profile = ProfilePanel()
        self.warnings = WarningList()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.profile, "")
        self.tabs.addTab(self.warnings, "")

        center = QWidget()
        column(center, self.transcript_title, self.transcript, grow=self.transcript)

        self.right = QSplitter(Qt.Orientation.Vertical)
        self.right.setObjectName("RightSplitter")
        self.right.addWidget(self.suggestions)
        self.right.addWidget(self.tabs)
        self.right.setStretchFactor(0, 3)
        self.right.setStretchFactor(1, 2)

        self.main = QSplitter(Qt.Orientation.Horizontal)
        self.main.setObjectName("MainSplitter")
        for widget in (self.navigator, center, self.right):
            panel = QFrame(objectName="Panel")
            column(panel, widget)
            self.main.addWidget(panel)
        self.main.setStretchFactor(0, 2)
        self.main.setStretchFactor(1, 5)
        self.main.setStretchFactor(2, 4)
        self.main.setChildrenCollapsible(False)

        alerts = QVBoxLayout()
        alerts.setContentsMargins(8, 6, 8, 0)
        alerts.setSpacing(6)
        alerts.addWidget(self.error_strip)
        alerts.addWidget(self.banner)
        body = QWidget()
        column(body, self.demo_bar, self.call_bar, alerts, self.main, grow=self.main)
        self.setCentralWidget(body)
        self.statusBar()

        self.call_bar.call_clicked.connect(self.toggle_call)
        self.banner.acknowledged.connect(lambda _k: self._refresh_warnings())
        self.profile.edited.connect(self.controller.record_profile)
        self.suggestions.copied.connect(
            lambda text: self.statusBar().showMessage(self.tr("Copied: %1").replace("%1", text[:40]), 3000)
        )

    def default_layout(self) -> None:
        width = max(self.width(), 900)
        self.main.setSizes([int(width * 0.2), int(width * 0.44), int(width * 0.36)])
        self.right.setSizes([int(self.height() * 0.58), int(self.height() * 0.42)])

    # persistence
    def restore_layout(self) -> None:
        geometry = self.store.value("geometry")
        if isinstance(geometry, QByteArray | bytes) and self.restoreGeometry(QByteArray(geometry)):
            pass
        else:
            self.resize(1280, 800)
        self.default_layout()
        for name, splitter in self._splitters().items():
            state = self.store.value(f"splitters/{name}")
            if isinstance(state, QByteArray | bytes):
                splitter.restoreState(QByteArray(state))

    def save_layout(self) -> None:
        self.store.setValue("geometry", self.saveGeometry())
        for name, splitter in self._splitters().items():
            self.store.setValue(f"splitters/{name}", splitter.saveState())
        self.store.sync()

    def _splitters(self) -> dict[str, QSplitter]:
        return {"main": self.main, "right": self.right, "navigator": self.navigator.splitter}

    # translation
    def retranslate(self) -> None:
        title = self.tr("Copilot — advisor")
        if self.demo:
            title += " · " + self.tr("DEMO REPLAY")
        self.setWindowTitle(title)
        self.transcript_title.setText(self.tr("Live transcript"))
        self.transcript.set_placeholder(
            self.tr("The demo call starts as soon as the knowledge base is loaded…")
            if self.demo
            else self.tr("Press F9 to start a call. What both sides say appears here.")
        )
        self.tabs.setTabText(0, self.tr("Customer profile"))
        self._refresh_warnings()
        self.retranslated.emit()

    # events
    def _attach(self, bridge: EventBridge) -> None:
        bridge.batch.connect(functools.partial(self.apply_batch, bridge))
        self.clear_call()

    def clear_call(self) -> None:
        self.transcript.clear()
        self.navigator.reset()
        self.banner.clear()
        self.suggestions.clear()
        self.profile.clear()
        self.warnings.set_alerts([])
        self.error_strip.hide()
        self.call_bar.set_session(self.controller.info.session_id if self.controller.info else "")
        self._refresh_warnings()

    def apply_batch(self, bridge: EventBridge, items: list[Posted]) -> None:
        if bridge is not self.controller.bridge:
            return  # a finished call's late events
        events = [p.event for p in items]
        self.transcript.apply([e for e in events if isinstance(e, UtteranceEvent)])
        self.navigator.apply(events)
        self._apply_alerts(events)
        self.suggestions.apply(events)
        self.profile.apply(events)
        for event in events:
            if isinstance(event, ErrorEvent):
                self.show_error(event.message)
            elif isinstance(event, NoticeEvent):
                self.statusBar().showMessage(notice_text(event), 8000)
        self.rendered_events += len(events)
        self.batch_applied.emit(items)

    def _apply_alerts(self, events: list) -> None:
        changed = False
        disclosures = self.navigator.state.disclosures
        hints = {c: d.hint for c, d in disclosures.items()}
        reasons = {c: d.reason for c, d in disclosures.items()}
        for event in events:
            if isinstance(event, ViolationEvent):
                self.banner.add(Alert.of_violation(event))
                if event.utterance_id:
                    self.transcript.flag(event.utterance_id, event.status != "withdrawn")
                changed = True
            elif isinstance(event, MissingDisclosureEvent):
                self.banner.add(Alert.of_missing(event, hints, reasons))
                changed = True
            elif isinstance(event, DisclosureEvent):
                changed = self.banner.disclosed(event.category) or changed
        if changed:
            self.banner.render()
            self._refresh_warnings()

    def _refresh_warnings(self) -> None:
        alerts = list(self.banner.alerts.values())
        self.warnings.set_alerts(alerts)
        open_count = len(self.banner.pending())
        text = self.tr("Warnings")
        if alerts:
            text += f" ({open_count}/{len(alerts)})" if open_count else f" ({len(alerts)})"
        self.tabs.setTabText(1, text)

    def show_error(self, message: str) -> None:
        self.error_text.setText("⚠ " + message)
        self.error_strip.show()
        self.statusBar().showMessage(message.splitlines()[0] if message else "", 15000)

    # call control
    def toggle_call(self) -> None:
        if self.controller.active:
            self.controller.stop()
        else:
            self.start_call()

    def start_call(self) -> None:
        """Demo: replay again from the start. Otherwise: a live call."""
        if self.demo:
            self.restart_requested.emit()
        else:
            self.controller.start_live()

    def _state_changed(self, state: str) -> None:
        self.call_bar.set_active(state in (STARTING, RUNNING))
        if self.demo:
            self.demo_bar.set_finished(state == ENDED)
        if state == ENDED and not self.controller.failed:
            self.outcome_requested.emit()
        if state == IDLE:
            self.call_bar.set_levels(0, 0)

    def _tick(self) -> None:
        self.controller.poll()
        elapsed = self.controller.elapsed_ms()
        self.call_bar.set_elapsed(elapsed)
        levels = self.controller.levels
        self.call_bar.set_levels(levels.level("advisor"), levels.level("customer"))
        job = self.controller.job
        if self.demo and job is not None:
            self.demo_bar.set_position(job.position_ms(), job.duration_ms)

    def closeEvent(self, event) -> None:
        self.save_layout()
        self.clock.stop()
        self.closing.emit()
        super().closeEvent(event)
