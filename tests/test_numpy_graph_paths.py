"""Neighbour-graph weights and the map of small corpora, computed without numba code."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]


def _clusters(n_units: int = 300, seed: int = 0, n_centres: int = 4) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(n_centres, 48))
    labels = rng.integers(0, n_centres, n_units)
    vectors = centres[labels] + rng.normal(scale=0.6, size=(n_units, 48))
    vectors[7] = vectors[8]  # a duplicate: distance 0 beyond the unit itself
    return vectors.astype(np.float32), labels


def test_graph_weights_match_umaps_fuzzy_simplicial_set(seeds_paragraph_embeddings):
    from topics.modeling._numba_cache import umap
    from topics.modeling.fuzzy import fuzzy_simplicial_set
    from topics.modeling.reduce import exact_neighbour_graph

    for vectors, k in ((seeds_paragraph_embeddings, 11), (_clusters()[0], 15)):
        indices, distances = exact_neighbour_graph(vectors, k)
        ours = fuzzy_simplicial_set(indices, distances, k)
        theirs, _, _ = umap.umap_.fuzzy_simplicial_set(
            np.zeros((len(indices), 1), np.float32), k, 0, "cosine", knn_indices=indices, knn_dists=distances
        )
        theirs = theirs.tocsr()
        assert ours.nnz == theirs.nnz
        assert abs(ours - theirs).max() < 1e-6
        assert abs(ours - ours.T).max() == 0  # symmetric


def test_numpy_map_keeps_neighbours_together_and_is_seeded():
    from sklearn.manifold import trustworthiness
    from sklearn.neighbors import NearestNeighbors

    from topics.modeling.map_layout import graph_layout
    from topics.modeling.reduce import fuzzy_graph, pca_2d

    vectors, labels = _clusters()
    weights = fuzzy_graph(vectors, 15)
    start = pca_2d(vectors)
    coords = graph_layout(weights, start, random_state=3)
    assert coords.shape == (len(vectors), 2) and coords.dtype == np.float32 and np.isfinite(coords).all()
    assert np.array_equal(coords, graph_layout(weights, start, random_state=3))
    # The layout improves on its PCA start and keeps each cluster's units next to each other.
    assert trustworthiness(vectors, coords, n_neighbors=10) > trustworthiness(vectors, start, n_neighbors=10)
    nearest = NearestNeighbors(n_neighbors=6).fit(coords).kneighbors(coords, return_distance=False)[:, 1:]
    assert (labels[nearest] == labels[:, None]).mean() > 0.9


def test_the_compiled_map_of_a_larger_graph_is_seeded_and_as_good_as_numpys(monkeypatch):
    from sklearn.manifold import trustworthiness
    from sklearn.neighbors import NearestNeighbors

    from topics.modeling import map_layout
    from topics.modeling.reduce import fuzzy_graph, pca_2d

    vectors, labels = _clusters(map_layout.COMPILED_MIN_UNITS + 400, seed=1, n_centres=30)  # more than a plane of PCA shows
    weights, start = fuzzy_graph(vectors, 15), pca_2d(vectors)
    compiled = map_layout.graph_layout(weights, start, random_state=3, n_epochs=60)
    assert compiled.shape == (len(vectors), 2) and compiled.dtype == np.float32 and np.isfinite(compiled).all()
    assert np.array_equal(compiled, map_layout.graph_layout(weights, start, random_state=3, n_epochs=60))
    assert not np.array_equal(compiled, map_layout.graph_layout(weights, start, random_state=4, n_epochs=60))
    monkeypatch.setattr(map_layout, "COMPILED_MIN_UNITS", len(vectors) + 1)  # the same graph through numpy
    plain = map_layout.graph_layout(weights, start, random_state=3, n_epochs=60)
    sample = np.random.default_rng(0).choice(len(vectors), 1500, replace=False)
    quality = {name: trustworthiness(vectors[sample], coords[sample], n_neighbors=10) for name, coords in
               (("compiled", compiled), ("numpy", plain), ("start", start))}
    assert quality["compiled"] > quality["start"] and abs(quality["compiled"] - quality["numpy"]) < 0.01, quality
    nearest = NearestNeighbors(n_neighbors=6).fit(compiled).kneighbors(compiled, return_distance=False)[:, 1:]
    assert (labels[nearest] == labels[:, None]).mean() > 0.9


def test_a_fit_lays_its_map_out_beside_the_naming_with_the_same_topics(monkeypatch):
    import threading

    from topics.modeling import fitting, map_layout
    from topics.modeling.model import TopicModel

    vectors, _ = _clusters(map_layout.COMPILED_MIN_UNITS + 100, seed=2)
    texts = [f"text {i}" for i in range(len(vectors))]
    threads = []
    original = fitting.map_coords
    monkeypatch.setattr(fitting, "map_coords", lambda *args: threads.append(threading.current_thread().name) or original(*args))
    beside = TopicModel(random_state=0, aliases=False).fit(texts, embeddings=vectors)
    assert threads == ["topics-fit_0"]  # not the calling thread
    monkeypatch.setattr(map_layout, "COMPILED_MIN_UNITS", len(vectors) + 1)  # a numpy layout: after the naming
    after = TopicModel(random_state=0, aliases=False).fit(texts, embeddings=vectors)
    assert threads[-1] == threading.current_thread().name
    np.testing.assert_array_equal(beside.labels_, after.labels_)
    assert beside.coords_2d_.shape == after.coords_2d_.shape == (len(vectors), 2)


def test_a_small_fit_runs_no_numba_code():
    script = (
        "import sys, numpy as np\n"
        "from topics.modeling.model import TopicModel\n"
        "rng = np.random.default_rng(0)\n"
        "x = (rng.normal(size=(3, 32))[rng.integers(0, 3, 200)] + rng.normal(scale=0.5, size=(200, 32))).astype('float32')\n"
        "model = TopicModel(random_state=0, aliases=False).fit([f'text {i}' for i in range(200)], embeddings=x)\n"
        "assert len(set(model.labels_.tolist()) - {-1}) >= 2, model.labels_\n"
        "print(sorted(m for m in ('numba', 'umap', 'pynndescent') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
