"""The steps of ``TopicModel.fit``: sample, discover topics (HDBSCAN or k), guided themes, aliases.

Owns how units become topic labels; the estimator in :mod:`topics.modeling.model` calls these steps and
keeps what they learn. Each step reads the model's parameters and returns plain arrays.
May import: numpy, pandas, scikit-learn, :mod:`topics.modeling.cluster`, :mod:`topics.modeling.reduce`,
:mod:`topics.modeling.sampling`, :mod:`topics.text.alias_mining`, :mod:`topics.errors`.
"""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd

from topics.modeling import cluster
from topics.errors import InputError

# Smallest topic size HDBSCAN is asked for on a sample.
MIN_SAMPLE_TOPIC_SIZE = 5
# Units this close to each other (cosine distance) count as one point.
IDENTICAL_TOLERANCE = 1e-6


def seed(random_state) -> int | None:
    return None if random_state is None else int(random_state)


def all_identical(embeddings: np.ndarray) -> bool:
    if len(embeddings) < 2:
        return True
    similarity = embeddings.astype(np.float64) @ embeddings[0].astype(np.float64)
    return bool((1.0 - similarity).max() < IDENTICAL_TOLERANCE)


def draw_sample(model, embeddings: np.ndarray):
    """A ``SampleNeighbours`` when there are more than ``max_fit_units`` units, else None."""
    from topics.modeling.sampling import SampleNeighbours

    if model.max_fit_units is None or len(embeddings) <= model.max_fit_units:
        return None
    return SampleNeighbours.draw(embeddings, int(model.max_fit_units), seed(model.random_state))


def density_topics(model, embeddings: np.ndarray, min_size: int, graph, words=None, keys=None):
    """Automatic topics (labels, strengths); a topic holding most units is split once.

    ``model.clustering``: "graph" = communities of the neighbour graph, refined by centroids
    (:func:`topics.modeling.cluster.graph_clusters`); "umap" = HDBSCAN on a 5-D UMAP reduction.
    ``words``: the units' TF-IDF rows; given, the graph's neighbours are found by words and meaning
    together (:mod:`topics.modeling.word_graph`, weight ``model.word_weight``). ``keys``: the units'
    :func:`topics.modeling.cluster.text_keys`, the community searches' order (None: over positions).
    """
    from topics.modeling.reduce import MIN_UNITS_FOR_UMAP, fuzzy_graph, reduce_embeddings, reduction_params
    from topics.modeling.word_graph import blended_graph

    min_samples = cluster.min_samples_for(min_size)

    def clusters(rows: np.ndarray, known_graph=None):
        vectors = embeddings[rows]
        params = reduction_params(len(vectors))
        if getattr(model, "clustering", "graph") == "graph" and len(vectors) >= MIN_UNITS_FOR_UMAP:
            if words is not None:
                weights = blended_graph(vectors, words[rows], params.n_neighbors, float(model.word_weight))
            else:
                weights = fuzzy_graph(vectors, params.n_neighbors, known_graph, seed(model.random_state))
            return cluster.graph_clusters(weights, vectors, min_size, seed(model.random_state),
                                          keys=None if keys is None else keys[rows])
        reduced = reduce_embeddings(vectors, params, model.random_state, known_graph)
        return cluster.density_clusters(reduced, min_size, min_samples)

    labels, strengths = clusters(np.arange(len(embeddings)), graph)
    if (labels == -1).all():
        return labels, strengths
    return cluster.split_oversized(labels, strengths, clusters)


def word_rows(model, texts: list[str]):
    """The units' TF-IDF rows for a words-and-meaning graph, or None (``word_weight`` 0, or "umap")."""
    from topics.modeling.word_graph import word_vectors

    if not getattr(model, "word_weight", 0) or getattr(model, "clustering", "graph") != "graph":
        return None
    return word_vectors(texts, getattr(model, "aliases_", None))


