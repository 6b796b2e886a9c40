"""UMAP's weighted neighbour graph (its fuzzy simplicial set), computed with numpy.

The same graph ``umap.umap_.fuzzy_simplicial_set`` builds from a kNN graph, without
importing umap: umap and pynndescent compile ~20 s of numba code in a new process
(at import and first use), which a graph clustering of a small or medium corpus
need not wait for. Vectorised over the units, it takes milliseconds for thousands.
Follows umap-learn 0.5 (``smooth_knn_dist``, ``compute_membership_strengths``, fuzzy union)
with ``local_connectivity=1`` and ``set_op_mix_ratio=1``; the weights agree to float32 rounding.
"""

from __future__ import annotations

import numpy as np

SMOOTH_K_TOLERANCE = 1e-5
MIN_K_DIST_SCALE = 1e-3
SEARCH_STEPS = 64


def smooth_knn_dist(distances: np.ndarray, k: float) -> tuple[np.ndarray, np.ndarray]:
    """Per unit, the kernel width ``sigma`` and the distance ``rho`` to its nearest other unit.

    ``sigma`` is found by bisection so that the unit's neighbour weights sum to log2(k),
    as UMAP does (all units at once here).
    """
    distances = np.asarray(distances, dtype=np.float32)
    n_units = len(distances)
    target = np.log2(k)
    positive = distances > 0.0
    has_positive = positive.any(axis=1)
    first_positive = np.where(has_positive, positive.argmax(axis=1), 0)
    rho = np.where(has_positive, distances[np.arange(n_units), first_positive], 0.0).astype(np.float32)
    # Distances beyond rho, first column (the unit itself) left out as in UMAP.
    beyond = (distances[:, 1:] - rho[:, None]).astype(np.float64)
    lo = np.zeros(n_units)
    hi = np.full(n_units, np.inf)
    mid = np.ones(n_units)
    active = np.ones(n_units, dtype=bool)
    for _ in range(SEARCH_STEPS):
        if not active.any():
            break
        rows = np.flatnonzero(active)
        d = beyond[rows]
        psum = np.where(d > 0, np.exp(-(np.maximum(d, 0.0) / mid[rows, None])), 1.0).sum(axis=1)
        done = np.abs(psum - target) < SMOOTH_K_TOLERANCE
        above = (psum > target) & ~done
        below = ~above & ~done
        hi[rows[above]] = mid[rows[above]]
        mid[rows[above]] = (lo[rows[above]] + hi[rows[above]]) / 2.0
        lo[rows[below]] = mid[rows[below]]
        unbounded = rows[below][np.isinf(hi[rows[below]])]
        bounded = rows[below][~np.isinf(hi[rows[below]])]
        mid[unbounded] *= 2.0
        mid[bounded] = (lo[bounded] + hi[bounded]) / 2.0
        active[rows[done]] = False
    sigma = mid.astype(np.float32)
    row_floor = MIN_K_DIST_SCALE * distances.mean(axis=1)
    global_floor = MIN_K_DIST_SCALE * distances.mean()
    floor = np.where(rho > 0.0, row_floor, global_floor).astype(np.float32)
    return np.maximum(sigma, floor), rho


def fuzzy_simplicial_set(indices: np.ndarray, distances: np.ndarray, n_neighbors: int):
    """The symmetric weighted graph (scipy CSR) of a kNN graph: ``indices`` / ``distances`` (n, k),
    each row sorted, the unit itself first at distance 0 (as ``reduce.exact_neighbour_graph`` gives)."""
    import scipy.sparse as sparse

    indices = np.asarray(indices)
    distances = np.asarray(distances, dtype=np.float32)
    n_units, k = indices.shape
    sigma, rho = smooth_knn_dist(distances, float(n_neighbors))
    excess = (distances - rho[:, None]).astype(np.float32)
    with np.errstate(divide="ignore", invalid="ignore"):
        scaled = np.maximum(excess, 0.0).astype(np.float64) / sigma[:, None].astype(np.float64)
        kernel = np.exp(-np.nan_to_num(scaled, nan=0.0)).astype(np.float32)
    values = np.where((excess <= 0.0) | (sigma[:, None] == 0.0), np.float32(1.0), kernel)
    rows = np.repeat(np.arange(n_units), k)
    values = np.where(indices == np.arange(n_units)[:, None], np.float32(0.0), values)
    keep = (indices.ravel() >= 0) & (values.ravel() != 0.0)
    directed = sparse.coo_matrix(
        (values.ravel()[keep], (rows[keep], indices.ravel()[keep])), shape=(n_units, n_units)
    ).tocsr()
    transposed = directed.transpose().tocsr()
    union = directed + transposed - directed.multiply(transposed)
    union.eliminate_zeros()
    return union.tocsr()
