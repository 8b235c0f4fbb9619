"""Recordings through the real pipeline: stereo and two-file calls, 8 kHz, the CLI, and bad files."""

from __future__ import annotations

import json

import numpy as np
import pytest
import soundfile as sf

from copilot.cli import main
from copilot.errors import CopilotError, InputError
from copilot.session import Session
from copilot.sources.transcript import read_transcript
from copilot.speech.audio import read_call
from copilot.speech.recording import run_recording, run_two_files


def utterance_events(session: Session):
    return [e for e in session.events if e.type == "utterance"]


def text_of(events, speaker: str, final_only: bool = True) -> str:
    return " ".join(e.text for e in events if e.speaker == speaker and (e.final or not final_only))


def check_call(events, call, flipped: bool = False) -> None:
    """Each sentence under its speaker, inside its speaker's stretch of the call."""
    advisor, customer = ("customer", "advisor") if flipped else ("advisor", "customer")
    assert call.advisor_word in text_of(events, advisor, final_only=False)
    assert call.customer_word in text_of(events, customer)
    assert call.customer_word not in text_of(events, advisor, final_only=False)
    assert call.advisor_word not in text_of(events, customer, final_only=False)
    spans = {advisor: call.advisor_span, customer: call.customer_span}
    for e in events:
        lo, hi = spans[e.speaker]
        if e.final:  # exact word times
            assert lo - 200 <= e.start_ms <= e.end_ms <= hi + 200, e
        else:  # partials: start estimated, end = audio fed so far
            assert lo - 1000 <= e.start_ms <= e.end_ms <= hi + 1500, e


def check_partials_then_finals(events) -> None:
    finals = {e.utterance_id: i for i, e in enumerate(events) if e.final}
    assert len(finals) == sum(1 for e in events if e.final), "one final per utterance id"
    for i, e in enumerate(events):
        if not e.final:
            assert e.utterance_id in finals and i < finals[e.utterance_id]
    assert any(not e.final for e in events), "partials are published"


def test_stereo_recording_gives_each_sentence_under_its_speaker(call16k, stereo_events):
    check_call(stereo_events, call16k)
    check_partials_then_finals(stereo_events)


def test_channel_map_and_two_mono_files_give_the_same_sides(call16k):
    stereo = read_call(call16k.stereo)
    swapped = read_call(call16k.stereo, "customer,advisor")
    two_files = read_call(call16k.advisor, customer=call16k.customer)
    for speaker, other in (("advisor", "customer"), ("customer", "advisor")):
        assert np.array_equal(stereo[speaker], swapped[other])
        assert np.array_equal(stereo[speaker], two_files[speaker])
    with pytest.raises(CopilotError, match="channel_map"):
        read_call(call16k.stereo, "advisor,advisor")


@pytest.mark.slow
def test_8khz_stereo_recording(call8k, ko_settings):
    events = utterance_events(run_recording(call8k.stereo, Session(), ko_settings))
    assert call8k.customer_word in text_of(events, "customer")
    assert {e.speaker for e in events} == {"advisor", "customer"}


@pytest.mark.slow
def test_transcribe_cli_writes_the_session_finals_as_a_transcript(
    call16k, stereo_events, vosk_ko_path, tmp_path, capsys
):
    out = tmp_path / "call.jsonl"
    code = main(["transcribe", str(call16k.stereo), "--asr-model", str(vosk_ko_path), "-o", str(out)])
    assert code == 0
    assert "utterance(s) transcribed" in capsys.readouterr().err
    transcript = read_transcript(out)
    finals = [e for e in stereo_events if e.final and e.text]
    assert [u.speaker for u in transcript.utterances] == [e.speaker for e in finals]
    assert [u.id for u in transcript.utterances] == [e.utterance_id for e in finals]
    assert call16k.customer_word in transcript.utterances[-1].text


@pytest.mark.slow
def test_analyze_cli_runs_the_analyzers_over_a_recording(call16k, vosk_ko_path, capsys):
    code = main(["analyze", str(call16k.stereo), "--asr-model", str(vosk_ko_path), "--json"])
    assert code == 0
    events = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    spoken = [e for e in events if e["type"] == "utterance" and e["final"]]
    assert {e["speaker"] for e in spoken} == {"advisor", "customer"}


def test_no_model_says_how_to_install_one_then_stops(call16k):
    from copilot.settings import Settings

    session = Session()
    with pytest.raises(CopilotError, match="copilot models install"):
        run_recording(call16k.stereo, session, Settings())
    notices = [e for e in session.events if e.type == "notice"]
    assert [n.code for n in notices] == ["no_asr_model"]
    assert "vosk-model-small-cn-0.22" in notices[0].message


def test_no_model_from_the_command_line_is_one_line(call16k, capsys):
    code = main(["transcribe", str(call16k.stereo)])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and "copilot models install" in err[0]


def write_bad_files(folder):
    garbage = folder / "garbage.wav"
    garbage.write_bytes(np.random.default_rng(0).bytes(4096))
    text = folder / "notes.flac"
    text.write_text("this is not audio", encoding="utf-8")
    empty = folder / "empty.wav"
    sf.write(empty, np.zeros((0, 2), np.int16), 16000, subtype="PCM_16")
    three = folder / "three.wav"
    sf.write(three, np.zeros((1600, 3), np.int16), 16000, subtype="PCM_16")
    truncated = folder / "truncated.wav"
    truncated.write_bytes(b"RIFF\x24\x00\x00\x00WAVEfmt ")
    return {
        garbage: "cannot read audio",
        text: "cannot read audio",
        empty: "no audio frames",
        three: "3 channels",
        truncated: "cannot read audio",
        folder / "missing.wav": "file not found",
        folder: "is a folder",
    }


def test_corrupt_and_unsupported_audio_are_clear_errors(tmp_path, ko_settings):
    for path, problem in write_bad_files(tmp_path).items():
        session = Session()
        with pytest.raises(InputError) as caught:
            run_recording(path, session, ko_settings)
        message = str(caught.value)
        assert message.startswith(str(path)) and problem in message, message
        assert "\n" not in message
        assert session.events == [], "nothing is published for a file that cannot be read"


def test_mono_customer_file_must_be_mono(call16k, ko_settings):
    with pytest.raises(InputError, match="expected one speaker's mono file"):
        run_two_files(call16k.advisor, call16k.stereo, Session(), ko_settings)
