"""Nearest neighbours of L2-normalised vectors by inner product: exact and approximate.

Exact search is numpy: a pass over the rows per query for one or a few
queries, a matrix product for more. Scores are computed for a block of
queries at a time, so the score matrix never exceeds ``MAX_SCORE_CELLS``
floats however many queries come at once.

The approximate index is a graph (faiss ``IndexHNSWSQ``: HNSW over 8-bit
scalar-quantised copies of the vectors, a quarter of their size; the optional
``topics[faiss]`` extra). It returns candidates that the caller rescores
with the exact vectors. The search breadth (``efSearch``) is calibrated when
the index is built: the smallest power of two whose recall@10 against exact
search, on a sample of the indexed vectors used as queries (each leaving
itself out), reaches ``target_recall``. Where no breadth up to
``MAX_SEARCH_BREADTH`` reaches it (vectors without neighbourhood structure,
such as random ones), the index reports that it does not pay
(``pays_off_``) and search stays exact. Saved in faiss's own binary format
(no pickle) next to the embeddings and loaded without rebuilding.

The calibration sample is harder than typical queries (a corpus holds
near-copies of its own paragraphs), so the breadth it picks errs on the
slow, accurate side.

Chosen by measurement (``benchmarks/search.py``, 100k vectors around real
paragraph embeddings, 2 shared cores): at calibrated settings an inverted
file (faiss ``IndexIVFFlat``) answered about as fast and built about as
fast, but keeps a float copy of every vector (4x the memory of 8-bit codes);
HNSW on float vectors (faiss, usearch) costs the same memory, and usearch
built 2-3x slower.
"""

from __future__ import annotations
from topics.validate import parse_json, read_file_text

from pathlib import Path
from typing import Iterator

import numpy as np

MAX_SCORE_CELLS = 1 << 24  # 64 MiB of float32 scores per block of queries
FEW_QUERIES = 4  # below this many queries, one pass per query beats a matrix product
CALIBRATION_QUERIES = 200
CALIBRATION_K = 10
QUANTIZER_SAMPLE = 20_000
MIN_SEARCH_BREADTH = 64
CANDIDATES_PER_RESULT = 5  # approximate candidates rescored exactly per result wanted
MAX_SEARCH_BREADTH = 256  # wider searches cost about as much as exact search at the sizes that use them
FORMAT_VERSION = 1
INDEX_KIND = "faiss.IndexHNSWSQ(QT_8bit)"


# ---------------------------------------------------------------- exact


