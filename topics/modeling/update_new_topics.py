"""An update's new topics: a story that arrived since the fit and that no earlier topic explains.

An update places each new unit under the nearest earlier topic or leaves it an outlier
(:func:`topics.modeling.update.update_model`); on its own it can never tell a new story. Here the
units no fit has grouped (the new units and the earlier outliers) are cut into pieces as a fit cuts
a corpus (:func:`topics.modeling.cluster.graph_clusters` on the fit's neighbour graph, at its
resolution, kept however small: a story's pieces travel together), and each piece goes to the
earlier topic most of its units are nearest to. Each earlier topic is then searched again with the
pieces it drew, as the fit would search that topic and those units alone (:func:`set_apart`): a
continuation spreads over the topic's own strands and brings their seen members along, in about
their share of the search, and joins it; a community of at least a topic's size of the pieces'
units (the fit's ``min_topic_size`` rule for the whole corpus) with under half the seen members a
continuation would bring is a story that topic does not explain. (Where the pieces outnumber
the topic's seen members, a topic that merely doubled, strands mostly new are expected: the bar
follows the share.)

Why the topic and not the whole corpus: at the whole corpus's scale modularity cannot see a story
of a few dozen units among thousands (its resolution limit: a community merges with a neighbour
when the edges between them exceed ``resolution * d_a * d_b / 2m``, which grows with the corpus), so
a refit folds it into the nearest big topic; BBC News, 35 tech articles added to ~1,750 of four other
sections: a refit puts 27 of them in the business topic, while searched with that topic alone they
stand apart. (BERTopic's ``merge_models`` adds a topic of a model fitted on the new documents when its
centre is below a fixed cosine to every earlier centre; a fixed cosine means different things on
short items and long press releases.)

Seen units keep their topics: only earlier outliers and new units may form a new topic, and most of
its units must be new (a group of mostly earlier outliers is one the fit already saw and left), so
the ids of the units the earlier run placed stay exactly as they were. A fit of ``n_topics`` (k-means topics,
no outliers: the number was asked for) gets none.

A search that cannot end in a new topic is not run (:func:`may_stand_apart`): a new topic's typical unit
lies below every earlier topic's member floor, so at least half of its units, and so half of
``min_size`` units, lie below each floor; where the units to be searched have fewer below some floor,
no community of them can pass, whatever the search draws (the same topics, less work).
Owns finding topics in an update. May import: numpy, the topic stages (cluster, fitting, reduce,
word_graph, placement, louvain).
"""

from __future__ import annotations

import numpy as np

MOST = 0.5  # a community is apart under half the seen members a continuation would bring; a new topic is mostly new
FLOOR_MARGIN = 1e-9  # a unit this close above a floor counts as below it: the search's sums may round otherwise
# Seeded community searches whose agreement steadies each of an update's searches (a fit's: CONSENSUS_RUNS, 8).
# An update searches a few hundred open units and one topic at a time, not the corpus: on the NYT September 2021
# step (825 new units) 2 runs found its new topic at 10 random states of 10 (8 runs: 10; 4 runs: 9), as steady
# from seed to seed (ARI 0.954 against 0.956) and under 1e-6 noise (0.993 against 0.900), 30 % less search
# (benchmarks/update_search_runs.py; docs/benchmarks.md).
SEARCH_RUNS = 2


