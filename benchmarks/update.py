"""Since the last run: replay a dated corpus month by month with ``previous=``.

On the NYT Afghanistan full texts (evaluation only; read from ../shared/data) the corpus is
grown one month at a time from a starting month; each step runs ``find_topics(..., previous=
<the step before, saved with its subtopics>)`` and computes the subtopics, as a report does. Per
step the table gives the new articles' share of the corpus, whether the step was an update (new
units assigned, no refit) or a refit (ids matched), the share of the units seen before that keep
their topic id (goal: >= 90 % when a month adds <= 10 % new articles) and their (topic,
subtopic) pair, the new topics, and at the step holding the Aug 26 2021 airport bombing whether
a new event or a new topic holds most of the bombing's paragraphs. ``--cuts 2021-08-26`` adds a
step ending the day before each date, so that the bombing arrives in a small step (an update).
Per step also: how many topics and subtopics were named afresh, and the most any of them grew
since it was last named (counted here, so comparable across naming rules).

At every update step, in the same run (CPU seconds of this process, and for the full fit also those of
its alias-mining worker process, ``topics.modeling.alias_worker``, which this process's clock does not
see; "x report, this process" leaves them out, as the figures before they were counted; wall seconds beside): the update (fit and the
subtopics started from the earlier run's, ``topics.modeling.update_subtopics``; "x report, read counted" also counts
reading the earlier run's folder and matching its units, which only an update does) against a full
fit of the same corpus (``TopicModel.fit``, no fit cache) with its subtopics found afresh
(``--repeats N``: each timed N times in turn, medians, and each run's ratio); and how
close the update's subtopics are to subtopics found afresh on the update's own topics: the ARI of
the units' (topic, subtopic) pairs (all units, new units, seen units; for the seen units also the
earlier run's own subtopics against the fresh ones: how far a fresh search moves units it had
already placed, which an update that keeps them cannot follow), and the events found afresh that an
event of the update matches (Jaccard of their units >= 0.5). At the last update step the ARI of
two fresh searches with other random states (42 and 1) gives the noise floor of that ARI and of
the events matched.

``--corpus isaf`` replays the ISAF press releases instead (no airport bombing there); ``--corpus PATH`` any dated
corpus ``topics`` reads (a CSV, JSONL or Parquet table with dates), and ``--period W`` grows it a week at a time.

    python -m benchmarks.update --cache-dir <cache> [--corpus isaf|PATH] [--period M|W] [--start 2021-01] [--end 2021-10] [--cuts 2021-08-26] [--repeats 3]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from benchmarks.paths import SHARED_DATA

NYT = SHARED_DATA / "nyt_afghanistan_2020_2021_fulltext.jsonl.gz"
ISAF = SHARED_DATA / "isaf_press_releases_test.jsonl"
CORPORA = {"nyt": NYT, "isaf": ISAF}


def load_articles(corpus: str = "nyt", period: str = "M") -> pd.DataFrame:
    """The dated articles of a corpus (``nyt``, ``isaf``, which has no titles, or the path of a table
    :func:`topics.load_corpus` reads) with their ``period`` (M: month, W: week) in the column ``month``."""
    if corpus == "nyt":
        with gzip.open(NYT, "rt", encoding="utf-8") as handle:
            frame = pd.DataFrame([json.loads(line) for line in handle])
    elif corpus in CORPORA:
        frame = pd.read_json(CORPORA[corpus], lines=True, dtype={"date": str}).assign(title="")
    else:
        from topics import load_corpus

        read = load_corpus(corpus).articles
        frame = pd.DataFrame({"id": read["article_id"].astype(str), "date": read["date"].astype(str),
                              "title": read["title"].fillna(""), "text": read["text"]})
    frame["month"] = pd.to_datetime(frame["date"], errors="coerce").dt.to_period(period)
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


MATCH_JACCARD = 0.5  # an event of the update matches a fresh one when their units overlap this much


def pairs(labels, sub_labels) -> np.ndarray:
    """Each unit's (topic, subtopic) as one label (-1 for outliers)."""
    labels, sub_labels = np.asarray(labels, np.int64), np.asarray(sub_labels, np.int64)
    return np.where(labels >= 0, labels * 1_000 + sub_labels, -1)


def event_sets(model, subtopics) -> list[set]:
    events = subtopics.table[subtopics.table["is_event"]]
    found = pairs(model.labels_, subtopics.labels)
    return [set(np.flatnonzero(found == t * 1_000 + s)) for t, s in zip(events["topic_id"], events["subtopic"])]


def events_matched(update_events: list[set], fresh_events: list[set]) -> int:
    """Fresh events that one event of the update matches (Jaccard >= MATCH_JACCARD)."""
    return sum(any(len(a & b) >= MATCH_JACCARD * len(a | b) for a in update_events) for b in fresh_events)


