"""Planted stories: does one story read as one story in the events list, and do unrelated events stay apart?

The BBC sample (tests/data/bbc_sample.csv, 200 articles) plus, from ../shared/data/bbc_news.csv, the
articles of a few subjects (those that write a subject's word at least twice: the Asian tsunami, which
BBC reported under all five of its sections, Yukos, Kilroy-Silk, Kenteris); every article is dated at
random over 300 days, then each planted subject's articles are moved into a window of a few days of
their own (the windows apart). For each random state and level the table gives the events, the story
numbers of the events that hold mostly one planted subject's articles (one per subject is right), the
planted articles no event holds, and the false joins: stories joining events of different subjects, or a
subject's event with an event of no planted subject. The controls: the same articles with every date
random (no story in them): the events found (all false) and the stories of several events among them;
and every subject planted in the same days ("same days"): four stories of one week, which no join should mix.

    python -m benchmarks.planted_stories --cache-dir <cache> [--random-states 0,1,2] [--levels article,paragraph]
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("TOPICS_DATA_DIR", ROOT.parent / "shared" / "data"))
SUBJECTS = {"tsunami": "tsunami", "yukos": "yukos", "kilroy": "kilroy", "kenteris": "kenteris"}
WINDOW_DAYS = 5


def planted_frame(seed: int, plant: bool = True, same_days: bool = False) -> pd.DataFrame:
    """The sample plus the subjects' articles, dated (planted or all at random), with a ``subject`` column;
    ``same_days``: every subject planted in one window (stories of the same days, to be kept apart)."""
    sample = pd.read_csv(ROOT / "tests" / "data" / "bbc_sample.csv")
    full = pd.read_csv(DATA / "bbc_news.csv")
    lower = full["text"].str.lower()
    chosen = [full[lower.str.count(word) >= 2].assign(subject=name) for name, word in SUBJECTS.items()]
    planted = pd.concat(chosen).drop_duplicates("id")
    frame = pd.concat([sample[~sample["id"].isin(planted["id"])].assign(subject=""), planted], ignore_index=True)
    rng = np.random.default_rng(seed)
    days = rng.integers(0, 300, len(frame))
    if plant:
        starts = rng.permutation(np.arange(20, 280, 60))[: len(SUBJECTS)]
        starts = starts[:1].repeat(len(SUBJECTS)) if same_days else starts
        for start, name in zip(starts, SUBJECTS):
            rows = frame["subject"].eq(name).to_numpy()
            days[rows] = start + rng.integers(0, WINDOW_DAYS, rows.sum())
    frame["date"] = (pd.Timestamp("2005-01-01") + pd.to_timedelta(days, unit="D")).strftime("%Y-%m-%d")
    return frame


def score(model, frame: pd.DataFrame) -> dict:
    events = model.events()
    info = model.document_info()
    subject = info["article_id"].astype(str).map(frame.set_index(frame["id"].astype(str))["subject"]).fillna("")
    event_subject = []
    for event in events.itertuples(index=False):
        members = (info["topic_id"] == event.topic_id) & (info["subtopic"] == event.subtopic)
        counts = subject[members].value_counts()
        event_subject.append(counts.index[0] if counts.iloc[0] * 2 > members.sum() else "")
    events = events.assign(subject=event_subject)
    held = set()
    for event in events.itertuples(index=False):
        members = (info["topic_id"] == event.topic_id) & (info["subtopic"] == event.subtopic)
        held |= set(info["article_id"][members].astype(str))
    planted_ids = set(frame["id"][frame["subject"] != ""].astype(str))
    stories = {name: sorted(set(events["story"][events["subject"] == name])) for name in SUBJECTS}
    false_joins = sum(len(set(group["subject"])) > 1 for _, group in events.groupby("story"))
    several = sum(len(group) > 1 for _, group in events.groupby("story"))
    return {"events": len(events), "stories": events["story"].nunique(),
            "subject stories": " ".join(f"{name[:4]}:{len(s)}" for name, s in stories.items()),
            "planted missed": len(planted_ids - held), "false joins": false_joins, "stories of several": several}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cache-dir", default=os.environ.get("TOPICS_CACHE_DIR", "artifacts/cache"))
    parser.add_argument("--random-states", default="0,1,2")
    parser.add_argument("--levels", default="article")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from topics import Embedder, TopicModel, load_corpus
    from topics.embedding.embed import embed_units

    embedder = Embedder(cache_dir=args.cache_dir, show_progress=False)
    print("| level | state | dates | events | stories | stories per subject | planted articles in no event | false joins | stories of several events |")
    print("|---|---:|---|---:|---:|---|---:|---:|---:|")
    for level in args.levels.split(","):
        for state in (int(s) for s in args.random_states.split(",")):
            for dates in ("planted", "same days", "random"):
                frame = planted_frame(state, dates != "random", dates == "same days")
                corpus = load_corpus(frame.drop(columns="subject"))
                units = corpus.units(level).reset_index(drop=True)
                model = TopicModel(random_state=state).fit(units, embeddings=embed_units(corpus, level, embedder))
                row = score(model, frame)
                print(f"| {level} | {state} | {dates} | " + " | ".join(str(v) for v in row.values()) + " |",
                      flush=True)


if __name__ == "__main__":
    main()
