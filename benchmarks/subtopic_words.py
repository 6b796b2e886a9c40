"""Subtopic keywords made of the corpus's everyday words, on corpora of paragraphs.

``python -m benchmarks.subtopic_words [--out FILE]`` fits ``find_topics(level="paragraph")`` (the defaults of
``topics report --level paragraph``) on four public corpora read from the shared data folder and prints, per
corpus, how many of the first six keywords of every subtopic (and of the ten of every topic) are words written
in at least a tenth of all paragraphs ("afghan", "coalition" in the ISAF releases: they repeat the corpus, they
do not tell a subtopic apart), with the NPMI of the subtopics' ten keywords (co-occurrence in paragraphs,
:func:`benchmarks.topic_quality.npmi_coherence`) and the share of subtopic labels holding a junk word
(:func:`benchmarks.labels.is_junk`: a contraction fragment, month, weekday or dateline word). ``--out`` writes every topic's and subtopic's label and keywords as JSON, so two
runs (one with ``PYTHONPATH`` at an older copy of the package) can be compared label by label.

Corpora: ISAF press releases (724), AG News (1,500 drawn with ``random.seed(1)``), 20 Newsgroups (150 of each
of eight groups, ``random.seed(1)``), BBC News (every fifth article: 425).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import random
import re

import pandas as pd

from benchmarks.paths import SHARED_DATA

COMMON_SHARE = 0.10  # a word written in this share of all paragraphs is the corpus's everyday word
SUBTOPIC_KEYWORDS = 6  # the first keywords a reader sees on a subtopic's card
GROUPS = ["alt.atheism", "comp.graphics", "rec.autos", "rec.sport.hockey", "sci.med", "sci.space",
          "talk.politics.guns", "soc.religion.christian"]


def corpora() -> dict[str, pd.DataFrame]:
    """The four corpora as tables (id, title, date, text, label)."""
    ag = list(csv.DictReader(open(SHARED_DATA / "ag_news_test.csv", encoding="utf-8")))
    random.seed(1)
    ag = random.sample(ag, 1500)
    with gzip.open(SHARED_DATA / "20newsgroups_bydate.jsonl.gz", "rt", encoding="utf-8") as f:
        messages = [json.loads(line) for line in f]
    random.seed(1)
    newsgroups = [row for group in GROUPS for row in random.sample([m for m in messages if m["label"] == group], 150)]
    isaf = pd.read_json(SHARED_DATA / "isaf_press_releases_test.jsonl", lines=True)
    bbc = pd.read_csv(SHARED_DATA / "bbc_news.csv").iloc[::5]
    return {
        "isaf": isaf[["id", "date", "text", "label"]],
        "ag": pd.DataFrame(ag)[["id", "title", "text", "label"]],
        "ng": pd.DataFrame(newsgroups)[["id", "title", "text", "label"]],
        "bbc": bbc[["id", "title", "text", "label"]].reset_index(drop=True),
    }


def described(model) -> list[dict]:
    """Every topic's label and keywords, with its subtopics'."""
    subtopics = model.subtopics()
    rows = []
    for topic, info in model.topic_info().set_index("topic_id").iterrows():
        if int(topic) < 0:
            continue
        parts = subtopics[subtopics["topic_id"] == topic]
        rows.append({"topic_id": int(topic), "label": info["label"], "keywords": list(info["keywords"]),
                     "subtopics": [{"subtopic": int(p.subtopic), "label": p.label, "keywords": list(p.keywords)}
                                   for p in parts.itertuples()]})
    return rows


def common_counts(texts: list[str], topics: list[dict]) -> dict:
    """Keywords (topics: all; subtopics: the first six) that are words in ``COMMON_SHARE`` of ``texts``."""
    lowered = [str(t).lower() for t in texts]
    shares: dict[str, float] = {}

    def common(term: str) -> bool:
        if term not in shares:
            pattern = re.compile(r"\b" + re.escape(term.lower()) + r"\b")
            shares[term] = sum(1 for t in lowered if pattern.search(t)) / max(len(lowered), 1)
        return shares[term] >= COMMON_SHARE

    from benchmarks.labels import dateline_words, is_junk
    from benchmarks.topic_quality import npmi_coherence

    datelines = dateline_words(texts)
    sub_labels = [s["label"] for t in topics for s in t["subtopics"]]
    topic_words = [k for t in topics for k in t["keywords"]]
    sub_words = [k for t in topics for s in t["subtopics"] for k in s["keywords"][:SUBTOPIC_KEYWORDS]]
    return {"topics": len(topics), "subtopics": sum(len(t["subtopics"]) for t in topics),
            "topic_common": sum(map(common, topic_words)), "topic_keywords": len(topic_words),
            "subtopic_common": sum(map(common, sub_words)), "subtopic_keywords": len(sub_words),
            "subtopic_npmi": npmi_coherence([s["keywords"] for t in topics for s in t["subtopics"] if s["keywords"]], texts),
            "subtopic_label_junk": sum(is_junk(label, datelines) for label in sub_labels) / max(len(sub_labels), 1)}


def run() -> dict[str, dict]:
    from topics.pipeline import find_topics

    found = {}
    for name, table in corpora().items():
        result = find_topics(table, level="paragraph")
        topics = described(result.model)
        texts = result.model.units_["text"].astype(str).tolist()
        found[name] = {"counts": common_counts(texts, topics), "topics": topics}
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", help="write every label and keyword here (JSON)")
    args = parser.parse_args(argv)
    found = run()
    print("| corpus | topics | subtopics | topic keywords in >= 10 % of paragraphs | subtopic keywords (first 6) in >= 10 % "
          "| subtopic keyword NPMI | subtopic label_junk |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name, row in found.items():
        c = row["counts"]
        print(f"| {name} | {c['topics']} | {c['subtopics']} | {c['topic_common']} / {c['topic_keywords']} "
              f"| {c['subtopic_common']} / {c['subtopic_keywords']} | {c['subtopic_npmi']:.3f} | {c['subtopic_label_junk']:.3f} |")
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            json.dump(found, f, indent=1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
