"""Topics for corpora past one machine: the local sample fit, with its neighbour search on Ray.

UMAP and HDBSCAN need all their points in one process, so past the sample size
the topic model fits them on a random sample and every other unit takes the
topic its nearest sampled units vote for (:mod:`topics.modeling.sampling`). Here the
search for those neighbours (every unit against the sample: the part that
grows with the corpus) runs as a Ray Data batch job; the sample, the vote, the
outlier handling and the descriptions are the local model's own code, so Ray
and a local ``TopicModel(max_fit_units=sample_size)`` give the same topics.

``assign_with_ray`` applies a fitted model's ``predict`` to new units on Ray.
The fitted model travels to the workers in its own saved format (JSON,
Parquet, .npy: ``TopicModel.save``), never pickled.
Owns: the Ray jobs of topic fitting and assignment. May import: numpy, pandas,
pyarrow/ray (inside functions), :mod:`topics.modeling.model`, :mod:`topics.modeling.model_input`,
:mod:`topics.modeling.sampling`, :mod:`topics.modeling.neighbours`, :mod:`topics.modeling.cell_search`,
:mod:`topics.validate`, :mod:`topics.distributed._ray`.
"""

from __future__ import annotations

import functools
import io
import tarfile
import tempfile
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd

from topics.errors import TopicsError
from topics.modeling.sampling import DEFAULT_MAX_FIT_UNITS, VOTE_NEIGHBOURS, sample_rows  # noqa: F401  (sample_rows re-exported)
from topics.validate import check_embeddings

DEFAULT_SAMPLE_SIZE = DEFAULT_MAX_FIT_UNITS  # UMAP + HDBSCAN on this many units takes minutes on one machine
DEFAULT_ASSIGN_BATCH_SIZE = 8192  # units per actor call
LAYOUT_NEIGHBOURS = 10

ProgressCallback = Callable[[int, int], None]  # (units done so far, units to do)


def fit_topics_with_ray(
    units,
    embeddings: np.ndarray | None = None,
    model=None,
    *,
    level: str | None = None,
    sample_size: int | None = None,
    address: str | None = None,
    num_workers: int | None = None,
    batch_size: int = DEFAULT_ASSIGN_BATCH_SIZE,
    progress: ProgressCallback | None = None,
):
    """Fit ``model`` (a TopicModel; default ``TopicModel()``) on every unit, as
    ``model.fit(units, embeddings=embeddings, level=level)`` with ``max_fit_units=sample_size`` would,
    the search for each unsampled unit's nearest sampled units done on Ray.

    ``units``: units (``corpus.units(level)``), texts, or a ``Corpus`` with ``level`` ("paragraph", the
    default, or "article": each article the mean of its paragraphs' vectors, as ``topics report`` clusters
    it). ``embeddings``: their vectors, row-aligned (default: the model's embedder embeds them, through its
    cache). The neighbours are searched among the vectors the fit clusters: with the corpus's formulas left
    out, as the model's ``formulas`` and ``embedder`` say (the texts without them are embedded here,
    through the embedder's cache, as in a local fit).
    ``sample_size``: None = the model's ``max_fit_units``. With no more units than that the fit
    runs locally as it is. Returns the model, fitted on all units (row-aligned with ``embeddings``).
    """
    from topics.modeling.cell_search import cell_centres, worth_cells
    from topics.modeling.model import TopicModel
    from topics.modeling.model_input import corpus_and_units
    from topics.modeling.sampling import SampleNeighbours

    model = model if model is not None else TopicModel()
    corpus, units, _ = corpus_and_units(units, level, "fit_topics_with_ray")
    if embeddings is not None:
        check_embeddings(embeddings, n_rows=len(units))  # refused before anything is embedded or sent
    fit = functools.partial(model.fit, units if corpus is None else corpus, embeddings=embeddings, level=level)
    sample_size = model.max_fit_units if sample_size is None else int(sample_size)
    if sample_size is None or len(units) <= sample_size:
        return fit()
    seed = None if model.random_state is None else int(model.random_state)
    sample = sample_rows(len(units), sample_size, seed)
    rest = np.setdiff1d(np.arange(len(units)), sample, assume_unique=True)

    def search_on_ray(vectors: np.ndarray) -> SampleNeighbours:
        # ``vectors``: exactly the rows the fit clusters (formulas left out, normalised once): UMAP turns
        # a last-bit difference into other topics.
        sample_embeddings = np.ascontiguousarray(vectors[sample], dtype=np.float32)
        centres = None  # the local fit's cells where it searches by cells (topics.modeling.cell_search)
        if worth_cells(len(sample), len(rest)):
            centres = cell_centres(sample_embeddings, seed)
        neighbours, similarities = nearest_with_ray(
            sample_embeddings, vectors[rest], VOTE_NEIGHBOURS, centres=centres,
            address=address, num_workers=num_workers, batch_size=batch_size, progress=progress,
        )
        return SampleNeighbours(sample, rest, neighbours, similarities, len(units), sample_embeddings)

    return fit(sample_neighbours=search_on_ray)


