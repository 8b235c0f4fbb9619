"""Screenshots of the window part-way through the bundled demo call, light and dark, at the two
sizes advisors use; saved where `screenshot_dir` says (docs/screenshots/ under `make screenshots`)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

SIZES = {"1280x800": (1280, 800), "1920x1080": (1920, 1080)}
MID_DEMO_MS = 163_000  # after the exaggerated-coverage warning, the price and family objections


def test_screenshots_mid_demo(make_app, qtbot, screenshot_dir, demo_call_path):
    out = screenshot_dir
    app = make_app(speed=1.0, transcript=demo_call_path, store=False, start_ms=MID_DEMO_MS)
    app.show()
    w = app.window
    qtbot.waitUntil(lambda: w.rendered_events > 0 and w.banner.isVisible(), timeout=240000)
    qtbot.waitUntil(lambda: bool(w.suggestions.cards and w.profile.level_text()), timeout=5000)
    assert app.controller.state == "running"
    for theme in ("light", "dark"):
        app.set_theme(theme)
        for name, (width, height) in SIZES.items():
            w.resize(width, height)
            w.default_layout()
            qtbot.wait(150)
            path = out / f"advisor-{theme}-{name}.png"
            assert w.grab().save(str(path))
            assert path.stat().st_size > 20_000
            _assert_single_line_labels_fit(w)


def _assert_single_line_labels_fit(window) -> None:
    """No visible one-line label is cut: its text fits the width it was given."""
    cut = []
    for label in window.findChildren(QLabel):
        if not label.isVisible() or label.wordWrap() or not label.text():
            continue
        if hasattr(label, "full_text"):
            continue  # elided on purpose, full text in the tooltip
        needed = label.fontMetrics().horizontalAdvance(label.text())
        if needed > label.contentsRect().width() + 1:
            cut.append((label.text(), needed, label.contentsRect().width()))
    assert not cut, cut
