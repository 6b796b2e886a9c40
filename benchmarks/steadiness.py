"""Steadiness: do near-identical embeddings give nearly the same topics?

For each corpus and seed, ``TopicModel(random_state=seed)`` is fitted on the
embeddings and on the same embeddings plus Gaussian noise of standard
deviation 1e-6 (the size of the difference between cached and recomputed
vectors); the adjusted Rand index between the two labelings is the noise
ARI. Next to it, the mean pairwise ARI between the seeds' labelings (seed to
seed). BERTopic 0.17 (its UMAP seeded the same way, defaults otherwise) gets
the same treatment in the same run.

Why the noise ARI is no higher than the seed-to-seed one (measured on the ISAF
press releases, 724 articles, by ``python -m benchmarks.steadiness --diagnose``):
the two kNN graphs are all but identical (8 of 10,136 neighbour indices differ,
at near-ties; distances differ by at most 3.2e-6) and HDBSCAN alone is unmoved
by 1e-6 noise on a layout (ARI 1.0), but UMAP's stochastic gradient descent
amplifies those differences into layouts that differ by a median 0.99 per
coordinate (the layout spans ~4), even when both runs start from one shared
initial layout: HDBSCAN ARI 0.56 between the two. Any perturbation, however
small, gives in effect another seed, so the noise ARI cannot beat the
seed-to-seed ARI while UMAP's layout decides the topics. Hence the default
``clustering="graph"``: topics are communities of the neighbour graph itself
(a consensus of seeded community searches on the graph with its weights rounded to a thousandth,
then boundaries settled by topic centroids and a neighbour vote), and
UMAP only draws the map; ``clustering="umap"`` (UMAP + HDBSCAN) is the row
next to it.

"topics labels only" runs the same steps as a fit up to the topic labels (no keywords, no map), so a
corpus of 10,000 paragraphs takes seconds a seed; "unrounded weights" the same with the graph's weights
left unrounded (how steady the clustering is under a perturbation larger than the rounding); "position order"
the same with the community searches' node order drawn over positions rather than from the units' vectors
(``topics.modeling.cluster.CONTENT_ORDER``). Per noise seed also the "left-out ARI": the topics of the corpus with
``TOPICS_STEADINESS_LEFT_OUT`` units (default 3, drawn by the seed) left out against the whole corpus's, on the
units both hold: a corpus that gained or lost a few documents. Corpora:
ISAF, BBC articles and paragraphs, and the 200 BBC sample articles cut to their first three paragraphs
(short texts). Environment: ``TOPICS_STEADINESS_SEEDS`` (default 5), ``TOPICS_STEADINESS_NOISE_SEEDS``
(noise fits for the first N seeds only), ``TOPICS_STEADINESS_NOISE`` (the noise's standard deviation,
default 1e-6), ``TOPICS_STEADINESS_ONLY`` (corpora), ``TOPICS_STEADINESS_METHODS`` (methods).

``--stages``: the noise ARI after each step of the graph clustering, per corpus and seed.

Run: ``python -m benchmarks.steadiness [--quick]`` (or ``python -m benchmarks.run --only steadiness``).
"""

from __future__ import annotations

import itertools
import os
import sys
import time
from pathlib import Path

import numpy as np

from benchmarks.paths import BBC_SAMPLE, SHARED_DATA  # also sets the offline settings
NOISE = float(os.environ.get("TOPICS_STEADINESS_NOISE", "1e-6"))
SEEDS = tuple(range(int(os.environ.get("TOPICS_STEADINESS_SEEDS", "5"))))
# Units left out of a second fit per noise seed (drawn by the seed): the "left-out ARI" compares the other
# units' topics with the whole corpus's, as an analyst's corpus that gained or lost a few documents.
LEFT_OUT = int(os.environ.get("TOPICS_STEADINESS_LEFT_OUT", "3"))
# Noise fits for the first this many seeds only (default: all), so the seed-to-seed ARI can use 10 seeds cheaply.
NOISE_SEEDS = int(os.environ.get("TOPICS_STEADINESS_NOISE_SEEDS", "0")) or None

NOTES = (
    "noise ARI: ARI between the topics of the embeddings and of the same plus N(0, 1e-6) noise, same seed, "
    "mean (min) over the seeds. seed ARI: mean pairwise ARI between the seeds' topics on the clean embeddings. "
    "BERTopic: its UMAP seeded (n_neighbors=15, n_components=5, min_dist=0, cosine), defaults otherwise. "
    "topics fits without alias mining (aliases=False): it changes keywords, not automatic topics, and takes "
    "most of a fit's time."
)


