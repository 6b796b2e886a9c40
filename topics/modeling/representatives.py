"""Representative units: a group's units nearest its centre that say something in prose.

Nearness alone picks, in a group of mail or sports results, a line a reader cannot use: an address
("HASTON@UTKVX.UTK.EDU"), a score line ("Vancouver: 3 Power play: 4-1"), a lone "NASA". A unit may
represent its group when it lies in the group's nearer half and holds at least half a sentence of the
group's usual length: its words (tokens of letters) discounted by the share of its tokens that are words
(numbers and addresses are not), against the length of the sentence the typical word of the group's
nearer half sits in. The bar is the group's own, so a group of short units (a table's rows) keeps its
best of them; where fewer units qualify than are wanted, the nearest others fill in, as before.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata

import numpy as np

# A token of letters (maybe joined by an apostrophe, a hyphen, a dash or a full stop: "U.S.", "Kabul—Kandahar"),
# punctuation around it aside: "Goal-", "(Rutgers". An address or a figure is no word.
WORD = re.compile(r"(?<!\S)[^\w\s]*[^\W\d_]+(?:['’\-—–.][^\W\d_]+)*[^\w\s]*(?!\S)")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n\s*\n")
# Half a usual sentence says something; a longer bar would pass over the short sentences a reader takes
# in at a glance, and a group's sentences vary (a digest's long ones, a thread's short replies).
SENTENCE_SHARE = 0.5
BAR_UNITS = 300  # units read for a group's sentence length (an even sample of its nearer half): 0.05 s a group


@functools.cache
def no_marks() -> dict:
    """Combining marks (Devanagari vowel signs, Arabic harakat, a decomposed accent) are no letters to re: a
    word is read with them left out (str.translate, in C; a pattern that let marks continue a letter ran 14x
    slower). The planes that hold marks, read once, at the first text that is not ASCII (~0.015 s)."""
    return dict.fromkeys(
        c for c in itertools.chain(range(0x300, 0x20000), range(0xE0100, 0xE01F0))
        if unicodedata.category(chr(c)).startswith("M")
    )


def word_count(text: str) -> int:
    """Tokens (split at white space) made of letters and their marks, punctuation around them aside."""
    # An ASCII text has no marks to leave out (translate looks up every character).
    return len(WORD.findall(text if text.isascii() else text.translate(no_marks())))


def prose_words(text: str) -> float:
    """Words discounted by the share of the text's tokens that are words: a table row's few names among
    its numbers count for little."""
    tokens = len(text.split())
    words = word_count(text)
    return words * words / tokens if tokens else 0.0


def sentence_bar(texts: list[str]) -> float:
    """Half the length, in words, of the sentence a typical word of ``texts`` sits in (sentences
    weighted by their words: a table's scraps, of a word or two each, weigh little)."""
    lengths = np.sort([n for text in texts for n in map(word_count, SENTENCE_END.split(text)) if n])
    if len(lengths) == 0:
        return 0.0
    cumulative = np.cumsum(lengths)
    return SENTENCE_SHARE * float(lengths[np.searchsorted(cumulative, cumulative[-1] / 2)])


def readable_nearest(texts, order: np.ndarray, similarity: np.ndarray, n: int) -> list[int]:
    """Positions (into ``order``'s units) of the ``n`` nearest readable units, the nearest others after them.

    ``order``: unit positions nearest first; ``similarity``: per position, its closeness to the centre;
    ``texts[i]``: the text at position i."""
    central = order[similarity[order] >= np.median(similarity)]
    sample = central[np.linspace(0, len(central) - 1, min(len(central), BAR_UNITS)).astype(int)]
    bar = sentence_bar([str(texts[i]) for i in sample])
    chosen: list[int] = []
    for i in central:  # nearest first, so only as many texts are read as it takes
        prose = prose_words(str(texts[i]))
        if prose > 0 and prose >= bar:
            chosen.append(int(i))
            if len(chosen) == n:
                return chosen
    taken = set(chosen)
    return chosen + [int(i) for i in order if i not in taken][: n - len(chosen)]


def representative_units(labels, topic_ids, embeddings, topic_embeddings, n_representatives: int, texts=None) -> list[list[int]]:
    """Per topic, the rows of ``n_representatives`` units near its centre: the nearest that say something in
    prose (see the module doc) where ``texts`` (per row) are given, else the nearest."""
    if n_representatives <= 0:  # a caller that finds them on all units itself (an update's names)
        return [[] for _ in topic_ids]
    labels = np.asarray(labels)
    found = []
    for row, topic in enumerate(topic_ids):
        members = np.flatnonzero(labels == topic)
        # float64 one topic at a time: a copy of all vectors is 2.3 GiB at 1M units.
        similarity = np.asarray(embeddings[members], dtype=np.float64) @ np.asarray(topic_embeddings[row], dtype=np.float64)
        # Stable sort: ties keep unit order, so repeated runs agree.
        order = np.argsort(-similarity, kind="stable")
        if texts is None or len(members) <= n_representatives:
            found.append(members[order][:n_representatives].tolist())
            continue
        picked = readable_nearest([texts[i] for i in members], order, similarity, n_representatives)
        found.append(members[picked].tolist())
    return found
