"""The split of a topic tested against a one-blob null (benchmarks.split_null, a measured method)."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sparse

from benchmarks.split_null import (
    modularity, null_draw, separated_parts, split_separated_topics, topic_points,
)


def _blobs(centres: list[np.ndarray], per_blob: int, spread: float, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    points = np.vstack([centre + spread * rng.standard_normal((per_blob, len(centre))) for centre in centres])
    return points / np.linalg.norm(points, axis=1, keepdims=True)


def _two_themes(dim: int = 40) -> tuple[np.ndarray, np.ndarray]:
    first, second = np.zeros(dim), np.zeros(dim)
    first[0], second[1] = 1.0, 1.0
    return _blobs([first, second], 20, 0.12), np.repeat([0, 1], 20)


def test_points_keep_the_similarities_the_graph_was_built_on():
    vectors, _ = _two_themes()
    words = sparse.random(40, 300, density=0.05, random_state=1, format="csr")
    words = sparse.csr_matrix(words / np.maximum(sparse.linalg.norm(words, axis=1), 1e-12)[:, None])
    points = topic_points(vectors, words, 0.3)
    blended = 0.7 * vectors @ vectors.T + 0.3 * (words @ words.T).toarray()
    assert points.shape[1] <= 40 and np.allclose(points @ points.T, blended, atol=1e-8)
    assert np.allclose(topic_points(vectors) @ topic_points(vectors).T, vectors @ vectors.T, atol=1e-8)


def test_null_draw_keeps_mean_and_spread():
    vectors, _ = _two_themes()
    draws = np.vstack([null_draw(vectors, np.random.default_rng(seed)) for seed in range(200)])
    assert np.allclose(draws.mean(axis=0), vectors.mean(axis=0), atol=0.02)
    assert np.isclose(draws.var(axis=0).sum(), vectors.var(axis=0, ddof=1).sum(), rtol=0.05)


def test_modularity_of_two_disconnected_cliques():
    block = np.ones((3, 3)) - np.eye(3)
    graph = sparse.csr_matrix(np.block([[block, np.zeros((3, 3))], [np.zeros((3, 3)), block]]))
    assert np.isclose(modularity(graph, np.array([0, 0, 0, 1, 1, 1]), 1.0), 0.5)
    assert np.isclose(modularity(graph, np.zeros(6, dtype=int), 1.0), 0.0)


def test_two_themes_in_one_topic_are_split_and_one_blob_is_not():
    vectors, truth = _two_themes()
    parts = separated_parts(topic_points(vectors), 5, 0.5, 0)
    assert parts is not None and len(set(parts)) == 2
    assert all(len(set(parts[truth == theme])) == 1 for theme in (0, 1))
    centre = np.zeros(40)
    centre[0] = 1.0
    blob = _blobs([centre], 40, 0.12, seed=3)
    assert separated_parts(topic_points(blob), 5, 0.5, 0) is None


def test_only_the_mixed_topic_splits_and_outliers_stay():
    vectors, truth = _two_themes()
    centre = np.zeros(40)
    centre[2] = 1.0
    vectors = np.vstack([vectors, _blobs([centre], 30, 0.12, seed=5)])
    labels = np.r_[np.zeros(40, dtype=np.int64), np.ones(30, dtype=np.int64)]
    labels[[0, 45]] = -1
    split = split_separated_topics(labels, vectors, 5, 0)
    assert (split[[0, 45]] == -1).all()
    assert len(set(split[1:40])) == 2 and set(split[41:70]) - {-1} == {1}
