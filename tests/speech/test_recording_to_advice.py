"""A stereo recording all the way to advice, with real components only: `copilot analyze` reads
the WAV, the Korean vosk model recognises each channel, the KB's analyzers turn the advisor's
words into a confirmed violation and the customer's into a price-objection signal and the script
that answers it, and `--store` keeps the session (events and recording) for `copilot sessions`.

The KB is tests/speech/ko_kb, a tiny Korean KB written around the words the synthesised call
reliably comes out as (the bundled KBs are Chinese and English; vosk here only speaks Korean).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import soundfile as sf

from copilot.cli import main

KO_KB = Path(__file__).parent / "ko_kb"
SLACK_MS = 200  # final utterances carry exact word times


def json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def inside(t_ms: int, span: tuple[int, int]) -> bool:
    return span[0] - SLACK_MS <= t_ms <= span[1] + SLACK_MS


def test_ko_kb_is_valid(capsys) -> None:
    assert main(["kb", "validate", str(KO_KB)]) == 0
    assert "OK (0 products, 0 facts, 1 scripts" in capsys.readouterr().out


@pytest.mark.slow
def test_stereo_recording_to_violation_signal_and_suggestion(
    call16k, ko_model, vosk_ko_path, capsys
) -> None:
    # ko_model: the vosk model is loaded once per test session and reused by the CLI's loader.
    args = ["analyze", str(call16k.stereo), "--kb", str(KO_KB), "--asr-model", str(vosk_ko_path)]
    assert main([*args, "--json", "--store"]) == 0
    events = json_lines(capsys.readouterr().out)

    speaker = {e["utterance_id"]: e["speaker"] for e in events if e["type"] == "utterance"}
    of_type = lambda kind: [e for e in events if e["type"] == kind]  # noqa: E731

    # The advisor's "… 있어요" breaks the KB's rule, confirmed on the final, in the advisor's time.
    confirmed = [v for v in of_type("violation") if v["status"] == "confirmed"]
    assert [v["rule_id"] for v in confirmed] == ["ko_guaranteed_return"]
    violation = confirmed[0]
    assert speaker[violation["utterance_id"]] == "advisor"
    assert violation["matched"] == "있어요" and violation["severity"] == "block"
    assert inside(violation["t_ms"], call16k.advisor_span)
    # Nothing the customer says is checked as a violation.
    assert all(speaker[v["utterance_id"]] == "advisor" for v in of_type("violation"))

    # The customer's "너무 너무 비싸요" is a price objection, answered by the script that handles it.
    signals = of_type("signal")
    assert [s["signal"] for s in signals] == ["objection_price"]
    customer_utt = signals[0]["utterance_id"]
    assert speaker[customer_utt] == "customer"
    assert inside(signals[0]["t_ms"], call16k.customer_span)
    suggestions = of_type("suggestion")
    assert [(s["item_id"], s["utterance_id"], s["answers"]) for s in suggestions] == [
        ("ko_price_daily", customer_utt, "objection_price")
    ]
    assert "커피" in suggestions[0]["text"]

    # --store: the same advice, the KB and the recording are in the session store.
    assert main(["sessions", "list", "--json"]) == 0
    listed = json_lines(capsys.readouterr().out)
    assert len(listed) == 1 and listed[0]["n_violations"] == 1
    assert main(["sessions", "show", listed[0]["id"], "--json"]) == 0
    stored = json.loads(capsys.readouterr().out)
    assert stored["session"]["source"] == "recording"
    assert stored["session"]["kb_id"] == "ko-test"
    # the stored length is the recording's, trailing silence included, not the last word's time
    assert abs(stored["session"]["duration_ms"] - call16k.duration_ms) <= 100
    assert stored["session"]["duration_ms"] > max(u["end_ms"] for u in stored["utterances"])
    assert stored["session"]["models"]["asr"] == str(vosk_ko_path.resolve())
    assert [(a["speaker"], Path(a["path"])) for a in stored["audio"]] == [
        ("call", call16k.stereo.resolve())
    ]
    advice = {"violation", "signal", "suggestion"}
    key = lambda e: json.dumps(e, sort_keys=True, ensure_ascii=False)  # noqa: E731
    assert sorted(map(key, (e for e in stored["events"] if e["type"] in advice))) == sorted(
        map(key, (e for e in events if e["type"] in advice))
    )
    assert {(u["utterance_id"], u["speaker"]) for u in stored["utterances"]} == set(speaker.items())


@pytest.mark.slow
def test_advice_follows_the_speaker_not_the_words(
    call16k, ko_model, vosk_ko_path, tmp_path, capsys
) -> None:
    """The same call with its channels swapped: the customer now says the rule's word (있어요) and
    the advisor the objection (너무): no violation, signal or suggestion may come out."""
    audio, rate = sf.read(call16k.stereo, dtype="int16")
    swapped = tmp_path / "swapped.wav"
    sf.write(swapped, audio[:, ::-1], rate, subtype="PCM_16")
    args = ["analyze", str(swapped), "--kb", str(KO_KB), "--asr-model", str(vosk_ko_path), "--json"]
    assert main(args) == 0
    events = json_lines(capsys.readouterr().out)
    said = {
        who: " ".join(e["text"] for e in events if e["type"] == "utterance" and e["speaker"] == who)
        for who in ("advisor", "customer")
    }
    # the words really were heard, on the other side
    assert call16k.advisor_word in said["customer"] and call16k.customer_word in said["advisor"]
    assert [e for e in events if e["type"] in {"violation", "signal", "suggestion"}] == []
