"""`kb import`: scripts or facts from a spreadsheet, previewed, checked row by row, then written
into the KB's YAML files the same way the workbench writes them (comments and order kept).

Nothing is written when any row is wrong (unless the trainer asks to skip bad rows), and the KB is
validated with the new items before saving: an import never leaves a KB that no longer loads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from copilot.curation.tables import Row, read_rows
from copilot.curation.workspace import KbWorkspace
from copilot.errors import CopilotError
from copilot.kb.model import Fact, Script

LIST_FIELDS = {"handles", "tags", "examples"}
_SPLIT_SHORT = re.compile(r"[,，;；|、\n]+")  # ids and tags
_SPLIT_SENTENCES = re.compile(r"[;；|\n]+")  # examples contain commas
KIND_FIELDS = {
    "script": ("id", "title", "stage", "handles", "product", "text", "examples", "tags"),
    "fact": ("id", "product", "aspect", "title", "text", "examples", "tags"),
}


@dataclass
class ImportRow:
    number: int
    item: dict
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class ImportPlan:
    source: Path
    kind: str
    rows: list[ImportRow]

    @property
    def good(self) -> list[ImportRow]:
        return [r for r in self.rows if not r.errors]

    @property
    def bad(self) -> list[ImportRow]:
        return [r for r in self.rows if r.errors]


def plan_import(source: str | Path, kind: str, workspace: KbWorkspace | None = None) -> ImportPlan:
    """Read `source` and check every row (against the KB's ids, stages and signals if given)."""
    if kind not in KIND_FIELDS:
        raise CopilotError(f"--kind must be script or fact, not {kind!r}")
    source = Path(source)
    rows = [_convert(row, kind, source) for row in read_rows(source)]
    if not rows:
        raise CopilotError(f"{source}: no rows to import under the header")
    _check_ids(rows, workspace)
    if workspace is not None:
        _check_references(rows, kind, workspace)
    return ImportPlan(source, kind, rows)


def _convert(row: Row, kind: str, source: Path) -> ImportRow:
    item: dict = {}
    for name in KIND_FIELDS[kind]:
        raw = row.values.get(name, "")
        if name in LIST_FIELDS:
            splitter = _SPLIT_SENTENCES if name == "examples" else _SPLIT_SHORT
            item[name] = [p.strip() for p in splitter.split(raw) if p.strip()]
        else:
            item[name] = raw.strip()
    result = ImportRow(row.number, item)
    if row.unknown:
        result.warnings.append(f"columns ignored: {', '.join(row.unknown)}")
    if "__extra__" in row.values:
        result.errors.append(f"more cells than header columns ({row.values['__extra__'][:30]}…); "
                             "quote cells that contain commas")
    if not item["id"]:
        item["id"] = f"{_slug(source.stem)}_{row.number}"
        result.warnings.append(f"no id: using {item['id']}")
    elif not re.fullmatch(r"[A-Za-z0-9_.\-]+", item["id"]):
        result.errors.append(f"id {item['id']!r} has characters other than letters, digits, _ . -")
    if not item["text"]:
        result.errors.append("text is empty; write the script/fact text in the 'text' column")
    if kind == "fact" and not item["product"]:
        result.errors.append("no product; a fact belongs to a product (its id in 'product')")
    model = Script if kind == "script" else Fact
    if result.errors:
        return result
    try:
        model(**{k: v for k, v in item.items() if v not in ("", [])})
    except ValidationError as exc:
        first = exc.errors()[0]
        result.errors.append(f"{'.'.join(map(str, first['loc']))}: {first['msg']}")
    return result


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_").lower() or "imported"


def _check_ids(rows: list[ImportRow], workspace: KbWorkspace | None) -> None:
    existing = workspace.ids() if workspace else set()
    seen: dict[str, int] = {}
    for row in rows:
        item_id = row.item["id"]
        if item_id in existing:
            row.errors.append(f"id {item_id!r} already exists in the KB; choose another id")
        if item_id in seen:
            row.errors.append(f"id {item_id!r} repeats row {seen[item_id]}")
        seen.setdefault(item_id, row.number)


def _check_references(rows: list[ImportRow], kind: str, workspace: KbWorkspace) -> None:
    products = {e.id for e in workspace.entries("product")}
    stages = {e.id for e in workspace.entries("stage")}
    signals = {e.id for e in workspace.entries("signal")}
    for row in rows:
        item = row.item
        if item.get("product") and item["product"] not in products:
            row.errors.append(f"unknown product {item['product']!r}; known: {', '.join(sorted(products))}")
        if kind == "script" and stages and item.get("stage") and item["stage"] not in stages:
            row.errors.append(f"unknown stage {item['stage']!r}; known: {', '.join(sorted(stages))}")
        unknown = [h for h in item.get("handles", []) if signals and h not in signals]
        if unknown:
            row.errors.append(f"unknown signal(s) in handles: {', '.join(unknown)}")


def apply_import(plan: ImportPlan, workspace: KbWorkspace, skip_bad: bool = False) -> list[Path]:
    """Add the plan's rows to the workspace, validate the result, save; returns files written."""
    if plan.bad and not skip_bad:
        raise CopilotError(f"{len(plan.bad)} row(s) have errors; nothing written "
                           "(fix them, or pass --skip-bad-rows to import the others)")
    before = {p.text for p in workspace.problems() if p.is_error}
    target = f"{plan.kind}s/{_slug(plan.source.stem)}.yaml" if plan.kind == "script" else None
    for row in plan.good:
        item = {k: v for k, v in row.item.items() if v not in ("", [])}
        if plan.kind == "script":
            workspace.add("script", item, file=target)
        else:
            parent = workspace.find(item.pop("product"), "product")
            workspace.add("fact", item, parent=parent)
    introduced = [p for p in workspace.problems() if p.is_error and p.text not in before]
    if introduced:
        raise CopilotError("the imported items would break the KB; nothing written:\n"
                           + "\n".join(p.text for p in introduced))
    return workspace.save()


def format_plan(plan: ImportPlan) -> str:
    lines = [f"{plan.source}: {len(plan.rows)} row(s), {len(plan.good)} ok, {len(plan.bad)} with errors"]
    for row in plan.rows:
        item = row.item
        mark = "✗" if row.errors else "+"
        where = item.get("stage") or item.get("product") or "-"
        handles = ",".join(item.get("handles", [])) or "-"
        text = item["text"][:28] + ("…" if len(item["text"]) > 28 else "")
        lines.append(f"{mark} row {row.number:>3}  {item['id']:<28} {where:<20} {handles:<24} "
                     f"{len(item.get('examples', []))} ex  {text}")
        lines += [f"    {plan.source}:{row.number}: error: {e}" for e in row.errors]
        lines += [f"    {plan.source}:{row.number}: warning: {w}" for w in row.warnings]
    return "\n".join(lines)
