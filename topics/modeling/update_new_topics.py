"""An update's new topics: a story that arrived since the fit and that no earlier topic explains.

An update places each new unit under the nearest earlier topic or leaves it an outlier
(:func:`topics.modeling.update.update_model`); on its own it can never tell a new story. Here the
units no fit has grouped (the new units and the earlier outliers) are clustered as a fit clusters
(:func:`topics.modeling.fitting.density_topics`, with the fit's ``min_topic_size`` rule for the whole
corpus). A group found there is a continuation when the earlier topics near it absorb it and a new
topic when it stands apart from them, judged by the fit's own machinery on the group and those
topics' seen members together: a community search of their neighbour graph (:func:`stands_apart`).

Its resolution is the fit's, scaled to the part of the corpus searched (modularity's trade-off
between a community's inner weight and its expected weight counts the whole graph; on a part of
``n_part`` of ``n`` units the same trade-off is ``resolution * n_part / n``). So the earlier topic's
own members say how far apart a group must be: a group held together with them, as its
continuation or one of its own strands, joins it, as the whole-corpus fit would have kept it in; a
group the search sets apart, where its units are the majority of a community of at least a topic's
size, is a topic the fit would have found. (BERTopic's ``merge_models`` adds a topic of a model fitted
on the new documents when its centre is below a fixed cosine to every earlier centre; a fixed
cosine means different things on short items and long press releases.)

Seen units keep their topics: only earlier outliers and new units may form a new topic, and most of
its units must be new (a group of mostly earlier outliers is one the fit already saw and left), so
the ids of the units the earlier run placed stay exactly as they were. A fit of ``n_topics`` (k-means topics,
no outliers: the number was asked for) gets none.
Owns finding topics in an update. May import: numpy, the topic stages (cluster, fitting, reduce,
word_graph, placement).
"""

from __future__ import annotations

import numpy as np

MOST = 0.5  # a community is the group's when more than this share of its units are the group's


def with_new_topics(model, labels: np.ndarray, seen: np.ndarray, embeddings: np.ndarray, texts: list[str],
                    first_id: int) -> np.ndarray:
    """``labels`` (an update's: seen units' earlier topics, new units placed) with the new topics found
    among the unexplained units numbered from ``first_id`` (above every earlier id); see the module doc."""
    from topics.modeling import cluster
    from topics.modeling.fitting import word_rows
    from topics.modeling.placement import has_floors

    labels = np.asarray(labels, dtype=np.int64).copy()
    n_units = len(labels)
    open_rows = np.flatnonzero(~seen | (labels < 0))  # no fit has grouped them
    min_size = int(np.clip(model.min_topic_size or cluster.min_topic_size_for(n_units), 2, n_units))
    if not has_floors(model.mode_) or len(open_rows) < max(min_size, 3) or not (seen & (labels >= 0)).any():
        return labels
    words = word_rows(model, texts)
    groups = communities(model, open_rows, embeddings, texts, words, min_size, n_units)
    placed = seen & (labels >= 0)
    earlier = np.unique(labels[placed])
    centres = cluster.topic_centroids(embeddings[placed], labels[placed], earlier).astype(np.float64)
    next_id = int(first_id)
    for group in np.unique(groups[groups >= 0]):
        members = open_rows[groups == group]
        if len(members) < min_size:
            continue
        # The earlier topics that might explain it: those its members are nearest to, or were placed under.
        near = np.union1d(earlier[(embeddings[members].astype(np.float64) @ centres.T).argmax(axis=1)],
                          labels[members][labels[members] >= 0])
        apart = stands_apart(model, members, np.flatnonzero(placed & np.isin(labels, near)), embeddings, texts,
                             words, min_size, n_units)
        # New since the last run: mostly new units, not the earlier fit's leftovers it chose not to make a topic.
        if len(apart) >= min_size and (~seen[apart]).mean() > MOST:
            labels[apart] = next_id
            next_id += 1
    return labels


def stands_apart(model, members: np.ndarray, others: np.ndarray, embeddings: np.ndarray, texts: list[str],
                 words, min_size: int, n_units: int) -> np.ndarray:
    """The ``members`` (rows of a group) that a community search of the group and the earlier topics'
    seen members (``others``) sets apart: in a community of which they are the majority, at the fit's
    resolution scaled to the part searched (module doc)."""
    rows = np.concatenate([members, others])
    found = communities(model, rows, embeddings, texts, words, min_size, n_units)
    is_member = np.arange(len(rows)) < len(members)
    kept = np.zeros(len(members), dtype=bool)
    for community in np.unique(found[found >= 0]):
        inside = found == community
        if is_member[inside].mean() > MOST:
            kept |= inside[: len(members)]
    return members[kept]


def communities(model, rows: np.ndarray, embeddings: np.ndarray, texts: list[str], words, min_size: int,
                n_units: int) -> np.ndarray:
    """The fit's communities (:func:`topics.modeling.cluster.graph_clusters` on its neighbour graph, of
    meaning or of words and meaning) of ``rows``, a part of a corpus of ``n_units``, at the fit's
    resolution scaled to that part (module doc): -1 for a unit in a community under ``min_size``."""
    from topics.modeling import cluster
    from topics.modeling.fitting import seed
    from topics.modeling.reduce import fuzzy_graph, reduction_params
    from topics.modeling.word_graph import blended_graph

    vectors = embeddings[rows]
    n_neighbors = min(reduction_params(n_units).n_neighbors, len(rows) - 1)  # the fit's neighbourhood
    if words is not None:
        weights = blended_graph(vectors, words[rows], n_neighbors, float(model.word_weight))
    else:
        weights = fuzzy_graph(vectors, n_neighbors, None, seed(model.random_state))
    keys = cluster.text_keys([texts[row] for row in rows]) if cluster.CONTENT_ORDER else None
    resolution = cluster.GRAPH_RESOLUTION * len(rows) / n_units
    found, _ = cluster.graph_clusters(weights, vectors, min_size, seed(model.random_state), resolution=resolution, keys=keys)
    return found
