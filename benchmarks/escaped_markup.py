"""AG News with its escaped HTML as written and read away: topic quality and markup words in labels.

``python -m benchmarks.escaped_markup [--quick]`` prints a Markdown table and writes
``artifacts/bench/escaped_markup.json``. A quarter of the AG News items hold HTML their export left
escaped ("&lt;A HREF=...&gt;SPLS.O&lt;/A&gt;", "doesn #39;t"). On three samples of 3,000 items (seeds
42, 7, 23; ``--quick``: one sample of 1,000, two random states), ``TopicModel(random_state=0..4)`` is
fitted twice on each: on the texts as the file writes them (ingest's markup step switched off) and as
ingest reads them. Per sample: NMI against the four sections (mean over the random states), and the
topic labels, subtopic labels and keywords holding a markup word (:func:`benchmarks.labels.markup_words`:
one the file writes more often inside escaped HTML or references than outside them).
"""

from __future__ import annotations

import re
import sys
import time
from contextlib import contextmanager
from unittest import mock

import numpy as np

SAMPLES = (42, 7, 23)
SAMPLE_SIZE = 3000
RANDOM_STATES = 5


@contextmanager
def markup_as_written():
    """Ingest with its markup step switched off: the texts as the file writes them."""
    as_written = lambda text: text  # noqa: E731
    # Tables are read in table_input, files in corpus: both call the markup step.
    with mock.patch("topics.ingest.corpus.unescape_markup", as_written), \
            mock.patch("topics.ingest.table_input.unescape_markup", as_written):
        yield


def _fits(source, markup: frozenset[str], random_states: int, embedder) -> dict:
    from sklearn.metrics import normalized_mutual_info_score

    from topics.embedding.embed import embed_units
    from topics.ingest.corpus import load_corpus
    from topics.modeling.model import TopicModel

    def marked(term: str) -> bool:
        return bool(markup.intersection(re.findall(r"[^\W\d_]+", term.lower())))

    corpus = load_corpus(source)
    units, vectors = corpus.units("article"), embed_units(corpus, "article", embedder)
    truth = units["article_id"].map(dict(zip(source["id"], source["label"])))
    found = {"nmi": [], "topics": 0, "topic labels": 0, "subtopics": 0, "subtopic labels": 0, "keywords": 0}
    for state in range(random_states):
        model = TopicModel(random_state=state).fit(units, embeddings=vectors)
        info = model.topic_info()
        info = info[info["topic_id"] >= 0]
        subtopics = model.subtopics()
        found["nmi"].append(normalized_mutual_info_score(truth, model.labels_))
        found["topics"] += len(info)
        found["topic labels"] += sum(map(marked, info["label"]))
        found["subtopics"] += len(subtopics)
        found["subtopic labels"] += sum(map(marked, subtopics["label"]))
        found["keywords"] += sum(marked(k) for keywords in info["keywords"] for k in keywords)
    return found


def run(quick: bool = False) -> list[dict]:
    import pandas as pd

    from benchmarks.labels import markup_words
    from benchmarks.topic_quality import SHARED_DATA, warm_up
    from topics.embedding.embed import Embedder

    warm_up()
    embedder = Embedder(show_progress=False)
    items = pd.read_csv(SHARED_DATA / "ag_news_test.csv")
    samples, size, states = (SAMPLES[:1], 1000, 2) if quick else (SAMPLES, SAMPLE_SIZE, RANDOM_STATES)
    rows = []
    for seed in samples:
        source = items.sample(n=size, random_state=seed)
        markup = frozenset(markup_words(source))
        for texts in ("as written", "markup read away"):
            started = time.perf_counter()
            if texts == "as written":
                with markup_as_written():
                    found = _fits(source, markup, states, embedder)
            else:
                found = _fits(source, markup, states, embedder)
            rows.append({
                "sample": f"AG News {size:,} (seed {seed})",
                "texts": texts,
                "NMI": round(float(np.mean(found["nmi"])), 3),
                "topic labels with markup": f"{found['topic labels']} of {found['topics']}",
                "subtopic labels with markup": f"{found['subtopic labels']} of {found['subtopics']}",
                "keywords with markup": found["keywords"],
            })
            print(f"  seed {seed}, {texts}: {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    return rows


NOTES = (
    "NMI: against the four AG News sections, mean over the random states. Labels and keywords with markup: "
    "summed over the random states' fits; a markup word is one the sample writes more often inside escaped HTML "
    "or character references than outside them (benchmarks.labels.markup_words)."
)


def main(argv: list[str] | None = None) -> int:
    from benchmarks.run import run_standalone

    return run_standalone("escaped_markup", __doc__, run, NOTES, "one sample of 1,000 items, two random states", argv)


if __name__ == "__main__":
    raise SystemExit(main())
