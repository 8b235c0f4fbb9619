"""What one speaker said: the unit every analyzer consumes, from speech or from a transcript."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

Speaker = Literal["advisor", "customer"]
SPEAKERS: tuple[Speaker, ...] = ("advisor", "customer")


@dataclass(frozen=True, slots=True)
class Word:
    """One recognised word with its timing on the session clock (vosk gives these)."""

    word: str
    start_ms: int
    end_ms: int
    conf: float = 1.0


@dataclass(frozen=True, slots=True)
class Utterance:
    """A stretch of one speaker's speech.

    Partials (`final=False`) share the id of the final that replaces them, so analyzers and the UI
    can raise something early and confirm or withdraw it when the final arrives.
    """

    id: str
    speaker: Speaker
    start_ms: int
    end_ms: int
    text: str
    final: bool = True
    words: tuple[Word, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["words"] = [asdict(w) for w in self.words]
        return data
