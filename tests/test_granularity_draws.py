"""The label-free choice of the word weight (benchmarks.granularity_draws, a measured method) on the seeds."""

from __future__ import annotations

import numpy as np
import pandas as pd

from benchmarks.granularity_draws import keyword_coherence, method_labels


def _seeds(seeds_corpus, data_dir):
    units = seeds_corpus.units("paragraph")
    themes = pd.read_csv(data_dir / "seed_theme_labels.csv").set_index("paragraph_id").loc[units["unit_id"], "theme"]
    return units["text"].tolist(), pd.factorize(themes)[0]


def test_keyword_coherence_prefers_the_read_themes_to_a_shuffle(seeds_corpus, data_dir):
    texts, themes = _seeds(seeds_corpus, data_dir)
    shuffled = np.random.default_rng(0).permutation(themes)
    assert keyword_coherence(texts, themes) > keyword_coherence(texts, shuffled)
    assert keyword_coherence(texts, np.full(len(texts), -1)) == float("-inf")  # no topic at all


def test_words_by_coherence_returns_the_more_coherent_of_the_two_weights(seeds_corpus, data_dir, seeds_paragraph_embeddings):
    from benchmarks.granularity import graph_topics
    from topics.modeling.word_graph import word_vectors
    from topics.text.alias_mining import mine_aliases

    texts, _ = _seeds(seeds_corpus, data_dir)
    vectors = seeds_paragraph_embeddings
    words = word_vectors(texts, mine_aliases(texts))
    chosen = method_labels("words by coherence", vectors, words, None, 0, 1.0, texts)
    candidates = [graph_topics(vectors, None, 0, words, weight) for weight in (0.0, 0.3)]
    best = max(candidates, key=lambda labels: keyword_coherence(texts, labels))
    assert any((chosen == c).all() for c in candidates)
    assert (chosen == best).all()
