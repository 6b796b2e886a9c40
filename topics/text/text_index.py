"""Which of many texts hold a piece of text, found by a look-up among their distinct words."""

from __future__ import annotations

import re

import numpy as np

_RUN = re.compile(r"[^\W_]+")  # a word as TextIndex splits texts: letters and digits


class TextIndex:
    """Texts indexed by their words, to find in one look-up which texts hold a piece of text.

    Testing ``word in text`` text by text costs a Python step per (word, text) pair: 4.4M steps for
    the alias keys of 10,000 paragraphs; scanning all the texts joined into one string, once per
    word, still read 4 MB per word. Here each text is split once into its words (maximal runs of
    letters and digits, case-folded), and a piece that is itself such a run is looked for in the
    joined list of distinct words (a twentieth of the text): a text holds the piece exactly when
    one of its words does. Other pieces ("united nations") scan the joined texts.
    """

    SEPARATOR = "\x00"  # in no word: a match never runs from one text (or word) into the next

    def __init__(self, texts: list[str]):
        self.texts = list(texts)  # as given (a caller may change its own list afterwards)
        self.folded = [t.casefold() for t in self.texts]
        rows_of: dict[str, list[int]] = {}
        for row, text in enumerate(self.folded):
            for word in set(_RUN.findall(text)):
                rows = rows_of.get(word)
                if rows is None:
                    rows_of[word] = [row]
                else:
                    rows.append(row)
        self._word_rows = list(rows_of.values())
        self._words = _Joined(list(rows_of))
        self._joined_texts: _Joined | None = None  # built on the first piece that is not one word

    def rows_with(self, word: str, word_start: bool = False, match_case: bool = False) -> np.ndarray:
        """Rows (ascending) whose case-folded text holds ``word`` (given case-folded); with
        ``match_case``, whose text as given holds it. ``word_start``: at the start of a word (no
        letter or digit before it), as a name's pattern needs its first word."""
        if not word or self.SEPARATOR in word:
            return np.zeros(0, dtype=np.int64)
        folded_word = word.casefold() if match_case else word  # a text holding ``word`` holds this folded
        if _RUN.fullmatch(folded_word):
            # A word starts where a piece starts at a word's start: the look-up settles ``word_start`` too.
            words = self._words.items_holding(folded_word, at_start=word_start and not match_case)
            found = [self._word_rows[i] for i in words]
            rows = np.unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)
            settled = not match_case
        else:
            if self._joined_texts is None:
                self._joined_texts = _Joined(self.folded)
            rows = np.asarray(self._joined_texts.items_holding(folded_word), dtype=np.int64)
            settled = not (match_case or word_start)
        if not settled:
            searched = self.texts if match_case else self.folded
            if word_start:
                rows = rows[[_holds_at_word_start(searched[row], word) for row in rows.tolist()]]
            else:
                rows = rows[[word in searched[row] for row in rows.tolist()]]
        return rows.astype(np.int64)

    def text(self, row: int, match_case: bool = False) -> str:
        """The text of ``row`` as :meth:`rows_with` searched it."""
        return self.texts[row] if match_case else self.folded[row]


class _Joined:
    """Strings joined by ``TextIndex.SEPARATOR``: which of them hold a piece, in one scan."""

    def __init__(self, items: list[str]):
        self.joined = TextIndex.SEPARATOR.join(items)
        self.starts = np.cumsum([0] + [len(item) + 1 for item in items[:-1]]).tolist() if items else []

    def items_holding(self, piece: str, at_start: bool = False) -> list[int]:
        """Indices (ascending) of the items holding ``piece`` (``at_start``: beginning with it)."""
        import bisect

        found: list[int] = []
        joined, starts, n = self.joined, self.starts, len(self.starts)
        at = joined.find(piece)
        while at >= 0:
            item = bisect.bisect_right(starts, at) - 1
            if not at_start or at == starts[item]:  # an item's first occurrence is its earliest
                found.append(item)
            if item + 1 >= n:
                break
            at = joined.find(piece, starts[item + 1])
        return found


def _holds_at_word_start(text: str, word: str) -> bool:
    """Does ``text`` hold ``word`` with no letter or digit right before it?"""
    at = text.find(word)
    while at >= 0:
        if at == 0 or not text[at - 1].isalnum():
            return True
        at = text.find(word, at + 1)
    return False
