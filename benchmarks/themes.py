"""Guided themes: assignment accuracy against labels, next to two baselines in the same run.

Corpora:
- the seed paragraphs with ``seeds/themes.toml`` and the hand labels in
  ``tests/data/seed_theme_labels.csv`` (each paragraph's theme or "none");
- BBC News and AG News (``../shared/data``) at article level, with themes
  named from the label names only (``{"name": "sport"}``: no description,
  keywords or examples). Quick mode uses the 200-article BBC sample from
  tests/data and 1,000 AG News articles.

Methods, all on the same embeddings (bundled all-MiniLM-L6-v2):
- ``Themes`` with its defaults, and ablations (BM25 instead of alias
  matching, no lexical evidence, no paragraph context, no refinement), and
  the median accuracy over a 27-setting grid around the defaults (the
  defaults were picked on the seed labels; the grid shows how much that matters);
- nearest theme name by cosine (and nearest full theme text, for the seeds);
- BERTopic 0.17 zero-shot topic modelling (``zeroshot_topic_list`` with the
  same names, same embeddings and model): documents whose best cosine to a
  name reaches ``zeroshot_min_similarity`` take that topic, the rest are
  clustered; here the rest counts as unassigned ("none").

Run: ``python -m benchmarks.themes [--quick]`` (or through ``python -m benchmarks.run --only themes``).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
THEME_FILE = ROOT / "seeds" / "themes.toml"
SEED_LABELS = ROOT / "tests" / "data" / "seed_theme_labels.csv"
BBC_SAMPLE = ROOT / "tests" / "data" / "bbc_sample.csv"
QUICK_AG_ARTICLES = 1000
SEED = 42
BERTOPIC_MIN_SIMILARITIES = (0.7, 0.5, 0.3, 0.1)  # 0.7 is BERTopic's default

NOTES = (
    "accuracy and macro-F1 count 'none' (unassigned) as a class where the labels have it (seeds) and as an error "
    "where they do not (BBC, AG News). BERTopic zero-shot rows: min_sim is `zeroshot_min_similarity` (0.7 = default); "
    "its lower values are a sweep on the same labels, so they are optimistic for BERTopic. Seconds are wall time on "
    "shared cores, embeddings excluded (cached); the first BERTopic row includes its import and numba compilation."
)


def run(quick: bool, tiny: bool = False) -> list[dict]:
    from topics.embed import Embedder

    embedder = Embedder(show_progress=False)
    rows = seed_rows(embedder, tiny)
    if tiny:
        return rows
    bbc = BBC_SAMPLE if quick or not (SHARED_DATA / "bbc_news.csv").exists() else SHARED_DATA / "bbc_news.csv"
    rows += labelled_rows("BBC News" + (" sample" if bbc == BBC_SAMPLE else ""), bbc, embedder, None)
    if (SHARED_DATA / "ag_news_test.csv").exists():
        rows += labelled_rows("AG News", SHARED_DATA / "ag_news_test.csv", embedder, QUICK_AG_ARTICLES if quick else None)
    return rows


# ---------------------------------------------------------------- corpora
def seed_rows(embedder, tiny: bool = False) -> list[dict]:
    from topics.corpus import load_corpus
    from topics.embed import embed_units
    from topics.themefile import load_themes

    corpus = load_corpus(ROOT / "seeds")
    units = corpus.units("paragraph")
    embeddings = embed_units(corpus, "paragraph", embedder)
    truth = pd.read_csv(SEED_LABELS).set_index("paragraph_id").loc[units.unit_id, "theme"].to_numpy()
    themes = load_themes(THEME_FILE)
    names = [t.name for t in themes]
    context = dict(corpus="seed paragraphs", units=len(units))
    rows = [
        score(context, "Themes (seeds/themes.toml)", truth, *timed(themes_predict, themes, units, embeddings, embedder)),
    ]
    if not tiny:
        for label, params in [
            ("Themes, BM25 (bm25s) instead of alias matching", dict(lexical="bm25")),
            ("Themes, no lexical evidence", dict(lexical=None)),
            ("Themes, no paragraph context", dict(context_weight=0.0)),
            ("Themes, no refinement, always assign", dict(prototype_weight=1.0, threshold=0.0)),
            ("Themes, always assign (threshold 0)", dict(threshold=0.0)),
        ]:
            rows.append(score(context, label, truth, *timed(themes_predict, themes, units, embeddings, embedder, **params)))
        rows.append(parameter_grid_row(context, themes, units, embeddings, embedder, truth))
    rows.append(score(context, "baseline: nearest theme name (cosine)", truth, *timed(nearest_text, names, names, embeddings, embedder)))
    texts = [t.prototype_text for t in themes]
    rows.append(score(context, "baseline: nearest full theme text (cosine)", truth, *timed(nearest_text, texts, names, embeddings, embedder)))
    for min_similarity in BERTOPIC_MIN_SIMILARITIES[:1] if tiny else BERTOPIC_MIN_SIMILARITIES:
        for label, topic_texts in [("names", names), ("full theme texts", texts)]:
            method = f"baseline: BERTopic zero-shot, {label}, min_sim {min_similarity}"
            result = timed(bertopic_zeroshot, units.text.tolist(), embeddings, embedder, topic_texts, names, min_similarity)
            rows.append(score(context, method, truth, *result))
    return rows


def labelled_rows(name: str, path: Path, embedder, sample: int | None) -> list[dict]:
    from topics.corpus import load_corpus
    from topics.embed import embed_units

    if sample is None:
        corpus = load_corpus(path)
    else:
        table = pd.read_csv(path)
        corpus = load_corpus(table.sample(n=min(sample, len(table)), random_state=SEED))
        name += f" ({len(corpus.articles):,}-article sample)"
    units = corpus.units("article")
    embeddings = embed_units(corpus, "article", embedder)
    truth = units["label"].astype(str).to_numpy()
    names = sorted(set(truth))
    themes = [{"name": label} for label in names]
    context = dict(corpus=f"{name}, themes = label names only", units=len(units))
    rows = [score(context, "Themes (names only)", truth, *timed(themes_predict, themes, units, embeddings, embedder))]
    rows.append(
        score(context, "Themes, always assign (threshold 0)", truth, *timed(themes_predict, themes, units, embeddings, embedder, threshold=0.0))
    )
    rows.append(score(context, "baseline: nearest theme name (cosine)", truth, *timed(nearest_text, names, names, embeddings, embedder)))
    for min_similarity in BERTOPIC_MIN_SIMILARITIES:
        method = f"baseline: BERTopic zero-shot, names, min_sim {min_similarity}"
        result = timed(bertopic_zeroshot, units.text.tolist(), embeddings, embedder, names, names, min_similarity)
        rows.append(score(context, method, truth, *result))
    return rows


def parameter_grid_row(context, themes, units, embeddings, embedder, truth) -> dict:
    """How much the seed accuracy depends on the defaults: the median over a grid around them."""
    import itertools

    grid = list(itertools.product((0.1, 0.2, 0.3), (0.2, 0.3, 0.5), (0.02, 0.05, 0.1)))
    started = time.perf_counter()
    accuracies = []
    for lexical_weight, prototype_weight, temperature in grid:
        predicted = themes_predict(
            themes, units, embeddings, embedder,
            lexical_weight=lexical_weight, prototype_weight=prototype_weight, temperature=temperature,
        )
        accuracies.append(float(np.mean(predicted == truth)))
    row = score(context, f"Themes, median of {len(grid)} settings around the defaults", truth, predicted, 0.0)
    row.update(
        accuracy=round(float(np.median(accuracies)), 3), macro_f1=None, unassigned=None,
        seconds=round(time.perf_counter() - started, 2),
        note=f"accuracy {min(accuracies):.3f} to {max(accuracies):.3f} over lexical_weight x prototype_weight x temperature",
    )
    return row


# ---------------------------------------------------------------- methods
def themes_predict(themes, units, embeddings, embedder, **params) -> np.ndarray:
    from topics.themes import Themes

    fitted = Themes(themes, **params).fit(units, embeddings, embedder)
    return np.array(["none" if p is None else p for p in fitted.predicted_themes_])


def nearest_text(texts, names, embeddings, embedder) -> np.ndarray:
    vectors = embedder.encode(texts)
    return np.array(names)[(embeddings @ vectors.T).argmax(axis=1)]


def bertopic_zeroshot(documents, embeddings, embedder, topic_texts, names, min_similarity) -> np.ndarray:
    """BERTopic's zero-shot topic modelling; documents left to its clustering count as 'none'."""
    import logging

    from bertopic import BERTopic
    from hdbscan import HDBSCAN
    from umap import UMAP

    logging.getLogger("BERTopic").setLevel(logging.WARNING)
    n_neighbors = min(15, len(documents) - 1)
    model = BERTopic(
        embedding_model=embedder.sentence_transformer,
        zeroshot_topic_list=list(topic_texts),
        zeroshot_min_similarity=min_similarity,
        umap_model=UMAP(n_neighbors=n_neighbors, n_components=5, min_dist=0.0, metric="cosine", random_state=SEED),
        # BERTopic's default clusterer, but min_samples=1: with the default (10) HDBSCAN crashes when
        # fewer than 10 documents are left over. Left-over documents count as "none" either way.
        hdbscan_model=HDBSCAN(min_cluster_size=10, min_samples=1, metric="euclidean", prediction_data=True),
    )
    topics, _ = model.fit_transform(documents, embeddings=embeddings)
    by_text = dict(zip(topic_texts, names))
    name_of = {topic: by_text[label] for topic, label in model.topic_labels_.items() if label in by_text}
    best_similarity = (embeddings @ embedder.encode(list(topic_texts)).T).max(axis=1)
    if (best_similarity >= min_similarity).all():
        # When every document matches a zero-shot topic, BERTopic 0.17 keeps the zero-shot index as the
        # original topic id but does not put the names on the topics; recover them through its mapper.
        original_to_current = model.topic_mapper_.get_mappings(original_topics=True)
        name_of = {int(current): names[int(original)] for original, current in original_to_current.items() if original >= 0}
    return np.array([name_of.get(topic, "none") for topic in topics])


# ---------------------------------------------------------------- scoring
def timed(function, *args, **kwargs):
    started = time.perf_counter()
    predicted = function(*args, **kwargs)
    return predicted, time.perf_counter() - started


def score(context: dict, method: str, truth: np.ndarray, predicted: np.ndarray, seconds: float) -> dict:
    from sklearn.metrics import accuracy_score, f1_score

    classes = sorted(set(truth))
    print(f"  {context['corpus']}: {method} ...", file=sys.stderr, flush=True)
    return {
        **context,
        "method": method,
        "accuracy": round(float(accuracy_score(truth, predicted)), 3),
        "macro_f1": round(float(f1_score(truth, predicted, labels=classes, average="macro", zero_division=0)), 3),
        "unassigned": round(float(np.mean(predicted == "none")), 3),
        "seconds": round(seconds, 2),
    }


def main(argv: list[str] | None = None) -> int:
    from benchmarks.run import main as run_main

    argv = list(sys.argv[1:] if argv is None else argv)
    return run_main(["--only", "themes", *argv])


if __name__ == "__main__":
    raise SystemExit(main())
