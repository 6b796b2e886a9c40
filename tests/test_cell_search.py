"""The cell-by-cell search for a large fit's sample votes (topics.modeling.cell_search), on real vectors.

The BBC sample (tests/data/bbc_sample.csv) gives real MiniLM article and paragraph vectors: tight groups
around 40 real articles make a case where every neighbour is unambiguous, and the paragraphs a case
where cells can miss some.
"""

from __future__ import annotations

import numpy as np
import pytest

import topics.modeling.cell_search as cell_search
from topics.modeling.neighbours import nearest
from topics.modeling.sampling import SampleNeighbours


@pytest.fixture(scope="module")
def article_vectors(bbc_sample, embedder):
    from topics.embedding.embed import embed_units

    return embed_units(bbc_sample, "article", embedder)


@pytest.fixture(scope="module")
def paragraph_vectors(bbc_sample, embedder):
    from topics.embedding.embed import embed_units

    return embed_units(bbc_sample, "paragraph", embedder)


def _groups(centres: np.ndarray, per_group: int, rng: np.random.Generator) -> np.ndarray:
    """``per_group`` unit vectors close around each centre (cosine to it about 0.93), group after group."""
    points = np.repeat(centres, per_group, axis=0) + rng.normal(scale=0.02, size=(len(centres) * per_group, centres.shape[1]))
    return (points / np.linalg.norm(points, axis=1, keepdims=True)).astype(np.float32)


def test_cells_find_the_exact_neighbours_where_groups_are_well_separated(article_vectors):
    """40 real articles, each with 40 sampled and 20 other units close around it: every unit's 15 nearest
    are in its own group, and the cells (about sqrt(1,600) = 40, 5 probed) must return exactly them, in order."""
    rng = np.random.default_rng(0)
    similarity = article_vectors @ article_vectors.T
    centres = [0]
    for row in range(1, len(article_vectors)):  # articles no closer than 0.5 to one already taken
        if len(centres) < 40 and similarity[row, centres].max() < 0.5:
            centres.append(row)
    assert len(centres) == 40
    base = _groups(article_vectors[centres], 40, rng)
    queries = _groups(article_vectors[centres], 20, rng)
    exact_indices, exact_similarities = nearest(base, queries, 15)
    assert (exact_indices // 40 == np.arange(40).repeat(20)[:, None]).all()  # the case is what it claims
    indices, similarities = cell_search.nearest_by_cells(base, queries, 15, random_state=0)
    np.testing.assert_array_equal(indices, exact_indices)
    np.testing.assert_array_equal(similarities, exact_similarities)


def test_cells_find_most_neighbours_of_real_paragraphs(paragraph_vectors):
    """Paragraphs overlap (no clean groups): most of the exact neighbours are found, each with its exact similarity."""
    base, queries = paragraph_vectors[:700], paragraph_vectors[700:]
    exact_indices, _ = nearest(base, queries, 15)
    indices, similarities = cell_search.nearest_by_cells(base, queries, 15, random_state=0)
    recall = np.mean([len(set(a) & set(b)) / 15 for a, b in zip(indices.tolist(), exact_indices.tolist())])
    assert recall > 0.8
    exact = np.einsum("qd,qkd->qk", queries.astype(np.float64), base[indices].astype(np.float64))
    np.testing.assert_allclose(similarities, exact, atol=1e-6)
    assert (np.diff(similarities, axis=1) <= 0).all()  # nearest first


def test_too_few_units_in_the_probed_cells_falls_back_to_the_exact_search(paragraph_vectors):
    """30 sampled units make 5 cells and 1 probed: fewer than the 23 candidates wanted, so those queries go exact."""
    base, queries = paragraph_vectors[:30], paragraph_vectors[30:90]
    np.testing.assert_array_equal(cell_search.nearest_by_cells(base, queries, 15, 0)[0], nearest(base, queries, 15)[0])


def test_the_cells_are_used_only_where_they_pay():
    assert not cell_search.worth_cells(5_000, 295_000)  # the map's sample
    assert not cell_search.worth_cells(20_000, 5_000)  # a fit just past the sampling threshold
    assert cell_search.worth_cells(20_000, 280_000)


def test_sample_votes_search_exactly_below_the_cells_and_by_cells_past_them(paragraph_vectors, monkeypatch):
    vectors = paragraph_vectors
    sampled = SampleNeighbours.draw(vectors, 300, random_state=1)
    exact = nearest(sampled.sample_embeddings, vectors[sampled.rest], 15)
    np.testing.assert_array_equal(sampled.neighbours, exact[0])  # unchanged below MIN_SAMPLE
    monkeypatch.setattr(cell_search, "MIN_SAMPLE", 300)
    by_cells = SampleNeighbours.draw(vectors, 300, random_state=1)
    expected = cell_search.nearest_by_cells(by_cells.sample_embeddings, vectors[by_cells.rest], 15, 1)
    np.testing.assert_array_equal(by_cells.neighbours, expected[0])
    again = SampleNeighbours.draw(vectors, 300, random_state=1)
    np.testing.assert_array_equal(again.neighbours, by_cells.neighbours)  # the cells follow the seed


def test_the_ray_search_runs_the_local_cells(paragraph_vectors):
    """A Ray batch given the local fit's cells finds what the local search finds (called here without Ray)."""
    from topics.distributed.clustering import NeighbourSearch

    base, queries = paragraph_vectors[:500], paragraph_vectors[500:800]
    centres = cell_search.cell_centres(base, 4)
    found = NeighbourSearch(base, 15, centres)({"row": np.arange(300), "embedding": queries})
    local = cell_search.nearest_by_cells(base, queries, 15, random_state=4)
    np.testing.assert_array_equal(found["indices"], local[0])
    np.testing.assert_array_equal(found["similarities"], local[1])
    exact = NeighbourSearch(base, 15)({"row": np.arange(300), "embedding": queries})
    np.testing.assert_array_equal(exact["indices"], nearest(base, queries, 15)[0])
