"""The split of a topic whose halves lie further apart than any two topics (benchmarks.split_consistent)."""

from __future__ import annotations

import numpy as np

from benchmarks.split_consistent import bisection, conductance, split_inconsistent_topics
from benchmarks.split_stable import topic_graph


def _blobs(centres: list[np.ndarray], per_blob: int, spread: float = 0.1, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    points = np.vstack([centre + spread * rng.standard_normal((per_blob, len(centre))) for centre in centres])
    return (points / np.linalg.norm(points, axis=1, keepdims=True)).astype(np.float32)


def _axes(dim: int, *pairs: tuple[int, float]) -> np.ndarray:
    centre = np.zeros(dim)
    for axis, value in pairs:
        centre[axis] = value
    return centre


def test_the_bisection_cuts_two_blobs_apart_at_a_low_conductance():
    vectors = _blobs([_axes(30, (0, 1.0)), _axes(30, (1, 1.0))], 15)
    weights = topic_graph(vectors, 0).tocsr()
    first, second = bisection(weights, np.arange(30))
    assert {frozenset(first), frozenset(second)} == {frozenset(range(15)), frozenset(range(15, 30))}
    assert conductance(weights, first, second) < 0.1


def test_a_topic_holding_parts_further_apart_than_any_two_topics_splits():
    # One subject (axis 9) throughout. Topics 0 and 1 are near (axes 0 and 0 + 2); topic 2 holds two
    # blobs on axes 3 and 4, less alike (cosine ~0.5) than any two topics (~0.7): it splits, they stay.
    dim = 30
    vectors = _blobs([_axes(dim, (9, 1.0), (0, 0.5)), _axes(dim, (9, 1.0), (0, 0.5), (2, 0.3)),
                      _axes(dim, (9, 1.0), (3, 1.0)), _axes(dim, (9, 1.0), (4, 1.0))], 12, spread=0.05)
    labels = np.repeat([0, 1, 2, 2], 12)
    labels[5] = -1
    split = split_inconsistent_topics(labels, topic_graph(vectors, 0), vectors, 5)
    assert split[5] == -1
    assert set(split[:24]) - {-1} == {0, 1}
    third, fourth = set(split[24:36]), set(split[36:])
    assert len(third) == 1 and len(fourth) == 1 and third != fourth


def test_a_topic_as_alike_as_the_others_stays_and_small_topics_stay():
    dim = 30
    vectors = _blobs([_axes(dim, (0, 1.0)), _axes(dim, (1, 1.0)), _axes(dim, (2, 1.0))], 12)
    labels = np.repeat([0, 1, 2], 12)
    assert (split_inconsistent_topics(labels, topic_graph(vectors, 0), vectors, 5) == labels).all()
    assert (split_inconsistent_topics(labels, topic_graph(vectors, 0), vectors, 7) == labels).all()


def test_the_nearest_bar_splits_where_the_halves_are_less_alike_than_the_nearest_topic():
    # Topic 0 holds two blobs further apart than it is from topic 1 but not than topics 1 and 2.
    dim = 30
    vectors = _blobs([_axes(dim, (0, 1.0), (5, 0.5)), _axes(dim, (0, 1.0), (6, 0.5)),
                      _axes(dim, (0, 1.0), (5, 0.25), (6, 0.25), (7, 0.2)), _axes(dim, (8, 1.0))], 12, spread=0.05)
    labels = np.repeat([0, 0, 1, 2], 12)
    graph = topic_graph(vectors, 0)
    assert (split_inconsistent_topics(labels, graph, vectors, 5) == labels).all()
    assert len(set(split_inconsistent_topics(labels, graph, vectors, 5, nearest=True)[:24])) == 2
