"""Large corpora: the exact neighbour graph shared by both UMAP runs, and fitting on a sample.

Sampling is checked on the real BBC sample paragraphs (1,083 units, a fit sample of
500) against a fit on all of them; UMAP's own neighbour search is checked to stay
unused on 4,200 units around the real article vectors (UMAP searches itself only
past 4,096 units).
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from topics.errors import InputError
from topics.modeling.model import TopicModel
from topics.modeling.reduce import exact_neighbour_graph, neighbour_graph
from topics.modeling.sampling import SampleNeighbours

SAMPLE = 500


@pytest.fixture(scope="module")
def bbc_paragraphs(bbc_sample, embedder):
    from topics.embedding.embed import embed_units

    units = bbc_sample.units("paragraph")
    return units, embed_units(bbc_sample, "paragraph", embedder), units["label"].astype(str).to_numpy()


@pytest.fixture(scope="module")
def full_model(bbc_paragraphs):
    units, vectors, _ = bbc_paragraphs
    return TopicModel(random_state=3, max_fit_units=None).fit(units, embeddings=vectors)


@pytest.fixture(scope="module")
def sampled_model(bbc_paragraphs):
    units, vectors, _ = bbc_paragraphs
    return TopicModel(random_state=3, max_fit_units=SAMPLE).fit(units, embeddings=vectors)


def test_neighbour_graph_is_the_exact_cosine_graph(bbc_paragraphs):
    _, vectors, _ = bbc_paragraphs
    vectors = vectors[:600]
    indices, distances = exact_neighbour_graph(vectors, 10)
    assert (neighbour_graph(vectors, 10)[0] == indices).all()  # shared by clustering and map at this size
    assert indices.shape == distances.shape == (600, 10)
    assert indices.dtype == np.int32 and distances.dtype == np.float32
    cosine = 1.0 - vectors.astype(np.float64) @ vectors.T.astype(np.float64)
    np.testing.assert_allclose(distances, np.clip(np.sort(cosine, axis=1)[:, :10], 0, None), atol=2e-5)
    # Every unit is its own first neighbour at exactly 0: UMAP measures from the first distance above 0.
    assert (indices[:, 0] == np.arange(600)).all()
    assert (distances[:, 0] == 0.0).all() and (distances[:, 1:] > 0).all()


def test_neighbour_search_finds_the_exact_neighbours_in_blocks(bbc_paragraphs, monkeypatch):
    import topics.modeling.neighbours as neighbours

    _, vectors, _ = bbc_paragraphs
    base, queries = vectors[:300], vectors[300:700]
    exact = queries.astype(np.float64) @ base.T.astype(np.float64)
    expected = np.argsort(-exact, axis=1, kind="stable")[:, :15]
    monkeypatch.setattr(neighbours, "CANDIDATE_BLOCK_CELLS", 300 * 7)  # blocks of 7 queries, the last one short
    indices, similarities = neighbours.nearest(base, queries, 15)
    np.testing.assert_array_equal(indices, expected)
    np.testing.assert_allclose(similarities, np.take_along_axis(exact, expected, axis=1), atol=1e-6)


def test_description_rows_take_the_same_share_of_each_topic_with_a_floor():
    from topics.modeling.describe import description_rows

    labels = np.repeat([0, 1, 2, -1], [6_000, 3_000, 150, 850])
    rows, weights = description_rows(labels, max_units=1_000, min_topic_units=200)
    assert (np.diff(rows) > 0).all()  # corpus order, no row twice
    picked = {t: int((labels[rows] == t).sum()) for t in (0, 1, 2, -1)}
    assert picked == {0: 600, 1: 300, 2: 150, -1: 200}  # a tenth, at least 200, all of a smaller topic
    for topic in (0, 1, 2, -1):  # each picked unit stands for its share of the topic
        assert weights[labels[rows] == topic].sum() == pytest.approx((labels == topic).sum())
    rows, weights = description_rows(labels, max_units=20_000)
    assert (rows == np.arange(len(labels))).all() and (weights == 1).all()


def test_large_corpora_are_described_from_a_sample_of_each_topic(bbc_paragraphs, monkeypatch):
    """Past ``max_units`` the words are read from a weighted sample: keywords mostly as from every
    text, representatives still the nearest of all units (rows of the whole corpus)."""
    import topics.modeling.describe as describe
    from topics.modeling.cluster import topic_centroids

    units, vectors, sections = bbc_paragraphs
    labels = np.unique(sections, return_inverse=True)[1]
    ids = np.unique(labels)
    centroids = topic_centroids(vectors, labels, ids)
    texts = units["text"].tolist()
    full = describe.describe_topics(texts, labels, ids, vectors, centroids, max_units=None)
    monkeypatch.setattr(describe, "DESCRIBE_TOPIC_UNITS", 20)
    read = []
    monkeypatch.setattr(describe, "keyword_cooccurrence", lambda counts, c, f=describe.keyword_cooccurrence: read.append(counts.shape[0]) or f(counts, c))
    chosen_among = []  # the units representatives are chosen among, per call that wants some: all of them, once
    monkeypatch.setattr(describe, "representative_units", lambda labels, ids, e, c, n, *a, f=describe.representative_units: (
        n and chosen_among.append(len(labels))) or f(labels, ids, e, c, n, *a))
    sampled = describe.describe_topics(texts, labels, ids, vectors, centroids, max_units=len(texts) // 2)
    assert chosen_among == [len(texts)]
    assert set(read) == {len(describe.description_rows(labels, len(texts) // 2, 20)[0])} and read[0] < len(texts) / 2
    assert sampled.representatives == full.representatives
    overlap = [len(set(a) & set(b)) / len(a) for a, b in zip(full.keywords, sampled.keywords)]
    assert np.mean(overlap) >= 0.6, overlap
    assert all(sampled.labels)


def test_umap_never_runs_its_own_neighbour_search(bbc_sample, embedder, monkeypatch):
    """Past 4,096 units UMAP would search with NN-descent, whose numba code is compiled
    again in every process (~20 s); the model hands it the exact graph instead."""
    import umap.umap_

    from topics.embedding.embed import embed_units

    paragraphs = bbc_sample.paragraphs
    leads = dataclasses.replace(bbc_sample, paragraphs=paragraphs[paragraphs["position"] < 3].reset_index(drop=True))
    articles, vectors = leads.units("article"), embed_units(leads, "article", embedder)
    rng = np.random.default_rng(0)
    source = rng.integers(len(articles), size=4_200)
    noisy = vectors[source] + rng.normal(scale=0.05, size=(len(source), vectors.shape[1])).astype(np.float32)
    units = articles.iloc[source].reset_index(drop=True).assign(unit_id=[f"u{i}" for i in range(len(source))])

    def refuse(*args, **kwargs):
        raise AssertionError("UMAP searched for neighbours itself")

    monkeypatch.setattr(umap.umap_, "nearest_neighbors", refuse)
    model = TopicModel(random_state=3, max_fit_units=None).fit(units, embeddings=noisy)
    assert len(model.topic_ids_) >= 2 and np.isfinite(model.coords_2d_).all()


def test_sampled_fit_covers_every_unit_and_finds_the_full_fits_topics(sampled_model, full_model, bbc_paragraphs):
    units, _, labels = bbc_paragraphs
    model = sampled_model
    assert full_model.fit_sample_size_ == len(units) and model.fit_sample_size_ == SAMPLE
    assert len(model.labels_) == len(model.probabilities_) == len(model.coords_2d_) == len(units)
    assert np.isfinite(model.coords_2d_).all() and ((model.probabilities_ >= 0) & (model.probabilities_ <= 1)).all()
    assert model.topic_info()["size"].sum() == len(units)
    # Measured: NMI with the sections 0.63 (full fit 0.62), ARI with the full fit 0.70.
    assert normalized_mutual_info_score(labels, model.labels_) >= 0.5
    assert adjusted_rand_score(full_model.labels_, model.labels_) >= 0.5
    assert (model.labels_ == -1).mean() <= 0.10


def test_units_outside_the_sample_sit_with_their_topic_on_the_map(sampled_model):
    """On the map, units placed by their neighbours are as close to their own topic as fitted units are."""
    model = sampled_model
    coords, labels = model.coords_2d_, model.labels_
    centres = np.stack([np.median(coords[labels == t], axis=0) for t in model.topic_ids_])
    nearest = model.topic_ids_[np.argmin(((coords[:, None, :] - centres[None]) ** 2).sum(-1), axis=1)]
    placed = (nearest == labels) & (labels >= 0)
    sampled = np.zeros(len(labels), dtype=bool)
    sampled[SampleNeighbours.draw(model.embeddings_, SAMPLE, 3).sample] = True
    assert placed[~sampled].mean() >= placed[sampled].mean() - 0.05


def test_sampled_fit_is_reproducible_and_survives_save_and_load(sampled_model, bbc_paragraphs, tmp_path):
    units, vectors, _ = bbc_paragraphs
    again = TopicModel(random_state=3, max_fit_units=SAMPLE).fit(units, embeddings=vectors)
    np.testing.assert_array_equal(again.labels_, sampled_model.labels_)
    loaded = TopicModel.load(sampled_model.save(tmp_path / "model"))
    assert loaded.fit_sample_size_ == SAMPLE and loaded.max_fit_units == SAMPLE
    np.testing.assert_array_equal(loaded.labels_, sampled_model.labels_)


def test_votes_follow_the_neighbours():
    """Each unit outside the sample takes the similarity-weighted majority of its neighbours."""
    rng = np.random.default_rng(1)
    centres = np.eye(8, dtype=np.float32)[:3]
    vectors = centres[rng.integers(3, size=600)] + rng.normal(scale=0.05, size=(600, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    sampled = SampleNeighbours.draw(vectors, 200, random_state=0)
    assert len(sampled.sample) == 200 and len(sampled.rest) == 400
    truth = (vectors @ centres.T).argmax(axis=1)
    labels, strengths = sampled.spread_labels(truth[sampled.sample], np.ones(200))
    np.testing.assert_array_equal(labels, truth)
    assert (strengths[sampled.rest] > 0.5).all()
    # A neighbourhood of outliers makes an outlier.
    outlier_labels, outlier_strengths = sampled.spread_labels(np.full(200, -1), np.zeros(200))
    assert (outlier_labels == -1).all() and (outlier_strengths == 0).all()


@pytest.mark.parametrize("bad", [0, 10, 499, 2.5, True, "20000"])
def test_bad_max_fit_units_is_refused(bad, bbc_paragraphs):
    units, vectors, _ = bbc_paragraphs
    with pytest.raises(InputError, match="max_fit_units"):
        TopicModel(max_fit_units=bad).fit(units.iloc[:50], embeddings=vectors[:50])


def test_scaling_benchmark_times_a_sampled_description_once(bbc_paragraphs, monkeypatch):
    """A sampled description calls ``describe_topics`` again on its sample; the benchmark's stage timer
    must count the outer call only, so the stage never takes longer than the call around it."""
    import time

    import topics.modeling.cluster as cluster
    import topics.modeling.describe as describe
    import topics.modeling.reduce as reduce
    from benchmarks.scaling import _stage_timers
    from topics.modeling.cluster import topic_centroids

    for module, name in ((describe, "describe_topics"), (reduce, "reduce_embeddings"), (reduce, "layout_2d"),
                         (reduce, "fuzzy_graph"), (cluster, "density_clusters"), (cluster, "graph_clusters")):
        monkeypatch.setattr(module, name, getattr(module, name))  # restored after the test
    monkeypatch.setattr(SampleNeighbours, "draw", SampleNeighbours.__dict__["draw"])
    units, vectors, sections = bbc_paragraphs
    labels = np.unique(sections, return_inverse=True)[1]
    ids = np.unique(labels)
    centroids = topic_centroids(vectors, labels, ids)
    monkeypatch.setattr(describe, "DESCRIBE_TOPIC_UNITS", 20)
    seconds, peaks = _stage_timers()
    start = time.perf_counter()
    try:
        describe.describe_topics(units["text"].tolist(), labels, ids, vectors, centroids, max_units=len(units) // 2)
    finally:
        outer = time.perf_counter() - start
        peaks.stop()
    assert 0 < seconds["describe_s"] <= outer
    assert 0 < seconds["describe_cpu_s"]
