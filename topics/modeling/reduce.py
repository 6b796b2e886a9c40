"""UMAP reduction of unit embeddings, with parameters that follow the corpus size.

Clustering works on a few UMAP dimensions (density is meaningful there, not in
384-D); maps use a separate 2-D layout. Tiny corpora skip UMAP: its spectral
initialisation and neighbour graph are meaningless on a handful of points, and
it fails outright on fewer points than neighbours.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

# Below this many units UMAP is not run: clustering uses the embeddings
# themselves and the 2-D layout comes from PCA.
MIN_UNITS_FOR_UMAP = 16
LAYOUT_EPOCHS = 200
# Up to EXACT_GRAPH_MAX_UNITS units the neighbour graph is exact (topics.modeling.neighbours) and
# shared by the clustering and the map layout. Below 4,096 units UMAP would otherwise compute all
# pairwise distances with a Python-level metric (35 s of a 2,072-article fit on a loaded machine);
# above, its NN-descent search compiles ~20 s of numba code in every new process. Past the upper
# bound NN-descent's n log n cost wins over n² products.
EXACT_GRAPH_MAX_UNITS = 50_000
ZERO_DISTANCE = 1e-6


@dataclass(frozen=True)
class ReductionParams:
    """UMAP settings chosen for one corpus size."""

    n_neighbors: int
    n_components: int
    min_dist: float = 0.0
    metric: str = "cosine"


def reduction_params(n_units: int, n_components: int = 5) -> ReductionParams:
    """Neighbourhood size grows slowly with the corpus: n ** 0.4, between 10 and 30.

    Small corpora need few neighbours so a neighbourhood does not span several
    topics; larger ones more, which makes the topics steadier from seed to seed
    (BBC News, 2,072 articles: 20 neighbours give a mean ARI of 0.87 between
    seeds where 13 give 0.74).
    """
    if n_units < MIN_UNITS_FOR_UMAP:
        return ReductionParams(n_neighbors=max(1, n_units - 1), n_components=min(n_components, max(1, n_units - 1)))
    if n_units < 200:
        n_neighbors = int(np.clip(round(n_units / 8), 5, 15))
    else:
        n_neighbors = int(np.clip(round(n_units**0.4), 10, 30))
    return ReductionParams(n_neighbors=n_neighbors, n_components=min(n_components, n_units - 2))


def neighbour_graph(embeddings: np.ndarray, n_neighbors: int) -> tuple[np.ndarray, np.ndarray] | None:
    """The neighbour graph to hand UMAP, or None where UMAP's own search is the better one.

    Tiny corpora (no UMAP) and past ``EXACT_GRAPH_MAX_UNITS`` units (where UMAP's approximate
    search is cheaper than n² products): None. In between: :func:`exact_neighbour_graph`.
    """
    n_units = len(embeddings)
    if n_units < MIN_UNITS_FOR_UMAP or n_units > EXACT_GRAPH_MAX_UNITS:
        return None
    return exact_neighbour_graph(embeddings, n_neighbors)


def exact_neighbour_graph(embeddings: np.ndarray, n_neighbors: int) -> tuple[np.ndarray, np.ndarray]:
    """Exact cosine k-nearest neighbours as UMAP takes them: (indices int32, distances float32).

    Each unit is its own first neighbour, at distance 0, as in UMAP's own search.
    """
    from topics.modeling.neighbours import nearest

    unit_vectors = _unit_rows(embeddings)
    indices, similarities = nearest(unit_vectors, unit_vectors, n_neighbors)
    cosine = np.clip(1.0 - similarities, 0.0, 2.0)
    # Rounding leaves ~1e-7 where the distance is 0 (a unit to itself); UMAP's fuzzy graph
    # measures from the first distance above 0, so that noise must not count as a neighbour.
    cosine[cosine < ZERO_DISTANCE] = 0.0
    return indices.astype(np.int32), cosine.astype(np.float32)


def knn_graph(embeddings: np.ndarray, n_neighbors: int, random_state: int | None = None):
    """The cosine k-nearest-neighbour graph of any corpus: exact up to ``EXACT_GRAPH_MAX_UNITS``
    units, past that pynndescent's approximate search (what UMAP itself runs there)."""
    if len(embeddings) <= EXACT_GRAPH_MAX_UNITS:
        return exact_neighbour_graph(embeddings, n_neighbors)
    from pynndescent import NNDescent

    search = NNDescent(_unit_rows(embeddings), metric="cosine", n_neighbors=n_neighbors, random_state=random_state,
                       low_memory=True, n_jobs=1 if random_state is not None else -1)
    indices, distances = search.neighbor_graph
    return indices.astype(np.int32), distances.astype(np.float32)


