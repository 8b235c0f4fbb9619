"""Engine notices reach the advisor in the window's language, with the engine's data filled in."""

from __future__ import annotations

import pytest

from copilot.events import NoticeEvent
from ui.advisor.notices import notice_text
from ui.common import i18n

WINDOW = NoticeEvent(
    t_ms=0,
    code="outside_call_window",
    message="call started at 22:10, outside the permitted outbound window 09:00–21:00",
    data={"started_at": "22:10", "window": "09:00-21:00"},
)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh", "通话开始于 22:10，不在允许的外呼时段 09:00-21:00 内。"),
        ("en", "Call started at 22:10, outside the permitted outbound call window 09:00-21:00."),
    ],
)
def test_call_window_notice_is_translated(qapp, language: str, expected: str) -> None:
    i18n.set_language(language)
    try:
        assert notice_text(WINDOW) == expected
    finally:
        i18n.set_language("zh")


def test_unknown_codes_fall_back_to_the_engine_message(qapp) -> None:
    event = NoticeEvent(t_ms=0, code="something_new", message="plain words")
    assert notice_text(event) == "plain words"
