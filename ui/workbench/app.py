"""Starting the workbench: `copilot kb edit DIR` (entry point `kb_edit` → ui.launch)."""

from __future__ import annotations

import argparse

from PySide6.QtWidgets import QApplication

from copilot.curation.workspace import KbWorkspace
from copilot.settings import load_settings
from ui.common import i18n, theme
from ui.common.application import application
from ui.workbench.window import WorkbenchWindow

EXTRA_STYLE = """
QLabel#FormProblems { padding: 6px; border-radius: 4px; }
QLabel#FormProblems[severity="error"] { color: #c4271b; background: #fdeceb; }
QLabel#FormProblems[severity="warning"] { color: #9a5b00; background: #fff5dc; }
QLabel#RuleTestBox { padding: 6px; border: 1px solid #d5d9df; border-radius: 4px; }
"""


def open_workbench(kb_dir: str, settings=None) -> WorkbenchWindow:
    """The window on `kb_dir` (used by the command and by tests)."""
    app = application("Copilot KB workbench")
    settings = settings or load_settings(kb_dir=kb_dir)
    theme.apply_theme(app, settings.theme)
    i18n.set_language(settings.language)  # Chinese by default (ui/i18n/workbench_zh_CN.ts)
    app.setStyleSheet(app.styleSheet() + EXTRA_STYLE)
    return WorkbenchWindow(KbWorkspace(kb_dir), settings)


def run_workbench(args: argparse.Namespace) -> int:
    window = open_workbench(args.dir)
    window.confirm_close = True
    window.show()
    return QApplication.instance().exec()
