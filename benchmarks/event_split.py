"""Would a content split of an event subtopic pass a separation test? (measured, not part of the toolkit)

An event subtopic gathers the units of a few days that its burst holds. On the NYT Afghanistan
full texts (evaluation only; read from ../shared/data) the holder of the fall of Kabul mixes the
day's news (the capital taken, the president fled) with other stories of the same days. This
benchmark splits every flagged event subtopic in two by content and asks whether the split is
one a general rule could keep, by three tests that use no constant read off this corpus:

- unit level: Ward's two parts of the units' vectors; their silhouette (cosine); their stability
  (mean adjusted Rand index of the split redone on ``N_RESAMPLES`` subsamples of 80 %); and a
  SigClust null (Liu et al., 2008): the two-means cluster index (within / total sum of squares)
  must lie below that of every one of ``N_NULL_DRAWS`` draws from one Gaussian with the units'
  own mean and covariance;
- article level: the same tests on the articles' centroids (two-means weighted by each article's
  units), the split then read at the units (an article's units stay together).

For the subtopics holding the five benchmark events it also gives the judged purity of each part
(the share of the part's judged units about the event, from benchmarks/data/event_labels.json)
and the rank of the split's silhouette and stability among all event subtopics of the state.
A rule keeps a split that helps when the helpful splits rank above the others.

    python -m benchmarks.event_split --cache-dir <cache> [--random-states 42,1,2,3,4]
"""

from __future__ import annotations

import argparse
import os
import sys

import numpy as np
import pandas as pd

N_NULL_DRAWS = 19  # the split beats every draw: one-sided p = 1 / 20
N_RESAMPLES = 20
MIN_UNITS = 20  # smaller events are left out: two parts of a few units say little


def cluster_index(points: np.ndarray, labels: np.ndarray, weights: np.ndarray) -> float:
    """Within-part over total weighted sum of squares (lower: parts further apart)."""
    def spread(rows) -> float:
        centre = np.average(points[rows], axis=0, weights=weights[rows])
        return float((weights[rows] * ((points[rows] - centre) ** 2).sum(axis=1)).sum())

    every = np.ones(len(points), bool)
    return sum(spread(labels == part) for part in np.unique(labels)) / max(spread(every), 1e-12)