def corpora(quick: bool) -> list[tuple[str, Path, str]]:
    if quick:
        return [("bbc_sample (200 articles)", BBC_SAMPLE, "article")]
    found = [
        ("isaf_press_releases (articles)", SHARED_DATA / "isaf_press_releases_test.jsonl", "article"),
        ("bbc_news (articles)", SHARED_DATA / "bbc_news.csv", "article"),
        ("bbc_news (paragraphs)", SHARED_DATA / "bbc_news.csv", "paragraph"),
        ("bbc_sample leads (200 articles, first 3 paragraphs)", BBC_SAMPLE, "lead"),
    ]
    only = os.environ.get("TOPICS_STEADINESS_ONLY")  # a comma-separated subset of corpus names
    if only:
        found = [row for row in found if any(part.strip() and part.strip() in row[0] for part in only.split(","))]
    return [row for row in found if row[1].exists()]


def load(source: Path, level: str):
    """(units, vectors); level "lead": each article cut to its first three paragraphs (short texts,
    the unit tests' ``bbc_leads``)."""
    import dataclasses

    from topics.ingest.corpus import load_corpus
    from topics.embedding.embed import Embedder, embed_units

    corpus = load_corpus(source)
    if level == "lead":
        paragraphs = corpus.paragraphs
        corpus = dataclasses.replace(corpus, paragraphs=paragraphs[paragraphs["position"] < 3].reset_index(drop=True))
        level = "article"
    return corpus.units(level), embed_units(corpus, level, Embedder(show_progress=False))


def noisy(embeddings: np.ndarray, seed: int) -> np.ndarray:
    return embeddings + np.random.default_rng(10_000 + seed).normal(0.0, NOISE, embeddings.shape).astype(np.float32)


def fit_topics(units, embeddings, seed: int) -> np.ndarray:
    from topics.modeling.model import TopicModel

    return TopicModel(random_state=seed, aliases=False).fit(units, embeddings).labels_


def fit_topic_labels(units, embeddings, seed: int) -> np.ndarray:
    """The topics ``TopicModel.fit`` finds (same steps, same graph), without its keywords and map: minutes faster."""
    from topics.modeling import fitting
    from topics.modeling.model import TopicModel
    from topics.modeling.reduce import neighbour_graph, reduction_params

    model = TopicModel(random_state=seed, aliases=False)
    sampled = fitting.draw_sample(model, embeddings)
    graph = None if sampled is not None else neighbour_graph(embeddings, reduction_params(len(embeddings)).n_neighbors)
    texts = units["text"].tolist()
    return fitting.discover(model, texts, embeddings, None, fitting.all_identical(embeddings), sampled, graph)[0]


def fit_topic_labels_unrounded(units, embeddings, seed: int) -> np.ndarray:
    """As :func:`fit_topic_labels` with the graph's weights left unrounded (``GRAPH_WEIGHT_DECIMALS``
    None): how steady the clustering itself is where a perturbation outgrows the rounding."""
    from topics.modeling import cluster

    kept, cluster.GRAPH_WEIGHT_DECIMALS = cluster.GRAPH_WEIGHT_DECIMALS, None
    try:
        return fit_topic_labels(units, embeddings, seed)
    finally:
        cluster.GRAPH_WEIGHT_DECIMALS = kept


def fit_topic_labels_position_order(units, embeddings, seed: int) -> np.ndarray:
    """As :func:`fit_topic_labels` with the community searches' node order drawn over positions
    (``CONTENT_ORDER`` False), as before the order was drawn from the units' vectors."""
    from topics.modeling import cluster

    kept, cluster.CONTENT_ORDER = cluster.CONTENT_ORDER, False
    try:
        return fit_topic_labels(units, embeddings, seed)
    finally:
        cluster.CONTENT_ORDER = kept


def left_out_ari(fit, units, embeddings, labels: np.ndarray, seed: int) -> float:
    """ARI between ``labels`` (the whole corpus's topics) and the topics of the corpus without ``LEFT_OUT``
    units drawn by ``seed``, on the units both fits hold."""
    from sklearn.metrics import adjusted_rand_score

    left_out = np.random.default_rng(20_000 + seed).choice(len(embeddings), LEFT_OUT, replace=False)
    kept = np.setdiff1d(np.arange(len(embeddings)), left_out)
    return adjusted_rand_score(labels[kept], fit(units.iloc[kept].reset_index(drop=True), embeddings[kept], seed))


def fit_topics_umap(units, embeddings, seed: int) -> np.ndarray:
    from topics.modeling.model import TopicModel

    return TopicModel(random_state=seed, clustering="umap", aliases=False).fit(units, embeddings).labels_


