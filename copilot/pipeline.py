"""One pipeline, three ways in: this module wires KB, analyzers, session and sinks together.

`open_session` is what the CLI, the advisor window and the tests all use, so a transcript, a
recording and a live call are analysed by exactly the same code.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from copilot.errors import InputError
from copilot.kb import KnowledgeBase, load_kb
from copilot.session import Session, SessionInfo, Sink
from copilot.settings import Settings
from copilot.sources.transcript import read_transcript, replay

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

    `analyzers` (fresh ones, built by `build_analyzers` for this KB) skips building them again:
    the workbench runs many short dialogues against one edited KB."""
    from copilot.analyzers import build_analyzers
    from copilot.pii import mask_event

    kb = kb or load_kb(settings.kb_dir)
    info = info or SessionInfo()
    info.kb_id, info.kb_version, info.kb_hash = kb.meta.id, kb.meta.version, kb.content_hash
    info.advisor = info.advisor or settings.advisor
    info.team = info.team or settings.team
    if analyzers is None:
        analyzers = build_analyzers(kb, settings)
    masker = mask_event if settings.mask_pii else None
    return Session(analyzers=analyzers, sinks=sinks, info=info, masker=masker)


def run_transcript(
    path: str | Path, session: Session, speed: float | None = None
) -> Session:
    """Feed a transcript file through a session (fast, or at `speed` × real time) and finish it."""
    transcript = read_transcript(path)  # checked whole before anything is published
    session.start()
    for message in transcript.notices:
        session.notice("transcript_repaired", message)
    for utterance in replay(transcript.utterances, speed=speed):
        session.feed(utterance)
    session.finish()
    return session


def run_path(path: str | Path, session: Session, settings: Settings) -> Session:
    """Analyse a transcript or a recording, chosen by the file's suffix."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in TRANSCRIPT_SUFFIXES:
        return run_transcript(path, session)
    if suffix in RECORDING_SUFFIXES:
        from copilot.speech.recording import run_recording

        return run_recording(path, session, settings)
    raise InputError(
        path,
        None,
        f"unsupported input type {suffix or '(no suffix)'}",
        "give a transcript (.jsonl) or a recording (.wav, .flac)",
    )
