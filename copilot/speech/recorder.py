"""Recorder: one side of a live call written to its own WAV file as the call goes.

The header is rewritten and the file synced at least once a second, so if the program dies the
file plays up to the last second. Called from the capture thread, never the audio callback.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

SFC_UPDATE_HEADER_NOW = 0x1060  # libsndfile command: write the header with the current length


class SideRecorder:
    """16 kHz mono 16-bit WAV, flushed every `flush_every` seconds."""

    def __init__(self, path: Path, sample_rate: int = 16000, flush_every: float = 1.0) -> None:
        import soundfile as sf

        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._file = sf.SoundFile(
            str(path), "w", samplerate=sample_rate, channels=1, subtype="PCM_16", format="WAV"
        )
        self._flush_every = flush_every
        self._last_flush = time.monotonic()

    def write(self, pcm16: np.ndarray) -> None:
        if self._file.closed:
            return
        self._file.write(pcm16)
        if time.monotonic() - self._last_flush >= self._flush_every:
            self.flush()

    def flush(self) -> None:
        if self._file.closed:
            return
        _update_header(self._file)
        self._file.flush()
        self._last_flush = time.monotonic()

    def close(self) -> None:
        if not self._file.closed:
            self._file.close()


def _update_header(sound_file) -> None:
    """soundfile has no public call for this; without it the length in the header stays 0."""
    try:
        import soundfile as sf

        sf._snd.sf_command(sound_file._file, SFC_UPDATE_HEADER_NOW, sf._ffi.NULL, 0)
    except AttributeError:  # a future soundfile without these internals: flush still syncs data
        pass
