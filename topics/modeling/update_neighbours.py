"""An update's content neighbours, from the earlier run's lists with the new units merged in.

The burst search reads each unit's nearest units in the whole corpus
(:func:`topics.modeling.bursts.content_neighbours`: exact similarities, ties to the lower row).
After an update a seen unit's list changes only where a new unit comes at least as near as its
last neighbour. A run saves its lists and their exact similarities with its subtopics (a row of -1
where it has none; :mod:`topics.modeling.persist`). An update renumbers each seen unit's earlier
list and merges in the new units whose float32 similarity reaches its last neighbour's (less
``TIE_MARGIN``, more than the product's rounding), scored exactly
(:func:`topics.modeling.neighbours.rescore`) and ranked as a fresh search ranks them (similarity,
then the lower row): the same lists and similarities as a fresh search, for every seen unit, so the
next update can start from them too. The new units, and a seen unit without a usable earlier list
(edited, or listing a unit that left the corpus; a run saved without lists; a corpus reordered,
where a tie could go to another unit), are searched afresh where the burst search needs them.
On the NYT September 2021 step the search of 2,105 of 6,374 units against the corpus becomes one of
the 825 new units and a product of the 5,549 seen units with them (docs/benchmarks.md).
Owns these lists. May import: numpy, :mod:`topics.modeling.neighbours`.
"""

from __future__ import annotations

import numpy as np

# Above the float32 rounding of a product of unit vectors (at most about d * 2**-24: 2.3e-5 at 384
# dimensions, 6.1e-5 at 1,024), so no new unit that belongs in a list is passed over.
TIE_MARGIN = 1e-4


def updated_neighbours(vectors: np.ndarray, earlier, rows: np.ndarray, searched: np.ndarray, k: int):
    """(lists, similarities), each (n_units, k): every unit's content neighbour rows, nearest first,
    and their exact similarities, for every ``searched`` row and every seen row with a usable
    earlier list (-1 and NaN rows elsewhere); see the module doc.

    ``vectors``: the corpus's unit vectors, L2-normalised; ``earlier``: the earlier run's (lists,
    similarities) over its own rows (-1 rows where unknown), or None; ``rows``: each unit's row in
    the earlier run (-1 = new); ``searched``: the row numbers that need their list."""
    from topics.modeling.neighbours import CANDIDATE_BLOCK_CELLS, MARGIN, nearest, rescore, top_candidates

    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    n_units, rows = len(vectors), np.asarray(rows, dtype=np.int64)
    k = min(int(k), n_units)
    lists, similarities = np.full((n_units, k), -1, np.int64), np.full((n_units, k), np.nan)
    known = np.zeros(n_units, bool)
    new = np.flatnonzero(rows < 0)
    reused = _renumbered(earlier, rows, k)
    # The new units' float32 products with every unit, when they fit one block: their own candidates
    # and, read across, every seen unit's with them (one product, not two).
    product = vectors[new] @ vectors.T if reused is not None and 0 < len(new) * n_units <= CANDIDATE_BLOCK_CELLS else None
    if reused is not None:
        units, old, old_similarities = reused
        lists[units], similarities[units], known[units] = old, old_similarities, True
        step = max(1, CANDIDATE_BLOCK_CELLS // max(len(new), 1))
        for start in range(0, len(units) if len(new) else 0, step):
            block = units[start : start + step]
            _take_in_new(vectors, block, new, lists, similarities, None if product is None else product[:, block].T)
    fresh = np.zeros(n_units, bool)
    fresh[np.asarray(searched, dtype=np.int64)] = True
    fresh &= ~known
    if product is not None and fresh[new].any():
        queries = new[fresh[new]]
        found = top_candidates(product[fresh[new]], min(k + MARGIN, n_units))
        lists[queries], similarities[queries] = rescore(vectors, vectors[queries], found, k, np.float64)
        fresh[queries] = False
    fresh = np.flatnonzero(fresh)
    if len(fresh):
        lists[fresh], similarities[fresh] = nearest(vectors, vectors[fresh], k, np.float64)
    return lists, similarities


def _take_in_new(vectors, block, new, lists, similarities, products=None) -> None:
    """Merge into the ``block`` units' lists the ``new`` units at least as near as their last
    neighbour, re-scored exactly (:func:`topics.modeling.neighbours.rescore`), ties to the lower row.
    ``products``: the float32 similarities of the block with the new units (None = computed here)."""
    from topics.modeling.neighbours import rescore

    k = lists.shape[1]
    products = vectors[block] @ vectors[new].T if products is None else products
    near = products >= (similarities[block, -1] - TIE_MARGIN)[:, None]
    counts = near.sum(axis=1)
    for width in np.unique(counts[counts > 0]):
        group = np.flatnonzero(counts == width)
        nearest_new = new[np.nonzero(near[group])[1].reshape(len(group), width)]  # row by row, ``width`` each
        found, exact = rescore(vectors, vectors[block[group]], nearest_new, int(width), np.float64)
        joined = np.hstack([lists[block[group]], found])
        joined_similarities = np.hstack([similarities[block[group]], exact])
        order = np.lexsort((joined, -joined_similarities), axis=1)[:, :k]
        lists[block[group]] = np.take_along_axis(joined, order, axis=1)
        similarities[block[group]] = np.take_along_axis(joined_similarities, order, axis=1)


def _renumbered(earlier, rows: np.ndarray, k: int):
    """(seen unit rows, their earlier lists in the current rows, the lists' similarities) for the seen
    units whose earlier list is whole and still in the corpus; None when no list can be used."""
    seen = np.flatnonzero(rows >= 0)
    if earlier is None or len(seen) == 0 or earlier[0].ndim != 2 or earlier[0].shape[1] != k:
        return None
    current = np.full(len(earlier[0]), -1, np.int64)
    current[rows[seen]] = seen
    if np.any(np.diff(current[current >= 0]) <= 0):
        return None  # seen units in another order: a tie past the last neighbour could go to another unit
    old = earlier[0][rows[seen]]
    mapped = np.where(old >= 0, current[np.maximum(old, 0)], -1)
    whole = (mapped >= 0).all(axis=1)
    return seen[whole], mapped[whole], np.asarray(earlier[1], dtype=np.float64)[rows[seen[whole]]]
