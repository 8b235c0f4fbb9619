"""Tiny knowledge bases written into tmp_path: each test breaks exactly one thing."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

KB_YAML = """\
id: tiny
name: tiny test KB
language: zh
version: "1"
negation_cues: [不, 没有]
filler_words: [嗯]
"""

PRODUCT_YAML = """\
id: med
name: 测试医疗险
type: medical
family: health
aliases: [测试医疗]
facts:
  - id: med.waiting
    aspect: waiting_period
    title: 等待期
    text: 等待期30天。
    examples: [多久开始保]
"""

SCRIPTS_YAML = """\
scripts:
  - id: price_daily
    title: 价格异议
    stage: objection_handling
    handles: [objection_price]
    text: 一天不到一块钱。
    examples: [太贵了]
"""

RULES_YAML = """\
rules:
  - id: no_guarantee
    kind: violation
    category: guaranteed_return
    severity: block
    article: 保险销售行为管理办法第二十二条
    patterns: ["保本", "稳赚"]
    examples: [这个产品保本, 稳赚不赔]
    negatives: [这个产品不保本, 收益不确定]
"""


class TinyKb:
    """Writes a valid tiny KB, then lets a test overwrite single files with broken content."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.write("kb.yaml", KB_YAML)
        self.write("products/med.yaml", PRODUCT_YAML)
        self.write("scripts/price.yaml", SCRIPTS_YAML)
        self.write("rules/returns.yaml", RULES_YAML)

    def write(self, rel: str, text: str) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def where(self, rel: str, line: int) -> str:
        return f"{self.root / rel}:{line}"


@pytest.fixture
def tiny_kb(tmp_path: Path) -> TinyKb:
    return TinyKb(tmp_path / "kb")
