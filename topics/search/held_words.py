"""Whether a returned text writes the question's words as the question writes them.

A low closeness flags "no close match"; a bare name the corpus writes of ("Peter Mandelson") has a low
cosine with any paragraph, yet is answered. It is answered when one returned text writes each of the
question's content words, as written: lower-cased and without accents, but not stemmed ("Harry Styles" is
not held by "Jerry Harris ... style"), together in one unit (a paragraph, or an article's headline with its
first paragraph), not scattered over a long article. Question and filler words ("what", "who", "news",
"today") and stop words name nothing and are not counted. A question of three content words or more is a
description, read by its stems. A single word is too weak a sign when the
corpus writes it once in passing ("pizza" in a sports report): it counts only when a result's headline
writes it. May import the standard library and bm25s's stop-word list (the one the lexical index reads).
"""

from __future__ import annotations

import re
import unicodedata

# Words that ask or pad rather than name (English): a question made of them and one more word is a one-word question.
QUESTION_WORDS = frozenset(
    "what whats who whom whose which when where why how is are was were do does did can could would should will "
    "tell me us about any anything something latest news today yesterday now story stories article articles "
    "update updates happened happening".split())
_WORD = re.compile(r"\w+")
STEMMED_FROM = 3  # content words: a shorter question is read as written (mostly a name: "Harry Styles" is no "Harris ... style")


def surface_words(text: str) -> list[str]:
    """The words of ``text`` as written: case-folded, accents taken off, not stemmed."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return _WORD.findall(plain)


def content_words(question: str) -> frozenset[str]:
    """The question's words that name something: no stop word, question or filler word, or single letter."""
    common = _stop_words() | QUESTION_WORDS
    return frozenset(word for word in surface_words(question) if len(word) > 1 and word not in common)


def held_in_one(words: frozenset[str], units: list[str], titles: list[str], stem=None) -> bool:
    """Whether one of ``units`` (returned texts) writes every one of ``words``; a single word only where one
    of ``titles`` (the results' headlines) writes it. ``stem`` (a list of words to their stems), where given,
    reads a question of :data:`STEMMED_FROM` words or more by its stems: a description, not a name, whose
    words a text writes in other forms ("gunned down", "guns down"); that many held in one paragraph is no chance."""
    if not words:
        return False
    if len(words) == 1:
        return any(words <= set(surface_words(title)) for title in titles)
    if stem is not None and len(words) >= STEMMED_FROM:
        wanted = set(stem(sorted(words)))
        return any(wanted <= set(stem(surface_words(unit))) for unit in units)
    return any(words <= set(surface_words(unit)) for unit in units)


def _stop_words() -> frozenset[str]:
    try:
        from bm25s.stopwords import STOPWORDS_EN
    except ImportError:  # an optional extra: the question and filler words still go
        return frozenset()
    return frozenset(STOPWORDS_EN)
