"""Topics for corpora past one machine: fit on a sample, assign every unit on Ray.

UMAP and HDBSCAN need all their points in one process, so the topic model is
fitted on a random sample. Every unit is then assigned with the fitted
model's own ``transform`` in a Ray Data batch job, which also places each
unit on the 2-D map next to its nearest sample units. The topics are then
described (keywords, labels, representatives, hierarchy) from the full
assignment, not from the sample.

The fitted model travels to the workers in its own saved format (JSON,
Parquet, .npy: ``TopicModel.save``), never pickled.
"""

from __future__ import annotations

import io
import tarfile
import tempfile
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd

from topics.errors import InputError, TopicsError
from topics.validate import check_embeddings

DEFAULT_SAMPLE_SIZE = 20_000  # UMAP + HDBSCAN on this many units takes minutes on one machine
DEFAULT_ASSIGN_BATCH_SIZE = 8192  # units per actor call
LAYOUT_REFERENCES = 5_000  # sample units a new unit is placed among on the 2-D map
LAYOUT_NEIGHBOURS = 10

ProgressCallback = Callable[[int, int], None]  # (units assigned so far, units to assign)


def sample_rows(n_units: int, sample_size: int, random_state: int | None) -> np.ndarray:
    """The rows a model is fitted on: ``sample_size`` of ``n_units`` drawn at random, in row order."""
    if sample_size < 2:
        raise InputError("sample_size", f"must be at least 2, not {sample_size}")
    if n_units <= sample_size:
        return np.arange(n_units)
    return np.sort(np.random.default_rng(random_state).choice(n_units, size=sample_size, replace=False))


def fit_topics_with_ray(
    units: pd.DataFrame,
    embeddings: np.ndarray,
    model=None,
    *,
    sample_size: int = DEFAULT_SAMPLE_SIZE,
    address: str | None = None,
    num_workers: int | None = None,
    batch_size: int = DEFAULT_ASSIGN_BATCH_SIZE,
    progress: ProgressCallback | None = None,
):
    """Fit ``model`` (a TopicModel; default ``TopicModel()``) on a sample, assign every unit on Ray.

    Returns the model, fitted: its ``labels_``, ``probabilities_``,
    ``coords_2d_``, ``units_`` and descriptions cover every unit of
    ``units`` (row-aligned with ``embeddings``). With ``sample_size`` at
    least the number of units, the fit sees every unit and the Ray job only
    applies the model's ``transform`` to them.
    """
    from topics.model import TopicModel

    model = model if model is not None else TopicModel()
    units, embeddings = _check_units(units, embeddings)
    rows = sample_rows(len(units), sample_size, model.random_state)
    model.fit(units.iloc[rows].reset_index(drop=True), embeddings[rows])
    # Sample units keep their place on the fitted map; the others are placed among them.
    layout_rows = rows if len(rows) <= LAYOUT_REFERENCES else np.sort(
        np.random.default_rng(model.random_state).choice(rows, size=LAYOUT_REFERENCES, replace=False)
    )
    layout_coords = np.asarray(model.coords_2d_)[np.searchsorted(rows, layout_rows)]
    labels, coords = assign_with_ray(
        model,
        embeddings,
        layout=(embeddings[layout_rows], layout_coords),
        address=address,
        num_workers=num_workers,
        batch_size=batch_size,
        progress=progress,
    )
    coords[rows] = model.coords_2d_
    _describe_full_assignment(model, units, embeddings, labels, coords)
    return model


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
    """``model.transform(embeddings)`` as a Ray Data batch job: (topic per row, 2-D position per row).

    ``layout`` = (reference embeddings, their 2-D coordinates): each row is
    placed at the similarity-weighted mean position of its nearest
    references; without it the positions are None.
    """
    import pyarrow as pa
    from ray.data.extensions import ArrowTensorArray

    from topics.distributed._ray import cluster_resources, connect, pool_size, stream_batches

    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    embeddings = np.ascontiguousarray(embeddings, dtype=np.float32)
    n_rows = len(embeddings)
    labels = np.full(n_rows, -1, dtype=np.int64)
    coords = np.zeros((n_rows, 2), dtype=np.float32) if layout is not None else None
    if n_rows == 0:
        return labels, coords

    ray = connect(address)
    blocks = [
        pa.table({"row": np.arange(start, min(start + batch_size, n_rows)), "embedding": ArrowTensorArray.from_numpy(embeddings[start : start + batch_size])})
        for start in range(0, n_rows, batch_size)
    ]
    assigned = ray.data.from_arrow(blocks).map_batches(
        TopicAssigner,
        fn_constructor_kwargs={
            "saved_model": _saved_model_bytes(model),
            "layout_embeddings": None if layout is None else np.ascontiguousarray(layout[0], dtype=np.float32),
            "layout_coords": None if layout is None else np.ascontiguousarray(layout[1], dtype=np.float32),
        },
        batch_size=batch_size,
        batch_format="numpy",
        compute=ray.data.ActorPoolStrategy(size=pool_size(cluster_resources(ray), num_workers, len(blocks))),
        num_cpus=1,
    )
    done = 0
    seen = np.zeros(n_rows, dtype=bool)
    for batch in stream_batches(assigned):
        rows = batch["row"]
        labels[rows] = batch["topic_id"]
        if coords is not None:
            coords[rows] = batch["coords"]
        seen[rows] = True
        done += len(rows)
        if progress:
            progress(done, n_rows)
    if not seen.all():
        raise TopicsError(f"the Ray job assigned {int(seen.sum())} of {n_rows} units")
    return labels, coords


class TopicAssigner:
    """A Ray Data actor: loads the fitted model once, then assigns one batch per call."""

    def __init__(self, saved_model: bytes, layout_embeddings: np.ndarray | None, layout_coords: np.ndarray | None):
        from topics.model import TopicModel

        with tempfile.TemporaryDirectory() as folder:
            with tarfile.open(fileobj=io.BytesIO(saved_model)) as archive:
                archive.extractall(folder, filter="data")
            self.model = TopicModel.load(Path(folder) / "model")
        self.layout_embeddings = layout_embeddings
        self.layout_coords = layout_coords

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        vectors = np.asarray(batch["embedding"], dtype=np.float32)
        out = {"row": batch["row"], "topic_id": self.model.transform(vectors)}
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


def _check_units(units, embeddings) -> tuple[pd.DataFrame, np.ndarray]:
    if not isinstance(units, pd.DataFrame) or "text" not in units.columns:
        raise InputError("units", "expected the DataFrame of corpus.units(level), with a 'text' column")
    embeddings = check_embeddings(embeddings, n_rows=len(units))
    units = units.reset_index(drop=True)
    if "unit_id" not in units.columns:  # ids for the whole corpus, not per sample
        units = units.assign(unit_id=[str(i) for i in range(len(units))])
    if "article_id" not in units.columns:
        units = units.assign(article_id=units["unit_id"])
    return units, embeddings


def _describe_full_assignment(model, units: pd.DataFrame, embeddings: np.ndarray, labels: np.ndarray, coords: np.ndarray) -> None:
    """Make the fitted model hold every unit with its assigned topic, and describe the
    topics from all of them (centroids, hierarchy, keywords, representatives)."""
    sample_units = model.units_
    for column in sample_units.columns:
        if column not in units.columns:
            units = units.assign(**{column: None})
    model.units_ = units
    model.embeddings_ = embeddings
    # TopicModel recomputes everything it learns from a labelling here.
    model._set_topics(labels, None)
    model.coords_2d_ = coords
