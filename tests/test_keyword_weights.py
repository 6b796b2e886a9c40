"""A topic's keywords come in the order of the weights shown with them (the HTML bars, topics.json).

Keywords are ranked by relevance, diversity and use together (maximal marginal relevance), not by their
c-TF-IDF alone; the weight shown is the score each was ranked by. BBC News sample: tests/data/bbc_sample.csv
(credited in tests/data/README.md)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from topics.modeling.describe import _mmr, describe_topics


def test_weights_never_rise_along_the_keywords_on_bbc_news():
    frame = pd.read_csv(Path(__file__).parent / "data" / "bbc_sample.csv")
    texts = (frame["title"] + ". " + frame["text"]).tolist()
    labels = pd.factorize(frame["label"])[0]
    # Each label's articles around a centre of their own; the keyword's closeness term then varies by word.
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(labels.max() + 1, 48))
    vectors = centres[labels] + 0.8 * rng.normal(size=(len(texts), 48))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    described = describe_topics(texts, labels, np.arange(labels.max() + 1), vectors.astype(np.float32), centres.astype(np.float32))
    for keywords, weights in zip(described.keywords, described.keyword_weights):
        assert len(keywords) == len(weights) == 10
        assert all(a >= b for a, b in zip(weights, weights[1:])), list(zip(keywords, weights))
        assert weights[-1] > 0


def test_the_ranked_scores_are_those_the_choice_was_made_by():
    from topics.modeling.describe import _ranked_mmr

    relevance = np.array([1.0, 0.9, 0.5])
    vectors = np.eye(3)
    npmi = np.array([[0.0, -1.0, 1.0], [-1.0, 0.0, -1.0], [1.0, -1.0, 0.0]])
    chosen, scores = _ranked_mmr(relevance, vectors, ["a", "b", "c"], 3, npmi)
    assert chosen == _mmr(relevance, vectors, ["a", "b", "c"], 3, npmi) == [0, 2, 1]
    # "c" gains by its use with "a" (0.45 + 0.4): chosen second, shown below "a"; "b" loses by it.
    assert scores[0] == 0.9 and np.isclose(scores[1], 0.85) and scores[2] <= scores[1]
