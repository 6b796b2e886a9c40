"""The words-and-meaning neighbour graph (topics.modeling.word_graph) and TopicModel(word_weight=...)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from topics import TopicModel
from topics.errors import InputError
from topics.modeling.reduce import exact_neighbour_graph
from topics.modeling.word_graph import blended_graph, blended_neighbours, word_vectors
from topics.text.alias_mining import mine_aliases

SEED_LABELS = "tests/data/seed_theme_labels.csv"


def test_meaning_only_blend_is_the_embedding_neighbour_graph(seeds_corpus, seeds_paragraph_embeddings):
    texts = seeds_corpus.units("paragraph")["text"].tolist()
    words = word_vectors(texts)
    indices, distances = blended_neighbours(seeds_paragraph_embeddings, words, 8, 0.0)
    exact_indices, exact_distances = exact_neighbour_graph(seeds_paragraph_embeddings, 8)
    assert (indices[:, 0] == np.arange(len(texts))).all() and (distances[:, 0] == 0).all()
    # Ties may order differently; the neighbour sets and their distances agree.
    assert np.allclose(np.sort(distances, axis=1), np.sort(exact_distances, axis=1), atol=1e-5)
    agree = np.mean([len(set(a) & set(b)) / 8 for a, b in zip(indices, exact_indices)])
    assert agree > 0.99


def test_shared_words_pull_a_unit_to_a_neighbour_its_embedding_ranks_lower():
    embeddings = np.array([[1.0, 0.0, 0.0], [0.95, 0.31, 0.0], [0.8, 0.0, 0.6], [0.0, 1.0, 0.0]])
    embeddings /= np.linalg.norm(embeddings, axis=1, keepdims=True)
    texts = ["drone strike reconnaissance", "budget session parliament", "drone strike airspace", "football league"]
    words = word_vectors(texts + texts)[:4]  # every word in two texts, so none is dropped as unique
    meaning, _ = blended_neighbours(embeddings, words, 2, 0.0)
    blended, _ = blended_neighbours(embeddings, words, 2, 0.5)
    assert meaning[0, 1] == 1 and blended[0, 1] == 2
    graph = blended_graph(embeddings, words, 2, 0.5)
    assert graph.shape == (4, 4) and np.allclose((graph - graph.T).toarray(), 0)


def test_aliases_make_two_names_one_word():
    texts = [
        "The Islamic State Khorasan Province (ISKP) claimed the attack.",
        "ISKP fighters attacked the checkpoint.",
        "The Islamic State Khorasan Province recruited in the east.",
        "Officials met in Doha to discuss the agreement.",
    ]
    plain, unified = word_vectors(texts), word_vectors(texts, mine_aliases(texts))
    assert (unified[1] @ unified[2].T).toarray()[0, 0] > (plain[1] @ plain[2].T).toarray()[0, 0]


@pytest.mark.parametrize("weight", [-0.1, 1.0, "0.3", True, None])
def test_word_weight_outside_zero_to_one_is_refused(weight):
    with pytest.raises(InputError, match="word_weight"):
        TopicModel(word_weight=weight).fit(["a text", "another text", "a third"], embeddings=np.eye(3))


def test_seed_themes_read_closer_with_words(seeds_corpus, seeds_paragraph_embeddings):
    from sklearn.metrics import normalized_mutual_info_score

    units = seeds_corpus.units("paragraph")
    truth = pd.read_csv(SEED_LABELS).set_index("paragraph_id").loc[units["unit_id"], "theme"].to_numpy()
    scores = {}
    for weight in (0.0, 0.3):
        model = TopicModel(word_weight=weight, random_state=0).fit(units, embeddings=seeds_paragraph_embeddings)
        scores[weight] = normalized_mutual_info_score(truth, model.labels_)
        assert model.get_params()["word_weight"] == weight
    assert scores[0.3] > scores[0.0]


def test_a_fit_on_a_sample_finds_the_sample_neighbours_by_words_too(bbc_sample, embedder):
    from sklearn.metrics import normalized_mutual_info_score

    from topics.embedding.embed import embed_units

    units = bbc_sample.units("paragraph")
    vectors = embed_units(bbc_sample, "paragraph", embedder)
    sections = units["label"].astype(str).to_numpy()
    scores = {}
    for weight in (0.0, 0.3):
        model = TopicModel(word_weight=weight, max_fit_units=500, random_state=3).fit(units, embeddings=vectors)
        assert model.fit_sample_size_ == 500 and len(model.labels_) == len(units)
        scores[weight] = normalized_mutual_info_score(sections, model.labels_)
    # 1,083 BBC paragraphs: 0.727 by meaning, 0.724 with words; the sample's words must not break it.
    assert scores[0.3] > scores[0.0] - 0.05
