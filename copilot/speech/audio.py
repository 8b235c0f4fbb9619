"""Recordings in: read WAV/FLAC with soundfile, split the sides by the channel map, resample to 16 kHz.

A call recording is either one stereo file (left advisor, right customer unless the channel map
says otherwise) or two mono files. Any rate is resampled with soxr, so 8 kHz telephone audio
goes through the same recogniser as 16 kHz audio. Broken or unsupported files are refused with
one line naming the file and what to do.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from copilot.errors import CopilotError, InputError
from copilot.utterance import SPEAKERS, Speaker

TARGET_RATE = 16000


def parse_channel_map(value: str) -> tuple[Speaker, Speaker]:
    """'advisor,customer' (the default) or 'customer,advisor': which side is left and right."""
    parts = tuple(p.strip() for p in value.split(","))
    if sorted(parts) != sorted(SPEAKERS):
        raise CopilotError(
            f"channel_map {value!r}: give the left and right speakers, "
            "'advisor,customer' or 'customer,advisor'"
        )
    return parts  # type: ignore[return-value]


def to_16k(samples: np.ndarray, rate: int) -> np.ndarray:
    """float32 mono at any rate -> int16 mono at 16 kHz (soxr, high quality)."""
    if rate != TARGET_RATE:
        import soxr

        samples = soxr.resample(samples, rate, TARGET_RATE)
    return float_to_pcm16(samples)


def float_to_pcm16(samples: np.ndarray) -> np.ndarray:
    return (np.clip(samples, -1.0, 1.0) * 32767).astype(np.int16)


def read_audio(path: str | Path) -> tuple[np.ndarray, int]:
    """(frames x channels float32, sample rate); a clear InputError for anything unreadable."""
    import soundfile as sf

    path = Path(path)
    if not path.exists():
        raise InputError(path, None, "file not found", "check the path")
    if path.is_dir():
        raise InputError(path, None, "is a folder, not a recording", "give a .wav or .flac file")
    try:
        data, rate = sf.read(str(path), dtype="float32", always_2d=True)
    except (sf.LibsndfileError, RuntimeError, TypeError, ValueError) as exc:
        raise InputError(
            path,
            None,
            f"cannot read audio ({_reason(exc)})",
            "give a WAV or FLAC recording (PCM, any rate); convert others with "
            "`sox IN -b 16 OUT.wav`",
        ) from exc
    if len(data) == 0:
        raise InputError(path, None, "the recording has no audio frames", "check the file")
    return data, rate


def read_call(
    path: str | Path, channel_map: str = "advisor,customer", customer: str | Path | None = None
) -> dict[Speaker, np.ndarray]:
    """Both sides of a call as 16 kHz int16 mono: a stereo file, or two mono files.

    With `customer` given, `path` is the advisor's file. A mono file alone is taken as the
    advisor's side (a recording of one person, e.g. a training pitch).
    """
    data, rate = read_audio(path)
    if customer is not None:
        other, other_rate = read_audio(customer)
        return {
            "advisor": to_16k(_mono(data, path), rate),
            "customer": to_16k(_mono(other, customer), other_rate),
        }
    channels = data.shape[1]
    if channels == 1:
        return {"advisor": to_16k(data[:, 0], rate)}
    if channels != 2:
        raise InputError(
            path,
            None,
            f"{channels} channels; expected stereo (one speaker per side) or mono",
            "give a stereo file, or two mono files with --customer",
        )
    left, right = parse_channel_map(channel_map)
    return {left: to_16k(data[:, 0], rate), right: to_16k(data[:, 1], rate)}


def _mono(data: np.ndarray, path: str | Path) -> np.ndarray:
    if data.shape[1] != 1:
        raise InputError(
            path, None, f"{data.shape[1]} channels; expected one speaker's mono file", "mix it down"
        )
    return data[:, 0]


def _reason(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
    return text.split(": ", 1)[-1][:160]
