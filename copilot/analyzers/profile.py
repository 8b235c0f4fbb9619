"""ProfileExtractor: who the customer is, learnt from what either side says.

The cues are KB data, because they are language- and market-specific: `<kb>/profile.yaml`
holds, per DOMAIN.md field, regexes over normalised text (numbers in words are digits by then:
三十五岁 → 35岁). A regex's named group `value` is the value, or an entry gives a fixed `value`
(先生 → 男). Negation cues cancel a hit as for rules ("我不是上海人"). The same file gives the
premium cues and star levels used for the computed `growth_value`, `star_level` and
`gap_to_next_level` (seed 004, copilot.analyzers.stars) once a premium and a product are known.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from copilot.analyzers.base import PerCallState
from copilot.analyzers.context import ProductSpotter
from copilot.analyzers.stars import DEFAULT_LEVELS, growth_value, standing
from copilot.errors import InputError
from copilot.events import Event, ProfileEvent
from copilot.patterns import PatternSet
from copilot.session import SessionView
from copilot.utterance import Utterance

PREMIUM_FIELD = "annual_premium"
_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*([万千kw]?)")
_SCALE = {"万": 10_000, "w": 10_000, "千": 1_000, "k": 1_000, "": 1}


@dataclass(frozen=True, slots=True)
class Cue:
    field: str
    patterns: PatternSet
    value: str | None = None
    speakers: tuple[str, ...] = ("advisor", "customer")
    multi: bool = False  # a field holding several values (interest, health_notes)


@dataclass(frozen=True, slots=True)
class ProfileSpec:
    cues: tuple[Cue, ...] = ()
    star_levels: tuple[tuple[int, float], ...] = DEFAULT_LEVELS


def load_profile_spec(kb) -> ProfileSpec:
    """Read `<kb>/profile.yaml` (absent: no extraction, default star levels)."""
    root = getattr(kb, "root", None)
    path = Path(root) / "profile.yaml" if root else None
    if path is None or not path.exists():
        return ProfileSpec()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        return _spec(data, kb.meta.negation_cues)
    except (yaml.YAMLError, KeyError, TypeError, ValueError, re.error) as exc:
        raise InputError(path, None, f"bad profile cues ({exc})", "see knowledge/FORMAT.md") from exc


def _spec(data: dict[str, Any], negation_cues) -> ProfileSpec:
    cues = []
    for entry in data.get("fields", []):
        speakers = tuple(entry.get("speakers") or ("advisor", "customer"))
        negatable = entry.get("negatable", True)
        for pattern in entry["patterns"]:
            regex, value = (pattern, None) if isinstance(pattern, str) else (pattern["pattern"], pattern.get("value"))
            patterns = PatternSet([regex], entry.get("exceptions", []), negation_cues, negatable)
            cues.append(Cue(entry["field"], patterns, value, speakers, bool(entry.get("multi"))))
    levels = tuple((int(lv["level"]), float(lv["min"])) for lv in data.get("star_levels", [])) or DEFAULT_LEVELS
    return ProfileSpec(tuple(cues), levels)


def parse_amount(text: str) -> float | None:
    """'5000' → 5000, '3万' → 30000, '1.5万' → 15000, '3千' → 3000."""
    match = _AMOUNT.search(text)
    if not match:
        return None
    return float(match.group(1)) * _SCALE[match.group(2)]


class ProfileExtractor(PerCallState):
    def __init__(self, kb, spec: ProfileSpec, normalize) -> None:
        self.spec = spec
        self.normalize = normalize
        self.products = {p.id: p for p in kb.products}
        self.spotter = ProductSpotter(kb.products, normalize)
        self.reset()

    def reset(self) -> None:
        self.values: dict[str, Any] = {}
        self.product: str | None = None

    def feed(self, utterance: Utterance, session: SessionView) -> list[Event]:
        if not utterance.final:
            return []
        text = self.normalize(utterance.text)
        events: list[Event] = []
        products = self.spotter.find(text)
        product_changed = bool(products) and products[-1] != self.product
        if products:
            self.product = products[-1]
        premium_changed = False
        for cue in self.spec.cues:
            if utterance.speaker not in cue.speakers:
                continue
            hit = cue.patterns.first(text)
            if hit is None:
                continue
            value = self._value(cue, hit, text)
            if value is None or not self._is_new(cue, value):
                continue
            premium_changed |= cue.field == PREMIUM_FIELD
            events.append(self._event(utterance, cue.field, value, "extracted"))
        if PREMIUM_FIELD in self.values and (premium_changed or product_changed):
            events += self._stars(utterance)
        return events

    def _value(self, cue: Cue, hit, text: str) -> Any:
        if cue.value is not None:
            return cue.value
        match = cue.patterns.patterns[0][1].match(text, hit.start)
        raw = match.groupdict().get("value") if match else None
        raw = raw if raw is not None else hit.matched
        if cue.field == PREMIUM_FIELD:
            return parse_amount(raw)
        return int(raw) if raw.isdigit() else raw

    def _is_new(self, cue: Cue, value: Any) -> bool:
        if cue.multi:
            seen = self.values.setdefault(cue.field, [])
            if value in seen:
                return False
            seen.append(value)
            return True
        if self.values.get(cue.field) == value:
            return False
        self.values[cue.field] = value
        return True

    def _stars(self, utterance: Utterance) -> list[Event]:
        product = self.products.get(self.product or "")
        if product is None:
            return []
        value = growth_value(self.values[PREMIUM_FIELD], product.growth_factor, product.payment_years)
        result = standing(value, self.spec.star_levels)
        computed = [("growth_value", value), ("star_level", result.level)]
        if result.gap_to_next is not None:
            computed.append(("gap_to_next_level", result.gap_to_next))
        return [self._event(utterance, f, v, "computed") for f, v in computed]

    def _event(self, utterance: Utterance, field: str, value: Any, source: str) -> ProfileEvent:
        return ProfileEvent(
            t_ms=utterance.end_ms,
            utterance_id=utterance.id,
            field=field,
            value=value,
            evidence=utterance.text,
            speaker=utterance.speaker,
            source=source,
        )
