"""One KB file, edited the way a trainer would edit it by hand: comments, order and style kept.

The workbench and `kb import` change a few fields of a few items; the file on disk must then show
a clean diff (only the edited lines change) so reviews and `git blame` stay useful. ruamel.yaml's
round-trip mode keeps comments, key order, quoting and block/flow styles; this module adds the
small rules that keep a diff clean: lists are patched in place (not replaced), new keys are inserted
in the model's field order, folded/literal text keeps its style, indentation is the file's own.
"""

from __future__ import annotations

import difflib
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import (
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)
from ruamel.yaml.util import load_yaml_guess_indent

from copilot.errors import InputError

# Short lists read best inline (`handles: [a, b]`); sentences and regexes one per line.
FLOW_LIST_FIELDS = frozenset({"handles", "tags", "applies_to", "aliases"})
REGEX_FIELDS = frozenset({"patterns", "exceptions"})

# Path to a node inside a document: keys and list indexes, e.g. ("scripts", 3) or ("facts", 0).
NodePath = tuple[str | int, ...]


def _yaml(sequence_indent: int | None, offset: int | None) -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a trainer's long line
    seq = sequence_indent or 4
    yaml.indent(mapping=2, sequence=seq, offset=offset if offset is not None else seq - 2)
    return yaml