def fresh_subtopics(model, random_state: int):
    """Subtopics found afresh on ``model``'s topics (what an update computed before it reused the earlier run's)."""
    from topics.modeling.subtopics import find_subtopics

    units = model.units_
    return find_subtopics(
        units["text"].tolist(), model.embeddings_, model.labels_, model.topic_ids_, units["date"], units["unit_id"],
        units["article_id"], n_keywords=model.n_keywords, n_representatives=model.n_representatives,
        aliases=getattr(model, "aliases_", None), random_state=random_state,
    )


def read_earlier_run(result, embedder):
    """What only an update does besides its fit: read the earlier run's folder and match its units to
    this corpus's (:func:`topics.pipeline.find_topics` does it before the embedding); the earlier run as read."""
    from topics.modeling.previous import check_previous, current_ids, read_previous

    earlier = read_previous(result.previous.folder)
    units = result.units
    rows = check_previous(earlier, result.level, embedder.model_id, units["unit_id"], units["text"].tolist(),
                          model_source=embedder.model_source_)
    return current_ids(earlier, rows, units["unit_id"])


def time_update_and_full(result, embedder, repeats: int):
    """CPU seconds of the update (reading the earlier run, fit, subtopics) and of a full fit (fit,
    subtopics, its alias worker's), each the median of ``repeats`` runs taken in turn (update, full,
    update, ...: a change of load hits both), with the wall seconds of each whole; the per-run report
    ratios (the read counted); and the last update's model and subtopics."""
    from topics.modeling import alias_worker
    from topics.modeling.model import TopicModel
    from topics.modeling.update import update_model

    times, ratios = [], []
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        earlier = read_earlier_run(result, embedder)  # as a fresh process reads it: no material decoded yet
        update_read = time.process_time() - cpu
        cpu = time.process_time()
        updated = update_model(TopicModel(embedder=embedder), earlier, result.previous_rows, result.units, result.embeddings)
        update_fit = time.process_time() - cpu
        cpu = time.process_time()
        incremental = updated._subtopics()
        update_sub = time.process_time() - cpu
        update_wall = time.perf_counter() - wall
        wall, cpu, worker = time.perf_counter(), time.process_time(), alias_worker.worker_cpu_seconds
        full = TopicModel(embedder=embedder).fit(result.units, embeddings=result.embeddings)
        full_fit = time.process_time() - cpu
        full_worker = alias_worker.worker_cpu_seconds - worker
        cpu = time.process_time()
        full._subtopics()
        full_sub = time.process_time() - cpu
        full_wall = time.perf_counter() - wall
        times.append((update_read, update_fit, update_sub, full_fit, full_sub, full_worker, update_wall, full_wall))
        ratios.append((full_fit + full_sub + full_worker) / (update_read + update_fit + update_sub))
    return [float(np.median(column)) for column in zip(*times)], ratios, updated, incremental


def compare_update(result, embedder, noise: bool, repeats: int = 1) -> dict:
    """Time an update against a full fit of the same corpus, subtopics included; closeness to fresh subtopics."""
    from sklearn.metrics import adjusted_rand_score

    (update_read, update_fit, update_sub, full_fit, full_sub, full_worker, update_wall, full_wall), ratios, updated, incremental = \
        time_update_and_full(result, embedder, repeats)
    cpu = time.process_time()
    fresh = fresh_subtopics(updated, int(updated.random_state))
    fresh_cpu = time.process_time() - cpu
    rows = result.previous_rows
    new, seen = rows < 0, rows >= 0
    before = pairs(result.previous.labels[rows[seen]], result.previous.subtopics[rows[seen]])
    ours, theirs = pairs(updated.labels_, incremental.labels), pairs(updated.labels_, fresh.labels)
    row = {
        "update read cpu": round(update_read, 2), "update fit cpu": round(update_fit, 2), "update subtopics cpu": round(update_sub, 2),
        "full fit cpu": round(full_fit, 2), "full subtopics cpu": round(full_sub, 2), "full worker cpu": round(full_worker, 2),
        "update wall": round(update_wall, 2), "full wall": round(full_wall, 2),
        "x fit": (full_fit + full_worker) / update_fit, "x report": (full_fit + full_sub + full_worker) / (update_fit + update_sub),
        # The update also reads the earlier run's folder and matches its units: counted here.
        "x report, read counted": (full_fit + full_sub + full_worker) / (update_read + update_fit + update_sub),
        "x report, this process": (full_fit + full_sub) / (update_fit + update_sub),
        "x report per run": "/".join(f"{r:.1f}" for r in ratios),
        "afresh subtopics cpu": round(fresh_cpu, 1),
        "ARI vs afresh": adjusted_rand_score(theirs, ours), "ARI new units": adjusted_rand_score(theirs[new], ours[new]),
        # A stable update keeps the seen units' subtopics: how far a fresh search moves them bounds its closeness.
        "ARI seen: update": adjusted_rand_score(theirs[seen], ours[seen]), "ARI seen: earlier run": adjusted_rand_score(theirs[seen], before),
        "events update/afresh/matched": f"{int(incremental.table['is_event'].sum())}/{int(fresh.table['is_event'].sum())}/"
        f"{events_matched(event_sets(updated, incremental), event_sets(updated, fresh))}",
    }
    if noise:
        other = fresh_subtopics(updated, 1)
        row["noise ARI (afresh 42 vs 1)"] = adjusted_rand_score(theirs, pairs(updated.labels_, other.labels))
        row["noise events (afresh 1/42/matched)"] = (f"{int(other.table['is_event'].sum())}/{int(fresh.table['is_event'].sum())}/"
                                                     f"{events_matched(event_sets(updated, other), event_sets(updated, fresh))}")
    return row


