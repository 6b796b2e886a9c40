"""A corpus that gains or loses a few documents: do its topics, subtopics and events stay?

    python -m benchmarks.left_out [--draws 3] [--left-out 3] [--random-state 42] CORPUS [CORPUS ...]

For each corpus (any file ``topics.load_corpus`` reads; paragraphs): ``TopicModel(random_state=...)`` on all
units, then per draw on the corpus without ``--left-out`` units drawn at random: the ARI of the topics on the
units both fits hold. Then the subtopics with the whole corpus's topics held fixed (``find_subtopics``), on all
units and per draw without the left-out units, once with the community searches ordered over positions and
once by the units' texts (``topics.modeling.cluster.CONTENT_ORDER``): the ARI of the units' (topic, subtopic)
pairs, and of the whole corpus's events, the share matched by an event of the smaller corpus (Jaccard of their
units >= 0.5, on the units both hold) and the mean best Jaccard. Prints one table.
"""

from __future__ import annotations

import argparse

import numpy as np
import pandas as pd

import benchmarks.paths  # noqa: F401  (sets the offline settings)


def events_of(table: pd.DataFrame, topics: np.ndarray, subtopics: np.ndarray, unit_ids: np.ndarray) -> list[set]:
    """The units of each event of a subtopic table."""
    return [set(unit_ids[(topics == row.topic_id) & (subtopics == row.subtopic)]) for row in table[table["is_event"]].itertuples()]


def matched(whole: list[set], part: list[set], kept: set) -> tuple[float, float]:
    """(share of ``whole``'s events that an event of ``part`` matches at Jaccard >= 0.5, their mean best Jaccard),
    on the units in ``kept``."""
    best = []
    for event in whole:
        event = event & kept
        best.append(max((len(event & other) / len(event | other) for other in part), default=0.0) if event else 0.0)
    return (float(np.mean(np.array(best) >= 0.5)), float(np.mean(best))) if best else (np.nan, np.nan)


def corpus_rows(path: str, draws: int, left_out: int, random_state: int) -> list[dict]:
    from sklearn.metrics import adjusted_rand_score

    from topics.embedding.embed import Embedder, embed_units
    from topics.ingest.corpus import load_corpus
    from topics.modeling import cluster
    from topics.modeling.model import TopicModel
    from topics.modeling.subtopics import find_subtopics

    corpus = load_corpus(path)
    embedder = Embedder(show_progress=False)
    units = corpus.units("paragraph")
    vectors = embed_units(corpus, "paragraph", embedder)
    unit_ids = units["unit_id"].astype(str).to_numpy()
    everything = np.arange(len(units))
    kept_rows = [np.setdiff1d(everything, np.random.default_rng(draw).choice(len(units), left_out, replace=False))
                 for draw in range(draws)]
    rows = []
    topics = np.asarray(TopicModel(embedder=embedder, random_state=random_state).fit(units, embeddings=vectors).labels_)
    for draw, kept in enumerate(kept_rows):
        part = TopicModel(embedder=embedder, random_state=random_state).fit(units.iloc[kept].reset_index(drop=True),
                                                                              embeddings=vectors[kept]).labels_
        rows.append({"corpus": path, "order": "texts (default)", "draw": draw, "what": "topics",
                     "ARI": round(adjusted_rand_score(topics[kept], part), 3)})
    topic_ids = np.unique(topics[topics >= 0])

    def subtopics(rows_):
        chosen = units.iloc[rows_]
        found = find_subtopics(chosen["text"].tolist(), vectors[rows_], topics[rows_], topic_ids, chosen["date"],
                               chosen["unit_id"], chosen["article_id"], random_state=random_state)
        return found.labels, events_of(found.table, topics[rows_], found.labels, unit_ids[rows_])

    default = cluster.CONTENT_ORDER
    try:
        for order, by_text in (("positions", False), ("texts (default)", True)):
            cluster.CONTENT_ORDER = by_text
            whole_labels, whole_events = subtopics(everything)
            for draw, kept in enumerate(kept_rows):
                labels, events = subtopics(kept)
                share, best = matched(whole_events, events, set(unit_ids[kept]))
                pairs = [f"{t}.{s}" for t, s in zip(topics[kept], whole_labels[kept])]
                rows.append({"corpus": path, "order": order, "draw": draw, "what": "subtopics (topics fixed)",
                             "ARI": round(adjusted_rand_score(pairs, [f"{t}.{s}" for t, s in zip(topics[kept], labels)]), 3),
                             "events": f"{len(whole_events)} -> {len(events)}", "events matched": round(share, 2),
                             "best Jaccard": round(best, 3)})
    finally:
        cluster.CONTENT_ORDER = default
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="+")
    parser.add_argument("--draws", type=int, default=3)
    parser.add_argument("--left-out", type=int, default=3)
    parser.add_argument("--random-state", type=int, default=42)
    args = parser.parse_args(argv)
    rows = [row for path in args.corpora for row in corpus_rows(path, args.draws, args.left_out, args.random_state)]
    print(pd.DataFrame(rows).to_string(index=False, na_rep=""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
