"""Where a new unit goes: the most similar topic centre, read as the fit grouped the units, when it is
at least that topic's floor (else -1, an outlier).

One rule for ``TopicModel.predict`` and the new units of an update (:func:`topics.modeling.update.update_model`),
so that an update gives each new unit the topic the earlier model's ``predict`` gives it (its centres and
floors, from its units still in the corpus): assigned without refitting. The updated model's own centres
and floors then count the new members too, so its ``predict`` may place a new unit near a floor or
between two topics otherwise. With a words'
space (a fit with ``n_topics``, :mod:`topics.modeling.lexical_space`) units with texts are compared in the
joined words-and-meaning space, as the fit grouped them; vectors alone with the vectors' centres.
A fit found by the community search (``automatic``) grouped its units by their neighbours, not by a floor:
a tenth of its members lie below the ``CONFIDENT_MEMBER_QUANTILE`` floor by construction. So a unit below that
floor still joins its nearest topic when it is as close as the topic's least similar members (the
``REDUCE_MEMBER_QUANTILE`` floor) and most of its ``NEIGHBOUR_VOTE`` nearest fitted units are members of that
topic: it sits inside the topic as the fit drew it (:func:`neighbour_joined`). Without that, ``predict`` called a
tenth of the fitted units outliers and an update left a tenth of a month's new paragraphs in no topic where a
refit placed them all.
A near copy of a fitted unit (a word changed, a full stop added) takes that unit's fitted topic (:func:`near_copies_kept`):
by centres, floors and votes alone, about one near copy in seventeen of a BBC fit's members went to another topic or none.
It searches every fitted unit, so only where the clustering saw them all (:func:`clustered_all`).
Owns placing units among known topics. May import: numpy, the cluster and neighbour stages.
"""

from __future__ import annotations

import numpy as np

from topics.modeling import cluster

# The kinds of fit that keep outliers: a new unit must reach a topic's floor to join it. The others
# ("fixed": k-means topics with ``n_topics``; "single": one topic for the whole corpus) take every unit.
FLOORED_MODES = ("automatic", "guided")
# Nearest fitted units read for a unit between its topic's two floors (the neighbour graph's usual size).
NEIGHBOUR_VOTE = 15
# Fitted units the vote reads at most: a fixed random sample beyond (as a large fit samples its units), so a
# unit's vote costs a bounded search however large the corpus; a topic's share of the sample is its share.
VOTE_SAMPLE = 20_000


def has_floors(mode: str) -> bool:
    """Whether a fit of this kind (a model's ``mode_``) gives its topics floors."""
    return mode in FLOORED_MODES


def centre_similarities(vectors: np.ndarray, centres: np.ndarray, texts=None, space=None, joined_centres=None) -> np.ndarray:
    """(n, k) cosine similarities of the units to the topic centres: in the words' ``space`` (to
    ``joined_centres``) when there are ``texts`` and one, else of the ``vectors`` to ``centres``."""
    if texts is not None and space is not None and joined_centres is not None:
        return space.join(texts, vectors).astype(np.float64) @ np.asarray(joined_centres, dtype=np.float64).T
    return np.asarray(vectors, dtype=np.float64) @ np.asarray(centres, dtype=np.float64).T


def nearest_topics(similarities: np.ndarray, topic_ids: np.ndarray, floors: np.ndarray) -> np.ndarray:
    """Each unit's most similar topic (row of ``topic_ids``), -1 when below that topic's floor."""
    if len(similarities) == 0:
        return np.zeros(0, dtype=np.int64)
    nearest = similarities.argmax(axis=1)
    best = similarities[np.arange(len(nearest)), nearest]
    labels = np.asarray(topic_ids)[nearest].astype(np.int64)
    labels[best < np.asarray(floors)[nearest]] = -1
    return labels


