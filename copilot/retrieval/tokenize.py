"""Turning KB text and queries into BM25 tokens, for Chinese and English.

Chinese has no spaces and customers' words rarely match the KB's exactly, so a document is
represented three ways: jieba words (search mode, with a user dictionary made from the KB's own
terms so 犹豫期 stays one word), character bigrams (robust to segmentation differences) and single
characters (robust to ASR slips and colloquial forms: 娃/孩子 still share 生, 住院). Each view has
its own token space (prefixed) so all three count; on demo-zh each view added Recall. Other languages
(English, Korean...): lower-cased words of any script, Snowball-stemmed, without English stop words. Everything is first normalised like patterns are (copilot.text.normalize).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from functools import lru_cache

from bm25s.stopwords import STOPWORDS_CHINESE, STOPWORDS_EN

from copilot.kb import KnowledgeBase
from copilot.text import normalize

TOKENIZER_VERSION = "jieba-bi-uni-stem-8"  # lexical cache key part: bump when tokens or documents change
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"[^\W_]+(?:[.'][^\W_]+)*")  # any script's letters: Hangul, accented Latin...
_HAS_WORD_CHAR = re.compile(r"[\w\u3400-\u9fff]")
_TERM_SPLIT = re.compile(r"[\s，。！？；、,.!?;:：/（）()《》“”\"'·\-]+")
BIGRAM = "§"
UNIGRAM = "¤"
# Single-character function words only: longer entries of the list (一般, 严重, 不能 ...) carry meaning here.
_ZH_STOP = frozenset(w for w in STOPWORDS_CHINESE if len(w) == 1)
_EN_STOP = frozenset(STOPWORDS_EN)


def kb_terms(kb: KnowledgeBase, max_len: int = 8) -> list[str]:
    """Terms trainers wrote as names: product names and aliases, tags, fact and script titles'
    short phrases. These go into jieba's dictionary so they are kept whole."""
    raw: list[str] = []
    for product in kb.products:
        raw.extend([product.name, *product.aliases])
    for item in kb.items():
        raw.extend(item.tags)
        raw.extend(_TERM_SPLIT.split(item.title))
    fillers = tuple(kb.meta.filler_words)
    terms = []
    for term in raw:
        term = normalize(term, fillers)
        if 2 <= len(term) <= max_len and _CJK_RUN.fullmatch(term):
            terms.append(term)
    return sorted(set(terms))


class Tokenizer:
    """Tokenises text for one KB's language; Chinese uses a private jieba dictionary."""

    def __init__(self, language: str = "zh", terms: Iterable[str] = (), fillers: Iterable[str] = (),
                 keep: Iterable[str] = ()):
        self.language = language
        self.fillers = tuple(fillers)
        kept = {w.strip().lower() for w in keep}  # negation cues: "not covered" is not "covered"
        self._stop = (_ZH_STOP if language == "zh" else _EN_STOP) - kept
        self.terms = sorted(set(terms))
        self._jieba = _new_jieba(self.terms) if language == "zh" else None

    @classmethod
    def for_kb(cls, kb: KnowledgeBase) -> Tokenizer:
        terms = kb_terms(kb) if kb.meta.language == "zh" else ()
        return cls(kb.meta.language, terms, kb.meta.filler_words, kb.meta.negation_cues)

    def __call__(self, text: str) -> list[str]:
        text = normalize(text, self.fillers)
        if self._jieba is None:
            return _english_stemmer().stemWords([w for w in _WORD.findall(text) if w not in self._stop])
        return self._zh_words(text) + self._char_grams(text)

    def _zh_words(self, text: str) -> list[str]:
        words = []
        for word in self._jieba.cut_for_search(text):
            word = word.strip()
            if word and word not in self._stop and _HAS_WORD_CHAR.search(word):
                words.append(word)
        return words

    def _char_grams(self, text: str) -> list[str]:
        grams = []
        for run in _CJK_RUN.findall(text):
            grams.extend(BIGRAM + run[i : i + 2] for i in range(len(run) - 1))
            grams.extend(UNIGRAM + ch for ch in run if ch not in self._stop)
        return grams


@lru_cache(maxsize=1)
def _english_stemmer():
    import Stemmer  # PyStemmer: Snowball stemmers ("paying", "pays" -> "pay")

    return Stemmer.Stemmer("english")


def _new_jieba(terms: list[str]):
    """A private jieba tokenizer (its own copy of the dictionary) with the KB's terms added."""
    import jieba

    base = _base_jieba()
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ = dict(base.FREQ)  # copying is ~20x faster than loading the dictionary again
    tokenizer.total = base.total
    tokenizer.initialized = True
    for term in terms:
        tokenizer.add_word(term, freq=max(tokenizer.suggest_freq(term), 5))
    return tokenizer


@lru_cache(maxsize=1)
def _base_jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    base = jieba.Tokenizer()
    base.initialize()
    return base