def fit_bertopic(units, embeddings, seed: int) -> np.ndarray:
    from bertopic import BERTopic
    from umap import UMAP

    umap_model = UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine", random_state=seed)
    labels, _ = BERTopic(umap_model=umap_model).fit_transform(units["text"].tolist(), embeddings)
    return np.asarray(labels)


def steadiness_row(corpus: str, method: str, fit, units, embeddings) -> dict:
    from sklearn.metrics import adjusted_rand_score

    clean, noise_ari, left_out, seconds, cpu_seconds = [], [], [], [], []
    for seed in SEEDS:
        start, start_cpu = time.perf_counter(), time.process_time()
        labels = fit(units, embeddings, seed)
        seconds.append(time.perf_counter() - start)
        cpu_seconds.append(time.process_time() - start_cpu)
        clean.append(labels)
        if NOISE_SEEDS is not None and len(noise_ari) >= NOISE_SEEDS:
            continue
        noise_ari.append(adjusted_rand_score(labels, fit(units, noisy(embeddings, seed), seed)))
        left_out.append(left_out_ari(fit, units, embeddings, labels, seed) if LEFT_OUT else np.nan)
        print(f"  {corpus}: {method}: seed {seed}: noise ARI {noise_ari[-1]:.3f}, left-out ARI {left_out[-1]:.3f}",
              file=sys.stderr, flush=True)
    pairs = [adjusted_rand_score(a, b) for a, b in itertools.combinations(clean, 2)]
    return {**labelled_nmi(units, clean),
        "corpus": corpus,
        "method": method,
        "units": len(embeddings),
        "seeds": len(SEEDS),
        "noise_seeds": len(noise_ari),
        "noise_ARI_mean": round(float(np.mean(noise_ari)), 3),
        "noise_ARI_min": round(float(np.min(noise_ari)), 3),
        "left_out_ARI_mean": round(float(np.mean(left_out)), 3),
        "left_out_ARI_min": round(float(np.min(left_out)), 3),
        "seed_ARI_mean": round(float(np.mean(pairs)), 3) if pairs else None,
        "topics_per_seed": [int(labels.max()) + 1 for labels in clean],
        "fit_s_median": round(float(np.median(seconds)), 1),
        "fit_cpu_s_median": round(float(np.median(cpu_seconds)), 1),
    }


def labelled_nmi(units, labelings: list[np.ndarray]) -> dict:
    """Mean NMI of the seeds' topics against the units' labels (labelled units only; outliers one cluster)."""
    import pandas as pd
    from sklearn.metrics import normalized_mutual_info_score

    if "label" not in units:
        return {}
    known = (pd.notna(units["label"]) & (units["label"].astype(str) != "")).to_numpy()
    truth = units["label"].astype(str).to_numpy()[known]
    return {"NMI_mean": round(float(np.mean([normalized_mutual_info_score(truth, labels[known])
                                             for labels in labelings])), 3)}


METHODS = {
    "topics (graph, default)": fit_topics,
    "topics labels only (graph, default)": fit_topic_labels,
    "topics labels only, unrounded weights": fit_topic_labels_unrounded,
    "topics labels only, position order": fit_topic_labels_position_order,
    "topics clustering=umap": fit_topics_umap,
    "BERTopic (seeded UMAP)": fit_bertopic,
}
# A comma-separated subset of the methods (parts of their names), e.g. "labels only,BERTopic".
METHODS_ONLY = os.environ.get("TOPICS_STEADINESS_METHODS")


