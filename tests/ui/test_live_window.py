"""A live call in the window through a real PulseAudio null sink (this machine has no sound card):
the level meter follows the audio, the call is recorded and stored with its outcome."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from copilot.settings import load_settings
from copilot.store import SessionStore


@pytest.fixture
def pulse():
    from copilot.speech import pulse_server

    missing = pulse_server.available() or (None if shutil.which("sox") else "missing sox")
    if missing:
        pytest.skip(missing)
    with pulse_server.PulseServer(channels=1) as server:
        yield server


@pytest.mark.slow
def test_live_call_meters_recording_and_outcome(make_app, qtbot, pulse, tmp_path):
    tone = tmp_path / "tone.wav"
    subprocess.run(["sox", "-n", "-r", "16000", "-c", "1", "-b", "16", str(tone),
                    "synth", "2.5", "sine", "440", "vol", "0.5"], check=True)
    app = make_app(demo=False, store=True, advisor_device="pulse")
    app.show()
    w = app.window
    assert "pulse" in w.call_bar.devices["advisor"].full_text()
    qtbot.waitUntil(lambda: app.kb_ready, timeout=120000)
    w.toggle_call()
    qtbot.waitUntil(lambda: app.controller.state == "running", timeout=120000)
    assert w.call_bar.button.text() == "结束通话 (F9)"
    pulse.play(tone)
    meter = w.call_bar.meters["advisor"]
    qtbot.waitUntil(lambda: meter.level > 0.5, timeout=15000)
    assert w.call_bar.elapsed.text() != "00:00" or app.controller.elapsed_ms() > 0
    qtbot.wait(2600)
    w.toggle_call()
    qtbot.waitUntil(lambda: app.dialog is not None and app.dialog.isVisible(), timeout=30000)
    app.dialog.choose("not_interested", notes="无声卡测试")
    app.dialog.accept()
    session_id = app.controller.info.session_id

    def stored():
        with SessionStore.for_settings(load_settings()) as store:
            record = store.load(session_id)
            return record if record.session.get("status") == "complete" else None

    qtbot.waitUntil(lambda: stored() is not None, timeout=30000)
    record = stored()
    assert record.outcome().outcome == "not_interested"
    assert record.session["source"] == "live"
    audio = {a["speaker"]: Path(a["path"]) for a in record.audio}
    assert audio["advisor"].exists() and audio["advisor"].stat().st_size > 16000 * 2
