"""Where windows remember size, layout and view options: an INI file in the copilot config folder
(`$COPILOT_HOME/config` in tests), never the platform's registry or the user's real settings.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from copilot import paths


def window_settings(name: str) -> QSettings:
    """A QSettings for one window, e.g. `window_settings("advisor")` → config/advisor-window.ini."""
    folder = paths.config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return QSettings(str(folder / f"{name}-window.ini"), QSettings.Format.IniFormat)