def with_new_topics(model, labels: np.ndarray, seen: np.ndarray, embeddings: np.ndarray, texts: list[str],
                    first_id: int) -> np.ndarray:
    """``labels`` (an update's: seen units' earlier topics, new units placed) with the new topics found
    among the unexplained units numbered from ``first_id`` (above every earlier id); see the module doc."""
    from topics.modeling import cluster
    from topics.modeling.fitting import word_rows
    labels = np.asarray(labels, dtype=np.int64).copy()
    n_units = len(labels)
    open_rows = np.flatnonzero(~seen | (labels < 0))  # no fit has grouped them
    min_size = int(np.clip(model.min_topic_size or cluster.min_topic_size_for(n_units), 2, n_units))
    if model.mode_ != "automatic" or len(open_rows) < max(min_size, 3) or not (seen & (labels >= 0)).any():
        return labels
    placed = seen & (labels >= 0)
    earlier = np.unique(labels[placed])
    centres = cluster.topic_centroids(embeddings[placed], labels[placed], earlier).astype(np.float64)
    # What a member of each earlier topic looks like: as close to its centre as the floor predict uses.
    rows = np.searchsorted(earlier, labels[placed])
    floors = cluster.member_floors(embeddings[placed], rows, centres, cluster.CONFIDENT_MEMBER_QUANTILE)
    similarity = embeddings[open_rows].astype(np.float64) @ centres.T
    if not may_stand_apart(similarity, floors, min_size):
        return labels
    words = word_rows(model, texts)
    # Pieces as the fit draws them, however small: a story's pieces go to their topic together.
    pieces = communities(model, open_rows, embeddings, texts, words, 1, n_units)
    nearest = similarity.argmax(axis=1)
    home = np.empty(len(open_rows), dtype=np.int64)
    for piece in np.unique(pieces):  # the earlier topic most of the piece's units are nearest to
        inside = pieces == piece
        home[inside] = earlier[np.bincount(nearest[inside]).argmax()]
    next_id = int(first_id)
    for topic in np.unique(home):
        members = open_rows[home == topic]
        if len(members) < min_size or not may_stand_apart(similarity[home == topic], floors, min_size):
            continue
        others = np.flatnonzero(placed & (labels == topic))
        # As a fit searches a large corpus in a sample: at most max_fit_units units a search (a fixed draw).
        room = len(others) if model.max_fit_units is None else max(int(model.max_fit_units) - len(members), len(members))
        if len(others) > room:
            others = np.sort(np.random.default_rng(0).choice(others, room, replace=False))
        for apart in set_apart(model, members, others, embeddings, texts, words, min_size, n_units):
            # New since the last run: mostly new units, not the earlier fit's leftovers it chose not to make a topic;
            # and not a strand of an earlier topic whose typical unit already looks like one of its members (a later
            # wording of the same releases: its median unit at or above that topic's member floor).
            typical = np.median(embeddings[apart].astype(np.float64) @ centres.T, axis=0)
            if (~seen[apart]).mean() > MOST and not (typical >= floors).any():
                labels[apart] = next_id
                next_id += 1
    return labels


def may_stand_apart(similarity: np.ndarray, floors: np.ndarray, min_size: int) -> bool:
    """Whether ``min_size`` or more of some units (``similarity``: theirs to each earlier topic's centre) may
    have a median similarity below every topic's ``floors``, as a new topic's units must (module doc):
    only when at least half of ``min_size`` of them lie below each floor (within ``FLOOR_MARGIN``)."""
    below = (similarity < np.asarray(floors)[None, :] + FLOOR_MARGIN).sum(axis=0)
    return bool((2 * below >= min_size).all())


def set_apart(model, members: np.ndarray, others: np.ndarray, embeddings: np.ndarray, texts: list[str],
              words, min_size: int, n_units: int) -> list[np.ndarray]:
    """The communities of ``members`` (unexplained units) that a community search of them and an
    earlier topic's seen members (``others``) sets apart: at least ``min_size`` members, and under
    half the seen members a continuation would bring (as many as their share of the search; module doc)."""
    rows = np.concatenate([members, others])
    found = communities(model, rows, embeddings, texts, words, min_size, n_units)
    is_member = np.arange(len(rows)) < len(members)
    seen_share = len(others) / len(rows)
    apart = []
    for community in np.unique(found[found >= 0]):
        inside = found == community
        n_members = int(inside[is_member].sum())
        if n_members >= min_size and inside.sum() - n_members < MOST * seen_share * inside.sum():
            apart.append(members[inside[: len(members)]])
    return apart


def communities(model, rows: np.ndarray, embeddings: np.ndarray, texts: list[str], words, min_size: int,
                n_units: int) -> np.ndarray:
    """The fit's communities (:func:`topics.modeling.cluster.graph_clusters` on its neighbour graph, of
    meaning or of words and meaning, at its resolution) of ``rows``, a part of a corpus of ``n_units``:
    -1 for a unit in a community under ``min_size``."""
    from topics.modeling import cluster
    from topics.modeling.fitting import seed
    from topics.modeling.louvain import COMPILED_MIN_NODES
    from topics.modeling.reduce import fuzzy_graph, reduction_params
    from topics.modeling.word_graph import blended_graph

    vectors = embeddings[rows]
    n_neighbors = min(reduction_params(n_units).n_neighbors, len(rows) - 1)  # the fit's neighbourhood
    if words is not None:
        weights = blended_graph(vectors, words[rows], n_neighbors, float(model.word_weight))
    else:
        weights = fuzzy_graph(vectors, n_neighbors, None, seed(model.random_state))
    keys = cluster.text_keys([texts[row] for row in rows]) if cluster.CONTENT_ORDER else None
    # Many searches of parts of the corpus, whose units they cover between them (the open units, then each
    # topic with its pieces): the compiled pass pays its loading once for all, as one search of a corpus that size.
    compiled = n_units >= COMPILED_MIN_NODES
    found, _ = cluster.graph_clusters(weights, vectors, min_size, seed(model.random_state), n_runs=SEARCH_RUNS, keys=keys,
                                      compiled=compiled)
    return found
