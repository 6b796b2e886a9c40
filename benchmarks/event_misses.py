"""Why a listed event gets no subtopic of its own: each event's paragraphs traced through the burst search.

For every event of a held-out list (``--mirror``: the Daily Mirror's, benchmarks/events_heldout.py), the units
about it (dated in its window, matching its pattern) and, per event:

- articles: how many articles tell it;
- story nb: of each unit's ``N_NEIGHBOURS`` counted content neighbours (other articles), how many are units of
  the same story, mean over its units (few: its paragraphs are not each other's nearest in meaning, the
  neighbours are the same kind of story on other dates);
- bursty: its units that pass the burst test (topics.modeling.bursts.bursty_units);
- outliers: its units that no broad topic holds (the subtopic step never sees them);
- burst: the corpus-wide burst holding most of its units, the story's share of that burst and the burst's size
  (a large burst with a small share: the story is one of a busy fortnight's, no burst of its own);
- part: that burst's units in the topic holding most of the story, the topic's floor for an event part
  (``MIN_EVENT_UNITS`` where the whole burst is large enough, else the topic's floor), and whether it became an
  event part (topics.modeling.subtopics.event_parts).

``--inside`` then tries the change the trace suggests, searching bursts again inside each subtopic that grew
from no burst, on its own units only (neighbours among them, its own dates as the density, at the event width
and the short-burst scale): each burst found there that ``event_parts`` would keep (``MIN_EVENT_UNITS`` units
of ``MIN_ARTICLES`` articles) is listed with the listed events' units it holds and its main headline.

``--articles`` searches bursts among whole articles instead (each article the mean of its paragraphs' unit
vectors) and gives, per listed event, the article burst holding most of its articles: (its articles there / the
burst's articles).

``--join-outliers`` measures the change the trace suggests for a burst the broad topics scattered: each unit that
no topic holds but a burst does joins the topic holding most of that burst's other units, and the subtopics are
found again; the listed events' holders and the flagged subtopics are printed before and after.

    python -m benchmarks.event_misses <Mirror_Results.csv> --mirror --cache-dir <cache> [--inside] [--articles]
        [--join-outliers]
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import numpy as np
import pandas as pd

from benchmarks import events as nyt_events
from benchmarks import events_heldout


def burst_inputs(model):
    """What each burst search here starts from: (document info, unit vectors as float32, day dates, day numbers,
    article ids, the event window in days)."""
    from topics.modeling.events import event_window_days
    from topics.modeling.timeline import day_numbers, parse_dates

    info = model.document_info()
    dates = parse_dates(info["date"]).day_dates
    return (info, np.asarray(model.embeddings_, np.float32), dates, day_numbers(dates),
            info["article_id"].astype(str).to_numpy(), event_window_days(dates))


def trace(model, events) -> pd.DataFrame:
    from topics.modeling import subtopics as parts_module
    from topics.modeling.bursts import N_NEIGHBOURS, bursty_units, content_neighbours, find_bursts

    info, embeddings, dates, days, articles, window = burst_inputs(model)
    topics = info["topic_id"].to_numpy()
    index = content_neighbours(embeddings)
    bursty, _ = bursty_units(embeddings, days, articles, window, neighbours=index)
    bursts = find_bursts(embeddings, days, articles, window, 42, neighbours=index)
    burst_sizes = np.bincount(bursts[bursts >= 0], minlength=1)
    other = articles[index] != articles[:, None]
    counted = other & (np.cumsum(other, axis=1) <= N_NEIGHBOURS)
    rows = []
    for event in events:
        units = nyt_events.event_units(info, event)
        if len(units) == 0:
            continue
        story = np.zeros(len(info), bool)
        story[units] = True
        row = {"event": event.name, "units": len(units), "articles": len(set(articles[units])),
               "story nb": round(float(np.mean([(story[index[i]] & counted[i]).sum() for i in units])), 1),
               "bursty": int(bursty[units].sum()), "outliers": int((topics[units] < 0).sum())}
        held = topics[units][topics[units] >= 0]
        in_burst = bursts[units][bursts[units] >= 0]
        if len(in_burst) and len(held):
            burst = int(np.bincount(in_burst).argmax())
            topic = int(np.bincount(held).argmax())
            members = topics == topic
            floor = max(parts_module.MIN_EVENT_UNITS, parts_module.min_subtopic_size(int(members.sum())) // 2)
            event_part = parts_module.event_parts(bursts[members], articles[members], floor, burst_sizes)
            part = members & (bursts == burst)
            row.update({
                "burst": f"{burst} ({int((story & (bursts == burst)).sum())}/{int(burst_sizes[burst])})",
                "part": f"{int(part.sum())} of {len(set(articles[part]))} art. in topic {topic}",
                "floor": parts_module.MIN_EVENT_UNITS if burst_sizes[burst] >= floor else floor,
                "event part": bool((event_part[part[members]] >= 0).any()),
            })
        rows.append(row)
    return pd.DataFrame(rows)


def inside_bursts(model, events) -> pd.DataFrame:
    """Bursts searched inside each subtopic that grew from no burst, on its units alone (see the module's text)."""
    from topics.modeling.bursts import find_bursts
    from topics.modeling.events import MIN_ARTICLES
    from topics.modeling.subtopics import MIN_EVENT_UNITS, SHORT_BURST_SCALE

    info, embeddings, dates, days, articles, window = burst_inputs(model)
    stories = {event.name: np.isin(np.arange(len(info)), nyt_events.event_units(info, event)) for event in events}
    table = model.subtopics()
    rows = []
    for _, sub in table[~table["grown_from_burst"].astype(bool)].iterrows():
        in_sub = (info["topic_id"] == sub["topic_id"]) & (info["subtopic"] == sub["subtopic"])
        units = np.flatnonzero(in_sub.to_numpy())
        for scale in (1.0, SHORT_BURST_SCALE):
            found = find_bursts(embeddings[units], days[units], articles[units], window * scale, 42)
            for burst in np.unique(found[found >= 0]):
                members = units[found == burst]
                if len(members) < MIN_EVENT_UNITS or len(set(articles[members])) < MIN_ARTICLES:
                    continue
                held = {name: int(story[members].sum()) for name, story in stories.items() if story[members].any()}
                rows.append({"subtopic": f"{sub['topic_id']}.{sub['subtopic']} ({len(units)})", "scale": scale,
                             "units": len(members), "articles": len(set(articles[members])),
                             "first": dates.iloc[members].min().date(), "last": dates.iloc[members].max().date(),
                             "listed events": held or "-",
                             "headline": str(info.loc[members, "title"].value_counts().index[0])[:60]})
    return pd.DataFrame(rows)


def article_bursts(model, events) -> pd.DataFrame:
    """Per listed event, the burst among article means holding most of its articles (see the module's text)."""
    from topics.modeling.bursts import find_bursts
    from topics.modeling.cluster import normalise_rows

    info, _, dates, days, articles, window = burst_inputs(model)
    ids, of_unit = np.unique(articles, return_inverse=True)
    means = np.zeros((len(ids), model.embeddings_.shape[1]))
    np.add.at(means, of_unit, normalise_rows(np.asarray(model.embeddings_, np.float64)))
    first = np.full(len(ids), np.inf)
    np.minimum.at(first, of_unit, np.where(np.isnan(days), np.inf, days))
    found = find_bursts(means, np.where(np.isfinite(first), first, np.nan), ids, window, 42)
    rows = []
    for event in events:
        story = np.unique(of_unit[nyt_events.event_units(info, event)])
        held = found[story][found[story] >= 0]
        burst = int(np.bincount(held).argmax()) if len(held) else -1
        shown = "-" if burst < 0 else f"{int((held == burst).sum())} / {int((found == burst).sum())}"
        rows.append({"event": event.name, "articles": len(story), "article burst": shown})
    return pd.DataFrame(rows)


def burst_outliers_joined(model) -> tuple[np.ndarray, int]:
    """(topic labels, units moved): each outlier in a burst given the topic holding most of the burst's other units."""
    from topics.modeling.bursts import find_bursts

    _, embeddings, _, days, articles, window = burst_inputs(model)
    found = find_bursts(embeddings, days, articles, window, 42)
    labels = np.asarray(model.labels_).copy()
    moved = 0
    for burst in np.unique(found[found >= 0]):
        members = found == burst
        held = labels[members & (labels >= 0)]
        if len(held):
            outside = members & (labels < 0)
            labels[outside] = np.bincount(held).argmax()
            moved += int(outside.sum())
    return labels, moved


def compare_joined(model, labels_read: dict) -> None:
    shown = ["event", "subtopic", "sub size", "sub purity", "read purity", "read", "event?"]
    flagged = {}
    for side in ("before", "after"):
        if side == "after":
            labels, moved = burst_outliers_joined(model)
            print(f"\n{moved} of {int((np.asarray(model.labels_) < 0).sum())} outliers joined a topic")
            model.labels_ = labels
        model._subtopics_cache = None
        table = model.subtopics()
        flagged[side] = set(table.loc[table["is_event"], "label"])
        print(f"\n{side}: {len(table)} subtopics, {int(table['is_event'].sum())} flagged")
        print(pd.DataFrame(nyt_events.event_rows(model, labels_read))[shown].to_string(index=False))
    print("\nflagged only before:", sorted(flagged["before"] - flagged["after"]))
    print("flagged only after:", sorted(flagged["after"] - flagged["before"]))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path, help="the Daily Mail or (with --mirror) the Daily Mirror table")
    parser.add_argument("--mirror", action="store_true")
    parser.add_argument("--inside", action="store_true", help="also search bursts inside subtopics grown from none")
    parser.add_argument("--join-outliers", action="store_true", help="measure a burst's outliers joining its topic")
    parser.add_argument("--articles", action="store_true", help="also search bursts among whole articles")
    parser.add_argument("--cache-dir", default=os.environ.get("TOPICS_CACHE_DIR", "artifacts/cache"))
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from topics.pipeline import find_topics

    if args.mirror:
        source, columns, events = (events_heldout.mirror_source(args.corpus), events_heldout.MIRROR_COLUMNS,
                                   events_heldout.MIRROR_EVENTS)
    else:
        source, columns, events = args.corpus, events_heldout.COLUMNS, events_heldout.EVENTS
    model = find_topics(source, level="paragraph", cache_dir=args.cache_dir, random_state=42, **columns).model
    with pd.option_context("display.width", 250):
        print(trace(model, events).to_string(index=False))
        if args.inside:
            print("\nbursts inside subtopics grown from no burst:")
            print(inside_bursts(model, events).to_string(index=False))
        if args.articles:
            print("\nbursts among whole articles:")
            print(article_bursts(model, events).to_string(index=False))
    if args.join_outliers:
        nyt_events.EVENTS = events
        judged = events_heldout.mirror_labels() if args.mirror else events_heldout.read_labels(args.corpus)
        compare_joined(model, judged)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
