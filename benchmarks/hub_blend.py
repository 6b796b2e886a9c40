"""Words and meaning blended after a hub correction of each side (measured for granularity, not part of
the toolkit).

``TopicModel(word_weight=w)`` finds neighbours by ``(1 - w) · embedding cosine + w · TF-IDF cosine``. The two
cosines live on different scales: on a corpus about one subject every embedding cosine is high and the TF-IDF
cosines are mostly near zero, so what a weight means changes from corpus to corpus, and a few units close to
everything (hubs) are everyone's neighbours on either side. Here each side's similarity is first corrected
for hubs as cross-domain similarity local scaling does (CSLS): a pair's similarity less the mean of the two
units' similarities to their own k nearest neighbours, so each side says how much closer two units are than
their usual neighbours. The corrected sides are then blended; at ``w = 0.5`` they have an equal say, a weight
that needs no tuning. ``benchmarks/granularity_draws.py`` runs it as the "hub words 0.5" methods. Measured
in docs/benchmarks.md ("Granularity on the seeds: words and meaning blended after a hub correction").
"""

from __future__ import annotations

from unittest import mock

import numpy as np

EQUAL_SAY = 0.5


def hub_corrected(similarity: np.ndarray, k: int) -> np.ndarray:
    """``similarity`` (units × units, symmetric) less the mean of each pair's local similarity levels: a unit's
    level is its mean similarity to its k nearest other units. The off-diagonal mean is added back, so the
    values keep the side's scale around it."""
    others = np.array(similarity, dtype=np.float64)
    np.fill_diagonal(others, -np.inf)
    k = max(1, min(k, len(others) - 1))
    level = np.partition(others, len(others) - k, axis=1)[:, -k:].mean(axis=1)
    off_diagonal = similarity[~np.eye(len(similarity), dtype=bool)]
    centre = float(off_diagonal.mean()) if off_diagonal.size else 0.0
    return similarity - (level[:, None] + level[None, :]) / 2.0 + centre


def hub_blended_neighbours(embeddings: np.ndarray, words, n_neighbors: int, word_weight: float):
    """Exact k nearest neighbours by ``(1 - w) · hub-corrected embedding cosine + w · hub-corrected word cosine``,
    as :func:`topics.modeling.word_graph.blended_neighbours` returns them (each unit its own first neighbour)."""
    from topics.modeling.word_graph import nearest_rows

    vectors = np.asarray(embeddings, dtype=np.float64)
    k = min(n_neighbors, len(vectors))
    meaning = hub_corrected(vectors @ vectors.T, k)
    lexical = hub_corrected((words @ words.T).toarray(), k)
    indices, distances = nearest_rows((1.0 - word_weight) * meaning + word_weight * lexical, 0, k)
    return indices.astype(np.int32), distances.astype(np.float32)


def hub_graph_topics(vectors: np.ndarray, words, random_state: int, word_weight: float = EQUAL_SAY) -> np.ndarray:
    """The graph step of ``benchmarks.granularity.graph_topics`` with its words-and-meaning neighbours found
    after the hub correction (``word_weight`` 0 or no words: meaning only, uncorrected, as there)."""
    from benchmarks.granularity import graph_topics
    from topics.modeling import word_graph

    with mock.patch.object(word_graph, "blended_neighbours", hub_blended_neighbours):
        return graph_topics(vectors, None, random_state, words, word_weight)
