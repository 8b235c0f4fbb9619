"""The workbench window on a copy of the demo KB: edits land in the YAML as clean diffs, broken
regexes are reported live with the validator's own message, rule tests follow every edit, Try it
runs the real engine on unsaved edits, and a trainer can add an objection script end to end."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

ENGINE_TIMEOUT_MS = 120_000  # building the analyzers trains classifiers; slow on a busy 2-core box


@pytest.fixture
def window(qtbot, kb_copy):
    from copilot.settings import load_settings
    from ui.workbench.app import open_workbench
    from ui.workbench.jobs import wait_all

    # English UI strings so assertions read naturally; the default is Chinese (see test below)
    w = open_workbench(str(kb_copy), load_settings(kb_dir=kb_copy, language="en"))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    wait_all(ENGINE_TIMEOUT_MS)


def diff_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    removed, added = [], []
    for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0):
        if line.startswith("-") and not line.startswith("---"):
            removed.append(line[1:])
        elif line.startswith("+") and not line.startswith("+++"):
            added.append(line[1:])
    return removed, added


def ime_type(widget, text: str) -> None:
    """Type Chinese the way an input method does: one committed string per phrase (QTest's
    keyClicks only knows ASCII keys)."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def type_line(qtbot, field, text: str) -> None:
    """Append a line at the end of a one-per-line field, as a trainer would type it."""
    edit = field.edit
    edit.setFocus()
    cursor = edit.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    edit.setTextCursor(cursor)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    ime_type(edit, text)


def select(window, kind: str, item_id: str):
    entry = window.workspace.find(item_id, kind)
    window.browser.select(entry)
    assert window.form.entry == entry
    return entry


@pytest.mark.slow
def test_editing_a_script_saves_a_clean_diff_and_undo_restores(qtbot, window, kb_copy: Path):
    entry = select(window, "script", "price_daily_cost")
    path = kb_copy / entry.file
    before = path.read_text(encoding="utf-8")
    type_line(qtbot, window.form.fields["examples"], "一年好几百也太多了")
    title = window.form.fields["title"].edit
    title.setFocus()
    title.end(False)
    ime_type(title, "（试用）")
    assert window.isWindowModified()
    assert "+      - 一年好几百也太多了" in window.changes.view.toPlainText()
    window.save()
    after = path.read_text(encoding="utf-8")
    removed, added = diff_lines(before, after)
    old_title = next(line for line in before.splitlines() if "title: 价格异议：折算到每天" in line)
    assert removed == [old_title]
    assert added == [old_title + "（试用）", "      - 一年好几百也太多了"]
    assert [c for c in before.splitlines() if c.lstrip().startswith("#")] == [
        c for c in after.splitlines() if c.lstrip().startswith("#")]  # comments kept
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert window.form.fields["title"].value() == "价格异议：折算到每天"
    assert "一年好几百也太多了" not in window.form.fields["examples"].value()
    window.save()
    assert path.read_text(encoding="utf-8") == before


@pytest.mark.slow
def test_broken_regex_is_reported_live_like_kb_validate(qtbot, window, kb_copy: Path, cli):
    entry = select(window, "rule", "v_false_urgency")
    type_line(qtbot, window.form.fields["patterns"], "(停售|涨价")
    qtbot.waitUntil(lambda: window.form.problems.isVisible(), timeout=5000)
    live = window.form.problems.text()
    assert "not a valid regex" in live
    assert window.rule_tests.tree.topLevelItem(0).text(0) == "rule v_false_urgency"
    assert "not a valid regex" in window.rule_tests.tree.topLevelItem(0).text(1)
    window.save()
    code, out, _ = cli("kb", "validate", kb_copy)
    assert code == 1
    assert live.splitlines() == [line for line in out.splitlines() if ": error: " in line]
    assert str(kb_copy / entry.file) in live
    window.browser.select(window.workspace.find("price_daily_cost", "script"))
    problem = next(p for p in window.problems if "not a valid regex" in p.message)
    window.problems_panel.activated.emit(problem)  # double-click in the Problems tab
    assert window.form.entry == entry
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: not window.form.problems.isVisible(), timeout=5000)


