"""The sentence-embedding model behind dense retrieval and semantic matching, loaded lazily.

`settings.embedding_model` is an installed model name (a folder under models_dir()/embedding,
see models.py) or a folder path; empty means no model, and everything runs lexically. Importing
sentence_transformers takes seconds, so it happens only when a model is actually loaded.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from copilot.errors import CopilotError
from copilot.retrieval.models import embedding_registry, model_folder_name

if TYPE_CHECKING:
    from copilot.settings import Settings

log = logging.getLogger(__name__)
_LOADED: dict[Path, Embedder] = {}
# A query is a batch of one: torch's thread pool only adds synchronisation, and while speech
# recognition or other work keeps the cores busy it made one query 1-2 s instead of ~0.15 s
# (measured on the 2-core box under load). Small batches therefore run on one thread.
SMALL_BATCH = 8
_LOCK = threading.RLock()


class Embedder:
    """A loaded sentence-transformers model: `encode` gives L2-normalised float32 rows."""

    def __init__(self, model, path: Path) -> None:
        self.model = model
        self.path = path
        self.model_id = model_identity(path)
        self.dim = _dimension(model) or len(self.encode(["x"])[0])

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with _single_thread(len(texts) <= SMALL_BATCH):
            vectors = self.model.encode(
                list(texts), batch_size=batch_size, normalize_embeddings=True,
                convert_to_numpy=True, show_progress_bar=False,
            )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def unknown_token_rate(self, texts: list[str]) -> float:
        """Share of word pieces the model's tokenizer cannot read (an English model on Chinese)."""
        tokenizer = getattr(self.model, "tokenizer", None)
        unk = getattr(tokenizer, "unk_token", None)
        if tokenizer is None or unk is None:
            return 0.0
        total = unknown = 0
        for text in texts[:200]:
            pieces = tokenizer.tokenize(text)
            total += len(pieces)
            unknown += sum(1 for p in pieces if p == unk)
        return unknown / total if total else 0.0

    def __repr__(self) -> str:
        return f"Embedder({self.model_id})"


def model_identity(path: Path) -> str:
    """Folder name plus a hash of its configuration and weight sizes: changes when the model does."""
    digest = hashlib.sha256()
    for name in sorted(p.name for p in path.iterdir() if p.is_file()):
        file = path / name
        if file.suffix in (".json", ".txt") and file.stat().st_size < 2_000_000:
            digest.update(name.encode() + file.read_bytes())
        else:
            digest.update(f"{name}:{file.stat().st_size}".encode())
    return f"{model_folder_name(path)}-{digest.hexdigest()[:10]}"


def resolve_embedding_model(name_or_path: str) -> Path:
    """The folder of an installed model name or an explicit path; CopilotError if neither exists."""
    candidate = Path(name_or_path).expanduser()
    if candidate.is_dir():
        return candidate.resolve()
    installed = embedding_registry() / name_or_path
    if installed.is_dir():
        return installed.resolve()
    raise CopilotError(
        f"embedding model {name_or_path!r} not found (neither a folder nor installed in "
        f"{embedding_registry()}); install it with `copilot models install-embedding SOURCE` "
        "or set embedding_model to a model folder (empty: lexical search only)"
    )


def load_embedder_from(path: str | Path) -> Embedder:
    """Load (once per process) the sentence-transformers model in folder `path`, offline."""
    folder = resolve_embedding_model(str(path))
    with _LOCK:
        if folder not in _LOADED:
            _LOADED[folder] = Embedder(_load_model(folder), folder)
        return _LOADED[folder]


def load_embedder(settings: Settings) -> Embedder | None:
    """The embedder named by `settings.embedding_model`, or None when it is empty."""
    name = (settings.embedding_model or "").strip()
    if not name:
        return None
    return load_embedder_from(name)


def _load_model(folder: Path):
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise CopilotError(f"sentence-transformers is not installed ({exc}); pip install it") from exc
    try:
        return SentenceTransformer(str(folder), device="cpu", local_files_only=True)
    except Exception as exc:  # any loader failure is a bad model folder for the user
        raise CopilotError(
            f"{folder}: not a loadable sentence-transformers model ({type(exc).__name__}: {exc}); "
            "point embedding_model at a folder with modules.json and the model weights"
        ) from exc


@contextmanager
def _single_thread(enabled: bool) -> Iterator[None]:
    if not enabled:
        yield
        return
    import torch

    with _LOCK:
        previous = torch.get_num_threads()
        torch.set_num_threads(1)
    try:
        yield
    finally:
        with _LOCK:
            torch.set_num_threads(previous)


def _dimension(model) -> int:
    getter = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
    return int(getter() or 0)
