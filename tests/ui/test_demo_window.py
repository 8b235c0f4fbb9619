"""The advisor window driven by the real engine: a transcript replayed through the real KB,
analyzers and store, rendered in real widgets."""

from __future__ import annotations

import warnings
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from copilot.settings import load_settings
from copilot.sources.transcript import read_transcript
from copilot.store import SessionStore


def test_replay_fills_every_panel(make_app, run_to_end, short_call, loaded_kb, tmp_path):
    # the call up to the advisor's guaranteed-return promise, right after the price objection
    lines = short_call.read_text(encoding="utf-8").splitlines()
    cut = next(i for i, line in enumerate(lines) if "保本" in line) + 1
    partial = tmp_path / "call.jsonl"
    partial.write_text("\n".join(lines[:cut]) + "\n", encoding="utf-8")
    app = make_app(store=False, transcript=partial)
    run_to_end(app)
    w = app.window
    utterances = read_transcript(partial).utterances
    assert [line.text for line in w.transcript.model.lines] == [u.text for u in utterances]
    assert {line.speaker for line in w.transcript.model.lines} == {"advisor", "customer"}

    # the stage advanced past the opening, and the current one is highlighted in the tree
    stage_ids = [s.id for s in loaded_kb.sop.stages]
    nav = w.navigator.state
    assert nav.stage_index(nav.current) >= stage_ids.index("needs_discovery")
    current = w.navigator._current_item()
    assert current is not None and current.font(0).bold()
    assert ("identity_and_recording", "identity_and_recording.identity") in nav.done_steps
    assert w.navigator.next_label.text().startswith("下一步：")
    assert nav.disclosures["identity"].done and not nav.disclosures["surrender_loss"].done

    # the guaranteed-return promise shows the red banner with the rule's reason and wording
    assert w.banner.isVisible()
    shown = w.banner.shown
    assert shown.severity == "block" and shown.category == "guaranteed_return"
    rule = loaded_kb.rule("v_guaranteed_return_promise")
    assert rule.reason in w.banner.reason.text()
    assert rule.suggestion in w.banner.suggestion.text()
    assert w.banner.property("severity") == "block"
    flagged = [line.text for line in w.transcript.model.lines if line.flagged]
    assert any("保本" in text for text in flagged)
    assert w.warnings.count() >= 2

    # the price objection brought script cards, each saying what it answers
    scripts = [c for c in w.suggestions.cards if c.kind != "fact"]
    assert 1 <= len(scripts) <= 3
    assert any("objection_price" in c.handles for c in scripts), [c.item_id for c in scripts]
    assert all(card.answers.text().startswith("应对：") for card in w.suggestions.widgets
               if card.data.kind != "fact")
    assert w.suggestions.chip.text() == "客户：价格异议"


