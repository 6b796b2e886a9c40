"""Header lines that differ only by codes, numbers and dates: what they did to a report, and what leaving them out costs.

Three measurements, each printed as a Markdown table; run each once with the code before a change and
once after (``PYTHONPATH=<checkout> python benchmarks/code_templates.py ...``: the script reads only the
package's public functions, so one copy of it measures both):

- ``report <folder>...``: from a report's topics.json, its units, topics, subtopics, the labels holding
  "Immediate Release", those holding "Operational Update" (topics and subtopics), those that are only a number
  ("Topic 7") and those that say they have no clear name;
- ``nmi``: paragraph-level NMI against the article's label (outliers one more cluster) of
  ``TopicModel(random_state=seed)`` on ISAF (all 724 releases, label = event type) and on fixed-seed
  samples of BBC News, AG News and 20 Newsgroups articles, cut into their paragraph units; seeds 0, 1, 2;
- ``cost``: CPU seconds of :func:`topics.text.wording.keyword_texts` (datelines, openers, repeated
  sentences; no cache) on every paragraph of 20 Newsgroups (the largest corpus here), median of 3;
  beside it the CPU seconds of ingesting the 18,331 messages (``load_corpus``, one run).

Embeddings are cached in ``artifacts/cache`` of the working folder (the same texts, the same vectors).
"""

from __future__ import annotations

import json
import re
import statistics
import sys
import time
from pathlib import Path

SAMPLES = {"bbc_news": 400, "ag_news": 1500, "20newsgroups": 500}
SEEDS = (0, 1, 2)
TEMPLATE_WORDS = ("immediate release", "operational update")


def report_counts(folder: Path) -> dict:
    document = json.loads((Path(folder) / "topics.json").read_text(encoding="utf-8"))
    topics = document["topics"]
    subtopics = [s for t in topics for s in t.get("subtopics", [])]
    labels = [t["label"] for t in topics] + [s["label"] for s in subtopics]
    return {
        "report": Path(folder).name,
        "units": sum(t["size"] for t in topics) + document["outliers"]["count"],
        "topics": len(topics),
        "subtopics": len(subtopics),
        **{f"'{w.title()}' labels": sum(w in label.lower() for label in labels) for w in TEMPLATE_WORDS},
        "'Topic N' labels": sum(bool(re.fullmatch(r"Topic \d+", label)) for label in labels),
        "'no clear name' labels": sum(label.endswith("(no clear name)") for label in labels),
    }


def _corpora():
    import pandas as pd

    from benchmarks.paths import SHARED_DATA

    newsgroups = pd.read_json(SHARED_DATA / "20newsgroups_bydate.jsonl.gz", lines=True).drop(columns=["text_raw"])
    return [
        ("isaf_press_releases", SHARED_DATA / "isaf_press_releases_test.jsonl"),
        ("bbc_news", pd.read_csv(SHARED_DATA / "bbc_news.csv").sample(n=SAMPLES["bbc_news"], random_state=0)),
        ("ag_news", pd.read_csv(SHARED_DATA / "ag_news_test.csv").sample(n=SAMPLES["ag_news"], random_state=0)),
        ("20newsgroups", newsgroups.sample(n=SAMPLES["20newsgroups"], random_state=0)),
    ]


def paragraph_nmi() -> list[dict]:
    import numpy as np
    from sklearn.metrics import normalized_mutual_info_score

    from topics.embedding.embed import Embedder, embed_units
    from topics.ingest.corpus import load_corpus
    from topics.modeling.model import TopicModel

    embedder = Embedder(show_progress=False)
    rows = []
    for name, source in _corpora():
        corpus = load_corpus(source)
        units = corpus.units("paragraph")
        embeddings = embed_units(corpus, "paragraph", embedder)
        label_of = dict(zip(corpus.articles["article_id"], corpus.articles["label"]))
        truth = [str(label_of[a]) if isinstance(label_of[a], str) else "" for a in units["article_id"]]
        scores, counts = [], []
        for seed in SEEDS:
            model = TopicModel(random_state=seed).fit(units, embeddings=embeddings)
            scores.append(normalized_mutual_info_score(truth, np.asarray(model.labels_)))
            counts.append(len(model.topic_ids_))
        rows.append({"corpus": name, "articles": len(corpus.articles), "units": len(units),
                     "topics (mean)": round(float(np.mean(counts)), 1),
                     "NMI mean": round(float(np.mean(scores)), 3), "NMI min–max": f"{min(scores):.3f}–{max(scores):.3f}"})
        print(rows[-1], flush=True)
    return rows


def sentence_step_cost() -> list[dict]:
    from topics.ingest.corpus import load_corpus
    from topics.text.wording import keyword_texts

    import pandas as pd

    from benchmarks.paths import SHARED_DATA

    frame = pd.read_json(SHARED_DATA / "20newsgroups_bydate.jsonl.gz", lines=True).drop(columns=["text_raw"])
    started = time.process_time()
    texts = load_corpus(frame).paragraphs["text"].tolist()
    ingest = time.process_time() - started
    seconds = []
    for _ in range(3):
        started = time.process_time()
        keyword_texts(texts)
        seconds.append(time.process_time() - started)
    return [{"corpus": "20 Newsgroups paragraphs", "texts": len(texts), "ingest CPU s (one run)": round(ingest, 1),
             "keyword_texts CPU s (median of 3)": round(statistics.median(seconds), 2),
             "min–max": f"{min(seconds):.2f}–{max(seconds):.2f}"}]


def _table(rows: list[dict]) -> str:
    head = list(rows[0])
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    lines += ["| " + " | ".join(str(row[k]) for k in head) + " |" for row in rows]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"report", "nmi", "cost"}:
        print(__doc__)
        return 2
    if argv[0] == "report":
        rows = [report_counts(Path(folder)) for folder in argv[1:]]
    elif argv[0] == "nmi":
        rows = paragraph_nmi()
    else:
        rows = sentence_step_cost()
    print(_table(rows))
    return 0


if __name__ == "__main__":
    sys.path.append(str(Path(__file__).resolve().parents[1]))  # benchmarks.paths, when run as a file (PYTHONPATH first)
    raise SystemExit(main(sys.argv[1:]))
