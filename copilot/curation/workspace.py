"""A KB folder opened for editing: its YAML files in memory, unsaved edits, and the real engine's
view of them (validation, the loaded KB) without saving anything first.

The validator and the loader read folders, so the workspace keeps a shadow copy of the KB in a
temporary folder and writes the edited texts there; problems found in the shadow are reported
with the real file paths, exactly as `copilot kb validate` would print them after saving.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from copilot.curation.catalogue import KINDS, Entry, KindSpec, entries_of, kind_spec
from copilot.curation.yamldoc import NodePath, YamlDocument, plain
from copilot.errors import CopilotError


@dataclass(frozen=True)
class ProblemView:
    """A validator problem with the real file it is about (relative to the KB) and its text."""

    file: str
    line: int
    message: str
    severity: str
    text: str  # `file:line: message; fix`, as `copilot kb validate` prints it

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


class KbWorkspace:
    """The KB at `root` with edits held in memory until `save()`."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root).resolve()
        if not (self.root / "kb.yaml").is_file():
            raise CopilotError(f"{self.root} is not a knowledge base (no kb.yaml); pass a KB folder")
        self.documents: dict[str, YamlDocument] = {}
        for path in self._yaml_files():
            rel = path.relative_to(self.root).as_posix()
            self.documents[rel] = YamlDocument.open(path)
        self._shadow: Path | None = None
        self._written: dict[str, str] = {}
        self._lines_cache: dict[str, tuple[str, list]] = {}

    def _yaml_files(self) -> list[Path]:
        files = [self.root / "kb.yaml"]
        for spec in KINDS.values():
            folder = self.root / spec.folder if spec.folder else None
            if folder is not None and folder.is_dir():
                files += sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml"))
        return sorted(set(files))

    # browsing ---------------------------------------------------------------------------------
    def entries(self, kind: str | None = None) -> list[Entry]:
        found: list[Entry] = []
        for rel, doc in self.documents.items():
            found += entries_of(rel, doc)
        return [e for e in found if kind is None or e.kind == kind]

    def find(self, item_id: str, kind: str | None = None) -> Entry | None:
        return next((e for e in self.entries(kind) if e.id == item_id), None)

    def data(self, entry: Entry) -> dict:
        return plain(self.documents[entry.file].node(entry.path))

    def meta(self) -> dict:
        return plain(self.documents["kb.yaml"].data)

    def ids(self) -> set[str]:
        return {e.id for e in self.entries() if e.kind != "kb"}

    # editing ----------------------------------------------------------------------------------
    def set_field(self, entry: Entry, key: str, value: Any) -> None:
        doc = self.documents[entry.file]
        doc.set_field(entry.path, key, value, kind_spec(entry.kind).fields)

    def add(self, kind: str, item: dict, file: str | None = None, parent: Entry | None = None) -> Entry:
        """Append a new item of `kind` to `file` (default: the kind's usual file) and return it."""
        spec = kind_spec(kind)
        if parent is not None:
            file = parent.file
            list_path: NodePath = (*parent.path, spec.list_key)
        else:
            file = file or self.default_file(spec, item)
            list_path = (spec.list_key,)
        doc = self.documents.get(file)
        if doc is None:
            doc = self.documents[file] = YamlDocument(self.root / file, "")
        index = doc.append_item(list_path, item, self._house_order(spec))
        return Entry(kind, str(item.get("id", "")), file, (*list_path, index))

    def _house_order(self, spec: KindSpec) -> list[str]:
        """Key order of an existing item of this kind, so new ones look like the others."""
        from copilot.curation.yamldoc import merged_order

        existing = self.entries(spec.kind)
        written = list(self.data(existing[0])) if existing else []
        return merged_order(written, spec.fields)

    def remove(self, entry: Entry) -> Any:
        return self.documents[entry.file].remove_item(entry.path)

    def restore(self, entry: Entry, node: Any) -> None:
        self.documents[entry.file].insert_item(entry.path, node)

    def default_file(self, spec: KindSpec, item: dict | None = None) -> str:
        """The file that already holds most items like this one (same stage for scripts)."""
        same_kind = self.entries(spec.kind)
        stage = (item or {}).get("stage")
        alike = [e.file for e in same_kind if stage and self.data(e).get("stage") == stage]
        existing = alike or [e.file for e in same_kind]
        if existing:
            return max(set(existing), key=existing.count)
        return f"{spec.folder}/{spec.kind}s.yaml"

    def modified_files(self) -> list[str]:
        return [rel for rel, doc in self.documents.items() if doc.modified]

    def diff(self) -> str:
        return "".join(self.documents[rel].diff() for rel in self.modified_files())

    def save(self) -> list[Path]:
        """Write every modified file back in place; returns the files written."""
        written = []
        for rel in self.modified_files():
            doc = self.documents[rel]
            doc.path.parent.mkdir(parents=True, exist_ok=True)
            doc.path.write_text(doc.text(), encoding="utf-8")
            doc.mark_saved()
            written.append(doc.path)
        return written

    # the engine's view of the unsaved KB ------------------------------------------------------
    def shadow(self) -> Path:
        """A folder holding the KB as edited; only files that changed since last time are written."""
        if self._shadow is None:
            self._shadow = Path(tempfile.mkdtemp(prefix="copilot-kb-edit-")) / self.root.name
            shutil.copytree(self.root, self._shadow, ignore=shutil.ignore_patterns(".git"))
            self._written = {rel: doc.original for rel, doc in self.documents.items()}
        for rel, doc in self.documents.items():
            if doc.revision == 0 and rel in self._written:
                continue  # never edited: the copy already holds it
            text = doc.text()
            if self._written.get(rel) != text:
                target = self._shadow / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
                self._written[rel] = text
        return self._shadow

    def problems(self) -> list[ProblemView]:
        """What `copilot kb validate` would report if the edits were saved now."""
        from copilot.kb import validate_kb

        shadow = self.shadow()
        return [self._real(p, shadow) for p in validate_kb(shadow)]

    def check(self):
        """One validator pass over the edited KB: (the loaded KB or None when it has errors,
        every problem with real paths). What `copilot kb validate` would say after saving."""
        from copilot.kb.loader import check_kb

        shadow = self.shadow()
        kb, found = check_kb(shadow)
        return kb, [self._real(p, shadow) for p in found]

    def load(self):
        """The edited KB as the engine loads it (raises KbError listing problems, real paths)."""
        from copilot.kb import KbError, load_kb

        shadow = self.shadow()
        try:
            return load_kb(shadow)
        except KbError as exc:
            raise CopilotError(str(exc).replace(str(shadow), str(self.root))) from exc

    def _real(self, problem, shadow: Path) -> ProblemView:
        path = str(problem.path)
        rel = path[len(str(shadow)) :].lstrip("/\\") if path.startswith(str(shadow)) else path
        label = "error" if problem.is_error else "warning"
        where = problem.where.replace(str(shadow), str(self.root))
        text = f"{where}: {label}: {problem.message}" + (f"; {problem.fix}" if problem.fix else "")
        return ProblemView(rel, problem.line, problem.message, problem.severity, text)

    def entry_at(self, file: str, line: int) -> Entry | None:
        """The innermost item whose text contains `line` of `file` (as the file is now)."""
        spans = self.entry_lines(file)
        best = None
        for entry, start in spans:
            if start and start <= line and (best is None or start >= best[1]):
                best = (entry, start)
        return best[0] if best else None

    def entry_lines(self, file: str) -> list[tuple[Entry, int]]:
        """Each item of `file` with the line it starts on in the edited text."""
        doc = self.documents.get(file)
        if doc is None:
            return []
        text = doc.text()
        cached = self._lines_cache.get(file)
        if cached is None or cached[0] != text:
            fresh = YamlDocument(doc.path, text)
            cached = (text, [(e, fresh.line_of(e.path)) for e in entries_of(file, fresh)])
            self._lines_cache[file] = cached
        return cached[1]

    def close(self) -> None:
        if self._shadow is not None:
            shutil.rmtree(self._shadow.parent, ignore_errors=True)
            self._shadow = None
