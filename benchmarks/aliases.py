"""Mined aliases read against labels: does each name an alias group rewrites really name the same thing?

:func:`topics.text.alias_mining.mine_aliases` rewrites every name of a group to the group's canonical
spelling wherever words are compared (keywords, lexical lookup, theme keywords, the clustering's words),
so a wrong pair costs more than a missed one: "IBM (Used)" read as a definition made every "IBM" of a
20 Newsgroups sample the word "used". Each corpus is mined as a fit mines it (its paragraphs); every
(canonical, name) pair of every group is then looked up in ``benchmarks/data/alias_pairs.csv``, where a
reader judged whether the two name one thing ("right") or not ("wrong"). Pairs no one has judged yet are
counted (``--list`` lists them, to be read and added to the file). The file holds every pair that the
rules of November 2026 added or removed, and a random 100 of the pairs they kept.

Corpora from ``$TOPICS_DATA_DIR`` (else ../shared/data): a 4,000-message sample of 20 Newsgroups, AG News,
BBC News, the NYT Afghanistan full texts (evaluation only), the ISAF press releases; and the seeds.

    TOPICS_DATA_DIR=<data> python -m benchmarks.aliases [--list]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import random
import sys
from pathlib import Path

from benchmarks.paths import ROOT, SHARED_DATA

LABELS = ROOT / "benchmarks" / "data" / "alias_pairs.csv"


def _paragraphs(texts) -> list[str]:
    return [p for text in texts for p in str(text).split("\n\n") if p.strip()]


def corpora() -> dict[str, list[str]]:
    """Corpus name -> its paragraphs, as a fit mines them (those whose files are here)."""
    found = {}
    path = SHARED_DATA / "20newsgroups_bydate.jsonl.gz"
    if path.exists():
        rows = [json.loads(line) for line in gzip.open(path, "rt", encoding="utf-8")]
        random.Random(1).shuffle(rows)
        found["20ng"] = _paragraphs(r["text"] for r in rows[:4000])
    for name, file in [("ag", "ag_news_test.csv"), ("bbc", "bbc_news.csv")]:
        if (SHARED_DATA / file).exists():
            with open(SHARED_DATA / file, encoding="utf-8", newline="") as handle:
                found[name] = _paragraphs(r["text"] for r in csv.DictReader(handle))
    path = SHARED_DATA / "nyt_afghanistan_2020_2021_fulltext.jsonl.gz"
    if path.exists():
        found["nyt"] = _paragraphs(json.loads(line)["text"] for line in gzip.open(path, "rt", encoding="utf-8"))
    path = SHARED_DATA / "isaf_press_releases_test.jsonl"
    if path.exists():
        found["isaf"] = _paragraphs(json.loads(line)["text"] for line in open(path, encoding="utf-8"))
    found["seeds"] = _paragraphs(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    return found


def pairs(texts: list[str]) -> list[tuple[str, str, str]]:
    """(canonical, name, evidence) for every other name of every group mined from ``texts``."""
    from topics.text.alias_mining import mine_aliases

    return [(g.canonical, name, " | ".join(g.evidence)[:160]) for g in mine_aliases(texts).groups
            for name in g.names if name != g.canonical]


def read_labels() -> dict[tuple[str, str, str], str]:
    """(corpus, canonical, name) -> "right" / "wrong", names compared without case and spacing."""
    with open(LABELS, encoding="utf-8", newline="") as handle:
        return {(r["corpus"], _key(r["canonical"]), _key(r["name"])): r["verdict"] for r in csv.DictReader(handle)}


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="list every pair with its verdict (else the wrong ones)")
    args = parser.parse_args(argv)
    labels = read_labels()
    rows = []
    for corpus, texts in corpora().items():
        found = pairs(texts)
        verdicts = [labels.get((corpus, _key(c), _key(n))) or labels.get((corpus, _key(n), _key(c))) for c, n, _ in found]
        right, wrong = verdicts.count("right"), verdicts.count("wrong")
        rows.append((corpus, len(texts), len(found), right, wrong, len(found) - right - wrong))
        for (canonical, name, evidence), verdict in zip(found, verdicts):
            if args.list or verdict == "wrong":
                print(f"  {corpus:6} {verdict or 'unjudged':8} {canonical!r} <- {name!r}   {evidence}")
    print(f"\n{'corpus':8} {'texts':>7} {'pairs':>6} {'right':>6} {'wrong':>6} {'unjudged':>9}")
    for corpus, n_texts, n_pairs, right, wrong, unjudged in rows:
        print(f"{corpus:8} {n_texts:7d} {n_pairs:6d} {right:6d} {wrong:6d} {unjudged:9d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