def renamed(result, subtopics, named_at: dict) -> dict:
    """How many topics and subtopics the step named afresh (a subtopic: new, or its keywords changed;
    every one after a fit or refit), and the most any of them grew since it was last named (tracked
    here in ``named_at``, so the same for any naming rule)."""
    sizes = result.model.topic_info().set_index("topic_id")["size"].drop(-1, errors="ignore")
    table = subtopics.table
    sub_sizes = {(int(t), int(s)): int(n) for t, s, n in zip(table["topic_id"], table["subtopic"], table["size"])}
    if result.update_mode == "update":
        known = result.previous.subtopic_table
        before = {(int(t), int(s)): list(k) for t, s, k in zip(known["topic_id"], known["subtopic"], known["keywords"])}
        named_topics = {int(t) for t in result.model.redescribed_topics_}
        named_subs = {(int(t), int(s)) for t, s, k in zip(table["topic_id"], table["subtopic"], table["keywords"]) if before.get((int(t), int(s))) != list(k)}
    else:
        named_topics, named_subs = set(map(int, sizes.index)), set(sub_sizes)
    for key, size in [*((int(t), int(n)) for t, n in sizes.items()), *sub_sizes.items()]:
        if key in named_topics or key in named_subs or key not in named_at:
            named_at[key] = size
    growth = lambda items: max(size / named_at[key] - 1 for key, size in items)
    return {"renamed topics": len(named_topics), "renamed subtopics": len(named_subs),
            "topic growth since named, max": round(growth((int(t), int(n)) for t, n in sizes.items()), 3),
            "subtopic growth since named, max": round(growth(sub_sizes.items()), 3)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cache-dir", default="artifacts/cache")
    parser.add_argument("--corpus", default="nyt", help="nyt: the NYT Afghanistan full texts; isaf: the ISAF press releases; "
                        "or the path of a dated table")
    parser.add_argument("--period", choices=("M", "W"), default="M", help="grow the corpus a month (M) or a week (W) at a time")
    parser.add_argument("--start", default="2021-01", help="the first step holds the articles up to the month before this one")
    parser.add_argument("--end", default=None, help="last month replayed (default: the corpus's last)")
    parser.add_argument("--cuts", default="", help="comma-separated dates: a step also ends the day before each")
    parser.add_argument("--repeats", type=int, default=1, help="time each update and full fit this many times, in turn (medians)")
    args = parser.parse_args(argv)
    source = CORPORA.get(args.corpus, Path(args.corpus))
    if not source.exists():
        print(f"error: {source}: not found" + (" (set TOPICS_DATA_DIR)" if args.corpus in CORPORA else ""), file=sys.stderr)
        return 1
    from topics.embedding.embed import Embedder
    from topics.pipeline import find_topics

    articles = load_articles(args.corpus, args.period)
    dates = pd.to_datetime(articles["date"], errors="coerce")
    embedder = Embedder(cache_dir=args.cache_dir)
    start = pd.Period(args.start, args.period)
    last = pd.Period(args.end, args.period) if args.end else articles["month"].max()
    # Each step: (name, first date not in the corpus yet).
    ends = [(str(m), (m + 1).start_time) for m in [start - 1, *pd.period_range(start, last, freq=args.period)]]
    ends += [(f"..{(pd.Timestamp(c) - pd.Timedelta(days=1)).date()}", pd.Timestamp(c)) for c in args.cuts.split(",") if c]
    ends.sort(key=lambda step: step[1])
    rows, previous, result, named_at = [], None, None, {}
    update_steps = [i for i in range(1, len(ends))]
    with tempfile.TemporaryDirectory() as scratch:
        for step, (name, end) in enumerate(ends):
            inside = (dates < end).to_numpy()
            corpus = articles[inside].drop(columns="month").reset_index(drop=True)
            before = (dates < ends[step - 1][1]).to_numpy() if step else np.zeros(len(articles), bool)
            new_articles = int((inside & ~before).sum())
            cpu = time.process_time()
            said: list[str] = []
            earlier_result, result = result, find_topics(corpus, embedder=embedder, previous=previous, log=said.append)
            subtopics = result.model._subtopics()  # as a report does
            row = {"step": name, "articles": len(corpus), "new share": new_articles / len(corpus),
                   "mode": result.update_mode or "first fit", "topics": len(result.model.topic_ids_),
                   "run cpu s": round(time.process_time() - cpu, 1)}
            if previous is not None:
                seen = result.previous_rows >= 0
                earlier = result.previous.labels[result.previous_rows[seen]]
                kept = result.model.labels_[seen] == earlier
                row["kept id"] = float(kept.mean())
                # The same among the seen units that had a topic (an earlier outlier now placed is no lost id).
                row["kept id, in a topic before"] = float(kept[earlier >= 0].mean())
                earlier_sub = result.previous.subtopics[result.previous_rows[seen]]
                row["kept subtopic"] = float((subtopics.labels[seen] == earlier_sub)[kept & (earlier >= 0)].mean())
                kept_back = [int(line.split()[0]) for line in said if "kept there" in line]
                row["kept back"] = kept_back[0] if kept_back else 0
                if args.corpus == "nyt" and "2021-08-26" <= str(corpus["date"].max()) and "2021-08-26" > str(earlier_result.units["date"].max()):
                    since = result.since_last_run()
                    row["new topics"] = len(since["new_topics"])
                    row["bombing new?"] = bombing_shown_as_new(result, since)
                else:
                    row["new topics"] = int(len(set(result.model.topic_ids_) - set(result.previous.topics["topic_id"])))
                if args.corpus != "nyt":  # what the step brought, as "Since the last run" tells it
                    new_events = result.since_last_run()["new_events"]
                    row["new events"] = len(new_events)
                    row["told"] = "; ".join(f"{e['label']} ({e['peak_date']}, {e['size']}): {e.get('headline') or '-'}"
                                            for e in sorted(new_events, key=lambda e: -e["size"])[:3])
                if result.update_mode == "update":
                    row.update(compare_update(result, embedder, noise=step == max(update_steps), repeats=max(1, args.repeats)))
            row.update(renamed(result, subtopics, named_at))
            rows.append(row)
            print(json.dumps(row), flush=True)
            folder = Path(scratch) / f"step{step}"
            result.model.save(folder)
            previous = folder
    table = pd.DataFrame(rows)
    with pd.option_context("display.width", 250, "display.max_colwidth", 80, "display.float_format", "{:.3f}".format):
        print(table.drop(columns=[c for c in ("bombing new?", "told") if c in table]).to_string(index=False))
        for row in rows:
            if "bombing new?" in row:
                print(f"{row['step']}: bombing new? {row['bombing new?']}")
            if row.get("told"):
                print(f"{row['step']}: new events, the largest: {row['told']}")
    updates = table[table["mode"] == "update"]
    if len(updates):
        small = updates[updates["new share"] <= 0.10]
        fit_total = updates["update fit cpu"].sum() + updates["update subtopics cpu"].sum()
        full_total = updates["full fit cpu"].sum() + updates["full subtopics cpu"].sum() + updates["full worker cpu"].sum()
        print(f"updates: {len(updates)} steps ({len(small)} adding <= 10 % articles); kept id {updates['kept id'].min():.3f} at least, "
              f"kept subtopic {updates['kept subtopic'].min():.3f} at least")
        full_fit = updates["full fit cpu"].sum() + updates["full worker cpu"].sum()
        print(f"update vs full fit (its worker's CPU included), summed over the update steps: fit {updates['update fit cpu'].sum():.1f} vs {full_fit:.1f} s CPU "
              f"({full_fit / updates['update fit cpu'].sum():.1f}x); with subtopics {fit_total:.1f} vs {full_total:.1f} s CPU "
              f"({full_total / fit_total:.1f}x); per step {updates['x report'].min():.1f}x..{updates['x report'].max():.1f}x")
        read_total = fit_total + updates["update read cpu"].sum()
        print(f"with the update's read of the earlier run: {read_total:.1f} vs {full_total:.1f} s CPU ({full_total / read_total:.1f}x); "
              f"wall {updates['update wall'].sum():.1f} vs {updates['full wall'].sum():.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
