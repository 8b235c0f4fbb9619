"""Light and dark themes: one QSS template (`style.qss`) filled from a colour table per theme.

Widgets that paint themselves (transcript bubbles, level meters) read the same table through
`colors()`, so a theme switch restyles everything at once. Severity colours are shared ids:
`block`, `warn`, `info`.
"""

from __future__ import annotations

import re
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

THEMES: dict[str, dict[str, str]] = {
    "light": {
        "window": "#f4f5f7",
        "panel": "#ffffff",
        "alt": "#f0f2f5",
        "text": "#1f2329",
        "muted": "#5f6670",
        "border": "#d5d9df",
        "accent": "#1f6feb",
        "accent_text": "#ffffff",
        "advisor": "#1f6feb",
        "advisor_bg": "#e7f0ff",
        "customer": "#b9560a",
        "customer_bg": "#fff3e3",
        "block": "#c4271b",
        "block_bg": "#fdeceb",
        "warn": "#9a5b00",
        "warn_bg": "#fff5dc",
        "info": "#175cd3",
        "info_bg": "#eaf2ff",
        "ok": "#12805c",
        "demo": "#6d28d9",
        "demo_bg": "#f1e9ff",
    },
    "dark": {
        "window": "#1d1f23",
        "panel": "#26292e",
        "alt": "#2e3238",
        "text": "#e8e9eb",
        "muted": "#a3a9b2",
        "border": "#3d424a",
        "accent": "#5b9cff",
        "accent_text": "#0f1115",
        "advisor": "#7fb0ff",
        "advisor_bg": "#22334d",
        "customer": "#ffb066",
        "customer_bg": "#43301c",
        "block": "#ff7b70",
        "block_bg": "#4a1f1c",
        "warn": "#f5b942",
        "warn_bg": "#45361a",
        "info": "#85b8ff",
        "info_bg": "#1d2c44",
        "ok": "#4cd39b",
        "demo": "#c4a1ff",
        "demo_bg": "#35284f",
    },
}
STYLE_FILE = Path(__file__).resolve().parent / "style.qss"
_PLACEHOLDER = re.compile(r"@([a-z_]+)")
_state = {"theme": "light"}


class ThemeNotifier(QObject):
    """Emits `changed(name)` after a theme switch, for widgets that paint with `colors()`."""

    changed = Signal(str)


notifier: ThemeNotifier | None = None


def theme_notifier() -> ThemeNotifier:
    global notifier
    if notifier is None or not shiboken6.isValid(notifier):
        notifier = ThemeNotifier(QApplication.instance())  # owned by the app, deleted with it
    return notifier


def normalize_theme(name: str | None) -> str:
    name = (name or "light").strip().lower()
    return name if name in THEMES else "light"


def colors(name: str | None = None) -> dict[str, str]:
    return THEMES[normalize_theme(name or _state["theme"])]


def color(key: str) -> QColor:
    return QColor(colors()[key])


def stylesheet(name: str) -> str:
    table = THEMES[normalize_theme(name)]
    return _PLACEHOLDER.sub(lambda m: table.get(m.group(1), m.group(0)), STYLE_FILE.read_text("utf-8"))


def palette(name: str) -> QPalette:
    c = {k: QColor(v) for k, v in THEMES[normalize_theme(name)].items()}
    pal = QPalette()
    role = QPalette.ColorRole
    pal.setColor(role.Window, c["window"])
    pal.setColor(role.WindowText, c["text"])
    pal.setColor(role.Base, c["panel"])
    pal.setColor(role.AlternateBase, c["alt"])
    pal.setColor(role.Text, c["text"])
    pal.setColor(role.Button, c["alt"])
    pal.setColor(role.ButtonText, c["text"])
    pal.setColor(role.ToolTipBase, c["panel"])
    pal.setColor(role.ToolTipText, c["text"])
    pal.setColor(role.Highlight, c["accent"])
    pal.setColor(role.HighlightedText, c["accent_text"])
    pal.setColor(role.PlaceholderText, c["muted"])
    pal.setColor(QPalette.ColorGroup.Disabled, role.Text, c["muted"])
    pal.setColor(QPalette.ColorGroup.Disabled, role.ButtonText, c["muted"])
    pal.setColor(QPalette.ColorGroup.Disabled, role.WindowText, c["muted"])
    return pal


def apply_theme(app: QApplication, name: str) -> str:
    """Restyle the whole application; returns the theme actually applied."""
    name = normalize_theme(name)
    _state["theme"] = name
    app.setStyle("Fusion")
    app.setPalette(palette(name))
    app.setStyleSheet(stylesheet(name))
    theme_notifier().changed.emit(name)
    return name