def diagnose(source: Path, level: str, seed: int = 0) -> None:
    """Where 1e-6 noise grows: the kNN graph, UMAP's layout from a shared initial layout, HDBSCAN."""
    from sklearn.metrics import adjusted_rand_score

    from topics.modeling import cluster
    from topics.modeling._numba_cache import umap
    from topics.modeling.reduce import exact_neighbour_graph, reduction_params

    import warnings

    warnings.simplefilter("ignore")
    _, embeddings = load(source, level)
    perturbed = noisy(embeddings, seed)
    params = reduction_params(len(embeddings))
    clean_graph, noisy_graph = (exact_neighbour_graph(e, params.n_neighbors) for e in (embeddings, perturbed))
    print(f"kNN graph: {int((clean_graph[0] != noisy_graph[0]).sum())} neighbour indices differ; "
          f"largest distance difference {np.abs(clean_graph[1] - noisy_graph[1]).max():.1e}")

    def reducer(init="spectral", n_epochs=None):
        return umap.UMAP(n_neighbors=params.n_neighbors, n_components=params.n_components, min_dist=0.0,
                         metric="cosine", random_state=seed, init=init, n_epochs=n_epochs)

    start = reducer(n_epochs=0).fit(embeddings).embedding_  # the shared initial layout
    layouts = [reducer(init=start).fit_transform(e) for e in (embeddings, perturbed)]
    size = cluster.min_topic_size_for(len(embeddings))
    labels = [cluster.density_clusters(x, size, cluster.min_samples_for(size))[0] for x in layouts]
    jittered = layouts[0] + np.random.default_rng(seed).normal(0.0, NOISE, layouts[0].shape).astype(np.float32)
    print(f"UMAP from one initial layout: median coordinate difference {np.median(np.abs(layouts[0] - layouts[1])):.2f} "
          f"(layout spread {np.ptp(layouts[0], axis=0).mean():.1f}); HDBSCAN ARI {adjusted_rand_score(*labels):.3f}")
    shaken = cluster.density_clusters(jittered, size, cluster.min_samples_for(size))[0]
    print(f"HDBSCAN on one layout and the same plus 1e-6 noise: ARI {adjusted_rand_score(labels[0], shaken):.3f}")


def stages(source: Path, level: str, seeds=SEEDS) -> None:
    """Noise ARI (and NMI against the labels) after each step of the graph clustering, clean vs noisy.

    Steps: one community search on the rounded graph; the consensus of ``CONSENSUS_RUNS`` searches; the
    size filter; then the ways to settle the boundaries from there: centroid moves until none moves
    (k-means, the default before), then a neighbour vote, and ``settle_boundaries`` after one centroid
    round and after two (the default).
    """
    import scipy.sparse as sparse
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    from topics.modeling import cluster
    from topics.modeling.reduce import fuzzy_graph, neighbour_graph, reduction_params

    units, embeddings = load(source, level)
    truth = units["label"].astype(str).to_numpy()
    params, size = reduction_params(len(embeddings)), cluster.min_topic_size_for(len(embeddings))
    print(f"{source.name} ({level}s, {len(embeddings)}): noise ARI / NMI (clean fit) after each step")
    for seed in seeds:
        steps = []
        for vectors in (embeddings, noisy(embeddings, seed)):
            weights = fuzzy_graph(vectors, params.n_neighbors, neighbour_graph(vectors, params.n_neighbors), seed)
            weights = cluster.rounded_weights(weights)
            coo = weights.tocoo()
            runs = [cluster.communities(weights, cluster.GRAPH_RESOLUTION, seed * cluster.CONSENSUS_RUNS + run)
                    for run in range(cluster.CONSENSUS_RUNS)]
            together = np.mean([labels[coo.row] == labels[coo.col] for labels in runs], axis=0)
            agreed = sparse.csr_matrix((coo.data * together, (coo.row, coo.col)), shape=weights.shape)
            found = cluster.communities(agreed, cluster.GRAPH_RESOLUTION, seed)
            kept = np.where(np.bincount(found)[found] >= size, found, -1)
            stable = cluster.refine_by_centroids(vectors, kept)
            steps.append({"one search": runs[0], "consensus": found, "size filter": kept,
                          "centroids until stable": stable,
                          "+ neighbour vote": cluster.vote_with_neighbours(weights, stable),
                          "one centroid round + vote": cluster.settle_boundaries(weights, vectors, kept, 1),
                          "two rounds + vote (default)": cluster.settle_boundaries(weights, vectors, kept)})
        print(f"  seed {seed}: " + "; ".join(
            f"{step} {adjusted_rand_score(steps[0][step], steps[1][step]):.3f} / "
            f"{normalized_mutual_info_score(truth, steps[0][step]):.3f}" for step in steps[0]), flush=True)


def run(quick: bool = False) -> list[dict]:
    global SEEDS
    if quick:
        SEEDS = SEEDS[:2]
    rows = []
    for corpus, source, level in corpora(quick):
        units, embeddings = load(source, level)
        for method, fit in METHODS.items():
            if METHODS_ONLY is None or any(part.strip() and part.strip() in method for part in METHODS_ONLY.split(",")):
                rows.append(steadiness_row(corpus, method, fit, units, embeddings))
    return rows


if __name__ == "__main__":
    if "--diagnose" in sys.argv:
        diagnose(SHARED_DATA / "isaf_press_releases_test.jsonl", "article")
        raise SystemExit(0)
    if "--stages" in sys.argv:
        for _, source, level in corpora(quick=False):
            stages(source, level)
        raise SystemExit(0)
    from benchmarks.run import main

    raise SystemExit(main(["--only", "steadiness", *sys.argv[1:]]))
