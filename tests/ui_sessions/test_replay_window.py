"""The replay window on a real stored call: seek by clicking, follow playback, jump to warnings."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from ui.replay.player import Player, Track, load_mix
from ui.replay.window import ReplayWindow


@pytest.fixture
def window(qtbot, replay_store, fake_clock):
    w = ReplayWindow(replay_store, "call01", monotonic=fake_clock)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()


def test_opens_the_call_with_transcript_warnings_and_audio(window):
    assert window.transcript.rowCount() == 6
    assert window.transcript.item(2, 2).text() == "这款产品保本保息，比存银行还划算"
    assert window.transcript.item(2, 1).text() == "坐席"
    assert window.warnings.count() == 3  # two violations and the missing disclosure
    assert window.sessions.ids() == ["call01"]
    # both recordings were loaded and mixed: advisor 24 s from 0, customer 20 s from 4 s
    assert len(window.player.samples) == 24 * 16000
    assert window.player.duration_ms == 24000
    # this machine has no output device: the window says so and follows on a silent clock
    assert window.player.mode == "silent"
    assert "no audio output device" in window.statusBar().currentMessage()
    marks = sorted((m.kind, m.t_ms) for m in window.timeline.marks)
    assert marks == [("outcome", 23500), ("suggestion", 15000), ("warning", 11000),
                     ("warning", 19000), ("warning", 23500)]
    assert [s for _, _, s in window.timeline.stages] == ["opening", "product_introduction"]


def test_click_a_line_to_seek(window, qtbot):
    rect = window.transcript.visualItemRect(window.transcript.item(3, 2))
    qtbot.mouseClick(window.transcript.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.player.position_ms() == 12000
    assert window.current_row() == 3
    assert window.timeline.position_ms == 12000
    assert window.position_label.text() == "00:12 / 00:24"


def test_click_the_timeline_to_seek(window, qtbot):
    strip = window.timeline
    x = round(strip.x_of(8500))
    qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=QPoint(x, 10))
    assert abs(window.player.position_ms() - 8500) < 24000 / strip.width() + 1
    assert window.current_row() == 2


def test_current_line_follows_playback_at_the_chosen_speed(window, qtbot, fake_clock):
    window.set_speed(2.0)
    assert window.speed_box.currentText() == "2×"
    window.toggle_play()
    assert window.timer.isActive() and window.play_button.text() == "Pause"
    fake_clock.now += 4.5  # 9 s of call at 2x
    qtbot.waitUntil(lambda: window.current_row() == 2, timeout=2000)
    assert window.transcript.currentRow() == 2
    window.set_speed(0.5)
    fake_clock.now += 8.0  # 4 s more at 0.5x: 13 s
    qtbot.waitUntil(lambda: window.current_row() == 3, timeout=2000)
    assert 12900 <= window.player.position_ms() <= 13100
    window.toggle_play()  # pause: the clock moving on does not move the position
    fake_clock.now += 10
    window.tick()
    assert window.current_row() == 3 and not window.timer.isActive()
    window.toggle_play()
    fake_clock.now += 60  # past the end: playback stops at the end
    qtbot.waitUntil(lambda: not window.player.playing, timeout=2000)
    assert window.player.position_ms() == 24000 and window.current_row() == 5


def test_next_warning_jumps_and_wraps(window, qtbot):
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_N)
    assert window.player.position_ms() == 8000  # the start of the line that broke a rule
    assert window.current_row() == 2
    window.next_button.click()
    assert window.player.position_ms() == 16000 and window.current_row() == 4
    window.next_button.click()
    assert window.player.position_ms() == 23500  # the missing disclosure at the end
    window.next_button.click()
    assert window.player.position_ms() == 8000  # wraps to the first


def test_filters_narrow_the_session_list(window):
    panel = window.sessions
    panel.with_violations.setChecked(True)
    assert panel.ids() == ["call01"]
    panel.since.setText("2026-11-03")
    panel.since.editingFinished.emit()
    assert panel.ids() == []
    panel.since.setText("not a date")
    panel.since.editingFinished.emit()
    assert "YYYY-MM-DD" in window.statusBar().currentMessage()


def test_output_callback_reads_the_arrays_at_speed():
    samples = np.arange(100, dtype=np.float32)
    player = Player(samples, 0, rate=1000, use_device=True)  # never started: no card here
    assert player.mode == "device"
    out = np.zeros((10, 1), dtype=np.float32)
    player.fill(out, 10)
    assert out[:, 0].tolist() == list(range(10))
    player.set_speed(2.0)  # keeps the position it had
    player.fill(out, 10)
    assert out[:, 0].tolist() == list(range(10, 30, 2))
    player.set_speed(0.5)
    out = np.zeros((4, 1), dtype=np.float32)
    player.fill(out, 4)
    assert out[:, 0].tolist() == [30, 30.5, 31, 31.5]
    assert player.position_ms() == 32
    player.set_speed(1.0)
    player.seek(98)
    player.fill(out, 4)
    assert out[:, 0].tolist() == [98, 99, 0, 0]  # silence past the end
    with pytest.raises(ValueError):
        player.set_speed(3)


def test_unreadable_recordings_are_reported_not_fatal(tmp_path):
    bad = tmp_path / "gone.wav"
    samples, problems = load_mix([Track("advisor", str(bad))])
    assert samples.size == 0 and problems and "gone.wav" in problems[0]


def test_chinese_ui(qtbot, replay_store, fake_clock):
    from PySide6.QtWidgets import QApplication

    from ui.replay.look import install_chinese

    app = QApplication.instance()
    install_chinese(app)
    try:
        w = ReplayWindow(replay_store, "call01", monotonic=fake_clock)
        qtbot.addWidget(w)
        assert w.windowTitle() == "Copilot · 通话回放"
        assert w.play_button.text() == "播放"
        assert w.statusBar().currentMessage() == "没有音频输出设备：按静音时钟跟随转写"
    finally:
        QApplication.instance().removeTranslator(app._sessions_zh)
        app._sessions_zh = None


def test_f5_lists_calls_stored_since_the_window_opened(window, qtbot, replay_db):
    from copilot.session import SessionInfo
    from copilot.settings import load_settings
    from copilot.store import open_store_sink

    open_store_sink(load_settings(), SessionInfo(session_id="later1"), replay_db[0]).close()
    assert window.sessions.ids() == ["call01"]
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert window.sessions.ids() == ["later1", "call01"]
