"""Events of the ISAF press releases against their gold labels: is each event one story?

A story's articles report one happening, so they name one province (and mostly one target group);
an event cut from a phrasing in fashion mixes releases about different incidents, provinces included.
For each event of a paragraph-level fit (``TopicModel(random_state=42)``): its articles, the share of
them from its commonest province and target group (gold labels of
../shared/data/isaf_press_releases_test.jsonl), then the mean purities; with ``--seeds`` the same fit
with the article dates shuffled (no story left: every event is false).

    python -m benchmarks.event_purity --cache-dir <cache> [--seeds 1,2,3] [CORPUS]

CORPUS: the jsonl (default) or a folder of its releases as files named by id (``isaf-test-002.md``).
Only the public API is used, so the same command on an earlier commit gives the numbers before a change.
"""

from __future__ import annotations

import argparse
import json
import os
import re
from collections import Counter
from pathlib import Path

import numpy as np

DATA = Path(os.environ.get("TOPICS_DATA_DIR", Path(__file__).resolve().parents[2] / "shared" / "data"))
ISAF = DATA / "isaf_press_releases_test.jsonl"
RELEASE = re.compile(r"isaf-test-\d+")


def purity(values: list[str]) -> float:
    return Counter(values).most_common(1)[0][1] / len(values) if values else float("nan")


def event_rows(model, gold: dict) -> list[dict]:
    info, rows = model.document_info(), []
    for event in model.events().itertuples():
        members = info[(info["topic_id"] == event.topic_id) & (info["subtopic"] == event.subtopic)]
        ids = sorted({m.group(0) for m in map(RELEASE.search, members["article_id"].astype(str)) if m})
        labelled = [gold[i] for i in ids if i in gold]
        rows.append({"peak": event.peak_date, "event": str(event.label)[:40], "articles": len(ids),
                     "province": purity([g["province"] for g in labelled]),
                     "target group": purity([g["target_group"] for g in labelled])})
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", default=str(ISAF))
    parser.add_argument("--cache-dir", default=os.environ.get("TOPICS_CACHE_DIR", "artifacts/cache"))
    parser.add_argument("--seeds", default="")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import pandas as pd

    import topics
    from benchmarks.event_null import article_dates
    from topics.embedding.embed import embed_units

    gold = {row["id"]: row for row in map(json.loads, ISAF.read_text(encoding="utf-8").splitlines())}
    corpus = topics.load_corpus(args.corpus)
    units = corpus.units("paragraph").reset_index(drop=True)
    embeddings = embed_units(corpus, "paragraph", topics.Embedder(cache_dir=args.cache_dir))
    runs = [("real", units)] + [(f"shuffled, seed {s}", units.assign(date=article_dates(units, int(s), None)))
                                for s in args.seeds.split(",") if s]
    for name, dated in runs:
        rows = event_rows(topics.TopicModel(random_state=42).fit(dated, embeddings=embeddings), gold)
        print(f"\n## {name}: {len(rows)} events")
        if rows:
            table = pd.DataFrame(rows)
            print(table.to_string(index=False, float_format="%.2f"))
            print(f"mean purity: province {np.nanmean(table['province']):.2f}, target group {np.nanmean(table['target group']):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