def fuzzy_graph(embeddings: np.ndarray, n_neighbors: int, graph=None, random_state: int | None = None):
    """UMAP's weighted, symmetric neighbour graph (scipy CSR): the graph both its layouts start from.

    Deterministic given the kNN graph (``graph``: a ``neighbour_graph`` already computed; None =
    computed here), so clustering it keeps topics steady where a layout would not.
    """
    from topics.modeling.fuzzy import fuzzy_simplicial_set  # umap's own needs its numba code compiled

    indices, distances = graph if graph is not None else knn_graph(embeddings, n_neighbors, random_state)
    return fuzzy_simplicial_set(indices, distances, n_neighbors)


def _unit_rows(embeddings: np.ndarray) -> np.ndarray:
    from topics.validate import unit_rows

    return unit_rows(np.asarray(embeddings, dtype=np.float32))


def _umap(
    embeddings: np.ndarray,
    params: ReductionParams,
    random_state: int,
    n_components: int,
    min_dist: float,
    n_epochs: int | None = None,
    graph: tuple[np.ndarray, np.ndarray] | None = None,
):
    from topics.modeling._numba_cache import umap  # compiled code cached on disk across processes

    # UMAP writes into the arrays it is given: hand it copies so the graph can be shared.
    precomputed = (None, None, None) if graph is None else (graph[0].copy(), graph[1].copy(), None)
    reducer = umap.UMAP(
        n_neighbors=params.n_neighbors,
        n_components=n_components,
        min_dist=min_dist,
        metric=params.metric,
        random_state=random_state,
        # A fixed random_state makes UMAP reproducible and single-threaded.
        n_jobs=1 if random_state is not None else -1,
        low_memory=True,
        n_epochs=n_epochs,
        precomputed_knn=precomputed,
    )
    with warnings.catch_warnings():
        # "n_jobs value 1 overridden", "spectral initialisation failed" (falls back to random
        # init, still seeded): informative for UMAP users, noise for ours.
        warnings.simplefilter("ignore")
        return reducer.fit_transform(embeddings).astype(np.float32)


def reduce_embeddings(embeddings: np.ndarray, params: ReductionParams, random_state: int, graph=None) -> np.ndarray:
    """Vectors to cluster on: UMAP (n, n_components), or the embeddings themselves for tiny corpora.

    ``graph``: the units' ``neighbour_graph`` when already computed (None: computed here).
    """
    n_units = len(embeddings)
    if n_units < MIN_UNITS_FOR_UMAP:
        return np.asarray(embeddings, dtype=np.float32)
    graph = graph if graph is not None else neighbour_graph(embeddings, params.n_neighbors)
    return _umap(embeddings, params, random_state, params.n_components, params.min_dist, graph=graph)


