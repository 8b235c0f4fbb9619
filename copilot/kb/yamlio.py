"""Reading KB YAML files while remembering the line of every mapping, key and list item.

Validation messages must point trainers at the exact line to edit, so the loader builds plain
dicts and lists that also carry their line numbers (1-based). PyYAML's libyaml parser is used
when available: it is fast and its nodes carry marks; only construction is customised here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineMap(dict):
    """A mapping with `line` (where it starts) and `key_lines` (where each key is written)."""

    line: int = 0
    key_lines: dict
    duplicate_keys: list

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A sequence with `line` and `item_lines` (where each item is written)."""

    line: int = 0
    item_lines: list

    def line_of(self, index: int) -> int:
        if 0 <= index < len(self.item_lines):
            return self.item_lines[index]
        return self.line


class YamlSyntaxError(ValueError):
    """A file that cannot be parsed; `fix` says what to do about this kind of break."""

    def __init__(self, line: int, problem: str,
                 fix: str = "fix the YAML at this line (indentation, quotes, colons)") -> None:
        super().__init__(problem)
        self.line = line
        self.problem = problem
        self.fix = fix


class _LineLoader(_Base):  # type: ignore[misc, valid-type]
    pass


def _construct_map(loader: _LineLoader, node: yaml.MappingNode):
    data = LineMap()
    data.line = node.start_mark.line + 1
    data.key_lines = {}
    data.duplicate_keys = []
    yield data
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            key = str(key)
        if key in data:
            data.duplicate_keys.append((key, key_node.start_mark.line + 1))
        data[key] = loader.construct_object(value_node, deep=True)
        data.key_lines[key] = key_node.start_mark.line + 1


def _construct_seq(loader: _LineLoader, node: yaml.SequenceNode):
    data = LineList()
    data.line = node.start_mark.line + 1
    data.item_lines = [child.start_mark.line + 1 for child in node.value]
    yield data
    data.extend(loader.construct_object(child, deep=True) for child in node.value)


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)
# Dates and times stay text: a version like 2026-11-01 must not turn into a date object.
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _LineLoader.construct_yaml_str)


def load_yaml(path: Path) -> Any:
    """The file's content with line marks; YamlSyntaxError (with the parser's line) when broken."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise YamlSyntaxError(0, f"not UTF-8 text ({exc.reason})",
                              "re-save the file with UTF-8 encoding in your editor") from exc
    try:
        return yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        what = exc.problem or exc.context or "syntax error"
        raise YamlSyntaxError(line, f"YAML syntax error: {what}") from exc
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(0, f"YAML syntax error: {exc}") from exc


def line_at(data: Any, loc: tuple, default: int = 0) -> int:
    """The line of the deepest element of `data` that `loc` (a pydantic error path) reaches."""
    line = getattr(data, "line", default) or default
    node = data
    for part in loc:
        if (isinstance(node, LineMap) and part in node) or (isinstance(node, LineList) and isinstance(part, int) and part < len(node)):
            line = node.line_of(part)
            node = node[part]
        elif isinstance(node, LineMap):
            return line or node.line
        else:
            break
    return line