def nearest_with_ray(
    base: np.ndarray,
    queries: np.ndarray,
    k: int,
    *,
    centres: np.ndarray | None = None,
    address: str | None = None,
    num_workers: int | None = None,
    batch_size: int = DEFAULT_ASSIGN_BATCH_SIZE,
    progress: ProgressCallback | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`topics.modeling.neighbours.nearest` (each query's ``k`` most similar ``base`` rows) as a Ray job;
    with ``centres``, :func:`topics.modeling.cell_search.nearest_by_cells` in those cells."""
    n_rows = len(queries)
    k = min(int(k), len(base))
    indices = np.zeros((n_rows, k), dtype=np.int64)
    similarities = np.zeros((n_rows, k), dtype=np.float32)
    results = _run_batches(
        queries, NeighbourSearch, {"base": np.ascontiguousarray(base, dtype=np.float32), "k": k, "centres": centres},
        address=address, num_workers=num_workers, batch_size=batch_size, progress=progress,
    )
    for batch in results:
        indices[batch["row"]] = batch["indices"]
        similarities[batch["row"]] = batch["similarities"]
    return indices, similarities


class NeighbourSearch:
    """A Ray Data actor: holds the sample once, then finds each batch's nearest sample rows."""

    def __init__(self, base: np.ndarray, k: int, centres: np.ndarray | None = None):
        self.base = base
        self.k = k
        self.centres = centres

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        from topics.modeling.cell_search import nearest_by_cells
        from topics.modeling.neighbours import nearest

        queries = np.asarray(batch["embedding"], dtype=np.float32)
        if self.centres is None:
            indices, similarities = nearest(self.base, queries, self.k)
        else:
            indices, similarities = nearest_by_cells(self.base, queries, self.k, centres=self.centres)
        return {"row": batch["row"], "indices": indices, "similarities": similarities}


def _run_batches(vectors: np.ndarray, actor, actor_kwargs: dict, *, address, num_workers, batch_size, progress):
    """Yield the output batches of ``actor`` over ``vectors`` (with a ``row`` column) on an actor pool;
    every row must come back once."""
    import pyarrow as pa
    from ray.data.extensions import ArrowTensorArray

    from topics.distributed._ray import cluster_resources, connect, pool_size, stream_batches

    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    n_rows = len(vectors)
    if n_rows == 0:
        return
    ray = connect(address)
    blocks = [
        pa.table({"row": np.arange(start, min(start + batch_size, n_rows)), "embedding": ArrowTensorArray.from_numpy(vectors[start : start + batch_size])})
        for start in range(0, n_rows, batch_size)
    ]
    dataset = ray.data.from_arrow(blocks).map_batches(
        actor,
        fn_constructor_kwargs=actor_kwargs,
        batch_size=batch_size,
        batch_format="numpy",
        compute=ray.data.ActorPoolStrategy(size=pool_size(cluster_resources(ray), num_workers, len(blocks))),
        num_cpus=1,
    )
    done = 0
    seen = np.zeros(n_rows, dtype=bool)
    for batch in stream_batches(dataset):
        seen[batch["row"]] = True
        done += len(batch["row"])
        if progress:
            progress(done, n_rows)
        yield batch
    if not seen.all():
        raise TopicsError(f"the Ray job answered for {int(seen.sum())} of {n_rows} units")


def assign_with_ray(
    model,
    embeddings: np.ndarray,
    *,
    layout: tuple[np.ndarray, np.ndarray] | None = None,
    address: str | None = None,
    num_workers: int | None = None,
    batch_size: int = DEFAULT_ASSIGN_BATCH_SIZE,
    progress: ProgressCallback | None = None,
) -> tuple[np.ndarray, np.ndarray | None]:
    """``model.predict(embeddings)`` as a Ray Data batch job: (topic per row, 2-D position per row).

    ``layout`` = (reference embeddings, their 2-D coordinates): each row is
    placed at the similarity-weighted mean position of its nearest
    references; without it the positions are None.
    """
    # Checked here as predict checks them: a worker's failure would arrive without the reason.
    model._check_fitted()
    embeddings = check_embeddings(embeddings, dim=model.topic_embeddings_.shape[1])
    n_rows = len(embeddings)
    labels = np.full(n_rows, -1, dtype=np.int64)
    coords = np.zeros((n_rows, 2), dtype=np.float32) if layout is not None else None
    results = _run_batches(
        embeddings, TopicAssigner,
        {
            "saved_model": _saved_model_bytes(model),
            "layout_embeddings": None if layout is None else np.ascontiguousarray(layout[0], dtype=np.float32),
            "layout_coords": None if layout is None else np.ascontiguousarray(layout[1], dtype=np.float32),
        },
        address=address, num_workers=num_workers, batch_size=batch_size, progress=progress,
    )
    for batch in results:
        labels[batch["row"]] = batch["topic_id"]
        if coords is not None:
            coords[batch["row"]] = batch["coords"]
    return labels, coords


class TopicAssigner:
    """A Ray Data actor: loads the fitted model once, then assigns one batch per call."""

    def __init__(self, saved_model: bytes, layout_embeddings: np.ndarray | None, layout_coords: np.ndarray | None):
        from topics.modeling.model import TopicModel

        with tempfile.TemporaryDirectory() as folder:
            with tarfile.open(fileobj=io.BytesIO(saved_model)) as archive:
                archive.extractall(folder, filter="data")
            self.model = TopicModel.load(Path(folder) / "model")
        self.layout_embeddings = layout_embeddings
        self.layout_coords = layout_coords

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        vectors = np.asarray(batch["embedding"], dtype=np.float32)
        out = {"row": batch["row"], "topic_id": self.model.predict(vectors)}
        if self.layout_embeddings is not None:
            out["coords"] = place_among(vectors, self.layout_embeddings, self.layout_coords)
        return out


def place_among(vectors: np.ndarray, reference_vectors: np.ndarray, reference_coords: np.ndarray, k: int = LAYOUT_NEIGHBOURS) -> np.ndarray:
    """2-D positions: the similarity-weighted mean position of each vector's k most similar
    references (how UMAP itself starts a new point before optimising it)."""
    k = min(k, len(reference_vectors))
    similarity = vectors @ reference_vectors.T
    nearest = np.argpartition(-similarity, k - 1, axis=1)[:, :k]
    weights = np.clip(np.take_along_axis(similarity, nearest, axis=1), 1e-6, None)
    weights /= weights.sum(axis=1, keepdims=True)
    return np.einsum("nk,nkd->nd", weights, reference_coords[nearest]).astype(np.float32)


def _saved_model_bytes(model) -> bytes:
    """The fitted model as a tar of its saved folder: what a worker rebuilds it from."""
    with tempfile.TemporaryDirectory() as folder:
        saved = model.save(Path(folder) / "model")
        buffer = io.BytesIO()
        with tarfile.open(fileobj=buffer, mode="w") as archive:
            archive.add(saved, arcname="model")
        return buffer.getvalue()
