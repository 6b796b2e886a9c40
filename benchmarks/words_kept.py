"""Where ingest puts each article's words: in a unit's text, only in a sub-heading, dropped and listed, or nowhere.

``python -m benchmarks.words_kept [--quick]`` prints a Markdown table and writes
``artifacts/bench/words_kept.json``. For each table corpus (the labelled ones in ``$TOPICS_DATA_DIR``,
plus any JSON-lines or CSV tables named in ``$TOPICS_WORDS_KEPT_EXTRA``, comma-separated, such as a
wire corpus of one's own), every article's words as its text cell writes them (split at white space)
are looked for, as a bag, in its paragraphs' text (what is embedded, clustered and named), then in its
paragraphs' sections (sub-headings: kept as context, not read as text), then in its dropped lines.
Words found in none went with a duplicate paragraph or by joining and splitting ("word." and "word"
count apart). Also: paragraphs per article and the lines dropped as sign-offs.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from benchmarks.paths import ROOT, SHARED_DATA

NOTES = ("in units: share of the articles' words in their paragraphs' text; in sections only: found only in a "
         "sub-heading over paragraphs; dropped and listed: in `dropped_lines`; nowhere: in none of these.")


def corpora(quick: bool) -> list[tuple[str, Path]]:
    found = [("bbc_sample (tests)", ROOT / "tests" / "data" / "bbc_sample.csv")]
    if not quick:
        found += [(name, SHARED_DATA / file) for name, file in (
            ("bbc_news", "bbc_news.csv"), ("isaf_press_releases", "isaf_press_releases_test.jsonl"),
            ("20newsgroups", "20newsgroups_bydate.jsonl.gz"))]
    extra = [Path(p) for p in os.environ.get("TOPICS_WORDS_KEPT_EXTRA", "").split(",") if p.strip()]
    return [(name, path) for name, path in found + [(p.stem, p) for p in extra] if path.exists()]


def _table(path: Path) -> list[dict]:
    """The rows of a JSON-lines (optionally gzipped) or CSV table."""
    import pandas as pd

    if path.suffix == ".csv":
        return pd.read_csv(path, dtype=str, keep_default_na=False).to_dict("records")
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _bags(ids, texts) -> dict[str, Counter]:
    bags: dict[str, Counter] = {}
    for article_id, text in zip(ids, texts):
        bags.setdefault(article_id, Counter()).update(str(text).split())
    return bags


def words_row(name: str, path: Path) -> dict:
    from topics.ingest.corpus import load_corpus

    started = time.process_time()
    rows = _table(path)
    with tempfile.TemporaryDirectory() as folder:
        if name == "20newsgroups":  # only the columns the corpus has in common with the others (no raw message)
            rows = [{k: r[k] for k in ("id", "title", "text", "label")} for r in rows]
            path = Path(folder) / "20newsgroups.jsonl"
            path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
        corpus = load_corpus(path)
    seconds = time.process_time() - started
    paragraphs = corpus.paragraphs
    text = _bags(paragraphs["article_id"], paragraphs["text"])
    sections = paragraphs.dropna(subset=["section"])
    section = _bags(sections["article_id"], sections["section"])
    dropped = _bags(corpus.dropped_lines["article_id"], corpus.dropped_lines["line"])
    raw = {str(r["id"]): str(r["text"]) for r in rows}
    total = in_units = in_sections = in_dropped = 0
    for article_id, kept in text.items():
        wanted = Counter(raw[article_id].split())
        total += sum(wanted.values())
        in_units += sum((wanted & kept).values())
        rest = wanted - kept
        in_sections += sum((rest & section.get(article_id, Counter())).values())
        rest -= section.get(article_id, Counter())
        in_dropped += sum((rest & dropped.get(article_id, Counter())).values())
    sign_offs = int((corpus.dropped_lines["reason"] == "sign-off repeated at the end of articles").sum())
    return {"corpus": name, "articles": len(text), "words": total, "paragraphs per article": round(len(paragraphs) / len(text), 2),
            "in units": round(in_units / total, 4), "in sections only": round(in_sections / total, 4),
            "dropped and listed": round(in_dropped / total, 4), "nowhere": round((total - in_units - in_sections - in_dropped) / total, 4),
            "sign-offs dropped": sign_offs, "ingest CPU s": round(seconds, 1)}


def run(quick: bool = False) -> list[dict]:
    return [words_row(name, path) for name, path in corpora(quick)]


def main(argv: list[str] | None = None) -> int:
    from benchmarks.run import run_standalone

    return run_standalone("words_kept", __doc__, run, NOTES, "the BBC sample of tests/data only", argv)


if __name__ == "__main__":
    sys.exit(main())
