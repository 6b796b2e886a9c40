"""People's names found in labelled corpora, and how two versions of the finder differ.

``python -m benchmarks.people [--quick] [--against OLD.json] [--sample N]`` runs
:func:`topics.modeling.headlines.person_names` on the article texts of each corpus
(BBC News, an AG News sample, ISAF press releases, the NYT Afghanistan abstracts, a 20 Newsgroups
sample and the NYT Afghanistan full texts, read for evaluation only),
prints how many names it finds and writes them to ``artifacts/bench/people.json``.
With ``--against`` (the file of an earlier run, e.g. of another version of the code)
it also prints the names lost and gained, and for a seeded sample of each the
first sentence that writes the name, so that a reader can tell a person from a
place, group or thing. Read to judge, not scored: no list of true names exists.
"""

from __future__ import annotations

import json
import random
import re
import sys
import time

NOTES = "names: words person_names takes for people's names; lost / gained: against the --against run."


def corpora(quick: bool) -> list[tuple[str, object]]:
    import pandas as pd

    from benchmarks.paths import BBC_SAMPLE, SHARED_DATA
    from benchmarks.topic_quality import SAMPLE_SEED, SAMPLE_SIZE

    if quick:
        return [("bbc_sample (200)", BBC_SAMPLE)]
    return [
        ("bbc_news", SHARED_DATA / "bbc_news.csv"),
        ("ag_news (3k)", pd.read_csv(SHARED_DATA / "ag_news_test.csv").sample(n=SAMPLE_SIZE, random_state=SAMPLE_SEED)),
        ("isaf_press_releases", SHARED_DATA / "isaf_press_releases_test.jsonl"),
        ("nyt_afghanistan_abstracts", SHARED_DATA / "nyt_afghanistan_2020_2021_abstracts.csv"),
        ("20newsgroups (3k)", pd.read_json(SHARED_DATA / "20newsgroups_bydate.jsonl.gz", lines=True)
         .drop(columns=["text_raw"]).sample(n=SAMPLE_SIZE, random_state=SAMPLE_SEED)),
        ("nyt_afghanistan_fulltext", SHARED_DATA / "nyt_afghanistan_2020_2021_fulltext.jsonl.gz"),
    ]


def article_texts(source) -> list[str]:
    from topics.ingest.corpus import load_corpus

    return load_corpus(source).units("article")["text"].astype(str).tolist()


def example(texts: list[str], name: str, width: int = 90) -> str:
    """The first stretch of ``texts`` that writes ``name`` capitalised, on one line."""
    pattern = re.compile(r"(?<![\w'-])" + re.escape(name[:1].upper() + name[1:]) + r"(?![\w-])", re.IGNORECASE)
    for text in texts:
        match = pattern.search(text)
        if match and match.group(0)[:1].isupper():
            start = max(0, match.start() - width // 2)
            return " ".join(text[start : match.end() + width // 2].split())
    return ""


def run(quick: bool = False, against: dict | None = None, sample: int = 40, names: bool = False) -> list[dict]:
    """One row per corpus; ``names``: with the names found (``found``), as the script's record keeps them
    for a later ``--against`` (``benchmarks.run`` prints rows as tables, so it leaves them out)."""
    from topics.modeling.headlines import person_names

    rows = []
    for name, source in corpora(quick):
        texts = article_texts(source)
        started = time.perf_counter()
        found = person_names(texts)
        seconds = time.perf_counter() - started
        row = {"corpus": name, "texts": len(texts), "names": len(found), "seconds": round(seconds, 2)}
        if names:
            row["found"] = sorted(found)
        if against is not None and name in against:
            before = set(against[name])
            lost, gained = sorted(before - found), sorted(found - before)
            row.update(names_before=len(before), lost=len(lost), gained=len(gained))
            draw = random.Random(0)
            for kind, words in (("lost", lost), ("gained", gained)):
                shown = sorted(draw.sample(words, min(sample, len(words))))
                row[f"{kind}_examples"] = {w: example(texts, w) for w in shown}
        rows.append(row)
        print(f"  {name}: {len(found)} names, {seconds:.1f} s", file=sys.stderr, flush=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    from benchmarks.run import markdown_table, script_parser, write_record

    parser = script_parser("people", __doc__, "the BBC sample only")
    parser.add_argument("--against", help="people.json of an earlier run: print the names lost and gained")
    parser.add_argument("--sample", type=int, default=40, help="names lost / gained shown per corpus (seeded draw)")
    args = parser.parse_args(argv)
    against = None
    if args.against:
        earlier = json.loads(open(args.against, encoding="utf-8").read())
        against = {row["corpus"]: row["found"] for row in earlier["results"]}
    started = time.perf_counter()
    rows = run(args.quick, against, args.sample, names=True)
    write_record(args.out, "people", "python -m benchmarks.people" + (" --quick" if args.quick else ""),
                 rows, started, NOTES, quick=args.quick)
    shown = ("found", "lost_examples", "gained_examples")
    print(markdown_table([{k: v for k, v in row.items() if k not in shown} for row in rows]))
    for row in rows:
        for kind in ("lost", "gained"):
            for word, text in row.get(f"{kind}_examples", {}).items():
                print(f"{row['corpus']} {kind}: {word!s:<16} {text!s}")  # printed as plain text
    print(NOTES)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