def assignment_floors(model, embeddings: np.ndarray, labels: np.ndarray, topic_ids: np.ndarray, centres: np.ndarray) -> np.ndarray:
    """Per topic (row of ``topic_ids``), the similarity a new unit needs to join it, from the members
    (``labels``: topic ids) of ``model``'s kind of fit: none for one without outliers (:func:`has_floors`)."""
    k = len(topic_ids)
    if not has_floors(model.mode_):
        return np.full(k, -np.inf)
    if model.reduce_outliers and model.outlier_similarity is not None:
        return np.full(k, float(model.outlier_similarity))
    quantile = cluster.REDUCE_MEMBER_QUANTILE if model.reduce_outliers else cluster.CONFIDENT_MEMBER_QUANTILE
    row_of = {int(topic): row for row, topic in enumerate(topic_ids)}
    rows = np.array([row_of.get(int(topic), -1) for topic in labels], dtype=np.int64)  # member_floors counts topics by row
    return cluster.member_floors(embeddings, rows, centres, quantile)


def lower_floors(embeddings: np.ndarray, labels: np.ndarray, topic_ids: np.ndarray, centres: np.ndarray) -> np.ndarray:
    """Per topic, as close as its least similar members (the ``REDUCE_MEMBER_QUANTILE`` of their similarities)."""
    row_of = {int(topic): row for row, topic in enumerate(topic_ids)}
    rows = np.array([row_of.get(int(topic), -1) for topic in labels], dtype=np.int64)
    return cluster.member_floors(embeddings, rows, centres, cluster.REDUCE_MEMBER_QUANTILE)


def votes_apply(model) -> bool:
    """Whether neighbours vote for a unit below its topic's floor: in a community search's fit (an update's
    model takes the earlier fit's kind) whose floor is relative (with ``reduce_outliers`` the floor is already
    the members' lowest, or the user's own)."""
    return getattr(model, "mode_", None) == "automatic" and not model.reduce_outliers


