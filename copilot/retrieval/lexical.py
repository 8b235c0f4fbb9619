"""BM25 over the rows' tokens (bm25s), cached on disk per KB content and tokenizer version."""

from __future__ import annotations

import logging
from pathlib import Path

import bm25s
import numpy as np
from bm25s.tokenization import Tokenized

from copilot.retrieval.tokenize import Tokenizer

log = logging.getLogger(__name__)
PROGRESS_ROWS = 20_000  # show a progress bar when tokenising more rows than this
EMPTY = "\x00"  # the token of a document without any words


class LexicalIndex:
    def __init__(self, bm25: bm25s.BM25, tokenizer: Tokenizer, n_rows: int) -> None:
        self.bm25 = bm25
        self.tokenizer = tokenizer
        self.n_rows = n_rows

    @classmethod
    def build(cls, texts: list[str], tokenizer: Tokenizer) -> LexicalIndex:
        if len(texts) > PROGRESS_ROWS:
            from tqdm import tqdm

            texts_iter = tqdm(texts, desc="tokenising", unit="row", leave=False, disable=None)
        else:
            texts_iter = texts
        # Token ids, not strings: each document then holds pointers to one shared int per token
        # type instead of fresh str objects (100k documents: ~0.1 GB instead of over 1 GB).
        vocab: dict[str, int] = {}
        ids = [[vocab.setdefault(t, len(vocab)) for t in tokenizer(text) or [EMPTY]]
               for text in texts_iter]
        bm25 = bm25s.BM25()
        if ids:  # bm25s cannot index an empty corpus; an empty KB just finds nothing
            bm25.index(Tokenized(ids=ids, vocab=vocab), show_progress=False)
        return cls(bm25, tokenizer, len(texts))

    @classmethod
    def load_or_build(cls, texts: list[str], tokenizer: Tokenizer, folder: Path | None) -> LexicalIndex:
        if folder is not None and (folder / "params.index.json").is_file():
            try:
                bm25 = bm25s.BM25.load(str(folder), show_progress=False, verbosity=0)
                return cls(bm25, tokenizer, len(texts))
            except (OSError, ValueError, KeyError) as exc:
                log.info("lexical cache %s unreadable (%s); rebuilding", folder, exc)
        index = cls.build(texts, tokenizer)
        if folder is not None and index.n_rows:
            try:
                folder.mkdir(parents=True, exist_ok=True)
                index.bm25.save(str(folder), show_progress=False)
            except OSError as exc:
                log.info("cannot write lexical cache %s: %s", folder, exc)
        return index

    def scores(self, query: str, mask: np.ndarray | None = None) -> np.ndarray:
        """BM25 score of every row for `query` (rows outside `mask` score 0)."""
        tokens = self.tokenizer(query)
        if not tokens or self.n_rows == 0:
            return np.zeros(self.n_rows, dtype=np.float32)
        weight_mask = None if mask is None else mask.astype(np.float32)
        return self.bm25.get_scores(tokens, weight_mask=weight_mask)
