"""Application set-up shared by the replay and team windows: the common theme and CJK fonts, and
their own Chinese catalogue when the language is Chinese."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from copilot.settings import Settings
from ui.common.fonts import app_font
from ui.common.labels import label
from ui.common.theme import apply_theme

__all__ = ["application", "install_chinese", "label"]  # label: the domain names both windows show


def application(settings: Settings) -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setFont(app_font())
    apply_theme(app, settings.theme)
    if settings.language.lower().startswith("zh"):
        install_chinese(app)
    return app


def install_chinese(app: QApplication):
    """Install (once) the windows' own Chinese catalogue; returns the translator."""
    from ui.replay.zh import ZH, DictTranslator

    if getattr(app, "_sessions_zh", None) is None:
        app._sessions_zh = DictTranslator(ZH, app)
        app.installTranslator(app._sessions_zh)
    return app._sessions_zh
