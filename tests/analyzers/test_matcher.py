"""The shared matcher: pattern hits, example similarity, the KB-trained classifier, vetoes."""

from __future__ import annotations

import pytest

from copilot.analyzers.classifier import ExampleClassifier
from copilot.analyzers.lexical import NgramIndex, segments
from copilot.analyzers.matcher import Cutoffs, ExampleMatcher, Target
from copilot.text import normalize

CUES = ["不", "没有", "不是", "别"]
TARGETS = [
    Target("price", ("太贵",), (), ("这个价格我承受不起", "超出预算了", "保费有点高"),
           ("贵不贵无所谓",)),
    Target("deposit", ("存款",), (), ("就跟存银行一样", "这是存款"), ("这不是存款",)),
]


@pytest.fixture(scope="module")
def matcher():
    return ExampleMatcher(TARGETS, Cutoffs(lexical=0.5, margin=0.02), normalize, CUES)


@pytest.mark.parametrize(
    ("text", "final", "expected"),
    [
        ("太贵了", False, {"price": "pattern"}),  # patterns work on partials
        ("这个价格我真的承受不起", False, {}),  # similarity waits for the final
        ("这个价格我真的承受不起", True, {"price": "lexical"}),
        ("贵不贵无所谓", True, {}),  # its hard negative vetoes it
        ("这不是存款", True, {}),  # the pattern is negated, so similarity may not claim it
        ("今天天气不错", True, {}),
    ],
)
def test_match_table(matcher, text, final, expected):
    found = matcher.match(normalize(text), final=final)
    assert {k: m.via for k, m in found.items()} == expected


def test_pattern_match_has_span(matcher):
    text = normalize("嗯，这个太贵了吧")
    match = matcher.match(text, final=False)["price"]
    assert text[match.span[0] : match.span[1]] == match.matched == "太贵"


def test_segments_cover_clauses():
    assert segments("一，二，三") == ["一，二，三", "一", "二", "三", "一二", "二三"]


def test_lexical_similarity_ranks_paraphrase_first():
    index = NgramIndex(["我再考虑考虑", "太贵了", "我已经有保险了"])
    scores = index.scores("我们家已经买了保险了")
    assert scores.argmax() == 2 and scores[2] > 0.3


def test_classifier_learns_groups_of_examples():
    clf = ExampleClassifier(
        {"returns": ["稳稳的收益", "只增不减", "一分不少拿回来", "收益年年涨"],
         "deposit": ["跟存银行一样", "就是存钱", "比定期存款划算", "当存款用"]},
        negatives=["收益不确定", "这不是存款"],
        background=["您好请问是王先生吗", "我们的犹豫期是15天", "给您介绍一下保障内容"],
    )
    target, p = clf.best("这笔钱只会年年涨收益")
    assert target == "returns" and p > 0.3
    assert clf.best("这个跟存银行差不多")[0] == "deposit"