def test_rule_tests_follow_every_edit(qtbot, window):
    select(window, "rule", "v_guaranteed_return_promise")
    type_line(qtbot, window.form.fields["negatives"], "这款产品保本保息")
    qtbot.waitUntil(lambda: "✗" in window.form.tests.text(), timeout=5000)
    assert "✗ negative: 这款产品保本保息 → «保本" in window.form.tests.text()
    top = window.rule_tests.tree.topLevelItem(0)
    assert top.text(0) == "rule v_guaranteed_return_promise"
    failing = [top.child(i).text(1) for i in range(top.childCount())
               if top.child(i).text(1).startswith("✗")]
    assert failing and failing[0].startswith("✗ negative: 这款产品保本保息")
    row = window.browser.tree.currentItem()
    assert row.text(2).startswith("✗")
    # the same edit fails validation, with the validator's message next to the rule
    qtbot.waitUntil(lambda: "matches its hard negative" in window.form.problems.text(), timeout=5000)


@pytest.mark.slow
def test_trainer_adds_an_objection_script_sees_it_suggested_and_tests_pass(
        qtbot, window, kb_copy: Path, screenshot_dir: Path):
    select(window, "script", "price_daily_cost")  # "New" adds next to the selected script
    entry = window.new_item("script")
    assert entry.file == "scripts/objections_price.yaml"
    assert window.form.fields["stage"].value() == "objection_handling"
    assert window.form.entry == entry
    path = kb_copy / entry.file
    before = path.read_text(encoding="utf-8")
    values = {
        "id": "price_competitor_cheaper",
        "title": "价格异议：别家更便宜",
        "handles": "objection_price",
        "text": "便宜的产品往往免赔额更高、续保条件更严，我们把保障范围和免赔额逐项对比一下再决定。",
    }
    for key, text in values.items():
        field = window.form.fields[key]
        edit = field.combo.lineEdit() if key == "stage" else field.edit
        edit.selectAll()
        qtbot.keyClick(edit, Qt.Key.Key_Delete)
        ime_type(edit, text)
    for example in ("别家同样的保障比你们便宜一半", "网上有更便宜的同款"):
        type_line(qtbot, window.form.fields["examples"], example)
    window.browser.select(window.workspace.find("price_competitor_cheaper", "script"))
    assert window.workspace.data(window.form.entry)["handles"] == ["objection_price"]

    window.tabs.setCurrentWidget(window.try_it)
    with qtbot.waitSignal(window.try_it.finished, timeout=ENGINE_TIMEOUT_MS):
        window.try_it.input.setPlainText("客户: 别家同样的保障比你们便宜一半")
    shown = "\n".join(window.try_it.lines())
    assert "SIGNAL   objection_price" in shown
    assert "SUGGEST  price_competitor_cheaper 价格异议：别家更便宜" in shown

    window.tabs.setCurrentWidget(window.kb_tests)
    with qtbot.waitSignal(window.kb_tests.finished, timeout=ENGINE_TIMEOUT_MS) as done:
        window.kb_tests.run()
    assert done.args[0] and all(r.passed for r in done.args[0])
    assert "0 failed" in window.kb_tests.summary.text()

    window.tabs.setCurrentWidget(window.try_it)
    shots = screenshot_dir
    window.resize(1500, 900)
    qtbot.wait(200)
    assert window.grab().save(str(shots / "workbench.png"))

    window.save()
    removed, added = diff_lines(before, path.read_text(encoding="utf-8"))
    assert removed == []
    assert added[0] == "  - id: price_competitor_cheaper"
    assert "    handles: [objection_price]" in added
    assert added[-2:] == ["      - 别家同样的保障比你们便宜一半", "      - 网上有更便宜的同款"]


