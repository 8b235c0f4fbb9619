"""Playback of a stored call's recordings, both sides mixed, at 0.5-2x, with a position to follow.

Audio goes out through a sounddevice OutputStream whose callback only reads from the arrays
loaded up front (no multimedia stack). Without an output device (or without recordings) a silent
clock advances the position instead, so the transcript still follows and seeking still works;
`mode` and `note` say which one is running so the window can tell the user.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

RATE = 16_000


@dataclass
class Track:
    speaker: str
    path: str
    offset_ms: int = 0


def load_mix(tracks: list[Track], rate: int = RATE) -> tuple[np.ndarray, list[str]]:
    """All readable tracks mixed to one mono float32 array on the session clock; plus problems."""
    import soundfile

    parts, problems = [], []
    for track in tracks:
        try:
            data, file_rate = soundfile.read(track.path, dtype="float32", always_2d=True)
        except (OSError, RuntimeError) as exc:
            problems.append(f"{Path(track.path).name}: {exc}")
            continue
        mono = data.mean(axis=1)
        if file_rate != rate:
            import soxr

            mono = soxr.resample(mono, file_rate, rate).astype(np.float32)
        parts.append((int(track.offset_ms * rate / 1000), mono))
    if not parts:
        return np.zeros(0, dtype=np.float32), problems
    mix = np.zeros(max(start + len(a) for start, a in parts), dtype=np.float32)
    for start, samples in parts:
        mix[start:start + len(samples)] += samples
    peak = float(np.abs(mix).max()) if mix.size else 0.0
    if peak > 1.0:
        mix /= peak
    return mix, problems


def output_device_available() -> bool:
    try:
        import sounddevice

        sounddevice.query_devices(kind="output")
    except Exception:  # no PortAudio, no device, a broken host API: all mean "cannot play"
        return False
    return True


class Player:
    """Position in ms on the session clock; `play/pause/seek/set_speed`."""

    def __init__(
        self,
        samples: np.ndarray,
        duration_ms: int,
        *,
        rate: int = RATE,
        use_device: bool | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.samples = samples
        self.rate = rate
        self.duration_ms = max(duration_ms, int(len(samples) * 1000 / rate))
        self.speed = 1.0
        self.playing = False
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._frame = 0.0  # fractional sample index the device has been handed
        self._started_frame = 0.0  # where the device started playing
        self._latency_frames = 0.0  # handed to the device but not yet heard
        self._base_ms = 0.0  # silent clock: position when last started/seeked
        self._t0 = 0.0
        self._stream = None
        if use_device is None:
            use_device = samples.size > 0 and output_device_available()
        self.mode = "device" if use_device and samples.size else "silent"

    @property
    def note(self) -> str:
        if self.mode == "device":
            return "playing through the default audio output"
        if self.samples.size == 0:
            return "no audio recorded for this call: following the transcript on a silent clock"
        return "no audio output device: following the transcript on a silent clock"

    # ----------------------------------------------------------------- position
    def position_ms(self) -> int:
        if self.mode == "device":
            with self._lock:
                heard = self._frame - self._latency_frames if self._stream is not None else self._frame
                ms = max(heard, self._started_frame) * 1000 / self.rate
        elif self.playing:
            ms = self._base_ms + (self._monotonic() - self._t0) * 1000 * self.speed
        else:
            ms = self._base_ms
        if ms >= self.duration_ms and self.playing:
            self._at_end()
            ms = self.duration_ms
        return int(min(ms, self.duration_ms))

    def _at_end(self) -> None:
        self.playing = False
        self._base_ms = float(self.duration_ms)
        self._stop_stream()

    def seek(self, ms: int) -> None:
        ms = float(min(max(ms, 0), self.duration_ms))
        with self._lock:
            self._frame = ms * self.rate / 1000
        self._base_ms, self._t0 = ms, self._monotonic()

    def set_speed(self, speed: float) -> None:
        if not 0.5 <= speed <= 2.0:
            raise ValueError("speed must be between 0.5 and 2")
        position = self.position_ms()
        self.speed = speed
        self.seek(position)

    # ----------------------------------------------------------------- transport
    def play(self) -> None:
        if self.playing:
            return
        if self.position_ms() >= self.duration_ms:
            self.seek(0)
        self._base_ms, self._t0 = float(self.position_ms()), self._monotonic()
        self.playing = True
        if self.mode == "device":
            self._start_stream()

    def pause(self) -> None:
        if not self.playing:
            return
        position = float(self.position_ms())
        self.playing = False
        self._base_ms = position
        self._stop_stream()

    def close(self) -> None:
        self.pause()

    # ----------------------------------------------------------------- device
    def _start_stream(self) -> None:
        """100 ms blocks with generous buffering: a replay wants smooth sound more than low latency
        (the ALSA->PulseAudio route stalls with PortAudio's default tiny blocks). The position
        shown is what has been heard: handed-over samples minus the device's latency."""
        import sounddevice

        try:
            self._stream = sounddevice.OutputStream(
                samplerate=self.rate, channels=1, dtype="float32", callback=self.fill,
                blocksize=self.rate // 10, latency="high")
            with self._lock:
                self._started_frame = self._frame
                self._latency_frames = float(self._stream.latency) * self.rate
            self._stream.start()
        except Exception:  # the device vanished between the check and now: keep following
            self._stream = None
            self.mode = "silent"
            self._base_ms, self._t0 = self._frame * 1000 / self.rate, self._monotonic()

    def _stop_stream(self) -> None:
        if self._stream is not None:
            heard = self.position_ms() * self.rate / 1000  # resume from what was heard
            self._stream.stop()
            self._stream.close()
            self._stream = None
            with self._lock:
                self._frame = heard

    def fill(self, outdata: np.ndarray, frames: int, _time=None, _status=None) -> None:
        """The output callback: read `frames` samples at the current speed (linear
        interpolation), advance the position; silence past the end. Only reads the arrays."""
        with self._lock:
            start = self._frame
            self._frame = start + frames * self.speed
        positions = start + np.arange(frames) * self.speed
        # only the samples this block spans: an index array over the whole call every block
        # would allocate tens of MB in the callback for a long recording
        lo = max(0, int(np.floor(start)))
        hi = min(len(self.samples), int(np.floor(positions[-1])) + 2) if frames else lo
        if hi <= lo:
            outdata[:, 0] = 0
            return
        outdata[:, 0] = np.interp(
            positions, np.arange(lo, hi), self.samples[lo:hi], left=0.0, right=0.0)
