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


def test_summarised_pools_draws_and_pairs_each_run_with_meaning_only():
    from benchmarks.granularity_draws import summarised

    def row(method, nmi):
        return {"corpus": "c", "units": 100, "method": method, "cover": 0.5, "ARI": 0.0, "NMI": float(np.mean(nmi)),
                "topics": 5.0, "cpu_s": 1.0, "_runs": {"ARI": [0.0] * len(nmi), "NMI": nmi, "topics": [5.0] * len(nmi)}}

    # Two draws of two random states each; the method gains 0.1 on three runs and loses 0.1 on one.
    rows = [row("meaning only", [0.5, 0.6]), row("m", [0.6, 0.7]), row("meaning only", [0.4, 0.5]), row("m", [0.5, 0.4])]
    pooled = {r["method"]: r for r in summarised(rows)}
    assert pooled["m"]["runs"] == 4
    assert np.isclose(pooled["m"]["NMI"], 0.55) and np.isclose(pooled["m"]["NMI sd"], np.std([0.6, 0.7, 0.5, 0.4]))
    assert np.isclose(pooled["m"]["NMI change"], 0.05) and np.isclose(pooled["m"]["change sd"], np.std([0.1, 0.1, 0.1, -0.1]))
    assert pooled["meaning only"]["NMI change"] == 0 and pooled["meaning only"]["change sd"] == 0


def test_words_where_covered_follows_the_word_cover(seeds_corpus, data_dir, seeds_paragraph_embeddings):
    from benchmarks.granularity import graph_topics
    from benchmarks.granularity_draws import MAJORITY, word_cover
    from topics.modeling.word_graph import word_vectors
    from topics.text.alias_mining import mine_aliases

    texts, _ = _seeds(seeds_corpus, data_dir)
    vectors = seeds_paragraph_embeddings
    words = word_vectors(texts, mine_aliases(texts))
    cover = word_cover(vectors, words)
    assert cover >= MAJORITY  # the seed paragraphs share a word with most of their meaning neighbours
    with_words = graph_topics(vectors, None, 0, words, 0.3)
    assert (method_labels("words where covered", vectors, words, None, 0, cover, texts) == with_words).all()
    # Where the words speak about few neighbourhoods, meaning only.
    assert (method_labels("words where covered", vectors, words, None, 0, 0.3, texts) == graph_topics(vectors, None, 0)).all()
    assert not (with_words == graph_topics(vectors, None, 0)).all()


def test_words_with_the_modularity_vote_combines_both(seeds_corpus, data_dir, seeds_paragraph_embeddings):
    from unittest import mock

    from benchmarks.granularity import graph_topics
    from benchmarks.modularity_vote import settle_by_modularity
    from topics.modeling import cluster
    from topics.modeling.word_graph import word_vectors
    from topics.text.alias_mining import mine_aliases

    texts, _ = _seeds(seeds_corpus, data_dir)
    vectors = seeds_paragraph_embeddings
    words = word_vectors(texts, mine_aliases(texts))
    found = method_labels("words 0.3 + modularity vote", vectors, words, None, 0, 1.0, texts)
    with mock.patch.object(cluster, "settle_boundaries", settle_by_modularity):
        assert (found == graph_topics(vectors, None, 0, words, 0.3)).all()
    assert cluster.settle_boundaries is not settle_by_modularity  # the patch does not leak
    assert not (found == graph_topics(vectors, None, 0, words, 0.3)).all()  # the vote moves boundary paragraphs


def test_the_consistent_split_only_cuts_topics_of_the_vote(seeds_corpus, data_dir, seeds_paragraph_embeddings):
    from topics.modeling.word_graph import word_vectors
    from topics.text.alias_mining import mine_aliases

    texts, _ = _seeds(seeds_corpus, data_dir)
    words = word_vectors(texts, mine_aliases(texts))
    voted = method_labels("words 0.3 + modularity vote", seeds_paragraph_embeddings, words, None, 0, 1.0, texts)
    split = method_labels("words 0.3 + modularity vote + consistent split", seeds_paragraph_embeddings, words, None, 0,
                          1.0, texts)
    assert ((split >= 0) == (voted >= 0)).all()
    for topic in np.unique(split[split >= 0]):  # every topic after the split lies inside one topic of the vote
        assert len(np.unique(voted[split == topic])) == 1
    assert len(np.unique(split[split >= 0])) >= len(np.unique(voted[voted >= 0]))
