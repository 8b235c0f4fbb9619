"""Fixtures for the advisor window tests: a real AdvisorApp (real KB, real analyzers, real store)
replaying a transcript, torn down with its engine thread stopped and Qt state reset.
"""

from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
SHORT_CALL = HERE / "data" / "short_call.jsonl"


@pytest.fixture(scope="session")
def short_call() -> Path:
    return SHORT_CALL


@pytest.fixture(scope="session")
def loaded_kb(demo_kb_dir):
    """The demo KB loaded once (the window loads its own copy too; this one is for expectations)."""
    from copilot.kb import load_kb

    return load_kb(demo_kb_dir)


@pytest.fixture
def make_app(qtbot, isolated_home):
    """Build AdvisorApp windows; every one is shut down (engine thread joined) after the test."""
    from copilot.settings import load_settings
    from ui.advisor.app import AdvisorApp, application
    from ui.common import i18n, theme

    made = []

    def make(demo: bool = True, speed: float | None = None, transcript: Path = SHORT_CALL,
             store: bool = True, start_ms: int = 0, **settings) -> AdvisorApp:
        application()
        app = AdvisorApp(load_settings(**settings), demo=demo, speed=speed, store=store,
                         transcript=transcript, start_ms=start_ms)
        qtbot.addWidget(app.window)
        made.append(app)
        return app

    yield make
    from ui.bridge import wait_background

    for app in made:
        app.shutdown()
        assert not app.controller.engine.alive, "engine thread left running"
        app.window.clock.stop()
    assert wait_background(60), "background loading still running"
    qtbot.wait(10)  # deliver the loaders' queued results before the widgets go
    i18n.set_language("zh")
    from PySide6.QtWidgets import QApplication

    theme.apply_theme(QApplication.instance(), "light")


@pytest.fixture
def run_to_end(qtbot):
    """Show the window and wait until the replay has been fed completely and rendered."""

    def run(app, timeout: int = 240000) -> None:
        app.show()
        qtbot.waitUntil(
            lambda: app.controller.job is not None and app.controller.job.done, timeout=timeout
        )
        app.controller.bridge.flush()
        qtbot.waitUntil(lambda: app.controller.state == "ended", timeout=5000)

    return run


@pytest.fixture
def zh_ui(qapp):
    """The default UI language (Simplified Chinese) installed, as the app does at start-up."""
    from ui.common import i18n

    i18n.set_language("zh")
    yield
    i18n.set_language("zh")
