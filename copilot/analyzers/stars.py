"""Star levels (seed 004): growth value = annual premium × product factor × term factor.

Term factor: a regular-premium policy within its payment period counts payment years × 0.1
(at most 1); a single-premium policy counts 0.1 in its first five years. The level thresholds
are KB data (the `star_levels` of the KB's profile.yaml); `DEFAULT_LEVELS` are seed 004's.
The gap to the next level is the natural upgrade pitch.
"""

from __future__ import annotations

from dataclasses import dataclass

SINGLE_PREMIUM_FACTOR = 0.1
TERM_FACTOR_PER_YEAR = 0.1

# (level, minimum growth value): one star above 0, seven stars from 1,000,000 (seed 004).
DEFAULT_LEVELS: tuple[tuple[int, float], ...] = (
    (1, 0.0),
    (2, 30_000.0),
    (3, 50_000.0),
    (4, 100_000.0),
    (5, 300_000.0),
    (6, 500_000.0),
    (7, 1_000_000.0),
)


@dataclass(frozen=True, slots=True)
class StarStanding:
    growth_value: float
    level: int  # 0 when the growth value is 0 (no level yet)
    gap_to_next: float | None  # None at the top level


def term_factor(payment_years: int | None) -> float:
    """Within the payment period: years × 0.1 capped at 1; single premium (≤ 1 year): 0.1."""
    if not payment_years or payment_years <= 1:
        return SINGLE_PREMIUM_FACTOR
    return min(1.0, payment_years * TERM_FACTOR_PER_YEAR)


def growth_value(annual_premium: float, product_factor: float, payment_years: int | None) -> float:
    return round(annual_premium * product_factor * term_factor(payment_years), 2)


def standing(value: float, levels: tuple[tuple[int, float], ...] = DEFAULT_LEVELS) -> StarStanding:
    ordered = sorted(levels, key=lambda lv: lv[1])
    level = 0
    for number, minimum in ordered:
        if value > minimum or (minimum > 0 and value >= minimum):
            level = number
    higher = [minimum for number, minimum in ordered if number > level]
    gap = round(min(higher) - value, 2) if higher else None
    return StarStanding(value, level, gap)
