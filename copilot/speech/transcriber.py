"""One worker thread per speaker: audio blocks in through a bounded queue, utterances out.

The worker owns its `Recognizer` (vosk releases the GIL while decoding, so the two speakers use
both cores). It never touches the session: it hands each block's results to `on_result`, which
puts them on a queue that the single session thread drains.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable

import numpy as np

from copilot.speech.audio import TARGET_RATE
from copilot.speech.recognizer import Recognizer
from copilot.utterance import Utterance

# 100 ms: small enough for prompt partials, large enough to be cheap; live calls and recordings
# both feed blocks of this size, so they give the session the same sequence
BLOCK = TARGET_RATE // 10
ResultHandler = Callable[[str, int, list[Utterance]], None]
_CLOSE = None


class SpeakerWorker:
    """Recognises one speaker's audio in a thread; `on_result(speaker, seq, utterances)` per block."""

    def __init__(self, recognizer: Recognizer, on_result: ResultHandler, max_blocks: int = 200):
        self.recognizer = recognizer
        self.speaker = recognizer.speaker
        self._on_result = on_result
        self._inbox: queue.Queue[tuple[int, np.ndarray] | None] = queue.Queue(max_blocks)
        self._seq = 0
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name=f"asr-{self.speaker}", daemon=True)
        self._thread.start()

    @property
    def depth(self) -> int:
        """Blocks waiting to be recognised (the benchmark checks it stays bounded)."""
        return self._inbox.qsize()

    def feed(self, block: np.ndarray, wait: bool = True) -> int:
        """Queue a block of 16 kHz int16 audio. When the worker is `max_blocks` behind, wait
        (recordings) or raise queue.Full (live capture, which must never stall)."""
        seq = self._seq
        self._inbox.put((seq, block), block=wait)
        self._seq += 1
        return seq

    def close(self, timeout: float | None = None) -> None:
        """Recognise what is queued, flush the last final, and stop the thread."""
        self._inbox.put(_CLOSE)
        self._thread.join(timeout)

    def _run(self) -> None:
        try:
            while (item := self._inbox.get()) is not _CLOSE:
                seq, block = item
                self._on_result(self.speaker, seq, self.recognizer.accept_audio(block))
            last = self.recognizer.finish()
            self._on_result(self.speaker, self._seq, [last] if last else [])
        except BaseException as exc:  # reported by the owner; a dead worker must not hang it
            self.error = exc
            self._on_result(self.speaker, -1, [])
