"""Exact nearest neighbours by cosine similarity, for the neighbour graph and the sample votes.

The result depends only on the vectors, never on the machine's threads: a multi-threaded float32
product (BLAS's) rounds differently with the number of threads it gets, and on a corpus
with near-ties one neighbour more or less changed the topics found (10 or 11 on one corpus, by the
machine's load). So the fast float32 search only proposes ``MARGIN`` more candidates than asked
for; each candidate's similarity is then recomputed in float64 one pair at a time (no threaded
reduction) and the ``k`` best are kept, ties going to the lower row.
"""

from __future__ import annotations

import numpy as np

MARGIN = 8  # extra candidates the float32 search proposes; its rounding (~1e-7) reorders only near-ties
# Candidate values gathered and re-scored at a time (16 MiB of float32): 2,048 queries at once (120 MiB of
# 384-dimensional vectors with 39 candidates each) spilled the caches and took 4 to 14 times the CPU
# time for the same sums (docs/benchmarks.md). Each query's sums do not depend on the block it is in.
RESCORE_BLOCK_VALUES = 1 << 22
CANDIDATE_BLOCK_CELLS = 1 << 24  # similarities held at once while proposing candidates (64 MiB)
CHUNKS_PER_CANDIDATE = 4  # a row's similarities are cut into this many times k chunks (:func:`top_candidates`)


def nearest(base: np.ndarray, queries: np.ndarray, k: int, dtype=np.float32) -> tuple[np.ndarray, np.ndarray]:
    """For each query row, the ``k`` most similar rows of ``base``: (indices, cosine similarities).

    Both are taken as L2-normalised. A float32 matrix product per block of queries proposes the
    candidates (:func:`_candidates`); they are re-scored exactly (see the module doc), so the answer
    does not depend on threads. ``dtype``: of the similarities returned (float64: the exact ones).
    """
    base = np.ascontiguousarray(base, dtype=np.float32)
    queries = np.ascontiguousarray(queries, dtype=np.float32)
    k = min(int(k), len(base))
    return rescore(base, queries, _candidates(base, queries, min(k + MARGIN, len(base))), k, dtype)


def rescore(base: np.ndarray, queries: np.ndarray, candidates: np.ndarray, k: int, dtype=np.float32) -> tuple[np.ndarray, np.ndarray]:
    """The ``k`` best of each query's ``candidates`` (rows of ``base``, in no order) by exact similarity:
    (indices, similarities as ``dtype``), nearest first, ties to the lower row (see the module doc)."""
    indices = np.empty((len(queries), k), dtype=np.int64)
    similarities = np.empty((len(queries), k), dtype=dtype)
    block = max(1, RESCORE_BLOCK_VALUES // max(candidates.shape[1] * queries.shape[1], 1))
    for start in range(0, len(queries), block):
        rows = slice(start, start + block)
        found = np.sort(candidates[rows], axis=1)  # by row, so equal similarities go to the lower row
        # Gathered as float32 and summed in float64: the same sums as gathering float64 copies
        # (float32 values are exact in float64), for half the memory traffic.
        exact = np.einsum("qd,qkd->qk", queries[rows], base[found], dtype=np.float64)
        order = np.argsort(-exact, axis=1, kind="stable")[:, :k]
        indices[rows] = np.take_along_axis(found, order, axis=1)
        similarities[rows] = np.take_along_axis(exact, order, axis=1).astype(dtype)
    return indices, similarities


def _candidates(base: np.ndarray, queries: np.ndarray, k: int) -> np.ndarray:
    """The ``k`` rows of ``base`` the float32 product finds most similar to each query (in no order).

    A BLAS product of a block of queries with all of ``base``, then a partial sort of each row:
    half FAISS's flat index's CPU time (10,000 queries against 10,000 rows: 1.8 s against 3.8 s;
    60,000 against 20,000: 18.7 s against 40.1 s), and no optional package needed.
    """
    indices = np.empty((len(queries), k), dtype=np.int64)
    rows_per_block = max(1, CANDIDATE_BLOCK_CELLS // max(len(base), 1))
    for start in range(0, len(queries), rows_per_block):
        rows = slice(start, start + rows_per_block)
        indices[rows] = top_candidates(queries[rows] @ base.T, k)
    return indices


def top_candidates(similarities: np.ndarray, k: int) -> np.ndarray:
    """The columns of the ``k`` largest ``similarities`` of each row (in no order; of equal
    similarities at the ``k``-th place, the lower columns).

    A partial sort of every row (10,000 similarities about their 23rd largest) took four times the
    float32 product's CPU in a 10,000-unit neighbour search. Here each row is cut into
    ``CHUNKS_PER_CANDIDATE`` times ``k`` chunks: the ``k`` chunks with the largest maxima hold ``k``
    similarities at least as large as the least of those maxima, so the ``k`` largest all lie at or above
    it, and only the similarities there (a few times ``k``) are sorted.
    """
    n_rows, n = similarities.shape
    width = n // (CHUNKS_PER_CANDIDATE * k) if k else 0
    if width < 2:  # a short row: a partial sort of the whole row costs little
        return np.argpartition(similarities, n - k, axis=1)[:, n - k :]
    n_chunks = n // width
    maxima = similarities[:, : n_chunks * width].reshape(n_rows, n_chunks, width).max(axis=2)
    if n_chunks * width < n:
        maxima = np.concatenate([maxima, similarities[:, n_chunks * width :].max(axis=1, keepdims=True)], axis=1)
    if np.isnan(maxima).any():  # NaN similarities (which a partial sort counts as the largest)
        return np.argpartition(similarities, n - k, axis=1)[:, n - k :]
    floor = np.partition(maxima, maxima.shape[1] - k, axis=1)[:, maxima.shape[1] - k]
    rows, columns = np.nonzero(similarities >= floor[:, None])  # by row, then column
    held = np.bincount(rows, minlength=n_rows)
    place = np.arange(len(rows)) - np.repeat(np.cumsum(held) - held, held)
    values = np.full((n_rows, held.max(initial=1)), -np.inf, dtype=np.float64)
    values[rows, place] = similarities[rows, columns]
    found = np.zeros(values.shape, dtype=np.int64)
    found[rows, place] = columns
    # A stable sort keeps equal similarities in column order: the lower columns are kept.
    best = np.argsort(-values, axis=1, kind="stable")[:, :k]
    return np.take_along_axis(found, best, axis=1)
