"""A split of a topic whose two halves lie further apart than any two topics kept apart (measured for
granularity, not part of the toolkit).

A reader's topics are consistent: no topic holds two parts less alike than two topics the reader
keeps separate. Here each topic of at least twice the smallest topic size is cut in two along its
neighbour graph (the spectral bisection of its own subgraph: the Fiedler vector of the normalised
Laplacian, cut where the conductance is lowest), and the halves become two topics when their centroid
cosine is below the lowest centroid cosine between any two topics of the corpus. The corpus's own
topics are the bar, not a constant: on a corpus of one subject (the seeds) topics are all alike and a
topic holding two actors stands out; on a corpus of distinct sections (BBC News) only a split wider
than the distance between sport and business would clear it. Rounds repeat until no topic splits.
A local bar was measured too (``nearest``: halves less alike than the topic and its most alike other
topic). ``benchmarks/granularity_draws.py`` runs it after the graph step. Measured in
docs/benchmarks.md ("Granularity on the seeds, continued").
"""

from __future__ import annotations

import numpy as np

ROUNDS = 3


def conductance(weights, part: np.ndarray, rest: np.ndarray) -> float:
    """Weight between ``part`` and ``rest`` over the smaller one's volume, in the subgraph on both."""
    both = np.r_[part, rest]
    cut = float(weights[part][:, rest].sum())
    smaller = min(float(weights[part][:, both].sum()), float(weights[rest][:, both].sum()))
    return cut / max(smaller, 1e-12)


def bisection(weights, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``rows`` cut in two along the subgraph's Fiedler vector, where the cut's conductance is lowest."""
    from scipy.linalg import eigh
    from scipy.sparse.csgraph import laplacian

    sub = weights[rows][:, rows].toarray()
    _, vectors = eigh(laplacian(sub, normed=True))
    order = rows[np.argsort(vectors[:, 1], kind="stable")]
    cuts = [(conductance(weights, order[:i], order[i:]), i) for i in range(2, len(rows) - 1)]
    best = min(cuts)[1]
    return order[:best], order[best:]


def split_inconsistent_topics(labels: np.ndarray, weights, vectors: np.ndarray, min_size: int,
                              rounds: int = ROUNDS, nearest: bool = False) -> np.ndarray:
    """``labels`` with each topic of at least ``2 * min_size`` units cut in two when both halves hold
    ``min_size`` units and their centroids are less alike than the least alike pair of topics
    (``nearest``: than the topic and its most alike other topic, a local bar); new halves get new ids,
    outliers stay -1."""
    import scipy.sparse as sparse

    from topics.modeling import cluster

    labels = np.asarray(labels).copy()
    weights = sparse.csr_matrix(cluster.rounded_weights(weights))
    for _ in range(rounds):
        ids = np.unique(labels[labels >= 0])
        if len(ids) < 2:
            break
        centroids = cluster.topic_centroids(vectors, labels, ids).astype(np.float64)
        alike = centroids @ centroids.T
        np.fill_diagonal(alike, np.nan)
        bars = np.nanmax(alike, axis=1) if nearest else np.full(len(ids), np.nanmin(alike))
        next_id, split = int(ids.max()) + 1, False
        for topic, bar in zip(ids, bars):
            rows = np.flatnonzero(labels == topic)
            if len(rows) < 2 * min_size:
                continue
            first, second = bisection(weights, rows)
            if min(len(first), len(second)) < min_size:
                continue
            a = cluster.normalise_rows(vectors[first].sum(axis=0, dtype=np.float64)[None])[0]
            b = cluster.normalise_rows(vectors[second].sum(axis=0, dtype=np.float64)[None])[0]
            if float(a @ b) < bar:
                labels[second] = next_id
                next_id, split = next_id + 1, True
        if not split:
            break
    return labels
