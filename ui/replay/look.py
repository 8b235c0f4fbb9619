"""Application set-up shared by the replay and team windows: the common theme and CJK fonts when
`ui.common` provides them, plain Qt otherwise (these windows must run on their own)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from copilot.settings import Settings


def application(settings: Settings) -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    try:
        from ui.common.fonts import app_font
        from ui.common.theme import apply_theme

        app.setFont(app_font())
        apply_theme(app, settings.theme)
    except (ImportError, AttributeError):  # the shared look is optional for these windows
        pass
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


def label(category_id: str) -> str:
    """The display name of a DOMAIN.md id in the UI language when `ui.common` knows it."""
    try:
        from ui.common.labels import label as common_label
    except ImportError:
        return category_id
    return common_label(category_id) or category_id
