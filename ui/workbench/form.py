"""The form for one KB item: fields that match its kind, its live problems and its rule tests.

Field order and the set of fields come from the KB's pydantic models (copilot.curation.catalogue),
so a field added to the format shows up here without UI changes. Every edit is emitted as
(key, value); the window turns it into an undoable command.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from copilot.curation.catalogue import Entry, kind_spec
from copilot.curation.ruletests import RuleTest
from copilot.curation.workspace import ProblemView
from ui.workbench.fields import (
    BoolField,
    ChoiceField,
    Field,
    IdsField,
    LineField,
    LinesField,
    TextField,
)

ASPECTS = ["coverage", "exclusions", "waiting_period", "cooling_off", "premium", "claims",
           "surrender", "cash_value", "target_customers", "renewal", "payment", "other"]
CLOSED_CHOICES = {
    "severity": ["block", "warn", "info"],
    "family": ["health", "savings", "protection"],
    "language": ["zh", "en"],
}
SENTENCE_LISTS = {"examples", "negatives", "paraphrases"}
REGEX_LISTS = {"patterns", "exceptions"}
LONG_TEXT = {"text": 5, "description": 3, "reason": 2, "suggestion": 3, "article": 2}
NUMBERS = {"growth_factor", "payment_years"}
# Field names as trainers see them (translated; the YAML key stays visible in the Chinese text).
LABELS = {
    "id": QT_TRANSLATE_NOOP("FormLabels", "id"),
    "kind": QT_TRANSLATE_NOOP("FormLabels", "kind"),
    "category": QT_TRANSLATE_NOOP("FormLabels", "category"),
    "severity": QT_TRANSLATE_NOOP("FormLabels", "severity"),
    "article": QT_TRANSLATE_NOOP("FormLabels", "article"),
    "reason": QT_TRANSLATE_NOOP("FormLabels", "reason"),
    "suggestion": QT_TRANSLATE_NOOP("FormLabels", "suggestion"),
    "patterns": QT_TRANSLATE_NOOP("FormLabels", "patterns (regex)"),
    "exceptions": QT_TRANSLATE_NOOP("FormLabels", "exceptions (regex)"),
    "examples": QT_TRANSLATE_NOOP("FormLabels", "examples"),
    "negatives": QT_TRANSLATE_NOOP("FormLabels", "negatives (must not match)"),
    "paraphrases": QT_TRANSLATE_NOOP("FormLabels", "paraphrases (similarity only)"),
    "before_stage": QT_TRANSLATE_NOOP("FormLabels", "before stage"),
    "applies_to": QT_TRANSLATE_NOOP("FormLabels", "applies to"),
    "handles": QT_TRANSLATE_NOOP("FormLabels", "handles (signals)"),
    "title": QT_TRANSLATE_NOOP("FormLabels", "title"),
    "text": QT_TRANSLATE_NOOP("FormLabels", "text"),
    "stage": QT_TRANSLATE_NOOP("FormLabels", "stage"),
    "product": QT_TRANSLATE_NOOP("FormLabels", "product"),
    "tags": QT_TRANSLATE_NOOP("FormLabels", "tags"),
    "label": QT_TRANSLATE_NOOP("FormLabels", "label"),
    "aspect": QT_TRANSLATE_NOOP("FormLabels", "aspect"),
    "required": QT_TRANSLATE_NOOP("FormLabels", "required"),
    "name": QT_TRANSLATE_NOOP("FormLabels", "name"),
    "type": QT_TRANSLATE_NOOP("FormLabels", "type"),
    "family": QT_TRANSLATE_NOOP("FormLabels", "family"),
    "aliases": QT_TRANSLATE_NOOP("FormLabels", "aliases"),
    "description": QT_TRANSLATE_NOOP("FormLabels", "description"),
    "source": QT_TRANSLATE_NOOP("FormLabels", "source"),
    "growth_factor": QT_TRANSLATE_NOOP("FormLabels", "growth factor"),
    "payment_years": QT_TRANSLATE_NOOP("FormLabels", "payment years"),
    "language": QT_TRANSLATE_NOOP("FormLabels", "language"),
    "version": QT_TRANSLATE_NOOP("FormLabels", "version"),
    "default_sop": QT_TRANSLATE_NOOP("FormLabels", "default SOP"),
    "filler_words": QT_TRANSLATE_NOOP("FormLabels", "filler words"),
    "negation_cues": QT_TRANSLATE_NOOP("FormLabels", "negation cues"),
    "categories": QT_TRANSLATE_NOOP("FormLabels", "extra categories"),
}


def field_label(key: str) -> str:
    """The translated label of a form field; unknown keys show as written in the YAML."""
    source = LABELS.get(key)
    return QCoreApplication.translate("FormLabels", source) if source else key


def field_for(key: str, annotation: Any, choices: dict[str, list[str]]) -> Field:
    if key in CLOSED_CHOICES:
        return ChoiceField(CLOSED_CHOICES[key])
    if key == "kind":
        return ChoiceField(["violation", "disclosure"])
    if key == "aspect":
        return ChoiceField(ASPECTS, editable=True)
    if key in ("stage", "before_stage", "default_sop"):
        return ChoiceField(choices.get("stage" if key != "default_sop" else "sop", []), editable=True)
    if key in ("product", "category"):
        return ChoiceField(choices.get(key, []), editable=True)
    if key in SENTENCE_LISTS:
        return LinesField(5)
    if key in REGEX_LISTS:
        return LinesField(3, monospace=True)
    if key == "handles":
        return IdsField(choices.get("signal", []))
    if key in LONG_TEXT:
        return TextField(LONG_TEXT[key])
    if annotation is bool:
        return BoolField()
    text = str(annotation)
    if "list" in text:
        return IdsField(choices.get(key, []))
    return LineField(number=key in NUMBERS)


class ItemForm(QWidget):
    """Shows one entry; `edited(key, value)` on every user edit."""

    edited = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entry: Entry | None = None
        self.fields: dict[str, Field] = {}
        self.heading = QLabel(self.tr("Select an item on the left"))
        self.heading.setObjectName("SectionTitle")
        self.heading.setWordWrap(True)
        self.problems = QLabel()
        self.problems.setObjectName("FormProblems")
        self.problems.setWordWrap(True)
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems.hide()
        self.tests = QLabel()
        self.tests.setObjectName("RuleTestBox")
        self.tests.setWordWrap(True)
        self.tests.setTextFormat(Qt.TextFormat.RichText)
        self.tests.hide()
        self._body = QWidget()
        self._form = QFormLayout(self._body)
        self._form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.addWidget(self._body)
        column.addWidget(self.tests)
        column.addStretch(1)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.problems)
        layout.addWidget(scroll, 1)

    def show_entry(self, entry: Entry | None, data: dict, choices: dict[str, list[str]],
                   where: str = "") -> None:
        """Build the fields for `entry`'s kind and fill them (or clear the form)."""
        while self._form.rowCount():
            self._form.removeRow(0)
        self.fields = {}
        self.entry = entry
        if entry is None:
            self.heading.setText(self.tr("Select an item on the left"))
            return
        spec = kind_spec(entry.kind)
        self.heading.setText(f"{spec.label}: {entry.id}    {where}")
        for key in spec.fields:
            annotation = spec.model.model_fields[key].annotation
            field = field_for(key, annotation, choices)
            field.setObjectName(f"field_{key}")
            field.set_value(data.get(key, _default(spec.model, key)))
            field.changed.connect(lambda value, k=key: self.edited.emit(k, value))
            self.fields[key] = field
            self._form.addRow(field_label(key), field)

    def refresh(self, data: dict) -> None:
        """New values from the workspace (undo/redo): fields that already show them stay as is."""
        if self.entry is None:
            return
        spec = kind_spec(self.entry.kind)
        _head, sep, where = self.heading.text().partition("    ")
        self.heading.setText(f"{spec.label}: {data.get('id', self.entry.id)}{sep}{where}")
        for key, field in self.fields.items():
            field.set_value(data.get(key, _default(spec.model, key)))

    def show_problems(self, problems: list[ProblemView]) -> None:
        if not problems:
            self.problems.hide()
            self.problems.clear()
            return
        self.problems.setText("\n".join(p.text for p in problems))
        severity = "error" if any(p.is_error for p in problems) else "warning"
        self.problems.setProperty("severity", severity)
        self.problems.style().unpolish(self.problems)
        self.problems.style().polish(self.problems)
        self.problems.show()

    def show_rule_test(self, result: RuleTest | None) -> None:
        if result is None:
            self.tests.hide()
            return
        title = self.tr("Rule tests")
        lines = [f"<b>{title}: {_escape(result.summary())}</b>"]
        for check in result.checks:
            colour = "#12805c" if check.passed else "#c4271b"
            lines.append(f"<span style='color:{colour}'>{_escape(check.describe())}</span>")
        self.tests.setText("<br>".join(lines))
        self.tests.show()


def _default(model: type, key: str) -> Any:
    info = model.model_fields[key]
    return None if info.is_required() else info.get_default(call_default_factory=True)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
