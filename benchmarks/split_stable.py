"""A split of a topic when its parts are as reproducible as the topics themselves (measured for granularity,
not part of the toolkit).

``benchmarks/granularity_draws.py`` runs it after the graph step. The graph step already runs
``CONSENSUS_RUNS`` seeded community searches on the corpus's neighbour graph; how well they agree
(mean pairwise ARI) says how reproducible the corpus's topics are. Here each topic of at least twice
the smallest topic size goes through the same graph step on its own rows (a fresh neighbour graph of
just them, as ``cluster.split_oversized`` re-clusters a dominant topic); its parts replace it when
there are at least two and their searches agree at least as well as the corpus's did. No threshold is
read off a corpus: the corpus's own agreement is the bar.

The question it answers: does the consensus merge topics whose split would be stable across runs?
Measured in docs/benchmarks.md ("Granularity on the seeds").
"""

from __future__ import annotations

from itertools import combinations

import numpy as np


def run_agreement(weights, random_state: int | None) -> float:
    """Mean pairwise ARI of the seeded community searches ``cluster.graph_clusters`` runs on ``weights``."""
    from sklearn.metrics import adjusted_rand_score

    from topics.modeling import cluster

    rounded = cluster.rounded_weights(weights)
    n_runs = cluster.CONSENSUS_RUNS
    seeds = [None if random_state is None else int(random_state) * n_runs + run for run in range(n_runs)]
    runs = [cluster.communities(rounded, cluster.GRAPH_RESOLUTION, seed) for seed in seeds]
    return float(np.mean([adjusted_rand_score(a, b) for a, b in combinations(runs, 2)]))


def topic_graph(vectors: np.ndarray, random_state: int | None, words=None, word_weight: float = 0.0):
    """The neighbour graph the graph step builds for ``vectors`` (blended with ``words`` at ``word_weight``)."""
    from topics.modeling.reduce import fuzzy_graph, reduction_params
    from topics.modeling.word_graph import blended_graph

    n_neighbors = reduction_params(len(vectors)).n_neighbors
    if words is not None and word_weight > 0:
        return blended_graph(vectors, words, n_neighbors, word_weight)
    return fuzzy_graph(vectors, n_neighbors, None, random_state)


def split_stable_topics(labels: np.ndarray, vectors: np.ndarray, min_size: int, random_state: int | None,
                        words=None, word_weight: float = 0.0) -> np.ndarray:
    """``labels`` with each topic of at least ``2 * min_size`` units split into the graph step's parts of
    its own rows, when there are two or more and their searches agree at least as well as the whole
    corpus's; new parts get new ids, outliers stay -1."""
    from topics.modeling import cluster

    labels = np.asarray(labels).copy()
    bar = run_agreement(topic_graph(vectors, random_state, words, word_weight), random_state)
    next_id = int(labels.max()) + 1
    for topic in np.unique(labels[labels >= 0]):
        rows = np.flatnonzero(labels == topic)
        if len(rows) < 2 * min_size:
            continue
        row_words = None if words is None else words[rows]
        weights = topic_graph(vectors[rows], random_state, row_words, word_weight)
        parts, _ = cluster.graph_clusters(weights, vectors[rows], min_size, random_state)
        if parts.max() < 1 or run_agreement(weights, random_state) < bar:
            continue
        labels[rows] = np.where(parts >= 0, parts + next_id, -1)
        next_id += int(parts.max()) + 1
    return labels
