"""A split of a topic tested against a one-blob null (measured for granularity, not part of the toolkit).

``benchmarks/granularity_draws.py`` runs it after the graph step. A community search run inside
any topic finds parts, even in a topic of one theme. This module tests the parts against a null: points drawn from one Gaussian with the topic's own mean and
covariance (the same spread, in the same directions, but a single mode). The topic's members and
each null draw go through the same neighbour graph and community search; the split stands when the
modularity of the members' parts beats every one of ``N_NULL_DRAWS`` null draws (p < 0.05), and at
least two parts hold ``min_size`` units. This is the idea of SigClust (Liu et al., 2008, "Statistical
significance of clustering for high-dimension, low-sample size data") carried to the graph
clustering: no threshold read off a corpus decides the split, the topic's own spread does.

The members live in the space whose inner products are the similarities the neighbours were found
by: the embedding cosine, or with ``word_weight`` the blend of embedding and TF-IDF cosines
(:mod:`topics.modeling.word_graph`). Topics over ``MAX_TESTED_UNITS`` are left as they are
(the test's cost grows with the cube of the topic's size).

Measured: it finds the splits a reader makes on the seeds and also subtopics the labelled corpora
do not count, more of them the larger the topic (docs/benchmarks.md, "Granularity on the seeds").
"""

from __future__ import annotations

import numpy as np

# The observed split must beat all of 19 null draws: a one-sided test at p = 1 / 20.
N_NULL_DRAWS = 19
MAX_TESTED_UNITS = 600
# Eigenvalues below this share of the largest are rounding, not directions of the topic.
RANK_TOLERANCE = 1e-9


def topic_points(vectors: np.ndarray, words=None, word_weight: float = 0.0) -> np.ndarray:
    """Rows whose inner products are the units' similarities: embedding cosine, or its blend with word cosine.

    Built from the Gram matrix, so the rows have at most as many columns as there are units
    whatever the vocabulary's size.
    """
    unit_vectors = np.asarray(vectors, dtype=np.float64)
    unit_vectors = unit_vectors / np.maximum(np.linalg.norm(unit_vectors, axis=1, keepdims=True), 1e-12)
    gram = unit_vectors @ unit_vectors.T
    if words is not None and word_weight > 0:
        gram = (1.0 - word_weight) * gram + word_weight * (words @ words.T).toarray()
    values, vectors_of_gram = np.linalg.eigh(gram)
    keep = values > RANK_TOLERANCE * max(float(values.max()), 1e-12)
    return vectors_of_gram[:, keep] * np.sqrt(values[keep])


def community_split(points: np.ndarray, resolution: float, random_state: int | None) -> tuple[float, np.ndarray]:
    """(modularity, labels) of the communities of the points' cosine neighbour graph."""
    from topics.modeling.cluster import communities
    from topics.modeling.fuzzy import fuzzy_simplicial_set
    from topics.modeling.reduce import reduction_params

    n_points = len(points)
    k = min(reduction_params(n_points).n_neighbors, n_points)
    unit = points / np.maximum(np.linalg.norm(points, axis=1, keepdims=True), 1e-12)
    similarity = unit @ unit.T
    np.fill_diagonal(similarity, np.inf)  # each point its own first neighbour
    indices = np.argsort(-similarity, axis=1, kind="stable")[:, :k].astype(np.int32)
    nearest = np.take_along_axis(similarity, indices, axis=1)
    nearest[:, 0] = 1.0
    distances = np.clip(1.0 - nearest, 0.0, 2.0).astype(np.float32)
    distances[distances < 1e-6] = 0.0
    weights = fuzzy_simplicial_set(indices, distances, k).tocsr()
    labels = communities(weights, resolution, random_state)
    return modularity(weights, labels, resolution), labels


def modularity(weights, labels: np.ndarray, resolution: float) -> float:
    """Newman modularity of ``labels`` on a weighted, symmetric graph, at ``resolution``."""
    import scipy.sparse as sparse

    degrees = np.asarray(weights.sum(axis=1)).ravel()
    total = degrees.sum()
    if total <= 0:
        return 0.0
    membership = sparse.csr_matrix((np.ones(len(labels)), (np.arange(len(labels)), labels)))
    inside = (membership.T @ weights @ membership).diagonal()
    community_degrees = np.bincount(labels, weights=degrees)
    return float(inside.sum() / total - resolution * ((community_degrees / total) ** 2).sum())


def null_draw(points: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """As many points from one Gaussian with the points' mean and covariance."""
    mean = points.mean(axis=0)
    deviations = points - mean
    mixing = rng.standard_normal((len(points), len(points))) / np.sqrt(len(points) - 1)
    return mean + mixing @ deviations


def separated_parts(points: np.ndarray, min_size: int, resolution: float, random_state: int | None) -> np.ndarray | None:
    """Labels 0..m-1 of the points' parts when at least two of ``min_size`` units beat the null; else None.

    Parts under ``min_size`` join the nearest kept part by centroid.
    """
    observed, labels = community_split(points, resolution, random_state)
    sizes = np.bincount(labels)
    kept = np.flatnonzero(sizes >= min_size)
    if len(kept) < 2:
        return None
    rng = np.random.default_rng(random_state)
    for _ in range(N_NULL_DRAWS):
        if community_split(null_draw(points, rng), resolution, random_state)[0] >= observed:
            return None
    unit = points / np.maximum(np.linalg.norm(points, axis=1, keepdims=True), 1e-12)
    centroids = np.stack([unit[labels == part].mean(axis=0) for part in kept])
    parts = np.searchsorted(kept, labels)
    small = ~np.isin(labels, kept)
    parts[small] = (unit[small] @ centroids.T).argmax(axis=1)
    return parts


def split_separated_topics(labels: np.ndarray, vectors: np.ndarray, min_size: int, random_state: int | None,
                           words=None, word_weight: float = 0.0, resolution: float | None = None) -> np.ndarray:
    """``labels`` with each topic of at least ``2 * min_size`` (and at most ``MAX_TESTED_UNITS``) units
    split into its parts when they pass :func:`separated_parts`; new parts get new ids, outliers stay -1.

    ``words`` / ``word_weight``: the units' TF-IDF rows and their share of the similarity, as the
    neighbour graph had them.
    """
    from topics.modeling.cluster import GRAPH_RESOLUTION

    resolution = GRAPH_RESOLUTION if resolution is None else resolution
    labels = np.asarray(labels).copy()
    next_id = int(labels.max()) + 1
    for topic in np.unique(labels[labels >= 0]):
        rows = np.flatnonzero(labels == topic)
        if not 2 * min_size <= len(rows) <= MAX_TESTED_UNITS:
            continue
        points = topic_points(vectors[rows], None if words is None else words[rows], word_weight)
        parts = separated_parts(points, min_size, resolution, random_state)
        if parts is None:
            continue
        labels[rows[parts > 0]] = parts[parts > 0] - 1 + next_id
        next_id += int(parts.max())
    return labels
