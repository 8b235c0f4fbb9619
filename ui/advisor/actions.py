"""Menus and keyboard shortcuts of the advisor window, built from the shortcut table."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from ui.advisor.shortcuts import BY_ACTION, describe

MENUS = {
    "call": ("toggle_call", "outcome", "acknowledge", "follow", None, "quit"),
    "cards": ("copy_1", "copy_2", "copy_3", None, "pin_1", "pin_2", "pin_3"),
    "demo": ("speed_1", "speed_2", "speed_4", None, "restart"),
    "view": ("theme", "language", "on_top"),
    "help": ("help",),
}
CHECKABLE = {"on_top"}


class WindowActions(QObject):
    """Creates one QAction per shortcut, attached to the window so the keys work anywhere in it."""

    def __init__(
        self, window: QMainWindow, handlers: dict[str, Callable[[], None]], demo: bool
    ) -> None:
        super().__init__(window)
        self.window = window
        self.actions: dict[str, QAction] = {}
        self.menus: dict[str, QMenu] = {}
        bar = window.menuBar()
        for menu_id, action_ids in MENUS.items():
            if menu_id == "demo" and not demo:
                continue
            menu = bar.addMenu("")
            self.menus[menu_id] = menu
            for action_id in action_ids:
                if action_id is None:
                    menu.addSeparator()
                    continue
                action = QAction(window)
                action.setObjectName(action_id)
                action.setShortcut(QKeySequence(BY_ACTION[action_id].keys))
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
                action.setCheckable(action_id in CHECKABLE)
                handler = handlers.get(action_id)
                if handler is not None:
                    action.triggered.connect(lambda _checked=False, h=handler: h())
                menu.addAction(action)
                window.addAction(action)
                self.actions[action_id] = action
        self.retranslate()

    def retranslate(self) -> None:
        titles = {
            "call": self.tr("&Call"),
            "cards": self.tr("C&ards"),
            "demo": self.tr("&Demo"),
            "view": self.tr("&View"),
            "help": self.tr("&Help"),
        }
        for menu_id, menu in self.menus.items():
            menu.setTitle(titles[menu_id])
        for action_id, action in self.actions.items():
            action.setText(describe(BY_ACTION[action_id]))
