"""Masking of ID-card, phone and bank-card numbers in every text that leaves the engine.

The last four digits stay visible so an advisor can still confirm a number with the customer.
"""

from __future__ import annotations

import dataclasses
import re

from copilot.events import Event

# Order matters: the longest, most specific shapes first so a bank card is not read as a phone.
_PATTERNS = [
    re.compile(r"(?<!\d)\d{6}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?!\d)"),
    re.compile(r"(?<!\d)(?:\d[ -]?){15,18}\d(?!\d)"),  # bank cards: 16-19 digits, maybe grouped
    re.compile(r"(?<!\d)(?:\+?86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?!\d)"),  # mainland mobiles
    re.compile(r"(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)"),  # landlines with area code
    # Speech recognisers write spoken numbers as characters: 一三八一二三四五六七八 (幺 = 1).
    re.compile(
        r"(?<![零〇幺一二三四五六七八九两])[零〇幺一二三四五六七八九两](?:[ -]?[零〇幺一二三四五六七八九两]){6,}"
        r"(?![零〇幺一二三四五六七八九两])"
    ),
]
_SPOKEN_DIGITS = set("零〇幺一二三四五六七八九两")
_TEXT_FIELDS = ("text", "matched", "evidence", "notes", "message")


def mask_text(text: str) -> str:
    """Replace every digit but the last four of each sensitive number with `*`."""
    for pattern in _PATTERNS:
        text = pattern.sub(_mask_match, text)
    return text


def _mask_match(match: re.Match[str]) -> str:
    value = match.group(0)
    digits_seen = 0
    total = sum(_is_digit(ch) for ch in value)
    out = []
    for ch in value:
        if _is_digit(ch):
            digits_seen += 1
            out.append(ch if digits_seen > total - 4 else "*")
        else:
            out.append(ch)
    return "".join(out)


def _is_digit(ch: str) -> bool:
    return ch.isdigit() or ch in "Xx" or ch in _SPOKEN_DIGITS


def mask_event(event: Event) -> Event:
    """Return the event with its free-text fields masked (events are frozen, so a copy)."""
    changes = {}
    for name in _TEXT_FIELDS:
        value = getattr(event, name, None)
        if isinstance(value, str) and any(_is_digit(ch) for ch in value):
            masked = mask_text(value)
            if masked != value:
                changes[name] = masked
    value = getattr(event, "value", None)
    if isinstance(value, str) and any(_is_digit(ch) for ch in value):
        changes["value"] = mask_text(value)
    if getattr(event, "words", None) and "text" in changes:
        changes["words"] = tuple({**w, "word": mask_text(w["word"])} for w in event.words)
    return dataclasses.replace(event, **changes) if changes else event
