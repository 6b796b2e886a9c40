"""A 2-D map of a small corpus from its weighted neighbour graph, with numpy alone.

UMAP's layout optimisation is numba code that a new process compiles first (~20 s of CPU
on a fresh install, more than the rest of a small report). Up to ``MAX_UNITS`` units this
module lays out the same graph (:mod:`topics.modeling.fuzzy`) with the same forces: each
edge pulls its two units together in proportion to its weight, random pairs push apart
(negative sampling), with UMAP's curve for ``min_dist`` 0.1 and its decaying learning rate.
Differences from UMAP, for speed in numpy: all edges move at once in each epoch (their pull
scaled by weight instead of sampling heavy edges more often), and the start is the PCA of
the embeddings instead of a spectral layout (no eigen-solver to fail on a broken graph).
Deterministic for a given ``random_state``.

From ``COMPILED_MIN_UNITS`` units the epochs run as one numba-compiled loop (:func:`layout_epochs`,
the same forces edge by edge with numba's own random numbers: another layout of the same quality).
It releases the interpreter, so a fit names its topics on one core while the map is laid out on
the other; below that size a first run compiles nothing.
"""

from __future__ import annotations

import numpy as np

# Up to this many units the whole neighbour graph is laid out; past it, a sample of SAMPLE_UNITS
# units (``reduce.layout_2d``: two more neighbour searches, for the sample and for the others).
MAX_UNITS = 10_000
SAMPLE_UNITS = 5_000
EPOCHS = 200
# Every epoch moves every edge, so past this many units the epochs fall in proportion (the same
# edge moves as 5,000 units cost), to no fewer than MIN_EPOCHS. At 10,000 BBC paragraphs the whole
# graph in 100 epochs gave a trustworthiness of 0.929 for 2.5 CPU s, where a 5,000 sample in 200
# epochs (and two more neighbour searches) gave 0.917 for 4.1 s (docs/benchmarks.md, Scaling).
FULL_EPOCH_UNITS = 5_000
MIN_EPOCHS = 100
NEGATIVE_SAMPLES = 5
# UMAP's curve 1 / (1 + a d^(2b)) fitted to min_dist=0.1, spread=1 (umap.umap_.find_ab_params).
CURVE_A, CURVE_B = 1.576943460405378, 0.8950608781227859
GRADIENT_CLIP = 4.0
START_SCALE = 10.0
# The size from which the compiled epochs run (as the community search's compiled pass: below it, a
# small corpus runs no numba code at all).
COMPILED_MIN_UNITS = 4_096


def compiled_layout(n_units: int) -> bool:
    """Whether the map of ``n_units`` units is the whole graph's layout in compiled epochs."""
    return COMPILED_MIN_UNITS <= n_units <= MAX_UNITS


def epochs_for(n_units: int) -> int:
    """Layout epochs for a graph of ``n_units`` units: ``EPOCHS`` up to ``FULL_EPOCH_UNITS``, then fewer."""
    return int(max(MIN_EPOCHS, min(EPOCHS, round(EPOCHS * FULL_EPOCH_UNITS / max(n_units, 1)))))


def graph_layout(weights, start: np.ndarray, random_state: int | None, n_epochs: int = EPOCHS) -> np.ndarray:
    """2-D coordinates (float32) of the units of the symmetric weighted graph ``weights`` (CSR),
    starting from ``start`` (n, 2)."""
    import scipy.sparse as sparse

    rng = np.random.default_rng(random_state)
    n_units = weights.shape[0]
    upper = sparse.triu(weights, k=1).tocoo()
    heads, tails = upper.row.astype(np.int64), upper.col.astype(np.int64)
    strength = upper.data / upper.data.max() if upper.nnz else upper.data
    coords = np.asarray(start, dtype=np.float64)
    coords = START_SCALE * (coords - coords.min(axis=0)) / np.maximum(np.ptp(coords, axis=0), 1e-12)
    coords = (coords + rng.normal(scale=1e-4, size=coords.shape)).astype(np.float32)
    degree = np.bincount(np.concatenate([heads, tails]), weights=np.concatenate([strength, strength]), minlength=n_units)
    # Every unit's moves in one epoch sum over its edges: divide by its weighted degree so a hub
    # moves as far as UMAP's one-edge-at-a-time updates let it, not degree times as far.
    step_scale = (1.0 / np.maximum(degree, 1.0)).astype(np.float32)
    a, b = np.float32(CURVE_A), np.float32(CURVE_B)
    if n_units >= COMPILED_MIN_UNITS:
        seed = int(rng.integers(2**31 - 1))
        return compiled_epochs()(coords, heads, tails, strength.astype(np.float32), step_scale, n_epochs, a, b, seed)
    for epoch in range(n_epochs):
        alpha = 1.0 - epoch / n_epochs
        # As in UMAP, an edge takes part in an epoch with probability its weight (the heaviest always).
        chosen = np.flatnonzero(rng.random(len(heads)) < strength)
        head, tail = heads[chosen], tails[chosen]
        moves = np.zeros_like(coords)
        delta = coords[head] - coords[tail]
        dist2 = np.maximum(np.einsum("ij,ij->i", delta, delta), np.float32(1e-12))
        powered = dist2**b  # one power per pair: d^(2(b-1)) = d^(2b) / d^2
        pull = (-2 * a * b) * (powered / dist2) / (1 + a * powered)
        force = np.clip(pull[:, None] * delta, -GRADIENT_CLIP, GRADIENT_CLIP)
        _accumulate(moves, head, force)
        _accumulate(moves, tail, -force)
        heads_again = np.tile(head, NEGATIVE_SAMPLES)
        others = rng.integers(0, n_units, size=len(heads_again))
        delta = coords[heads_again] - coords[others]
        dist2 = np.einsum("ij,ij->i", delta, delta)
        push = (2 * b) / ((np.float32(0.001) + dist2) * (1 + a * dist2**b))
        push_force = np.clip(push[:, None] * delta, -GRADIENT_CLIP, GRADIENT_CLIP)  # 0 where two units coincide
        _accumulate(moves, heads_again, push_force)
        coords += np.float32(alpha) * moves * step_scale[:, None]
    return coords.astype(np.float32)


