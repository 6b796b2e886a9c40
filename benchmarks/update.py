"""Since the last run: replay a dated corpus month by month with ``previous=``.

On the NYT Afghanistan full texts (evaluation only; read from ../shared/data) the corpus is
grown one month at a time from a starting month; each step runs ``find_topics(..., previous=
<the step before, saved>)``. Per step the table gives the new articles' share of the corpus,
whether the step was an update (new units assigned, no refit) or a refit (ids matched), the
share of the units seen before that keep their topic id (goal: >= 90 % when a month adds
<= 10 % new articles), the new topics, the fit time, and at the step holding the Aug 26 2021
airport bombing whether a new event or a new topic holds most of the bombing's paragraphs.
The reference for the time of an update is a full fit (``TopicModel.fit``, no fit cache) of
the same step's corpus, measured in the same run (CPU seconds of this process); a second
line adds to both sides the subtopics of the whole corpus that a report computes.

    python -m benchmarks.update --cache-dir <cache> [--start 2021-01]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from benchmarks.paths import SHARED_DATA

NYT = SHARED_DATA / "nyt_afghanistan_2020_2021_fulltext.jsonl.gz"


def load_articles() -> pd.DataFrame:
    with gzip.open(NYT, "rt", encoding="utf-8") as handle:
        frame = pd.DataFrame([json.loads(line) for line in handle])
    frame["month"] = pd.to_datetime(frame["date"], errors="coerce").dt.to_period("M")
    return frame[["id", "date", "title", "text", "month"]]


def bombing_shown_as_new(result, since: dict) -> str:
    """Whether a new event (or a new topic) holds most of the airport bombing's paragraphs."""
    from benchmarks.events import EVENTS, event_units

    event = next(e for e in EVENTS if e.name == "Airport bombing")
    info = result.model.document_info()
    rows = event_units(info, event)
    if not len(rows):
        return "no bombing paragraphs yet"
    held = info.iloc[rows]
    held = held[held["topic_id"] >= 0]
    pair = held.groupby(["topic_id", "subtopic"]).size().idxmax()
    share = float(((held["topic_id"] == pair[0]) & (held["subtopic"] == pair[1])).mean())
    new_events = {(e["topic_id"], e["subtopic"]): e for e in since["new_events"]}
    new_topics = {t["topic_id"] for t in since["new_topics"]}
    if tuple(map(int, pair)) in new_events:
        e = new_events[tuple(map(int, pair))]
        return f"yes: new event {pair[0]}.{pair[1]} '{e['label']}' peak {e['peak_date']} holds {share:.0%} of {len(rows)}"
    if int(pair[0]) in new_topics:
        return f"as a new topic {pair[0]} ({share:.0%} of {len(rows)})"
    return f"no: most ({share:.0%} of {len(rows)}) in {pair[0]}.{pair[1]}, not new"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cache-dir", default="artifacts/cache")
    parser.add_argument("--start", default="2021-01", help="the first step holds the articles up to the month before this one")
    parser.add_argument("--end", default=None, help="last month replayed (default: the corpus's last)")
    args = parser.parse_args(argv)
    if not NYT.exists():
        print(f"error: {NYT}: not found (set TOPICS_DATA_DIR)", file=sys.stderr)
        return 1
    from topics.embedding.embed import Embedder
    from topics.modeling.model import TopicModel
    from topics.pipeline import find_topics

    articles = load_articles()
    embedder = Embedder(cache_dir=args.cache_dir)
    start = pd.Period(args.start, "M")
    last = pd.Period(args.end, "M") if args.end else articles["month"].max()
    months = [start - 1] + list(pd.period_range(start, last, freq="M"))
    rows, previous = [], None
    with tempfile.TemporaryDirectory() as scratch:
        for step, month in enumerate(months):
            corpus = articles[articles["month"] <= month].drop(columns="month").reset_index(drop=True)
            new_articles = int((articles["month"] == month).sum()) if step else len(corpus)
            cpu = time.process_time()
            said: list[str] = []
            result = find_topics(corpus, embedder=embedder, previous=previous, log=said.append)
            fit_wall = result.timings["fit"]
            total_cpu = time.process_time() - cpu
            row = {"month": str(month), "articles": len(corpus), "new share": new_articles / len(corpus),
                   "mode": result.update_mode or "first fit", "topics": len(result.model.topic_ids_),
                   "fit wall s": fit_wall, "run cpu s": round(total_cpu, 1)}
            if previous is not None:
                seen = result.previous_rows >= 0
                row["seen units"] = int(seen.sum())
                earlier = result.previous.labels[result.previous_rows[seen]]
                row["kept id"] = float((result.model.labels_[seen] == earlier).mean())
                # The same among the seen units that had a topic (an earlier outlier now placed is no lost id).
                row["kept id, in a topic before"] = float((result.model.labels_[seen] == earlier)[earlier >= 0].mean())
                # A refit keeps seen units that still look like members of their earlier topic there.
                kept_back = [int(line.split()[0]) for line in said if "kept there" in line]
                row["kept back"] = kept_back[0] if kept_back else 0
                # An update names afresh only the topics that grew by a tenth or more.
                row["named afresh"] = len(getattr(result.model, "redescribed_topics_", result.model.topic_ids_))
                has_bombing = pd.Period("2021-08", "M") == month
                if has_bombing:
                    since = result.since_last_run()
                    row["new topics"] = len(since["new_topics"])
                    row["bombing new?"] = bombing_shown_as_new(result, since)
                else:
                    row["new topics"] = int(len(set(result.model.topic_ids_) - set(result.previous.topics["topic_id"])))
            rows.append(row)
            print(json.dumps(row), flush=True)
            folder = Path(scratch) / f"step{step}"
            result.model.save(folder)
            previous = folder
        # The reference: a full fit of the last step's corpus, no fit cache; and that step's update
        # again, timed the same way (CPU seconds of this process; wall seconds are the machine's load).
        started = time.perf_counter()
        cpu = time.process_time()
        full = TopicModel(embedder=embedder).fit(result.units, embeddings=result.embeddings)
        full_wall, full_cpu = time.perf_counter() - started, time.process_time() - cpu
        # A report also finds the subtopics of the whole corpus, after a full fit and after an update alike.
        cpu = time.process_time()
        full.subtopics()
        full_subtopics_cpu = time.process_time() - cpu
        update_cpu = None
        if result.update_mode == "update":
            from topics.modeling.update import update_model

            cpu = time.process_time()
            updated = update_model(TopicModel(embedder=embedder), result.previous, result.previous_rows, result.units, result.embeddings)
            update_cpu = time.process_time() - cpu
            n_afresh = len(updated.redescribed_topics_)
            cpu = time.process_time()
            updated.subtopics()
            update_subtopics_cpu = time.process_time() - cpu
    table = pd.DataFrame(rows)
    with pd.option_context("display.width", 250, "display.max_colwidth", 80, "display.float_format", "{:.3f}".format):
        print(table.to_string(index=False))
    updates = table[table["mode"] == "update"]
    print(f"\nfull fit of the last step's corpus ({len(result.units)} units): {full_wall:.1f} s wall, {full_cpu:.1f} s CPU;"
          f" last step's {result.update_mode}: fit {table['fit wall s'].iloc[-1]:.1f} s wall")
    if update_cpu is not None:
        print(f"same corpus: update {update_cpu:.1f} s CPU ({n_afresh} of {len(updated.topic_ids_)} topics named afresh)"
              f" vs full fit {full_cpu:.1f} s CPU = {full_cpu / update_cpu:.1f}x faster")
        with_subtopics, full_with_subtopics = update_cpu + update_subtopics_cpu, full_cpu + full_subtopics_cpu
        print(f"with the subtopics a report adds ({update_subtopics_cpu:.1f} s CPU after the update, {full_subtopics_cpu:.1f} s"
              f" after the full fit): update {with_subtopics:.1f} s CPU vs full fit {full_with_subtopics:.1f} s CPU"
              f" = {full_with_subtopics / with_subtopics:.1f}x faster")
    if len(updates):
        small = updates[updates["new share"] <= 0.10]
        print(f"updates: {len(updates)} steps, kept id {updates['kept id'].min():.3f} at least; "
              f"steps adding <= 10 % articles: {len(small)}; median update fit {updates['fit wall s'].median():.1f} s wall "
              f"vs full fit {full_wall:.1f} s wall = {full_wall / max(updates['fit wall s'].median(), 1e-9):.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
