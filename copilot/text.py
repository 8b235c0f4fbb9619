"""Normalising spoken or recognised text before anything is matched against it.

ASR output and transcripts differ from what trainers type: vosk puts spaces between Chinese
characters, numbers come as words (三十五岁), widths vary, fillers (嗯, 那个) interrupt. Patterns
and examples are matched against the normalised form, so trainers write them once.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from functools import lru_cache

import cn2an

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")
_SPACE_CJK_DIGIT = re.compile(rf"(?<=[{_CJK}\d])\s+(?=[{_CJK}\d])")
_NUMERAL_RUN = re.compile(r"[零〇一二两三四五六七八九十百千万亿]+")
# A single numeral character is only a number when a counter or unit follows (一下, 一点 stay words).
_UNITS = set("岁元块年月天日周个份次倍万千百亿号期级星")
CLAUSE_BREAKS = "，。！？；,.!?;\n"
_CLAUSE_SPLIT = re.compile(r"[，。！？；,.!?;\n]")


def normalize(text: str, fillers: tuple[str, ...] = ()) -> str:
    """Canonical form for matching: NFKC width folding, CJK spacing removed, numerals as digits,
    English lower-cased, fillers dropped. Idempotent."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = _SPACE_BETWEEN_CJK.sub("", text)
    text = _SPACE_CJK_DIGIT.sub("", text)
    text = numerals_to_digits(text)
    for filler in fillers:
        if filler:
            text = text.replace(filler, "")
    return re.sub(r"\s+", " ", text).strip()


def numerals_to_digits(text: str) -> str:
    """三十五岁 → 35岁, 一万块 → 10000块; single numerals only before a unit; unparsable runs kept."""
    return _NUMERAL_RUN.sub(lambda m: _convert_run(m.group(0), text, m.end()), text)


def _convert_run(run: str, text: str, end: int) -> str:
    following = text[end : end + 1]
    if len(run) == 1 and following not in _UNITS:
        return run
    return _cn_to_digits(run)


@lru_cache(maxsize=4096)
def _cn_to_digits(run: str) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            value = cn2an.cn2an(run, "smart")
        except (ValueError, KeyError, TypeError):
            return run
    return str(int(value)) if float(value).is_integer() else str(value)


def clause_bounds(text: str, position: int) -> tuple[int, int]:
    """The [start, end) of the clause (between punctuation) that contains `position`."""
    start = max(text.rfind(ch, 0, position) for ch in CLAUSE_BREAKS) + 1
    ends = [i for i in (text.find(ch, position) for ch in CLAUSE_BREAKS) if i != -1]
    return start, min(ends) if ends else len(text)


def clauses(text: str) -> list[str]:
    return [c for c in _CLAUSE_SPLIT.split(text) if c.strip()]


# Whether a line asks something: a question mark, or the language's question words.
QUESTION_CUES = {
    "zh": re.compile(r"[?？]|吗|呢|什么|怎么|多少|能不能|是不是|有没有|会不会|哪|为什么|几"),
    "en": re.compile(r"\?|^(what|how|why|when|which|can|could|is|are|do|does|will)\b", re.I),
}


def is_question(text: str, language: str = "zh") -> bool:
    return bool(QUESTION_CUES.get(language, QUESTION_CUES["zh"]).search(text))
