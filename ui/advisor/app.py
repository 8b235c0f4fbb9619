"""Starting the advisor window: `copilot` (live calls) and `copilot demo` (the bundled call
replayed). The window is shown first; the KB, the demo transcript and the models load in the
background, and the demo starts replaying as soon as the KB and the transcript are ready.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from copilot import paths
from copilot.cli._common import settings_from
from copilot.settings import Settings
from ui.advisor.actions import WindowActions
from ui.advisor.controller import CallController
from ui.advisor.outcome import OutcomeDialog
from ui.advisor.shortcuts import SHORTCUTS, describe
from ui.advisor.startup import Startup
from ui.advisor.window import AdvisorWindow
from ui.bridge import run_in_background
from ui.common import i18n, theme
from ui.common.application import application


class AdvisorApp(QObject):
    """Wires the window, the controller, the background loaders and the outcome dialog."""

    def __init__(
        self,
        settings: Settings,
        demo: bool = False,
        speed: float | None = 1.0,
        store: bool = True,
        transcript: Path | None = None,
        start_ms: int = 0,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.demo = demo
        self.speed = speed
        self.transcript_path = transcript or paths.demo_call()
        self.start_ms = start_ms  # the demo may begin part-way (presentations, screenshots)
        self.utterances: list | None = None
        self.notices: list[str] = []
        self.kb_ready = False
        self.dialog: OutcomeDialog | None = None
        self.outcome_recorded = False
        self.controller = CallController(settings, store=store)
        self.window = AdvisorWindow(self.controller, demo=demo, speed=speed or 1.0)
        self.app = application()
        view = self.window.store
        self.theme = theme.apply_theme(self.app, str(view.value("view/theme", settings.theme)))
        self.language = i18n.set_language(str(view.value("view/language", settings.language)))
        self.actions = WindowActions(self.window, self._handlers(), demo)
        on_top = str(view.value("view/on_top", settings.always_on_top)).lower() == "true"
        self.set_on_top(on_top)
        bar = self.window.call_bar
        self.startup = Startup(settings, bar, self)
        self.startup.kb_loaded.connect(self._kb_loaded)
        self.startup.kb_failed.connect(self._kb_failed)
        self.window.retranslated.connect(self._retranslate)
        self.window.outcome_requested.connect(self.open_outcome)
        self.window.restart_requested.connect(self.restart)
        self.window.closing.connect(self.shutdown)
        self.window.demo_bar.speed_changed.connect(self.set_speed)
        self.window.demo_bar.restart_clicked.connect(self.restart)
        if demo:
            self.window.call_bar.set_devices(self.tr("replay"), self.tr("replay"))
        else:
            stereo = settings.stereo_device
            self.window.call_bar.set_devices(
                settings.advisor_device or stereo, settings.customer_device or stereo
            )
        for status in (bar.kb_status, bar.asr_status, bar.embed_status):
            status.clicked.connect(lambda s=status: self.explain_status(s))
        self.window.retranslate()

    def explain_status(self, status) -> None:
        """A click on a model status: what it means and, when missing, how to install it."""
        box = QMessageBox(self.window)
        box.setWindowTitle(self.tr("Models"))
        box.setText(status.text())
        box.setInformativeText(status.toolTip())
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.open()

    def _handlers(self) -> dict:
        w = self.window
        return {
            "toggle_call": w.toggle_call,
            "acknowledge": w.banner.acknowledge,
            "copy_1": lambda: w.suggestions.copy_card(1),
            "copy_2": lambda: w.suggestions.copy_card(2),
            "copy_3": lambda: w.suggestions.copy_card(3),
            "pin_1": lambda: w.suggestions.toggle_pin(1),
            "pin_2": lambda: w.suggestions.toggle_pin(2),
            "pin_3": lambda: w.suggestions.toggle_pin(3),
            "follow": w.transcript.jump_to_latest,
            "outcome": self.end_and_record,
            "speed_1": lambda: self.set_speed(1.0),
            "speed_2": lambda: self.set_speed(2.0),
            "speed_4": lambda: self.set_speed(4.0),
            "restart": self.restart,
            "theme": self.toggle_theme,
            "language": self.toggle_language,
            "on_top": lambda: self.set_on_top(not self.on_top),
            "help": self.show_shortcuts,
            "quit": w.close,
        }

    # start-up
    def show(self) -> None:
        self.window.restore_layout()
        self.window.show()
        self.startup.start()
        if self.demo:
            run_in_background(
                self._read_transcript, self._transcript_read, self._transcript_failed,
                "copilot-read-transcript", guard=self.window,
            )

    def _read_transcript(self):
        from copilot.sources.transcript import read_transcript

        return read_transcript(self.transcript_path)

    def _transcript_read(self, transcript) -> None:
        self.utterances, self.notices = transcript.utterances, transcript.notices
        self._maybe_start_demo()

    def _transcript_failed(self, exc: BaseException) -> None:
        self.window.show_error(str(exc))

    def _kb_loaded(self, kb) -> None:
        self.controller.kb = kb
        self.window.navigator.load_kb(kb)
        self.kb_ready = True
        if not self.demo:
            self.controller.warm_up()  # the first live call then starts without a pause
        self._maybe_start_demo()

    def _kb_failed(self, message: str) -> None:
        self.window.show_error(message)

    def _maybe_start_demo(self) -> None:
        if self.demo and self.kb_ready and self.utterances is not None and not self.controller.info:
            self.restart()

    # demo
    def restart(self) -> None:
        if not self.demo or self.utterances is None or not self.kb_ready:
            return
        self._close_dialog()
        self.controller.start_replay(self.utterances, self.speed, self.notices, self.start_ms)
        self.start_ms = 0  # a restart replays from the beginning
        self.window.demo_bar.set_finished(False)

    def set_speed(self, speed: float) -> None:
        self.speed = speed
        self.controller.set_speed(speed)
        self.window.demo_bar.set_speed(speed)

    # end of call
    def end_and_record(self) -> None:
        if self.controller.active:
            self.controller.stop()  # the state change opens the dialog
        elif self.controller.state == "ended" and not self.outcome_recorded:
            self.open_outcome()

    def open_outcome(self) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            return
        self.outcome_recorded = False
        session_id = self.controller.info.session_id if self.controller.info else ""
        self.dialog = OutcomeDialog(self.window, session_id)
        self.dialog.finished.connect(self._outcome_finished)
        self.dialog.open()

    def _outcome_finished(self, result: int) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        chosen = dialog.result_outcome() if result == QDialog.DialogCode.Accepted else None
        if chosen is not None:
            self.controller.record_outcome(chosen.outcome, chosen.callback_at, chosen.notes)
            self.window.statusBar().showMessage(self.tr("Outcome saved with the session."), 6000)
            self.outcome_recorded = True
        else:  # the session stays open until the next call or quitting: Ctrl+E records it later
            self.window.statusBar().showMessage(
                self.tr("Outcome not recorded yet: Ctrl+E records it."), 10000
            )

    def _close_dialog(self) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.finished.disconnect(self._outcome_finished)
            self.dialog.reject()
        self.dialog = None

    # view options
    def toggle_theme(self) -> None:
        self.theme = theme.apply_theme(self.app, "dark" if self.theme == "light" else "light")
        self.window.store.setValue("view/theme", self.theme)

    def set_theme(self, name: str) -> None:
        self.theme = theme.apply_theme(self.app, name)
        self.window.store.setValue("view/theme", self.theme)

    def toggle_language(self) -> None:
        self.set_language("en" if self.language == "zh" else "zh")

    def set_language(self, language: str) -> None:
        self.language = i18n.set_language(language)
        self.window.store.setValue("view/language", self.language)

    def set_on_top(self, on: bool) -> None:
        self.on_top = on
        visible = self.window.isVisible()
        self.window.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, on)
        if visible:
            self.window.show()  # changing window flags hides the window
        self.actions.actions["on_top"].setChecked(on)
        self.window.store.setValue("view/on_top", on)

    def show_shortcuts(self) -> None:
        rows = "".join(
            f"<tr><td><b>{s.keys}</b></td><td>&nbsp;&nbsp;{describe(s)}</td></tr>"
            for s in SHORTCUTS
            if self.demo or not s.demo_only
        )
        box = QMessageBox(self.window)
        box.setWindowTitle(self.tr("Keyboard shortcuts"))
        box.setText(f"<table>{rows}</table>")
        box.open()

    def _retranslate(self) -> None:
        self.actions.retranslate()
        self.startup.render()

    def shutdown(self) -> None:
        self._close_dialog()
        self.controller.shutdown()


def run(args: argparse.Namespace, demo: bool) -> int:
    settings = settings_from(args)
    app = application()
    advisor = AdvisorApp(
        settings,
        demo=demo,
        speed=getattr(args, "speed", None) or 1.0,
        store=not getattr(args, "no_store", False),
    )
    advisor.show()
    return app.exec()


def run_advisor(args: argparse.Namespace) -> int:
    """`copilot`: the advisor window for live calls."""
    return run(args, demo=False)


def run_demo(args: argparse.Namespace) -> int:
    """`copilot demo`: the window replaying the bundled demo call."""
    return run(args, demo=True)
