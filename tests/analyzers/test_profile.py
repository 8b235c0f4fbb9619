"""ProfileExtractor and star levels as tables (seed 004's formula)."""

from __future__ import annotations

import pytest

from copilot.analyzers.profile import parse_amount
from copilot.analyzers.stars import growth_value, standing, term_factor

PROFILE_TABLE = [
    ("customer", "我今年三十五岁", {"age": 35}),
    ("advisor", "王先生您好", {"gender": "男"}),
    ("customer", "我在上海上班", {"city": "上海"}),
    ("customer", "我不是在上海，是在杭州", {"city": "杭州"}),  # negation cancels 上海
    ("customer", "我还没有买过任何保险", {"existing_coverage": "无"}),
    ("customer", "单位给买过意外险", {"existing_coverage": "意外险"}),
    ("customer", "今天天气不错", {}),
]


def of_type(events, kind):
    return [e for e in events if e.type == kind]


@pytest.mark.parametrize(("speaker", "text", "expected"), PROFILE_TABLE)
def test_profile_table(new_call, speaker, text, expected):
    events = of_type(new_call().say(speaker, text), "profile")
    assert {e.field: e.value for e in events} == expected
    assert all(e.evidence == text and e.speaker == speaker for e in events)


def test_repeated_value_not_reemitted(call):
    assert of_type(call.say("customer", "我35岁"), "profile")
    assert of_type(call.say("customer", "对，35岁"), "profile") == []


def test_stars_computed_when_premium_and_product_known(call):
    assert of_type(call.say("customer", "每年交两万"), "profile")[0].value == 20000
    events = of_type(call.say("advisor", "那这款增额终身寿就按这个来"), "profile")
    computed = {e.field: e.value for e in events if e.source == "computed"}
    # 20000 × factor 1 × min(1, 10 × 0.1) = 20000 → one star, 10000 to two stars
    assert computed == {"growth_value": 20000.0, "star_level": 1, "gap_to_next_level": 10000.0}


@pytest.mark.parametrize(
    ("premium", "factor", "years", "value", "level", "gap"),
    [
        (5000, 2, 20, 10000, 1, 20000),
        (15000, 2, 10, 30000, 2, 20000),
        (100000, 1, 5, 50000, 3, 50000),
        (200000, 2, 20, 400000, 5, 100000),
        (600000, 2, 20, 1200000, 7, None),
        (50000, 0, 10, 0, 0, 0),  # universal / unit-linked: factor 0
        (100000, 1, 1, 10000, 1, 20000),  # single premium: 0.1
    ],
)
def test_star_levels(premium, factor, years, value, level, gap):
    result = standing(growth_value(premium, factor, years))
    assert (result.growth_value, result.level, result.gap_to_next) == (value, level, gap)


@pytest.mark.parametrize(("years", "factor"), [(None, 0.1), (1, 0.1), (3, 0.3), (10, 1.0), (20, 1.0)])
def test_term_factor(years, factor):
    assert term_factor(years) == pytest.approx(factor)


@pytest.mark.parametrize(("text", "amount"), [("5000", 5000), ("3万", 30000), ("1.5万", 15000), ("3千", 3000), ("", None)])
def test_parse_amount(text, amount):
    assert parse_amount(text) == amount
