"""An update's new-topic searches with fewer steadying runs: how steady, how fast, what they find.

Each community search of an update's new-topic search (:mod:`topics.modeling.update_new_topics`) is a
consensus of ``CONSENSUS_RUNS`` seeded searches, as a fit's is. Here the last step of ``--ends`` (built as
``benchmarks.update_step`` builds it) runs its update once with the search's inputs kept; the search is then
run again with each count of ``--runs``, at ``--seeds`` random states and, per random state, with the vectors
plus Gaussian noise of 1e-6 (cached against recomputed vectors): the new topics found (count and sizes), the
seed-to-seed and noise ARI of the open units' labels (their new topic, or none), their ARI against the fit's
count at the same random state, and the search's CPU seconds (median).

    python -m benchmarks.update_search_runs --cache-dir <cache> [--corpus nyt|isaf|PATH] [--period M|W]
        --ends 2021-08-01,2021-08-26,2021-09-01 [--work-dir DIR] [--runs 8,4,2] [--seeds 5]
"""

from __future__ import annotations

import argparse
import itertools
import json
import tempfile
import time
from pathlib import Path

import numpy as np


def search_inputs(args) -> dict:
    """The arguments of the last step's ``with_new_topics`` call, kept while its update runs once."""
    from benchmarks.update import read_earlier_run
    from benchmarks.update_step import last_step
    from topics.modeling import update_new_topics
    from topics.modeling.model import TopicModel
    from topics.modeling.update import update_model

    kept = {}
    with tempfile.TemporaryDirectory() as scratch:
        result, embedder = last_step(args, Path(args.work_dir or scratch))
        original = update_new_topics.with_new_topics

        def keeping(model, labels, seen, embeddings, texts, first_id):
            kept.update(model=model, labels=np.array(labels), seen=np.array(seen), embeddings=np.array(embeddings),
                        texts=list(texts), first_id=first_id)
            return original(model, labels, seen, embeddings, texts, first_id)

        update_new_topics.with_new_topics = keeping
        try:
            update_model(TopicModel(embedder=embedder), read_earlier_run(result, embedder), result.previous_rows,
                         result.units, result.embeddings)
        finally:
            update_new_topics.with_new_topics = original
    return kept


def new_topic_labels(kept: dict, n_runs: int, random_state, noise_seed: int | None) -> tuple[np.ndarray, float]:
    """(labels of the open units: a new topic's number, else -1; CPU s) of one search."""
    from topics.modeling import update_new_topics

    embeddings = kept["embeddings"]
    if noise_seed is not None:
        embeddings = embeddings + np.random.default_rng(noise_seed).normal(0, 1e-6, embeddings.shape).astype(embeddings.dtype)
    model, earlier_state, runs_before = kept["model"], kept["model"].random_state, update_new_topics.SEARCH_RUNS
    update_new_topics.SEARCH_RUNS, model.random_state = n_runs, random_state
    try:
        cpu = time.process_time()
        labels = update_new_topics.with_new_topics(model, kept["labels"], kept["seen"], embeddings, kept["texts"],
                                                   kept["first_id"])
        cpu = time.process_time() - cpu
    finally:
        update_new_topics.SEARCH_RUNS, model.random_state = runs_before, earlier_state
    open_rows = ~kept["seen"] | (kept["labels"] < 0)
    return np.where(labels[open_rows] >= kept["first_id"], labels[open_rows], -1), cpu


def main(argv=None) -> int:
    from sklearn.metrics import adjusted_rand_score as ari

    from benchmarks.update_step import add_step_arguments

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_step_arguments(parser)
    parser.add_argument("--runs", default="8,4,2")
    parser.add_argument("--seeds", type=int, default=5)
    args = parser.parse_args(argv)
    kept = search_inputs(args)
    base = kept["model"].random_state if kept["model"].random_state is not None else 42
    states = [base + k for k in range(args.seeds)]
    reference = {}
    n_open = int((~kept["seen"] | (kept["labels"] < 0)).sum())
    print(json.dumps({"units": len(kept["labels"]), "new": int((~kept["seen"]).sum()), "open": n_open}))
    for n_runs in [int(r) for r in args.runs.split(",")]:
        by_seed, noisy, cpus = {}, {}, []
        for state in states:
            by_seed[state], cpu = new_topic_labels(kept, n_runs, state, None)
            noisy[state], _ = new_topic_labels(kept, n_runs, state, state)
            cpus.append(cpu)
        if not reference:
            reference = by_seed
        pairs = list(itertools.combinations(states, 2))
        print(json.dumps({
            "runs": n_runs, "cpu s (median)": round(float(np.median(cpus)), 3),
            "new topics (sizes) by seed": [sorted(np.unique(l[l >= 0], return_counts=True)[1].tolist(), reverse=True)
                                           for l in by_seed.values()],
            "seed-to-seed ARI": round(float(np.mean([ari(by_seed[a], by_seed[b]) for a, b in pairs])), 3) if pairs else None,
            "noise ARI": round(float(np.mean([ari(by_seed[s], noisy[s]) for s in states])), 3),
            "ARI vs first count": round(float(np.mean([ari(reference[s], by_seed[s]) for s in states])), 3),
        }))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
