"""`copilot kb import`: spreadsheets of scripts or facts, previewed with per-row errors, written
into the KB's YAML without disturbing it, and usable by the engine straight away."""

from __future__ import annotations

from pathlib import Path

import pytest

from copilot.curation.dialogue import parse_dialogue
from copilot.curation.trial import run_dialogue
from copilot.kb import load_kb

GOOD_ROWS = [
    ["obj_price_coffee", "价格异议：一杯咖啡", "objection_handling", "objection_price",
     "每天不到一杯咖啡的钱，就能换一份全年的住院保障。", "一天一杯咖啡钱都不想花；保费一年好几百呢", "价格"],
    ["", "价格异议：分月交", "objection_handling", "objection_price",
     "可以按月交，每个月几十块，压力小很多。", "一次交一年的钱拿不出来", ""],
]
HEADER = ["id", "title", "stage", "handles", "text", "examples", "tags"]


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    import csv

    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([HEADER, *rows])
    return path


def test_malformed_row_is_reported_by_row_number_and_nothing_is_written(cli, kb_copy, tmp_path):
    source = write_csv(tmp_path / "price.csv", [*GOOD_ROWS,
                       ["bad id!", "坏行", "objection_handling", "objection_unknown", "", "", ""]])
    before = sorted(p.read_text(encoding="utf-8") for p in (kb_copy / "scripts").glob("*.yaml"))
    code, out, err = cli("kb", "import", source, "--kind", "script", "--into", kb_copy)
    assert code == 2
    assert f"{source}: 3 row(s), 2 ok, 1 with errors" in out
    assert f"{source}:4: error: id 'bad id!' has characters other than letters" in out
    assert f"{source}:4: error: text is empty" in out
    assert f"{source}:4: error: unknown signal(s) in handles: objection_unknown" in out
    assert f"{source}:3: warning: no id: using price_3" in out
    assert "nothing written" in err
    assert not (kb_copy / "scripts" / "price.yaml").exists()
    after = sorted(p.read_text(encoding="utf-8") for p in (kb_copy / "scripts").glob("*.yaml"))
    assert before == after


@pytest.mark.slow
def test_good_rows_import_and_the_engine_suggests_them(cli, kb_copy, tmp_path):
    source = write_csv(tmp_path / "price.csv", GOOD_ROWS)
    code, out, _ = cli("kb", "import", source, "--kind", "script", "--into", kb_copy)
    assert code == 0, out
    written = kb_copy / "scripts" / "price.yaml"
    assert f"wrote {written}" in out
    text = written.read_text(encoding="utf-8")
    assert "  - id: obj_price_coffee\n    title: 价格异议：一杯咖啡\n    stage: objection_handling\n" in text
    assert "      - 一天一杯咖啡钱都不想花\n      - 保费一年好几百呢\n" in text
    kb = load_kb(kb_copy)
    trial = run_dialogue(kb, parse_dialogue("客户: 一天一杯咖啡钱都不想花"))
    suggested = [e.item_id for e in trial.events if e.type == "suggestion"]
    assert "obj_price_coffee" in suggested


def test_dry_run_and_preview_write_nothing(cli, kb_copy, tmp_path):
    source = write_csv(tmp_path / "price.csv", GOOD_ROWS)
    code, out, _ = cli("kb", "import", source, "--kind", "script", "--into", kb_copy, "--dry-run")
    assert code == 0 and "preview only, nothing written" in out
    code, out, _ = cli("kb", "import", source, "--kind", "script")
    assert code == 0 and "pass --into DIR" in out
    assert not (kb_copy / "scripts" / "price.yaml").exists()


def test_xlsx_facts_go_into_their_product_file(cli, kb_copy, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["编号", "产品", "类别", "标题", "内容", "客户问法"])
    sheet.append(["medical_million.ambulance", "medical_million", "coverage", "救护车费用",
                  "住院期间发生的救护车费用可以在一般医疗保险金中报销。", "救护车的钱能报吗\n叫120的费用报不报"])
    sheet.append(["accident_care.x", "no_such_product", "coverage", "坏行", "内容", ""])
    path = tmp_path / "facts.xlsx"
    book.save(path)
    product_file = kb_copy / "products" / "medical_million.yaml"
    before = product_file.read_text(encoding="utf-8")
    code, out, _ = cli("kb", "import", path, "--kind", "fact", "--into", kb_copy, "--skip-bad-rows")
    assert code == 1  # one row had an error, the good one was imported
    assert f"{path}:3: error: unknown product 'no_such_product'" in out
    after = product_file.read_text(encoding="utf-8")
    assert after.startswith(before)  # appended at the end of the product's facts, nothing else moved
    added = after[len(before):]
    assert "  - id: medical_million.ambulance\n" in added
    assert "      - 救护车的钱能报吗\n      - 叫120的费用报不报\n" in added
    assert load_kb(kb_copy).item("medical_million.ambulance") is not None


def test_markdown_sections_import(cli, kb_copy, tmp_path):
    source = tmp_path / "trust.md"
    source.write_text(
        "# 信任异议话术\n\n"
        "## 监管可查\n"
        "- id: trust_regulator_lookup\n- stage: objection_handling\n- handles: objection_trust\n"
        "- examples: 你们公司是真的吗；怎么查你们是不是正规的\n\n"
        "您可以在国家金融监督管理总局官网查到我们公司的经营许可。\n\n"
        "## 没有正文\n- id: trust_empty\n",
        encoding="utf-8")
    code, out, _ = cli("kb", "import", source, "--kind", "script", "--into", kb_copy, "--dry-run")
    assert code == 1
    assert "+ row   3  trust_regulator_lookup" in out
    assert f"{source}:11: error: text is empty" in out


def test_markdown_pipe_table_rows_keep_their_line_numbers(tmp_path):
    from copilot.curation.importer import plan_import

    source = tmp_path / "facts.md"
    source.write_text(
        "# 补充知识\n\n"
        "| 编号 | 产品 | 类别 | 标题 | 内容 | 客户问法 |\n"
        "|---|---|---|---|---|---|\n"
        "| medical_million.abroad | medical_million | exclusions | 境外就医 | 境外就医费用不在报销范围。 | 在国外看病能报吗 |\n"
        "| medical_million.bad | medical_million | coverage | 没有内容 |  |  |\n",
        encoding="utf-8")
    plan = plan_import(source, "fact")
    first = plan.rows[0]
    assert (first.number, first.item["id"], first.errors) == (
        5, "medical_million.abroad", [])
    assert plan.rows[0].item["examples"] == ["在国外看病能报吗"]
    assert plan.rows[1].number == 6 and plan.rows[1].errors[0].startswith("text is empty")
