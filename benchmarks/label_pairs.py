"""Labels of two checkouts side by side, read blind: which reads as a whole noun phrase.

Three steps, each a subcommand (run ``dump`` once per checkout, from that checkout):

- ``python -m benchmarks.label_pairs dump --set heldout OUT.json``: the labels of the topics and of
  the subtopics of ``TopicModel(random_state=42)`` on each corpus of the set (``dev``: the corpora
  the label rules were written on; ``heldout``: fits no label rule was looked at on; ``heldout2``:
  fresh samples for the rules written after the first held-out reading; ``heldout3``: fresh samples
  for the "-ing" verb rule; ``heldout4``: fresh samples for the rule that a label holds the topic's best word);
- ``python -m benchmarks.label_pairs pairs BASE.json NEW.json PREFIX``: every label that differs,
  as a pair in random order, in ``PREFIX_show.tsv`` (number, corpus, one label, the other) and the
  key in ``PREFIX_key.json``;
- ``python -m benchmarks.label_pairs score PREFIX``: reads ``PREFIX_judged.tsv`` (number, defect in
  the first label 0/1, defect in the second 0/1, preferred 1/2, or 0 for neither), written by a reader
  who saw only ``PREFIX_show.tsv``, and prints the defects and preferences per checkout. A defect is a
  part cut off before the rest of its phrase ("European Indoor" Championships) or a clause ("Engaged
  the enemy position").

Needs ``TOPICS_DATA_DIR`` (the labelled corpora); the seeds come from the checkout.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import numpy as np

SAMPLE_SEED = 42  # benchmarks.topic_quality's samples
HELD_OUT_SEED = 7  # other samples of the same corpora for the held-out set
SECOND_HELD_OUT_SEED = 23  # fresh samples for the second held-out set, drawn before the rules they check
THIRD_HELD_OUT_SEED = 59  # fresh samples for the third, drawn after the "-ing" verb rule was written
FOURTH_HELD_OUT_SEED = 131  # fresh samples for the fourth, drawn after the rule that a label holds the topic's best word


def _sets():
    import pandas as pd

    from benchmarks.topic_quality import SHARED_DATA

    newsgroups = pd.read_json(SHARED_DATA / "20newsgroups_bydate.jsonl.gz", lines=True).drop(columns=["text_raw"])
    ag_news = pd.read_csv(SHARED_DATA / "ag_news_test.csv")
    abstracts = SHARED_DATA / "nyt_afghanistan_2020_2021_abstracts.csv"
    return {
        "dev": [
            ("bbc_news", SHARED_DATA / "bbc_news.csv", ["article"]),
            ("ag_news", ag_news.sample(n=3000, random_state=SAMPLE_SEED), ["article"]),
            ("isaf", SHARED_DATA / "isaf_press_releases_test.jsonl", ["article", "paragraph"]),
            ("nyt_abstracts", abstracts, ["article"]),
            ("20ng", newsgroups.sample(n=3000, random_state=SAMPLE_SEED), ["article"]),
            ("nyt_fulltext", SHARED_DATA / "nyt_afghanistan_2020_2021_fulltext.jsonl.gz", ["article", "paragraph"]),
            ("seeds", "seeds", ["paragraph"]),
        ],
        "heldout": [
            ("bbc_400", pd.read_csv(SHARED_DATA / "bbc_news.csv").sample(n=400, random_state=11), ["paragraph"]),
            ("ag_news_s7", ag_news.sample(n=3000, random_state=HELD_OUT_SEED), ["article"]),
            ("20ng_s7", newsgroups.sample(n=3000, random_state=HELD_OUT_SEED), ["article"]),
            ("nyt_abstracts", abstracts, ["paragraph"]),
        ],
        "heldout2": [
            ("bbc_400_s23", pd.read_csv(SHARED_DATA / "bbc_news.csv").sample(n=400, random_state=SECOND_HELD_OUT_SEED),
             ["paragraph"]),
            ("ag_news_s23", ag_news.sample(n=3000, random_state=SECOND_HELD_OUT_SEED), ["article"]),
            ("20ng_s23", newsgroups.sample(n=1000, random_state=SECOND_HELD_OUT_SEED), ["paragraph"]),
        ],
        "heldout3": [
            ("bbc_400_s59", pd.read_csv(SHARED_DATA / "bbc_news.csv").sample(n=400, random_state=THIRD_HELD_OUT_SEED),
             ["paragraph"]),
            ("ag_news_s59", ag_news.sample(n=3000, random_state=THIRD_HELD_OUT_SEED), ["article"]),
            ("20ng_s59", newsgroups.sample(n=1000, random_state=THIRD_HELD_OUT_SEED), ["paragraph"]),
        ],
        "heldout4": [
            ("bbc_400_s131", pd.read_csv(SHARED_DATA / "bbc_news.csv").sample(n=400, random_state=FOURTH_HELD_OUT_SEED),
             ["paragraph"]),
            ("ag_news_s131", ag_news.sample(n=3000, random_state=FOURTH_HELD_OUT_SEED), ["article"]),
            ("20ng_s131", newsgroups.sample(n=1000, random_state=FOURTH_HELD_OUT_SEED), ["paragraph"]),
        ],
    }


def dump(which: str, out: Path) -> None:
    from benchmarks.topic_quality import warm_up
    from topics.embedding.embed import Embedder, embed_units
    from topics.ingest.corpus import load_corpus
    from topics.modeling.model import TopicModel

    warm_up()
    embedder = Embedder(show_progress=False)
    found = {}
    for name, source, levels in _sets()[which]:
        corpus = load_corpus(source)
        for level in levels:
            units, vectors = corpus.units(level), embed_units(corpus, level, embedder)
            keep = np.linalg.norm(vectors, axis=1) > 0
            units, vectors = units[keep].reset_index(drop=True), vectors[keep]
            started = time.perf_counter()
            model = TopicModel(random_state=42).fit(units, embeddings=vectors)
            info = model.topic_info()
            found[f"{name}/{level}"] = {"topics": info[info["topic_id"] >= 0]["label"].tolist(),
                                        "subtopics": model.subtopics()["label"].tolist()}
            print(f"{name}/{level}: {len(found[f'{name}/{level}']['subtopics'])} subtopics, "
                  f"{time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    out.write_text(json.dumps(found, indent=1, ensure_ascii=False), encoding="utf-8")


def pairs(base: Path, new: Path, prefix: str, seed: int) -> int:
    before, after = json.loads(base.read_text(encoding="utf-8")), json.loads(new.read_text(encoding="utf-8"))
    found = []
    for key in before:
        for kind in ("topics", "subtopics"):
            if len(before[key][kind]) != len(after[key][kind]):
                raise SystemExit(f"{key} {kind}: the two runs found different topics; compare labels of the same fit")
            found += [(key, kind, i, x, y) for i, (x, y) in enumerate(zip(before[key][kind], after[key][kind])) if x != y]
    rng = random.Random(seed)
    rng.shuffle(found)
    shown, key_rows = [], []
    for n, (key, kind, i, x, y) in enumerate(found):
        new_first = rng.random() < 0.5
        first, second = (y, x) if new_first else (x, y)
        shown.append(f"{n}\t{key.split('/')[0]}\t{first}\t{second}")
        key_rows.append({"n": n, "key": key, "kind": kind, "i": i, "base": x, "new": y, "new_is_first": new_first})
    Path(f"{prefix}_show.tsv").write_text("\n".join(shown) + "\n", encoding="utf-8")
    Path(f"{prefix}_key.json").write_text(json.dumps(key_rows, indent=1, ensure_ascii=False), encoding="utf-8")
    total = sum(len(before[k][kind]) for k in before for kind in ("topics", "subtopics"))
    print(f"{len(found)} of {total} labels differ")
    return 0


def score(prefix: str) -> dict:
    key = json.loads(Path(f"{prefix}_key.json").read_text(encoding="utf-8"))
    counts = {"pairs": 0, "defects base": 0, "defects new": 0, "prefer new": 0, "prefer base": 0, "neither": 0}
    for line in Path(f"{prefix}_judged.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        n, first_defect, second_defect, preferred = map(int, line.split("\t")[:4])
        row = key[n]
        new_defect, base_defect = (first_defect, second_defect) if row["new_is_first"] else (second_defect, first_defect)
        counts["pairs"] += 1
        counts["defects base"] += base_defect
        counts["defects new"] += new_defect
        if preferred == 0:
            counts["neither"] += 1
        else:
            counts["prefer new" if (preferred == 1) == row["new_is_first"] else "prefer base"] += 1
    print(" | ".join(f"{k}: {v}" for k, v in counts.items()))
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.label_pairs", description=__doc__.splitlines()[0])
    steps = parser.add_subparsers(dest="step", required=True)
    step = steps.add_parser("dump", help="write the labels of this checkout")
    step.add_argument("--set", choices=("dev", "heldout", "heldout2", "heldout3", "heldout4"), default="heldout")
    step.add_argument("out", type=Path)
    step = steps.add_parser("pairs", help="blind pairs of the labels that differ")
    step.add_argument("base", type=Path)
    step.add_argument("new", type=Path)
    step.add_argument("prefix")
    step.add_argument("--seed", type=int, default=2026)
    step = steps.add_parser("score", help="count a reader's judgements")
    step.add_argument("prefix")
    args = parser.parse_args(argv)
    if args.step == "dump":
        dump(args.set, args.out)
    elif args.step == "pairs":
        return pairs(args.base, args.new, args.prefix, args.seed)
    else:
        score(args.prefix)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
