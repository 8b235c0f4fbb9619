"""Speech model registry: vosk models installed under the user data dir, and which one is in use.

A model is a folder under `models_dir()/asr/<name>`; `chosen.txt` names the one picked with
`copilot models use`. Installing takes a folder, a zip or a URL and checks the layout first, so a
wrong download is refused with what is missing rather than failing later inside vosk.
"""

from __future__ import annotations

import shutil
import tempfile
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path

from copilot import paths
from copilot.errors import CopilotError
from copilot.settings import Settings

INSTALL_HINT = (
    "no speech model installed: run `copilot models install "
    "https://alphacephei.com/vosk/models/vosk-model-small-cn-0.22.zip` "
    "(or a folder/zip you downloaded), then `copilot models use vosk-model-small-cn-0.22`"
)

# Each entry: what it is, then the alternative relative paths any one of which satisfies it.
REQUIRED_PARTS: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...] = (
    ("acoustic model", (("am/final.mdl",), ("final.mdl",))),
    ("feature config", (("conf/mfcc.conf",), ("mfcc.conf",), ("conf/fbank.conf",))),
    ("decoding graph", (("graph/HCLG.fst",), ("HCLG.fst",), ("graph/HCLr.fst", "graph/Gr.fst"))),
)


@dataclass(frozen=True)
class InstalledModel:
    name: str
    path: Path
    size_bytes: int
    chosen: bool


def asr_dir() -> Path:
    return paths.models_dir() / "asr"


def _chosen_file() -> Path:
    return asr_dir() / "chosen.txt"


def missing_parts(folder: Path) -> list[str]:
    """What a vosk model folder lacks, described for a person; empty when it looks complete."""
    missing = []
    for what, alternatives in REQUIRED_PARTS:
        if not any(all((folder / rel).is_file() for rel in alt) for alt in alternatives):
            options = " or ".join("+".join(alt) for alt in alternatives)
            missing.append(f"{what} ({options})")
    return missing


def check_model_dir(folder: Path) -> Path:
    """Return the folder if it is a vosk model, else raise saying exactly what is missing."""
    if not folder.exists():
        raise CopilotError(f"{folder}: speech model folder not found; check the path")
    if not folder.is_dir():
        raise CopilotError(f"{folder}: not a folder; give a vosk model folder or a .zip")
    missing = missing_parts(folder)
    if missing:
        raise CopilotError(
            f"{folder}: not a vosk model, missing {'; '.join(missing)}; "
            "download a model from https://alphacephei.com/vosk/models and install the unpacked folder"
        )
    return folder


def list_models() -> list[InstalledModel]:
    root = asr_dir()
    if not root.is_dir():
        return []
    chosen = chosen_name()
    return [
        InstalledModel(d.name, d, _size(d), d.name == chosen)
        for d in sorted(root.iterdir())
        if d.is_dir() and not d.name.startswith(".")
    ]


def chosen_name() -> str | None:
    f = _chosen_file()
    name = f.read_text(encoding="utf-8").strip() if f.is_file() else ""
    return name or None


def use_model(name: str) -> Path:
    """Make an installed model the default (what an empty `asr_model` setting resolves to)."""
    target = asr_dir() / name
    if not target.is_dir():
        installed = ", ".join(m.name for m in list_models()) or "none"
        raise CopilotError(
            f"no installed speech model named {name!r} (installed: {installed}); "
            "install it first with `copilot models install SOURCE`"
        )
    check_model_dir(target)
    _chosen_file().write_text(name + "\n", encoding="utf-8")
    return target


def model_label(folder: Path) -> str:
    """How a session records its speech model: an installed model by its name, any other folder by
    its full path (a bare folder name such as `model` says nothing when a session is replayed)."""
    folder = folder.resolve()
    if folder.parent == asr_dir().resolve():
        return folder.name
    return str(folder)


def resolve_asr_model(settings: Settings) -> Path | None:
    """The model folder to use: the setting (installed name or folder path), else the chosen one."""
    value = (settings.asr_model or "").strip()
    if not value:
        name = chosen_name()
        if name is None:
            return None
        return check_model_dir(asr_dir() / name)
    installed = asr_dir() / value
    if "/" not in value and "\\" not in value and installed.is_dir():
        return check_model_dir(installed)
    folder = Path(value).expanduser()
    if folder.exists():
        return check_model_dir(folder)
    names = ", ".join(m.name for m in list_models()) or "none installed"
    raise CopilotError(
        f"speech model {value!r} is neither an installed model ({names}) nor a folder; "
        "run `copilot models list` or give the path of a vosk model folder"
    )


