"""Sibling subtopic labels that do not tell siblings apart, with and without
:func:`topics.modeling.sibling_labels.distinct_labels`.

Per corpus (default fits, ``random_state=42``) the subtopics' labels are counted three ways: equal
labels of two siblings ("exact"), labels whose words a sibling's label holds all of, plurals and case
aside ("within", what ``distinct_labels`` resolves), and labels whose lead phrase (before the first
comma) a sibling's repeats ("same lead", left as they are when the rest differs); and the labels the
step changes, listed. With ``--replay`` the NYT full texts are also replayed as ``benchmarks.update``
does: a fit of the articles before September 2021, an update adding September, subtopics found
afresh on the update's topics, and a full fit of the same corpus.

    python -m benchmarks.sibling_labels --cache-dir <cache> [--corpora BBC,ISAF,NYT,AG News] [--replay]
"""

from __future__ import annotations

import argparse
import os
import re
from collections import defaultdict

import pandas as pd

from benchmarks.paths import SHARED_DATA

CORPORA = {
    "BBC": SHARED_DATA / "bbc_news.csv", "ISAF": SHARED_DATA / "isaf_press_releases_test.jsonl",
    "AG News": SHARED_DATA / "ag_news_test.csv", "NYT": SHARED_DATA / "nyt_afghanistan_2020_2021_fulltext.jsonl.gz",
}


def _words(label: str) -> frozenset[str]:
    from topics.modeling.describe import _singular

    return frozenset(_singular(w) for w in re.findall(r"[^\W_][\w'’-]*", label.lower()))


def counts(table: pd.DataFrame) -> dict:
    by = defaultdict(list)
    for topic, label in zip(table["topic_id"], table["label"]):
        by[int(topic)].append(str(label))
    def beside(test):
        return sum(1 for ls in by.values() for i, l in enumerate(ls) if any(j != i and test(l, m) for j, m in enumerate(ls)))
    return {
        "exact": sum(len(ls) - len({l.casefold() for l in ls}) for ls in by.values()),
        "within": beside(lambda l, m: _words(l) <= _words(m)),
        "same lead": beside(lambda l, m: _words(l.split(",")[0]) == _words(m.split(",")[0])),
    }


def both_ways(make_table) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(without, with): the subtopic table made with the step left out, then with it."""
    from topics.modeling import sibling_labels

    step = sibling_labels.distinct_labels
    sibling_labels.distinct_labels = lambda labels, *args, **kwargs: list(labels)
    try:
        without = make_table()
    finally:
        sibling_labels.distinct_labels = step
    return without, make_table()


def report(name: str, without: pd.DataFrame, with_step: pd.DataFrame) -> None:
    changed = [(a, b) for a, b in zip(without["label"], with_step["label"]) if a != b]
    print(f"{name}: {len(without)} subtopics; without {counts(without)}; with {counts(with_step)}; {len(changed)} labels changed", flush=True)
    for a, b in changed:
        print(f"    {a!r} -> {b!r}")


def replay(cache_dir: str) -> None:
    import tempfile

    from benchmarks.update import fresh_subtopics, load_articles
    from topics.embedding.embed import Embedder
    from topics.pipeline import find_topics

    articles = load_articles()
    dates = pd.to_datetime(articles["date"], errors="coerce")
    embedder = Embedder(cache_dir=cache_dir)
    earlier = articles[(dates < pd.Timestamp("2021-09-01")).to_numpy()].drop(columns="month").reset_index(drop=True)
    corpus = articles[(dates < pd.Timestamp("2021-10-01")).to_numpy()].drop(columns="month").reset_index(drop=True)
    with tempfile.TemporaryDirectory() as scratch:
        def first():
            model = find_topics(earlier, embedder=embedder).model
            table = model._subtopics().table
            model.save(f"{scratch}/earlier")
            return table
        report("NYT to 2021-08 (first fit)", *both_ways(first))
        updated = {}
        def update():
            updated["model"] = find_topics(corpus, embedder=embedder, previous=f"{scratch}/earlier").model
            return updated["model"]._subtopics().table
        report("NYT 2021-09 (update)", *both_ways(update))
        report("NYT 2021-09 (afresh on the update's topics)", *both_ways(lambda: fresh_subtopics(updated["model"], 42).table))
        report("NYT 2021-09 (full fit)", *both_ways(lambda: find_topics(corpus, embedder=embedder).model._subtopics().table))


def main(argv=None) -> int:
    from topics.pipeline import find_topics

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", default=os.environ.get("TOPICS_CACHE_DIR", "artifacts/cache"))
    parser.add_argument("--corpora", default=",".join(CORPORA))
    parser.add_argument("--replay", action="store_true")
    args = parser.parse_args(argv)
    for name in [n for n in args.corpora.split(",") if n]:
        report(name, *both_ways(lambda: find_topics(CORPORA[name], cache_dir=args.cache_dir, random_state=42).model._subtopics().table))
    if args.replay:
        replay(args.cache_dir)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
