"""The split of a topic whose parts are as reproducible as the topics (benchmarks.split_stable, a measured method)."""

from __future__ import annotations

import numpy as np

from benchmarks.split_stable import run_agreement, split_stable_topics, topic_graph


def _blobs(axes: list[int], per_blob: int, spread: float = 0.12, dim: int = 40, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = np.eye(dim)[axes]
    points = np.vstack([centre + spread * rng.standard_normal((per_blob, dim)) for centre in centres])
    return (points / np.linalg.norm(points, axis=1, keepdims=True)).astype(np.float32)


def test_separate_blobs_give_agreeing_searches():
    vectors = _blobs([0, 1, 2], 20)
    assert run_agreement(topic_graph(vectors, 0), 0) > 0.99


def test_a_topic_holding_two_blobs_splits_and_outliers_stay():
    vectors = _blobs([0, 1, 2], 20)
    labels = np.r_[np.zeros(40, dtype=np.int64), np.ones(20, dtype=np.int64)]  # blobs 0 and 1 as one topic
    labels[[3, 50]] = -1
    split = split_stable_topics(labels, vectors, 5, 0)
    assert (split[[3, 50]] == -1).all()
    first, second = set(split[:20]) - {-1}, set(split[20:40])
    assert len(first) == 1 and len(second) == 1 and first != second
    assert set(split[40:60]) - {-1} == {1}


def test_topics_under_twice_the_smallest_size_stay():
    vectors = _blobs([0, 1], 6)
    labels = np.zeros(12, dtype=np.int64)
    assert (split_stable_topics(labels, vectors, 7, 0) == labels).all()
