"""Every topic and subtopic label of a corpus given by path, and the label faults that can be counted.

``python -m benchmarks.label_parts_read SOURCE[@LEVEL] ...`` fits ``TopicModel(embedder=embedder, random_state=42)``
on the corpus of each source, as ``topics report`` does (the corpus's repeated sentences left out; before, the
units' vectors given without the embedder were clustered as they were: see :mod:`benchmarks.report_parity`)
(a CSV/JSONL/Parquet table or a folder, as ``topics report`` reads it; ``@paragraph`` or ``@article``,
article by default; or the name of a corpus of :func:`benchmarks.topic_quality.corpora`, as "bbc_news") and
prints every topic and subtopic label with its first keywords, for reading, and per source:

- ``labels``: topic and subtopic labels;
- ``junk``: labels holding a junk token (contraction fragment, month, weekday, dateline word:
  :func:`benchmarks.labels.is_junk`);
- ``person_led``: labels whose first noun group holds a person's name (:func:`benchmarks.labels.lead_name`);
- ``lone_parts``: parts after the lead that are one word;
- ``lone_apart``: of those, the words no unit of the group writes beside every word of the lead
  ("BP, season": a word from another story of the group);
- ``NPMI``, ``diversity``: of the topics' keywords, as :mod:`benchmarks.labels` computes them (on this fit).

Made to read corpora no label rule was shaped on: the source is a path, kept outside the repository.
"""

from __future__ import annotations

import sys
import time

import numpy as np


def _groups(model, units):
    """(label, keywords, unit rows) of every topic and subtopic of ``model``."""
    info = model.topic_info()
    for topic, label, keywords in zip(info["topic_id"], info["label"], info["keywords"]):
        if topic >= 0:
            yield label, list(keywords), np.flatnonzero(model.labels_ == topic)
    subtopics = model.subtopics()
    assigned = model.document_info()
    for row in subtopics.itertuples():
        rows = np.flatnonzero((assigned["topic_id"] == row.topic_id).to_numpy() & (assigned["subtopic"] == row.subtopic).to_numpy())
        yield row.label, list(row.keywords), rows


def read_labels(name: str, corpus, level: str, embedder) -> dict:
    from benchmarks.labels import dateline_words, is_junk, lead_name
    from topics.modeling.headlines import lower_words, person_names
    from topics.modeling.model import TopicModel

    model = TopicModel(embedder=embedder, random_state=42).fit(corpus, level=level)  # as topics report fits
    units = model.units_
    texts = units["text"].tolist()
    held = [lower_words(t) for t in texts]
    datelines, people = dateline_words(texts), person_names(texts)
    counts = dict(labels=0, junk=0, person_led=0, lone_parts=0, lone_apart=0)
    print(f"\n## {name}", flush=True)
    for label, keywords, rows in _groups(model, units):
        parts = [p.strip() for p in label.split(",")]
        lead = {w for w in lower_words(parts[0])}
        apart = []
        for part in parts[1:]:
            if " " in part:
                continue
            counts["lone_parts"] += 1
            if not any(lead | {part.lower()} <= held[i] for i in rows):
                apart.append(part)
        counts["labels"] += 1
        counts["junk"] += is_junk(label, datelines)
        counts["person_led"] += bool(lead_name(label, people))
        counts["lone_apart"] += len(apart)
        mark = f"   [apart: {', '.join(apart)}]" if apart else ""
        print(f"  [{len(rows):4}] {label!r} | {', '.join(map(str, keywords[:6]))}{mark}", flush=True)
    from benchmarks.topic_quality import diversity, npmi_coherence

    info = model.topic_info()
    keywords = info[info["topic_id"] >= 0]["keywords"].tolist()
    return {"corpus": name, **counts, "NPMI": round(npmi_coherence(keywords, texts), 3), "diversity": round(diversity(keywords), 3)}


def _source(spec: str):
    from benchmarks.topic_quality import corpora

    path, _, level = spec.partition("@")
    named = dict(corpora(False)) if not any(ch in path for ch in "/.") else {}
    return named.get(path, path), level or "article"


def read_sources(prog: str, description: str, read, argv: list[str] | None = None) -> int:
    """The command line of the label readings: each SOURCE[@level] fitted and read by ``read(name, corpus, level,
    embedder)``, whose rows end in one table."""
    import argparse

    from benchmarks.run import markdown_table
    from topics.embedding.embed import Embedder
    from topics.ingest.corpus import load_corpus

    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("sources", nargs="+", help="SOURCE[@paragraph|@article]: a path, or a benchmark corpus's name")
    args = parser.parse_args(argv)
    rows, embedder = [], Embedder(show_progress=False)
    for spec in args.sources:
        source, level = _source(spec)
        started = time.perf_counter()
        rows.append(read(spec.rsplit("/", 1)[-1], load_corpus(source), level, embedder))
        print(f"  ({time.perf_counter() - started:.0f} s)", file=sys.stderr, flush=True)
    print()
    print(markdown_table(rows))
    return 0


def main(argv: list[str] | None = None) -> int:
    return read_sources("python -m benchmarks.label_parts_read", __doc__.splitlines()[0], read_labels, argv)


if __name__ == "__main__":
    raise SystemExit(main())
