""""Try it": a sentence or a short dialogue through the real engine with the KB as edited.

Nothing needs saving: the window hands over the KB loaded from the unsaved edits; the run happens
off the UI thread and is repeated after every edit, so trainers see a new script get suggested
(or a loosened rule start firing) as they type.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from copilot.curation.dialogue import parse_dialogue
from copilot.curation.trial import Trial, describe, run_dialogue
from ui.workbench.jobs import JobRunner

EVENT_COLOURS = {
    "violation": "#c4271b",
    "missing_disclosure": "#c4271b",
    "signal": "#b9560a",
    "suggestion": "#1f6feb",
    "fact": "#175cd3",
    "stage": "#12805c",
    "step_done": "#12805c",
    "disclosure": "#12805c",
}
SPEAKER_LABELS = {"advisor": "坐席", "customer": "客户"}
EXAMPLE = "坐席: 您好，我是嘉和人寿的顾问小李，本次通话会全程录音\n客户: 太贵了，我再考虑考虑"


class TryItPanel(QWidget):
    """Input box, default speaker, and the engine's events per utterance."""

    finished = Signal(object)  # Trial

    def __init__(self, settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.kb = None
        self.input = QPlainTextEdit()
        self.input.setPlaceholderText(self.tr("Type a sentence, or a dialogue with one turn per line:")
                                      + "\n" + EXAMPLE)
        self.input.setFixedHeight(self.input.fontMetrics().lineSpacing() * 4 + 14)
        self.speaker = QComboBox()
        self.speaker.addItem(self.tr("customer 客户"), "customer")
        self.speaker.addItem(self.tr("advisor 坐席"), "advisor")
        self.speaker.setToolTip(self.tr("Speaker of lines without 坐席:/客户: (A:/C:)"))
        self.run_button = QPushButton(self.tr("Run"))
        self.auto = QCheckBox(self.tr("re-run on every change"))
        self.auto.setChecked(True)
        self.status = QLabel()
        self.status.setObjectName("Muted")
        self.status.setWordWrap(True)
        self.output = QTreeWidget()
        self.output.setHeaderHidden(True)
        self.output.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("unmarked lines:")))
        row.addWidget(self.speaker)
        row.addWidget(self.auto)
        row.addStretch(1)
        row.addWidget(self.run_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.input)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.output, 1)
        self.runner = JobRunner(self)
        self.runner.finished.connect(self._show)
        self.runner.failed.connect(self._failed)
        self._debounce = QTimer(self, singleShot=True, interval=400)
        self._debounce.timeout.connect(self.run)
        self.run_button.clicked.connect(self.run)
        self.input.textChanged.connect(self._schedule)
        self.speaker.currentIndexChanged.connect(self._schedule)

    def set_kb(self, kb, problem: str = "") -> None:
        """The KB as edited (None while it has errors, with `problem` saying why)."""
        self.kb = kb
        if kb is None:
            self.status.setText(problem or self.tr("The KB has errors; fix them to try it."))
        elif self.auto.isChecked():
            self._schedule()

    def _schedule(self) -> None:
        if self.input.toPlainText().strip():
            self._debounce.start()

    def run(self) -> None:
        text = self.input.toPlainText()
        if not text.strip():
            return
        if self.kb is None:
            self.status.setText(self.tr("The KB has errors; see Problems."))
            return
        utterances = parse_dialogue(text, self.speaker.currentData())
        kb, settings = self.kb, self.settings
        self.status.setText(self.tr("running…"))
        self.runner.start(lambda: run_dialogue(kb, utterances, settings))

    def _failed(self, message: str) -> None:
        self.status.setText(self.tr("Engine error: ") + message)

    def _show(self, trial: Trial) -> None:
        self.output.clear()
        for turn in trial.turns:
            u = turn.utterance
            head = QTreeWidgetItem([f"{SPEAKER_LABELS.get(u.speaker, u.speaker)}: {u.text}"])
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            self.output.addTopLevelItem(head)
            for event in turn.events:
                head.addChild(self._event_row(event))
            if not turn.events:
                head.addChild(QTreeWidgetItem([self.tr("(no events)")]))
            head.setExpanded(True)
        if trial.closing:
            tail = QTreeWidgetItem([self.tr("end of call")])
            self.output.addTopLevelItem(tail)
            for event in trial.closing:
                tail.addChild(self._event_row(event))
            tail.setExpanded(True)
        counts = {}
        for event in trial.events:
            counts[event.type] = counts.get(event.type, 0) + 1
        counts.pop("utterance", None)
        self.status.setText(", ".join(f"{n} {t}" for t, n in sorted(counts.items())) or "no events")
        self.finished.emit(trial)

    @staticmethod
    def _event_row(event) -> QTreeWidgetItem:
        row = QTreeWidgetItem([describe(event)])
        row.setData(0, Qt.ItemDataRole.UserRole, event)
        row.setToolTip(0, describe(event))
        colour = EVENT_COLOURS.get(event.type)
        if colour:
            row.setForeground(0, QBrush(QColor(colour)))
        return row

    def lines(self) -> list[str]:
        """Everything shown, as text (tests and copy-paste)."""
        out = []
        for i in range(self.output.topLevelItemCount()):
            head = self.output.topLevelItem(i)
            out.append(head.text(0))
            out += ["    " + head.child(j).text(0) for j in range(head.childCount())]
        return out
