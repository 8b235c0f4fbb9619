"""One pipeline, three ways in: this module wires KB, analyzers, session and sinks together.

`open_session` is what the CLI, the advisor window and the tests all use, so a transcript, a
recording and a live call are analysed by exactly the same code.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

from copilot.errors import InputError
from copilot.kb import KnowledgeBase, load_kb
from copilot.session import Session, SessionInfo, Sink
from copilot.settings import Settings
from copilot.sources.transcript import Transcript, read_transcript, replay

RECORDING_SUFFIXES = {".wav", ".flac", ".ogg"}
TRANSCRIPT_SUFFIXES = {".jsonl", ".json", ".ndjson"}


def open_session(
    settings: Settings,
    *,
    sinks: Iterable[Sink] = (),
    info: SessionInfo | None = None,
    kb: KnowledgeBase | None = None,
    analyzers: list | None = None,
) -> Session:
    """A session with every analyzer built from the KB; PII masked unless the setting is off.

    Analyzers come fresh from the template cache (built once per KB content and settings), or
    are given as `analyzers`."""
    from copilot.analyzers.templates import fresh_analyzers
    from copilot.pii import mask_event

    kb = kb or load_kb(settings.kb_dir)
    info = info or SessionInfo()
    info.kb_id, info.kb_version, info.kb_hash = kb.meta.id, kb.meta.version, kb.content_hash
    info.advisor = info.advisor or settings.advisor
    info.team = info.team or settings.team
    if analyzers is None:
        analyzers = fresh_analyzers(kb, settings)
    masker = mask_event if settings.mask_pii else None
    return Session(analyzers=analyzers, sinks=sinks, info=info, masker=masker)


def run_transcript(
    source: str | Path | Transcript, session: Session, speed: float | None = None
) -> Session:
    """Feed a transcript (file or parsed) through a session, fast or at `speed` × real time."""
    transcript = source if isinstance(source, Transcript) else read_transcript(source)
    session.start()
    for message in transcript.notices:
        session.notice("transcript_repaired", message)
    for utterance in replay(transcript.utterances, speed=speed):
        session.feed(utterance)
    session.finish()
    return session


@dataclass
class CallInput:
    """An input file checked before anything heavy is loaded or anything is written."""

    path: Path
    kind: Literal["transcript", "recording"]
    transcript: Transcript | None = None
    customer: Path | None = None  # the customer's side as its own mono recording


def open_input(path: str | Path, customer: str | Path | None = None) -> CallInput:
    """Check the input first: a bad transcript fails before models load or a session is stored."""
    path = Path(path)
    if customer is not None:
        customer = Path(customer)
        if not customer.is_file():
            raise InputError(customer, None, "file not found", "check the --customer path")
        if path.suffix.lower() not in RECORDING_SUFFIXES:
            raise InputError(path, None, "--customer goes with a recording", "give the advisor's .wav")
    suffix = path.suffix.lower()
    if suffix in TRANSCRIPT_SUFFIXES:
        return CallInput(path, "transcript", read_transcript(path))
    if suffix in RECORDING_SUFFIXES:
        if not path.is_file():
            raise InputError(path, None, "file not found", "check the path")
        return CallInput(path, "recording", customer=customer)
    raise InputError(
        path,
        None,
        f"unsupported input type {suffix or '(no suffix)'}",
        "give a transcript (.jsonl) or a recording (.wav, .flac)",
    )


def recording_started_at(call_input: CallInput) -> datetime | None:
    """When a recorded call began: the file's modification time (a recorder closes the file as
    the call ends) minus its length. None for transcripts or an unreadable header."""
    if call_input.kind != "recording":
        return None
    import soundfile

    try:
        length_s = soundfile.info(str(call_input.path)).duration
    except (RuntimeError, OSError, soundfile.LibsndfileError):
        return None  # the recording reader reports the bad file itself, with its reason
    ended = call_input.path.stat().st_mtime
    return datetime.fromtimestamp(ended - length_s).astimezone()


def run_input(call_input: CallInput, session: Session, settings: Settings) -> Session:
    if call_input.transcript is not None:
        return run_transcript(call_input.transcript, session)
    from copilot.speech.recording import run_recording

    return run_recording(call_input.path, session, settings, customer=call_input.customer)


def run_path(path: str | Path, session: Session, settings: Settings) -> Session:
    """Analyse a transcript or a recording, chosen by the file's suffix."""
    return run_input(open_input(path), session, settings)
