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

Each fit is scored twice, the subtopic step run again with the event flags before and after a change
(``--compare``): ``short-windows`` (the default), windows of the event width only -> windows of the short-burst
scale scanned too (topics.modeling.events.SHORT_WINDOW_SCALE); ``gate``, every subtopic tested -> only the
subtopics grown from a burst (topics.modeling.events.ONLY_GROWN_FROM_BURSTS); ``every-window``, the p-value's
factor counting the windows scanned -> every window position a scan reaches (COUNT_EVERY_WINDOW). Each flagged subtopic is shown with
the headline of the article holding most of its units, to judge whether it tells one story.
``--nyt`` scores the NYT full texts' five events instead (read from ../shared/data); ``--shuffled-seeds`` also fits the corpus with its article dates shuffled among its
articles (dates that carry no story: every event there is a false one). ``--level article`` fits
articles instead of paragraphs (no read sample applies there: only the flags are compared).

    python -m benchmarks.events_heldout <DailyMail.csv> --cache-dir <cache> [--show] [--shuffled-seeds 1,2,3]
    TOPICS_DATA_DIR=../shared/data python -m benchmarks.events_heldout --nyt --cache-dir <cache> [--random-states 42,1,2,3]
    TOPICS_DATA_DIR=../shared/data python -m benchmarks.events_heldout --nyt --level article --cache-dir <cache>
    python -m benchmarks.events_heldout <Mirror_Results.csv> --mirror --cache-dir <cache> [--show]

