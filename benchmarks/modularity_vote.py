"""A neighbour vote that weighs a topic's pull against its size (measured for granularity, not part of the toolkit).

``cluster.vote_with_neighbours`` moves each member to the topic holding most of its graph weight. A large
topic holds more of almost every unit's weight just by being large, so the plain vote favours large
topics. The vote here moves a member to the topic of largest modularity gain: the weight it holds there
minus ``resolution`` times what a random graph with the same degrees would give it (its degree times the
topic's volume over the graph's total) - the local move of the community search itself, at the
resolution the search ran at. ``benchmarks/granularity_draws.py`` runs it as the "modularity vote" method.
Measured in docs/benchmarks.md ("Granularity on the seeds").
"""

from __future__ import annotations

import numpy as np


def modularity_vote(weights, labels: np.ndarray, resolution: float, max_rounds: int = 50) -> np.ndarray:
    """Members (label >= 0) move to the topic of largest modularity gain until stable; outliers stay.

    A member with no weight on any topic keeps its topic; ties go to the lowest topic id.
    """
    import scipy.sparse as sparse

    labels = np.asarray(labels).copy()
    members = np.flatnonzero(labels >= 0)
    graph = sparse.csr_matrix(weights)
    degrees = np.asarray(graph.sum(axis=1)).ravel()
    total = max(float(degrees.sum()), 1e-12)
    member_weights, member_degrees = graph[members], degrees[members]
    for _ in range(max_rounds):
        ids, column = np.unique(labels[members], return_inverse=True)
        membership = sparse.csr_matrix((np.ones(len(members)), (members, column)), shape=(len(labels), len(ids)))
        held = (member_weights @ membership).toarray()
        volumes = np.bincount(column, weights=member_degrees, minlength=len(ids))
        others = volumes[None, :] - np.where(np.arange(len(ids))[None, :] == column[:, None], member_degrees[:, None], 0.0)
        gain = held - resolution * member_degrees[:, None] * others / total
        voted = np.where(held.max(axis=1) > 0, ids[gain.argmax(axis=1)], labels[members])
        if (voted == labels[members]).all():
            break
        labels[members] = voted
    return labels


def settle_by_modularity(weights, embeddings: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """``cluster.settle_boundaries`` with :func:`modularity_vote` in place of the plain vote."""
    from topics.modeling import cluster

    settled = cluster.refine_by_centroids(embeddings, labels, max_rounds=cluster.CENTROID_ROUNDS)
    return modularity_vote(weights, settled, cluster.GRAPH_RESOLUTION)
