"""Replay playback through a real audio output: a PulseAudio null sink stands in for speakers,
and what reaches it is captured from its monitor and checked (the tone that was played, in real
time, with the position following the samples the device actually consumed)."""

from __future__ import annotations

import time

import numpy as np
import pytest

from copilot.speech import pulse_server
from ui.replay.player import RATE, Player, output_device_available

TONE_HZ = 440.0


@pytest.fixture
def speakers():
    missing = pulse_server.available()
    if missing:
        pytest.skip(missing)
    with pulse_server.PulseServer(rate=RATE, channels=1) as server:
        yield server


@pytest.mark.slow
def test_a_call_plays_through_the_audio_output_and_the_position_follows_it(speakers):
    import sounddevice

    seconds = 6.0
    t = np.arange(int(seconds * RATE)) / RATE
    samples = (0.3 * np.sin(2 * np.pi * TONE_HZ * t)).astype(np.float32)
    assert output_device_available()
    player = Player(samples, int(seconds * 1000))
    assert player.mode == "device" and player.note == "playing through the default audio output"

    heard: list[np.ndarray] = []
    with sounddevice.InputStream(samplerate=RATE, channels=1, dtype="float32",
                                 callback=lambda data, *_: heard.append(data[:, 0].copy())):
        player.play()
        time.sleep(2.5)  # the null sink takes about a second to start pulling samples
        before = player.position_ms()
        time.sleep(1.0)
        after = player.position_ms()
        player.pause()
        time.sleep(0.3)
    # the position follows what the device plays, in real time
    assert 800 <= after - before <= 1200, (before, after)
    position = player.position_ms()
    assert player.mode == "device" and after <= position <= after + 400

    audio = np.concatenate(heard)
    loud = audio[np.abs(audio) > 0.05]
    assert len(loud) > RATE // 2, "the tone did not reach the output"
    spectrum = np.abs(np.fft.rfft(audio))
    peak_hz = np.fft.rfftfreq(len(audio), 1 / RATE)[int(np.argmax(spectrum))]
    assert abs(peak_hz - TONE_HZ) < 5
    time.sleep(0.3)
    assert player.position_ms() == position  # paused: the device no longer pulls samples
