"""End of call: the advisor records how it ended (sale, call back at a date and time, not
interested, refused, hung up) with notes; the controller stores it as an `OutcomeEvent`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ui.common.i18n import Retranslating
from ui.common.labels import OUTCOMES, label


@dataclass(frozen=True)
class Outcome:
    outcome: str
    callback_at: datetime | None
    notes: str


class OutcomeDialog(Retranslating, QDialog):
    def __init__(self, parent: QWidget | None = None, session_id: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("OutcomeDialog")
        self.session_id = session_id
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        grid = QGridLayout()
        for index, outcome in enumerate(OUTCOMES):
            button = QRadioButton()
            button.setObjectName(f"outcome_{outcome}")
            self.group.addButton(button, index)
            self.buttons[outcome] = button
            grid.addWidget(button, index // 2, index % 2)
        self.when_label = QLabel()
        self.when = QDateTimeEdit(QDateTime(default_callback_time()))
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.notes_label = QLabel()
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(90)
        self.box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.box.accepted.connect(self.accept)
        self.box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(grid)
        layout.addWidget(self.when_label)
        layout.addWidget(self.when)
        layout.addWidget(self.notes_label)
        layout.addWidget(self.notes)
        layout.addWidget(self.box)
        self.group.idToggled.connect(self._update)
        self.retranslate()
        self._update()
        self.resize(440, self.sizeHint().height())

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Call outcome"))
        heading = self.tr("How did the call end?")
        if self.session_id:
            heading += "  " + self.tr("(session %1)").replace("%1", self.session_id)
        self.heading.setText(heading)
        for outcome, button in self.buttons.items():
            button.setText(label(outcome))
        self.when_label.setText(self.tr("Call back at"))
        self.notes_label.setText(self.tr("Notes"))
        self.notes.setPlaceholderText(self.tr("What was agreed, what to prepare next time…"))

    def choose(self, outcome: str, callback_at: datetime | None = None, notes: str = "") -> None:
        """Fill the form (keyboard users and tests)."""
        self.buttons[outcome].setChecked(True)
        if callback_at is not None:
            self.when.setDateTime(QDateTime(callback_at))
        if notes:
            self.notes.setPlainText(notes)

    def selected(self) -> str | None:
        for outcome, button in self.buttons.items():
            if button.isChecked():
                return outcome
        return None

    def result_outcome(self) -> Outcome | None:
        outcome = self.selected()
        if outcome is None:
            return None
        when = None
        if outcome == "callback":
            when = self.when.dateTime().toPython().replace(second=0, microsecond=0)
        return Outcome(outcome, when, self.notes.toPlainText().strip())

    def _update(self, *_args) -> None:
        callback = self.buttons["callback"].isChecked()
        self.when.setEnabled(callback)
        self.when_label.setEnabled(callback)
        ok = self.box.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.selected() is not None)


def default_callback_time(now: datetime | None = None) -> datetime:
    """Tomorrow at the same time, rounded to the quarter hour (the dialog's starting value)."""
    now = (now or datetime.now()) + timedelta(days=1)
    return now.replace(minute=now.minute - now.minute % 15, second=0, microsecond=0)
