"""Event labels with and without the phrase their articles' headlines share (topics.modeling.event_titles).

For each corpus (a path ``topics`` reads, ``PATH@article`` for article level) the events of one fit
(random state 42), each with its label as the unit rules give it and as the headline step gives it,
and the headline of the article holding most of the event: read them to judge which says better what
happened.

    python -m benchmarks.event_headline_labels PATH [PATH ...] --cache-dir <cache>
"""

from __future__ import annotations

import argparse
import os
from unittest import mock


def event_labels(path: str, level: str, cache_dir: str) -> list[tuple]:
    from topics.modeling.model import TopicModel
    from topics.pipeline import find_topics

    model = find_topics(path, level=level, cache_dir=cache_dir, random_state=42).model
    with mock.patch.object(TopicModel, "_events_named_by_headlines", lambda self, found: found):
        before = model.events()
    model._subtopics_cache = model._events_cache = None
    after = model.events()
    keys = ["topic_id", "subtopic"]
    merged = before[keys + ["peak_date", "size", "articles", "label", "headline"]].merge(
        after[keys + ["label"]], on=keys, suffixes=("_before", "_after"))
    return list(merged.itertuples(index=False))


def main() -> None:
    from topics.report.markdown import md_text  # labels and headlines are corpus text

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--cache-dir", default=os.environ.get("TOPICS_CACHE_DIR", "artifacts/cache"))
    args = parser.parse_args()
    for spec in args.paths:
        path, _, level = spec.partition("@")
        rows = event_labels(path, level or "paragraph", args.cache_dir)
        changed = sum(row.label_before != row.label_after for row in rows)
        print(f"\n## {os.path.basename(path)} ({level or 'paragraph'}): {len(rows)} events, {changed} labels changed\n")
        print("| peak | subtopic | units | articles | label before | label after | told in |")
        print("| --- | --- | ---: | ---: | --- | --- | --- |")
        for row in rows:
            after = md_text(row.label_after) if row.label_after != row.label_before else "="
            print(f"| {row.peak_date} | {row.topic_id}.{row.subtopic} | {row.size} | {row.articles} | "
                  f"{md_text(row.label_before)} | {after} | {md_text(row.headline or '')} |")


if __name__ == "__main__":
    main()
