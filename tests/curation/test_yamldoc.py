"""Round-trip editing keeps trainers' files as written: only edited lines change in the diff."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from copilot.curation.workspace import KbWorkspace
from copilot.curation.yamldoc import YamlDocument


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """(removed, added) lines of a unified diff between two texts."""
    removed, added = [], []
    for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0):
        if line.startswith("-") and not line.startswith("---"):
            removed.append(line[1:])
        elif line.startswith("+") and not line.startswith("+++"):
            added.append(line[1:])
    return removed, added


def test_every_demo_file_round_trips_unchanged(demo_kb_dir):
    files = sorted(p for p in demo_kb_dir.rglob("*.yaml"))
    assert len(files) > 15
    for path in files:
        doc = YamlDocument.open(path)
        assert doc.text() == path.read_text(encoding="utf-8"), path


COMMENTED = """\
# Price objections: written by the training team.
scripts:
  # the daily-cost framing works best with young customers
  - id: price_a
    title: 折算到每天
    stage: objection_handling
    handles: [objection_price]   # only price
    text: >-
      算下来一天一块钱左右，
      一瓶水的钱。
    examples:
      - 太贵了
      - 有点贵
    tags: []
  - id: price_b
    text: 先配最要紧的一份。
"""


def test_edits_change_only_their_lines_and_keep_comments(tmp_path):
    path = tmp_path / "price.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    doc = YamlDocument.open(path)
    doc.set_field(("scripts", 0), "examples", ["太贵了", "保费太高了", "有点贵"])
    doc.set_field(("scripts", 0), "handles", ["objection_price", "objection_need"])
    doc.set_field(("scripts", 0), "tags", ["价格"])
    doc.set_field(("scripts", 1), "stage", "objection_handling", ["id", "title", "text", "stage"])
    after = doc.text()
    removed, added = changed_lines(COMMENTED, after)
    assert removed == ["    handles: [objection_price]   # only price", "    tags: []"]
    # the edited line keeps its comment (ruamel may re-space it: that line changed anyway)
    assert added[0].startswith("    handles: [objection_price, objection_need] ")
    assert added[0].endswith("# only price")
    assert added[1:] == [
        "      - 保费太高了",
        "    tags: [价格]",
        "    stage: objection_handling",
    ]
    assert "# the daily-cost framing works best with young customers" in after
    assert "    text: >-\n      算下来一天一块钱左右，\n      一瓶水的钱。\n" in after


def test_new_item_follows_the_files_key_order_and_list_styles(tmp_path):
    path = tmp_path / "price.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    doc = YamlDocument.open(path)
    doc.append_item(("scripts",), {"id": "price_c", "text": "可以月交。", "handles": ["objection_price"],
                                   "stage": "objection_handling", "title": "月交",
                                   "examples": ["一次交不起"]},
                    ["id", "title", "text", "stage", "handles", "examples", "tags"])
    removed, added = changed_lines(COMMENTED, doc.text())
    assert removed == []
    assert added == ["  - id: price_c", "    title: 月交", "    stage: objection_handling",
                     "    handles: [objection_price]", "    text: 可以月交。", "    examples:",
                     "      - 一次交不起"]


def test_broken_yaml_is_a_one_line_error(tmp_path):
    from copilot.errors import InputError

    path = tmp_path / "bad.yaml"
    path.write_text("scripts:\n  - id: a\n    text: [unclosed\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        YamlDocument.open(path)
    assert str(caught.value).startswith(f"{path}:")


def test_workspace_saves_only_modified_files(kb_copy: Path):
    ws = KbWorkspace(kb_copy)
    entry = ws.find("price_daily_cost", "script")
    before = (kb_copy / entry.file).read_text(encoding="utf-8")
    ws.set_field(entry, "examples", [*ws.data(entry)["examples"], "一年要好几百呢"])
    written = ws.save()
    assert written == [kb_copy / entry.file]
    removed, added = changed_lines(before, (kb_copy / entry.file).read_text(encoding="utf-8"))
    assert removed == [] and added == ["      - 一年要好几百呢"]
    ws.close()


def test_new_regexes_are_written_single_quoted_like_trainers_write_them(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text("rules:\n  - id: r1\n    patterns:\n      - '保本'\n    examples:\n      - 保本的\n",
                    encoding="utf-8")
    doc = YamlDocument.open(path)
    doc.set_field(("rules", 0), "patterns", ["保本", "稳赚[^,]{0,2}不赔"])
    doc.set_field(("rules", 0), "exceptions", ["不(保本)"])
    text = doc.text()
    assert "      - '稳赚[^,]{0,2}不赔'\n" in text and "      - '不(保本)'\n" in text
    assert "      - 保本的\n" in text  # sentences stay plain
    reread = YamlDocument(path, text).data["rules"][0]
    assert list(reread["patterns"]) == ["保本", "稳赚[^,]{0,2}不赔"]
