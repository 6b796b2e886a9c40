"""Passage evidence for paragraphs: how close a paragraph and its neighbours in the article are to a theme.

A news article develops a theme over several paragraphs, and most of them do not name it again:
a quote that continues the one before ("So far our commitment ... is until May 1"), an official's
reply, a figure. Taken alone, such a paragraph is no closer to the theme than the corpus's typical
paragraph. For paragraph units the closeness to a theme is therefore the mean of the paragraph's
own cosine and its *passage's*: the normalised sum of its vector and those of the paragraphs next
to it in the same article. A paragraph inside a passage about the theme gains; one between
paragraphs about other things does not. The mixed closeness is calibrated against the corpus's
null like any other (:mod:`topics.themes.calibration`), and the decoy themes are measured the same
way, so a theme file that does not fit the corpus gains no more from the passages than the null
does. Units without an article and a position (articles, bare texts) keep their own cosine.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

# The paragraph's own share of the mixed closeness (its passage has the rest; 1.0: passages off).
OWN_WEIGHT = 0.5


def neighbour_matrix(units: pd.DataFrame):
    """Sparse adjacency of paragraphs next to each other in one article, or None (articles, bare texts)."""
    if "position" not in units.columns or "article_id" not in units.columns:
        return None
    from scipy import sparse

    order = units.sort_values(["article_id", "position"], kind="stable").index.to_numpy()
    articles = units["article_id"].to_numpy()[order]
    positions = pd.to_numeric(units["position"], errors="coerce").to_numpy()[order]
    adjacent = (articles[1:] == articles[:-1]) & (positions[1:] - positions[:-1] == 1)
    left, right = order[:-1][adjacent], order[1:][adjacent]
    rows, cols = np.concatenate([left, right]), np.concatenate([right, left])
    return sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(units), len(units)))


def passage_vectors(vectors: np.ndarray, neighbours) -> np.ndarray:
    """(n, dim) L2-normalised sum of each unit's vector and its neighbours' (``neighbour_matrix``)."""
    vectors = np.asarray(vectors, dtype=np.float64)
    summed = vectors + np.asarray(neighbours @ vectors)
    norms = np.linalg.norm(summed, axis=1, keepdims=True)
    return summed / np.where(norms > 0, norms, 1.0)


def mixed_closeness(vectors: np.ndarray, neighbours, targets: np.ndarray, own_similarity: np.ndarray) -> np.ndarray:
    """The units' own cosine to the L2-normalised ``targets`` mixed with their passages',
    weighted ``OWN_WEIGHT``; the own cosine unchanged when there are no neighbours to look at."""
    if neighbours is None or OWN_WEIGHT >= 1.0 or not neighbours.nnz or not len(targets):
        return own_similarity
    passage_similarity = passage_vectors(vectors, neighbours) @ np.asarray(targets, dtype=np.float64).T
    return OWN_WEIGHT * own_similarity + (1.0 - OWN_WEIGHT) * passage_similarity


# Article context reaches only articles where at least this share of the paragraphs are under a theme of
# their own: the theme file describes what the article is about. In an article the file covers only in
# part (drones and al-Qaeda declared, the article half about ISIS-K), the undeclared subject's
# paragraphs are closest to a declared theme without being about it.
COVERED_SHARE = 0.5


def article_index(neighbours) -> np.ndarray:
    """(n,) the article of each unit: paragraphs linked by ``neighbours`` (``neighbour_matrix``)."""
    from scipy.sparse.csgraph import connected_components

    return connected_components(neighbours, directed=False)[1]


def article_carry(z: np.ndarray, member: np.ndarray, seeds: np.ndarray, neighbours, min_seeds: int) -> np.ndarray:
    """(n, k) bool: paragraphs that take a theme from their article. The theme must be the one the
    paragraph is closest to, with positive evidence for it (calibrated similarity ``z`` at least the
    typical unit's), and not one it is already under; its article must have at least ``min_seeds``
    seeds of it, and at least ``COVERED_SHARE`` of the article's paragraphs must be under some theme.
    The article's own evidence for the theme is then strong, and a paragraph that continues its
    subject without naming it ("Taliban spokesperson Zabiullah Mujahid said that there is no
    security guarantee beyond the deadline"), or that names another theme in passing while being
    closer to this one, is about it too."""
    carried = np.zeros_like(member)
    if neighbours is None or not neighbours.nnz or not member.shape[1]:
        return carried
    article = article_index(neighbours)
    seeds_in_article = _per_article(article, seeds)
    covered = _per_article(article, member.any(axis=1)[:, None])[:, 0] / np.bincount(article)
    closest = z.argmax(axis=1)
    rows = np.arange(len(z))
    takes = (
        ~member[rows, closest]
        & (seeds_in_article[article, closest] >= min_seeds)
        & (z[rows, closest] >= 0)
        & (covered[article] >= COVERED_SHARE)
    )
    carried[rows[takes], closest[takes]] = True
    return carried


def article_prior(seeds: np.ndarray, neighbours) -> np.ndarray | None:
    """(n, k) log share of each theme among the seeds of the unit's article (add-one smoothed), or None
    without articles. What the article is about, for choosing a paragraph's primary theme among those
    it is under: a paragraph of an article about the Doha deal that names IS in passing."""
    if neighbours is None or not neighbours.nnz or not seeds.shape[1]:
        return None
    article = article_index(neighbours)
    counts = _per_article(article, seeds)[article] + 1.0
    return np.log(counts / counts.sum(axis=1, keepdims=True))


def _per_article(article: np.ndarray, values: np.ndarray) -> np.ndarray:
    """(n_articles, k) the sums of ``values`` ((n, k)) over each article's units."""
    sums = np.zeros((article.max() + 1, values.shape[1]))
    np.add.at(sums, article, values.astype(np.float64))
    return sums
