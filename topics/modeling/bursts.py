"""Bursts: groups of units that say the same thing in the same few days, across articles.

A news event shows as a burst: for a while, many articles carry paragraphs
close in meaning to each other, and those paragraphs' nearest neighbours in
the whole corpus lie in the same few days. Text alone misses it (the same kind
of story, an attack or a deal, recurs month after month) and time alone misses
it (a busy month holds many stories), so both are read together:

1. every unit's ``n_neighbours`` most similar units from *other* articles (one
   long article's paragraphs share a date and would make any of its themes look
   like a burst);
2. the unit is *bursty* when more of those neighbours fall within half an
   event window of its own date than the corpus's own density around that date
   explains: a one-sided binomial test at level ``alpha`` against the share of
   all dated units inside the same days (a busy month raises the bar);
3. bursty units linked as neighbours inside that time span form a graph whose
   communities (modularity, :func:`topics.modeling.cluster.communities`) are the bursts.

:mod:`topics.modeling.subtopics` turns the part of a burst inside one topic
into an event subtopic of that topic. Plain functions on arrays.
"""

from __future__ import annotations

import numpy as np

N_NEIGHBOURS = 20  # content neighbours a unit's burstiness is judged on
ALPHA = 0.01  # one-sided binomial test: more time-near neighbours than the corpus's density explains
# Communities of the bursty units' graph; above 1 parts stories of the same busy days
# (a capital falling, an airlift, a bombing in one fortnight) that modularity 1 merges.
RESOLUTION = 3.0


def content_neighbours(embeddings: np.ndarray, n_neighbours: int = N_NEIGHBOURS, similarities: bool = False):
    """Row numbers of each unit's nearest units by content, nearest first (itself among them);
    with ``similarities``, also their exact (float64) similarities.

    Three times ``n_neighbours``, so that ``n_neighbours`` remain from other articles in most
    cases. The search does not depend on the window, so one search serves every burst scale.
    """
    from topics.modeling.cluster import normalise_rows
    from topics.modeling.neighbours import nearest

    vectors = normalise_rows(embeddings)
    found = nearest(vectors, vectors, 3 * n_neighbours + 1, np.float64 if similarities else np.float32)
    return found if similarities else found[0]


def bursty_units(
    embeddings: np.ndarray, days: np.ndarray, article_ids, window_days: float,
    n_neighbours: int = N_NEIGHBOURS, alpha: float = ALPHA, neighbours: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """(bursty mask, neighbour matrix): which units' content neighbours crowd around their date.

    ``days``: days since any origin (NaN when undated; an undated unit is never bursty).
    The neighbour matrix holds, per unit, the row numbers of its ``n_neighbours`` nearest
    units from other articles that lie within ``window_days / 2`` of it (-1 elsewhere).
    ``neighbours``: :func:`content_neighbours` of the embeddings, when already searched.
    """
    from scipy.stats import binom

    days = np.asarray(days, dtype=np.float64)
    articles = np.asarray([str(a) for a in article_ids], dtype=object)
    n_units = len(days)
    dated = ~np.isnan(days)
    if n_units < 3 or dated.sum() < 3:
        return np.zeros(n_units, bool), np.full((n_units, 1), -1, np.int64)
    index = content_neighbours(embeddings, n_neighbours) if neighbours is None else neighbours
    other = articles[index] != articles[:, None]
    counted = other & (np.cumsum(other, axis=1) <= n_neighbours)
    half = window_days / 2
    with np.errstate(invalid="ignore"):
        near = counted & (np.abs(days[index] - days[:, None]) <= half)
    sorted_days = np.sort(days[dated])
    around = np.searchsorted(sorted_days, days + half, "right") - np.searchsorted(sorted_days, days - half, "left")
    expected = np.clip((around - 1) / max(1, dated.sum() - 1), 1e-9, 1.0)
    p_value = binom.sf(near.sum(axis=1) - 1, counted.sum(axis=1), expected)
    bursty = dated & (near.sum(axis=1) > 0) & (p_value < alpha)
    return bursty, np.where(near, index, -1)


def find_bursts(
    embeddings: np.ndarray, days: np.ndarray, article_ids, window_days: float,
    random_state: int | None = 42, resolution: float = RESOLUTION, neighbours: np.ndarray | None = None,
) -> np.ndarray:
    """Burst number of every unit (-1: in none); one burst may span several topics.
    ``neighbours``: :func:`content_neighbours` of the embeddings, when already searched."""
    from scipy import sparse

    from topics.modeling.cluster import communities, renumber_by_size

    bursty, neighbours = bursty_units(embeddings, days, article_ids, window_days, neighbours=neighbours)
    labels = np.full(len(bursty), -1, np.int64)
    if bursty.sum() < 2:
        return labels
    rows, slots = np.nonzero((neighbours >= 0) & bursty[:, None])
    cols = neighbours[rows, slots]
    linked = bursty[cols]
    rows, cols = rows[linked], cols[linked]
    if len(rows) == 0:
        return labels
    n_units = len(bursty)
    graph = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n_units, n_units))
    graph = ((graph + graph.T) > 0).astype(np.float64)
    in_graph = np.flatnonzero(np.asarray(graph.sum(axis=1)).ravel() > 0)
    labels[in_graph] = communities(graph[in_graph][:, in_graph], resolution, random_state)
    return renumber_by_size(labels)
