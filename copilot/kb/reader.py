"""Reading a KB directory's files into model objects, turning every failure into a Problem.

Nothing here raises on bad content: a broken file becomes problems with file:line, and the rest
of the KB is still read so one run reports everything. Each object gets its `source`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from copilot.kb.model import (
    BulkItem,
    KbMeta,
    KbObject,
    LabelledLine,
    Product,
    Rule,
    Script,
    Signal,
    Sop,
    SourceRef,
)
from copilot.kb.problems import ProblemLog
from copilot.kb.yamlio import LineList, LineMap, YamlSyntaxError, line_at, load_yaml

YAML_SUFFIXES = (".yaml", ".yml")
BULK_DIRS = ("", "bulk")
LABELLED_DIR = "labelled"


@dataclass
class KbContent:
    """Everything read from a KB folder, plus where each object's raw data sits."""

    root: Path
    meta: KbMeta | None = None
    products: list[Product] = field(default_factory=list)
    scripts: list[Script] = field(default_factory=list)
    sops: list[Sop] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    signals: list[Signal] = field(default_factory=list)
    bulk: list[BulkItem] = field(default_factory=list)
    labelled: list[LabelledLine] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)  # content files, for the content hash
    raw: dict[int, Any] = field(default_factory=dict)  # id(object) -> its LineMap

    def path(self, obj: KbObject) -> Path:
        return self.root / obj.source.file

    def line(self, obj: KbObject, key: str | None = None, index: int | None = None) -> int:
        """Line of `obj`, of its field `key`, or of item `index` of that field."""
        data = self.raw.get(id(obj))
        if not isinstance(data, LineMap) or key is None:
            return obj.source.line
        value = data.get(key)
        if index is not None and isinstance(value, LineList):
            return value.line_of(index)
        return data.line_of(key)


def read_kb(root: Path, log: ProblemLog) -> KbContent:
    content = KbContent(root=root)
    meta_file = root / "kb.yaml"
    if not root.is_dir():
        log.error(root, 0, "knowledge base folder not found", "pass a folder that contains kb.yaml")
        return content
    if not meta_file.is_file():
        log.error(meta_file, 0, "kb.yaml is missing", "create it with id, name, language and version")
    else:
        data = _read_yaml(content, meta_file, log, warn_empty=False)
        if data is not None:
            content.meta = _build(content, KbMeta, data, meta_file, log)
        elif not log.errors:  # empty: without id, name, language and version nothing can load
            log.error(meta_file, 0, "kb.yaml is empty", "write id, name, language and version in it")
    for path in _yaml_files(root / "products"):
        _guarded(path, log, _read_single, content, path, Product, content.products, log)
    for path in _yaml_files(root / "sop"):
        _guarded(path, log, _read_single, content, path, Sop, content.sops, log)
    for folder, key, model, target in (
        ("scripts", "scripts", Script, content.scripts),
        ("rules", "rules", Rule, content.rules),
        ("signals", "signals", Signal, content.signals),
    ):
        for path in _yaml_files(root / folder):
            _guarded(path, log, _read_list, content, path, key, model, target, log)
    for path in _bulk_files(root):
        _guarded(path, log, _read_bulk, content, path, log)
    for path in _jsonl_files(root / LABELLED_DIR):
        _guarded(path, log, _read_labelled, content, path, log)
    for product in content.products:
        for fact in product.facts:
            fact.product = product.id
    return content


def _guarded(path: Path, log: ProblemLog, read, *args) -> None:
    """Read one file; a structure nothing anticipated becomes a problem, never a traceback."""
    try:
        read(*args)
    except (RecursionError, ValueError, TypeError, AttributeError, KeyError) as exc:
        log.error(path, 0, f"cannot make sense of this file ({type(exc).__name__}: {exc})",
                  "compare its structure with knowledge/FORMAT.md")


def _yaml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file())


def _bulk_files(root: Path) -> list[Path]:
    return [path for sub in BULK_DIRS for path in _jsonl_files(root / sub if sub else root)]


def _jsonl_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.jsonl") if p.is_file()) if folder.is_dir() else []


def _rel(content: KbContent, path: Path) -> str:
    try:
        return path.relative_to(content.root).as_posix()
    except ValueError:
        return str(path)


def _read_yaml(content: KbContent, path: Path, log: ProblemLog, warn_empty: bool = True) -> Any:
    content.files.append(path)
    try:
        data = load_yaml(path)
    except YamlSyntaxError as exc:
        log.error(path, exc.line, exc.problem, exc.fix)
        return None
    except OSError as exc:
        log.error(path, 0, f"cannot read file ({exc.strerror})", "check the file's permissions")
        return None
    if data is None and warn_empty:
        log.warn(path, 0, "file is empty", "add content or delete the file")
    _report_duplicate_keys(data, path, log)
    return data


def _report_duplicate_keys(data: Any, path: Path, log: ProblemLog, seen: set | None = None) -> None:
    seen = set() if seen is None else seen
    if id(data) in seen:  # YAML anchors can make a structure contain itself
        return
    seen.add(id(data))
    if isinstance(data, LineMap):
        for key, line in data.duplicate_keys:
            log.error(path, line, f"key '{key}' appears twice in the same mapping",
                      "keep one; the later one would silently replace the earlier")
        for value in data.values():
            _report_duplicate_keys(value, path, log, seen)
    elif isinstance(data, list):
        for value in data:
            _report_duplicate_keys(value, path, log, seen)


def _read_single(content: KbContent, path: Path, model: type, target: list, log: ProblemLog) -> None:
    data = _read_yaml(content, path, log)
    if data is None:
        return
    if not isinstance(data, LineMap):
        log.error(path, getattr(data, "line", 1), f"expected one {model.__name__.lower()} mapping "
                  "(id:, name: ...) at the top of the file", "see knowledge/FORMAT.md")
        return
    obj = _build(content, model, data, path, log)
    if obj is not None:
        target.append(obj)


