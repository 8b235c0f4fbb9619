"""Undoable edits of the KB workspace (QUndoStack): set a field, add an item, remove an item.

Typing into one field produces one undo step per pause (edits of the same field within
MERGE_MS merge), like a text editor.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtGui import QUndoCommand

from copilot.curation.catalogue import Entry
from copilot.curation.workspace import KbWorkspace

MERGE_MS = 1500
SET_FIELD_ID = 1


class SetField(QUndoCommand):
    def __init__(self, workspace: KbWorkspace, entry: Entry, key: str, old: Any, new: Any) -> None:
        super().__init__(f"{entry.id}: {key}")
        self.workspace, self.entry, self.key = workspace, entry, key
        self.old, self.new = old, new
        self.at = time.monotonic()

    def id(self) -> int:
        return SET_FIELD_ID

    def redo(self) -> None:
        self.workspace.set_field(self.entry, self.key, self.new)

    def undo(self) -> None:
        self.workspace.set_field(self.entry, self.key, self.old)

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetField) or (other.entry, other.key) != (self.entry, self.key):
            return False
        if (other.at - self.at) * 1000 > MERGE_MS:
            return False
        self.new, self.at = other.new, other.at
        return True


class AddItem(QUndoCommand):
    def __init__(self, workspace: KbWorkspace, kind: str, item: dict, file: str | None = None,
                 parent: Entry | None = None) -> None:
        super().__init__(f"add {kind} {item.get('id', '')}")
        self.workspace, self.kind, self.item = workspace, kind, item
        self.file, self.parent = file, parent
        self.entry: Entry | None = None
        self._node = None

    def redo(self) -> None:
        if self._node is None:
            self.entry = self.workspace.add(self.kind, dict(self.item), self.file, self.parent)
        else:
            self.workspace.restore(self.entry, self._node)

    def undo(self) -> None:
        self._node = self.workspace.remove(self.entry)


class RemoveItem(QUndoCommand):
    def __init__(self, workspace: KbWorkspace, entry: Entry) -> None:
        super().__init__(f"remove {entry.kind} {entry.id}")
        self.workspace, self.entry = workspace, entry
        self._node = None

    def redo(self) -> None:
        self._node = self.workspace.remove(self.entry)

    def undo(self) -> None:
        self.workspace.restore(self.entry, self._node)
