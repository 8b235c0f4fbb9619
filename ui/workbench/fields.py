"""Form fields for KB items: one small widget per value type, all with `value()`/`set_value()`.

Lists of sentences and regexes are edited one per line (what trainers paste from documents);
short id lists (handles, tags) inline, comma separated; closed choices (severity, kind) as combo
boxes; open choices (stage, product, category) as editable combo boxes filled from the KB.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from ui.common.fonts import mono_font

_SPLIT_IDS = re.compile(r"[,，、;；\s]+")


class Field(QWidget):
    """Base: `changed` fires on every user edit with the field's new value."""

    changed = Signal(object)

    def value(self) -> Any:  # pragma: no cover - overridden
        raise NotImplementedError

    def set_value(self, value: Any) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def _emit(self, *_: object) -> None:
        self.changed.emit(self.value())

    def _wrap(self, widget: QWidget) -> None:
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(widget)


class LineField(Field):
    def __init__(self, number: bool = False) -> None:
        super().__init__()
        self.edit = QLineEdit()
        self.number = number
        self._wrap(self.edit)
        self.edit.textEdited.connect(self._emit)

    def value(self) -> Any:
        text = self.edit.text().strip()
        if self.number and text:
            try:
                return int(text) if re.fullmatch(r"-?\d+", text) else float(text)
            except ValueError:
                return text  # the validator says what is wrong with it
        return text

    def set_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if self.edit.text() != text:
            self.edit.setText(text)
            self.edit.setCursorPosition(0)  # show the start of a long value, not its end


class TextField(Field):
    def __init__(self, lines: int = 4) -> None:
        super().__init__()
        self.edit = QPlainTextEdit()
        self.edit.setTabChangesFocus(True)
        height = self.edit.fontMetrics().lineSpacing() * lines + 14
        self.edit.setFixedHeight(height)
        self._wrap(self.edit)
        self.edit.textChanged.connect(self._on_text)
        self._quiet = False

    def _on_text(self) -> None:
        if not self._quiet:
            self._emit()

    def value(self) -> Any:
        return self.edit.toPlainText().strip()

    def set_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if self.edit.toPlainText().strip() != text.strip():
            self._quiet = True
            self.edit.setPlainText(text)
            self._quiet = False


class LinesField(TextField):
    """A list of sentences or regexes, one per line."""

    def __init__(self, lines: int = 5, monospace: bool = False) -> None:
        super().__init__(lines)
        if monospace:
            self.edit.setFont(mono_font())
        self.edit.setPlaceholderText(self.tr("one per line"))

    def value(self) -> Any:
        return [line.strip() for line in self.edit.toPlainText().splitlines() if line.strip()]

    def set_value(self, value: Any) -> None:
        values = [str(v) for v in value or []]
        if self.value() != values:
            self._quiet = True
            self.edit.setPlainText("\n".join(values))
            self._quiet = False


class IdsField(LineField):
    """Short ids inline: `objection_price, objection_trust`."""

    def __init__(self, known: list[str] = ()) -> None:
        super().__init__()
        if known:
            self.edit.setPlaceholderText(", ".join(known[:4]) + (" …" if len(known) > 4 else ""))
            self.edit.setToolTip("\n".join(known))

    def value(self) -> Any:
        return [p for p in _SPLIT_IDS.split(self.edit.text()) if p]

    def set_value(self, value: Any) -> None:
        if self.value() != [str(v) for v in value or []]:
            self.edit.setText(", ".join(str(v) for v in value or []))


class ChoiceField(Field):
    def __init__(self, choices: list[str], editable: bool = False) -> None:
        super().__init__()
        self.combo = QComboBox()
        self.combo.setEditable(editable)
        self.combo.addItems(["", *choices] if editable else choices)
        self._wrap(self.combo)
        if editable:
            self.combo.editTextChanged.connect(self._emit)
        else:
            self.combo.currentTextChanged.connect(self._emit)
        self._quiet = False

    def _emit(self, *_: object) -> None:
        if not self._quiet:
            super()._emit()

    def value(self) -> Any:
        return self.combo.currentText().strip()

    def set_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if self.value() == text:
            return
        self._quiet = True
        if self.combo.findText(text) < 0:
            self.combo.addItem(text)
        if self.combo.isEditable():
            self.combo.setEditText(text)
        else:
            self.combo.setCurrentText(text)
        self._quiet = False


class BoolField(Field):
    def __init__(self) -> None:
        super().__init__()
        self.box = QCheckBox()
        self._wrap(self.box)
        self.box.toggled.connect(self._emit)

    def value(self) -> Any:
        return self.box.isChecked()

    def set_value(self, value: Any) -> None:
        if self.box.isChecked() != bool(value):
            self.box.blockSignals(True)
            self.box.setChecked(bool(value))
            self.box.blockSignals(False)