class YamlDocument:
    """A YAML file loaded for round-trip editing; `text()` is what would be written back."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.original = text
        try:
            _, seq_indent, offset = load_yaml_guess_indent(text) if text.strip() else (None, 4, 2)
            self._yaml = _yaml(seq_indent, offset)
            self.data = self._yaml.load(text) if text.strip() else CommentedMap()
        except YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark is not None else None
            raise InputError(path, line, f"not valid YAML ({getattr(exc, 'problem', exc)})",
                             "fix the file by hand, then reopen it") from exc
        if self.data is None:
            self.data = CommentedMap()
        self.revision = 0  # bumped by every edit: the dumped text is cached per revision
        self._dumped: tuple[int, str] = (0, text)

    @classmethod
    def open(cls, path: Path) -> YamlDocument:
        return cls(path, path.read_text(encoding="utf-8") if path.exists() else "")

    def text(self) -> str:
        if self._dumped[0] != self.revision:
            out = io.StringIO()
            self._yaml.dump(self.data, out)
            self._dumped = (self.revision, out.getvalue())
        return self._dumped[1]

    @property
    def modified(self) -> bool:
        return self.revision != 0 and self.text() != self.original

    def touched(self) -> None:
        """Record an edit made to `data` (every editing method calls this)."""
        self.revision += 1

    def diff(self) -> str:
        """Unified diff of the unsaved changes, as `git diff` would show them."""
        return "".join(
            difflib.unified_diff(
                self.original.splitlines(keepends=True),
                self.text().splitlines(keepends=True),
                fromfile=f"a/{self.path.name}",
                tofile=f"b/{self.path.name}",
            )
        )

    def mark_saved(self) -> None:
        self.original = self.text()

    # navigation -------------------------------------------------------------------------------
    def node(self, path: NodePath) -> Any:
        node = self.data
        for key in path:
            node = node[key]
        return node

    def line_of(self, path: NodePath) -> int:
        """1-based line where the node at `path` starts (0 when unknown, e.g. not yet saved)."""
        if not path:
            return 1
        parent = self.node(path[:-1])
        try:
            if isinstance(parent, CommentedSeq):
                return parent.lc.item(path[-1])[0] + 1
            if isinstance(parent, CommentedMap):
                return parent.lc.key(path[-1])[0] + 1
        except (KeyError, IndexError, TypeError, AttributeError):
            pass
        return 0

    # editing ----------------------------------------------------------------------------------
    def set_field(
        self, path: NodePath, key: str, value: Any, field_order: Sequence[str] = ()
    ) -> None:
        """Set `key` of the mapping at `path`, touching as little of the file as possible.

        An empty value for an absent key adds nothing (the model's default applies); lists are
        patched element by element so untouched entries keep their comments; text keeps its
        folded/literal style.
        """
        mapping = self.node(path)
        if key not in mapping and _is_empty(value):
            return
        self.touched()
        if key in REGEX_FIELDS and isinstance(value, list | tuple):
            value = [quoted_regex(v) for v in value]
        if key in mapping:
            current = mapping[key]
            if isinstance(current, CommentedSeq) and isinstance(value, list | tuple):
                was_empty = not current
                patch_list(current, list(value))
                if was_empty and key in FLOW_LIST_FIELDS:
                    current.fa.set_flow_style()  # `handles: []` filled in stays inline
                return
            mapping[key] = _styled_like(current, value)
            return
        mapping.insert(_insert_position(mapping, key, field_order), key, new_value(key, value))

    def append_item(self, path: NodePath, item: dict, field_order: Sequence[str] = ()) -> int:
        """Append a new mapping to the list at `path` (created if missing); returns its index."""
        self.touched()
        parent_path, key = path[:-1], path[-1]
        parent = self.node(parent_path)
        if key not in parent or parent[key] is None:
            parent[key] = CommentedSeq()
        seq = parent[key]
        siblings = [list(s) for s in seq if isinstance(s, dict)]
        order = merged_order(siblings[0], field_order) if siblings else field_order
        seq.append(new_mapping(item, order))
        return len(seq) - 1

    def remove_item(self, path: NodePath) -> Any:
        self.touched()
        parent = self.node(path[:-1])
        value = parent[path[-1]]
        del parent[path[-1]]
        return value

    def insert_item(self, path: NodePath, value: Any) -> None:
        self.touched()
        parent = self.node(path[:-1])
        parent.insert(path[-1], value)


def plain(value: Any) -> Any:
    """The node as plain Python data (dicts, lists, str), for models and comparisons."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def patch_list(seq: CommentedSeq, new: list) -> None:
    """Make `seq` equal to `new` by the smallest edits, so unchanged entries stay as written."""
    old = [plain(v) for v in seq]
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in reversed(matcher.get_opcodes()):
        if tag == "equal":
            continue
        for _ in range(i1, i2):
            del seq[i1]
        for offset, value in enumerate(new[j1:j2]):
            seq.insert(i1 + offset, value)


def quoted_regex(value: Any) -> Any:
    """Regexes are written single-quoted, like trainers write them: backslashes, brackets and
    colons then read exactly as typed."""
    if isinstance(value, str) and not isinstance(value, SingleQuotedScalarString):
        return SingleQuotedScalarString(value)
    return value


def new_value(key: str, value: Any) -> Any:
    if key in REGEX_FIELDS and isinstance(value, list | tuple):
        value = [quoted_regex(v) for v in value]
    if isinstance(value, list | tuple):
        seq = CommentedSeq(list(value))
        if key in FLOW_LIST_FIELDS:
            seq.fa.set_flow_style()
        else:
            seq.fa.set_block_style()
        return seq
    if isinstance(value, str) and "\n" in value.strip():
        return LiteralScalarString(value)
    return value


def new_mapping(item: dict, field_order: Sequence[str] = ()) -> CommentedMap:
    order = {name: i for i, name in enumerate(field_order)}
    keys = sorted(item, key=lambda k: order.get(k, len(order)))
    mapping = CommentedMap()
    for key in keys:
        if not _is_empty(item[key]) or key == "id":
            mapping[key] = new_value(key, item[key])
    return mapping


def merged_order(written: Sequence[str], model: Sequence[str]) -> list[str]:
    """The key order trainers use in this file, with the model's other fields slotted in."""
    order = list(written)
    for name in model:
        if name not in order:
            before = [n for n in model[: model.index(name)] if n in order]
            order.insert(order.index(before[-1]) + 1 if before else 0, name)
    return order


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, list | tuple) and not value)


def _styled_like(current: Any, value: Any) -> Any:
    if isinstance(value, str) and not isinstance(value, FoldedScalarString | LiteralScalarString):
        if isinstance(current, FoldedScalarString):
            return FoldedScalarString(value)
        if isinstance(current, LiteralScalarString):
            return LiteralScalarString(value)
    if isinstance(value, list | tuple):
        return new_value("", value)
    return value


def _insert_position(mapping: CommentedMap, key: str, field_order: Sequence[str]) -> int:
    """After the last existing key that comes before `key` in the model's field order."""
    if key not in field_order:
        return len(mapping)
    rank = field_order.index(key)
    position = 0
    for index, existing in enumerate(mapping):
        if existing in field_order and field_order.index(existing) < rank:
            position = index + 1
    return position
