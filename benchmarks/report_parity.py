"""Topics and subtopics of `topics report` and of `TopicModel().fit` on the same texts, counted side by side.

``python -m benchmarks.report_parity SOURCE[@LEVEL] ...`` (a path as ``topics report`` reads it, or the name of a
corpus of :func:`benchmarks.topic_quality.corpora`, or "seeds"; ``@article`` or ``@paragraph``, article by default)
fits each source three ways, ``random_state=42``:

- ``report``: :func:`topics.find_topics`, what ``topics report`` writes;
- ``vectors only``: ``TopicModel().fit(units, embeddings=vectors)``, the vectors given without the embedder that
  made them (as earlier label benchmarks fitted): clustered as they are, the corpus's repeated sentences
  (:mod:`topics.modeling.formulas`) kept in;
- ``as advised``: ``TopicModel(embedder=embedder).fit(corpus, level=level)``, the call the fit's warning names.

Per source: units, units holding repeated sentences, topics / subtopics / outliers of each way, and whether the
advised fit's topics and subtopics are the report's, unit for unit.
"""

from __future__ import annotations

import sys
import time
import warnings

import numpy as np

from benchmarks.paths import ROOT

SEEDS = ROOT / "seeds"


def _counts(model) -> str:
    return f"{len(model.topic_ids_)} / {len(model.subtopics())} / {int((model.labels_ == -1).sum())}"


def _same(model, report) -> bool:
    mine, theirs = model.document_info(), report.document_info()
    return bool(np.array_equal(model.labels_, report.labels_)
                and np.array_equal(mine["subtopic"].to_numpy(), theirs["subtopic"].to_numpy())
                and model.subtopics()["label"].tolist() == report.subtopics()["label"].tolist())


def compare(name: str, source, level: str, embedder) -> dict:
    from topics.embedding.embed import embed_units
    from topics.errors import TopicsWarning
    from topics.ingest.corpus import load_corpus
    from topics.modeling.model import TopicModel
    from topics.pipeline import find_topics

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TopicsWarning)  # duplicate-article notes of the corpora
        corpus = load_corpus(source)
        report = find_topics(corpus, level=level, embedder=embedder, random_state=42).model
    units, vectors = corpus.units(level), embed_units(corpus, level, embedder)
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always", TopicsWarning)
        plain = TopicModel(random_state=42).fit(units, embeddings=vectors)
    advised = TopicModel(embedder=embedder, random_state=42).fit(corpus, level=level)
    held = next((int(str(w.message).split(" of ")[0]) for w in said if "repeat" in str(w.message)), 0)
    return {"corpus": name, "level": level, "units": len(units), "units with repeated sentences": held,
            "report: topics / subtopics / outliers": _counts(report),
            "vectors only": _counts(plain), "vectors only = report": _same(plain, report),
            "as advised": _counts(advised), "as advised = report": _same(advised, report)}


def _source(spec: str):
    from benchmarks.topic_quality import corpora

    path, _, level = spec.partition("@")
    named = {"seeds": SEEDS, **dict(corpora(False))} if not any(ch in path for ch in "/.") else {}
    return named.get(path, path), level or "article"


def main(argv: list[str] | None = None) -> int:
    import argparse

    from benchmarks.run import markdown_table
    from topics.embedding.embed import Embedder

    parser = argparse.ArgumentParser(prog="python -m benchmarks.report_parity", description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="+", help="SOURCE[@paragraph|@article]: a path, a benchmark corpus's name, or seeds")
    parser.add_argument("--cache-dir", default=None, help="the embedding cache (default: the package's)")
    args = parser.parse_args(argv)
    embedder = Embedder(show_progress=False, cache_dir=args.cache_dir)
    rows = []
    for spec in args.sources:
        source, level = _source(spec)
        started = time.perf_counter()
        rows.append(compare(spec.rsplit("/", 1)[-1], source, level, embedder))
        print(f"  {spec}: {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    print(markdown_table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
