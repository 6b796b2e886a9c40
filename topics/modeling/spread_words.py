"""Words spread over the corpus's topics: a lone word that the other topics write more often than a topic
does names no topic, however many of that topic's units write it ("people", "country", "thousands").

Owns that test. Imports nothing of the package.
"""

from __future__ import annotations

from collections import Counter

import numpy as np


def spread_words(word_sets, groups, topic_ids, rows, asked, weights=None) -> dict[int, frozenset[str]]:
    """Per row of ``rows`` (topic ``topic_ids[row]``), the words of ``asked`` (lower case) most of whose
    uses in the corpus fall outside that topic. ``word_sets``: the lower-case words of each text of the
    corpus (a sample of it), ``groups`` its topic, ``weights`` how many units it stands for (None = one).

    Most, not a share tied to the number of topics: a word that the rest of the corpus writes more often
    than the topic does is the corpus's word, not the topic's."""
    asked = frozenset(asked)
    weights = np.ones(len(word_sets)) if weights is None else np.asarray(weights, dtype=np.float64)
    row_of = {topic_ids[row]: row for row in rows}
    uses: Counter = Counter()
    own: dict[int, Counter] = {row: Counter() for row in rows}
    for words, group, weight in zip(word_sets, groups, weights):
        found = asked.intersection(words)
        if not found:
            continue
        row = row_of.get(group)
        for word in found:
            uses[word] += weight
            if row is not None:
                own[row][word] += weight
    return {row: frozenset(w for w in asked if uses[w] > 0 and own[row][w] < uses[w] / 2) for row in rows}
