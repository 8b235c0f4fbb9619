"""`copilot kb test` runs the KB's dialogues through the engine; `copilot kb diff` lists item changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from copilot.curation.workspace import KbWorkspace


@pytest.mark.slow
def test_demo_kb_tests_pass(cli, demo_kb_dir):
    code, out, _ = cli("kb", "test", demo_kb_dir)
    assert code == 0, out
    lines = out.splitlines()
    assert lines[-1].endswith("0 failed")
    passed = [line for line in lines if line.startswith("PASS")]
    assert len(passed) >= 6
    assert any("guaranteed_return_is_blocked" in line for line in passed)


FAILING_CASES = """\
cases:
  - id: wrong_script_expected
    dialogue: |
      客户: 太贵了，我买不起
    expect:
      - {type: suggestion, item_id: no_such_script, at: 1}
  - id: advisor_violation_unexpected
    dialogue:
      - "坐席: 这个产品是保本的，您放心"
    absent:
      - {type: violation, category: guaranteed_return}
  - id: passes
    dialogue: "C: 我再考虑考虑吧"
    expect:
      - {type: signal, signal: objection_think_about_it}
"""


@pytest.mark.slow
def test_failures_print_the_difference_and_exit_1(cli, kb_copy: Path):
    (kb_copy / "tests" / "extra.yaml").write_text(FAILING_CASES, encoding="utf-8")
    code, out, _ = cli("kb", "test", kb_copy)
    assert code == 1
    assert "FAIL  tests/extra.yaml:2 wrong_script_expected" in out
    # the difference: what was expected, and the suggestions that did come for that line
    assert "expected suggestion item_id=no_such_script at line 1; got SUGGEST" in out
    assert "price_daily_cost" in out
    assert "FAIL  tests/extra.yaml:7 advisor_violation_unexpected" in out
    assert "unexpected VIOLATION BLOCK guaranteed_return [v_guaranteed_return_promise]" in out
    assert "PASS  tests/extra.yaml:12 passes" in out
    assert out.splitlines()[-1].endswith("passed, 2 failed")


def test_malformed_case_is_a_file_line_error(cli, kb_copy: Path):
    (kb_copy / "tests" / "broken.yaml").write_text(
        "cases:\n  - id: x\n    dialogue: '客户: 你好'\n    expect:\n      - {item_id: a}\n",
        encoding="utf-8")
    code, _, err = cli("kb", "test", kb_copy)
    assert code == 2
    assert f"{kb_copy / 'tests' / 'broken.yaml'}:" in err
    assert "has no known 'type'" in err


def test_diff_lists_added_changed_removed_by_id(cli, demo_kb_dir, kb_copy: Path):
    ws = KbWorkspace(kb_copy)
    ws.add("script", {"id": "price_coffee", "title": "一杯咖啡", "stage": "objection_handling",
                      "handles": ["objection_price"], "text": "每天不到一杯咖啡的钱。",
                      "examples": ["太贵了"]})
    rule = ws.find("v_guaranteed_return_promise", "rule")
    ws.set_field(rule, "severity", "warn")
    ws.remove(ws.find("think_compare_time", "script"))
    ws.save()
    ws.close()
    code, out, _ = cli("kb", "diff", demo_kb_dir, kb_copy)
    assert code == 0
    assert "+ script price_coffee" in out
    assert "~ rule v_guaranteed_return_promise [severity]" in out
    assert "severity: block → warn" in out
    assert "- script think_compare_time  scripts/objections_think.yaml:" in out
    assert out.splitlines()[-1] == "1 added, 1 changed, 1 removed"


def test_diff_of_identical_kbs_is_empty(cli, demo_kb_dir, kb_copy):
    code, out, _ = cli("kb", "diff", demo_kb_dir, kb_copy, "--brief")
    assert code == 0 and out.splitlines()[-1] == "0 added, 0 changed, 0 removed"


def test_live_problems_read_like_kb_validate(cli, kb_copy: Path):
    """The workbench's messages for unsaved edits are the validator's, with the real paths."""
    ws = KbWorkspace(kb_copy)
    rule = ws.find("v_false_urgency", "rule")
    ws.set_field(rule, "patterns", ["(停售|涨价"])
    _, live = ws.check()
    ws.save()
    ws.close()
    code, out, _ = cli("kb", "validate", kb_copy)
    assert code == 1
    validate_lines = [line for line in out.splitlines() if ": error: " in line]
    assert [p.text for p in live if p.is_error] == validate_lines
    assert any("not a valid regex" in line for line in validate_lines)


@pytest.mark.slow
def test_select_runs_only_matching_cases(cli, demo_kb_dir):
    code, out, _ = cli("kb", "test", demo_kb_dir, "-k", "price")
    assert code == 0
    assert out.splitlines()[-1] == "1 passed, 0 failed"
