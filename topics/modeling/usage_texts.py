"""The corpus sample that subtopic naming reads for how the corpus uses a word, read once for every topic.

Each topic's subtopics are named against the same even sample of the corpus
(:func:`topics.modeling.headlines.usage_sample`: 5,000 texts on a larger corpus). The label rules split it
into tokens, count the uses of the words they ask about (:func:`topics.modeling.phrase_shape.word_uses`)
and the share of its texts holding a word (:func:`topics.modeling.name_lead.corpus_shares`); that was
done again for every topic named. A word's counts and share do not depend on which other words are
asked at the same time, so a :class:`UsageTexts` counts each word when first asked and keeps it: the
same answers, the sample read once per word instead of once per topic. The share of its texts holding
each keyword candidate, the background subtopic keywords are weighed against, is read once too.
Owns that memo. May import: :mod:`topics.modeling.people`, :mod:`topics.modeling.phrase_shape`,
:mod:`topics.modeling.name_lead`, :mod:`topics.modeling.background_words`.
"""

from __future__ import annotations

_MISSING = object()


class UsageTexts(list):
    """The sample's texts (a list), with their tokens, word uses and word shares kept as first asked."""

    def __init__(self, texts=()):
        super().__init__(texts)
        self._tokens, self._tokens_from = None, _MISSING  # the material they were read from
        self._uses: dict[str, tuple | None] = {}  # word -> word_uses' counts (None: never written in lower case)
        self._uses_stop = None  # the stop words the counts were made with
        self._shares: dict[str, float] = {}
        self._shares_of = _MISSING  # the words_of the shares were read with
        self._term_shares = None  # keyword candidate -> share of the texts holding it

    def tokens(self, material=None) -> list:
        """:func:`topics.modeling.people.name_tokens` of the texts (``material``'s, where given)."""
        if self._tokens is None or self._tokens_from is not material:
            from topics.modeling.people import name_tokens

            self._tokens = name_tokens(self) if material is None else [material.tokens(text) for text in self]
            self._tokens_from = material
            self._uses = {}  # counted on the other tokens
        return self._tokens

    def term_shares(self, material=None) -> dict[str, float]:
        """:func:`topics.modeling.background_words.corpus_term_shares` of the texts, read once."""
        if self._term_shares is None:
            from topics.modeling.background_words import corpus_term_shares

            self._term_shares = corpus_term_shares(self, material)
        return self._term_shares

    def word_uses(self, words, stop_words: frozenset[str], material=None) -> dict[str, tuple]:
        """:func:`topics.modeling.phrase_shape.word_uses` of the texts' tokens for ``words``."""
        from topics.modeling.phrase_shape import word_uses

        if self._uses_stop is not stop_words and self._uses_stop != stop_words:
            self._uses, self._uses_stop = {}, stop_words
        tokens = self.tokens(material)  # first: other material starts the counts afresh
        missing = [word for word in dict.fromkeys(words) if word not in self._uses]
        if missing:
            found = word_uses(tokens, missing, stop_words)
            self._uses.update((word, found.get(word)) for word in missing)
        return {word: self._uses[word] for word in words if self._uses[word] is not None}

    def shares(self, words_of, wanted) -> dict[str, float]:
        """:func:`topics.modeling.name_lead.corpus_shares` of the texts (``words_of``: text -> its lower-case
        words, the same for every call)."""
        from topics.modeling.name_lead import corpus_shares

        if self._shares_of is not words_of:
            self._shares, self._shares_of = {}, words_of
        missing = {word for word in wanted if word not in self._shares}
        if missing:
            self._shares.update(corpus_shares(self, words_of, missing))
        return {word: self._shares[word] for word in set(wanted)}
