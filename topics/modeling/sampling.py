"""Large corpora: fit the expensive steps on a sample, let every other unit follow its neighbours.

UMAP and HDBSCAN grow faster than linearly and UMAP runs on one core when
seeded. Past ``TopicModel(max_fit_units=...)`` units they see a random sample;
each other unit then takes the topic its nearest sampled units vote for (an
outlier when most of them are outliers) and a map position among those of its
neighbours that share its topic. Measured on 100,000 paragraph vectors: NMI
0.535 with a 20,000 sample and neighbour votes, 0.487 joining each unit to the
nearest topic centroid instead (benchmarks/scaling.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

# Past this many units UMAP and HDBSCAN are fitted on a random sample of this size.
DEFAULT_MAX_FIT_UNITS = 20_000
# A smaller sample would leave too few units per topic for density clustering.
MIN_MAX_FIT_UNITS = 500
# Sampled neighbours that vote on each other unit's topic and place it on the map.
VOTE_NEIGHBOURS = 15


def sample_rows(n_units: int, sample_size: int, random_state: int | None) -> np.ndarray:
    """The rows the expensive steps see: ``sample_size`` of ``n_units`` drawn at random, in row order
    (every row when there are no more than ``sample_size``). The local fit and the Ray path both draw here."""
    if sample_size < 2:
        from topics.errors import InputError

        raise InputError("sample_size", f"must be at least 2, not {sample_size}")
    if n_units <= sample_size:
        return np.arange(n_units)
    return np.sort(np.random.default_rng(random_state).choice(n_units, size=sample_size, replace=False))


@dataclass
class SampleNeighbours:
    """A random sample of the units and, for every unit outside it, its nearest sampled units."""

    sample: np.ndarray  # sorted row numbers of the sampled units
    rest: np.ndarray  # the other rows, sorted
    neighbours: np.ndarray  # (len(rest), k) positions in ``sample``, nearest first
    similarities: np.ndarray  # (len(rest), k) cosine similarities to them
    n_units: int
    sample_embeddings: np.ndarray = field(repr=False)
    _graphs: dict = field(default_factory=dict, repr=False)

    @classmethod
    def draw(cls, embeddings: np.ndarray, size: int, random_state: int | None, n_neighbors: int = VOTE_NEIGHBOURS):
        """Sample ``size`` of the (L2-normalised) ``embeddings`` and find the others' neighbours in it:
        exactly, or cell by cell where that pays (:mod:`topics.modeling.cell_search`)."""
        from topics.modeling.cell_search import nearest_by_cells, worth_cells
        from topics.modeling.neighbours import nearest

        n_units = len(embeddings)
        sample = sample_rows(n_units, size, random_state)
        rest = np.setdiff1d(np.arange(n_units), sample, assume_unique=True)
        sample_embeddings = np.ascontiguousarray(embeddings[sample], dtype=np.float32)
        if worth_cells(len(sample), len(rest)):
            neighbours, similarities = nearest_by_cells(sample_embeddings, embeddings[rest], n_neighbors, random_state)
        else:
            neighbours, similarities = nearest(sample_embeddings, embeddings[rest], n_neighbors)
        return cls(sample, rest, neighbours, similarities, n_units, sample_embeddings)

    def graph(self, n_neighbors: int):
        """The sample's own neighbour graph for UMAP, computed once per neighbourhood size."""
        from topics.modeling.reduce import neighbour_graph

        if n_neighbors not in self._graphs:
            self._graphs[n_neighbors] = neighbour_graph(self.sample_embeddings, n_neighbors)
        return self._graphs[n_neighbors]

    def spread_labels(self, sample_labels: np.ndarray, sample_strengths: np.ndarray):
        """(labels, strengths) for all units from those of the sample.

        Each other unit takes the label (outlier -1 included) with the largest summed
        similarity among its neighbours; its strength is that label's share of the vote
        times the mean strength of the neighbours that cast it.
        """
        sample_labels = np.asarray(sample_labels, dtype=np.int64)
        neighbour_labels = sample_labels[self.neighbours]
        weights = np.clip(self.similarities, 1e-6, None).astype(np.float64)
        candidates = np.unique(neighbour_labels)
        n_rest, n_candidates = len(self.rest), len(candidates)
        cells = np.arange(n_rest)[:, None] * n_candidates + np.searchsorted(candidates, neighbour_labels)
        votes = np.bincount(cells.ravel(), weights.ravel(), minlength=n_rest * n_candidates)
        votes = votes.reshape(n_rest, n_candidates)
        winner = votes.argmax(axis=1)
        rest_labels = candidates[winner]
        agree = neighbour_labels == rest_labels[:, None]
        share = votes[np.arange(len(winner)), winner] / weights.sum(axis=1)
        strength = np.where(agree, sample_strengths[self.neighbours], 0.0).sum(axis=1) / agree.sum(axis=1)
        labels = np.empty(self.n_units, dtype=np.int64)
        strengths = np.empty(self.n_units, dtype=np.float64)
        labels[self.sample], strengths[self.sample] = sample_labels, sample_strengths
        labels[self.rest] = rest_labels
        strengths[self.rest] = np.where(rest_labels >= 0, share * strength, 0.0)
        return labels, strengths

    def spread_coords(self, sample_coords: np.ndarray, labels: np.ndarray | None = None) -> np.ndarray:
        """2-D positions for all units: each other unit at the similarity-weighted mean of its
        neighbours' positions, using only neighbours with its own label when it has any."""
        coords = np.empty((self.n_units, sample_coords.shape[1]), dtype=np.float32)
        coords[self.sample] = sample_coords
        weights = np.clip(self.similarities, 1e-6, None).astype(np.float64)
        if labels is not None:
            labels = np.asarray(labels)
            same = labels[self.sample][self.neighbours] == labels[self.rest][:, None]
            weights = np.where(same.any(axis=1, keepdims=True), np.where(same, weights, 0.0), weights)
        weights /= weights.sum(axis=1, keepdims=True)
        coords[self.rest] = np.einsum("rk,rkd->rd", weights, sample_coords[self.neighbours]).astype(np.float32)
        return coords
