"""``TopicModel(n_topics=k).predict`` on the fitted units: does it give ``labels_`` back?

On the ``benchmarks.topic_quality`` corpora (article level, the bundled model's vectors from the cache,
k = number of labels), a fit with ``n_topics=k`` given the vectors, then the share of the fitted units
whose predicted topic is not their fitted one: given their texts with the vectors
(``predict(units, embeddings=...)``, read in the fit's words' space where the model keeps one), given
the vectors alone (``predict(vectors)``, the vectors' centres), and given the texts with the vectors to a
model saved and loaded again. Beside them, ARI / NMI of the fitted topics against the labels (the fit
applies its words' space to its own texts as to new ones) and the CPU seconds of the fit and of a predict.

With ``--automatic`` the fit finds its own topics (the community search, outliers kept): the share of
the fitted units ``predict(vectors)`` calls outliers and the share it gives another topic than
``labels_``, where a unit below its topic's floor joins the topic its nearest fitted units hold
(:mod:`topics.modeling.placement`), as the new units of an update do.

A unit given with the very vector it was fitted on keeps its fitted topic (``seen_units_kept``), so every
predict here is given near copies of the fitted vectors (noise of 1e-6 a dimension, unit length again):
what the placement rules give a unit that close, not the seen-unit lookup.

Run: ``python -m benchmarks.predict_fitted [--quick] [--automatic]`` (quick: the 200-article BBC sample in tests/data).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time

import numpy as np


def measure(name: str, units, embeddings) -> dict:
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    from topics.modeling.model import TopicModel

    truth = units["label"].astype(str).to_numpy()
    k = len(set(truth))
    started = time.process_time()
    model = TopicModel(n_topics=k, random_state=42).fit(units, embeddings=embeddings)
    fit_cpu = time.process_time() - started
    started = time.process_time()
    near = near_copies(embeddings)
    with_texts = model.predict(units, embeddings=near)
    predict_cpu = time.process_time() - started
    vectors_alone = model.predict(near)
    with tempfile.TemporaryDirectory() as folder:
        loaded = TopicModel.load(model.save(f"{folder}/model"))
        after_load = loaded.predict(units, embeddings=near)
    return {
        "corpus": name, "units": len(units), "k": k,
        "texts ≠ labels_": int((with_texts != model.labels_).sum()),
        "vectors ≠ labels_": int((vectors_alone != model.labels_).sum()),
        "loaded ≠ labels_": int((after_load != model.labels_).sum()),
        "ARI": adjusted_rand_score(truth, model.labels_), "NMI": normalized_mutual_info_score(truth, model.labels_),
        "fit CPU s": fit_cpu, "predict CPU s": predict_cpu,
    }


def measure_automatic(name: str, units, embeddings) -> dict:
    from sklearn.metrics import normalized_mutual_info_score

    from topics.modeling.model import TopicModel

    model = TopicModel(random_state=42).fit(units, embeddings=embeddings)
    again = np.asarray(model.predict(near_copies(model.embeddings_)))
    members = model.labels_ >= 0
    return {"corpus": name, "units": len(units), "topics": len(model.topic_ids_), "fit outliers": float((~members).mean()),
            "predict outliers": float((again == -1).mean()),
            "other topic": float(((again != model.labels_) & (again >= 0) & members).mean()),
            "kept": float((again[members] == model.labels_[members]).mean()),
            "NMI": normalized_mutual_info_score(units["label"].astype(str), model.labels_)}


def near_copies(vectors, scale: float = 1e-6):
    """``vectors`` moved by noise of ``scale`` a dimension and set to unit length again (a fixed draw)."""
    vectors = np.asarray(vectors, dtype=np.float32)
    moved = vectors + np.random.default_rng(0).normal(0.0, scale, vectors.shape).astype(np.float32)
    return moved / np.linalg.norm(moved, axis=1, keepdims=True).clip(min=1e-12)


def share(row: dict, key: str) -> str:
    n = row[f"{key} ≠ labels_"]
    return f"{n} ({n / row['units']:.1%})"


def main(argv: list[str] | None = None) -> int:
    from benchmarks.topic_quality import corpora, load

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the 200-article BBC sample only")
    parser.add_argument("--only", nargs="*", help="corpus names to run (default: all but the NYT full text)")
    parser.add_argument("--automatic", action="store_true", help="topics found by the fit (no n_topics)")
    args = parser.parse_args(argv)
    if args.automatic:
        print("| corpus | units | topics | fit outliers | predict: outliers | predict: another topic | members kept | NMI |\n"
              "| --- | --- | --- | --- | --- | --- | --- | --- |", flush=True)
    else:
        print("| corpus | units | k | predict(texts) ≠ labels_ | predict(vectors) ≠ labels_ | loaded, texts | ARI / NMI "
              "| fit / predict CPU s |\n| --- | --- | --- | --- | --- | --- | --- | --- |", flush=True)
    for name, source in corpora(args.quick):
        if (args.only and name not in args.only) or (not args.only and "fulltext" in name):
            continue
        units, embeddings = load(source)
        keep = units["label"].notna().to_numpy() & (np.linalg.norm(embeddings, axis=1) > 0)
        if args.automatic:
            row = measure_automatic(name, units[keep].reset_index(drop=True), embeddings[keep])
            print(f"| {name} | {row['units']:,} | {row['topics']} | {row['fit outliers']:.1%} | {row['predict outliers']:.1%} | "
                  f"{row['other topic']:.1%} | {row['kept']:.3f} | {row['NMI']:.3f} |", flush=True)
            continue
        row = measure(name, units[keep].reset_index(drop=True), embeddings[keep])
        print(f"| {row['corpus']} | {row['units']:,} | {row['k']} | {share(row, 'texts')} | {share(row, 'vectors')} | "
              f"{share(row, 'loaded')} | {row['ARI']:.3f} / {row['NMI']:.3f} | "
              f"{row['fit CPU s']:.1f} / {row['predict CPU s']:.2f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
