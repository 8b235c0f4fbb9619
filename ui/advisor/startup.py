"""What loads in the background after the window is shown: the knowledge base, the speech
model's status and the embedding model. Each job is plain Python run through
`ui.bridge.run_in_background`; the call bar shows progress and the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from copilot.settings import Settings
from ui.advisor.call_bar import ERROR, LOADING, MISSING, READY, CallBar
from ui.advisor.controller import module_available
from ui.bridge import run_in_background
from ui.common.errors import error_text

ASR_INSTALL = "copilot models install SOURCE  (a vosk model folder, .zip or URL)"
EMBED_INSTALL = "copilot models install-embedding SOURCE  (e.g. a bge-small-zh-v1.5 folder)"


@dataclass
class Status:
    state: str
    name: str = ""
    detail: str = ""


def asr_status(settings: Settings) -> Status:
    if not module_available("copilot.speech.models"):
        return Status(MISSING, detail="copilot.speech is not installed")
    from copilot.speech.models import resolve_asr_model

    path = resolve_asr_model(settings)
    if path is None:
        return Status(MISSING, detail=ASR_INSTALL)
    return Status(READY, Path(path).name, str(path))


def embedder_status(settings: Settings) -> Status:
    if not (settings.embedding_model or "").strip():
        return Status(MISSING, detail=EMBED_INSTALL)
    from copilot.retrieval import load_embedder

    embedder = load_embedder(settings)  # cached per process: the analyzers reuse it
    if embedder is None:
        return Status(MISSING, detail=EMBED_INSTALL)
    return Status(READY, str(getattr(embedder, "model_id", "")), str(getattr(embedder, "path", "")))


def load_kb(settings: Settings):
    from copilot.kb import load_kb as load

    return load(settings.kb_dir)


class Startup(QObject):
    """Starts the three jobs and keeps the call bar's status labels up to date."""

    kb_loaded = Signal(object)
    kb_failed = Signal(str)

    def __init__(self, settings: Settings, bar: CallBar, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.bar = bar
        self.status = {"kb": Status(LOADING), "asr": Status(LOADING), "embed": Status(LOADING)}
        self.render()

    def start(self) -> None:
        run_in_background(
            lambda: load_kb(self.settings), self._kb_done, self._kb_error, "copilot-load-kb",
            guard=self.bar,
        )
        run_in_background(
            lambda: asr_status(self.settings),
            lambda s: self._set("asr", s),
            lambda e: self._set("asr", Status(ERROR, detail=str(e))),
            "copilot-asr-status",
            guard=self.bar,
        )
        run_in_background(
            lambda: embedder_status(self.settings),
            lambda s: self._set("embed", s),
            lambda e: self._set("embed", Status(ERROR, detail=str(e))),
            "copilot-load-embedder",
            guard=self.bar,
        )

    @property
    def loading(self) -> bool:
        return any(s.state == LOADING for s in self.status.values())

    def _kb_done(self, kb) -> None:
        self._set("kb", Status(READY, f"{kb.meta.name} {kb.meta.version}", str(kb.root)))
        self.kb_loaded.emit(kb)

    def _kb_error(self, exc: BaseException) -> None:
        message = error_text(exc)
        self._set("kb", Status(ERROR, detail=message))
        self.kb_failed.emit(message)

    def _set(self, key: str, status: Status) -> None:
        self.status[key] = status
        self.render()

    def render(self) -> None:
        kb, asr, embed = self.status["kb"], self.status["asr"], self.status["embed"]
        self.bar.kb_status.set_state(
            kb.state,
            {
                LOADING: self.tr("Knowledge base: loading…"),
                READY: self.tr("Knowledge base ✓"),
                ERROR: self.tr("Knowledge base: error"),
            }.get(kb.state, ""),
            f"{kb.name}\n{kb.detail}".strip(),
        )
        self.bar.asr_status.set_state(
            asr.state,
            {
                LOADING: self.tr("Speech model: checking…"),
                READY: self.tr("Speech model ✓"),
                MISSING: self.tr("No speech model"),
                ERROR: self.tr("Speech model: error"),
            }[asr.state],
            (self.tr("Install one with:") + "\n" + asr.detail)
            if asr.state == MISSING
            else f"{asr.name}\n{asr.detail}".strip(),
        )
        self.bar.embed_status.set_state(
            embed.state,
            {
                LOADING: self.tr("Semantic search: loading…"),
                READY: self.tr("Semantic search ✓"),
                MISSING: self.tr("Keyword search only"),
                ERROR: self.tr("Semantic search: error"),
            }[embed.state],
            (self.tr("For semantic search install an embedding model:") + "\n" + embed.detail)
            if embed.state == MISSING
            else f"{embed.name}\n{embed.detail}".strip(),
        )
        self.bar.set_busy(self.loading)
