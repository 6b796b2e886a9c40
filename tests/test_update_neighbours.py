"""An update's content neighbours: the earlier run's lists with the new units merged in are the
lists a fresh search finds (exact similarities, ties to the lower row)."""

from __future__ import annotations

import numpy as np

from topics.modeling.neighbours import nearest
from topics.modeling.update_neighbours import updated_neighbours

K = 12


def unit_vectors(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    vectors = rng.standard_normal((n, 16)).astype(np.float32)
    vectors[5] = vectors[40]  # exact duplicates: ties the lower row must win, in both runs
    vectors[77] = vectors[3]
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def earlier_and_now(n: int = 300, seed: int = 0):
    """(earlier vectors, earlier lists, current vectors, each current unit's earlier row): units 10
    and 200 left the corpus; every fifth current unit is new (one a duplicate of a seen unit)."""
    vectors = unit_vectors(n, seed)
    earlier = nearest(vectors, vectors, K, np.float64)
    kept = np.setdiff1d(np.arange(n), [10, 200])
    fresh = unit_vectors(80, seed + 1)
    fresh[7] = vectors[50]
    now, rows = [], []
    for i, row in enumerate(kept):
        now.append(vectors[row]), rows.append(row)
        if i % 4 == 3 and i // 4 < len(fresh):
            now.append(fresh[i // 4]), rows.append(-1)
    return earlier, np.asarray(now), np.asarray(rows)


def test_merged_lists_are_a_fresh_searchs_lists():
    earlier, now, rows = earlier_and_now()
    searched = np.arange(len(now))
    lists, similarities = updated_neighbours(now, earlier, rows, searched, K)
    expected, expected_similarities = nearest(now, now, K, np.float64)
    assert np.array_equal(lists, expected)
    assert np.array_equal(similarities, expected_similarities)
    # Without earlier lists every searched unit is searched afresh, with the same answer; the others have none.
    some = searched[::3]
    lists, _ = updated_neighbours(now, None, rows, some, K)
    assert np.array_equal(lists[some], expected[some])
    assert (np.delete(lists, some, axis=0) == -1).all()


def test_a_seen_list_is_kept_for_the_next_update_even_when_not_searched():
    earlier, now, rows = earlier_and_now(seed=3)
    lists, _ = updated_neighbours(now, earlier, rows, np.flatnonzero(rows < 0), K)
    expected, _ = nearest(now, now, K, np.float64)
    # A seen unit whose earlier list holds no unit that left the corpus keeps a whole, exact list.
    whole = (lists >= 0).all(axis=1)
    assert whole[rows < 0].all() and whole.mean() > 0.8
    assert np.array_equal(lists[whole], expected[whole])
    assert (lists[~whole] == -1).all()


def test_a_reordered_corpus_is_searched_afresh():
    earlier, now, rows = earlier_and_now(seed=5)
    order = np.random.default_rng(0).permutation(len(now))
    now, rows = now[order], rows[order]
    lists, similarities = updated_neighbours(now, earlier, rows, np.arange(len(now)), K)
    expected, expected_similarities = nearest(now, now, K, np.float64)
    assert np.array_equal(lists, expected) and np.array_equal(similarities, expected_similarities)


def test_this_corpuss_partial_lists_are_completed_where_searched():
    _, now, _ = earlier_and_now(seed=7)
    expected, expected_similarities = nearest(now, now, K, np.float64)
    lists, similarities = expected.copy(), expected_similarities.copy()
    lists[::2], similarities[::2] = -1, np.nan
    searched = np.arange(0, len(now), 4)
    found, _ = updated_neighbours(now, (lists, similarities), np.arange(len(now)), searched, K)
    assert np.array_equal(found[1::2], expected[1::2]) and np.array_equal(found[searched], expected[searched])
    missing = np.setdiff1d(np.arange(0, len(now), 2), searched)
    assert (found[missing] == -1).all()


def test_the_new_units_product_read_both_ways_gives_the_blocked_searchs_lists(monkeypatch):
    from topics.modeling import neighbours

    earlier, now, rows = earlier_and_now(seed=11)
    searched = np.arange(len(now))
    shared = updated_neighbours(now, earlier, rows, searched, K)  # one product of the new units with every unit
    # Too many cells for one block: the seen units' products with the new units and the new units' search, block by block.
    monkeypatch.setattr(neighbours, "CANDIDATE_BLOCK_CELLS", 500)
    blocked = updated_neighbours(now, earlier, rows, searched, K)
    expected = nearest(now, now, K, np.float64)
    for found in (shared, blocked):
        assert np.array_equal(found[0], expected[0]) and np.array_equal(found[1], expected[1])
