"""Whether a label's phrase reaches as many of its group's articles as the lone word it leads over.

A phrase of several words outranks a lone word in the label rules (:func:`topics.modeling.headlines._compose`)
whatever their scores, as it says more. It says more of the group only where about as many of the group's
articles write it: "Power play" (6 of 166 articles) over "game" (63) named the score lines of a few hockey
game summaries. Scores do not tell those from good phrases ("presidential election" scores a third of
"election", as "Chinese engineers" does of "man"); what the phrase covers does.

A phrase's reach is the share of the group's writers (articles: a long post's paragraphs count once,
:func:`topics.modeling.lead_share.member_writers`) that write it or its head word ("growth" of "economic
growth"). It falls short of the best lone word ranked above it that reads alone when, with ``CONFIDENCE``
(one-sided, the Clopper-Pearson upper bound of its share), that reach is below the word's share. It does not
fall short of a word it holds ("international space station" over "space"), nor of a word spread over the
other topics or written by most of the articles the group is named among (:func:`corpus_wide`): such a word
is a worse label than a narrow phrase. A group of one or two articles is not judged (its story is its label).

Owns those tests. May import: :mod:`topics.modeling.label_parts`, :mod:`topics.modeling.phrase_shape`,
:mod:`topics.themes.speakers` (its confidence).
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from topics.modeling.label_parts import _singular
from topics.themes.speakers import CONFIDENCE  # the one-sided confidence the project judges shares with


def writer_phrases(member_phrases, member_writers) -> list[set]:
    """The phrases each distinct writer (article) of the members writes, one set per writer."""
    by_writer: dict = {}
    for found, writer in zip(member_phrases, member_writers):
        by_writer.setdefault(writer, set()).update(found)
    return list(by_writer.values())


def holds(phrase: str, word: str | None) -> bool:
    """Whether ``phrase`` holds ``word`` (or its plural): it says what the word says, and more."""
    return word is not None and _singular(word) in {_singular(w) for w in phrase.split()}


def head_word(phrase: str) -> str:
    """The word a phrase is about: the last of its first noun group ("growth" of "economic growth", "thanks"
    of "thanks in advance", "pounds" of "pounds of wet opium")."""
    from topics.modeling.phrase_shape import INNER_WORDS

    words = phrase.split()
    return words[next((k for k, word in enumerate(words) if word in INNER_WORDS), len(words)) - 1]


def reaches(phrase: str, word: str, by_writer: list[set]) -> bool:
    """Whether ``phrase`` or its head word (:func:`head_word`) is written by about as many writers (``by_writer``:
    :func:`writer_phrases`) as ``word``: not, with ``CONFIDENCE``, by a smaller share of them; a phrase that holds
    ``word`` always is."""
    from scipy.stats import beta

    if holds(phrase, word):
        return True
    n, head = len(by_writer), head_word(phrase)
    held = sum(phrase in found or head in found for found in by_writer)
    if held >= n:
        return True
    upper = float(beta.ppf(CONFIDENCE, held + 1, n - held))  # Clopper-Pearson upper bound of held / n
    return upper >= sum(word in found for found in by_writer) / n


def corpus_wide(word_sets: list, writers) -> Callable[[str], bool]:
    """A test of a lone word: whether most of the articles (``writers``: each text's) of the texts a group is named
    among (the corpus; one topic, for its subtopics) write it (``word_sets``: each text's lower-case words). Such a
    word ("Afghanistan" in news on Afghanistan, "Taliban" in a topic on their rule) names no group of them, and
    a narrow phrase is the better label. Most, as :mod:`topics.modeling.spread_words` reads a word's uses."""
    articles = max(len(set(writers)), 1)

    @functools.lru_cache(maxsize=None)
    def wide(word: str) -> bool:
        return 2 * len({w for w, found in zip(writers, word_sets) if word in found}) > articles
    return wide


def head_phrase(best: list[tuple], reads_well, spread, reach):
    """The first (score, phrase, coverage) of ``best`` whose phrase has several words, reads well and reaches as
    far as the best lone word above it that reads well (``reach``: :func:`reaches`), unless that word is spread
    over the corpus (``spread``): a word every topic writes is a worse label than a narrow phrase. A phrase that
    holds the best lone word above it, read well alone or not ("mobile phones" under "mobile"), leads. None."""
    rival = top = None
    for item in best:
        phrase = item[1]
        if " " not in phrase:
            top = top or phrase
            rival = phrase if rival is None and reads_well(phrase) else rival
        elif reads_well(phrase) and (rival is None or spread(rival) or holds(phrase, top) or reach(phrase, rival)):
            return item
    return None
