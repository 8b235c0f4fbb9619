"""Speech test material: Korean sentences synthesised with espeak-ng and resampled with sox, once
per test session, and the real Korean vosk model loaded once.

espeak's Korean is robotic, so only some words come out right; the sentences below were chosen
because their key word survives recognition on every run (있어요 on the advisor side, 너무 on the
customer's, which also survives 8 kHz). 보험 itself comes out only in some runs, so it is not used.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

ADVISOR_SENTENCE = "시간 있어요"
ADVISOR_WORD = "있어요"
CUSTOMER_SENTENCE = "너무 너무 비싸요"
CUSTOMER_WORD = "너무"
LEAD_S = 0.3  # silence before the advisor speaks
GAP_S = 0.8  # silence between the advisor and the customer
TAIL_S = 1.0


@dataclass(frozen=True)
class CallAudio:
    """Synthesised call files at one sample rate, and where each speaker talks (ms)."""

    rate: int
    advisor: Path  # mono
    customer: Path  # mono, same length and timing as in the stereo file
    stereo: Path
    advisor_span: tuple[int, int]
    customer_span: tuple[int, int]
    duration_ms: int
    advisor_word: str = ADVISOR_WORD
    customer_word: str = CUSTOMER_WORD


def need(binary: str) -> None:
    if shutil.which(binary) is None:
        pytest.skip(f"{binary} is not installed (Debian package {binary}); `make setup` installs it")


def synth(text: str, rate: int, out: Path) -> np.ndarray:
    """espeak-ng Korean at 22.05 kHz, resampled by sox (no dither, so it is deterministic)."""
    need("espeak-ng")
    need("sox")
    raw = out.with_suffix(".raw.wav")
    subprocess.run(["espeak-ng", "-v", "ko", "-s", "120", "-w", str(raw), text], check=True)
    subprocess.run(
        ["sox", "-D", str(raw), "-r", str(rate), "-c", "1", "-b", "16", str(out)], check=True
    )
    import soundfile as sf

    return sf.read(str(out), dtype="int16")[0]


def with_noise_floor(x: np.ndarray, seed: int, level: float = 20.0) -> np.ndarray:
    """A fixed line-noise floor, as real recordings have. vosk's feature extraction adds random
    dither; over espeak's digital silence that alone changes the words from run to run."""
    noise = np.random.default_rng(seed).normal(0.0, level, len(x))
    return np.clip(x + noise, -32768, 32767).astype(np.int16)


def make_call(folder: Path, rate: int) -> CallAudio:
    import soundfile as sf

    folder.mkdir(parents=True, exist_ok=True)
    adv = synth(ADVISOR_SENTENCE, rate, folder / "adv_speech.wav")
    cus = synth(CUSTOMER_SENTENCE, rate, folder / "cus_speech.wav")
    a0 = int(LEAD_S * rate)
    c0 = a0 + len(adv) + int(GAP_S * rate)
    total = c0 + len(cus) + int(TAIL_S * rate)
    left = np.zeros(total, np.int16)
    right = np.zeros(total, np.int16)
    left[a0 : a0 + len(adv)] = adv
    right[c0 : c0 + len(cus)] = cus
    left, right = with_noise_floor(left, seed=1), with_noise_floor(right, seed=2)
    paths = {name: folder / f"{name}_{rate}.wav" for name in ("advisor", "customer", "stereo")}
    sf.write(paths["advisor"], left, rate, subtype="PCM_16")
    sf.write(paths["customer"], right, rate, subtype="PCM_16")
    sf.write(paths["stereo"], np.stack([left, right], axis=1), rate, subtype="PCM_16")
    ms = lambda n: n * 1000 // rate  # noqa: E731
    return CallAudio(
        rate,
        paths["advisor"],
        paths["customer"],
        paths["stereo"],
        (ms(a0), ms(a0 + len(adv))),
        (ms(c0), ms(c0 + len(cus))),
        ms(total),
    )


@pytest.fixture(scope="session")
def call16k(tmp_path_factory) -> CallAudio:
    return make_call(tmp_path_factory.mktemp("speech16k"), 16000)


@pytest.fixture(scope="session")
def call8k(tmp_path_factory) -> CallAudio:
    return make_call(tmp_path_factory.mktemp("speech8k"), 8000)


@pytest.fixture(scope="session")
def ko_model(vosk_ko_path):
    """The real Korean vosk model, loaded once (about 2.5 s and 540 MB)."""
    from copilot.speech.recognizer import load_model

    return load_model(vosk_ko_path)


@pytest.fixture(scope="session")
def ko_settings(vosk_ko_path, ko_model):
    """Settings naming the Korean model by its folder (no registry, so no COPILOT_HOME needed)."""
    from copilot.settings import Settings

    return Settings(asr_model=str(vosk_ko_path))


@pytest.fixture(scope="session")
def stereo_events(call16k, ko_settings):
    """The 16 kHz stereo call recognised once through `run_recording`; its utterance events."""
    from copilot.session import Session
    from copilot.speech.recording import run_recording

    session = run_recording(call16k.stereo, Session(), ko_settings)
    assert session.finished
    return [e for e in session.events if e.type == "utterance"]
