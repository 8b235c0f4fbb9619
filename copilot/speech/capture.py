"""Capture from one input device: the audio callback copies into a queue, a pump thread does the rest.

The callback (PortAudio's thread) only copies the block and counts overflows. The pump thread
splits channels, resamples each to 16 kHz with a streaming soxr resampler, and hands the result
to the speaker's side. If the device stops delivering (unplugged, server gone) the pump reports
it once and ends; what was captured so far has already been handed on.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable

import numpy as np

from copilot.speech.audio import TARGET_RATE, float_to_pcm16
from copilot.speech.devices import InputDevice
from copilot.utterance import Speaker

BLOCK_SECONDS = 0.05
STALL_SECONDS = 2.0
OVERFLOW_REPORT_EVERY = 5.0

AudioSink = Callable[[Speaker, np.ndarray], None]
Reporter = Callable[[str, str, str], None]  # kind ("notice" | "error"), code, message


class DeviceCapture:
    """One open input stream feeding one or two speakers (one per channel)."""

    def __init__(
        self,
        backend,
        device: InputDevice,
        channel_speakers: dict[int, Speaker],
        sink: AudioSink,
        report: Reporter,
        stall_seconds: float = STALL_SECONDS,
    ) -> None:
        import soxr

        self.device = device
        self.channel_speakers = channel_speakers
        self.rate = device.default_rate
        self.overflows = 0
        self._backend = backend
        self._sink = sink
        self._report = report
        self._stall_seconds = stall_seconds
        self._raw: queue.SimpleQueue = queue.SimpleQueue()
        self._resamplers = {
            speaker: soxr.ResampleStream(self.rate, TARGET_RATE, 1, dtype="float32")
            for speaker in channel_speakers.values()
        }
        self._stream = None
        self._ended = threading.Event()  # PortAudio says the stream finished
        self._stopping = False
        self._reported_overflows = 0
        self._last_overflow_report = 0.0
        self._pump = threading.Thread(target=self._run, name=f"capture-{device.index}", daemon=True)

    def start(self) -> None:
        channels = max(self.channel_speakers) + 1
        self._stream = self._backend.InputStream(
            device=self.device.index,
            channels=channels,
            samplerate=self.rate,
            dtype="float32",
            blocksize=int(self.rate * BLOCK_SECONDS),
            callback=self._callback,
            finished_callback=self._ended.set,
        )
        self._stream.start()
        self._pump.start()

    def stop(self) -> None:
        """Stop the stream, let the pump hand on every block already captured, then end it."""
        self._stopping = True
        if self._stream is not None:
            try:
                self._stream.stop()
                self._stream.close()
            except Exception:  # a vanished device can refuse to stop; the data is already queued
                pass
        self._raw.put(None)
        if self._pump.is_alive():
            self._pump.join(10)

    def _callback(self, indata, frames, time_info, status) -> None:
        if getattr(status, "input_overflow", False):
            self.overflows += 1
        self._raw.put(indata.copy())

    def _run(self) -> None:
        last_audio = time.monotonic()
        while True:
            try:
                block = self._raw.get(timeout=0.25)
            except queue.Empty:
                if self._stopping:
                    break
                if self._ended.is_set() or time.monotonic() - last_audio > self._stall_seconds:
                    self._fail()
                    break
                continue
            if block is None:
                break
            last_audio = time.monotonic()
            try:
                self._dispatch(block)
            except Exception as exc:  # disk full, a meter that raised: say so, keep what we have
                self._report("error", "capture_failed", f"capture from '{self.device.name}' "
                             f"stopped ({type(exc).__name__}: {exc}); the call so far is kept")
                return
            self._report_overflows(final=False)
        self._flush()
        self._report_overflows(final=True)

    def _dispatch(self, block: np.ndarray, last: bool = False) -> None:
        for channel, speaker in self.channel_speakers.items():
            samples = np.ascontiguousarray(block[:, channel], dtype=np.float32)
            out = self._resamplers[speaker].resample_chunk(samples, last=last)
            if len(out):
                self._sink(speaker, float_to_pcm16(out))

    def _flush(self) -> None:
        self._dispatch(np.zeros((0, max(self.channel_speakers) + 1), np.float32), last=True)

    def _fail(self) -> None:
        sides = " and ".join(self.channel_speakers.values())
        self._report(
            "error",
            "device_lost",
            f"input device '{self.device.name}' ({sides}) stopped delivering audio; the call so "
            "far is kept; check the connection and start capture again",
        )

    def _report_overflows(self, final: bool) -> None:
        new = self.overflows - self._reported_overflows
        now = time.monotonic()
        if new <= 0 or (not final and now - self._last_overflow_report < OVERFLOW_REPORT_EVERY):
            return
        self._reported_overflows = self.overflows
        self._last_overflow_report = now
        self._report(
            "notice",
            "input_overflow",
            f"input device '{self.device.name}' overflowed {new} time(s): some audio was lost; "
            "close other programs using the CPU or pick a larger-latency device",
        )
