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

    TOPICS_DATA_DIR=<data> python -m benchmarks.aliases [--list] [--corpus FILE ...]

``--evidence`` prints, per corpus, the definitions chance alone would write together in 5 texts or more (texts
with each name and with both, the defining texts left out, against chance), and the largest share of texts the
other names of one group are written in (what keyword cleaning rewrites).
``--corpus`` adds a corpus file (any form ``topics ingest`` reads; named by its file name), mined as a fit
mines it: its paragraphs.
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


def definition_evidence(texts: list[str]) -> list[str]:
    """One line per definition of ``texts`` whose names chance alone would write together in 5 texts or more."""
    from topics.text.alias_definitions import WORD_FORMS, defined_names, kept_definitions, wire_credits
    from topics.text.alias_mining import read_texts

    texts = read_texts(texts)
    defining: dict[tuple, set[int]] = {}
    for row, text in enumerate(texts):
        for d in defined_names(text):
            defining.setdefault(d[:2], set()).add(row)
    definitions = [d for text in texts for d in defined_names(text)]
    folded = [t.casefold() for t in texts]
    kept = kept_definitions(definitions, {w for t in texts for w in WORD_FORMS.findall(t)}, wire_credits(texts))
    lines = []
    for name, other, kind in sorted({(d[0], d[1], d[3]) for d in kept}):
        apart = defining[(name, other)]
        one, two = (_rows(texts, folded, n) - apart for n in (name, other))
        expected = len(one) * len(two) / max(1, len(texts) - len(apart))
        if expected >= 5:
            lines.append(f"{kind:13} {name!r} = {other!r}: {len(one)} and {len(two)} texts, both {len(one & two)}, "
                         f"chance {expected:.0f}")
    return lines


def rewrite_share(texts: list[str]) -> str:
    """The group whose other names ``texts`` write in the largest share of texts, with that share."""
    from topics.text.alias_mining import mine_aliases

    folded = [t.casefold() for t in texts]
    shares = [(len(_rows(texts, folded, n)) / max(1, len(texts)), n, g.canonical)
              for g in mine_aliases(texts).groups for n in g.names if n != g.canonical]
    share, name, canonical = max(shares, default=(0.0, "", ""))
    return f"largest rewrite: {name!r} -> {canonical!r} in {share:.1%} of texts"


def _rows(texts: list[str], folded: list[str], name: str) -> set[int]:
    """The texts that write ``name`` (its first word as a substring first: the pattern is the cost)."""
    from topics.text.alias_mining import _first_word, _name_pattern

    first, pattern = _first_word(name), _name_pattern(name)
    return {row for row, text in enumerate(texts) if first in folded[row] and pattern.search(text)}


def read_labels() -> dict[tuple[str, str, str], str]:
    """(corpus, canonical, name) -> "right" / "wrong", names compared without case and spacing."""
    with open(LABELS, encoding="utf-8", newline="") as handle:
        return {(r["corpus"], _key(r["canonical"]), _key(r["name"])): r["verdict"] for r in csv.DictReader(handle)}


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="list every pair with its verdict (else the wrong ones)")
    parser.add_argument("--evidence", action="store_true", help="print the definitions chance would judge, and rewrite shares")
    parser.add_argument("--corpus", action="append", default=[], help="another corpus file to mine (repeatable)")
    args = parser.parse_args(argv)
    labels = read_labels()
    rows = []
    found_corpora = corpora()
    for path in args.corpus:
        from topics.ingest.corpus import load_corpus

        found_corpora[Path(path).stem.lower()] = load_corpus(path).paragraphs["text"].tolist()
    for corpus, texts in found_corpora.items():
        if args.evidence:
            print(f"{corpus}: {rewrite_share(texts)}", *(f"  {line}" for line in definition_evidence(texts)), sep="\n")
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
