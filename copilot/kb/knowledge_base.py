"""The loaded, validated knowledge base that analyzers, retrieval and the UI share.

Facts, scripts and bulk lines are all retrievable `Item`s; `content_hash` identifies exactly this
content (sessions record it, the index cache is keyed by it).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from copilot.kb.model import (
    BulkItem,
    Fact,
    Item,
    KbMeta,
    LabelledLine,
    Product,
    Rule,
    Script,
    Signal,
    Sop,
)
from copilot.kb.problems import Problem


@dataclass(eq=False)
class KnowledgeBase:
    root: Path
    meta: KbMeta
    products: list[Product] = field(default_factory=list)
    scripts: list[Script] = field(default_factory=list)
    sops: list[Sop] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    signals: list[Signal] = field(default_factory=list)
    bulk: list[BulkItem] = field(default_factory=list)
    labelled: list[LabelledLine] = field(default_factory=list)
    content_hash: str = ""
    warnings: list[Problem] = field(default_factory=list)

    @property
    def sop(self) -> Sop | None:
        """The primary SOP: `default_sop` from kb.yaml, else the first one."""
        for sop in self.sops:
            if sop.id == self.meta.default_sop:
                return sop
        return self.sops[0] if self.sops else None

    @property
    def language(self) -> str:
        return self.meta.language

    @property
    def facts(self) -> list[Fact]:
        return [fact for product in self.products for fact in product.facts]

    def items(self) -> list[Item]:
        """Every retrievable item: product facts, scripts, then bulk lines, in file order."""
        return list(self._items)

    def item(self, item_id: str) -> Item | None:
        return self._items_by_id.get(item_id)

    def product(self, product_id: str) -> Product | None:
        return next((p for p in self.products if p.id == product_id), None)

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    @cached_property
    def _items(self) -> tuple[Item, ...]:
        items = [_fact_item(f) for f in self.facts]
        items.extend(_script_item(s) for s in self.scripts)
        items.extend(_bulk_item(b) for b in self.bulk)
        return tuple(items)

    @cached_property
    def _items_by_id(self) -> dict[str, Item]:
        return {item.id: item for item in self._items}


def _fact_item(fact: Fact) -> Item:
    return Item(
        id=fact.id, kind="fact", text=fact.text, title=fact.title, product=fact.product,
        tags=tuple(fact.tags), examples=tuple(fact.examples),
        metadata={"aspect": fact.aspect}, source=fact.source,
    )


def _script_item(script: Script) -> Item:
    return Item(
        id=script.id, kind="script", text=script.text, title=script.title, product=script.product,
        stage=script.stage, handles=tuple(script.handles), tags=tuple(script.tags),
        examples=tuple(script.examples), source=script.source,
    )


def _bulk_item(bulk: BulkItem) -> Item:
    return Item(
        id=bulk.id, kind=bulk.kind, text=bulk.text, title=bulk.title, product=bulk.product,
        stage=bulk.stage, handles=tuple(bulk.handles), tags=tuple(bulk.tags),
        metadata=dict(bulk.model_extra or {}), source=bulk.source,
    )


def hash_files(root: Path, files: list[Path]) -> str:
    """sha256 over every content file's relative path and bytes (eval and tests excluded)."""
    digest = hashlib.sha256()
    for path in sorted(files):
        try:
            rel = path.relative_to(root).as_posix()
        except ValueError:
            rel = str(path)
        digest.update(rel.encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            continue
        digest.update(b"\0")
    return digest.hexdigest()[:16]