def test_shortcuts_then_the_outcome_is_stored(make_app, qtbot, short_call):
    # everything but the last line is fed at once; the last one is still seconds away at 1x
    last_end = read_transcript(short_call).utterances[-2].end_ms
    app = make_app(speed=1.0, store=True, start_ms=last_end)
    app.show()
    w = app.window
    qtbot.waitUntil(lambda: app.controller.state == "running" and w.banner.isVisible(),
                    timeout=240000)
    app.controller.bridge.flush()

    first = w.banner.shown
    press(qtbot, w, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert first.acknowledged and w.banner.shown is not first

    QApplication.clipboard().clear()
    press(qtbot, w, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == w.suggestions.cards[0].text

    second = w.suggestions.cards[1].item_id
    press(qtbot, w, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert w.suggestions.cards[0].item_id == second and w.suggestions.cards[0].pinned

    before = app.theme
    shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    press(qtbot, w, Qt.Key.Key_D, shift_ctrl)
    assert app.theme != before

    press(qtbot, w, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert app.controller.job.speed == 4.0 and w.demo_bar.speed_buttons[4.0].isChecked()

    w.transcript.list.verticalScrollBar().setValue(0)  # reading back pauses auto-scroll
    assert not w.transcript.follow
    press(qtbot, w, Qt.Key.Key_End)
    assert w.transcript.follow

    press(qtbot, w, Qt.Key.Key_L, shift_ctrl)
    qtbot.waitUntil(lambda: w.navigator.title.text() == "Call process", timeout=3000)
    press(qtbot, w, Qt.Key.Key_L, shift_ctrl)
    qtbot.waitUntil(lambda: w.navigator.title.text() == "通话流程", timeout=3000)

    # a hand-corrected profile field goes to the session as a manual profile event
    row = list(w.profile.fields).index("city")
    w.profile.table.item(row, 1).setText("宁波")
    qtbot.waitUntil(lambda: any(
        getattr(e, "source", "") == "manual" for e in list(app.controller.session.events)),
        timeout=5000)

    assert w.call_bar.button.text() == "结束通话 (F9)"
    press(qtbot, w, Qt.Key.Key_F9)  # ends the call and asks for the outcome
    qtbot.waitUntil(lambda: app.dialog is not None and app.dialog.isVisible(), timeout=5000)
    assert w.call_bar.button.text() == "开始通话 (F9)"
    app.dialog.reject()  # not now: the session waits for the outcome
    assert not app.controller.session.finished
    press(qtbot, w, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: app.dialog.isVisible(), timeout=5000)
    when = datetime(2026, 11, 25, 19, 30)
    app.dialog.choose("callback", when, "周三晚上再聊，准备重疾险对比")
    app.dialog.accept()
    session_id = app.controller.info.session_id
    qtbot.waitUntil(lambda: _stored_outcome(session_id) is not None, timeout=10000)
    outcome = _stored_outcome(session_id)
    assert outcome.outcome == "callback"
    assert outcome.callback_at == "2026-11-25T19:30"
    assert outcome.notes == "周三晚上再聊，准备重疾险对比"
    with SessionStore.for_settings(load_settings()) as store:
        assert store.load(session_id).profile()["city"] == "宁波"


def press(qtbot, window, key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """A key press on the window as the advisor would make it: the window is the active one
    (shortcuts are window-wide). Offscreen Qt sometimes drops activation requests, hence the
    direct fallback."""
    if QApplication.activeWindow() is not window:
        window.activateWindow()
        qtbot.wait(20)
    if QApplication.activeWindow() is not window:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            QApplication.setActiveWindow(window)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    qtbot.keyClick(window, key, modifiers)


def _stored_outcome(session_id):
    with SessionStore.for_settings(load_settings()) as store:
        try:
            record = store.load(session_id)
        except Exception:
            return None
        return record.outcome() if record.session.get("status") == "complete" else None


def test_switching_language_changes_the_labels(make_app, qtbot):
    app = make_app(demo=False, store=False)
    app.show()
    w = app.window
    assert app.language == "zh"
    assert w.call_bar.button.text() == "开始通话 (F9)"
    assert w.navigator.title.text() == "通话流程"
    assert app.actions.menus["call"].title() == "通话(&C)"
    app.toggle_language()
    assert app.language == "en"
    qtbot.waitUntil(lambda: w.call_bar.button.text() == "Start call (F9)", timeout=3000)
    assert w.navigator.title.text() == "Call process"
    assert w.suggestions.title.text() == "Suggestions"
    assert app.actions.menus["call"].title() == "&Call"
    assert app.actions.actions["toggle_call"].text() == "Start / end the call"
    app.set_language("zh")
    qtbot.waitUntil(lambda: w.tabs.tabText(0) == "客户画像", timeout=3000)


def test_window_remembers_layout_and_view_options(make_app, qtbot):
    first = make_app(demo=False, store=False)
    first.show()
    first.window.resize(781, 677)  # inside the offscreen screen (800×800)
    first.set_theme("dark")
    first.set_on_top(True)
    first.window.main.setSizes([180, 330, 271])
    sizes = first.window.main.sizes()
    first.window.close()
    second = make_app(demo=False, store=False)
    second.show()
    assert (second.window.width(), second.window.height()) == (781, 677)
    assert second.theme == "dark"
    assert second.on_top and second.window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert second.window.main.sizes() == sizes


def test_window_shows_before_background_loading(make_app, isolated_home):
    app = make_app(demo=False, store=False)
    app.show()
    assert app.window.isVisible()
    # nothing heavy ran on the UI thread: the KB is still loading in the background
    assert app.startup.status["kb"].state == "loading"
    assert app.window.call_bar.progress.isVisible()
    assert app.window.call_bar.asr_status.text()


def test_starting_a_live_call_without_a_sound_card_shows_why(make_app, qtbot):
    # this machine has no sound card: the window must say so and carry on, storing nothing
    app = make_app(demo=False, store=True)
    app.show()
    qtbot.waitUntil(lambda: app.kb_ready, timeout=240000)
    app.window.toggle_call()
    qtbot.waitUntil(lambda: app.window.error_strip.isVisible(), timeout=240000)
    assert app.window.error_text.text().startswith("⚠ ")
    assert len(app.window.error_text.text()) > 10
    qtbot.waitUntil(lambda: app.controller.state == "ended", timeout=5000)
    assert app.controller.failed and app.dialog is None  # no outcome for a call that never was
    assert app.window.call_bar.button.text() == "开始通话 (F9)"
    with SessionStore.for_settings(load_settings()) as store:
        assert store.list_sessions() == []


def test_restart_replays_the_demo_as_a_new_session(make_app, run_to_end, qtbot, short_call):
    app = make_app(store=False)
    run_to_end(app)
    w = app.window
    first = app.controller.info.session_id
    count = len(w.transcript.model.lines)
    w.activateWindow()
    app.restart()
    assert app.controller.info.session_id != first
    assert not w.transcript.model.lines and not w.banner.isVisible()  # a clean slate
    assert w.call_bar.session.full_text().endswith(app.controller.info.session_id)
    qtbot.waitUntil(lambda: app.controller.job is not None and app.controller.job.done
                    and app.controller.info.session_id != first, timeout=240000)
    app.controller.bridge.flush()
    assert len(w.transcript.model.lines) == count


def test_a_broken_knowledge_base_is_reported_in_the_window(make_app, qtbot, tmp_path):
    broken = tmp_path / "kb"
    broken.mkdir()
    (broken / "kb.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    app = make_app(kb_dir=broken, store=False)
    app.show()
    w = app.window
    qtbot.waitUntil(lambda: w.error_strip.isVisible(), timeout=60000)
    assert "kb.yaml" in w.error_text.text()
    assert w.call_bar.kb_status.state == "error"
    assert app.controller.info is None  # the demo did not start on a broken KB


def test_waiting_for_a_live_call_builds_the_analyzers_in_the_background(make_app, qtbot):
    """The first Start then opens its session from ready analyzers instead of training them."""
    from copilot.analyzers.templates import is_built

    app = make_app(demo=False, store=False)
    app.show()
    qtbot.waitUntil(lambda: app.kb_ready, timeout=120000)
    qtbot.waitUntil(lambda: is_built(app.controller.kb, app.controller.settings), timeout=60000)
    assert app.controller.state == "idle"  # nothing started: only the analyzers were built
