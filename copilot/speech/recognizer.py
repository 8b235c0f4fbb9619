"""One speaker's recogniser: a small synchronous wrapper over vosk with no threads inside.

Feed 16-bit mono PCM chunk by chunk; each call returns the utterances that chunk produced (a new
partial when the text changed, or the final that closes an utterance). Partials carry no word
times: asking vosk for them holds the partial text back until words can be aligned (about a
second later), so a partial's span is approximate and the final's words are exact. Times are put on
the session clock by adding the session time at which this speaker's audio started. Partials share
the id of the final that replaces them. vosk separates Chinese characters with spaces; those are
removed so analyzers see ordinary Chinese text.
"""

from __future__ import annotations

import json
import re
import threading
from functools import lru_cache
from pathlib import Path

import numpy as np

from copilot.errors import CopilotError
from copilot.utterance import Speaker, Utterance, Word

SAMPLE_RATE = 16000
PARTIAL_LEAD_MS = 1000
ENDPOINT_MS = 500  # quiet after speech that closes an utterance (vosk's own rules wait 1-2 s)
QUIET_FLOOR = 100.0  # int16 RMS (-50 dBFS): below this a block is quiet whatever the noise

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")
_load_lock = threading.Lock()


def normalize_cjk(text: str) -> str:
    """Drop the spaces vosk puts between Chinese characters; keep spaces between other words."""
    return _SPACE_BETWEEN_CJK.sub("", text.strip())


def load_model(path: Path):
    """Load a vosk model once per process (540 MB and seconds each time otherwise)."""
    with _load_lock:
        return _load_model(str(Path(path).resolve()))


@lru_cache(maxsize=2)
def _load_model(path: str):
    import vosk

    vosk.SetLogLevel(-2)  # Kaldi warnings (word alignment at sentence ends) are noise to users
    try:
        return vosk.Model(path)
    except Exception as exc:  # vosk raises a bare Exception when Kaldi refuses the files
        raise CopilotError(
            f"{path}: vosk could not load this model ({exc}); reinstall it with "
            "`copilot models install SOURCE`"
        ) from exc


class Recognizer:
    """Streaming recognition of one speaker: reset / accept_audio / partial / finish."""

    def __init__(
        self,
        model,
        speaker: Speaker,
        sample_rate: int = SAMPLE_RATE,
        offset_ms: int = 0,
        endpoint_ms: int | None = ENDPOINT_MS,
    ) -> None:
        self.speaker = speaker
        self.sample_rate = sample_rate
        self._model = model
        self._vosk = self._new_vosk()
        self._prefix = speaker[0]
        self._count = 0
        self._fed_samples = 0
        self.offset_ms = offset_ms
        self._last_partial = ""
        self._partial_sent = False
        self._last_end = self.offset_ms
        self._partial_start: int | None = None
        self.endpoint_ms = endpoint_ms
        self._noise = QUIET_FLOOR
        self._quiet_samples = 0

    @property
    def current_id(self) -> str:
        return f"{self._prefix}{self._count + 1:04d}"

    @property
    def fed_ms(self) -> int:
        """Session time up to which audio has been fed."""
        return self.offset_ms + self._fed_samples * 1000 // self.sample_rate

    def _new_vosk(self):
        import vosk

        recognizer = vosk.KaldiRecognizer(self._model, self.sample_rate)
        recognizer.SetWords(True)
        recognizer.SetPartialWords(False)  # see the module docstring: partial words cost latency
        return recognizer

    def reset(self, offset_ms: int | None = None) -> None:
        """Forget audio in progress (ids keep counting so they stay unique in the session).

        A new vosk recogniser, because vosk's own Reset keeps counting time from the first chunk.
        """
        self._vosk = self._new_vosk()
        self._fed_samples = 0
        if offset_ms is not None:
            self.offset_ms = offset_ms
        self._last_partial = ""
        self._partial_sent = False
        self._last_end = self.offset_ms
        self._partial_start = None

    def accept_audio(self, pcm: bytes | np.ndarray) -> list[Utterance]:
        """Feed a chunk; return the final it closed, or the new partial if the text changed."""
        data = pcm.astype(np.int16, copy=False).tobytes() if isinstance(pcm, np.ndarray) else pcm
        self._fed_samples += len(data) // 2
        self._track_quiet(data)
        if self._vosk.AcceptWaveform(data):
            final = self._final(json.loads(self._vosk.Result()))
            return [final] if final else []
        if self._ended_speaking():
            final = self.finish()
            return [final] if final else []
        partial = self.partial()
        if partial is None or partial.text == self._last_partial:
            return []
        self._last_partial = partial.text
        self._partial_sent = True
        return [partial]

    def _track_quiet(self, data: bytes) -> None:
        """Follow the line's noise floor and how long it has been near it."""
        samples = np.frombuffer(data, dtype=np.int16).astype(np.float32)
        if not len(samples):
            return
        rms = float(np.sqrt(np.mean(samples * samples)))
        # the floor drops at once to a quieter block and creeps up (x2 in ~3.5 s of 100 ms blocks)
        self._noise = rms if rms < self._noise else self._noise * (1 + 0.02 * len(samples) / 1600)
        if rms < max(3 * self._noise, QUIET_FLOOR):
            self._quiet_samples += len(samples)
        else:
            self._quiet_samples = 0

    def _ended_speaking(self) -> bool:
        """Words are pending and the line has been quiet for `endpoint_ms`: close the utterance
        now rather than wait for vosk's endpoint rules."""
        if self.endpoint_ms is None or self._partial_start is None:
            return False
        return self._quiet_samples * 1000 >= self.endpoint_ms * self.sample_rate

    def partial(self) -> Utterance | None:
        """The utterance in progress, or None while nothing has been recognised.

        Its start is estimated: vosk shows a word a few hundred ms after it began, so the
        estimate is a second before the first partial, but never before the previous final.
        """
        text = normalize_cjk(json.loads(self._vosk.PartialResult()).get("partial", ""))
        if not text:
            return None
        if self._partial_start is None:
            self._partial_start = max(self._last_end, self.fed_ms - PARTIAL_LEAD_MS)
        return Utterance(self.current_id, self.speaker, self._partial_start, self.fed_ms, text, False)

    def finish(self) -> Utterance | None:
        """Flush the audio in progress into a final (end of the stream or of the call)."""
        return self._final(json.loads(self._vosk.FinalResult()))

    def _final(self, result: dict) -> Utterance | None:
        utt = self._utterance(result.get("result") or [], result.get("text", ""), True)
        if utt is None and self._partial_sent:
            # partials went out under this id: an empty final withdraws them
            end = self.fed_ms
            utt = Utterance(self.current_id, self.speaker, end, end, "", True)
        self._last_partial = ""
        self._partial_sent = False
        self._partial_start = None
        if utt is not None:
            self._count += 1
            self._last_end = utt.end_ms
        return utt

    def _utterance(self, raw_words: list[dict], text: str, final: bool) -> Utterance | None:
        words = tuple(
            Word(
                word=normalize_cjk(w["word"]),
                start_ms=self.offset_ms + round(w["start"] * 1000),
                end_ms=self.offset_ms + round(w["end"] * 1000),
                conf=round(float(w.get("conf", 1.0)), 3),
            )
            for w in raw_words
        )
        text = normalize_cjk(text)
        if not text:
            return None
        start = words[0].start_ms if words else self.fed_ms
        end = words[-1].end_ms if words else self.fed_ms
        return Utterance(self.current_id, self.speaker, start, end, text, final, words)
