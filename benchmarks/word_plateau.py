"""The word weight chosen per corpus where the topics stop moving with it (measured for granularity, not
part of the toolkit).

``TopicModel(word_weight=w)`` finds neighbours by ``(1 - w) · embedding cosine + w · TF-IDF cosine``.
Which weight suits a corpus is read here from the corpus itself, without labels: the graph step runs at
each weight of a grid, and the weight kept is the lower end of the two neighbouring grid weights whose
topics agree best (adjusted Rand index). A plateau is where the words have said what they say: topics
that hold while the weight moves are a property of the corpus, not of the weight. Ties keep the lower
weight, so a corpus whose topics the words never move (every pair agrees fully) stays on meaning only.
``benchmarks/granularity_draws.py`` runs it as the "words by plateau" method. Measured in
docs/benchmarks.md ("Granularity on the seeds: the word weight read off the corpus").
"""

from __future__ import annotations

import numpy as np

GRID = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6)


def plateau_topics(vectors: np.ndarray, words, random_state: int, grid: tuple[float, ...] = GRID
                   ) -> tuple[np.ndarray, float]:
    """(topics, word weight): the graph step's topics at the lower weight of the best-agreeing neighbouring pair."""
    from sklearn.metrics import adjusted_rand_score

    from benchmarks.granularity import graph_topics

    found = [graph_topics(vectors, None, random_state, words, weight) for weight in grid]
    agreement = [adjusted_rand_score(a, b) for a, b in zip(found, found[1:])]
    best = int(np.argmax(agreement))  # the first of equal pairs: the lower weight
    return found[best], grid[best]
