"""Guided themes against labels: per theme precision and recall, false assignments, assigned share.

Each row is one (corpus, theme file, method). Columns:
- ``precision`` / ``recall`` per theme (``theme`` column; ``all themes`` rows give the macro mean
  and the lowest precision), counting a unit under a theme when the method puts it there
  (``Themes`` can put a unit under several themes; the baselines give one theme or none);
- ``false_assignment``: of the units about none of the themes, the share under some theme;
- ``assigned``: the share of units under some theme (on a mismatched theme file this is all false);
- ``accuracy``: single-label corpora only, the primary theme (or "none") against the label.

Corpora and theme files (benchmarks/themes_data/README.md):
- the seed paragraphs, ``seeds/themes.toml``, hand labels in ``tests/data/seed_theme_labels.csv``;
- the ISAF press releases (``../shared/data``), ``isaf_themes.toml`` written as an analyst would,
  labels from the corpus's expert annotation (``isaf_theme_labels.csv``, several themes per release);
- BBC News (the 200-article sample in quick mode), ``bbc_themes.toml``, labels = sections;
- the BBC sample's paragraphs, ``bbc_themes.toml``, each labelled with its article's section (a
  second paragraph corpus beside the seeds: like the seeds' labels, these reward context);
- mismatched: ``bbc_themes.toml`` on the ISAF releases and on the NYT Afghanistan paragraphs
  (evaluation only, read from ``../shared/data``): every assignment is false;
- full runs only: all BBC News paragraphs under ``bbc_fine_themes.toml`` (eight stories of 2004-2005,
  finer than the sections), each method fitted on all of them and scored on the 60 paragraphs drawn
  at random and read for every theme (``bbc_fine_random_labels.csv``; ``assigned`` over all paragraphs);
  and all AG News items under ``ag_fine_themes.toml`` (eight stories of 2004), scored the same way on the
  100 items drawn at random and read for every theme (``ag_fine_random_labels.csv``).

Methods, all on the same embeddings (bundled all-MiniLM-L6-v2):
- ``Themes`` with its defaults;
- (a) nearest theme name by cosine (always assigns);
- (b) BERTopic 0.17 zero-shot by description (``zeroshot_topic_list`` = each theme's
  "name: description", ``zeroshot_min_similarity`` 0.7, its default): documents whose best cosine
  reaches it take that topic, the rest are clustered and count as "none".

Run: ``python -m benchmarks.themes [--quick]`` (or through ``python -m benchmarks.run --only themes``).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from benchmarks.paths import BBC_SAMPLE, ROOT, SHARED_DATA  # also sets the offline settings

DATA = ROOT / "benchmarks" / "themes_data"
THEME_FILE = ROOT / "seeds" / "themes.toml"
SEED_LABELS = ROOT / "tests" / "data" / "seed_theme_labels.csv"
ISAF = SHARED_DATA / "isaf_press_releases_test.jsonl"
NYT = SHARED_DATA / "nyt_afghanistan_2020_2021_fulltext.jsonl.gz"
AG_NEWS = SHARED_DATA / "ag_news_test.csv"
# Theme files written blind for a whole corpus: (corpus, theme file, labels of the units read at random, name)
FINE_CHECKS = (
    (SHARED_DATA / "bbc_news.csv", "bbc_fine_themes.toml", "bbc_fine_random_labels.csv", "BBC News paragraphs"),
    (AG_NEWS, "ag_fine_themes.toml", "ag_fine_random_labels.csv", "AG News items"),
)
SEED = 42
ZEROSHOT_MIN_SIMILARITY = 0.7  # BERTopic's default

NOTES = (
    "precision/recall per theme against the labels; 'all themes' rows: macro mean recall and the lowest "
    "precision (min_precision). false_assignment: share of units about none of the themes that got one. "
    "assigned: share of units under any theme (on a mismatched theme file all of them are false). "
    "Baselines: (a) nearest theme name by cosine, always assigns; (b) BERTopic zero-shot by description at "
    "its default min similarity 0.7, the rest clustered and counted as none. Seconds: wall time on shared "
    "cores, embeddings excluded (cached). Themes can put a unit under several themes, so on single-label corpora "
    "(BBC, seeds) a second, right-in-its-way theme counts against precision; accuracy is the primary theme."
)


def run(quick: bool, tiny: bool = False) -> list[dict]:
    from topics.embedding.embed import Embedder

    embedder = Embedder(show_progress=False)
    rows = seed_rows(embedder, with_bertopic=not tiny)
    if tiny:
        return rows
    if ISAF.exists():
        rows += labelled_rows("ISAF press releases", isaf_corpus(), DATA / "isaf_themes.toml", isaf_truth, embedder)
        rows += mismatched_rows("ISAF press releases", isaf_corpus(), "article", embedder)
    bbc = BBC_SAMPLE if quick or not (SHARED_DATA / "bbc_news.csv").exists() else SHARED_DATA / "bbc_news.csv"
    rows += labelled_rows("BBC News" + (" sample" if bbc == BBC_SAMPLE else ""), _load(bbc), DATA / "bbc_themes.toml", section_truth, embedder)
    rows += labelled_rows("BBC News sample paragraphs", _load(BBC_SAMPLE), DATA / "bbc_themes.toml", section_truth, embedder, "paragraph")
    if NYT.exists():
        rows += mismatched_rows("NYT Afghanistan paragraphs", _load(NYT), "paragraph", embedder)
    if not quick:
        for path, theme_file, labels_file, name in FINE_CHECKS:
            if path.exists():
                rows += fine_rows(embedder, path, theme_file, labels_file, name)
    return rows


# ---------------------------------------------------------------- corpora
def _load(path):
    from topics.ingest.corpus import load_corpus

    return load_corpus(path)


def isaf_corpus():
    return _load(ISAF)


def isaf_truth(units: pd.DataFrame, names: list[str]) -> np.ndarray:
    labels = pd.read_csv(DATA / "isaf_theme_labels.csv").set_index("id").loc[units["article_id"], "themes"]
    return np.array([[name in str(value).split("; ") for name in names] for value in labels])


def section_truth(units: pd.DataFrame, names: list[str]) -> np.ndarray:
    return np.column_stack([units["label"].astype(str).to_numpy() == name for name in names])


def seed_rows(embedder, with_bertopic: bool = True) -> list[dict]:
    from topics.embedding.embed import embed_units
    from topics.themes.themefile import load_themes

    corpus = _load(ROOT / "seeds")
    units = corpus.units("paragraph")
    embeddings = embed_units(corpus, "paragraph", embedder)
    labels = pd.read_csv(SEED_LABELS).set_index("paragraph_id").loc[units.unit_id, "theme"].to_numpy()
    themes = load_themes(THEME_FILE)
    names = [t.name for t in themes]
    truth = np.column_stack([labels == name for name in names])
    context = dict(corpus="seed paragraphs", theme_file="seeds/themes.toml", units=len(units))
    return compare(context, themes, units, embeddings, embedder, truth, labels, with_bertopic)


def labelled_rows(name, corpus, theme_file: Path, truth_of, embedder, level: str = "article") -> list[dict]:
    from topics.embedding.embed import embed_units
    from topics.themes.themefile import load_themes

    units = corpus.units(level)
    embeddings = embed_units(corpus, level, embedder)
    themes = load_themes(theme_file)
    names = [t.name for t in themes]
    truth = truth_of(units, names)
    single = units["label"].astype(str).to_numpy() if truth_of is section_truth else None
    context = dict(corpus=name, theme_file=theme_file.name, units=len(units))
    return compare(context, themes, units, embeddings, embedder, truth, single, True)


def mismatched_rows(name, corpus, level: str, embedder) -> list[dict]:
    from topics.embedding.embed import embed_units
    from topics.themes.themefile import load_themes

    units = corpus.units(level)
    embeddings = embed_units(corpus, level, embedder)
    themes = load_themes(DATA / "bbc_themes.toml")
    truth = np.zeros((len(units), len(themes)), dtype=bool)
    context = dict(corpus=f"{name} (mismatched)", theme_file="bbc_themes.toml", units=len(units))
    return compare(context, themes, units, embeddings, embedder, truth, None, True)


def fine_rows(embedder, path: Path, theme_file: str, labels_file: str, name: str) -> list[dict]:
    """Every method fitted on all paragraphs of a corpus under a theme file written blind for it,
    scored on the paragraphs read at random."""
    from topics.embedding.embed import embed_units
    from topics.themes.themefile import load_themes

    corpus = _load(path)
    units = corpus.units("paragraph")
    embeddings = embed_units(corpus, "paragraph", embedder)
    themes = load_themes(DATA / theme_file)
    names = [t.name for t in themes]
    labels = pd.read_csv(DATA / labels_file)
    read = pd.Series(np.arange(len(units)), index=units["unit_id"].to_numpy()).loc[labels["unit_id"]].to_numpy()
    truth = np.array([[name in str(value).split("; ") for name in names] for value in labels["themes"]])
    context = dict(corpus=f"{name}, {len(labels)} read at random", theme_file=theme_file, units=len(units))
    (members, primary), seconds = timed(themes_members, themes, units, embeddings, embedder)
    methods = [("Themes", members, primary, seconds)]
    nearest, seconds = timed(nearest_text, names, embeddings, embedder)
    methods.append(("(a) nearest theme name (cosine)", _one_hot(nearest, names), nearest, seconds))
    texts = [f"{t.name}: {t.description}" if t.description else t.name for t in themes]
    zeroshot, seconds = timed(bertopic_zeroshot, units.text.tolist(), embeddings, embedder, texts, names, ZEROSHOT_MIN_SIMILARITY)
    methods.append(("(b) BERTopic zero-shot by description", _one_hot(zeroshot, names), zeroshot, seconds))
    rows = []
    for method, placed, first, seconds in methods:
        scored = score(context, method, names, truth, placed[read], first[read], None, seconds)
        scored[-1]["assigned"] = _round(float(np.asarray(placed).any(axis=1).mean()))  # over all paragraphs
        rows += scored
    return rows


# ---------------------------------------------------------------- methods
def compare(context, themes, units, embeddings, embedder, truth, single_labels, with_bertopic) -> list[dict]:
    names = [t.name for t in themes]
    rows = []
    (members, primary), seconds = timed(themes_members, themes, units, embeddings, embedder)
    rows += score(context, "Themes", names, truth, members, primary, single_labels, seconds)
    nearest, seconds = timed(nearest_text, names, embeddings, embedder)
    rows += score(context, "(a) nearest theme name (cosine)", names, truth, _one_hot(nearest, names), nearest, single_labels, seconds)
    if with_bertopic:
        texts = [f"{t.name}: {t.description}" if t.description else t.name for t in themes]
        zeroshot, seconds = timed(bertopic_zeroshot, units.text.tolist(), embeddings, embedder, texts, names, ZEROSHOT_MIN_SIMILARITY)
        rows += score(context, "(b) BERTopic zero-shot by description", names, truth, _one_hot(zeroshot, names), zeroshot, single_labels, seconds)
    return rows


def themes_members(themes, units, embeddings, embedder, **params):
    from topics.themes.guided import Themes

    fitted = Themes(themes, **params).fit(units, embeddings, embedder)
    primary = np.array(["none" if p is None else p for p in fitted.predicted_themes_])
    return fitted.memberships_, primary


def nearest_text(names, embeddings, embedder) -> np.ndarray:
    vectors = embedder.encode(list(names))
    return np.array(names)[(embeddings @ vectors.T).argmax(axis=1)]


def _one_hot(predicted: np.ndarray, names: list[str]) -> np.ndarray:
    return np.column_stack([predicted == name for name in names])


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


def score(context, method, names, truth, members, primary, single_labels, seconds) -> list[dict]:
    """One row per theme with labels for it, then one 'all themes' row."""
    print(f"  {context['corpus']}: {method} ...", file=sys.stderr, flush=True)
    truth = np.asarray(truth, dtype=bool)
    members = np.asarray(members, dtype=bool)
    about_none = ~truth.any(axis=1)
    rows, precisions, recalls = [], [], []
    for index, name in enumerate(names):
        hit = int((truth[:, index] & members[:, index]).sum())
        placed, relevant = int(members[:, index].sum()), int(truth[:, index].sum())
        precision = hit / placed if placed else None
        recall = hit / relevant if relevant else None
        if relevant:
            precisions.append(precision or 0.0)
            recalls.append(recall)
        rows.append({**context, "method": method, "theme": name, "labelled": relevant, "placed": placed,
                     "precision": _round(precision), "recall": _round(recall)})
    summary = {
        **context,
        "method": method,
        "theme": "all themes",
        "labelled": int(truth.any(axis=1).sum()),
        "placed": int(members.any(axis=1).sum()),
        "precision": _round(float(np.mean(precisions))) if precisions else None,
        "min_precision": _round(float(np.min(precisions))) if precisions else None,
        "recall": _round(float(np.mean(recalls))) if recalls else None,
        "false_assignment": _round(float(members[about_none].any(axis=1).mean())) if about_none.any() else None,
        "assigned": _round(float(members.any(axis=1).mean())),
        "seconds": round(seconds, 2),
    }
    if single_labels is not None:
        summary["accuracy"] = _round(float(np.mean(np.asarray(primary) == np.asarray(single_labels))))
    if not truth.any():
        return [summary]  # a mismatched theme file: nothing to score per theme
    return rows + [summary]


def _round(value):
    return None if value is None else round(float(value), 3)


def main(argv: list[str] | None = None) -> int:
    from benchmarks.run import main as run_main

    argv = list(sys.argv[1:] if argv is None else argv)
    return run_main(["--only", "themes", *argv])


if __name__ == "__main__":
    raise SystemExit(main())
