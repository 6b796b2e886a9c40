"""Events on a corpus no event rule was shaped on (Daily Mail Ukraine-war coverage, 2022), and the
burst-part gate of the event flags measured on it, on the NYT events and on shuffled dates.

The corpus is the Daily Mail table of the public r2nery/ukraine-media repository: the union (by URL)
of every stored version of its data/DailyMail.csv (432 articles dated 2022-08-20..28, 2022-10-14..11-05
and 2022-11-10..14; the Daily Mirror's own table there spans four days). It is never shipped; pass its
path. Columns: Date, URL, Title, Text, its rows in date order as the union wrote them. The articles are fitted
under their URLs, but the judgments below name a unit by its row instead ("row-000036#p001": row 36 counted
from 0, paragraph 1), since a Daily Mail URL spells its headline; :func:`read_labels` maps the rows to URLs.

The events below were listed from the corpus's headlines before any run of the subtopic code: each a
date window and a pattern a paragraph about it matches. For each, as benchmarks.events gives for the
NYT: the subtopic holding most of its paragraphs, recall, pattern purity, read purity of a fixed sample
of 12 (judgments in benchmarks/data/event_labels_dailymail.json, unit ids by row and 0/1 only), the label,
whether it is flagged and its peak; then every flagged subtopic, to be checked against the list.

Each fit is scored twice: with the event flags as they were (every subtopic tested) and with only the
subtopics grown from a burst tested (topics.modeling.events.ONLY_GROWN_FROM_BURSTS); the subtopics are
the same, only the flags differ. ``--nyt`` scores the NYT full texts' five events instead (read from
../shared/data); ``--shuffled-seeds`` also fits the corpus with its article dates shuffled among its
articles (dates that carry no story: every event there is a false one). ``--level article`` fits
articles instead of paragraphs (no read sample applies there: only the flags are compared).

    python -m benchmarks.events_heldout <DailyMail.csv> --cache-dir <cache> [--show] [--shuffled-seeds 1,2,3]
    TOPICS_DATA_DIR=../shared/data python -m benchmarks.events_heldout --nyt --cache-dir <cache> [--random-states 42,1,2,3]
    TOPICS_DATA_DIR=../shared/data python -m benchmarks.events_heldout --nyt --level article --cache-dir <cache>
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import pandas as pd

from benchmarks import events as nyt_events
from benchmarks.events import Event

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "benchmarks" / "data" / "event_labels_dailymail.json"
COLUMNS = {"text_column": "Text", "title_column": "Title", "date_column": "Date", "id_column": "URL"}

EVENTS = (
    Event("Dugina car bomb", "2022-08-20", "2022-08-20", "2022-08-28", r"(Dugin|car bomb|Rasputin)"),
    Event("Chaplyne rail station strike", "2022-08-24", "2022-08-24", "2022-08-28",
          r"(rail(way)? station|Chaplyne|train station)"),
    Event("Zaporizhzhia plant shelling", "2022-08-22", "2022-08-20", "2022-08-28",
          r"(Zaporizhzhia|nuclear (power )?(plant|station)|IAEA|Chernobyl|Enerhodar)"),
    Event("Ofgem price cap rise", "2022-08-26", "2022-08-20", "2022-08-28", r"(price cap|Ofgem|energy bills?)"),
    Event("Belgorod training-base shooting", "2022-10-15", "2022-10-15", "2022-10-17",
          r"(training (base|ground)|gunm[ae]n|opened fire on)"),
    Event("Iranian drones on Kyiv", "2022-10-17", "2022-10-14", "2022-10-24",
          r"(Shahed|kamikaze drones?|Iranian[- ]made|Iran(ian)? drones?)"),
    Event("Truss resigns", "2022-10-20", "2022-10-18", "2022-10-26",
          r"(Truss (quits|resign)|resignation|leadership (race|contest)|Mordaunt|shortest[- ]serving)"),
    Event("Dirty bomb claim", "2022-10-23", "2022-10-23", "2022-10-27", r"dirty bomb"),
    Event("Grain deal suspended", "2022-10-29", "2022-10-29", "2022-11-02", r"(grain|Black Sea (Grain|corridor)|Sevastopol)"),
    Event("Truss phone hack", "2022-10-29", "2022-10-29", "2022-11-01",
          r"(phone .{0,30}hack|hack(ed|ing) .{0,40}phone|Truss's (personal )?phone)"),
    Event("Kherson liberated", "2022-11-11", "2022-11-09", "2022-11-14", r"(Kherson)"),
    Event("G20 Bali, Biden meets Xi", "2022-11-14", "2022-11-12", "2022-11-14", r"(G20|Bali|Xi Jinping|President Xi)"),
)
SHOWN = ["event", "paragraphs", "subtopic", "sub size", "sub recall", "sub purity", "read purity", "read",
         "judged purity", "event?", "peak"]


def read_labels(corpus: Path) -> dict:
    """The judgments, their units named as the fit names them: "row-000036#p001" -> row 36's URL + "#p001"."""
    labels = json.loads(LABELS.read_text(encoding="utf-8")) if LABELS.exists() else {}
    urls = pd.read_csv(corpus, usecols=["URL"])["URL"].astype(str).tolist()

    def unit(row_id: str) -> str:
        row, _, paragraph = row_id.partition("#")
        return f"{urls[int(row.removeprefix('row-'))]}#{paragraph}"

    return {name: {unit(u): v for u, v in units.items()} for name, units in labels.items() if not name.startswith("_")}


