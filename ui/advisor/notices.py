"""Engine notices in the window's language (literal translate calls so pyside6-lupdate finds them).

The engine speaks in stable notice codes with data (`outside_call_window`, `no_asr_model`...); the
window words them through Qt's translation system, and falls back to the engine's own English
message for codes it does not know yet.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from copilot.events import NoticeEvent


def notice_text(event: NoticeEvent) -> str:
    data = event.data or {}
    if event.code == "outside_call_window":
        return (
            QCoreApplication.translate(
                "Notices", "Call started at %1, outside the permitted outbound call window %2."
            )
            .replace("%1", str(data.get("started_at", "")))
            .replace("%2", str(data.get("window", "")))
        )
    known = {
        "no_asr_model": QCoreApplication.translate(
            "Notices",
            "No speech model installed: click the speech model status to see how to install one.",
        ),
        "dense_matching_off": QCoreApplication.translate(
            "Notices",
            "Semantic matching is off: the embedding model does not read this knowledge base's language.",
        ),
        "dense_items_off": QCoreApplication.translate(
            "Notices",
            "Semantic search is off: the embedding model does not read this knowledge base's language.",
        ),
        "transcript_repaired": QCoreApplication.translate(
            "Notices", "The transcript was repaired while reading: %1"
        ).replace("%1", event.message),
    }
    return known.get(event.code, event.message)
