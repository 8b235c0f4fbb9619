"""Live capture: through a real PulseAudio server started for the test, and, for the faults a
machine without a sound card cannot produce (a device vanishing, overflows), a fake at the one
edge PortAudio would be."""

from __future__ import annotations

import difflib
import subprocess
import sys
import threading
import time
from types import SimpleNamespace

import numpy as np
import pytest
import soundfile as sf
import soxr

from copilot.cli import main
from copilot.errors import CopilotError
from copilot.session import Session
from copilot.settings import Settings
from copilot.speech import pulse_server
from copilot.speech.live import LiveCall


def finals(session: Session, speaker: str) -> list:
    return [
        e for e in session.events if e.type == "utterance" and e.final and e.speaker == speaker
    ]


@pytest.fixture
def pulse():
    missing = pulse_server.available()
    if missing:
        pytest.skip(missing)
    with pulse_server.PulseServer(channels=2) as server:
        yield server


@pytest.mark.slow
def test_live_call_through_pulseaudio_matches_the_recording(
    pulse, call16k, stereo_events, ko_settings, capsys
):
    assert main(["devices"]) == 0
    assert "pulse" in capsys.readouterr().out
    settings = ko_settings.model_copy(update={"stereo_device": "pulse"})
    session = Session()
    levels: list[tuple[str, float]] = []
    call = LiveCall(settings, session, on_level=lambda s, rms: levels.append((s, rms)))
    call.start()
    pulse.play(call16k.stereo, wait=True)
    time.sleep(0.8)  # the last block through PulseAudio's buffers
    call.stop()

    for speaker in ("advisor", "customer"):
        live = " ".join(e.text for e in finals(session, speaker))
        from_file = " ".join(e.text for e in stereo_events if e.final and e.speaker == speaker)
        word = call16k.advisor_word if speaker == "advisor" else call16k.customer_word
        assert word in live and word in from_file, (speaker, live, from_file)
        # the audio went through PulseAudio's and our resamplers, so allow small differences
        similarity = difflib.SequenceMatcher(None, live.split(), from_file.split()).ratio()
        assert similarity >= 0.6, (speaker, live, from_file)
    assert finals(session, "advisor")[0].start_ms < finals(session, "customer")[0].start_ms
    assert not session.finished, "the owner finishes the session (after the outcome)"

    assert set(call.recordings) == {"advisor", "customer"}
    sides = {s: sf.read(p, dtype="float32")[0] for s, p in call.recordings.items()}
    assert all(len(x) / 16000 >= call16k.duration_ms / 1000 - 0.3 for x in sides.values())
    energy = {s: float(np.sqrt(np.mean(x**2))) for s, x in sides.items()}
    assert min(energy.values()) > 0.005, energy
    assert {s for s, rms in levels if rms > 0.01} == {"advisor", "customer"}
    assert call.overflows == 0


def test_a_device_that_does_not_exist_is_refused_before_anything_starts(ko_settings):
    settings = ko_settings.model_copy(update={"advisor_device": "no-such-headset"})
    session = Session()
    call = LiveCall(settings, session)
    with pytest.raises(CopilotError) as caught:
        call.start()
    message = str(caught.value)
    assert "advisor_device 'no-such-headset' does not exist" in message
    assert "copilot devices" in message
    assert session.events == [] and call.recordings == {} and not call.running


class FakePortAudio:
    """Stands in for sounddevice where there is no sound card: two inputs whose streams play
    given audio through the real callback path; one can vanish part-way, as an unplugged
    USB headset does (PortAudio then simply stops calling back)."""

    def __init__(self, devices: list[dict], audio: dict[int, np.ndarray], vanish_after: dict):
        self.devices = devices
        self.audio = audio
        self.vanish_after = vanish_after
        self.default = SimpleNamespace(device=(0, 0))
        self.streams: list[FakeStream] = []

    def query_devices(self):
        return self.devices

    def query_hostapis(self):
        return [{"name": "Fake"}]

    def InputStream(self, **kwargs):
        stream = FakeStream(self, **kwargs)
        self.streams.append(stream)
        return stream


class FakeStream:
    SPEED = 4.0  # faster than real time: the code under test does not depend on the pace

    def __init__(self, fake: FakePortAudio, device, channels, samplerate, blocksize, callback, **_):
        self.signal = fake.audio[device]
        self.vanish_at = fake.vanish_after.get(device)
        self.rate, self.blocksize, self.callback = samplerate, blocksize, callback
        self._stop = threading.Event()
        self.played = threading.Event()  # the whole signal went through the callback
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self):
        self._thread.start()

    def stop(self):
        self._stop.set()
        self._thread.join(5)

    def close(self):
        pass

    def _run(self):
        silence = np.zeros((self.blocksize, 1), np.float32)
        for i, start in enumerate(range(0, 10**9, self.blocksize)):
            if self._stop.is_set():
                return
            if self.vanish_at is not None and start >= self.vanish_at * self.rate:
                return  # unplugged: no more callbacks, no error
            block = self.signal[start : start + self.blocksize].reshape(-1, 1)
            if len(block) < self.blocksize:  # the line stays open after the speech
                self.played.set()
                block = silence
            self.callback(block, len(block), None, SimpleNamespace(input_overflow=i == 3))
            time.sleep(self.blocksize / self.rate / self.SPEED)


