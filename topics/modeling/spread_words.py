"""Words spread over the corpus's topics: a lone word that the other topics write more often than a topic
does names no topic, however many of that topic's units write it ("people", "country", "thousands").

Owns that test. Imports nothing of the package.
"""

from __future__ import annotations

from collections import Counter

import numpy as np


def spread_words(word_sets, groups, topic_ids, asked, weights=None) -> dict[int, frozenset[str]]:
    """Per row of ``asked`` (a dict: row -> the lower-case words asked of topic ``topic_ids[row]``), those most of
    whose uses by the corpus's topics fall outside that topic. ``word_sets``: the lower-case words of each text of
    the corpus (a sample of it), ``groups`` its topic (one not in ``topic_ids``, as the outliers, counts for no
    topic), ``weights`` how many units it stands for (None = one).

    Most, not a share tied to the number of topics: a word that the rest of the corpus writes more often
    than the topic does is the corpus's word, not the topic's. Each row is asked only its own words, so the
    count grows with the texts, not with the topics squared."""
    asked = {row: frozenset(found) for row, found in asked.items()}
    every = frozenset().union(*asked.values())
    weights = np.ones(len(word_sets)) if weights is None else np.asarray(weights, dtype=np.float64)
    topic_of = {topic_ids[row]: row for row in range(len(topic_ids))}
    uses: Counter = Counter()
    own: Counter = Counter()  # (row, word) -> weight
    for words, group, weight in zip(word_sets, groups, weights):
        row = topic_of.get(group)
        if row is None:
            continue
        for word in every.intersection(words):
            uses[word] += weight
            own[row, word] += weight
    return {row: frozenset(w for w in found if uses[w] > 0 and own[row, w] < uses[w] / 2) for row, found in asked.items()}