def layout_2d(embeddings: np.ndarray, params: ReductionParams, random_state: int, graph=None, labels=None) -> np.ndarray:
    """2-D coordinates for maps: PCA for tiny corpora, the numpy layout of the neighbour graph up to
    ``map_layout.MAX_UNITS`` units (no numba code to compile on a first run).

    Past that the layout is made for a random sample of ``SAMPLE_UNITS`` units and every other unit sits
    among its nearest sampled units (those with its own ``labels`` when it has any), as the units
    outside a large fit's sample do. At 10,000 BBC paragraphs (docs/benchmarks.md): UMAP's own 2-D layout
    about 11 CPU s (trustworthiness 0.94), a 5,000 sample 4.1 (0.92), the whole graph in 100 epochs 2.5 (0.93).
    """
    from topics.modeling.map_layout import MAX_UNITS, SAMPLE_UNITS, epochs_for, graph_layout

    n_units = len(embeddings)
    if n_units < MIN_UNITS_FOR_UMAP:
        return pca_2d(embeddings)
    if n_units > MAX_UNITS:
        from topics.modeling.sampling import SampleNeighbours

        sampled = SampleNeighbours.draw(_unit_rows(embeddings), SAMPLE_UNITS, random_state)
        sample_params = reduction_params(SAMPLE_UNITS)
        sample_coords = layout_2d(sampled.sample_embeddings, sample_params, random_state, sampled.graph(sample_params.n_neighbors))
        return sampled.spread_coords(sample_coords, labels)
    graph = graph if graph is not None else neighbour_graph(embeddings, params.n_neighbors)
    weights = fuzzy_graph(embeddings, params.n_neighbors, graph)
    return graph_layout(weights, pca_2d(embeddings), random_state, n_epochs=epochs_for(n_units))


def umap_layout_2d(embeddings: np.ndarray, params: ReductionParams, random_state: int, graph=None) -> np.ndarray:
    """UMAP's 2-D layout, with some spread (min_dist 0.1)."""
    # 200 epochs (UMAP's own choice past 10,000 points) is plenty for a picture and halves the
    # time UMAP's default 500 takes on smaller corpora; clustering keeps the default (measured on
    # BBC News: 200 epochs there cost 0.04 NMI and 0.07 seed-to-seed ARI).
    return _umap(embeddings, params, random_state, 2, 0.1, n_epochs=LAYOUT_EPOCHS, graph=graph)


def pca_2d(embeddings: np.ndarray) -> np.ndarray:
    """Deterministic 2-D PCA (sign fixed so repeated runs agree); zeros when there is no spread.

    From the eigenvectors of the d x d covariance, not an SVD of the n x d data: the same axes
    for a fraction of the work (a full SVD of 1,000 x 384 took seconds on busy cores).
    """
    x = np.asarray(embeddings, dtype=np.float64)
    coords = np.zeros((len(x), 2), dtype=np.float32)
    if len(x) < 2:
        return coords
    from threadpoolctl import threadpool_limits  # a scikit-learn dependency

    centred = x - x.mean(axis=0)
    # One BLAS thread: on a d x d problem (d = 384) threads only wait on one another, and on busy
    # cores OpenBLAS's waiting threads spun 0.2-1.8 CPU s on this step against 0.04 s on one thread.
    with threadpool_limits(1, user_api="blas"):
        eigenvalues, eigenvectors = np.linalg.eigh(centred.T @ centred)
    order = np.argsort(eigenvalues)[::-1]
    spread = np.sqrt(np.clip(eigenvalues[order], 0.0, None))
    n = int(min(2, int((spread > 1e-9 * max(spread[0], 1e-30)).sum())))
    for j in range(n):
        column = centred @ eigenvectors[:, order[j]]
        # Eigenvector signs are arbitrary: make the largest-magnitude coordinate positive.
        if column[np.argmax(np.abs(column))] < 0:
            column = -column
        coords[:, j] = column
    return coords


def lexical_semantic_vectors(texts: list[str], embeddings: np.ndarray, random_state: int | None) -> np.ndarray:
    """Embeddings joined with an LSA of the texts' TF-IDF (both L2-normalised), re-normalised: the space
    :class:`topics.modeling.lexical_space.LexicalSpace` of the texts, which a fit with ``n_topics`` keeps.

    A small sentence model blurs topics that share a register (business and
    politics news); the words tell them apart. Measured with k-means on BBC
    News: ARI 0.898 -> 0.904, NMI 0.870 -> 0.878 (benchmarks/topic_quality.py).
    Falls back to the embeddings when the texts hold too few words.
    """
    from topics.modeling.lexical_space import LexicalSpace

    space = LexicalSpace.fit(texts, random_state)
    return embeddings if space is None else space.join(texts, embeddings)
