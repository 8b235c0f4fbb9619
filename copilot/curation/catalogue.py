"""Which kinds of items a KB's YAML files hold, and where each item sits in its file.

The layout (products/, scripts/, sop/, rules/, signals/) is the KB format's; field lists come from
the pydantic models in copilot.kb.model so forms, new items and key order follow one source.
"""

from __future__ import annotations

from dataclasses import dataclass

from copilot.curation.yamldoc import NodePath, YamlDocument
from copilot.kb.model import (
    Fact,
    KbMeta,
    Product,
    Rule,
    Script,
    Signal,
    Sop,
    SopStage,
    SopStep,
)


@dataclass(frozen=True)
class KindSpec:
    kind: str
    label: str
    model: type
    folder: str = ""  # KB subfolder whose files hold this kind at their top level
    list_key: str = ""  # the list that holds items of this kind ("" = the whole file)
    parent: str = ""  # the kind whose items hold this kind's list

    @property
    def fields(self) -> tuple[str, ...]:
        nested = {"facts", "stages", "steps", "source"}
        if self.parent == "product":
            nested.add("product")  # a fact's product is the file it sits in, filled by the loader
        return tuple(name for name in self.model.model_fields if name not in nested)


KINDS: dict[str, KindSpec] = {
    spec.kind: spec
    for spec in (
        KindSpec("script", "Scripts 话术", Script, "scripts", "scripts"),
        KindSpec("product", "Products 产品", Product, "products"),
        KindSpec("fact", "Facts 产品知识", Fact, "", "facts", "product"),
        KindSpec("sop", "SOP 流程", Sop, "sop"),
        KindSpec("stage", "SOP stages 阶段", SopStage, "", "stages", "sop"),
        KindSpec("step", "SOP steps 步骤", SopStep, "", "steps", "stage"),
        KindSpec("rule", "Rules 合规规则", Rule, "rules", "rules"),
        KindSpec("signal", "Signals 客户信号", Signal, "signals", "signals"),
        KindSpec("kb", "KB settings", KbMeta),
    )
}


def kind_spec(kind: str) -> KindSpec:
    return KINDS[kind]


@dataclass(frozen=True)
class Entry:
    """One editable item: its kind and id, the file it lives in and its place there."""

    kind: str
    id: str
    file: str  # relative to the KB root, posix
    path: NodePath
    parent: str = ""  # id of the product/SOP/stage that holds it


def entries_of(file: str, doc: YamlDocument) -> list[Entry]:
    """Every item a file holds, found by the folder it is in (as the loader does)."""
    data = doc.data
    if not isinstance(data, dict):
        return []
    if file == "kb.yaml":
        return [Entry("kb", str(data.get("id", "")), file, ())]
    folder = file.split("/", 1)[0]
    for spec in KINDS.values():
        if spec.folder != folder:
            continue
        if spec.list_key:
            return _listed(spec, file, data, (spec.list_key,), "")
        return _nested(spec, file, data)
    return []


def _nested(spec: KindSpec, file: str, data: dict) -> list[Entry]:
    top = Entry(spec.kind, str(data.get("id", "")), file, ())
    found = [top]
    for child in _children(spec.kind):
        found += _listed(child, file, data, (child.list_key,), top.id)
    return found


def _children(kind: str) -> list[KindSpec]:
    return [s for s in KINDS.values() if s.parent == kind]


def _listed(spec: KindSpec, file: str, data: dict, path: NodePath, parent: str) -> list[Entry]:
    items = data.get(spec.list_key)
    if not isinstance(items, list):
        return []
    found: list[Entry] = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        entry = Entry(spec.kind, str(item.get("id", "")), file, (*path, index), parent)
        found.append(entry)
        for child in _children(spec.kind):
            found += _listed(child, file, item, (*entry.path, child.list_key), entry.id)
    return found
