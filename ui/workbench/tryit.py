""""Try it": a sentence or a short dialogue through the real engine with the KB as edited.

Nothing needs saving: the window hands over the KB loaded from the unsaved edits; the run happens
off the UI thread and is repeated after every edit, so trainers see a new script get suggested
(or a loosened rule start firing) as they type.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
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
        self.output = QTextBrowser()
        self.output.setOpenLinks(False)
        self._lines: list[str] = []
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
        self._lines = []
        parts = []
        for turn in trial.turns:
            u = turn.utterance
            head = f"{SPEAKER_LABELS.get(u.speaker, u.speaker)}: {u.text}"
            self._lines.append(head)
            parts.append(f"<p style='margin:8px 0 2px 0'><b>{html.escape(head)}</b></p>")
            rows = [self._event_html(e) for e in turn.events] or [
                f"<span style='color:#5f6670'>{html.escape(self.tr('(no events)'))}</span>"]
            self._lines += ["    " + describe(e) for e in turn.events]
            parts.append("<div style='margin-left:14px'>" + "<br>".join(rows) + "</div>")
        if trial.closing:
            self._lines.append(self.tr("end of call"))
            self._lines += ["    " + describe(e) for e in trial.closing]
            parts.append(f"<p style='margin:8px 0 2px 0'><b>{html.escape(self.tr('end of call'))}</b></p>")
            parts.append("<div style='margin-left:14px'>"
                         + "<br>".join(self._event_html(e) for e in trial.closing) + "</div>")
        self.output.setHtml("".join(parts))
        counts: dict[str, int] = {}
        for event in trial.events:
            counts[event.type] = counts.get(event.type, 0) + 1
        counts.pop("utterance", None)
        self.status.setText(", ".join(f"{n} {t}" for t, n in sorted(counts.items())) or "no events")
        self.finished.emit(trial)

    @staticmethod
    def _event_html(event) -> str:
        colour = EVENT_COLOURS.get(event.type, "#1f2329")
        data = event.to_dict()
        if event.type == "violation":
            text, (start, end) = data.get("text", ""), tuple(data.get("span") or (0, 0))
            sentence = html.escape(text)
            if 0 <= start < end <= len(text):
                sentence = (html.escape(text[:start]) + "<b><u>" + html.escape(text[start:end])
                            + "</u></b>" + html.escape(text[end:]))
            return (f"<span style='color:{colour}'>VIOLATION {html.escape(data['severity'].upper())} "
                    f"{html.escape(data['category'])} [{html.escape(data['rule_id'])}] "
                    f"span {start}-{end}: «{sentence}»</span><br><span style='color:#5f6670'>"
                    f"{html.escape(data.get('reason', ''))} {html.escape(data.get('article', ''))}</span>")
        if event.type in ("suggestion", "fact"):
            title = data.get("title") or ""
            head = "SUGGEST" if event.type == "suggestion" else "FACT"
            return (f"<span style='color:{colour}'>{head} <b>{html.escape(data['item_id'])}</b> "
                    f"{html.escape(title)} (score {data.get('score', 0):.2f})</span><br>"
                    f"<span style='color:#5f6670'>{html.escape(data.get('text', '')[:90])}</span>")
        return f"<span style='color:{colour}'>{html.escape(describe(event))}</span>"

    def lines(self) -> list[str]:
        """Everything shown, as text (tests and copy-paste)."""
        return list(self._lines)
