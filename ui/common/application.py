"""The one QApplication a window runs in: created on first use with the high-DPI policy (which
must precede it), the names QSettings uses, and the CJK font."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from ui.common.fonts import app_font, prepare_high_dpi


def application(name: str = "Copilot") -> QApplication:
    """The running QApplication, or a new one named `name`."""
    app = QApplication.instance()
    if app is None:
        prepare_high_dpi()
        app = QApplication(sys.argv[:1])
        app.setApplicationName(name)
        app.setOrganizationName("copilot")
        app.setFont(app_font())
    return app  # type: ignore[return-value]