def device(name: str, rate: int) -> dict:
    return {"name": name, "max_input_channels": 1, "default_samplerate": rate, "hostapi": 0}


@pytest.fixture
def fake_devices(call16k, call8k):
    """A 48 kHz headset for the advisor that vanishes after 2 s; an 8 kHz phone line."""
    adv, rate = sf.read(call16k.advisor, dtype="float32")
    cus = sf.read(call8k.customer, dtype="float32")[0]
    return FakePortAudio(
        [device("USB Headset Mic", 48000), device("Phone Line In", 8000)],
        {0: soxr.resample(adv, rate, 48000).astype(np.float32), 1: cus},
        vanish_after={0: 2.0},
    )


@pytest.mark.slow
def test_a_device_that_disappears_keeps_the_call_and_the_recording(fake_devices, call8k, ko_settings):
    settings = ko_settings.model_copy(
        update={"advisor_device": "headset", "customer_device": "Phone Line In"}
    )
    session = Session()
    call = LiveCall(settings, session, backend=fake_devices, stall_seconds=0.5)
    call.start()
    assert fake_devices.streams[1].played.wait(30)
    time.sleep(1.0)  # the advisor's device has been silent for longer than stall_seconds
    call.stop()

    errors = [e for e in session.events if e.type == "error"]
    assert [e.code for e in errors] == ["device_lost"]
    assert "USB Headset Mic" in errors[0].message and "advisor" in errors[0].message
    notices = [e for e in session.events if e.type == "notice"]
    assert {n.code for n in notices} == {"input_overflow"}
    assert call8k.customer_word in " ".join(e.text for e in finals(session, "customer"))
    advisor_audio = sf.read(call.recordings["advisor"], dtype="int16")[0]
    assert 1.8 <= len(advisor_audio) / 16000 <= 2.2  # what came before the headset vanished
    customer_audio = sf.read(call.recordings["customer"], dtype="int16")[0]
    assert len(customer_audio) / 16000 >= call8k.duration_ms / 1000 - 0.1
    # the call's length is the longer side's captured audio, from the session's start
    assert session.info.audio_ms >= len(customer_audio) * 1000 // 16000


def test_without_a_model_the_call_is_still_recorded(fake_devices):
    session = Session()
    call = LiveCall(Settings(customer_device="1"), session, backend=fake_devices, stall_seconds=0.5)
    call.start()
    call.run_in_session(lambda session: session.notice("typed_note", "customer asked for email"))
    time.sleep(1.0)
    call.stop()
    assert "typed_note" in [e.code for e in session.events if e.type == "notice"]
    assert next(e.code for e in session.events if e.type == "notice") == "no_asr_model"
    assert not [e for e in session.events if e.type == "utterance"]
    assert all(sf.info(str(p)).frames > 0 for p in call.recordings.values())


RECORDER_CRASH = """
import os, sys, time
import numpy as np
from pathlib import Path
from copilot.speech.recorder import SideRecorder
rec = SideRecorder(Path(sys.argv[1]))
tone = (np.sin(np.arange(1600) / 5) * 8000).astype(np.int16)
for _ in range(25):  # 2.5 s in 100 ms blocks, as capture delivers them
    rec.write(tone)
    time.sleep(0.1)
os._exit(1)  # die without closing the file
"""


def test_a_crash_leaves_a_playable_file_up_to_the_last_second(tmp_path):
    wav = tmp_path / "advisor.wav"
    subprocess.run([sys.executable, "-c", RECORDER_CRASH, str(wav)], timeout=60)
    info = sf.info(str(wav))
    assert info.samplerate == 16000 and info.frames >= 2 * 16000
    assert sf.read(str(wav), dtype="int16")[0].std() > 1000


def test_a_failing_meter_stops_that_capture_with_an_error_not_a_hang(fake_devices):
    def broken_meter(speaker, rms):
        raise ValueError("meter widget deleted")

    session = Session()
    call = LiveCall(Settings(), session, on_level=broken_meter, backend=fake_devices)
    call.start()
    time.sleep(1.0)
    call.stop()
    errors = [e for e in session.events if e.type == "error"]
    assert [e.code for e in errors] == ["capture_failed"]
    assert "meter widget deleted" in errors[0].message
    assert sf.info(str(call.recordings["advisor"])).frames > 0
