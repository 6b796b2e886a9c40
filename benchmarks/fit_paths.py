"""One result whichever way a corpus is fitted: ``find_topics`` (the report) next to ``TopicModel.fit`` in Python.

For each corpus and level, the topics of ``find_topics(corpus, level=..., embedder=embedder)`` are compared
with those of

- ``TopicModel(embedder=embedder).fit(corpus, level=level)``: the model given the corpus (an article is the
  mean of its paragraphs, as in ``find_topics``);
- ``TopicModel(embedder=embedder).fit(units)``: the model embeds the units itself (an article unit as one text);
- ``TopicModel(embedder=embedder).fit(units, embeddings=own)``: given the units' own vectors (``embed_units``);
- ``TopicModel().fit(units, embeddings=own)``: the same vectors without an embedder, clustered as given;
- ``TopicModel(embedder=embedder, formulas=None).fit(units, embeddings=own)``: the rule turned off;
- ``TopicModel(embedder=embedder).fit(units, embeddings=clustering_vectors(corpus, level, embedder))``: the
  vectors ``find_topics`` clusters, given (at article level the only way to them: an article's vector is a
  mean over its paragraphs, which the units alone do not have);

all with ``random_state=42``. Columns: topics; units whose clustered vector differs from their own (the
corpus's formulas left out, :mod:`topics.modeling.formulas`); whether the clustered vectors and the labels
are identical to ``find_topics``'; ARI of the labels against ``find_topics``' (outliers one more cluster).

Corpora: the ISAF press releases (all 724, whose formulas the rule was made for) and the NYT full-text
articles (324; bios and credits), from ``$TOPICS_DATA_DIR``. Embeddings are cached in ``artifacts/cache``
of the working folder.

Run: ``python -m benchmarks.fit_paths [--quick] [--only NAME] [--level LEVEL]`` (``--quick``: ISAF only; ``--only``:
the corpora whose name starts with NAME; ``--level``: that level alone), or ``python -m benchmarks.run --only fit_paths``.
"""

from __future__ import annotations

import sys

import numpy as np

from benchmarks.paths import SHARED_DATA  # also sets the offline settings

CORPORA = {
    "isaf": SHARED_DATA / "isaf_press_releases_test.jsonl",
    "nyt_fulltext": SHARED_DATA / "nyt_afghanistan_2020_2021_fulltext.jsonl.gz",
}
LEVELS = ("paragraph", "article")
RANDOM_STATE = 42


def measure(quick: bool = False, only: str = "", levels=LEVELS) -> list[dict]:
    """One row per corpus, level and way of fitting (``quick``: ISAF alone)."""
    from sklearn.metrics import adjusted_rand_score

    from topics.embedding.embed import Embedder, embed_units
    from topics.ingest.corpus import load_corpus
    from topics.modeling.formulas import clustering_vectors
    from topics.modeling.model import TopicModel
    from topics.pipeline import find_topics

    embedder = Embedder(cache_dir="artifacts/cache", show_progress=False)
    rows = []
    for name, path in CORPORA.items():
        if not name.startswith(only) or (quick and name != "isaf"):
            continue
        corpus = load_corpus(path)
        for level in levels:
            units = corpus.units(level)
            own = embed_units(corpus, level, embedder)
            reference = find_topics(corpus, level=level, embedder=embedder, random_state=RANDOM_STATE).model
            ways = {
                "find_topics": reference,
                "TopicModel(embedder).fit(corpus, level=level)":
                    lambda: TopicModel(embedder=embedder, random_state=RANDOM_STATE).fit(corpus, level=level),
                "TopicModel(embedder).fit(units)": lambda: TopicModel(embedder=embedder, random_state=RANDOM_STATE).fit(units),
                "TopicModel(embedder).fit(units, embeddings=own)":
                    lambda: TopicModel(embedder=embedder, random_state=RANDOM_STATE).fit(units, embeddings=own),
                "TopicModel().fit(units, embeddings=own)": lambda: TopicModel(random_state=RANDOM_STATE).fit(units, embeddings=own),
                "formulas=None, embeddings=own":
                    lambda: TopicModel(embedder=embedder, random_state=RANDOM_STATE, formulas=None).fit(units, embeddings=own),
                "TopicModel(embedder).fit(units, embeddings=clustering_vectors(...))":
                    lambda: TopicModel(embedder=embedder, random_state=RANDOM_STATE).fit(
                        units, embeddings=clustering_vectors(corpus, level, embedder)),
            }
            for way, fit in ways.items():
                model = fit() if callable(fit) else fit
                rows.append({
                    "corpus": name, "level": level, "fitted by": way, "topics": len(model.topic_ids_),
                    "units clustered without formulas": int((np.abs(model.embeddings_ - own).max(axis=1) > 1e-4).sum()),
                    "same vectors": "yes" if np.array_equal(model.embeddings_, reference.embeddings_) else "no",
                    "same labels": "yes" if np.array_equal(model.labels_, reference.labels_) else "no",
                    "ARI": round(adjusted_rand_score(reference.labels_, model.labels_), 3),
                })
    return rows


def run(quick: bool = False) -> list[dict]:
    """The rows of the table (``python -m benchmarks.run --only fit_paths``)."""
    return measure(quick)


def main(argv: list[str]) -> int:
    from benchmarks.run import markdown_table

    only = argv[argv.index("--only") + 1] if "--only" in argv else ""
    levels = (argv[argv.index("--level") + 1],) if "--level" in argv else LEVELS
    print(markdown_table(measure("--quick" in argv, only, levels)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
