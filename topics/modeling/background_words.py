"""Keyword scores of a topic's parts weighed against the topic and the corpus as background.

c-TF-IDF tells a topic's words apart through its idf over many sibling topics. Among the two or three
parts of one topic the idf has little to contrast: a word every part writes as often as the corpus does
("afghan", "coalition" in every ISAF release) keeps a high score through its frequency alone, and so
does a word of the whole topic ("haqqani" in each part of the Haqqani topic). A part's keyword should
say what sets it apart: here a word scores by what it adds over its background rate, the higher of its
rate in the whole topic and in the corpus (each a share of units writing it)::

    score(part, word) = rate(part) * log(rate(part) / max(rate(topic), rate(corpus)))

(the word's term of the Kullback-Leibler divergence of the part from its background), and a word no
more frequent in the part than in its background scores 0 and is no candidate. (A topic not split
has one part, the topic itself: it keeps the topic's c-TF-IDF; so does a part no word of which scores.)
May import: :mod:`topics.modeling.describe`.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse


def corpus_term_shares(usage_texts, material=None) -> dict[str, float]:
    """Share of the usage sample's texts (cleaned keyword texts:
    :func:`topics.modeling.headlines.usage_sample`) holding each keyword candidate."""
    from topics.modeling.describe import unit_term_matrix

    counts, vocabulary = unit_term_matrix(list(usage_texts), cleaned=True, material=material)
    used = np.asarray((counts > 0).sum(axis=0)).ravel() / max(counts.shape[0], 1)
    return dict(zip(vocabulary.tolist(), used.tolist()))


def background_scores(counts: sparse.csr_matrix, vocabulary, labels, topic_ids, corpus_shares: dict[str, float],
                      unit_weights=None) -> np.ndarray:
    """(k, V) scores of the ``topic_ids`` parts (rows of ``counts`` labelled by ``labels``; all rows form the
    topic) against the higher of the topic's and the corpus's rate of each word (``corpus_shares``)."""
    labels = np.asarray(labels)
    weights = np.ones(counts.shape[0]) if unit_weights is None else np.asarray(unit_weights, dtype=np.float64)
    present = sparse.csr_matrix((counts > 0).astype(np.float64).multiply(weights[:, None]))
    topic_rate = np.asarray(present.sum(axis=0)).ravel() / max(weights.sum(), 1e-12)
    corpus_rate = np.fromiter((corpus_shares.get(str(term), 0.0) for term in vocabulary), dtype=np.float64,
                              count=len(vocabulary))
    background = np.maximum(topic_rate, corpus_rate)
    scores = np.zeros((len(topic_ids), counts.shape[1]))
    for row, part in enumerate(topic_ids):
        members = labels == part
        if not members.any():
            continue
        with np.errstate(divide="ignore", invalid="ignore"):
            rate = np.asarray(present[members].sum(axis=0)).ravel() / weights[members].sum()
            lift = np.log(rate / background)
            scores[row] = np.where((rate > 0) & (lift > 0), rate * lift, 0.0)
    return scores
