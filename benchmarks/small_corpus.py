"""Small corpora without numba: would a reduction that needs no compiled code keep the topics?

UMAP's numba code costs ~20 s of compiling on a fresh install, which a corpus of
a few hundred units never earns back. This compares, on random draws of a
labelled corpus (article level, cached embeddings), ``TopicModel()``'s NMI
against the labels with its UMAP reduction and with two numba-free stand-ins
passed to the same HDBSCAN step:

- spectral: scikit-learn's ``spectral_embedding`` (the layout UMAP starts
  from) of a fuzzy kNN graph built as UMAP builds it, in 5 or 10 dimensions;
- t-SNE: scikit-learn's Barnes-Hut ``TSNE`` in 2-D (cosine, PCA start).

Run: ``python -m benchmarks.small_corpus [corpus file] [sizes]`` e.g.
``python -m benchmarks.small_corpus isaf_press_releases_test.jsonl 100,300``.
Not part of ``benchmarks.run``: it is a question asked once, answered in docs/benchmarks.md.
"""

from __future__ import annotations

import sys
import time
import warnings

import numpy as np

from benchmarks.paths import SHARED_DATA  # also sets the offline settings
DRAWS = 3


def fuzzy_graph(embeddings: np.ndarray, n_neighbors: int):
    """UMAP's fuzzy simplicial set (smooth kNN distances, fuzzy union), in numpy."""
    import scipy.sparse as sp

    from topics.modeling.reduce import exact_neighbour_graph

    indices, distances = exact_neighbour_graph(embeddings, n_neighbors)
    distances = distances.astype(np.float64)
    n = len(embeddings)
    rho = np.where(distances[:, 1:] > 0, distances[:, 1:], np.inf).min(axis=1)
    rho[~np.isfinite(rho)] = 0.0
    target, low, high, sigma = np.log2(n_neighbors), np.zeros(n), np.full(n, np.inf), np.ones(n)
    for _ in range(64):  # binary search for each unit's sigma, all units at once
        total = np.exp(-np.maximum(distances[:, 1:] - rho[:, None], 0) / sigma[:, None]).sum(axis=1)
        above = total > target
        high, low = np.where(above, sigma, high), np.where(above, low, sigma)
        sigma = np.where(np.isfinite(high), (low + high) / 2, sigma * 2)
    weights = np.exp(-np.maximum(distances - rho[:, None], 0) / sigma[:, None])
    weights[:, 0] = 0.0
    graph = sp.csr_matrix((weights.ravel(), (np.repeat(np.arange(n), n_neighbors), indices.ravel())), shape=(n, n))
    return graph + graph.T - graph.multiply(graph.T)


def spectral(dimensions: int):
    def reduce(embeddings, params, random_state, graph=None):
        from sklearn.manifold import spectral_embedding

        vectors = spectral_embedding(fuzzy_graph(embeddings, params.n_neighbors), n_components=dimensions,
                                     random_state=random_state, drop_first=True)
        return vectors.astype(np.float32)

    return reduce


def tsne_2d(embeddings, params, random_state, graph=None):
    from sklearn.manifold import TSNE

    perplexity = min(30.0, (len(embeddings) - 1) / 3)
    return TSNE(2, perplexity=perplexity, init="pca", metric="cosine", random_state=random_state).fit_transform(embeddings).astype(np.float32)


def main(corpus: str = "isaf_press_releases_test.jsonl", sizes: str = "100,300") -> None:
    from sklearn.metrics import normalized_mutual_info_score

    import topics.modeling.reduce as reduce
    from benchmarks.topic_quality import load
    from topics.modeling.model import TopicModel

    warnings.simplefilter("ignore")
    units, embeddings = load(SHARED_DATA / corpus)
    truth = units["label"].fillna("none").astype(str).to_numpy()
    methods = {"UMAP (default)": reduce.reduce_embeddings, "spectral 5-D": spectral(5), "spectral 10-D": spectral(10), "t-SNE 2-D": tsne_2d}
    rng = np.random.default_rng(0)
    reduce.layout_2d = lambda e, p, r, g=None: np.zeros((len(e), 2), np.float32)  # the map is not scored
    print("| units | reduction | NMI mean ± sd over draws | seconds (all draws) |\n| --- | --- | --- | --- |")
    for size in (int(s) for s in sizes.split(",")):
        draws = [rng.choice(len(embeddings), size, replace=False) for _ in range(DRAWS)]
        for name, method in methods.items():
            reduce.reduce_embeddings = method
            start, scores = time.perf_counter(), []
            for rows in draws:
                model = TopicModel(random_state=42).fit(units.iloc[rows].reset_index(drop=True), embeddings[rows])
                scores.append(normalized_mutual_info_score(truth[rows], model.labels_))
            print(f"| {size} | {name} | {np.mean(scores):.3f} ± {np.std(scores):.3f} | {time.perf_counter() - start:.1f} |", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