def score_blocks(vectors: np.ndarray, queries: np.ndarray, max_cells: int = MAX_SCORE_CELLS) -> Iterator[tuple[int, np.ndarray]]:
    """(first query row, scores of a block of queries against every vector), block by block."""
    n = max(1, len(vectors))
    block = max(1, max_cells // n)
    for start in range(0, len(queries), block):
        chunk = queries[start : start + block]
        if len(chunk) < FEW_QUERIES:
            yield start, np.stack([row_dots(vectors, query) for query in chunk])
        else:
            yield start, chunk @ vectors.T


def row_dots(vectors: np.ndarray, query: np.ndarray) -> np.ndarray:
    """``vectors @ query``, one pass over the rows.

    Measured here (benchmarks/search.py) ~2x faster than BLAS gemv for one
    query against 100k x 384, with one thread or two: a single query is bound
    by reading the vectors, and gemv's threads only add contention.
    """
    if hasattr(np, "vecdot"):  # numpy >= 2.0
        return np.asarray(np.vecdot(vectors, query))
    return np.einsum("ij,j->i", vectors, query)


def top_k(scores: np.ndarray, k: int) -> np.ndarray:
    """Positions of the ``k`` largest finite scores of a 1-D array, best first (ties: lower position)."""
    finite_mask = np.isfinite(scores)
    finite = None if finite_mask.all() else np.flatnonzero(finite_mask)
    pool = scores if finite is None else scores[finite]
    k = min(int(k), len(pool))
    if k <= 0:
        return np.zeros(0, dtype=np.int64)
    if k < len(pool):
        part = np.argpartition(pool, len(pool) - k)[len(pool) - k :]
    else:
        part = np.arange(len(pool))
    order = part[np.lexsort((part, -pool[part]))]
    return order if finite is None else finite[order]


def exact_search(vectors: np.ndarray, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Top-``k`` rows of ``vectors`` for each query: (indices, scores), each (n_queries, k), best first."""
    queries = np.atleast_2d(np.asarray(queries, dtype=np.float32))
    k = min(int(k), len(vectors))
    indices = np.empty((len(queries), k), dtype=np.int64)
    scores = np.empty((len(queries), k), dtype=np.float32)
    for start, block in score_blocks(vectors, queries):
        for row, row_scores in enumerate(block, start):
            best = top_k(row_scores, k)
            indices[row], scores[row] = best, row_scores[best]
    return indices, scores


# ---------------------------------------------------------------- approximate


def approximate_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("faiss") is not None


def _faiss():
    try:
        import faiss
    except ImportError as exc:  # an optional extra
        from topics.errors import TopicsError

        raise TopicsError("the approximate index needs faiss: pip install 'topics[faiss]'") from exc
    return faiss


def _without_self(neighbours: np.ndarray, rows: np.ndarray, k: int) -> np.ndarray:
    """Each row's neighbour list without the row itself, cut to ``k``."""
    return np.array([[j for j in found if j != row][:k] for found, row in zip(neighbours.tolist(), rows.tolist())], dtype=np.int64).reshape(len(rows), k)


class ApproximateIndex:
    """Graph index (HNSW over 8-bit codes) of L2-normalised float32 vectors, calibrated to a recall target.

    Parameters
    ----------
    n_links : int
        Links per node of the graph (HNSW ``M``); more links, better recall, slower build.
    build_breadth : int
        Candidates kept while linking a new node (HNSW ``efConstruction``).
    target_recall : float
        recall@10 against exact search that the calibrated search breadth must reach.
    random_state : int
        Seeds the calibration sample.
    """

    def __init__(self, n_links: int = 16, *, build_breadth: int = 40, target_recall: float = 0.95, random_state: int = 42):
        self.n_links = n_links
        self.build_breadth = build_breadth
        self.target_recall = target_recall
        self.random_state = random_state

    def fit(self, vectors: np.ndarray) -> ApproximateIndex:
        faiss = _faiss()
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        rng = np.random.default_rng(self.random_state)
        index = faiss.IndexHNSWSQ(vectors.shape[1], faiss.ScalarQuantizer.QT_8bit, int(self.n_links), faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = int(self.build_breadth)
        # 8-bit codes need each dimension's range only: a sample is plenty.
        index.train(vectors[np.sort(rng.choice(len(vectors), size=min(len(vectors), QUANTIZER_SAMPLE), replace=False))])
        index.add(vectors)
        self.index_ = index
        self._calibrate(vectors, rng)
        return self

    def _calibrate(self, vectors: np.ndarray, rng: np.random.Generator) -> None:
        """Smallest search breadth whose recall@10 on a sample of the indexed vectors meets the target.

        Measured as the index is used: ``CANDIDATES_PER_RESULT`` x 10 candidates,
        rescored with the exact vectors. Each sampled vector is its own nearest
        neighbour; it is left out of both lists, so the recall measured is that of
        its other neighbours.
        """
        rows = rng.choice(len(vectors), size=min(len(vectors), CALIBRATION_QUERIES), replace=False)
        sample = vectors[rows]
        k = min(CALIBRATION_K, len(vectors) - 1)
        truth = _without_self(exact_search(vectors, sample, k + 1)[0], rows, k)
        breadth = MIN_SEARCH_BREADTH
        while True:
            recall = self._recall(vectors, sample, rows, truth, breadth)
            if recall >= self.target_recall or breadth >= MAX_SEARCH_BREADTH:
                break
            breadth *= 2
        self.search_breadth_ = breadth
        self.calibration_recall_ = float(recall)
        self.pays_off_ = bool(recall >= self.target_recall)

    def _recall(self, vectors: np.ndarray, sample: np.ndarray, rows: np.ndarray, truth: np.ndarray, breadth: int) -> float:
        k = truth.shape[1]
        self.index_.hnsw.efSearch = breadth
        _, found = self.index_.search(sample, CANDIDATES_PER_RESULT * k + 1)
        hits = 0
        for query, row, candidates, expected in zip(sample, rows, found, truth):
            candidates = candidates[(candidates >= 0) & (candidates != row)]
            best = candidates[top_k(vectors[candidates] @ query, k)]
            hits += len(set(best.tolist()) & set(expected.tolist()))
        return float(hits / max(1, truth.size))

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(indices, approximate scores), each (n_queries, k), best first; index -1 where fewer were found.

        Scores come from 8-bit codes: ask for ``CANDIDATES_PER_RESULT`` x the results
        wanted and rescore them with the exact vectors, as calibration did.
        """
        queries = np.ascontiguousarray(np.atleast_2d(queries), dtype=np.float32)
        self.index_.hnsw.efSearch = self.search_breadth_  # faiss searches at least k wide
        scores, indices = self.index_.search(queries, int(k))
        return indices, scores

    @property
    def n_vectors(self) -> int:
        return int(self.index_.ntotal)

    def save(self, path: str | Path) -> None:
        """Write the faiss index to ``path`` and its settings to ``path`` + '.json'."""
        from topics._atomic import atomic_path, write_json

        faiss = _faiss()
        path = Path(path)
        with atomic_path(path) as tmp:
            faiss.write_index(self.index_, str(tmp))
        write_json(path.with_name(path.name + ".json"), self._state())

    def _state(self) -> dict:
        return {
            "format": FORMAT_VERSION,
            "kind": INDEX_KIND,
            "n_links": self.n_links,
            "build_breadth": self.build_breadth,
            "target_recall": self.target_recall,
            "random_state": self.random_state,
            "search_breadth_": self.search_breadth_,
            "calibration_recall_": self.calibration_recall_,
            "pays_off_": self.pays_off_,
            "n_vectors": self.n_vectors,
        }

    @classmethod
    def load(cls, path: str | Path) -> ApproximateIndex:
        faiss = _faiss()
        path = Path(path)
        state = parse_json(read_file_text(path.with_name(path.name + ".json")))
        if state.get("format") != FORMAT_VERSION or state.get("kind") != INDEX_KIND:
            raise ValueError(f"unsupported approximate index {state.get('kind')!r} format {state.get('format')!r}")
        self = cls(state["n_links"], build_breadth=state["build_breadth"], target_recall=state["target_recall"], random_state=state["random_state"])
        self.index_ = faiss.read_index(str(path))
        self.search_breadth_ = int(state["search_breadth_"])
        self.calibration_recall_ = float(state["calibration_recall_"])
        self.pays_off_ = bool(state["pays_off_"])
        if self.n_vectors != state["n_vectors"]:
            raise ValueError(f"holds {self.n_vectors} vectors, its settings say {state['n_vectors']}")
        return self
