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
   explains: a one-sided binomial test against the share of all dated units
   inside the same days (a busy month raises the bar), at level ``alpha`` or
   below, where the corpus's own articles need it: an article's paragraphs
   share its date, so where a few long articles hold a unit's neighbours the
   binomial is too liberal (two that the calendar put in one week look like a
   burst). The threshold is the p-value that at most ``alpha`` of like units
   reach with the articles' dates shuffled among them (:func:`null_thresholds`);
3. bursty units linked as neighbours inside that time span form a graph whose
   communities (modularity, :func:`topics.modeling.cluster.communities`) are the bursts,
   :func:`burst_communities`.

:mod:`topics.modeling.subtopics` turns the part of a burst inside one topic
into an event subtopic of that topic. Plain functions on arrays.
"""

from __future__ import annotations

import numpy as np

N_NEIGHBOURS = 20  # content neighbours a unit's burstiness is judged on
ALPHA = 0.01  # one-sided binomial test: more time-near neighbours than the corpus's density explains
N_PERMUTATIONS = 20  # article-date shuffles that calibrate the test's threshold (null_thresholds)
STRATUM_WIDTH = 2  # effective neighbour articles per group of units calibrated apart
# Communities of the bursty units' graph; above 1 parts stories of the same busy days
# (a capital falling, an airlift, a bombing in one fortnight) that modularity 1 merges.
# Never above 1 inside one linked group of units (burst_communities).
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
    random_state: int | None = 42, n_permutations: int = N_PERMUTATIONS,
) -> tuple[np.ndarray, np.ndarray]:
    """(bursty mask, neighbour matrix): which units' content neighbours crowd around their date.

    ``days``: days since any origin (NaN when undated; an undated unit is never bursty).
    The neighbour matrix holds, per unit, the row numbers of its ``n_neighbours`` nearest
    units from other articles that lie within ``window_days / 2`` of it (-1 elsewhere).
    ``neighbours``: :func:`content_neighbours` of the embeddings, when already searched.
    ``n_permutations``: article-date shuffles that calibrate the test (:func:`null_thresholds`; 0: none).
    """
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
    near, p_value = _burst_test(days, index, counted, half)
    threshold = np.minimum(alpha, null_thresholds(days, articles, index, counted, half, alpha, n_permutations, random_state,
                                                       n_neighbours))
    bursty = dated & (near.sum(axis=1) > 0) & (p_value < threshold)
    return bursty, np.where(near, index, -1)


def _burst_test(days: np.ndarray, index: np.ndarray, counted: np.ndarray, half: float) -> tuple[np.ndarray, np.ndarray]:
    """(near mask, p-values): the counted neighbours within ``half`` days of each unit, and the
    binomial tail of their count against the share of all dated units inside the same days."""
    from scipy.stats import binom

    dated = ~np.isnan(days)
    with np.errstate(invalid="ignore"):
        near = counted & (np.abs(days[index] - days[:, None]) <= half)
    sorted_days = np.sort(days[dated])
    around = np.searchsorted(sorted_days, days + half, "right") - np.searchsorted(sorted_days, days - half, "left")
    expected = np.clip((around - 1) / max(1, dated.sum() - 1), 1e-9, 1.0)
    n_near = near.sum(axis=1)
    p_value = np.where(dated & (n_near > 0), binom.sf(n_near - 1, counted.sum(axis=1), expected), 1.0)
    return near, p_value


def effective_articles(articles: np.ndarray, index: np.ndarray, counted: np.ndarray) -> np.ndarray:
    """Per unit, how many independent draws of the calendar its counted neighbours are: (sum of
    paragraphs per neighbour article)^2 / (sum of their squares): 20 when every neighbour is from an
    article of its own, 1 when one article holds them all."""
    codes = np.unique(articles, return_inverse=True)[1]
    # Each row's article codes sorted, so that an article's neighbours form one run (-1: not counted).
    listed = np.sort(np.where(counted, codes[index], -1), axis=1)
    opens = np.ones(listed.shape, bool)
    opens[:, 1:] = listed[:, 1:] != listed[:, :-1]
    starts = np.flatnonzero(opens.ravel())
    lengths = np.diff(np.append(starts, listed.size))
    kept = listed.ravel()[starts] >= 0
    row_of_run = starts[kept] // max(listed.shape[1], 1)
    paired = np.bincount(row_of_run, weights=lengths[kept].astype(np.float64) ** 2, minlength=len(index))
    n_counted = counted.sum(axis=1)
    return np.where(paired > 0, n_counted ** 2 / np.maximum(paired, 1), 0.0)


def null_thresholds(
    days: np.ndarray, articles: np.ndarray, index: np.ndarray, counted: np.ndarray, half: float, alpha: float,
    n_permutations: int = N_PERMUTATIONS, random_state: int | None = 42, n_neighbours: int = N_NEIGHBOURS,
) -> np.ndarray:
    """Per unit, the p-value below which at most ``alpha`` of the dated units like it are bursty when the
    dates carry no story: the same test with the dated articles' dates shuffled among them
    ``n_permutations`` times, read apart for units whose neighbours are alike in how many independent
    articles they hold (:func:`effective_articles`, in steps of ``STRATUM_WIDTH`` up to ``n_neighbours``).

    An article's paragraphs share its date, so the binomial over neighbour paragraphs is too liberal
    where long articles hold a unit's neighbours (two that the calendar put in one week look like a
    burst); shuffling whole articles keeps that structure, and the neighbour lists, as they are.
    1.0 (no calibration) without permutations or with fewer than two dated articles.
    """
    dated = ~np.isnan(days)
    codes = np.unique(articles, return_inverse=True)[1]
    first = np.full(codes.max() + 1, np.inf)
    np.minimum.at(first, codes[dated], days[dated])
    shuffled = np.flatnonzero(np.isfinite(first))  # the dated articles, whose dates are shuffled among them
    if n_permutations <= 0 or len(shuffled) < 2:
        return np.ones(len(days))
    offset = days - first[codes]  # a unit's day within its article's span, kept
    rng = np.random.default_rng(random_state)
    null = np.empty((n_permutations, len(days)))
    for k in range(n_permutations):
        drawn = first.copy()
        drawn[shuffled] = rng.permutation(first[shuffled])
        null[k] = _burst_test(drawn[codes] + offset, index, counted, half)[1]
    effective = effective_articles(articles, index, counted)
    edges = np.arange(STRATUM_WIDTH, n_neighbours, STRATUM_WIDTH)
    strata = np.searchsorted(edges, effective, side="right")
    judged = dated & counted.any(axis=1)  # a unit without neighbours (not searched in an update) is never bursty
    thresholds = np.ones(len(days))
    for stratum in np.unique(strata[judged]):
        members = strata == stratum
        values = np.sort(null[:, members & judged].ravel())
        thresholds[members] = values[int(alpha * len(values))]
    return thresholds


def find_bursts(
    embeddings: np.ndarray, days: np.ndarray, article_ids, window_days: float,
    random_state: int | None = 42, resolution: float = RESOLUTION, neighbours: np.ndarray | None = None,
    keys: np.ndarray | None = None,
) -> np.ndarray:
    """Burst number of every unit (-1: in none); one burst may span several topics.
    ``neighbours``: :func:`content_neighbours` of the embeddings, when already searched; ``keys``: the units'
    :func:`topics.modeling.cluster.text_keys`, the order the community search visits them in (None: over positions)."""
    from scipy import sparse

    from topics.modeling.cluster import renumber_by_size

    bursty, neighbours = bursty_units(
        embeddings, days, article_ids, window_days, neighbours=neighbours, random_state=random_state,
    )
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
    labels[in_graph] = burst_communities(graph[in_graph][:, in_graph], resolution, random_state,
                                         None if keys is None else keys[in_graph])
    return renumber_by_size(labels)


def burst_communities(graph, resolution: float, random_state: int | None, keys: np.ndarray | None = None) -> np.ndarray:
    """Communities of the bursty units' graph at ``resolution``, except that no linked group of units
    (connected component) is searched at a resolution above 1.

    Modularity weighs a group's links against the share of the whole graph's links it holds, so a
    component holding a share s of them is parted as if searched alone at ``resolution * s``. Above 1
    that parts even a group whose every unit links to every other: one story told by eleven articles
    fell into eleven bursts of one. Few units are bursty where each is a whole article (or in a small
    corpus), so there one story holds much of the graph; among many bursty paragraphs a story holds
    a small share, and this changes nothing."""
    from scipy.sparse.csgraph import connected_components

    from topics.modeling.cluster import communities

    labels = communities(graph, resolution, random_state, keys)
    _, component = connected_components(graph, directed=False)
    degrees = np.asarray(graph.sum(axis=1)).ravel()
    share = np.bincount(component, weights=degrees) / max(degrees.sum(), 1e-12)
    for group in np.flatnonzero(resolution * share > 1):
        rows = np.flatnonzero(component == group)
        local = communities(graph[rows][:, rows], 1.0, random_state, None if keys is None else keys[rows])
        labels[rows] = local + labels.max() + 1
    return labels
