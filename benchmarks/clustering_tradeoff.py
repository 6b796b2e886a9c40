"""Automatic topics, graph communities (the default) against UMAP + HDBSCAN, on the labelled corpora.

Only the step that decides the automatic topics runs (``topics.modeling.fitting.discover``:
clustering, the split of an oversized topic, outlier settling), with the same embeddings,
for a few seeds: NMI / ARI against the labels (outliers count as one cluster), topics found,
outlier share, the ARI between the topics of the embeddings and of the same + N(0, 1e-6)
noise, the mean pairwise ARI between seeds, and CPU seconds of the step. Keywords, the map and
alias mining do not change which unit is in which automatic topic, so they are left out.

Run: ``python -m benchmarks.clustering_tradeoff [--quick]`` (or ``python -m benchmarks.run --only clustering_tradeoff``).
"""

from __future__ import annotations

import itertools
import os
import sys
import time

import numpy as np

import benchmarks.paths  # noqa: F401  (sets the offline settings)

SEEDS = tuple(range(int(os.environ.get("TOPICS_TRADEOFF_SEEDS", "3"))))
NOISE = 1e-6
METHODS = ("graph", "umap")
NOTES = (
    "Automatic topics only (clustering, oversized-topic split, outlier settling), same vectors for both methods. "
    "NMI/ARI: mean over the seeds, outliers as one cluster. noise ARI: topics of the vectors vs the vectors + "
    "N(0, 1e-6), same seed, mean (min). seed ARI: mean pairwise over the seeds. cpu_s: median CPU seconds of one run."
)


def corpora(quick: bool) -> list[tuple[str, object]]:
    """The topic-quality corpora, less the two NYT ones (the longest runs; their labels are coarse)."""
    from benchmarks.topic_quality import corpora as quality_corpora

    return [(name, source) for name, source in quality_corpora(quick) if not name.startswith("nyt_")]


def topics_of(method: str, units, embeddings: np.ndarray, seed: int) -> np.ndarray:
    from topics.modeling import fitting
    from topics.modeling.model import TopicModel

    model = TopicModel(random_state=seed, clustering=method)
    labels, _, _ = fitting.discover(model, units["text"].tolist(), embeddings, None, False)
    return labels


def run(quick: bool = False) -> list[dict]:
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    from benchmarks.topic_quality import load

    seeds = SEEDS[:2] if quick else SEEDS
    rows = []
    for name, source in corpora(quick):
        units, embeddings = load(source)
        keep = units["label"].notna().to_numpy() & (np.linalg.norm(embeddings, axis=1) > 0)
        units, embeddings = units[keep].reset_index(drop=True), embeddings[keep]
        truth = units["label"].astype(str).to_numpy()
        for method in METHODS:
            clean, noise_ari, cpu = [], [], []
            for seed in seeds:
                start = time.process_time()
                labels = topics_of(method, units, embeddings, seed)
                cpu.append(time.process_time() - start)
                clean.append(labels)
                shaken = embeddings + np.random.default_rng(10_000 + seed).normal(0, NOISE, embeddings.shape).astype(np.float32)
                noise_ari.append(adjusted_rand_score(labels, topics_of(method, units, shaken, seed)))
                print(f"  {name} {method} seed {seed}: noise ARI {noise_ari[-1]:.3f}", file=sys.stderr, flush=True)
            pairs = [adjusted_rand_score(a, b) for a, b in itertools.combinations(clean, 2)]
            rows.append({
                "corpus": name, "method": method, "units": len(units), "seeds": len(seeds),
                "NMI": round(float(np.mean([normalized_mutual_info_score(truth, l) for l in clean])), 3),
                "ARI": round(float(np.mean([adjusted_rand_score(truth, l) for l in clean])), 3),
                "topics": [int(l.max()) + 1 for l in clean],
                "outliers": round(float(np.mean([np.mean(l == -1) for l in clean])), 3),
                "noise_ARI_mean": round(float(np.mean(noise_ari)), 3),
                "noise_ARI_min": round(float(np.min(noise_ari)), 3),
                "seed_ARI_mean": round(float(np.mean(pairs)), 3) if pairs else None,
                "cpu_s": round(float(np.median(cpu)), 1),
            })
            print(f"  {rows[-1]}", file=sys.stderr, flush=True)  # a long run cut short keeps what it found
    return rows


if __name__ == "__main__":
    from benchmarks.run import main

    raise SystemExit(main(["--only", "clustering_tradeoff", *sys.argv[1:]]))