def fixed_k_topics(model, texts: list[str], embeddings: np.ndarray, n_topics: int, identical: bool):
    """(labels, probabilities) of exactly ``n_topics`` topics (spherical k-means on words + meaning).
    The words' space is kept as ``model.lexical_space_`` (None: the vectors alone), for ``predict``."""
    from topics.modeling.lexical_space import LexicalSpace

    distinct = 1 if identical else len(np.unique(embeddings.round(6), axis=0))
    if n_topics > distinct:
        raise InputError("units", f"n_topics={n_topics} but there are only {distinct} distinct units: ask for at most {distinct} topics")
    model.lexical_space_ = None
    if n_topics == 1:
        labels = np.zeros(len(embeddings), dtype=np.int64)
    else:
        model.lexical_space_ = LexicalSpace.fit(texts, seed(model.random_state))
        vectors = embeddings if model.lexical_space_ is None else model.lexical_space_.join(texts, embeddings)
        labels = cluster.fixed_k_clusters(vectors, n_topics, seed(model.random_state))
    centroids = cluster.topic_centroids(embeddings, labels, np.arange(n_topics))
    return labels, cluster.centroid_confidence(embeddings, centroids, labels)


def discover(model, texts: list[str], embeddings: np.ndarray, n_topics: int | None, identical: bool,
             sampled=None, graph=None):
    """(labels, probabilities, mode) for units with no declared theme.

    ``sampled`` / ``graph``: a ``SampleNeighbours`` or a neighbour graph of these units,
    when the caller has one already.
    """
    from topics.modeling.reduce import reduction_params

    n_units = len(embeddings)
    if n_topics is not None:
        return (*fixed_k_topics(model, texts, embeddings, n_topics, identical), "fixed")
    if identical or n_units < 3:
        # Nothing to separate: one topic.
        return np.zeros(n_units, dtype=np.int64), np.ones(n_units), "single"
    min_size = int(np.clip(model.min_topic_size or cluster.min_topic_size_for(n_units), 2, n_units))
    sampled = sampled if sampled is not None else draw_sample(model, embeddings)
    if sampled is None:
        keys = cluster.text_keys(texts) if cluster.CONTENT_ORDER else None  # each unit's place in the searches' order
        labels, strengths = density_topics(model, embeddings, min_size, graph, word_rows(model, texts), keys)
    else:
        # A topic of min_size units in the corpus holds about this many in the sample.
        n_sample = len(sampled.sample)
        sample_min_size = max(MIN_SAMPLE_TOPIC_SIZE, round(min_size * n_sample / n_units))
        sample_graph = sampled.graph(reduction_params(n_sample).n_neighbors)
        sample_words = word_rows(model, [texts[row] for row in sampled.sample])
        sample_labels, sample_strengths = density_topics(
            model, sampled.sample_embeddings, sample_min_size, sample_graph, sample_words,
            cluster.text_keys([texts[row] for row in sampled.sample]) if cluster.CONTENT_ORDER else None,  # the sample's only
        )
        labels, strengths = sampled.spread_labels(sample_labels, sample_strengths)
    if (labels == -1).all():
        return np.zeros(n_units, dtype=np.int64), np.ones(n_units), "single"
    return (*_settle_outliers(model, embeddings, cluster.renumber_by_size(labels), strengths), "automatic")


def _settle_outliers(model, embeddings: np.ndarray, labels: np.ndarray, strengths: np.ndarray):
    """Outliers that look like members join their topic (all of them near enough with ``reduce_outliers``)."""
    centroids = cluster.topic_centroids(embeddings, labels, np.unique(labels[labels >= 0]))
    labels, moved = cluster.reassign_outliers(embeddings, labels, centroids)
    if model.reduce_outliers:
        labels, moved_more = cluster.reassign_outliers(
            embeddings, labels, centroids, model.outlier_similarity, cluster.REDUCE_MEMBER_QUANTILE
        )
        moved |= moved_more
    probabilities = np.where(labels >= 0, strengths, 0.0)
    moved_rows = np.flatnonzero(moved)
    probabilities[moved_rows] = cluster.centroid_confidence(embeddings[moved_rows], centroids, labels[moved_rows])
    return labels, probabilities


