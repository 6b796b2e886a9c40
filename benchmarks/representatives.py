"""Representatives a reader can use: topics' and subtopics' representative units, nearest alone or readable.

``python -m benchmarks.representatives [--quick] [--show]`` fits ``find_topics`` (paragraph level,
``random_state=42``) on 20 Newsgroups (8 groups x 150 messages, seed 1), AG News (1,500 of the test split,
seed 1), the ISAF press releases, BBC News and the NYT Afghanistan full texts (evaluation only, read where
they lie), and chooses every topic's and subtopic's three representatives twice on the same fit: the units
nearest the centre (the earlier rule) and the nearest readable ones (:mod:`topics.modeling.representatives`).
Counts the representatives of under six words (tokens of letters) and the changed ones, with the mean
cosine of a changed group's three representatives to its centre, before and after. ``--show`` prints
every changed group's representatives; ``--quick`` runs 20 Newsgroups alone.
"""

from __future__ import annotations

import csv
import gzip
import json
import random
import sys
import time

import numpy as np
import pandas as pd

NOTES = ("groups: topics and subtopics; under_6: representatives of under six words (tokens of letters; topic_: the "
         "topics' alone); changed: "
         "representatives not chosen by the nearest-only rule; cosine_before/after: mean cosine of a changed group's "
         "representatives to its centre.")
NEWSGROUPS = ["alt.atheism", "comp.graphics", "rec.autos", "rec.sport.hockey", "sci.med", "sci.space",
              "talk.politics.guns", "soc.religion.christian"]


def corpora(quick: bool):
    """(name, DataFrame) of each corpus, the samples drawn as the report readings drew them."""
    from benchmarks.paths import SHARED_DATA

    random.seed(1)
    messages = [json.loads(line) for line in gzip.open(SHARED_DATA / "20newsgroups_bydate.jsonl.gz", "rt", encoding="utf-8")]
    picked = [m for group in NEWSGROUPS for m in random.sample([m for m in messages if m["label"] == group], 150)]
    yield "20 Newsgroups 1,200", pd.DataFrame(picked)[["id", "title", "text", "label"]]
    if quick:
        return
    with open(SHARED_DATA / "ag_news_test.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    random.seed(1)
    yield "AG News 1,500", pd.DataFrame(random.sample(rows, 1500))[["id", "title", "text", "label"]]
    yield "ISAF releases", pd.read_json(SHARED_DATA / "isaf_press_releases_test.jsonl", lines=True)[["id", "date", "text", "label"]]
    yield "BBC News", pd.read_csv(SHARED_DATA / "bbc_news.csv")
    yield "NYT full texts", pd.read_json(SHARED_DATA / "nyt_afghanistan_2020_2021_fulltext.jsonl.gz", lines=True)


def fitted(names: list[str]):
    """(name, model with its subtopics, unit texts) of each corpus whose name's first word is in ``names``
    (all when empty): one ``find_topics`` fit each (paragraph level, ``random_state=42``)."""
    import benchmarks.paths  # noqa: F401  (offline settings)
    from topics.pipeline import find_topics

    for name, frame in corpora(quick=False):
        if names and name.split()[0] not in names:
            continue
        model = find_topics(frame, level="paragraph", random_state=42).model
        model.subtopics()
        yield name, model, model.units_["text"].astype(str).tolist()


def groups(model):
    """(name, member rows, centre) of every topic and subtopic."""
    from topics.modeling.cluster import topic_centroids

    found = [(f"topic {t}", np.flatnonzero(model.labels_ == t), model.topic_embeddings_[row])
             for row, t in enumerate(model.topic_ids_)]
    info = model.document_info()
    for (topic, part), rows in info.groupby(["topic_id", "subtopic"]).indices.items():
        if topic >= 0 and part >= 0:
            found.append((f"subtopic {topic}.{part}", np.sort(rows), None))
    return [(name, rows, centre if centre is not None else topic_centroids(model.embeddings_[rows], np.zeros(len(rows)), np.array([0]))[0])
            for name, rows, centre in found]


def compare(model, show: bool) -> dict:
    from topics.modeling.representatives import representative_units, word_count

    texts = model.units_["text"].astype(str).tolist()
    counts = {"groups": 0, "representatives": 0, "under_6_before": 0, "under_6_after": 0, "topic_under_6_before": 0,
              "topic_under_6_after": 0, "changed": 0, "groups_changed": 0}
    before_cos, after_cos = [], []
    for name, rows, centre in groups(model):
        args = (np.zeros(len(rows)), np.array([0]), model.embeddings_[rows], centre[None, :], model.n_representatives)
        old = rows[representative_units(*args)[0]]
        new = rows[representative_units(*args, [texts[i] for i in rows])[0]]
        counts["groups"] += 1
        counts["representatives"] += len(new)
        counts["under_6_before"] += sum(word_count(texts[i]) < 6 for i in old)
        counts["under_6_after"] += sum(word_count(texts[i]) < 6 for i in new)
        if name.startswith("topic"):  # the topic cards' alone
            counts["topic_under_6_before"] += sum(word_count(texts[i]) < 6 for i in old)
            counts["topic_under_6_after"] += sum(word_count(texts[i]) < 6 for i in new)
        changed = [i for i in new if i not in set(old)]
        if changed:
            counts["changed"] += len(changed)
            counts["groups_changed"] += 1
            cosine = lambda chosen: float(np.mean(np.asarray(model.embeddings_[chosen], dtype=np.float64) @ centre))  # noqa: E731
            before_cos.append(cosine(old))
            after_cos.append(cosine(new))
            if show:
                print(f"== {name} ({len(rows)} units)")
                for tag, chosen in (("before", old), ("after", new)):
                    for i in chosen:
                        print(f"  {tag}: {texts[i][:160]!r}")
    counts["cosine_before"] = round(float(np.mean(before_cos)), 3) if before_cos else None
    counts["cosine_after"] = round(float(np.mean(after_cos)), 3) if after_cos else None
    return counts


def run(quick: bool = False, show: bool = False) -> list[dict]:
    import benchmarks.paths  # noqa: F401  (offline settings)
    from topics.pipeline import find_topics

    rows = []
    for name, frame in corpora(quick):
        started = time.perf_counter()
        result = find_topics(frame, level="paragraph", random_state=42)
        if show:
            print(f"# {name}")
        rows.append({"corpus": name, "units": len(result.model.units_), **compare(result.model, show),
                     "seconds": round(time.perf_counter() - started, 1)})
        print(f"  {name}: {rows[-1]}", file=sys.stderr, flush=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    from benchmarks.run import markdown_table, script_parser, write_record

    parser = script_parser("representatives", __doc__, "20 Newsgroups alone")
    parser.add_argument("--show", action="store_true", help="print every changed group's representatives")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    rows = run(args.quick, args.show)
    write_record(args.out, "representatives", "python -m benchmarks.representatives" + (" --quick" if args.quick else ""),
                 rows, started, NOTES, quick=args.quick)
    print(markdown_table(rows))
    print(NOTES)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
