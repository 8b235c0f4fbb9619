"""Bad input on every command gives one actionable line and a non-zero exit, never a traceback.

Each row is a case found by a sweep over the whole CLI: the real `copilot.cli.main` runs in-process
on a file or setting made wrong in a realistic way. A row that once printed a traceback, exited 0
or said something unclear stays here so it cannot come back.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from copilot.cli import main

DEMO_KB = Path(__file__).resolve().parents[2] / "knowledge" / "demo-zh"
DEMO_CALL = Path(__file__).resolve().parents[2] / "assets" / "demo" / "call.jsonl"

Setup = Callable[[Path, Path], None]  # (work folder, COPILOT_HOME)


def nothing(work: Path, home: Path) -> None:
    pass


def write(name: str, content: bytes | str) -> Setup:
    def setup(work: Path, home: Path) -> None:
        data = content.encode("utf-8") if isinstance(content, str) else content
        (work / name).write_bytes(data)
    return setup


def folder(name: str) -> Setup:
    def setup(work: Path, home: Path) -> None:
        (work / name).mkdir(parents=True)
    return setup


def settings_toml(text: str) -> Setup:
    def setup(work: Path, home: Path) -> None:
        (home / "config").mkdir(parents=True, exist_ok=True)
        (home / "config" / "settings.toml").write_text(text, encoding="utf-8")
    return setup


def settings_toml_is_a_folder(work: Path, home: Path) -> None:
    (home / "config" / "settings.toml").mkdir(parents=True)


def data_folder_is_a_file(work: Path, home: Path) -> None:
    (home / "data").write_text("in the way\n", encoding="utf-8")


def cache_folder_is_a_file(work: Path, home: Path) -> None:
    (home / "cache").write_text("in the way\n", encoding="utf-8")


def store_is_text(work: Path, home: Path) -> None:
    (home / "data").mkdir(parents=True, exist_ok=True)
    (home / "data" / "sessions.db").write_text("not a database\n", encoding="utf-8")


def kb_copy_with(relative: str, content: str | bytes) -> Setup:
    """A tiny valid KB (the demo's kb.yaml and one SOP) with one extra or broken file."""
    def setup(work: Path, home: Path) -> None:
        kb = work / "kb"
        (kb / "sop").mkdir(parents=True)
        (kb / "kb.yaml").write_bytes((DEMO_KB / "kb.yaml").read_bytes())
        for sop in (DEMO_KB / "sop").iterdir():
            (kb / "sop" / sop.name).write_bytes(sop.read_bytes())
        (kb / relative).parent.mkdir(parents=True, exist_ok=True)
        (kb / relative).write_bytes(content if isinstance(content, bytes) else content.encode())
    return setup


def export_with_unknown_event(work: Path, home: Path) -> None:
    export = {"format": "copilot-session",
              "session": {"id": "s1", "started_at": "2026-11-02T10:00:00+08:00"},
              "utterances": [], "events": [{"type": "bogus_type", "t_ms": 0}]}
    (work / "export.json").write_text(json.dumps(export), encoding="utf-8")


NOT_UTF8 = b"\xff\xfe\xfa bad\n"
QUERY = '{"id": "q1", "text": "保险", "relevant": ["x"]}\n'
KB = str(DEMO_KB)

CASES = [
    # (id, argv, setup, expected stderr fragment, exit code)
    ("speed-zero", ["demo", "--headless", "--speed", "0"], nothing, "must be a number above 0", 2),
    ("speed-negative", ["demo", "--headless", "--speed", "-1"], nothing, "must be a number above 0", 2),
    ("speed-word", ["demo", "--headless", "--speed", "fast"], nothing, "'fast' is not a number", 2),
    ("k-negative", ["kb", "search", KB, "保险", "--k", "-3"], nothing, "--k: '-3' must be 1 or more", 2),
    ("top-zero", ["kb", "gaps", "--top", "0"], nothing, "--top: '0' must be 1 or more", 2),
    ("limit-negative", ["sessions", "list", "--limit", "-3"], nothing, "must be 1 or more", 2),
    ("import-not-utf8", ["sessions", "import", "bad.json"], write("bad.json", NOT_UTF8),
     "bad.json: not UTF-8 text", 2),
    ("import-folder", ["sessions", "import", "adir"], folder("adir"), "adir: is a folder", 2),
    ("import-unknown-event", ["sessions", "import", "export.json"], export_with_unknown_event,
     "events[0]: unknown event type 'bogus_type'", 2),
    ("transcribe-channel-map", ["transcribe", "x.wav", "--channel-map", "foo,bar"], nothing,
     "channel_map 'foo,bar'", 2),
    ("transcribe-output-folder", ["transcribe", "x.wav", "-o", "adir"], folder("adir"),
     "-o adir: is a folder", 2),
    ("transcribe-output-no-parent", ["transcribe", "x.wav", "-o", "nope/out.jsonl"], nothing,
     "folder nope does not exist", 2),
    ("sessions-db-mistyped", ["sessions", "list", "--db", "typo.db"], nothing,
     "--db typo.db: no such session store", 2),
    ("gaps-db-mistyped", ["kb", "gaps", "--db", "typo.db"], nothing,
     "--db typo.db: no such session store", 2),
    ("store-is-text", ["sessions", "list"], store_is_text, "not a readable session store", 2),
    ("eval-empty-queries", ["kb", "eval", KB, "empty.jsonl"], write("empty.jsonl", ""),
     "empty.jsonl: no queries in the file", 2),
    ("search-unknown-product", ["kb", "search", str(DEMO_KB.parent / "demo-en"), "price", "--product",
                                "nope"], nothing, "--product 'nope': no item of this KB has it", 2),
    ("search-bad-queries", ["kb", "search", KB, "--queries", "q.jsonl"], write("q.jsonl", "{bad\n"),
     "q.jsonl:1: not valid JSON", 2),
    ("diff-not-a-kb", ["kb", "diff", "notkb", KB], folder("notkb"), "kb.yaml is missing", 2),
    ("diff-broken-kb-yaml", ["kb", "diff", "kb", KB], kb_copy_with("kb.yaml", "x: [\n"),
     "kb/kb.yaml:2: YAML syntax error", 2),
    ("settings-folder", ["sessions", "list"], settings_toml_is_a_folder,
     "settings.toml: cannot read (Is a directory)", 2),
    ("settings-wrong-type", ["sessions", "list"], settings_toml('mask_pii = "maybe"\n'),
     "settings.toml: setting 'mask_pii'", 2),
    ("settings-negative-retention", ["sessions", "list"], settings_toml("retention_days = -4\n"),
     "setting 'retention_days'", 2),
    ("settings-unknown-theme", ["sessions", "list"], settings_toml('theme = "drak"\n'),
     "setting 'theme': 'drak' is not a theme; use light or dark", 2),
    ("settings-unknown-language", ["sessions", "list"], settings_toml('language = "fr"\n'),
     "setting 'language': 'fr' is not a window language; use zh or en", 2),
    ("settings-channel-map", ["sessions", "list"], settings_toml('channel_map = "left,right"\n'),
     "setting 'channel_map': 'left,right': give the left and right speakers", 2),
    ("settings-not-toml", ["sessions", "list"], settings_toml("mask_pii = = true\n"),
     "not valid TOML", 2),
    ("analyzers-yaml-syntax", ["kb", "validate", "kb"], kb_copy_with("analyzers.yaml", "thresholds: [\n"),
     "analyzers.yaml:2: error: not valid YAML", 1),
    ("analyzers-yaml-unknown-key", ["kb", "validate", "kb"],
     kb_copy_with("analyzers.yaml", "thresholds:\n  bogus: 1\n"), "thresholds: unknown key 'bogus'", 1),
    ("analyzers-yaml-wrong-type", ["kb", "validate", "kb"],
     kb_copy_with("analyzers.yaml", "thresholds:\n  lexical_step: abc\n"),
     "thresholds.lexical_step: 'abc' is not a valid float", 1),
    ("analyzers-yaml-misspelt-stage", ["kb", "validate", "kb"],
     kb_copy_with("analyzers.yaml", "vocabulary:\n  aside_stages: [objection_handlin]\n"),
     "vocabulary.aside_stages: 'objection_handlin' is not a stage of the SOP; use one of opening", 1),
    ("analyzers-yaml-unknown-section", ["kb", "validate", "kb"],
     kb_copy_with("analyzers.yaml", "bogus_knob: 3\n"), "unknown section(s) bogus_knob", 1),
    ("kb-yaml-not-utf8", ["kb", "validate", "kb"], kb_copy_with("scripts/x.yaml", NOT_UTF8),
     "x.yaml: error: not UTF-8 text (invalid start byte); re-save the file with UTF-8 encoding", 1),
    ("kb-test-dialogue-not-text", ["kb", "test", "kb"],
     kb_copy_with("tests/t.yaml", "cases:\n  - id: x\n    dialogue: 42\n"),
     "t.yaml:2: case 'x': dialogue must be text", 2),
    ("kb-test-checks-nothing", ["kb", "test", "kb"],
     kb_copy_with("tests/t.yaml", 'cases:\n  - id: x\n    dialogue: "坐席: 你好"\n'),
     "t.yaml:2: case 'x' checks nothing", 2),
    ("analyze-not-utf8", ["analyze", "bad.jsonl"], write("bad.jsonl", NOT_UTF8), "not UTF-8 text", 2),
    ("analyze-model-not-vosk", ["analyze", "call.wav", "--asr-model", "."], write("call.wav", "hi\n"),
     "not a vosk model", 2),
    ("sessions-bad-date", ["sessions", "list", "--since", "yesterday-ish"], nothing,
     "not a date: 'yesterday-ish'; use YYYY-MM-DD", 2),
    ("sessions-unknown-id", ["sessions", "show", "nope"], nothing, "no session 'nope'", 2),
    ("sessions-unknown-outcome", ["sessions", "list", "--outcome", "sold"], nothing,
     "invalid choice: 'sold'", 2),
    ("sessions-empty-id", ["sessions", "show", ""], nothing, "no session id given", 2),
    ("reversed-range", ["sessions", "list", "--since", "2026-12-01", "--until", "2026-01-01"],
     nothing, "--until 2026-01-01 is before --since 2026-12-01", 2),
    ("gaps-reversed-range", ["kb", "gaps", "--since", "2026-12-01", "--until", "2026-01-01"],
     nothing, "is before --since", 2),
    ("team-bad-until", ["team", "--until", "garbage", "--csv", "-"], nothing,
     "not a date: 'garbage'", 2),
    ("model-name-escapes", ["models", "install", ".", "--name", "../../evil"], nothing,
     "--name '../../evil': give a plain folder name", 2),
    ("cache-folder-is-a-file", ["kb", "build", str(DEMO_KB.parent / "demo-en")], cache_folder_is_a_file,
     "cannot create the index cache folder", 2),
    ("data-folder-is-a-file", ["analyze", str(DEMO_CALL), "--store"], data_folder_is_a_file,
     "cannot use this as the session store's folder", 2),
]


@pytest.mark.parametrize(("argv", "setup", "fragment", "code"),
                         [pytest.param(*case[1:], id=case[0]) for case in CASES])
def test_bad_input_is_one_clear_line(argv, setup, fragment, code, tmp_path, isolated_home,
                                     monkeypatch, capsys) -> None:
    setup(tmp_path, isolated_home)
    monkeypatch.chdir(tmp_path)
    try:
        exit_code = main(argv)
    except SystemExit as exc:  # argparse rejects bad option values itself
        exit_code = exc.code
    out, err = capsys.readouterr()
    assert fragment in (err if code == 2 else out)  # kb validate reports on stdout, exit 1
    assert "Traceback" not in err
    assert exit_code == code


def test_mistyped_db_is_not_created(tmp_path, monkeypatch, capsys) -> None:
    """A reading command on a mistyped --db must not leave an empty store behind."""
    monkeypatch.chdir(tmp_path)
    assert main(["sessions", "show", "x", "--db", "typo.db"]) == 2
    assert not (tmp_path / "typo.db").exists()
    assert "no such session store" in capsys.readouterr().err


def test_bad_environment_variable_is_named(monkeypatch, capsys) -> None:
    monkeypatch.setitem(os.environ, "COPILOT_MASK_PII", "maybe")
    assert main(["sessions", "list"]) == 2
    assert "COPILOT_MASK_PII: setting 'mask_pii'" in capsys.readouterr().err


@pytest.mark.parametrize(("content", "fragment"), [
    (b"hello, I am text\n", "cannot read audio"),
    (b"RIFF\x24\x00\x00\x00WAVEfmt ", "cannot read audio"),  # truncated header
])
def test_wav_that_is_not_audio(content, fragment, vosk_ko_path, tmp_path, monkeypatch, capsys) -> None:
    (tmp_path / "call.wav").write_bytes(content)
    monkeypatch.chdir(tmp_path)
    assert main(["transcribe", "call.wav", "--asr-model", str(vosk_ko_path)]) == 2
    err = capsys.readouterr().err
    assert "call.wav: " + fragment in err and "Traceback" not in err


@pytest.mark.parametrize("argv", [[], ["demo"], ["replay"], ["team"], ["kb", "edit", str(DEMO_KB)]],
                         ids=["advisor", "demo", "replay", "team", "kb-edit"])
def test_window_without_display_is_one_line(argv, monkeypatch, capsys) -> None:
    """Plain `copilot` once printed a traceback here: it bypassed the CLI's error handling."""
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "no display found for the window" in err and "Traceback" not in err


def test_importing_a_call_twice_says_how_to_replace(tmp_path, capsys) -> None:
    export_with_unknown_event(tmp_path, tmp_path)
    export = tmp_path / "export.json"
    data = json.loads(export.read_text(encoding="utf-8"))
    data["events"] = []
    export.write_text(json.dumps(data), encoding="utf-8")
    assert main(["sessions", "import", str(export)]) == 0
    assert main(["sessions", "import", str(export)]) == 2
    assert "use `sessions import --replace`" in capsys.readouterr().err
    assert main(["sessions", "show", "s1"]) == 0  # the first import is still there


def test_models_list_flags_a_folder_that_is_not_a_model(isolated_home, capsys) -> None:
    (isolated_home / "data" / "models" / "asr" / "junk").mkdir(parents=True)
    assert main(["models", "list"]) == 0
    out = capsys.readouterr().out
    assert "junk" in out and "not usable, missing acoustic model" in out


def test_locked_store_is_one_line_and_replace_loses_nothing(tmp_path, isolated_home, capsys) -> None:
    """Another writer holds the lock: import --replace and analyze --store stop with one line,
    and the call already stored is still there afterwards (the delete is in the import's
    transaction)."""
    import sqlite3

    export_with_unknown_event(tmp_path, tmp_path)
    export = tmp_path / "export.json"
    data = json.loads(export.read_text(encoding="utf-8"))
    data["events"] = []
    export.write_text(json.dumps(data), encoding="utf-8")
    assert main(["sessions", "import", str(export)]) == 0
    locker = sqlite3.connect(isolated_home / "data" / "sessions.db", timeout=0)
    locker.execute("BEGIN EXCLUSIVE")
    try:
        assert main(["sessions", "import", str(export), "--replace"]) == 2
        assert main(["analyze", str(DEMO_CALL), "--store", "--kb", str(DEMO_KB.parent / "demo-en")]) == 2
    finally:
        locker.rollback()
        locker.close()
    err = capsys.readouterr().err
    assert err.count("cannot write the session store (database is locked)") == 2
    assert "Traceback" not in err
    assert main(["sessions", "show", "s1"]) == 0