``--mirror`` scores the Daily Mirror's table of the same repository instead (results_two_lda/Mirror_Results.csv:
908 articles, 2022-02-24..11-18, its text one line per article): only Date, Title and Text are read, so the
units are named by row ("row-000036#p001", as the file orders them) and its judgments
(benchmarks/data/event_labels_mirror.json) need no mapping. Its events (MIRROR_EVENTS) were listed from the
corpus's headlines before any run, as the Daily Mail's were.
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
MIRROR_LABELS = ROOT / "benchmarks" / "data" / "event_labels_mirror.json"
MIRROR_COLUMNS = {"text_column": "Text", "title_column": "Title", "date_column": "Date"}
MIRROR_EVENTS = (
    Event("Zaporizhzhia plant seized", "2022-03-04", "2022-03-03", "2022-03-06",
          r"(Zaporizhzhia|nuclear (power )?(plant|station)|Enerhodar|Energodar)"),
    Event("Mariupol maternity hospital", "2022-03-09", "2022-03-09", "2022-03-12", r"(maternity|children's hospital)"),
    Event("Mariupol theatre", "2022-03-16", "2022-03-16", "2022-03-26", r"(theatre|theater|drama)"),
    Event("Bucha massacre", "2022-04-03", "2022-04-02", "2022-04-10", r"(Bucha|Irpin|Borodianka|Hostomel)"),
    Event("Azovstal siege", "2022-05-01", "2022-04-20", "2022-05-21", r"(Azovstal|steel ?(plant|works|mill)|steelworks)"),
    Event("Finland and Sweden to NATO", "2022-05-15", "2022-05-11", "2022-05-20", r"(Finland|Sweden|Finnish|Swedish)"),
    Event("Brits sentenced to death", "2022-06-09", "2022-06-09", "2022-06-13",
          r"(sentenced to death|death sentences?|Aslin|Pinner|Saadoun|firing squad|execut)"),
    Event("Kremenchuk shopping centre", "2022-06-27", "2022-06-27", "2022-06-30",
          r"(Kremenchuk|shopping (centre|center|mall)|\bmall\b)"),
    Event("Snake Island retaken", "2022-06-30", "2022-06-30", "2022-07-07", r"(Snake Island|Zmiinyi)"),
    Event("Kharkiv counter-offensive", "2022-09-10", "2022-09-08", "2022-09-20",
          r"(Izium|Izyum|Balakliia|Kupiansk|counter-?offensive|recaptur|liberated|mass grave|square (km|kilomet))"),
    Event("Mobilisation", "2022-09-21", "2022-09-21", "2022-10-06",
          r"(mobilis|mobiliz|conscript|draft|call-?up|reservist)"),
    Event("Crimea bridge blast", "2022-10-08", "2022-10-08", "2022-10-11", r"(Kerch|Crimean? bridge|\bbridge\b)"),
    Event("Missile strikes of 10 October", "2022-10-10", "2022-10-10", "2022-10-12",
          r"(missile|air raid|strikes? on|blasts?|explosions?)"),
    Event("Kamikaze drones on Kyiv", "2022-10-17", "2022-10-13", "2022-10-20", r"(kamikaze|Shahed|drones?|Iranian)"),
    Event("Kherson liberated", "2022-11-11", "2022-11-09", "2022-11-18", r"Kherson"),
    Event("Missile lands in Poland", "2022-11-15", "2022-11-15", "2022-11-18", r"(Poland|Polish|Przewod)"),
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


def mirror_source(corpus: Path) -> pd.DataFrame:
    """The Mirror's table with only its date, headline and text: units named by row, not by URL."""
    return pd.read_csv(corpus, usecols=["Date", "Title", "Text"])


def mirror_labels() -> dict:
    labels = json.loads(MIRROR_LABELS.read_text(encoding="utf-8")) if MIRROR_LABELS.exists() else {}
    return {name: units for name, units in labels.items() if not name.startswith("_")}


def flagged_both_ways(model, compare: str = "short-windows") -> dict[bool, pd.DataFrame]:
    """The subtopic table before (False) and after (True) a change of the event flags: ``gate``, every subtopic
    tested -> only burst parts and parts too small to be one (windows of the event width only); ``short-windows``,
    windows of the event width only -> windows of the short-burst scale scanned too (burst parts only, both)."""
    import topics.modeling.events as event_module

    shipped = (event_module.ONLY_GROWN_FROM_BURSTS, event_module.SHORT_WINDOW_SCALE)
    tables = {}
    try:
        for after in (False, True):
            _set_side(event_module, compare, after, shipped)
            model._subtopics_cache = None
            tables[after] = model.subtopics().copy()
    finally:
        event_module.ONLY_GROWN_FROM_BURSTS, event_module.SHORT_WINDOW_SCALE = shipped
        event_module.COUNT_EVERY_WINDOW = _SHIPPED_COUNT
        model._subtopics_cache = None
    return tables


def report(model, labels_read: dict, show: bool, title: str, compare: str = "short-windows") -> None:
    import topics.modeling.events as event_module

    shipped = (event_module.ONLY_GROWN_FROM_BURSTS, event_module.SHORT_WINDOW_SCALE)
    tables = flagged_both_ways(model, compare)
    before, after = tables[False], tables[True]
    print(f"\n## {title}: {len(model.topic_ids_)} topics, {len(after)} subtopics; events ({compare}) before "
          f"{int(before['is_event'].sum())} ({int(before.loc[before['is_event'], 'size'].sum())} units), after "
          f"{int(after['is_event'].sum())} ({int(after.loc[after['is_event'], 'size'].sum())} units)")
    try:
        _print_sides(model, tables, labels_read, show, compare, shipped)
    finally:
        event_module.ONLY_GROWN_FROM_BURSTS, event_module.SHORT_WINDOW_SCALE = shipped
        event_module.COUNT_EVERY_WINDOW = _SHIPPED_COUNT
        model._subtopics_cache = None


def _print_sides(model, tables: dict, labels_read: dict, show: bool, compare: str, shipped: tuple) -> None:
    import topics.modeling.events as event_module

    shown = ["peak_date", "event_start", "event_end", "event_articles", "event_expected", "topic_id", "subtopic", "size",
             "label"]
    with pd.option_context("display.width", 250, "display.max_colwidth", 60, "display.float_format", "{:.2f}".format):
        for after_change in (False, True):
            if labels_read is not None:  # each event's holder as the flags of that side see it
                _set_side(event_module, compare, after_change, shipped)
                model._subtopics_cache = None
                rows = pd.DataFrame(nyt_events.event_rows(model, labels_read))
                print(f"\nevents listed, {'after' if after_change else 'before'}:")
                print(rows[[c for c in SHOWN if c in rows]].to_string(index=False))
                if show and after_change:
                    nyt_events.show_samples(model, rows, labels_read)
            table = tables[after_change]
            flagged = table.loc[table["is_event"], shown].sort_values("peak_date")
            flagged["headline"] = [_main_headline(model, t, s) for t, s in zip(flagged["topic_id"], flagged["subtopic"])]
            print(f"\nflagged, by peak date ({'after' if after_change else 'before'}):")
            print(flagged.to_string(index=False))


def _main_headline(model, topic: int, subtopic: int) -> str:
    """The headline of the article with most units in a subtopic, and how many articles it has: to judge whether a
    flagged subtopic tells one story."""
    info = model.document_info()
    members = info[(info["topic_id"] == topic) & (info["subtopic"] == subtopic)]
    if "title" not in members or members.empty:
        return ""
    return f"{members['article_id'].nunique()} art.: {str(members['title'].value_counts().index[0])[:70]}"


def _shipped_count() -> bool:
    import topics.modeling.events as event_module

    return event_module.COUNT_EVERY_WINDOW


_SHIPPED_COUNT = _shipped_count()


def _set_side(event_module, compare: str, after: bool, shipped: tuple) -> None:
    """The flags' settings on one side of a comparison, from the module's own (``shipped``: its gate and short scale):
    only the setting compared differs between the sides."""
    gate, scale = shipped
    event_module.COUNT_EVERY_WINDOW = after if compare == "every-window" else _SHIPPED_COUNT
    if compare == "gate":
        event_module.ONLY_GROWN_FROM_BURSTS, event_module.SHORT_WINDOW_SCALE = after, scale
    elif compare == "every-window":
        event_module.ONLY_GROWN_FROM_BURSTS, event_module.SHORT_WINDOW_SCALE = gate, scale
    else:
        event_module.ONLY_GROWN_FROM_BURSTS, event_module.SHORT_WINDOW_SCALE = gate, (scale if after else None)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path, nargs="?", help="the Daily Mail table (Date, URL, Title, Text)")
    parser.add_argument("--nyt", action="store_true", help="the NYT full texts and their five events instead")
    parser.add_argument("--mirror", action="store_true", help="the corpus is the Daily Mirror's table (its events)")
    parser.add_argument("--cache-dir", default=os.environ.get("TOPICS_CACHE_DIR", "artifacts/cache"))
    parser.add_argument("--random-states", default="42")
    parser.add_argument("--shuffled-seeds", default="", help="also fit with the article dates shuffled (seeds)")
    parser.add_argument("--show", action="store_true", help="print each event's read sample, to label")
    parser.add_argument("--level", choices=("paragraph", "article"), default="paragraph")
    parser.add_argument("--compare", choices=("short-windows", "gate", "every-window"), default="short-windows",
                        help="the change of the flags measured (before -> after)")
    args = parser.parse_args(argv)
    source = nyt_events.NYT if args.nyt else args.corpus
    if source is None or not Path(source).exists():
        print(f"error: {source}: not found", file=sys.stderr)
        return 1
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from topics.pipeline import find_topics

    columns = {} if args.nyt else MIRROR_COLUMNS if args.mirror else COLUMNS
    labels_read = nyt_events.read_labels() if args.nyt else mirror_labels() if args.mirror else read_labels(args.corpus)
    if args.level == "article":
        labels_read = None  # judged paragraphs: nothing to score at article level
    if not args.nyt:
        nyt_events.EVENTS = MIRROR_EVENTS if args.mirror else EVENTS  # the NYT benchmark's scoring, on these events
    if args.mirror:
        source = mirror_source(args.corpus)
    for state in [int(s) for s in args.random_states.split(",")]:
        model = find_topics(source, level=args.level, cache_dir=args.cache_dir, random_state=state, **columns).model
        report(model, labels_read, args.show, f"{Path(args.corpus or source).name}, {args.level} level, random state {state}",
               args.compare)
    for seed in [int(s) for s in args.shuffled_seeds.split(",") if s]:
        report(shuffled_fit(source, columns, args.cache_dir, seed), None, False, f"article dates shuffled, seed {seed}",
               args.compare)
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