def _read_list(content, path: Path, key: str, model: type, target: list, log: ProblemLog) -> None:
    data = _read_yaml(content, path, log)
    if data is None:
        return
    if not isinstance(data, LineMap) or key not in data:
        log.error(path, getattr(data, "line", 1), f"expected a top-level '{key}:' list",
                  f"start the file with '{key}:' followed by '- id: ...' entries")
        return
    for extra in (k for k in data if k != key):
        log.error(path, data.line_of(extra), f"unknown top-level key '{extra}'",
                  f"only '{key}:' is allowed here; remove it or move it into an entry")
    entries = data[key]
    if entries is None:
        log.warn(path, data.line_of(key), f"'{key}:' is empty", "add entries or delete the file")
        return
    if not isinstance(entries, LineList):
        log.error(path, data.line_of(key), f"'{key}:' must be a list", "write each entry as '- id: ...'")
        return
    for index, entry in enumerate(entries):
        if not isinstance(entry, LineMap):
            log.error(path, entries.line_of(index), f"{key} entry {index + 1} is not a mapping",
                      "write it as '- id: ...' with its fields indented below")
            continue
        obj = _build(content, model, entry, path, log)
        if obj is not None:
            target.append(obj)


def _json_objects(content: KbContent, path: Path, log: ProblemLog, shape: str):
    """(line number, object) for each JSON object line of `path`; bad lines become problems."""
    content.files.append(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        log.error(path, 0, f"cannot read file ({exc})", "save it as UTF-8 JSON lines")
        return
    for number, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            log.error(path, number, f"not valid JSON ({exc.msg} at column {exc.colno})",
                      "write one JSON object per line")
            continue
        if not isinstance(data, dict):
            log.error(path, number, "not a JSON object", f"write {shape}")
            continue
        yield number, data


def _read_labelled(content: KbContent, path: Path, log: ProblemLog) -> None:
    rel = _rel(content, path)
    shape = '{"speaker": "advisor", "text": ..., "violations": [...]}'
    for number, data in _json_objects(content, path, log, shape):
        line = _build(content, LabelledLine, data, path, log, line=number, rel=rel)
        if line is not None:
            content.labelled.append(line)


def _read_bulk(content: KbContent, path: Path, log: ProblemLog) -> None:
    unknown: dict[str, int] = {}
    known = set(BulkItem.model_fields)
    rel = _rel(content, path)
    for number, data in _json_objects(content, path, log, '{"id": ..., "kind": ..., "text": ...}'):
        for key in data:
            if key not in known:
                unknown.setdefault(key, number)
        item = _build(content, BulkItem, data, path, log, line=number, rel=rel)
        if item is not None:
            content.bulk.append(item)
    if unknown:
        names = ", ".join(sorted(unknown))
        first = min(unknown.values())
        log.warn(path, first, f"unknown field(s) {names} kept as item metadata",
                 "rename them if you meant a standard field (title, product, stage, handles, tags)")


def _build(content, model: type[BaseModel], data: Any, path: Path, log: ProblemLog,
           line: int | None = None, rel: str | None = None) -> Any:
    base_line = line if line is not None else getattr(data, "line", 0)
    try:
        obj = model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            at = base_line if line is not None else line_at(data, error["loc"], base_line)
            message, fix = _describe(error, model)
            log.error(path, at, message, fix)
        return None
    _attach_sources(content, obj, data, rel or _rel(content, path), base_line)
    return obj


def _attach_sources(content: KbContent, obj: KbObject, data: Any, file: str, line: int) -> None:
    obj.source = SourceRef(file=file, line=getattr(data, "line", 0) or line)
    content.raw[id(obj)] = data
    if isinstance(obj, BulkItem | LabelledLine):
        return  # one flat line: nothing nested
    for name in type(obj).model_fields:
        value = getattr(obj, name)
        if isinstance(value, list) and value and isinstance(value[0], KbObject):
            raw_list = data.get(name) if isinstance(data, dict) else None
            for index, child in enumerate(value):
                raw_child = raw_list[index] if isinstance(raw_list, list) else None
                _attach_sources(content, child, raw_child, file, line)


def _describe(error: dict, model: type[BaseModel]) -> tuple[str, str]:
    """A trainer-readable message and fix for one pydantic error."""
    loc = ".".join(str(p) for p in error["loc"])
    kind = error["type"]
    name = model.__name__.lower()
    if kind == "missing":
        return f"missing field '{loc}' in {name}", f"add '{error['loc'][-1]}: ...'"
    if kind == "extra_forbidden":
        fields = ", ".join(f for f in _fields_at(model, error["loc"]) if f != "source")
        return f"unknown field '{loc}'", f"remove it or fix its spelling (fields: {fields})"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return f"'{loc}' is {error.get('input')!r}", f"use one of {expected}"
    value = error.get("input")
    if kind == "string_type":
        return (f"'{loc}' must be text, not {value!r}",
                f"put it in quotes, e.g. {error['loc'][-1]}: \"{value}\"")
    if kind == "list_type":
        return f"'{loc}' must be a list", f"write [{value}] or one '- item' per line"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"'{loc}' must be a mapping (key: value lines)", "see knowledge/FORMAT.md"
    return f"field '{loc}': {error['msg']}", "correct the value (see knowledge/FORMAT.md)"


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """The allowed field names of the (possibly nested) model an error path points into."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        info = getattr(current, "model_fields", {}).get(part)
        if info is None:
            break
        annotation = info.annotation
        args = getattr(annotation, "__args__", ())
        current = args[0] if args else annotation
    return list(getattr(current, "model_fields", {}))
