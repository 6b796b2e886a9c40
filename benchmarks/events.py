"""Events as subtopics: does each known news event get a subtopic of its own?

On the NYT Afghanistan full texts (evaluation only; read from ../shared/data)
five events an analyst looks for are defined below by a date window and a
regular expression that a paragraph about the event matches (written by
reading the corpus's paragraphs, before any run of the subtopic code). For
each event the table gives the paragraphs that match, the broad topic and the
subtopic holding most of them, the share of the event's paragraphs they hold
(recall), their purity (share of their units about the event), the subtopic's
label, whether it is flagged as an event and its peak date. The broad topic
row is the reference: what an analyst had before subtopics.

    python -m benchmarks.events --cache-dir <cache> [--show] [--random-states 1,2,3,4]

Event subtopics come from corpus-wide bursts (topics.modeling.bursts): a topic's share of
a burst becomes an event when it is large enough, or when the whole burst is and the share
holds a few units; it grows within its topic and takes in the units of the other parts
published within its core dates (the shortest stretch holding 80 % of its members) that
are nearer to it; the other subtopics come from Ward clustering with a time weight. Last, the units of
a short burst (a quarter of the event window) join the event subtopic holding most of them.
With --random-states the same columns are also given for more random states (read purity
counts the judgements kept for each state's own sample; --show prints each state's unread units). The
"best event" columns give the same for the event subtopic holding most of the event's paragraphs (its
judged purity over the judged members it holds): a story reported for weeks after its burst can have
most of its paragraphs in a long-running subtopic while the burst is an event subtopic of its own.

"read purity" is the share of a sample of the subtopic's units (12, fixed seed)
judged about the event by reading them; the judgments are kept in
benchmarks/data/event_labels.json ("read" says how many of the sample were judged).
"judged purity" is the same share over every judged member of the subtopic (the read samples
of all states and earlier fits that fall in it; "judged" says how many of its units): a sample
of 12 from a subtopic three quarters about its event reads anywhere from 0.5 to 1.0.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("TOPICS_DATA_DIR", ROOT.parent / "shared" / "data"))
NYT = DATA / "nyt_afghanistan_2020_2021_fulltext.jsonl.gz"


@dataclass(frozen=True)
class Event:
    name: str
    date: str  # when it happened
    first: str  # articles dated in [first, last] may report it
    last: str
    pattern: str  # a paragraph about the event matches this


EVENTS = (
    Event(
        "Doha signing", "2020-02-29", "2020-02-20", "2020-03-15",
        r"\b(Doha|signing|signed|sign the|agreement|accord|the deal|peace deal)\b",
    ),
    Event(
        "Russian bounties", "2020-06-26", "2020-06-26", "2020-09-30",
        r"\b(bount(y|ies)|G\.R\.U\.?|Unit 29155|Russian (military )?intelligence|paid .{0,40}(to kill|for killing))",
    ),
    Event(
        "Fall of Kabul", "2021-08-15", "2021-08-14", "2021-08-24",
        r"(fall of Kabul|Kabul fell|(entered|seized|took|taken|takeover of|captured|swept into) (control of )?(the capital|Kabul)"
        r"|Ghani (fled|left)|fled the country|presidential palace|(government|army|security forces) (collapsed|crumbled|melted)"
        r"|collapse of the (Afghan )?(government|army|security forces))",
    ),
    Event(
        "Airport bombing", "2021-08-26", "2021-08-26", "2021-09-15",
        r"(suicide (bomb|attack)|bombing|bomber|explosion|blast|Abbey Gate|13 (American )?(service ?members|troops|U\.S\.)"
        r"|attack (at|on|outside) the (Kabul )?airport)",
    ),
    Event(
        "Aug 29 drone strike", "2021-08-29", "2021-08-29", "2021-10-31",
        r"(Zemari|Ahmadi|Nutrition and Education International|white (Toyota|Corolla|sedan)|Aug(ust|\.)? 29"
        r"|(drone|airstrike|strike) (that )?killed (10|ten|seven children)|10 civilians|seven children)",
    ),
)


def event_units(document_info: pd.DataFrame, event: Event) -> np.ndarray:
    """Rows of the units about ``event``: dated in its window and matching its pattern."""
    dates = pd.to_datetime(document_info["date"], errors="coerce")
    in_window = (dates >= event.first) & (dates <= event.last)
    pattern = re.compile(event.pattern, re.IGNORECASE)
    matches = document_info["text"].map(lambda text: bool(pattern.search(str(text))))
    return np.flatnonzero((in_window & matches).to_numpy())


LABELS = ROOT / "benchmarks" / "data" / "event_labels.json"
READ_SAMPLE = 12  # units of each event's subtopic read by hand


def nyt_missing() -> bool:
    """Say so on stderr when the NYT full texts are not beside the checkout (they are never shipped)."""
    if NYT.exists():
        return False
    print(f"error: {NYT}: not found (set TOPICS_DATA_DIR)", file=sys.stderr)
    return True


def read_labels() -> dict:
    """{event name: {unit_id: 1 if the unit is about the event else 0}}, labelled by reading the units."""
    import json

    labels = json.loads(LABELS.read_text(encoding="utf-8")) if LABELS.exists() else {}
    return {name: units for name, units in labels.items() if not name.startswith("_")}


def read_sample(info: pd.DataFrame, in_sub: np.ndarray) -> pd.DataFrame:
    members = info[in_sub]
    return members.sample(min(READ_SAMPLE, len(members)), random_state=0)


def event_rows(model, labels_read: dict | None = None) -> list[dict]:
    info = model.document_info()
    subtopics = model.subtopics().set_index(["topic_id", "subtopic"])
    labels = model.topic_labels()
    rows = []
    for event in EVENTS:
        about = np.zeros(len(info), bool)
        about[event_units(info, event)] = True
        n_event = int(about.sum())
        if not n_event:
            rows.append({"event": event.name, "paragraphs": 0})
            continue
        held = info[about & (info["topic_id"] >= 0).to_numpy()]
        topic = int(held["topic_id"].value_counts().idxmax())
        # The subtopic holding most of the event, over all topics.
        pair = held.groupby(["topic_id", "subtopic"]).size().idxmax()
        in_topic = (info["topic_id"] == topic).to_numpy()
        in_sub = ((info["topic_id"] == pair[0]) & (info["subtopic"] == pair[1])).to_numpy()
        row = subtopics.loc[pair]
        # The event subtopic holding most of the event (the holder above may be a long-running catch-all).
        flagged = subtopics.index[subtopics["is_event"].to_numpy()]
        in_events = held.set_index(["topic_id", "subtopic"]).index.isin(flagged)
        best = held[in_events].groupby(["topic_id", "subtopic"]).size() if in_events.any() else pd.Series(dtype=int)
        best_event = best.idxmax() if len(best) else None
        sample = read_sample(info, in_sub)
        known = (labels_read or {}).get(event.name, {})
        judged = [known[u] for u in sample["unit_id"] if u in known]
        # Every judged member of the holder (read for this or another state's sample): a larger sample than 12.
        all_judged = [known[u] for u in info.loc[in_sub, "unit_id"] if u in known]
        # The best event's judged purity too: a story that runs on past its burst (reports that return for weeks)
        # can have its most paragraphs in a long-running subtopic while its burst is an event of its own.
        in_best = np.zeros(len(info), bool) if best_event is None else \
            ((info["topic_id"] == best_event[0]) & (info["subtopic"] == best_event[1])).to_numpy()
        best_judged = [known[u] for u in info.loc[in_best, "unit_id"] if u in known]
        rows.append(
            {
                "event": event.name,
                "date": event.date,
                "paragraphs": n_event,
                "topic": f"{topic} {labels[topic]}",
                "topic recall": (about & in_topic).sum() / n_event,
                "topic purity": (about & in_topic).sum() / in_topic.sum(),
                "subtopic": f"{pair[0]}.{pair[1]} {row['label']}",
                "sub size": int(in_sub.sum()),
                "sub recall": (about & in_sub).sum() / n_event,
                "sub purity": (about & in_sub).sum() / in_sub.sum(),
                "read purity": (sum(judged) / len(judged)) if judged else float("nan"),
                "read": f"{len(judged)}/{len(sample)}",
                "judged purity": (sum(all_judged) / len(all_judged)) if all_judged else float("nan"),
                "judged": f"{len(all_judged)}/{int(in_sub.sum())}",
                "event?": bool(row["is_event"]),
                "peak": row["peak_date"] or "-",
                "span": f"{row['first_date']}..{row['last_date']}",
                "best event": "-" if best_event is None else
                f"{best_event[0]}.{best_event[1]} {subtopics.loc[best_event, 'label']} ({int(best.max())}/{n_event})",
                "best event size": int(in_best.sum()),
                "best event judged purity": (sum(best_judged) / len(best_judged)) if best_judged else float("nan"),
                "best event judged": f"{len(best_judged)}/{int(in_best.sum())}",
            }
        )
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cache-dir", default=os.environ.get("TOPICS_CACHE_DIR", "artifacts/cache"))
    parser.add_argument("--random-state", type=int, default=42)
    parser.add_argument("--random-states", default="", help="more random states (comma-separated) for the pattern-based "
                        "summary: how steady is each event's subtopic from seed to seed")
    parser.add_argument("--time-weights", default="0.5", help="subtopic time weights (Ward part) to compare (0: text only)")
    parser.add_argument("--show", action="store_true", help="print the units of each event's read sample, to label")
    parser.add_argument("--article-level", action="store_true", help="also fit the articles: is there a catch-all topic?")
    args = parser.parse_args(argv)
    if nyt_missing():
        return 1
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import topics.modeling.subtopics as subtopic_module
    from topics.pipeline import find_topics

    started = time.perf_counter()
    result = find_topics(NYT, cache_dir=args.cache_dir, random_state=args.random_state)
    model = result.model
    print(f"{len(model.topic_ids_)} topics on {len(model.labels_)} paragraphs; fit {time.perf_counter() - started:.1f} s")
    labels_read = read_labels()
    for weight in [float(w) for w in args.time_weights.split(",")]:
        subtopic_module.TIME_WEIGHT = weight
        model._subtopics_cache = None
        started = time.perf_counter()
        subtopics = model.subtopics()
        elapsed = time.perf_counter() - started
        events = model.events()
        print(f"\n## time weight {weight}: {len(subtopics)} subtopics, {len(events)} events ({elapsed:.1f} s)")
        rows = pd.DataFrame(event_rows(model, labels_read))
        with pd.option_context("display.width", 250, "display.max_colwidth", 44, "display.float_format", "{:.2f}".format):
            print(rows.to_string(index=False))
            print("\nevents found, by peak date:")
            print(events[["peak_date", "topic_id", "subtopic", "size", "event_share", "label", "topic_label"]].to_string(index=False))
        if args.show:
            show_samples(model, rows, labels_read)
    if args.random_states:
        print_steadiness(args, [args.random_state] + [int(r) for r in args.random_states.split(",")])
    if args.article_level:
        print_article_level(find_topics(NYT, level="article", cache_dir=args.cache_dir, random_state=args.random_state).model)
    return 0


def print_steadiness(args, random_states: list[int]) -> None:
    """Per event over several random states: how often its holder is an event subtopic, its size,
    recall and pattern purity (the share matching the event's pattern, a lower bound of read purity)."""
    from topics.pipeline import find_topics

    labels_read = read_labels()
    rows = []
    for state in random_states:
        model = find_topics(NYT, cache_dir=args.cache_dir, random_state=state).model
        state_rows = event_rows(model, labels_read)
        for row in state_rows:
            rows.append({"random state": state, "topics": len(model.topic_ids_), **row})
        if args.show:
            print(f"\n## random state {state}: unread units of the read samples")
            show_samples(model, pd.DataFrame(state_rows), labels_read, unread_only=True)
    frame = pd.DataFrame(rows)
    with pd.option_context("display.width", 250, "display.max_colwidth", 50, "display.float_format", "{:.2f}".format):
        print(f"\n## {len(random_states)} random states: the subtopic holding most of each event")
        print(frame[["random state", "topics", "event", "subtopic", "sub size", "sub recall", "sub purity", "read purity",
                     "read", "judged purity", "judged", "event?", "peak", "best event", "best event size",
                     "best event judged purity", "best event judged"]]
              .to_string(index=False))
        summary = frame.groupby("event", sort=False).agg(
            event_subtopic=("event?", "mean"), median_size=("sub size", "median"),
            recall=("sub recall", "mean"), pattern_purity=("sub purity", "mean"),
            read_purity=("read purity", "mean"), states_70=("read purity", lambda p: int((p >= 0.7).sum())),
            judged_purity=("judged purity", "mean"), judged_70=("judged purity", lambda p: int((p >= 0.7).sum())),
            best_event_70=("best event judged purity", lambda p: int((p >= 0.7).sum())))
        print("\nper event, over the random states (event_subtopic: share of states where the holder is an event; "
              "best_event_70: states where the event subtopic holding most of the event is judged >= 0.7 about it)")
        print(summary.to_string())


def print_article_level(model) -> None:
    """The article-level topics by share of the articles: a catch-all topic shows as one far larger share."""
    labels = pd.Series(model.labels_)
    shares = labels.value_counts(normalize=True)
    names = model.topic_labels()
    print(f"\n## article level: {len(labels)} articles, {len(model.topic_ids_)} topics; largest topic "
          f"{shares.drop(-1, errors='ignore').max():.1%} of the articles")
    for topic, share in shares.items():
        print(f"  {share:6.1%}  {topic} {names.get(int(topic), '')}")


def show_samples(model, rows: pd.DataFrame, labels_read: dict, unread_only: bool = False) -> None:
    info = model.document_info()
    for event, row in zip(EVENTS, rows.itertuples(index=False)):
        if not isinstance(row.subtopic, str):
            continue
        topic, sub = map(int, row.subtopic.split(" ")[0].split("."))
        in_sub = ((info["topic_id"] == topic) & (info["subtopic"] == sub)).to_numpy()
        print(f"\n== {event.name}: {row.subtopic}")
        for unit in read_sample(info, in_sub).itertuples(index=False):
            known = labels_read.get(event.name, {}).get(unit.unit_id, "?")
            if unread_only and known != "?":
                continue
            print(f"  {known} {unit.unit_id} [{unit.date}] {unit.text[:400]}")


if __name__ == "__main__":
    raise SystemExit(main())