def guided(model, themes, units: pd.DataFrame, embeddings: np.ndarray, identical: bool):
    """(labels, probabilities, theme names): declared themes (a fitted ``Themes``) become the
    first topics in declared order; the rest is discovered."""
    theme_of_unit = np.asarray(themes.labels_, dtype=np.int64)
    confidence = np.asarray(themes.confidence_, dtype=np.float64)
    names = list(themes.theme_names_)
    present = [t for t in range(len(names)) if (theme_of_unit == t).any()]
    theme_names = [names[t] for t in present]
    n_themes = len(present)
    labels = np.full(len(units), -1, dtype=np.int64)
    probabilities = np.zeros(len(units))
    for new, old in enumerate(present):
        labels[theme_of_unit == old] = new
        probabilities[theme_of_unit == old] = confidence[theme_of_unit == old]
    rest = np.flatnonzero(labels == -1)
    if len(rest) == 0:
        return labels, probabilities, theme_names
    rest_topics = None if model.n_topics is None else model.n_topics - n_themes
    if rest_topics is not None and rest_topics <= 0:
        # No room for discovered topics: every other unit joins its nearest theme.
        centroids = cluster.topic_centroids(embeddings, labels, np.arange(n_themes))
        nearest = (embeddings[rest].astype(np.float64) @ centroids.T.astype(np.float64)).argmax(axis=1)
        labels[rest] = nearest
        probabilities[rest] = cluster.centroid_confidence(embeddings[rest], centroids, nearest)
        return labels, probabilities, theme_names
    rest_identical = identical or all_identical(embeddings[rest])
    rest_texts = units["text"].iloc[rest].tolist()
    found, found_probabilities, _ = discover(model, rest_texts, embeddings[rest], rest_topics, rest_identical)
    labels[rest] = np.where(found >= 0, found + n_themes, -1)
    probabilities[rest] = found_probabilities
    return labels, probabilities, theme_names


def fitted_themes(themes, units: pd.DataFrame, embeddings: np.ndarray, embedder, random_state=None):
    """A fitted copy of ``themes`` for these units, made with ``embedder``; the caller's object is left as it is.

    ``themes``: a :class:`topics.themes.guided.Themes`, or what one takes (a theme file's path, a list of
    themes), then fitted with ``random_state``. A copy already fitted on exactly these units with the
    same embedding model is reused; otherwise an unfitted clone is fitted, so theme texts and units are
    always embedded by one model.
    """
    from sklearn.base import clone

    from topics.themes.guided import Themes

    if not isinstance(themes, Themes):
        themes = Themes(themes, random_state=random_state)

    fitted_here = (
        hasattr(themes, "labels_")
        and list(getattr(themes, "units_", pd.DataFrame()).get("unit_id", [])) == units["unit_id"].tolist()
        and getattr(themes, "model_id_", None) == getattr(embedder, "model_id", None)
    )
    if fitted_here:
        return copy.deepcopy(themes)
    return clone(themes).fit(units, embeddings, embedder)


def fit_aliases(aliases, texts: list[str]):
    """The AliasTable a fit uses: mined from ``texts``, given, or empty."""
    from topics.text.alias_mining import AliasTable, mine_aliases

    if aliases is True:
        return mine_aliases(texts)
    if isinstance(aliases, AliasTable):
        return aliases
    if aliases in (False, None):
        return AliasTable()
    raise InputError("TopicModel", f"aliases must be True, False or an AliasTable, not {type(aliases).__name__}")


def with_outlet_words(aliases, units: pd.DataFrame, texts: list[str]):
    """``aliases`` leaving out the own names of the outlets the units' articles come from (their ``site``s,
    each of at least ``MIN_SITE_SHARE`` of the articles), as the texts write them
    (:func:`topics.text.outlets.outlet_words`); as they are without sites."""
    from topics.text.outlets import MIN_SITE_SHARE, outlet_words

    if "site" not in units.columns:
        return aliases
    articles = units.drop_duplicates("article_id") if "article_id" in units.columns else units
    shares = articles["site"].value_counts() / max(len(articles), 1)
    sites = [site for site, share in shares.items() if share >= MIN_SITE_SHARE]
    names = outlet_words(sites, texts) if sites else frozenset()
    return aliases.leaving_out(names) if names and aliases is not None else aliases


def map_coords(embeddings: np.ndarray, params, random_state, graph, sampled, identical: bool, labels: np.ndarray) -> np.ndarray:
    """The fit's 2-D map: the layout of its neighbour ``graph``, or of the ``sampled`` units with the
    others placed among their nearest sampled units of the same ``labels``; zeros for ``identical`` vectors."""
    from topics.modeling.reduce import layout_2d, reduction_params

    if identical:
        return np.zeros((len(embeddings), 2), np.float32)
    if sampled is None:
        return layout_2d(embeddings, params, random_state, graph, labels)
    sample_params = reduction_params(len(sampled.sample))
    sample_coords = layout_2d(
        sampled.sample_embeddings, sample_params, random_state, sampled.graph(sample_params.n_neighbors), labels[sampled.sample],
    )
    return sampled.spread_coords(sample_coords, labels)
