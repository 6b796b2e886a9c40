"""The neighbour graph of words and meaning together, for the graph clustering of small corpora.

A unit's neighbours are found by a blend of two cosines: its sentence embedding's and its
TF-IDF word vector's (mined aliases unified, so "Daesh" and "IS-K" are one word). Paragraphs
about one theme told in different registers share their names and terms; paragraphs of one
register about different themes do not. The blend keeps the graph's density (k neighbours
per unit, as the embedding graph has), so the community search's resolution means the same.
May import: numpy, scipy, scikit-learn, :mod:`topics.modeling.fuzzy`, :mod:`topics.modeling.describe`.
"""

from __future__ import annotations

import numpy as np

# Rows of similarities computed at once: 1,024 × n floats.
BLOCK_ROWS = 1024
ZERO_DISTANCE = 1e-6


def word_vectors(texts: list[str], aliases=None):
    """L2-normalised TF-IDF rows (scipy CSR) of ``texts``, or None when they hold too few words.

    ``aliases``: an ``AliasTable`` whose names are unified first. Stop words, datelines and
    contraction fragments are dropped by the keyword tokenizer; words in one text only or in
    over half of them carry no grouping evidence and are left out.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    from topics.modeling.describe import _stop_words, tokenize

    if aliases is not None and len(aliases):
        texts = aliases.normalize_all(texts)
    vectorizer = TfidfVectorizer(
        tokenizer=tokenize, lowercase=False, token_pattern=None, stop_words=sorted(_stop_words()),
        sublinear_tf=True, min_df=2, max_df=0.5 if len(texts) >= 20 else 1.0,
    )
    try:
        words = vectorizer.fit_transform(texts)
    except ValueError:  # no word left
        return None
    return words.tocsr().astype(np.float64)


def blended_neighbours(embeddings: np.ndarray, words, n_neighbors: int, word_weight: float):
    """Exact k nearest neighbours by ``(1 - word_weight) · embedding cosine + word_weight · word cosine``.

    Returns (indices int32, distances float32) as UMAP takes them: each unit its own first
    neighbour at distance 0. Rows are computed in blocks, so memory stays ``BLOCK_ROWS × n``.
    """
    vectors = np.asarray(embeddings, dtype=np.float64)
    n_units = len(vectors)
    k = min(n_neighbors, n_units)
    indices = np.empty((n_units, k), dtype=np.int32)
    distances = np.empty((n_units, k), dtype=np.float32)
    words_t = words.T.tocsc()
    for start in range(0, n_units, BLOCK_ROWS):
        stop = min(start + BLOCK_ROWS, n_units)
        block = (1.0 - word_weight) * (vectors[start:stop] @ vectors.T)
        block += word_weight * (words[start:stop] @ words_t).toarray()
        indices[start:stop], distances[start:stop] = nearest_rows(block, start, k)
    return indices, distances


def nearest_rows(block: np.ndarray, start: int, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The k most similar columns of each row of ``block`` (rows ``start`` … of a units × units
    similarity) and their distances ``1 - similarity``: each unit its own first neighbour at 0.
    ``block`` is overwritten on its diagonal."""
    rows = np.arange(len(block))
    block[rows, rows + start] = np.inf  # itself first, whatever rounding says
    nearest = np.argpartition(-block, k - 1, axis=1)[:, :k]
    order = np.argsort(-np.take_along_axis(block, nearest, axis=1), axis=1, kind="stable")
    nearest = np.take_along_axis(nearest, order, axis=1)
    similarity = np.take_along_axis(block, nearest, axis=1)
    similarity[:, 0] = 1.0
    cosine = np.clip(1.0 - similarity, 0.0, 2.0)
    cosine[cosine < ZERO_DISTANCE] = 0.0
    return nearest, cosine


def blended_graph(embeddings: np.ndarray, words, n_neighbors: int, word_weight: float):
    """UMAP's fuzzy neighbour graph (scipy CSR) over :func:`blended_neighbours`."""
    from topics.modeling.fuzzy import fuzzy_simplicial_set

    indices, distances = blended_neighbours(embeddings, words, n_neighbors, word_weight)
    return fuzzy_simplicial_set(indices, distances, indices.shape[1]).tocsr()
