"""Each unit's nearest units in the corpus, for the word-among-members step of
:func:`topics.themes.evidence.combine` (a keyword joins a theme where the unit's nearest units are under it)."""

from __future__ import annotations

import numpy as np

NEIGHBOURS = 10


def nearest_units(vectors: np.ndarray, n_neighbours: int = NEIGHBOURS, batch: int | None = None) -> np.ndarray:
    """(n, m) indices of each unit's ``m = min(n_neighbours, n - 1)`` nearest other units by cosine
    (``vectors`` L2-normalised), exact, in row batches of at most ~100 MB of similarities. Time
    grows with n squared (20,000 units of 384 dimensions: about 8 s of CPU)."""
    n = len(vectors)
    m = min(n_neighbours, n - 1)
    if m <= 0:
        return np.zeros((n, 0), dtype=np.int64)
    batch = batch or max(1, 25_000_000 // n)
    vectors = np.asarray(vectors, dtype=np.float32)
    nearest = np.empty((n, m), dtype=np.int64)
    for start in range(0, n, batch):
        similarity = vectors[start : start + batch] @ vectors.T
        rows = np.arange(len(similarity))
        similarity[rows, start + rows] = -np.inf  # not its own neighbour
        top = np.argpartition(-similarity, m - 1, axis=1)[:, :m]
        nearest[start : start + batch] = top
    return nearest
