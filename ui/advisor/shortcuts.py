"""Keyboard shortcuts for every frequent action, as data: the window builds its actions from this
table and the help dialog (F1) and the README list it.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "Shortcuts"


@dataclass(frozen=True)
class Shortcut:
    action: str
    keys: str
    text: str  # English source; translated in the "Shortcuts" context
    demo_only: bool = False


SHORTCUTS: tuple[Shortcut, ...] = (
    Shortcut("toggle_call", "F9", QT_TRANSLATE_NOOP("Shortcuts", "Start / end the call")),
    Shortcut("acknowledge", "Ctrl+K", QT_TRANSLATE_NOOP("Shortcuts", "Acknowledge the compliance warning")),
    Shortcut("copy_1", "Ctrl+1", QT_TRANSLATE_NOOP("Shortcuts", "Copy suggestion card 1")),
    Shortcut("copy_2", "Ctrl+2", QT_TRANSLATE_NOOP("Shortcuts", "Copy suggestion card 2")),
    Shortcut("copy_3", "Ctrl+3", QT_TRANSLATE_NOOP("Shortcuts", "Copy suggestion card 3")),
    Shortcut("pin_1", "Alt+1", QT_TRANSLATE_NOOP("Shortcuts", "Pin / unpin card 1")),
    Shortcut("pin_2", "Alt+2", QT_TRANSLATE_NOOP("Shortcuts", "Pin / unpin card 2")),
    Shortcut("pin_3", "Alt+3", QT_TRANSLATE_NOOP("Shortcuts", "Pin / unpin card 3")),
    Shortcut("follow", "End", QT_TRANSLATE_NOOP("Shortcuts", "Jump to the latest transcript line")),
    Shortcut("outcome", "Ctrl+E", QT_TRANSLATE_NOOP("Shortcuts", "Record the call outcome")),
    Shortcut("speed_1", "Ctrl+Alt+1", QT_TRANSLATE_NOOP("Shortcuts", "Demo speed 1×"), True),
    Shortcut("speed_2", "Ctrl+Alt+2", QT_TRANSLATE_NOOP("Shortcuts", "Demo speed 2×"), True),
    Shortcut("speed_4", "Ctrl+Alt+4", QT_TRANSLATE_NOOP("Shortcuts", "Demo speed 4×"), True),
    Shortcut("restart", "Ctrl+R", QT_TRANSLATE_NOOP("Shortcuts", "Restart the demo"), True),
    Shortcut("theme", "Ctrl+Shift+D", QT_TRANSLATE_NOOP("Shortcuts", "Switch light / dark theme")),
    Shortcut("language", "Ctrl+Shift+L", QT_TRANSLATE_NOOP("Shortcuts", "Switch 中文 / English")),
    Shortcut("on_top", "Ctrl+Shift+T", QT_TRANSLATE_NOOP("Shortcuts", "Keep the window on top")),
    Shortcut("help", "F1", QT_TRANSLATE_NOOP("Shortcuts", "Show the shortcuts")),
    Shortcut("quit", "Ctrl+Q", QT_TRANSLATE_NOOP("Shortcuts", "Quit")),
)
BY_ACTION = {s.action: s for s in SHORTCUTS}


def describe(shortcut: Shortcut) -> str:
    return QCoreApplication.translate(CONTEXT, shortcut.text)
