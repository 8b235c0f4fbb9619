"""A live call: both sides captured, recorded, recognised and fed to the session as they happen.

Threads: PortAudio callback -> queue -> one capture pump per device (resample, record, level)
-> one recogniser worker per speaker -> ONE session thread that calls `session.feed` in arrival
order (the Session is not thread-safe). `on_level(speaker, rms)` is called from a capture thread a
few times a second; a UI must move it to its own thread. Without a speech model the call is still
captured and recorded, and the session gets one notice saying how to install a model.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from pathlib import Path

import numpy as np

from copilot import paths
from copilot.errors import CopilotError
from copilot.events import ErrorEvent
from copilot.session import Session
from copilot.settings import Settings
from copilot.speech.audio import TARGET_RATE, parse_channel_map
from copilot.speech.capture import DeviceCapture
from copilot.speech.devices import (
    InputDevice,
    audio_backend,
    default_input,
    list_inputs,
    resolve_input,
)
from copilot.speech.models import INSTALL_HINT, model_label, resolve_asr_model
from copilot.speech.recognizer import Recognizer, load_model
from copilot.speech.recorder import SideRecorder
from copilot.speech.transcriber import BLOCK, SpeakerWorker
from copilot.utterance import Speaker, Utterance

LevelCallback = Callable[[str, float], None]
LEVEL_SAMPLES = TARGET_RATE // 5  # a meter reading every 200 ms
_STOP = object()


class _Side:
    """One speaker: recorder, meter and recogniser input, fed by a capture pump."""

    def __init__(self, speaker: Speaker, recorder: SideRecorder | None, worker, on_level, report):
        self.speaker = speaker
        self.recorder = recorder
        self.worker: SpeakerWorker | None = worker
        self._on_level = on_level
        self._report = report
        self._pending: list[np.ndarray] = []
        self._pending_len = 0
        self._level_sum = 0.0
        self._level_n = 0
        self.dropped_blocks = 0
        self.samples = 0  # captured so far: the call's length, silence included

    def accept(self, pcm16: np.ndarray) -> None:
        self.samples += len(pcm16)
        if self.recorder is not None:
            self.recorder.write(pcm16)
        self._meter(pcm16)
        if self.worker is None:
            return
        self._pending.append(pcm16)
        self._pending_len += len(pcm16)
        if self._pending_len >= BLOCK:
            self._send(np.concatenate(self._pending))

    def _send(self, audio: np.ndarray) -> None:
        whole = len(audio) - len(audio) % BLOCK
        for i in range(0, whole, BLOCK):
            try:
                self.worker.feed(audio[i : i + BLOCK], wait=False)
            except queue.Full:  # recogniser far behind: drop rather than stall capture
                self.dropped_blocks += 1
                if self.dropped_blocks == 1:
                    self._report("notice", "asr_behind", f"speech recognition for the {self.speaker} "
                                 "is falling behind; some audio is recorded but not transcribed")
        rest = audio[whole:]
        self._pending = [rest] if len(rest) else []
        self._pending_len = len(rest)

    def _meter(self, pcm16: np.ndarray) -> None:
        if self._on_level is None:
            return
        x = pcm16.astype(np.float32) / 32768.0
        self._level_sum += float(np.dot(x, x))
        self._level_n += len(x)
        if self._level_n >= LEVEL_SAMPLES:
            self._on_level(self.speaker, (self._level_sum / self._level_n) ** 0.5)
            self._level_sum, self._level_n = 0.0, 0

    def close(self) -> None:
        """Recognise the rest, flush the last final, close the file."""
        if self.worker is not None:
            if self._pending_len:
                tail = np.concatenate(self._pending)
                self.worker.feed(tail)
                self._pending, self._pending_len = [], 0
            self.worker.close(timeout=30)
            self.worker = None
        if self.recorder is not None:
            self.recorder.close()


class LiveCall:
    """Capture both sides of a call from sound devices into `session` (see the module docstring)."""

    def __init__(
        self,
        settings: Settings,
        session: Session,
        on_level: LevelCallback | None = None,
        backend=None,
        stall_seconds: float = 2.0,
    ) -> None:
        self.settings = settings
        self.session = session
        self.on_level = on_level
        self._backend = backend
        self._stall_seconds = stall_seconds
        self._outbox: queue.Queue = queue.Queue()
        self._sides: dict[str, _Side] = {}
        self._captures: list[DeviceCapture] = []
        self._recordings: dict[str, Path] = {}
        self._session_thread: threading.Thread | None = None
        self.recording_offset_ms = 0  # session time of the first sample in each recording
        self.running = False

    @property
    def recordings(self) -> dict[str, Path]:
        return dict(self._recordings)

    @property
    def overflows(self) -> int:
        return sum(c.overflows for c in self._captures)

    def start(self) -> None:
        """Open the devices and start capturing (blocking for the model load, seconds)."""
        if self.running:
            return
        backend = self._backend or audio_backend()
        plan = self._plan(backend)  # device errors are raised before anything starts
        model_path = resolve_asr_model(self.settings)
        model = load_model(model_path) if model_path else None
        self.session.start()
        if model is None:
            self.session.notice("no_asr_model", INSTALL_HINT + "; recording without transcription")
        else:
            self.session.info.models.setdefault("asr", model_label(model_path))
        offset = self.recording_offset_ms = self.session.now_ms()
        for channel_speakers in plan.values():
            for speaker in channel_speakers.values():
                self._sides[speaker] = self._make_side(speaker, model, offset)
        self._session_thread = threading.Thread(target=self._session_loop, name="session", daemon=True)
        self._session_thread.start()
        for device, channel_speakers in plan.items():
            capture = DeviceCapture(
                backend, device, channel_speakers, self._accept, self._report, self._stall_seconds
            )
            self._captures.append(capture)
            try:
                capture.start()
            except Exception as exc:  # PortAudio refuses the device (busy, bad rate...)
                self.stop()
                raise CopilotError(
                    f"cannot open input device '{device.name}' ({exc}); try another one from "
                    "`copilot devices`"
                ) from exc
        self.running = True

    def stop(self) -> None:
        """Stop capture, flush the last finals into the session, close the files.

        The session is left open (the advisor may still record the outcome); its owner finishes it.
        """
        for capture in self._captures:
            capture.stop()
        for side in self._sides.values():
            side.close()
        if self._sides:
            heard = max(side.samples for side in self._sides.values()) * 1000 // TARGET_RATE
            self.session.info.audio_ms = max(self.session.info.audio_ms, self.recording_offset_ms + heard)
        if self._session_thread is not None:
            self._outbox.put(_STOP)
            self._session_thread.join(30)
            self._session_thread = None
        self.running = False

    def run_in_session(self, action: Callable[[Session], object]) -> None:
        """Run `action(session)` on the session thread while the call runs (typed notes, manual
        profile fields), so nothing else touches the session concurrently; directly otherwise."""
        if self._session_thread is not None:
            self._outbox.put(("call", action))
        else:
            action(self.session)

    def _plan(self, backend) -> dict[InputDevice, dict[int, Speaker]]:
        """Which device carries which speaker on which channel, from the settings."""
        s = self.settings
        inputs = list_inputs(backend)
        if s.stereo_device:
            device = resolve_input(s.stereo_device, inputs, "stereo_device")
            left, right = parse_channel_map(s.channel_map)
            if device.channels < 2:
                raise CopilotError(
                    f"stereo_device '{device.name}' has {device.channels} channel; set "
                    "advisor_device and customer_device instead"
                )
            return {device: {0: left, 1: right}}
        plan: dict[InputDevice, dict[int, Speaker]] = {}
        advisor = (
            resolve_input(s.advisor_device, inputs, "advisor_device")
            if s.advisor_device
            else default_input(inputs)
        )
        plan[advisor] = {0: "advisor"}
        if s.customer_device:
            customer = resolve_input(s.customer_device, inputs, "customer_device")
            if customer == advisor:
                raise CopilotError(
                    "advisor_device and customer_device are the same input; use stereo_device "
                    "with channel_map for one stereo input"
                )
            plan[customer] = {0: "customer"}
        return plan

    def _make_side(self, speaker: Speaker, model, offset_ms: int) -> _Side:
        recorder = None
        if self.settings.record_audio:
            path = paths.sessions_dir() / self.session.session_id / f"{speaker}.wav"
            recorder = SideRecorder(path)
            self._recordings[speaker] = path
        worker = None
        if model is not None:
            recognizer = Recognizer(model, speaker, offset_ms=offset_ms)
            worker = SpeakerWorker(recognizer, self._on_result)
        return _Side(speaker, recorder, worker, self.on_level, self._report)

    def _accept(self, speaker: Speaker, pcm16: np.ndarray) -> None:
        self._sides[speaker].accept(pcm16)

    def _on_result(self, speaker: str, seq: int, utterances: list[Utterance]) -> None:
        if seq < 0:
            self._report("error", "asr_failed", f"speech recognition for the {speaker} stopped")
        for utterance in utterances:
            self._outbox.put(("utterance", utterance))

    def _report(self, kind: str, code: str, message: str) -> None:
        self._outbox.put((kind, (code, message)))

    def _session_loop(self) -> None:
        """The only thread that touches the session while the call runs."""
        while (item := self._outbox.get()) is not _STOP:
            kind, payload = item
            try:
                if kind == "utterance":
                    self.session.feed(payload)
                elif kind == "notice":
                    self.session.notice(*payload)
                elif kind == "call":
                    payload(self.session)
                else:
                    code, message = payload
                    self.session.record(ErrorEvent(t_ms=self.session.now_ms(), code=code, message=message))
            except Exception as exc:  # an analyzer bug must not end the call
                self.session.record(
                    ErrorEvent(t_ms=self.session.now_ms(), code="analyzer_failed", message=str(exc))
                )