def test_rebuild_index_shows_progress_and_changes_since_last_build(qtbot, window):
    window.tabs.setCurrentWidget(window.index_panel)
    panel = window.index_panel
    assert "Never built" in panel.since.text()
    steps = []
    panel.runner.progress.connect(lambda done, total, what: steps.append((done, total, what)))
    with qtbot.waitSignal(panel.runner.finished, timeout=60_000):
        panel.rebuild.click()
    assert steps[0][0] == 0 and steps[-1][0] == steps[-1][1]  # from nothing to complete
    assert panel.progress.value() == panel.progress.maximum()
    assert panel.status.text().startswith("Built ")
    assert "0 added, 0 changed, 0 removed" in panel.since.text()
    entry = select(window, "script", "price_daily_cost")
    type_line(qtbot, window.form.fields["examples"], "保费一年好几百")
    window.browser.select(window.workspace.find("think_compare_time", "script"))
    window.delete_current()
    window.check_now()
    window.tabs.setCurrentWidget(window.try_it)
    window.tabs.setCurrentWidget(window.index_panel)
    shown = [panel.changes.item(i).text() for i in range(panel.changes.count())]
    assert shown == [f"~ script:{entry.id}", "- script:think_compare_time"]


def test_kb_edit_command_checks_the_folder_and_finds_the_window(cli, tmp_path):
    from importlib.metadata import entry_points

    code, _, err = cli("kb", "edit", tmp_path)
    assert code == 2 and "not a knowledge base folder (no kb.yaml)" in err
    found = [ep for ep in entry_points(group="copilot.gui") if ep.name == "kb_edit"]
    assert found and found[0].value == "ui.launch:run_workbench"
    from ui.launch import run_workbench
    from ui.workbench.app import run_workbench as target

    assert callable(run_workbench) and callable(target)


def test_browse_by_kind_with_search_and_filters(qtbot, window):
    browser = window.browser
    browser.set_kind("script")
    handles = browser.filters["handles"]
    handles.setCurrentIndex(handles.findData("objection_price"))
    shown = [browser.tree.topLevelItem(i).text(0) for i in range(browser.tree.topLevelItemCount())]
    expected = [e.id for e in window.workspace.entries("script")
                if "objection_price" in (window.workspace.data(e).get("handles") or [])]
    assert shown == expected and "price_daily_cost" in shown
    browser.search.setText("一瓶水")
    shown = [browser.tree.topLevelItem(i).text(0) for i in range(browser.tree.topLevelItemCount())]
    assert shown == ["price_daily_cost"]
    browser.set_kind("rule")
    category = browser.filters["category"]
    category.setCurrentIndex(category.findData("deposit_confusion"))
    browser.search.clear()
    shown = {browser.tree.topLevelItem(i).text(0) for i in range(browser.tree.topLevelItemCount())}
    assert shown == {"v_deposit_confusion_analogy", "v_deposit_confusion_wording"}


def test_window_speaks_chinese_by_default(qtbot, kb_copy, repo_root, screenshot_dir):
    from ui.common import i18n
    from ui.workbench.app import open_workbench

    w = open_workbench(str(kb_copy))
    qtbot.addWidget(w)
    try:
        titles = [w.tabs.tabText(i) for i in range(w.tabs.count())]
        assert titles == ["试一试", "规则测试", "知识库测试", "问题", "索引", "未保存的修改"]
        w.show()
        qtbot.waitExposed(w)
        select(w, "rule", "v_guaranteed_return_promise")
        type_line(qtbot, w.form.fields["negatives"], "这款产品保本保息")
        qtbot.waitUntil(lambda: "matches its hard negative" in w.form.problems.text(), timeout=5000)
        w.tabs.setCurrentWidget(w.rule_tests)
        qtbot.wait(100)
        assert w.grab().save(str(screenshot_dir / "workbench-rules-zh.png"))
    finally:
        i18n.set_language("en")
