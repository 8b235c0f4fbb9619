"""Normalisation and negation-aware patterns, as tables (including DOMAIN.md's hard cases)."""

from __future__ import annotations

import pytest

from copilot.patterns import PatternSet, check_patterns
from copilot.pii import mask_text
from copilot.text import normalize

CUES = ["不", "没", "没有", "并非", "不是", "无", "别", "不会", "不能", "不要", "未", "绝不"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("三 十 五 岁", "35岁"),
        ("一万块", "10000块"),
        ("了解一下", "了解一下"),
        ("保 本 保 息", "保本保息"),
        ("十五天犹豫期", "15天犹豫期"),
        ("ＡＢＣ１２３", "abc123"),
        ("嗯那个我想想", "我想想"),
    ],
)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw, fillers=("嗯", "那个")) == expected


def test_normalize_is_idempotent() -> None:
    once = normalize("我 今 年 三 十 五 岁，年收入二十万")
    assert normalize(once) == once


PATTERNS = PatternSet(["保本", r"承诺.{0,4}收益", r"(绝对|肯定|保证)不会?亏"], [r"不是存款"], CUES)


@pytest.mark.parametrize(
    ("text", "hits"),
    [
        ("这个产品保本的", ["保本"]),
        ("这不是存款,也不保本", []),
        ("我们不承诺收益", []),
        ("我们承诺年化收益", ["承诺年化收益"]),
        ("放心这个绝对不会亏", ["绝对不会亏"]),
        ("保 本 保 息", ["保本"]),
    ],
)
def test_pattern_hits(text: str, hits: list[str]) -> None:
    assert [h.matched for h in PATTERNS.find(normalize(text))] == hits


def test_hits_carry_span_and_pattern() -> None:
    text = normalize("这款保本")
    hit = PATTERNS.first(text)
    assert hit is not None
    assert text[hit.start : hit.end] == "保本"
    assert hit.pattern == "保本"


def test_bad_regex_is_reported_with_its_position() -> None:
    problems = check_patterns(["ok", "(unclosed"])
    assert len(problems) == 1
    assert problems[0].index == 1
    assert "pattern 2" in str(problems[0])


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("身份证110101199003071234", "身份证**************1234"),
        ("电话 138 1234 5678", "电话 *** **** 5678"),
        ("卡号6222020200112233445", "卡号***************3445"),
        ("保费3000元", "保费3000元"),
        ("我手机是一三八一二三四五六七八", "我手机是*******五六七八"),
        ("幺三九 零零 幺二 三四 五六", "*** ** ** 三四 五六"),  # grouped by the speaker's pauses
        ("三十五岁，一年两千块", "三十五岁，一年两千块"),
    ],
)
def test_mask_text(raw: str, masked: str) -> None:
    assert mask_text(raw) == masked


REGEX_CUES = ["不(?![管论仅但错])", "不能", "无(?!论)", "(?<![特类区])别(?![人])"]


@pytest.mark.parametrize(
    ("text", "hit"),
    [
        ("你别加我微信", False),
        ("职业类别要加微信", True),  # 别 inside 类别 is no negation
        ("特别加微信", True),
        ("无论如何加微信", True),
        ("我不能保证加微信", False),  # the longest cue ending nearest the hit decides
        ("不管怎样加微信", True),
    ],
)
def test_negation_cues_are_regexes(text: str, hit: bool) -> None:
    patterns = PatternSet([r"加.{0,2}微信"], [], REGEX_CUES)
    assert bool(patterns.find(normalize(text))) is hit


RETRACTIONS = ["(那|这)(是|都是)?(不对|错)的?", "不能这么(说|讲)"]


@pytest.mark.parametrize(("text", "hit"), [
    ("有人说这个保本，那是不对的", False),  # the next clause takes it back
    ("有人说这个保本。这是错的，收益不确定", False),
    ("这个保本的，不能这么说，收益是浮动的", False),
    ("这个保本的，您放心", True),  # the next clause does not retract
    ("这个保本的，您放心，那是不对的吗", True),  # a retraction two clauses on is about something else
    ("这个保本的", True),  # nothing follows
])
def test_a_retraction_opening_the_next_clause_cancels_the_hit(text: str, hit: bool) -> None:
    patterns = PatternSet(["保本"], retraction_cues=RETRACTIONS)
    assert bool(patterns.find(normalize(text))) is hit
