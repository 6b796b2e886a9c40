"""Since the last run: the labels an update keeps for grown topics and subtopics, against naming them afresh.

An update names afresh the topics that grew by a tenth and the subtopics that grew by a fifth since they
were last named; a grown one keeps its earlier label where the label still fits its fresh keywords
(``topics.modeling.headlines.label_still_fits``). This replays a dated corpus month by month with
``previous=`` (as ``benchmarks.update`` does) and, at every update step, names every grown topic and
subtopic afresh as well, so that each one's earlier label, the label naming it afresh gives and its fresh
keywords (and those it was named with) are listed side by side, with what the rule decides. Per step: how many were grown, how many
labels naming afresh leaves as they were, how many the rule keeps and how many of those naming afresh
would have changed (then read the pairs: a near-synonym, or a label that no longer says what the topic is).

Corpora (evaluation only; read from ../shared/data): ``nyt`` (the NYT Afghanistan full texts) and
``isaf`` (the ISAF press releases, by month from 2012-06).

    python -m benchmarks.update_labels --cache-dir <cache> [--corpus nyt|isaf] [--start 2021-06] [--end 2021-10]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import tempfile
from pathlib import Path

import pandas as pd

STARTS = {"nyt": "2021-06", "isaf": "2012-06"}


def load(corpus: str) -> pd.DataFrame:
    from benchmarks.update import load_articles

    return load_articles(corpus).drop(columns="month")


def replay(articles: pd.DataFrame, start: str, end: str | None, cache_dir: str) -> list[dict]:
    """One record per grown topic or subtopic of every update step: its earlier label, the label and keywords
    naming it afresh gives, and whether ``label_still_fits`` keeps the earlier label."""
    import topics.modeling.describe as describe
    from topics.embedding.embed import Embedder
    from topics.modeling.headlines import label_still_fits
    from topics.pipeline import find_topics

    records, step = [], {"name": ""}
    named_afresh = describe.describe_topics

    def every_grown_one_named_afresh(*args, earlier_names=None, **kwargs):
        found = named_afresh(*args, **kwargs)
        labels = list(found.labels)
        for row, (label, before) in (earlier_names or {}).items():
            if found.keywords[row]:  # a row the update described
                kept = label_still_fits(label, found.keywords[row], before)
                records.append({"step": step["name"], "earlier": label, "afresh": found.labels[row], "keywords": found.keywords[row][:5],
                                "earlier keywords": list(before)[:5], "kept": kept})
                labels[row] = label if kept else labels[row]
        # What the update itself names (a row's label does not depend on which other rows are named), so the
        # replay goes on from the labels the rule leaves.
        return dataclasses.replace(found, labels=labels)

    dates = pd.to_datetime(articles["date"], errors="coerce")
    months = pd.period_range(start, end or dates.max().to_period("M"), freq="M")
    embedder = Embedder(cache_dir=cache_dir, show_progress=False)
    describe.describe_topics = every_grown_one_named_afresh
    try:
        previous = None
        with tempfile.TemporaryDirectory() as scratch:
            for month in months:
                step["name"] = str(month)
                corpus = articles[(dates < month.end_time.normalize() + pd.Timedelta(days=1)).to_numpy()].reset_index(drop=True)
                result = find_topics(corpus, embedder=embedder, previous=previous)
                result.model._subtopics()
                print(f"{month}: {len(corpus)} articles, {result.update_mode or 'first fit'}", file=sys.stderr, flush=True)
                folder = Path(scratch) / str(month)
                result.model.save(folder)
                previous = folder
    finally:
        describe.describe_topics = named_afresh
    return records


def summary(records: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(records)
    if frame.empty:
        return frame
    frame["same afresh"] = frame["earlier"] == frame["afresh"]
    rows = frame.groupby("step").agg(grown=("kept", "size"), same_afresh=("same afresh", "sum"), kept=("kept", "sum"))
    rows["kept, afresh differs"] = frame[frame["kept"] & ~frame["same afresh"]].groupby("step").size().reindex(rows.index, fill_value=0)
    rows["renamed, afresh the same"] = frame[~frame["kept"] & frame["same afresh"]].groupby("step").size().reindex(rows.index, fill_value=0)
    rows.loc["all"] = rows.sum()
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", default="artifacts/cache")
    parser.add_argument("--corpus", choices=sorted(STARTS), default="nyt")
    parser.add_argument("--start", default=None, help="the first step holds the articles up to the end of this month")
    parser.add_argument("--end", default=None, help="last month replayed (default: the corpus's last)")
    args = parser.parse_args(argv)
    records = replay(load(args.corpus), args.start or STARTS[args.corpus], args.end, args.cache_dir)
    if not records:
        print("no update named a grown topic or subtopic afresh")
        return 0
    print(summary(records).to_string())
    print()
    for record in records:
        if record["earlier"] != record["afresh"]:
            print(f"{record['step']}  {'kept   ' if record['kept'] else 'renamed'}  {json.dumps(record['earlier'], ensure_ascii=False)} | "
                  f"afresh {json.dumps(record['afresh'], ensure_ascii=False)} | keywords: {', '.join(record['keywords'])} "
                  f"(named with: {', '.join(record['earlier keywords'])})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
