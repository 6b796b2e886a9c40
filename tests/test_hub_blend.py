"""Words and meaning blended after a hub correction of each side (benchmarks.hub_blend, a measured method)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sparse

from benchmarks.hub_blend import hub_blended_neighbours, hub_corrected
from topics.modeling.word_graph import blended_neighbours, word_vectors
from topics.text.alias_mining import mine_aliases


def _hub_and_pair() -> np.ndarray:
    """Unit 0 is close to every unit (a hub); units 1 and 2 are close to each other, less than to the hub."""
    similarity = np.full((6, 6), 0.2)
    similarity[0, :] = similarity[:, 0] = 0.75
    similarity[1, 2] = similarity[2, 1] = 0.7
    np.fill_diagonal(similarity, 1.0)
    return similarity


def test_a_hub_stops_being_the_nearest_neighbour_of_a_unit_with_a_closer_partner():
    similarity = _hub_and_pair()
    others = similarity - 2 * np.eye(6)
    assert others[1].argmax() == 0  # the hub, before the correction
    corrected = hub_corrected(similarity, 3) - 10 * np.eye(6)
    assert corrected[1].argmax() == 2 and corrected[2].argmax() == 1
    assert np.allclose(corrected, corrected.T)


def test_hub_blended_neighbours_keep_the_graph_contract():
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(30, 8))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    words = sparse.random(30, 40, density=0.1, random_state=1, format="csr")
    for weight in (0.0, 0.5):
        indices, distances = hub_blended_neighbours(vectors, words, 6, weight)
        assert indices.shape == distances.shape == (30, 6)
        assert indices.dtype == np.int32 and distances.dtype == np.float32
        assert (indices[:, 0] == np.arange(30)).all() and (distances[:, 0] == 0).all()
        assert (np.diff(distances, axis=1) >= 0).all() and (distances >= 0).all()
    # Without the correction's shift the refactored plain blend still ranks by the raw cosines.
    plain, _ = blended_neighbours(vectors, words, 6, 0.0)
    assert (plain[:, 1] == np.argsort(-(vectors @ vectors.T - 2 * np.eye(30)), axis=1)[:, 0]).all()


def test_seed_neighbours_share_their_theme_more_after_the_correction(seeds_corpus, seeds_paragraph_embeddings, data_dir):
    units = seeds_corpus.units("paragraph")
    truth = pd.read_csv(data_dir / "seed_theme_labels.csv").set_index("paragraph_id").loc[units["unit_id"], "theme"].to_numpy()
    texts = units["text"].tolist()
    words = word_vectors(texts, mine_aliases(texts))

    def alike(indices):
        return float((truth[indices[:, 1:]] == truth[:, None]).mean())

    meaning, _ = blended_neighbours(seeds_paragraph_embeddings, words, 10, 0.0)
    corrected, _ = hub_blended_neighbours(seeds_paragraph_embeddings, words, 10, 0.5)
    assert alike(corrected) > alike(meaning)