def flagged_both_ways(model) -> dict[bool, pd.DataFrame]:
    """The subtopic table with the flags of every subtopic tested (False) and gated (True: burst parts, and
    parts too small to be one)."""
    import topics.modeling.events as event_module

    tables = {}
    for gate in (False, True):
        event_module.ONLY_GROWN_FROM_BURSTS = gate
        model._subtopics_cache = None
        tables[gate] = model.subtopics().copy()
    return tables


def report(model, labels_read: dict, show: bool, title: str) -> None:
    tables = flagged_both_ways(model)  # ends with the gate on: event_rows below read the gated flags
    before, after = tables[False], tables[True]
    dropped = before[before["is_event"] & ~after["is_event"].to_numpy()]
    print(f"\n## {title}: {len(model.topic_ids_)} topics, {len(after)} subtopics; events every subtopic tested "
          f"{int(before['is_event'].sum())} ({int(before.loc[before['is_event'], 'size'].sum())} units), burst parts and parts too small to be one "
          f"{int(after['is_event'].sum())} ({int(after.loc[after['is_event'], 'size'].sum())} units)")
    with pd.option_context("display.width", 250, "display.max_colwidth", 60, "display.float_format", "{:.2f}".format):
        if labels_read is not None:
            rows = pd.DataFrame(nyt_events.event_rows(model, labels_read))
            was = {(int(r.topic_id), int(r.subtopic)) for r in before[before["is_event"]].itertuples()}
            rows["flagged before"] = [isinstance(s, str) and tuple(map(int, s.split(" ")[0].split("."))) in was
                                      for s in rows.get("subtopic", pd.Series([None] * len(rows)))]
            print(rows[[c for c in SHOWN + ["flagged before"] if c in rows]].to_string(index=False))
            if show:
                nyt_events.show_samples(model, rows, labels_read)
        print("\nevents, by peak date (gated):")
        print(after.loc[after["is_event"], ["peak_date", "topic_id", "subtopic", "size", "label"]]
              .sort_values("peak_date").to_string(index=False))
        print("\nno longer events (Ward parts of a burst part's size or more):")
        print(dropped[["peak_date", "topic_id", "subtopic", "size", "event_articles", "first_date", "last_date", "label"]]
              .to_string(index=False))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path, nargs="?", help="the Daily Mail table (Date, URL, Title, Text)")
    parser.add_argument("--nyt", action="store_true", help="the NYT full texts and their five events instead")
    parser.add_argument("--cache-dir", default=os.environ.get("TOPICS_CACHE_DIR", "artifacts/cache"))
    parser.add_argument("--random-states", default="42")
    parser.add_argument("--shuffled-seeds", default="", help="also fit with the article dates shuffled (seeds)")
    parser.add_argument("--show", action="store_true", help="print each event's read sample, to label")
    parser.add_argument("--level", choices=("paragraph", "article"), default="paragraph")
    args = parser.parse_args(argv)
    source = nyt_events.NYT if args.nyt else args.corpus
    if source is None or not Path(source).exists():
        print(f"error: {source}: not found", file=sys.stderr)
        return 1
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from topics.pipeline import find_topics

    columns = {} if args.nyt else COLUMNS
    labels_read = nyt_events.read_labels() if args.nyt else read_labels(args.corpus)
    if args.level == "article":
        labels_read = None  # judged paragraphs: nothing to score at article level
    if not args.nyt:
        nyt_events.EVENTS = EVENTS  # the NYT benchmark's scoring, on this corpus's events
    for state in [int(s) for s in args.random_states.split(",")]:
        model = find_topics(source, level=args.level, cache_dir=args.cache_dir, random_state=state, **columns).model
        report(model, labels_read, args.show, f"{Path(source).name}, {args.level} level, random state {state}")
    for seed in [int(s) for s in args.shuffled_seeds.split(",") if s]:
        report(shuffled_fit(source, columns, args.cache_dir, seed), None, False, f"article dates shuffled, seed {seed}")
    return 0


def shuffled_fit(source, columns: dict, cache_dir, seed: int):
    """The corpus fitted (random state 42) with its article dates shuffled among its articles."""
    import topics
    from benchmarks.event_null import article_dates
    from topics.embedding.embed import embed_units

    corpus = topics.load_corpus(source, **columns)
    units = corpus.units("paragraph").reset_index(drop=True)
    embedder = topics.Embedder(cache_dir=cache_dir)
    dated = units.assign(date=article_dates(units, seed, None))
    return topics.TopicModel(random_state=42, embedder=embedder).fit(dated, embeddings=embed_units(corpus, "paragraph", embedder))


if __name__ == "__main__":
    raise SystemExit(main())
