"""One typed settings object: defaults, then the TOML file in the user config dir, then COPILOT_*
environment variables (highest). Passed explicitly to whatever needs it; never read globally.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from copilot import paths
from copilot.errors import InputError


class Settings(BaseSettings):
    """Everything a user can set. Field docs are shown by `copilot settings`."""

    model_config = SettingsConfigDict(env_prefix="COPILOT_", extra="ignore")

    kb_dir: Path = Field(default_factory=paths.bundled_kb, description="knowledge base folder")
    asr_model: str = Field("", description="installed vosk model name or a model folder path")
    embedding_model: str = Field(
        "", description="installed embedding model name or folder; empty: lexical retrieval only"
    )
    language: str = Field("zh", description="UI language: zh or en")
    theme: str = Field("light", description="light or dark")
    advisor: str = Field("", description="advisor name stored with sessions")
    team: str = Field("", description="team name stored with sessions")
    advisor_device: str = Field("", description="input device for the advisor's microphone")
    customer_device: str = Field("", description="input device for the customer's line")
    stereo_device: str = Field("", description="one stereo input carrying both sides")
    channel_map: str = Field("advisor,customer", description="channel order: left,right")
    mask_pii: bool = Field(True, description="mask ID, phone and bank-card numbers")
    retention_days: int = Field(3650, ge=0, description="days audio and transcripts are kept")
    record_audio: bool = Field(True, description="write each side of a live call to a file")
    call_window: str = Field("09:00-21:00", description="permitted outbound call hours")
    always_on_top: bool = Field(False, description="keep the advisor window above others")

    @field_validator("language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        if value.strip() and not value.strip().lower().startswith(("zh", "en")):
            raise ValueError(f"{value!r} is not a window language; use zh or en")
        return value

    @field_validator("channel_map")
    @classmethod
    def _both_speakers(cls, value: str) -> str:
        if sorted(p.strip() for p in value.split(",")) != ["advisor", "customer"]:
            raise ValueError(f"{value!r}: give the left and right speakers, "
                             "'advisor,customer' or 'customer,advisor'")
        return value

    @field_validator("theme")
    @classmethod
    def _known_theme(cls, value: str) -> str:
        if value.strip() and value.strip().lower() not in ("light", "dark"):
            raise ValueError(f"{value!r} is not a theme; use light or dark")
        return value

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings)


def load_settings(path: Path | None = None, **overrides: object) -> Settings:
    """Read settings from `path` (default: the user's settings.toml) and the environment.

    A broken file is an InputError naming the file and the field, never a traceback.
    """
    path = path or paths.settings_file()
    file_values: dict = {}
    if path.exists():
        try:
            file_values = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise InputError(path, None, f"not valid TOML ({exc})", "fix or delete the file") from exc
        except OSError as exc:
            raise InputError(path, None, f"cannot read ({exc.strerror})",
                             "make it a readable TOML file, or delete it") from exc
    try:
        env_only = Settings()  # environment variables and defaults
        merged = {**file_values, **_explicit_env(env_only), **overrides}
        return Settings(**merged)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        source = _source_of(field, path, file_values, overrides)
        problem = first["msg"].removeprefix("Value error, ")
        raise InputError(source, None, f"setting {field!r}: {problem}", "correct it") from exc


def _source_of(field: str, path: Path, file_values: dict, overrides: dict) -> str | Path:
    """Where a bad value came from, so the error points at what to fix."""
    import os

    env = f"COPILOT_{field.upper()}"
    if field in overrides:
        return "command line"
    if env in os.environ:
        return env
    return path if field in file_values else "settings"


def _explicit_env(env_settings: Settings) -> dict:
    """Only the fields set through COPILOT_* variables, so they win over the file."""
    import os

    names = {name for name in Settings.model_fields if f"COPILOT_{name.upper()}" in os.environ}
    return {name: getattr(env_settings, name) for name in names}
