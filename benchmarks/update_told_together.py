"""An update's new events told together: how often an ordinary update meets the fresh split's join.

A fresh split joins a topic's event parts told in the same articles at the same moment
(:mod:`topics.modeling.told_together`); an ordinary update joins the new events it finds the same way
(:func:`topics.modeling.update_subtopics._place_new_units`). The monthly replays of ``benchmarks.update``
seldom add a story's whole week to a large corpus as an ordinary update, so this benchmark withholds
one window of a corpus (``--windows``), fits the rest (up to ``--through``), saves it, and updates it
with the window. Per window and per topic of the update that kept its subtopics, it lists the new
events and their sizes, and any event the join rule would still join with another one of its topic
(new or earlier: none are expected after the change; an earlier event joined to a new one would
move seen units, which an update never does).

    python -m benchmarks.update_told_together --cache-dir <cache> [--corpus nyt|isaf|PATH]
        [--windows 2020-06-26:2020-07-04,2021-08-26:2021-09-01] [--through 2021-11-01]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from benchmarks.update import load_articles


def _watching(found: list):
    """Wraps an update's placement of new units so as to record, per topic, its new events and any pair the join would still join."""
    import topics.modeling.update_subtopics as stage
    from topics.modeling.told_together import join_told_together

    place = stage._place_new_units

    def watched(embeddings, days, bursts, short_bursts, burst_sizes, articles, earlier, event_ids, *rest):
        local, grew = place(embeddings, days, bursts, short_bursts, burst_sizes, articles, earlier, event_ids, *rest)
        new = sorted(int(p) for p in np.unique(local) if p > earlier.max())
        joined = join_told_together(local, sorted(set(map(int, event_ids)) | set(new)), days, articles)
        still = [(int(p), int(joined[local == p][0])) for p in np.unique(local) if (joined[local == p] != p).all()]
        if new or still:
            found.append({"new events": [int((local == n).sum()) for n in new], "would join": still})
        return local, grew

    return stage, place, watched


def replay_parser(description: str) -> argparse.ArgumentParser:
    """The arguments every replay of a dated corpus takes: its embedding cache and the corpus."""
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cache-dir", default="artifacts/cache")
    parser.add_argument("--corpus", default="nyt")
    return parser


def dated_articles(corpus: str, cache_dir: str):
    """(articles, their dates, the embedder over ``cache_dir``) of a corpus :func:`benchmarks.update.load_articles` reads."""
    from topics.embedding.embed import Embedder

    articles = load_articles(corpus, "M").drop(columns="month")
    return articles, pd.to_datetime(articles["date"], errors="coerce"), Embedder(cache_dir=cache_dir)


def main(argv=None) -> int:
    parser = replay_parser(__doc__)
    parser.add_argument("--windows", default="2020-06-26:2020-07-04,2021-08-26:2021-09-01,2020-02-27:2020-03-04,2021-04-13:2021-04-20")
    parser.add_argument("--through", default="2021-11-01", help="the corpus's articles before this date")
    args = parser.parse_args(argv)
    from topics.pipeline import find_topics

    articles, dates, embedder = dated_articles(args.corpus, args.cache_dir)
    inside = (dates < args.through).to_numpy()
    for window in args.windows.split(","):
        start, end = window.split(":")
        held = ((dates >= start) & (dates < end)).to_numpy()
        found: list = []
        stage, place, watched = _watching(found)
        with tempfile.TemporaryDirectory() as scratch:
            earlier = find_topics(articles[inside & ~held].reset_index(drop=True), embedder=embedder)
            earlier.model.subtopics()
            earlier.model.save(Path(scratch) / "model")
            stage._place_new_units = watched
            try:
                result = find_topics(articles[inside].reset_index(drop=True), embedder=embedder, previous=Path(scratch) / "model")
                result.model._subtopics()  # as a report does
            finally:
                stage._place_new_units = place
        print(f"{window}: {int(held.sum())} articles withheld, {result.update_mode}; topics with new events: "
              f"{[f['new events'] for f in found if f['new events']]}; still joinable: {[f['would join'] for f in found if f['would join']]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
