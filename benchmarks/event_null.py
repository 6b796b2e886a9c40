"""Events where the dates carry no story: how many subtopics are flagged as events when each article's
date is drawn at random, against the same corpus with its real dates.

    python -m benchmarks.event_null --cache-dir <cache> [--seeds 1,2,3] [--uniform START,END] [--levels paragraph,article] CORPUS [CORPUS ...]

For each corpus (any file ``topics.load_corpus`` reads) and level (``--levels``, default paragraph): the units fitted with
``TopicModel(random_state=42)`` on their real dates, then once per seed with the articles' dates
shuffled among the articles (the corpus's own date distribution, no story left in it), or with
``--uniform`` drawn uniformly between two days (for a corpus without dates; no real-date row then). Each row gives the
subtopics, the events and the units those events hold. Only the public API is used, so the same
command on an earlier commit gives the numbers before a change.
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np
import pandas as pd

from benchmarks.event_power import add_fit_arguments


def article_dates(units: pd.DataFrame, seed: int, uniform: tuple[str, str] | None) -> pd.Series:
    """Each unit's date after the article dates are shuffled among the articles (or drawn uniformly)."""
    articles = units.groupby("article_id", sort=False)["date"].first()
    rng = np.random.default_rng(seed)
    if uniform:
        first, last = (pd.Timestamp(day) for day in uniform)
        offsets = rng.integers(0, (last - first).days + 1, len(articles))
        drawn = (first + pd.to_timedelta(offsets, unit="D")).strftime("%Y-%m-%d")
    else:
        drawn = rng.permutation(articles.to_numpy())
    return units["article_id"].map(pd.Series(np.asarray(drawn), index=articles.index))


def count_events(units: pd.DataFrame, embeddings, random_state: int) -> dict:
    from topics import TopicModel

    started = time.perf_counter()
    model = TopicModel(random_state=random_state).fit(units, embeddings=embeddings)
    subtopics, events = model.subtopics(), model.events()
    return {"subtopics": len(subtopics), "events": len(events), "units in events": int(events["size"].sum()),
            "units": len(units), "seconds": round(time.perf_counter() - started, 1)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_fit_arguments(parser, seeds="1,2,3", keep=False)
    parser.add_argument("--levels", default="paragraph", help="paragraph, article or both (comma-separated)")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import topics
    from topics.embedding.embed import embed_units

    embedder = topics.Embedder(cache_dir=args.cache_dir)
    uniform = tuple(args.uniform.split(",")) if args.uniform else None
    rows = []
    for path in args.corpora:
        corpus = topics.load_corpus(path)
        name = os.path.basename(path)
        for level in args.levels.split(","):
            units = corpus.units(level).reset_index(drop=True)
            embeddings = embed_units(corpus, level, embedder)
            row = {"corpus": name, "level": level}
            if not uniform and units["date"].notna().any():
                rows.append({**row, "dates": "real", **count_events(units, embeddings, args.random_state)})
                print(rows[-1], flush=True)
            for seed in [int(s) for s in args.seeds.split(",")]:
                dated = units.assign(date=article_dates(units, seed, uniform))
                drawn = "uniform" if uniform else "shuffled"
                rows.append({**row, "dates": f"{drawn}, seed {seed}", **count_events(dated, embeddings, args.random_state)})
                print(rows[-1], flush=True)
    print()
    print(pd.DataFrame(rows).to_string(index=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
