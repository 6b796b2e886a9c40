"""Events and the headlines of a series (topics.modeling.event_titles.series_articles).

A daily live summary or a weekly round-up heads articles of many days with one wording; its paragraphs
join the events they tell. For each corpus (a path ``topics`` reads, ``PATH@article`` for article level)
one fit (random state 42 unless given): the series' headlines found, and each event's label and shown headline with
series headlines left out (as kept) and counted as any other (``--count-series``, as before), with how
many of the event's titled articles are a series'.

    python -m benchmarks.event_series PATH [PATH ...] --cache-dir <cache> [--count-series] [--random-state N]
"""

from __future__ import annotations

import argparse
import os
from collections import Counter
from unittest import mock


def series_events(path: str, level: str, cache_dir: str, count_series: bool, random_state: int = 42):
    import topics.modeling.event_titles as event_titles
    import topics.modeling.stories as stories
    from topics.pipeline import find_topics

    model = find_topics(path, level=level, cache_dir=cache_dir, random_state=random_state).model
    units = model.units_
    series = event_titles.series_articles(units["article_id"].astype(str), units["title"], units["date"]) \
        if "title" in units and "date" in units else set()
    titles = dict(zip(units["article_id"].astype(str), units["title"])) if "title" in units else {}
    wordings = Counter(event_titles.re.sub(r"\d+", "#", " ".join(str(titles[a]).lower().split())) for a in series)
    model._subtopics_cache = model._events_cache = None
    none = mock.patch.object(event_titles, "series_articles", lambda *a, **k: set())
    none_told = mock.patch.object(stories, "series_articles", lambda *a, **k: set())
    if count_series:
        with none, none_told:
            events = model.events()
    else:
        events = model.events()
    info = model.document_info()
    rows = []
    for event in events.itertuples(index=False):
        members = info[(info["topic_id"] == event.topic_id) & (info["subtopic"] == event.subtopic)]
        titled = set(members["article_id"].astype(str)) if "title" in units else set()
        rows.append((event.peak_date, f"{event.topic_id}.{event.subtopic}", len(titled), len(titled & series),
                     event.label, event.headline))
    return len(series), wordings, rows


def main() -> None:
    from topics.report.markdown import md_text  # labels and headlines are corpus text

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--cache-dir", default=os.environ.get("TOPICS_CACHE_DIR", "artifacts/cache"))
    parser.add_argument("--count-series", action="store_true", help="count series headlines as any other (as before)")
    parser.add_argument("--random-state", type=int, default=42)
    args = parser.parse_args()
    for spec in args.paths:
        path, _, level = spec.partition("@")
        n_series, wordings, rows = series_events(path, level or "paragraph", args.cache_dir, args.count_series,
                                                 args.random_state)
        print(f"\n## {os.path.basename(path)} ({level or 'paragraph'}): {n_series} series articles, {len(rows)} events\n")
        for wording, n in sorted(wordings.items(), key=lambda item: (-item[1], item[0]))[:5]:
            print(f"- series: {md_text(wording)} ({n})")
        print("\n| peak | subtopic | articles | of a series | label | headline |")
        print("| --- | --- | ---: | ---: | --- | --- |")
        for peak, key, n, in_series, label, headline in rows:
            print(f"| {peak} | {key} | {n} | {in_series} | {md_text(label)} | {md_text(headline or '')} |")


if __name__ == "__main__":
    main()
