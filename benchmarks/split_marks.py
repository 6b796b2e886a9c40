"""What keeping the closing quotes and brackets at sentence ends changes in ingest and in the embedding cache.

The paragraph splitter cut a long paragraph after a sentence end and dropped the quotes and brackets that
closed the sentence (``He said: "We will stay." Then …`` lost the ``"``). For each corpus this loads it
twice, with the former splitter (reference, below) and with ``topics``' own, and counts

- paragraphs: the corpus's paragraph units; split: the distinct paragraphs longer than ``MAX_WORDS`` words,
  and the pieces they are cut into;
- changed: paragraph units whose text differs between the two (matched by ``paragraph_id``), and the
  characters the former splitter lost in them (the ids and the number of pieces never change);
- new texts: the distinct paragraph texts the former run did not have, which the embedding cache (keyed
  by the text) embeds again;
- articles / windows changed: article units longer than the model window (split into pieces that fit,
  :mod:`topics.embedding.window`, when a whole article is embedded as one text) and how many of their
  pieces' texts are new, each embedded again.

Corpora from ``$TOPICS_DATA_DIR``: the ISAF press releases, the NYT full-text articles, BBC News.

Run: ``python -m benchmarks.split_marks [--quick]`` (``--quick``: ISAF only), or ``python -m benchmarks.run --only split_marks``.
"""

from __future__ import annotations

import re
import sys
from contextlib import contextmanager

from benchmarks.paths import SHARED_DATA  # also sets the offline settings
from topics.ingest.paragraphs import split_long  # bound here: ingest's name is swapped while measuring

CORPORA = {
    "isaf": SHARED_DATA / "isaf_press_releases_test.jsonl",
    "nyt_fulltext": SHARED_DATA / "nyt_afghanistan_2020_2021_fulltext.jsonl.gz",
    "bbc": SHARED_DATA / "bbc_news.csv",
}


def former_split_long(text: str, max_words: int, **options) -> list[str]:
    """How a long paragraph was split before (reference only): the quotes and brackets after a
    sentence end were part of the separator, and lost."""
    return split_long(text, max_words, sentences=lambda text: re.split(r"(?<=[.!?…])[\"'”’)\]]*\s+", text), **options)


@contextmanager
def splitter(split):
    """Ingest and the window split with ``split`` in place of ``topics``' own."""
    from topics.ingest import paragraphs

    own = paragraphs.split_long
    paragraphs.split_long = split
    try:
        yield
    finally:
        paragraphs.split_long = own


def counted(pieces: dict[str, int]):
    """``topics``' splitter, noting in ``pieces`` how many pieces each paragraph it splits gives."""

    def split(text, max_words, **options):
        out = split_long(text, max_words, **options)
        if len(out) > 1:
            pieces[text] = len(out)
        return out

    return split


def _nonspace(text: str) -> int:
    return len("".join(text.split()))


def measure(quick: bool = False) -> list[dict]:
    """One row per corpus (``quick``: ISAF alone)."""
    from topics.embedding.embed import Embedder
    from topics.embedding.window import window_pieces
    from topics.ingest.corpus import load_corpus

    window = Embedder(cache_dir="artifacts/cache", show_progress=False).window_tokenizer
    rows = []
    for name, path in CORPORA.items():
        if quick and name != "isaf":
            continue
        with splitter(former_split_long):
            before = load_corpus(path)
        pieces: dict[str, int] = {}
        with splitter(counted(pieces)):
            after = load_corpus(path)
        old = before.paragraphs.set_index("paragraph_id")["text"]
        new = after.paragraphs.set_index("paragraph_id")["text"]
        assert list(old.index) == list(new.index), "the paragraph ids changed"
        changed = old != new
        articles = after.units("article")["text"].tolist()
        long = window.overflowing(articles)
        with splitter(former_split_long):
            old_windows = {piece for i in long for piece in window_pieces(articles[i], window.fits)}
        new_windows = [piece for i in long for piece in window_pieces(articles[i], window.fits)]
        rows.append({
            "corpus": name,
            "paragraphs": len(new),
            "paragraphs split (pieces)": f"{len(pieces)} ({sum(pieces.values())})",
            "changed": int(changed.sum()),
            "characters lost before": int(sum(_nonspace(t) for t in new[changed]) - sum(_nonspace(t) for t in old[changed])),
            "new texts (re-embedded)": len(set(new[changed]) - set(old)),
            "articles past the window": len(long),
            "window pieces": len(new_windows),
            "window pieces new (re-embedded)": len(set(new_windows) - old_windows),
        })
    return rows


def run(quick: bool = False) -> list[dict]:
    """The rows of the table (``python -m benchmarks.run --only split_marks``)."""
    return measure(quick)


def main(argv: list[str]) -> int:
    from benchmarks.run import markdown_table

    print(markdown_table(measure("--quick" in argv)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
