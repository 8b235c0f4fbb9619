"""The synchronous recogniser wrapper, fed real synthesised speech chunk by chunk."""

from __future__ import annotations

import numpy as np
import pytest
import soundfile as sf

from copilot.speech.audio import to_16k
from copilot.speech.recognizer import Recognizer, normalize_cjk

CHUNK = 1600


def run(recognizer: Recognizer, audio: np.ndarray, chunk: int = CHUNK):
    out = []
    for i in range(0, len(audio), chunk):
        out += recognizer.accept_audio(audio[i : i + chunk])
    last = recognizer.finish()
    return out + ([last] if last else [])


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("你 好 世 界", "你好世界"),
        ("我 要 买 iPhone 手 机", "我要买 iPhone 手机"),
        ("犹豫期 是 十五 天", "犹豫期是十五天"),
        ("hello world", "hello world"),
        ("보험 상담", "보험 상담"),
        ("  退 保 ", "退保"),
        ("", ""),
    ],
)
def test_chinese_spaces_removed_others_kept(raw, expected):
    assert normalize_cjk(raw) == expected


def speech_only(path, span, rate):
    """The file from its start to 0.8 s after the speaker stops (the rest is silence)."""
    audio, file_rate = sf.read(path, dtype="int16")
    assert file_rate == rate
    return audio[: (span[1] + 800) * rate // 1000]


def test_words_come_out_with_partials_first_and_times_inside_the_audio(ko_model, call16k):
    audio = speech_only(call16k.advisor, call16k.advisor_span, 16000)
    utterances = run(Recognizer(ko_model, "advisor"), audio)
    finals = [u for u in utterances if u.final]
    assert finals, "no final utterance"
    assert any(call16k.advisor_word in u.text for u in utterances)
    first = finals[0]
    partials = [u for u in utterances if u.id == first.id and not u.final]
    assert partials, "a partial must precede the final"
    assert utterances.index(partials[0]) < utterances.index(first)
    assert all(u.speaker == "advisor" for u in utterances)
    start, end = call16k.advisor_span
    for word in first.words:
        assert start - 150 <= word.start_ms <= word.end_ms <= end + 150
    assert first.start_ms == first.words[0].start_ms and first.end_ms == first.words[-1].end_ms


@pytest.mark.slow
def test_offset_puts_times_on_the_session_clock_and_ids_keep_counting(ko_model, call16k):
    audio = sf.read(call16k.customer, dtype="int16")[0]
    audio = audio[(call16k.customer_span[0] - 300) * 16 :]
    lo, hi = (t - call16k.customer_span[0] + 300 for t in call16k.customer_span)
    recognizer = Recognizer(ko_model, "customer", offset_ms=60_000)
    first = [u for u in run(recognizer, audio) if u.final]
    recognizer.reset(offset_ms=120_000)
    second = [u for u in run(recognizer, audio.tobytes(), chunk=CHUNK * 2) if u.final]
    assert first and second
    assert {u.id for u in first}.isdisjoint({u.id for u in second})
    assert all(u.id.startswith("c") for u in first + second)
    assert 60_000 + lo - 150 <= first[0].start_ms < 60_000 + hi
    assert 120_000 + lo - 150 <= second[0].start_ms < 120_000 + hi
    assert any(call16k.customer_word in u.text for u in first + second)


def test_8khz_telephone_audio_is_recognised(ko_model, call8k):
    data, rate = sf.read(call8k.customer, dtype="float32")
    assert rate == 8000
    utterances = run(Recognizer(ko_model, "customer"), to_16k(data, rate))
    assert any(call8k.customer_word in u.text for u in utterances if u.final)


def test_silence_gives_nothing(ko_model):
    recognizer = Recognizer(ko_model, "advisor")
    assert run(recognizer, np.zeros(16000 * 2, np.int16)) == []
    assert recognizer.partial() is None


def test_final_comes_half_a_second_after_speech_ends(ko_model, call16k):
    """Our endpoint closes the utterance after 500 ms of quiet; vosk's own rules wait longer."""
    audio = speech_only(call16k.customer, call16k.customer_span, 16000)
    closed_at = {}
    for endpoint in (500, None):
        recognizer = Recognizer(ko_model, "customer", endpoint_ms=endpoint)
        for i in range(0, len(audio), CHUNK):
            finals = [u for u in recognizer.accept_audio(audio[i : i + CHUNK]) if u.final]
            if finals:
                closed_at[endpoint] = recognizer.fed_ms - finals[0].end_ms
                break
    assert 500 <= closed_at[500] <= 800
    assert closed_at.get(None, 10**6) > closed_at[500]
