"""Near copies of fitted units through ``TopicModel.predict``, with and without the near-copy rule
(``topics.modeling.placement.near_copies_kept``), and what the rule costs.

    TOPICS_DATA_DIR=../shared/data python -m benchmarks.near_copies bbc_news.csv 600
    python -m benchmarks.near_copies --scale

A corpus run fits ``TopicModel(random_state=42)`` on N paragraphs of eight words or more (a shuffled sample), then
predicts every fitted unit's text as it is, with its last full stop dropped or added, and with one word changed, and
3,000 other paragraphs of the corpus (what else the rule moves, and its cost). ``--scale`` fits random unit vectors
(20,000: clustered whole; 100,000: sampled at the default ``max_fit_units``) and times ``predict`` of 3,000 others.
Prints a table per run.
"""

from __future__ import annotations

import argparse
import time

from benchmarks.paths import SHARED_DATA

import numpy as np


def _changes(rng):
    def one_word(text):
        words = text.split(" ")
        i = int(rng.integers(1, len(words) - 1))
        words[i] = "the" if words[i] != "the" else "a"
        return " ".join(words)

    return {"exact": lambda s: s, "full stop": lambda s: s[:-1] if s.endswith(".") else s + ".", "one word": one_word}


def corpus_run(name: str, n_fit: int) -> None:
    import topics
    from topics.modeling import model as model_module

    corpus = topics.load_corpus(SHARED_DATA / name)
    units = corpus.units("paragraph")
    units = units[units.text.str.split().str.len() >= 8].sample(frac=1, random_state=0).reset_index(drop=True)
    fitted, others = units[:n_fit].reset_index(drop=True), units[n_fit:n_fit + 3000].reset_index(drop=True)
    model = topics.TopicModel(embedder=topics.Embedder(), random_state=42).fit(fitted)
    changes = _changes(np.random.default_rng(0))
    variants = {label: fitted.assign(text=[change(s) for s in fitted.text]) for label, change in changes.items()}
    for frame in [*variants.values(), others]:
        model.predict(frame)  # embedded into the cache before anything is timed
    inside = model.labels_ != -1
    kept_rule, results = model_module.near_copies_kept, {}
    try:
        for rule in ("without the rule", "with the rule"):
            model_module.near_copies_kept = (lambda labels, *a: labels) if rule == "without the rule" else kept_rule
            for label, frame in variants.items():
                got = model.predict(frame)
                results[rule, label] = (int((got[inside] == -1).sum()),
                                        int(((got[inside] != -1) & (got[inside] != model.labels_[inside])).sum()))
            started = time.perf_counter()
            results[rule, "others"] = model.predict(others)
            results[rule, "cost"] = time.perf_counter() - started
    finally:
        model_module.near_copies_kept = kept_rule
    print(f"\n{name}: {n_fit} paragraphs fitted, {len(model.topic_ids_)} topics, {int((~inside).sum())} outliers")
    print("| change | members predicted as outliers / in another topic, without → with the rule |")
    print("| --- | --- |")
    for label in changes:
        (b0, b1), (a0, a1) = results["without the rule", label], results["with the rule", label]
        print(f"| {label} | {b0} / {b1} → {a0} / {a1} |")
    moved = int((results["without the rule", "others"] != results["with the rule", "others"]).sum())
    print(f"{len(others)} other paragraphs: {moved} moved by the rule; predict "
          f"{results['without the rule', 'cost']:.2f} → {results['with the rule', 'cost']:.2f} s")


def scale_run() -> None:
    import topics

    rng = np.random.default_rng(0)
    queries = np.random.default_rng(1).normal(size=(3000, 384)).astype(np.float32)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    print("| fitted units (clustering saw) | predict of 3,000, best of 3 |")
    print("| --- | --- |")
    for n in (20_000, 100_000):
        x = rng.normal(size=(n, 384)).astype(np.float32)
        x /= np.linalg.norm(x, axis=1, keepdims=True)
        model = topics.TopicModel(random_state=0).fit([f"unit number {i} of the random set" for i in range(n)], embeddings=x)
        model.predict(queries[:10])
        costs = []
        for _ in range(3):
            started = time.perf_counter()
            model.predict(queries)
            costs.append(time.perf_counter() - started)
        print(f"| {n:,} ({model.fit_sample_size_:,}) | {min(costs):.2f} s |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", help="a file of $TOPICS_DATA_DIR, e.g. bbc_news.csv")
    parser.add_argument("n_fit", nargs="?", type=int, default=600, help="paragraphs to fit on [600]")
    parser.add_argument("--scale", action="store_true", help="time predict on random fits of 20,000 and 100,000 units")
    args = parser.parse_args()
    if args.scale:
        scale_run()
    if args.corpus:
        corpus_run(args.corpus, args.n_fit)
    if not args.scale and not args.corpus:
        parser.error("name a corpus, or --scale")


if __name__ == "__main__":
    main()