def two_parts(points: np.ndarray, weights: np.ndarray, unit_level: bool, seed: int) -> np.ndarray:
    """Ward's two parts of the units, or weighted two-means of the article centroids."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from sklearn.cluster import KMeans

    if unit_level:
        return fcluster(linkage(points, method="ward"), 2, criterion="maxclust") - 1
    return KMeans(2, n_init=4, random_state=seed).fit(points, sample_weight=weights).labels_


def beats_gaussian_null(points, weights, unit_level, seed) -> tuple[float, float]:
    """(observed cluster index, the lowest of the null draws')."""
    from benchmarks.split_null import null_draw

    rng = np.random.default_rng(seed)
    observed = cluster_index(points, two_parts(points, weights, unit_level, seed), weights)
    lowest = np.inf
    for _ in range(N_NULL_DRAWS):
        draw = null_draw(points, rng)
        lowest = min(lowest, cluster_index(draw, two_parts(draw, weights, unit_level, seed), weights))
    return observed, float(lowest)


def split_stability(points, weights, unit_level, seed) -> float:
    from sklearn.metrics import adjusted_rand_score

    rng = np.random.default_rng(seed)
    whole = two_parts(points, weights, unit_level, seed)
    scores = []
    for _ in range(N_RESAMPLES):
        rows = np.sort(rng.choice(len(points), int(0.8 * len(points)), replace=False))
        scores.append(adjusted_rand_score(whole[rows], two_parts(points[rows], weights[rows], unit_level, seed)))
    return float(np.mean(scores))


def split_rows(vectors: np.ndarray, articles: np.ndarray, unit_ids: np.ndarray, judged: dict, seed: int) -> list[dict]:
    """The unit- and article-level splits of one event subtopic's units, with their tests."""
    from sklearn.metrics import silhouette_score

    rows = []
    for unit_level in (True, False):
        if unit_level:
            points, weights, to_units = vectors, np.ones(len(vectors)), np.arange(len(vectors))
        else:
            names, to_units = np.unique(articles, return_inverse=True)
            if len(names) < 4:
                continue
            points = np.stack([vectors[to_units == a].mean(axis=0) for a in range(len(names))])
            weights = np.bincount(to_units).astype(np.float64)
        parts = two_parts(points, weights, unit_level, seed)[to_units]
        if len(np.unique(parts)) < 2:
            continue
        observed, null_lowest = beats_gaussian_null(points, weights, unit_level, seed)
        row = {"level": "unit" if unit_level else "article",
               "silhouette": float(silhouette_score(vectors, parts, metric="cosine")),
               "stability": split_stability(points, weights, unit_level, seed),
               "null": "passes" if observed < null_lowest else f"fails ({observed:.3f} >= {null_lowest:.3f})"}
        for part in (0, 1):
            known = [judged[u] for u in unit_ids[parts == part] if u in judged]
            row[f"part {part}"] = f"{int((parts == part).sum())} units, judged " + (
                f"{np.mean(known):.2f} of {len(known)}" if known else "-")
        rows.append(row)
    return rows


def state_rows(model, labels_read: dict, seed: int) -> pd.DataFrame:
    from benchmarks.events import EVENTS, event_units
    from topics.modeling.cluster import normalise_rows

    info = model.document_info()
    table = model.subtopics()
    vectors = normalise_rows(np.asarray(model.embeddings_, dtype=np.float64))
    holders = {}
    for event in EVENTS:
        held = info.iloc[event_units(info, event)]
        held = held[held["topic_id"] >= 0]
        if len(held):
            holders[tuple(map(int, held.groupby(["topic_id", "subtopic"]).size().idxmax()))] = event.name
    rows = []
    for sub in table[table["is_event"]].itertuples(index=False):
        members = np.flatnonzero(((info["topic_id"] == sub.topic_id) & (info["subtopic"] == sub.subtopic)).to_numpy())
        if len(members) < MIN_UNITS:
            continue
        event = holders.get((int(sub.topic_id), int(sub.subtopic)), "")
        for row in split_rows(vectors[members], info["article_id"].to_numpy()[members],
                              info["unit_id"].to_numpy()[members], labels_read.get(event, {}), seed):
            rows.append({"subtopic": f"{sub.topic_id}.{sub.subtopic} {sub.label}"[:40], "units": len(members),
                         "holds": event, **row})
    frame = pd.DataFrame(rows)
    for column in ("silhouette", "stability"):
        frame[f"{column} rank"] = frame.groupby("level")[column].rank(ascending=False, method="min").astype(int)
    return frame


def main(argv=None) -> int:
    from benchmarks.events import NYT, nyt_missing, read_labels

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cache-dir", default=os.environ.get("TOPICS_CACHE_DIR", "artifacts/cache"))
    parser.add_argument("--random-states", default="42", help="comma-separated random states of the fits")
    args = parser.parse_args(argv)
    if nyt_missing():
        return 1
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from topics.pipeline import find_topics

    labels_read = read_labels()
    for state in [int(s) for s in args.random_states.split(",")]:
        model = find_topics(NYT, cache_dir=args.cache_dir, random_state=state).model
        frame = state_rows(model, labels_read, state)
        for level, rows in frame.groupby("level", sort=False):
            passing = int(rows["null"].eq("passes").sum())
            print(f"\n## random state {state}, {level} level: {len(rows)} event subtopics of {MIN_UNITS}+ units; "
                  f"{passing} pass the Gaussian null; median silhouette {rows['silhouette'].median():.3f}, "
                  f"median stability {rows['stability'].median():.2f}")
            with pd.option_context("display.width", 250, "display.max_colwidth", 40, "display.float_format", "{:.3f}".format):
                print(rows[rows["holds"] != ""].drop(columns="level").to_string(index=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