def neighbour_joined(labels: np.ndarray, similarities: np.ndarray, topic_ids: np.ndarray, floors_below: np.ndarray,
                     vectors: np.ndarray, fitted_vectors: np.ndarray, fitted_labels: np.ndarray) -> np.ndarray:
    """``labels`` (from :func:`nearest_topics`) with the outliers that sit inside a topic given it: more than
    half of their ``NEIGHBOUR_VOTE`` nearest ``fitted_vectors`` are its members (``fitted_labels``) and they are
    at least as close to its centre as its lower floor (``floors_below``, :func:`lower_floors`). The topic
    the neighbours hold, not only the nearest centre: the community search grouped units by neighbours."""
    from topics.modeling.neighbours import nearest

    labels = np.array(labels, dtype=np.int64, copy=True)
    outliers = np.flatnonzero(labels == -1)
    if not len(outliers) or len(fitted_vectors) == 0 or len(topic_ids) == 0:
        return labels
    row_of = {int(topic): row for row, topic in enumerate(topic_ids)}
    held_rows = np.array([row_of.get(int(topic), -1) for topic in fitted_labels], dtype=np.int64)
    if len(fitted_vectors) > VOTE_SAMPLE:
        sample = np.sort(np.random.default_rng(0).choice(len(fitted_vectors), VOTE_SAMPLE, replace=False))
        fitted_vectors, held_rows = fitted_vectors[sample], held_rows[sample]
    k = min(NEIGHBOUR_VOTE, len(fitted_vectors))
    neighbours, _ = nearest(fitted_vectors, vectors[outliers], k)
    votes = np.sort(held_rows[neighbours], axis=1)  # (m, k) topic rows, -1: an outlier of the fit
    winner = votes[:, k // 2]  # a topic holding more than half of the votes holds the middle one
    inside = (winner >= 0) & ((votes == winner[:, None]).sum(axis=1) * 2 > k)
    inside &= similarities[outliers, np.maximum(winner, 0)] >= np.asarray(floors_below)[np.maximum(winner, 0)]
    labels[outliers[inside]] = np.asarray(topic_ids, dtype=np.int64)[winner[inside]]
    return labels


def clustered_all(n_clustered, n_fitted: int) -> bool:
    """Whether a fit's clustering saw every one of its ``n_fitted`` units (``n_clustered``: ``fit_sample_size_``;
    None: unknown), so that :func:`near_copies_kept` may search them all. That search reads every fitted unit for
    each new unit: it then costs per unit what the fit's own neighbour search did (a fit samples past
    ``max_fit_units``). A sampled fit keeps every unit, millions maybe, and ``predict`` runs on every batch of such a
    corpus (the Ray assignment): there a copy is placed by centres, floors and votes, as before the rule. So is one
    after an update, whose new units were placed, not clustered."""
    return n_clustered is not None and int(n_clustered) >= int(n_fitted)


def near_copies_kept(labels: np.ndarray, vectors: np.ndarray, fitted_vectors: np.ndarray, fitted_labels: np.ndarray) -> np.ndarray:
    """``labels`` with each unit that is a near copy of a fitted unit given that unit's fitted topic (-1 for an
    outlier of the fit): it lies within half the distance from that unit to its nearest other fitted unit. Every
    point of that ball is nearer to the unit than to any other fitted unit, whichever way a small change moved it;
    a relative test, so no similarity constant. On BBC paragraphs (a fit of 600) every near copy (a word changed, a
    full stop) kept its unit's topic, and one of 3,000 other paragraphs of the corpus was moved. Callers search
    only a fit whose clustering saw all its units (:func:`clustered_all`)."""
    from topics.modeling.neighbours import nearest

    labels = np.array(labels, dtype=np.int64, copy=True)
    if not len(labels) or len(fitted_vectors) < 2 or np.shape(vectors)[1:] != np.shape(fitted_vectors)[1:]:
        return labels
    found, closeness = nearest(fitted_vectors, vectors, 2, dtype=np.float64)
    # Unit vectors: squared distance 2 - 2 cos, so "within half of the other's distance" reads 1 - cos < (1 - cos') / 4,
    # cos' the unit's similarity to its nearest other. The unit's similarity to the new unit's second nearest is at
    # most cos': a unit already outside the ball that gives is no copy, and needs no search of its unit's nearest other.
    pair = np.asarray(fitted_vectors)[found[:, :2]].astype(np.float64)
    found, closeness = found[:, 0], closeness[:, 0]
    maybe = np.flatnonzero(1.0 - closeness < (1.0 - np.einsum("ij,ij->i", pair[:, 0], pair[:, 1])) / 4)
    rows, back = np.unique(found[maybe], return_inverse=True)
    # A fitted unit's second nearest is its nearest other (itself first, or an exact duplicate: no ball then).
    own = nearest(fitted_vectors, np.asarray(fitted_vectors)[rows], 2, dtype=np.float64)[1][:, 1] if len(rows) else np.zeros(0)
    copies = maybe[1.0 - closeness[maybe] < (1.0 - own[back.reshape(-1)]) / 4]
    labels[copies] = np.asarray(fitted_labels, dtype=np.int64)[found[copies]]
    return labels


def seen_units_kept(labels: np.ndarray, vectors: np.ndarray, fitted_vectors: np.ndarray, fitted_labels: np.ndarray) -> np.ndarray:
    """``labels`` with each unit whose vector is one the model was fitted on given that unit's fitted topic.
    The rules above place a unit by centres and floors, the fit grouped its units otherwise (by neighbours, by
    themes): without this, ``fit(X).predict(X)`` differed from ``fit_predict(X)`` for a unit in twenty, some
    made outliers of a fit that had none. A seen unit keeps its topic, as in an update. ``vectors`` come
    normalised by :func:`topics.validate.check_embeddings`, which may move a fitted vector by a last bit: a
    unit matches a fitted vector as kept or as normalised again."""
    from topics.validate import check_embeddings

    labels = np.array(labels, dtype=np.int64, copy=True)
    if not len(labels) or not len(fitted_vectors) or np.shape(vectors)[1:] != np.shape(fitted_vectors)[1:]:
        return labels
    query = np.ascontiguousarray(vectors, dtype=np.float32)
    first_row: dict[int, int] = {}
    forms = (np.ascontiguousarray(fitted_vectors, dtype=np.float32), check_embeddings(fitted_vectors, zero_rows=True))
    for form in forms:
        for row in range(len(form)):  # about 1 s a million rows: a dict of hashes, not of the rows' bytes
            first_row.setdefault(hash(form[row].tobytes()), row)
    for unit in range(len(query)):
        row = first_row.get(hash(query[unit].tobytes()))
        if row is not None and any(np.array_equal(form[row], query[unit]) for form in forms):
            labels[unit] = int(fitted_labels[row])
    return labels
