"""The ids a KB may refer to: the shared DOMAIN ids (domain_ids.yaml) plus those the KB defines.

A KB adds signals by defining them in signals/*.yaml, stages by its sop/*.yaml stages, and rule
categories through `categories:` in kb.yaml. Everything else referring to an id must use one of these.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

DOMAIN_IDS_FILE = Path(__file__).with_name("domain_ids.yaml")


@lru_cache(maxsize=1)
def domain_ids() -> dict[str, tuple[str, ...]]:
    data = yaml.safe_load(DOMAIN_IDS_FILE.read_text(encoding="utf-8"))
    return {name: tuple(values) for name, values in data.items()}


@dataclass
class Vocabulary:
    """Known ids for one KB; each set is the domain's ids plus the KB's own."""

    violation_categories: set[str] = field(default_factory=set)
    disclosures: set[str] = field(default_factory=set)
    signals: set[str] = field(default_factory=set)
    stages: set[str] = field(default_factory=set)
    products: set[str] = field(default_factory=set)
    product_kinds: set[str] = field(default_factory=set)  # families, types and product ids
    fact_aspects: set[str] = field(default_factory=set)

    @classmethod
    def for_kb(cls, extra_categories, signals, stages, products) -> Vocabulary:
        ids = domain_ids()
        extra = set(extra_categories)
        return cls(
            violation_categories=set(ids["violation_categories"]) | extra,
            disclosures=set(ids["disclosures"]) | extra,
            signals=set(ids["signals"]) | {s.id for s in signals},
            stages=set(ids["stages"]) | set(stages),
            products={p.id for p in products},
            product_kinds=set(ids["product_families"])
            | {p.type for p in products}
            | {p.id for p in products},
            fact_aspects=set(ids["fact_aspects"]),
        )


def choices(ids: set[str], limit: int = 12) -> str:
    """A short sorted list of valid ids for a fix message."""
    ordered = sorted(ids)
    text = ", ".join(ordered[:limit])
    return text + (", ..." if len(ordered) > limit else "")
