"""Texts longer than the model's window, split at sentence ends into pieces the model sees whole.

The model cuts a text at its window (256 word pieces for all-MiniLM-L6-v2, [CLS] and [SEP] included),
so a longer text is split as ingest splits a long paragraph (:func:`topics.ingest.paragraphs.split_long`),
and its vector is the word-count-weighted mean of its pieces' vectors, as an article's is
(:func:`topics.embedding.embed.length_weighted_means`). Only texts that may overflow are tokenised:
a word piece covers at least one byte of its word, or is a word's start marker, so a text of fewer
bytes plus words than the window holds fits without counting.
Owns deciding what overflows and splitting it; the embedder embeds the pieces.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


class WindowTokenizer:
    """Counts a text's word pieces as the model does (special tokens included), without truncating."""

    def __init__(self, tokenizer, window: int):
        self.window = int(window)
        self._fast = _untruncated(tokenizer)
        self._slow = tokenizer if self._fast is None else None
        self.n_special = self._count_one("")  # [CLS] and [SEP], or what the model adds

    def _ids(self, text: str) -> list[int]:
        if self._fast is not None:
            return self._fast.encode(text).ids
        return self._slow(text, add_special_tokens=True, truncation=False, verbose=False)["input_ids"]

    def _count_one(self, text: str) -> int:
        return len(self._ids(text))

    def counts(self, texts: list[str]) -> list[int]:
        if self._fast is not None:
            return [len(encoding.ids) for encoding in self._fast.encode_batch(texts)]
        return [self._count_one(t) for t in texts]

    def may_overflow(self, text: str) -> bool:
        """False when the text surely fits: fewer bytes plus words than the window leaves for them."""
        return len(text.encode("utf-8")) + len(text.split()) + self.n_special > self.window

    def fits(self, text: str) -> bool:
        return not self.may_overflow(text) or self._count_one(text) <= self.window

    def overflowing(self, texts: list[str]) -> list[int]:
        """Positions of the texts longer than the window."""
        candidates = [i for i, t in enumerate(texts) if self.may_overflow(t)]
        counts = self.counts([texts[i] for i in candidates])
        return [i for i, n in zip(candidates, counts) if n > self.window]


def folder_window(folder, window: int | None = None) -> WindowTokenizer | None:
    """The window of a model folder read from its files: its tokenizer.json and the ``window`` given, else
    its sentence_bert_config.json's max_seq_length; so a cached run need not load the model. None when
    they are missing."""
    from pathlib import Path

    from tokenizers import Tokenizer

    from topics.validate import parse_json

    folder = Path(folder)
    try:
        if window is None:
            window = parse_json((folder / "sentence_bert_config.json").read_text(encoding="utf-8"))["max_seq_length"]
        return WindowTokenizer(Tokenizer.from_file(str(folder / "tokenizer.json")), int(window))
    except Exception:  # missing or unreadable (the tokenizers library raises plain Exceptions): load the model
        return None


class WindowSplit:
    """Texts with each one longer than the window replaced by its pieces: ``texts`` (what to embed),
    ``groups`` (the text each belongs to) and ``long`` (the positions of the texts split)."""

    def __init__(self, texts: list[str], window: WindowTokenizer | None):
        self.n_texts = len(texts)
        self.long = window.overflowing(texts) if window is not None else []
        pieces_of = {i: window_pieces(texts[i], window.fits) for i in self.long}
        self.texts, groups = [], []
        for i, text in enumerate(texts):
            pieces = pieces_of.get(i, [text])
            self.texts.extend(pieces)
            groups.extend([i] * len(pieces))
        self.groups = np.asarray(groups, dtype=np.int64)

    def n_whole(self, pieces) -> int:
        """How many texts have none of their pieces among the piece positions ``pieces`` (those cached
        whole, when ``pieces`` are the ones that were not)."""
        return self.n_texts - len(np.unique(self.groups[np.asarray(pieces, dtype=np.int64)]))

    def text_vectors(self, vectors: np.ndarray) -> np.ndarray:
        """One row per text from one row per piece: a split text's is its pieces' word-count-weighted,
        re-normalised mean (an article's vector); any other its own, unchanged."""
        from topics.embedding.embed import length_weighted_means

        out = vectors[np.searchsorted(self.groups, np.arange(self.n_texts))]
        if self.long:
            out[self.long] = length_weighted_means(vectors, self.texts, self.groups, self.n_texts)[self.long]
        return out


def _untruncated(tokenizer):
    """A copy of a Rust tokenizer (``tokenizers.Tokenizer`` or a transformers fast tokenizer's
    backend) that neither pads nor truncates; None for a slow (Python) tokenizer."""
    from tokenizers import Tokenizer

    backend = tokenizer if isinstance(tokenizer, Tokenizer) else getattr(tokenizer, "backend_tokenizer", None)
    if backend is None:
        return None
    copy = Tokenizer.from_str(backend.to_str())
    copy.no_truncation()
    copy.no_padding()
    return copy


def window_pieces(text: str, fits: Callable[[str], bool], max_words: int | None = None) -> list[str]:
    """``text`` split at sentence ends into pieces that each ``fits``: first at ingest's paragraph
    length, then a piece still too long (dense in numbers or rare words) at half its words, and so on.
    A single word longer than the window stays one piece (the model cuts it)."""
    from topics.ingest.corpus import MAX_WORDS
    from topics.ingest.paragraphs import split_long

    pieces = []
    for piece in split_long(text, max_words or MAX_WORDS):
        n_words = len(piece.split())
        if n_words <= 1 or fits(piece):
            pieces.append(piece)
        else:
            pieces.extend(window_pieces(piece, fits, max(1, n_words // 2)))
    return pieces