def _accumulate(moves: np.ndarray, rows: np.ndarray, force: np.ndarray) -> None:
    n_units = len(moves)
    for dim in range(moves.shape[1]):
        moves[:, dim] += np.bincount(rows, weights=force[:, dim], minlength=n_units).astype(moves.dtype)


def compiled_epochs():
    """:func:`layout_epochs` jitted (:func:`topics.modeling._numba_cache.compiled`)."""
    from topics.modeling._numba_cache import compiled

    return compiled(layout_epochs)


def compile_layout() -> None:
    """Compile :func:`layout_epochs` (and cache it) ahead of the first large map: two epochs of a small ring."""
    ring = np.arange(10, dtype=np.int64)
    coords = np.random.default_rng(0).normal(size=(10, 2)).astype(np.float32)
    compiled_epochs()(coords, ring, np.roll(ring, 1), np.ones(10, np.float32), np.ones(10, np.float32), 2,
                      np.float32(CURVE_A), np.float32(CURVE_B), 0)


def layout_epochs(coords, heads, tails, strength, step_scale, n_epochs, a, b, seed):
    """The epochs of :func:`graph_layout` edge by edge on float32 ``coords`` (changed in place and
    returned): in each, an edge pulls with probability its ``strength``, its head pushed from
    ``NEGATIVE_SAMPLES`` random units, all from the epoch's starting positions. Plain Python; run it
    through :func:`compiled_epochs` (numba's random numbers, seeded with ``seed``)."""
    np.random.seed(seed)
    n_units = coords.shape[0]
    clip = np.float32(GRADIENT_CLIP)
    pull_scale = np.float32(-2.0) * a * b
    push_scale = np.float32(2.0) * b
    moves = np.zeros_like(coords)
    for epoch in range(n_epochs):
        alpha = np.float32(1.0 - epoch / n_epochs)
        moves[:] = 0
        for edge in range(heads.shape[0]):
            if np.random.random() >= strength[edge]:
                continue
            head, tail = heads[edge], tails[edge]
            dx = coords[head, 0] - coords[tail, 0]
            dy = coords[head, 1] - coords[tail, 1]
            dist2 = max(dx * dx + dy * dy, np.float32(1e-12))
            powered = dist2**b
            pull = pull_scale * (powered / dist2) / (np.float32(1.0) + a * powered)
            fx = min(max(pull * dx, -clip), clip)
            fy = min(max(pull * dy, -clip), clip)
            moves[head, 0] += fx
            moves[head, 1] += fy
            moves[tail, 0] -= fx
            moves[tail, 1] -= fy
            for _ in range(NEGATIVE_SAMPLES):
                other = np.random.randint(0, n_units)
                dx = coords[head, 0] - coords[other, 0]
                dy = coords[head, 1] - coords[other, 1]
                dist2 = dx * dx + dy * dy
                push = push_scale / ((np.float32(0.001) + dist2) * (np.float32(1.0) + a * dist2**b))
                moves[head, 0] += min(max(push * dx, -clip), clip)  # 0 where two units coincide
                moves[head, 1] += min(max(push * dy, -clip), clip)
        for unit in range(n_units):
            coords[unit, 0] += alpha * moves[unit, 0] * step_scale[unit]
            coords[unit, 1] += alpha * moves[unit, 1] * step_scale[unit]
    return coords