def install_model(source: str, name: str | None = None, progress: bool = True) -> Path:
    """Install a model from a folder, a .zip or an http(s) URL to a zip; returns its folder."""
    if name is not None:
        _check_name(name)
    if source.startswith(("http://", "https://")):
        with tempfile.TemporaryDirectory(prefix="copilot-dl-") as tmp:
            archive = Path(tmp) / (Path(source.split("?")[0]).name or "model.zip")
            download(source, archive, progress=progress)
            return _install_zip(archive, name or _stem(archive))
    path = Path(source).expanduser()
    if path.is_dir():
        check_model_dir(path)
        return _place(path, name or path.name, copy=True)
    if path.is_file() and zipfile.is_zipfile(path):
        return _install_zip(path, name or _stem(path))
    if path.is_file():
        raise CopilotError(f"{path}: not a zip archive; give a vosk model folder, .zip or URL")
    raise CopilotError(f"{source}: no such folder, zip or URL; check the path")


def _check_name(name: str) -> None:
    """--name becomes a folder inside the models folder: never a path that leads out of it."""
    if name in ("", ".", "..") or "/" in name or "\\" in name:
        raise CopilotError(f"--name {name!r}: give a plain folder name such as "
                           "vosk-model-small-cn-0.22 (no slashes, not '.' or '..')")


def download(url: str, target: Path, progress: bool = True) -> Path:
    """Fetch a URL to a file with a tqdm progress bar; a failed download leaves nothing behind."""
    from tqdm import tqdm

    try:
        with urllib.request.urlopen(url, timeout=30) as response, target.open("wb") as out:
            total = int(response.headers.get("Content-Length") or 0) or None
            with tqdm(
                total=total, unit="B", unit_scale=True, desc=target.name, disable=not progress
            ) as bar:
                while chunk := response.read(1 << 16):
                    out.write(chunk)
                    bar.update(len(chunk))
    except OSError as exc:  # URLError, HTTPError and socket errors are all OSErrors
        target.unlink(missing_ok=True)
        raise CopilotError(f"{url}: download failed ({exc}); check the address or download it by hand") from exc
    return target


def _install_zip(archive: Path, name: str) -> Path:
    with tempfile.TemporaryDirectory(prefix=".unzip-", dir=_staging_parent()) as tmp:
        try:
            with zipfile.ZipFile(archive) as zf:
                zf.extractall(tmp)
        except (zipfile.BadZipFile, OSError) as exc:
            raise CopilotError(f"{archive}: broken zip archive ({exc}); download it again") from exc
        root = _model_root(Path(tmp), archive)
        return _place(root, name, copy=False)


def _model_root(unpacked: Path, archive: Path) -> Path:
    """Model zips usually hold one top folder; accept the files at the top level too."""
    if not missing_parts(unpacked):
        return unpacked
    subdirs = [d for d in unpacked.iterdir() if d.is_dir() and not d.name.startswith("__MACOSX")]
    if len(subdirs) == 1 and not missing_parts(subdirs[0]):
        return subdirs[0]
    inner = subdirs[0] if len(subdirs) == 1 else unpacked
    missing = "; ".join(missing_parts(inner))
    raise CopilotError(
        f"{archive}: the archive is not a vosk model, missing {missing}; "
        "download a model from https://alphacephei.com/vosk/models"
    )


def _place(folder: Path, name: str, copy: bool) -> Path:
    target = asr_dir() / name
    if target.exists():
        raise CopilotError(
            f"a speech model named {name!r} is already installed at {target}; "
            "remove that folder or install under another name with --name"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    if copy:
        shutil.copytree(folder, target)
    else:
        shutil.move(str(folder), target)
    if chosen_name() is None:  # the first model installed becomes the default
        _chosen_file().write_text(name + "\n", encoding="utf-8")
    return target


def _staging_parent() -> Path:
    """Unpack next to the registry so the final move is a rename, not a second copy."""
    parent = asr_dir()
    parent.mkdir(parents=True, exist_ok=True)
    return parent


def _stem(archive: Path) -> str:
    return archive.name.removesuffix(".zip") or "model"


def _size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
