"""Lookup's "no close match" flag on small corpora: subsamples of BBC News, ISAF and AG News.

The questions (``benchmarks/data/closeness_questions.json``) are those the flag was measured with
(docs/benchmarks.md, "Lookup says when nothing is close"): per corpus, questions paraphrasing one article's
title (right: that article ranked first) and questions the corpus is not about, and the sampled articles of
BBC News (600) and AG News (1,000). Each corpus is cut to ``sizes`` articles, ``draws`` times: a draw keeps
the target articles of up to half its size of the in-corpus questions (all when they fit; the rest at
random), and asks those questions and every off-corpus one (article level, k=3). Size 0 is the whole corpus.

Prints, per corpus and size, right top hits flagged and off-corpus questions flagged, each with the
questions whose closeness could not be judged ("n/a") and the number asked.

Run: ``TOPICS_CACHE_DIR=<cache> python -m benchmarks.closeness_sizes [sizes] [draws]``, e.g.
``python -m benchmarks.closeness_sizes 5,10,15,20,30,50,100,0 8``.
Not part of ``benchmarks.run``: answered in docs/benchmarks.md ("closeness on small corpora").
"""

from __future__ import annotations

import json
import math
import sys

import numpy as np
import pandas as pd

from benchmarks.paths import ROOT, SHARED_DATA  # also sets the offline settings

QUESTIONS = ROOT / "benchmarks" / "data" / "closeness_questions.json"


def corpus_table(spec: dict) -> pd.DataFrame:
    """The corpus the questions were written for: the file, cut to the sampled ids in their order."""
    path = SHARED_DATA / spec["file"]
    table = pd.read_json(path, lines=True) if path.suffix == ".jsonl" else pd.read_csv(path, keep_default_na=False)
    if "ids" in spec:
        table = table.set_index("id").loc[spec["ids"]].reset_index()
    return table


def draw_mask(units: pd.DataFrame, article_ids: list, targets: list, size: int, rng) -> tuple[np.ndarray, list]:
    """Units of ``size`` articles holding up to half as many question targets; and the targets kept."""
    kept_targets = list(rng.permutation(targets)[:min(len(targets), math.ceil(size / 2))])
    others = [a for a in article_ids if a not in set(kept_targets)]
    kept = set(kept_targets) | set(rng.permutation(others)[:size - len(kept_targets)])
    return units["article_id"].isin(kept).to_numpy(), kept_targets


def run(sizes=(5, 10, 15, 20, 30, 50, 100, 0), draws: int = 8) -> pd.DataFrame:
    from topics.embedding.embed import Embedder
    from topics.ingest.corpus import load_corpus
    from topics.search.index import Index

    embedder, rows = Embedder(show_progress=False), []
    for name, spec in json.loads(QUESTIONS.read_text()).items():
        whole = Index.from_corpus(load_corpus(corpus_table(spec)), embedder)
        units, vectors, article_ids = whole.units, whole.embeddings, list(whole._article_ids)
        targets = [target for _, target in spec["in"]]
        for size in sizes:
            for draw in range(draws if size else 1):
                if size:
                    mask, kept = draw_mask(units, article_ids, targets, size, np.random.default_rng(1000 * size + draw))
                    index = Index(units[mask].reset_index(drop=True), vectors[mask], embedder)
                else:
                    kept, index = targets, whole
                asked = [(q, t) for q, t in spec["in"] if t in kept] + [(q, None) for q in spec["off"]]
                for (question, target), hits in zip(asked, index.search_many([q for q, _ in asked], k=3)):
                    rows.append({"corpus": name, "size": size, "draw": draw, "off": target is None,
                                 "right": hits["article_id"].iloc[0] == target, "flag": hits.attrs["no_close_match"]})
    return pd.DataFrame(rows)


def summary(results: pd.DataFrame) -> pd.DataFrame:
    def cell(flags: pd.Series) -> str:
        unread = int(flags.isna().sum())
        return f"{int((flags == True).sum())}" + (f" ({unread} n/a)" if unread else "") + f" of {len(flags)}"  # noqa: E712

    rows = []
    for (corpus, size), group in results.groupby(["corpus", "size"], sort=False):
        rows.append({"corpus": corpus, "articles": size or "all", "right top hit flagged": cell(group[group.right]["flag"]),
                     "off-corpus flagged": cell(group[group.off]["flag"])})
    return pd.DataFrame(rows)


if __name__ == "__main__":
    chosen = tuple(int(s) for s in sys.argv[1].split(",")) if len(sys.argv) > 1 else (5, 10, 15, 20, 30, 50, 100, 0)
    table = summary(run(chosen, int(sys.argv[2]) if len(sys.argv) > 2 else 8))
    print("| " + " | ".join(table.columns) + " |\n|" + " --- |" * len(table.columns))
    for row in table.itertuples(index=False):
        print("| " + " | ".join(map(str, row)) + " |")
