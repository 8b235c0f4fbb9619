"""Recordings through the pipeline: both sides recognised in parallel, fed to the session in order.

Each side is cut into 100 ms blocks and given to its own `SpeakerWorker`. Results are merged
block by block (advisor before customer within a block), which is the order a live call would
have produced them in, so a recording and a live call give the session the same sequence.
"""

from __future__ import annotations

import math
import queue
import threading
from pathlib import Path

import numpy as np

from copilot.errors import CopilotError
from copilot.session import Session, SessionInfo
from copilot.settings import Settings
from copilot.speech.audio import TARGET_RATE, read_call
from copilot.speech.models import INSTALL_HINT, model_label, resolve_asr_model
from copilot.speech.recognizer import Recognizer, load_model
from copilot.speech.transcriber import BLOCK, SpeakerWorker
from copilot.utterance import SPEAKERS, Speaker, Utterance


def require_model(session: Session, settings: Settings) -> Path:
    """The model folder, or a notice saying how to install one and a clear error."""
    model_path = resolve_asr_model(settings)
    if model_path is None:
        session.notice("no_asr_model", INSTALL_HINT)
        raise CopilotError(INSTALL_HINT + "; a recording cannot be analysed without one")
    return model_path


def run_recording(
    path: str | Path,
    session: Session,
    settings: Settings,
    customer: str | Path | None = None,
) -> Session:
    """Recognise a stereo recording (or `path` + `customer` mono files) and finish the session."""
    model_path = require_model(session, settings)
    sides = read_call(path, settings.channel_map, customer)  # checked before anything runs
    model = load_model(model_path)
    session.info.models.setdefault("asr", model_label(model_path))
    session.info.audio_ms = max(len(side) for side in sides.values()) * 1000 // TARGET_RATE
    session.start()
    for utterance in recognise(sides, model):
        session.feed(utterance)
    session.finish()
    return session


def run_two_files(
    advisor: str | Path, customer: str | Path, session: Session, settings: Settings
) -> Session:
    """Two mono recordings, one per speaker, aligned at their first sample."""
    return run_recording(advisor, session, settings, customer=customer)


def recognise(sides: dict[Speaker, np.ndarray], model):
    """Yield utterances (partials and finals) of every side in session-time order."""
    order = [s for s in SPEAKERS if s in sides]
    results: dict[str, queue.Queue] = {s: queue.Queue() for s in order}
    workers = {
        s: SpeakerWorker(Recognizer(model, s), lambda spk, seq, utts: results[spk].put((seq, utts)))
        for s in order
    }
    blocks = {s: math.ceil(len(sides[s]) / BLOCK) for s in order}
    feeder = threading.Thread(target=_feed_all, args=(sides, workers, blocks), daemon=True)
    feeder.start()
    for seq in range(max(blocks.values()) + 1):
        for speaker in order:
            if seq > blocks[speaker]:
                continue
            got, utterances = results[speaker].get()
            if got < 0:
                raise CopilotError(
                    f"speech recognition failed for the {speaker} ({workers[speaker].error}); "
                    "check the model with `copilot models list`"
                )
            yield from utterances
    feeder.join()


def _feed_all(sides, workers, blocks) -> None:
    for seq in range(max(blocks.values())):
        for speaker, worker in workers.items():
            if seq < blocks[speaker] and worker.error is None:
                worker.feed(sides[speaker][seq * BLOCK : (seq + 1) * BLOCK])
    for worker in workers.values():
        worker.close()


def transcribe(
    path: str | Path, settings: Settings, customer: str | Path | None = None
) -> list[Utterance]:
    """The final utterances of a recording, for `copilot transcribe` (no analyzers run)."""
    session = Session(info=SessionInfo(source="recording"))
    run_recording(path, session, settings, customer=customer)
    return [
        e.to_utterance()
        for e in session.events
        if e.type == "utterance" and e.final and e.text  # type: ignore[attr-defined]
    ]
