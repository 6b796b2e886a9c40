"""Paragraphs republished in an article dated otherwise: how many ingest folds into their first copy.

Every duplicate paragraph is folded into its first copy (the first occurrence is kept); one whose article is
dated otherwise loses its date from the corpus. The ingest summary's ``paragraphs_dated_apart`` counts them
(before, only whole articles dated apart were said). Corpora from ``$TOPICS_DATA_DIR`` (else ../shared/data):
BBC News, the ISAF press releases; further files by path (anything ``topics ingest`` reads).

    TOPICS_DATA_DIR=<data> python -m benchmarks.republished_paragraphs [NAME=PATH ...]
"""

from __future__ import annotations

import sys
import warnings

from benchmarks.paths import SHARED_DATA
from topics import load_corpus

CORPORA = {"bbc": "bbc_news.csv", "isaf": "isaf_press_releases_test.jsonl"}


def main(argv=None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    paths = {name: SHARED_DATA / file for name, file in CORPORA.items() if (SHARED_DATA / file).exists()}
    paths.update(dict(spec.split("=", 1) for spec in argv))
    print("| corpus | articles | duplicate paragraphs | said before: articles dated apart | said after: + paragraphs dated apart | example |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, path in paths.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            corpus = load_corpus(path)
        summary = corpus.summary()
        apart = summary["paragraphs_dated_apart"]
        example = apart["examples"][0] if apart["examples"] else "–"
        print(f"| {name} | {summary['articles']} | {summary['duplicate_paragraphs']} | {len(summary['duplicates_dated_apart'])} "
              f"| {apart['count']} | {example} |")


if __name__ == "__main__":
    main()
