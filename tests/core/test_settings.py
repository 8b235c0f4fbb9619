"""Settings: defaults, the user's TOML file, COPILOT_ variables over it; bad files are clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from copilot import paths
from copilot.errors import InputError
from copilot.settings import load_settings


def test_defaults_point_inside_copilot_home(isolated_home: Path) -> None:
    settings = load_settings()
    assert settings.mask_pii is True
    assert settings.kb_dir == paths.bundled_kb()
    assert paths.data_dir().is_relative_to(isolated_home)
    assert paths.settings_file().is_relative_to(isolated_home)


def test_file_then_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    paths.settings_file().parent.mkdir(parents=True)
    paths.settings_file().write_text('advisor = "王敏"\nteam = "A组"\nmask_pii = false\n', "utf-8")
    monkeypatch.setenv("COPILOT_TEAM", "B组")
    settings = load_settings()
    assert (settings.advisor, settings.team, settings.mask_pii) == ("王敏", "B组", False)


def test_explicit_overrides_win(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COPILOT_THEME", "dark")
    assert load_settings(theme="light").theme == "light"


def test_broken_toml_names_the_file() -> None:
    paths.settings_file().parent.mkdir(parents=True)
    paths.settings_file().write_text("advisor = ", "utf-8")
    with pytest.raises(InputError, match=r"settings\.toml: not valid TOML"):
        load_settings()


def test_wrong_type_names_the_setting() -> None:
    paths.settings_file().parent.mkdir(parents=True)
    paths.settings_file().write_text('retention_days = "forever"\n', "utf-8")
    with pytest.raises(InputError, match="setting 'retention_days'"):
        load_settings()
