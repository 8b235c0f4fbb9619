"""Short dialogues as trainers type them ("坐席: …" / "客户: …", or "A:" / "C:"), as Utterances.

The workbench's "Try it" box and the KB test files both describe calls this way, so a case a
trainer tried by hand can be pasted into a test file unchanged.
"""

from __future__ import annotations

import re

from copilot.utterance import Speaker, Utterance

SPEAKER_PREFIXES: dict[str, Speaker] = {
    "坐席": "advisor",
    "顾问": "advisor",
    "销售": "advisor",
    "a": "advisor",
    "advisor": "advisor",
    "agent": "advisor",
    "客户": "customer",
    "c": "customer",
    "customer": "customer",
}
_PREFIX = re.compile(r"^\s*([^\s:：]{1,10})\s*[:：]\s*(.*)$")
MS_PER_CHAR = 250  # a plausible speaking rate, so stage timing and ordering look like a call


def speaker_of(label: str) -> Speaker | None:
    return SPEAKER_PREFIXES.get(label.strip().lower())


def split_line(line: str, default: Speaker) -> tuple[Speaker, str]:
    """The speaker a line names (or `default`) and what was said."""
    match = _PREFIX.match(line)
    if match:
        speaker = speaker_of(match.group(1))
        if speaker is not None:
            return speaker, match.group(2).strip()
    return default, line.strip()


def parse_dialogue(text: str, default: Speaker = "customer") -> list[Utterance]:
    """One utterance per non-empty line, timed one after the other."""
    turns = [split_line(line, default) for line in text.splitlines() if line.strip()]
    return utterances_from_turns([(s, t) for s, t in turns if t])


def utterances_from_turns(turns: list[tuple[Speaker, str]]) -> list[Utterance]:
    utterances: list[Utterance] = []
    clock = 0
    for index, (speaker, said) in enumerate(turns, start=1):
        duration = max(800, MS_PER_CHAR * len(said))
        utterances.append(
            Utterance(
                id=f"u{index}",
                speaker=speaker,
                start_ms=clock,
                end_ms=clock + duration,
                text=said,
            )
        )
        clock += duration + 300
    return utterances
