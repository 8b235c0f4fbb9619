"""What changed between two versions of a KB, item by item (added, changed, removed by id).

Sessions record the KB version and content hash they were advised with; a team lead comparing
two periods needs to know what the trainers changed in between. Items are compared as the
loader reads them (not as text), so re-indenting or re-ordering a file is not a change.
Broken KBs are still compared: the diff is most useful exactly while a KB is being fixed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from copilot.errors import InputError
from copilot.kb.model import KbObject


@dataclass(frozen=True)
class ItemChange:
    kind: str
    id: str
    where: str  # file:line in the KB it is found in (NEW for added/changed, OLD for removed)
    fields: tuple[str, ...] = ()
    details: tuple[str, ...] = ()


@dataclass
class KbDiff:
    old_label: str
    new_label: str
    added: list[ItemChange] = field(default_factory=list)
    changed: list[ItemChange] = field(default_factory=list)
    removed: list[ItemChange] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.removed)

    def summary(self) -> str:
        return f"{len(self.added)} added, {len(self.changed)} changed, {len(self.removed)} removed"


@dataclass(frozen=True)
class KbSnapshot:
    """A KB's identified objects as plain data, keyed by (kind, id)."""

    label: str
    objects: dict[tuple[str, str], dict]
    where: dict[tuple[str, str], str]


def snapshot(root: str | Path) -> KbSnapshot:
    from copilot.kb.knowledge_base import hash_files
    from copilot.kb.problems import ProblemLog
    from copilot.kb.reader import read_kb

    root = Path(root)
    log = ProblemLog()
    content = read_kb(root, log)
    if content.meta is None:  # not a KB at all: diffing it would list every item as added/removed
        first = log.errors[0] if log.errors else None
        raise InputError(first.path if first else root, first.line if first else None,
                         first.message if first else "not a knowledge base (no kb.yaml)",
                         (first.fix if first else "") or "pass a KB folder that contains kb.yaml")
    objects: dict[tuple[str, str], dict] = {}
    where: dict[tuple[str, str], str] = {}

    def add(kind: str, obj: KbObject, key_id: str, exclude: set[str] = frozenset()) -> None:
        key = (kind, key_id)
        objects[key] = obj.model_dump(exclude=exclude | {"source"})
        where[key] = str(obj.source)

    for product in content.products:
        add("product", product, product.id, {"facts"})
        for fact in product.facts:
            add("fact", fact, fact.id)
    for kind, group in (("script", content.scripts), ("rule", content.rules),
                        ("signal", content.signals), ("bulk", content.bulk)):
        for obj in group:
            add(kind, obj, obj.id)
    for sop in content.sops:
        add("sop", sop, sop.id, {"stages"})
        for stage in sop.stages:
            add("stage", stage, f"{sop.id}/{stage.id}", {"steps"})
            for step in stage.steps:
                add("step", step, f"{sop.id}/{stage.id}/{step.id}")
    meta = content.meta
    digest = hash_files(root, content.files)[:12]
    return KbSnapshot(f"{root} ({meta.id} {meta.version}, hash {digest})", objects, where)


def diff_snapshots(old: KbSnapshot, new: KbSnapshot) -> KbDiff:
    result = KbDiff(old.label, new.label)
    for key in new.objects:
        if key not in old.objects:
            result.added.append(ItemChange(key[0], key[1], new.where[key]))
        elif old.objects[key] != new.objects[key]:
            fields, details = field_changes(old.objects[key], new.objects[key])
            result.changed.append(ItemChange(key[0], key[1], new.where[key], fields, details))
    for key in old.objects:
        if key not in new.objects:
            result.removed.append(ItemChange(key[0], key[1], old.where[key]))
    return result


def diff_kbs(old_root: str | Path, new_root: str | Path) -> KbDiff:
    return diff_snapshots(snapshot(old_root), snapshot(new_root))


def field_changes(old: dict, new: dict) -> tuple[tuple[str, ...], tuple[str, ...]]:
    names = [k for k in new if old.get(k) != new.get(k)] + [k for k in old if k not in new]
    return tuple(names), tuple(_detail(n, old.get(n), new.get(n)) for n in names)


def _detail(name: str, old: Any, new: Any) -> str:
    if isinstance(old, list) and isinstance(new, list):
        gone = [_short(v) for v in old if v not in new]
        came = [_short(v) for v in new if v not in old]
        parts = [f"+{v}" for v in came] + [f"-{v}" for v in gone]
        return f"{name}: " + (", ".join(parts) if parts else "re-ordered")
    if isinstance(old, str) and isinstance(new, str):
        start = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b),
                     min(len(old), len(new)))
        start = max(0, start - 8)
        lead = "…" if start else ""
        return f"{name}: {lead}{_short(old[start:])} → {lead}{_short(new[start:])}"
    return f"{name}: {_short(old)} → {_short(new)}"


def _short(value: Any, width: int = 40) -> str:
    text = str(value).replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"


def format_diff(diff: KbDiff, verbose: bool = True) -> str:
    lines = [f"old: {diff.old_label}", f"new: {diff.new_label}"]
    for title, mark, changes in (("added", "+", diff.added), ("changed", "~", diff.changed),
                                 ("removed", "-", diff.removed)):
        lines.append(f"{title} ({len(changes)}):")
        for change in changes:
            fields = f" [{', '.join(change.fields)}]" if change.fields else ""
            lines.append(f"  {mark} {change.kind} {change.id}{fields}  {change.where}")
            if verbose:
                lines += [f"      {d}" for d in change.details]
    lines.append(diff.summary())
    return "\n".join(lines)
