"""Events told by the same articles, listed once: how many rows the events list has before and after.

For each corpus given (a path, or path:level), the events (``model.events()``), the stories they
form (:mod:`topics.modeling.stories`) and every story of more than one event with its parts.

    python -m benchmarks.event_stories CORPUS[:LEVEL] ... [--cache-dir DIR]
"""

from __future__ import annotations

import argparse


def main(argv=None) -> None:
    from topics.modeling.stories import story_rows
    from topics.pipeline import find_topics

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="+", help="a corpus path, or path:paragraph / path:article")
    parser.add_argument("--cache-dir", default=None)
    args = parser.parse_args(argv)
    print("| corpus | level | events | rows (stories) | stories of several events |")
    print("|---|---|---:|---:|---|")
    for spec in args.corpora:
        path, _, level = spec.rpartition(":") if spec.endswith((":paragraph", ":article")) else (spec, "", "paragraph")
        events = find_topics(path, level=level, cache_dir=args.cache_dir).model.events()
        rows = story_rows(events.to_dict(orient="records"))
        joined = [f"{r['peak_date']} {r['label']} + " + "; ".join(f"{e['label']} ({e['topic_id']}.{e['subtopic']})" for e in r["also"])
                  for r in rows if r["also"]]
        print(f"| {path.split('/')[-1]} | {level} | {len(events)} | {len(rows)} | {' / '.join(joined) or '-'} |", flush=True)


if __name__ == "__main__":
    main()
