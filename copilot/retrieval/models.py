"""The embedding-model registry: models installed under models_dir()/embedding/<name>.

`install_embedding` takes a folder, a zip of one, or a hub name (downloaded where the network
allows). It checks the model loads and encodes before copying it, so a broken download never
ends up registered. Recommended for Chinese: BAAI/bge-small-zh-v1.5.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import zipfile
from pathlib import Path

from copilot import paths
from copilot.errors import CopilotError

RECOMMENDED = {"zh": "BAAI/bge-small-zh-v1.5", "en": "sentence-transformers/all-MiniLM-L6-v2"}
GENERIC_NAMES = ("model", "models", "snapshot")
_MARKERS = ("modules.json", "config_sentence_transformers.json", "config.json")


def embedding_registry() -> Path:
    return paths.models_dir() / "embedding"


def installed_embeddings() -> list[str]:
    registry = embedding_registry()
    if not registry.is_dir():
        return []
    return sorted(p.name for p in registry.iterdir() if p.is_dir() and _is_model_dir(p))


def install_embedding(source: str | Path, name: str | None = None) -> Path:
    """Install a sentence-transformers model from a folder, a .zip or a hub name; returns its folder."""
    text = str(source)
    path = Path(text).expanduser()
    if path.is_dir():
        return _install_folder(path, name or model_folder_name(path))
    if path.is_file() and zipfile.is_zipfile(path):
        with tempfile.TemporaryDirectory() as tmp:
            try:
                with zipfile.ZipFile(path) as archive:
                    archive.extractall(tmp)
            except (zipfile.BadZipFile, OSError) as exc:
                raise CopilotError(f"{path}: cannot unpack ({exc}); re-create the zip") from exc
            return _install_folder(_model_root(Path(tmp), path), name or path.stem)
    if path.exists():
        raise CopilotError(f"{path}: not a model folder or a .zip; pass a sentence-transformers "
                           "model folder, a zip of one, or a hub name such as "
                           f"{RECOMMENDED['zh']}")
    if re.fullmatch(r"[\w.\-]+/[\w.\-]+", text):
        return _install_from_hub(text, name or text.split("/")[-1])
    raise CopilotError(f"{text}: no such file or folder, and not a hub name (owner/model)")


def _is_model_dir(folder: Path) -> bool:
    return any((folder / marker).is_file() for marker in _MARKERS)


def _model_root(extracted: Path, archive: Path) -> Path:
    if _is_model_dir(extracted):
        return extracted
    candidates = [p.parent for p in extracted.rglob("modules.json")] or [
        p.parent for p in extracted.rglob("config.json")
    ]
    if not candidates:
        raise CopilotError(f"{archive}: no sentence-transformers model inside (no modules.json "
                           "or config.json); zip the model folder itself")
    return min(candidates, key=lambda p: len(p.parts))


def _verify(folder: Path) -> None:
    from copilot.retrieval.embedder import Embedder, _load_model

    embedder = Embedder(_load_model(folder), folder)
    vectors = embedder.encode(["test sentence", "测试句子"])
    if vectors.shape[0] != 2 or not vectors.any():
        raise CopilotError(f"{folder}: the model loads but gives empty embeddings")


def _install_folder(folder: Path, name: str) -> Path:
    if not _is_model_dir(folder):
        raise CopilotError(f"{folder}: not a sentence-transformers model folder (no modules.json "
                           "or config.json)")
    _verify(folder)
    target = embedding_registry() / _safe_name(name)
    if target.exists():
        shutil.rmtree(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(folder, target)
    return target


def _install_from_hub(hub_name: str, name: str) -> Path:
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:  # pragma: no cover
        raise CopilotError(f"sentence-transformers is not installed ({exc})") from exc
    try:
        model = SentenceTransformer(hub_name, device="cpu")
    except Exception as exc:  # network, auth or missing-model failures all end here
        raise CopilotError(
            f"cannot download {hub_name!r} ({type(exc).__name__}: {' '.join(str(exc).split())[:160]}); without "
            "network access, download the model folder on another machine and run "
            "`copilot models install-embedding FOLDER_OR_ZIP`"
        ) from exc
    with tempfile.TemporaryDirectory() as tmp:
        model.save(tmp)
        return _install_folder(Path(tmp), name)


def model_folder_name(path: Path) -> str:
    """A model folder's name; generic names ("model") take the parent's (package) name."""
    path = path.resolve()
    return path.parent.name if path.name in GENERIC_NAMES else path.name


def _safe_name(name: str) -> str:
    return re.sub(r"[^\w.\-]+", "_", name).strip("._") or "model"
