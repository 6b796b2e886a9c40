"""Guided themes on 350 ABC News articles (the Lee corpus) under an analyst's eight themes, read by hand.

The corpus is not shipped: it is the Lee background corpus and its 50 test documents as gensim's test
data holds them (``lee_background.cor``, ``lee.cor``; one article per line, Latin-1), written as one JSON
line per article, ``{"id": "bg000", "text": ...}`` for the background's lines in order (``bg000`` to
``bg299``) and ``lee000`` to ``lee049`` for the test documents'. ``topics`` splits it into 544 paragraphs.

The theme file (``themes_data/abc_themes.toml``) was written by an analyst before any run. The labels
(``themes_data/abc_read_labels.csv``) hold every (paragraph, theme) pair placed by the revision before
the capitalised-common-word and unproven-meaning rules, read strictly against the theme's description
(``about``: 1 or 0; a passing mention is not about the theme, a paragraph holding two news items is about
both). Per theme: the pairs placed, those read, those read wrong, the precision over the read ones; then
the pairs placed that no label covers (to be read before the numbers are quoted).

Run: ``TOPICS_CACHE_DIR=<cache> python -m benchmarks.themes_abc <articles.jsonl>`` (``--no-passing-mentions``: a
paragraph's one common keyword of a theme said outside its lead sentence, its article silent, counts as evidence,
which by default it does not, ``topics.themes.salience``; ``--null-in-sense``: a theme's null also holds the units with one of its keywords that
are closer to another theme, ``topics.themes.evidence.NULL_IN_SENSE``; ``--meaning-as-worded``: a theme whose words
are most of its seeds seeds on meaning alone only as close as the median of its seeds with a word,
``topics.themes.evidence.MEANING_AS_WORDED``; ``--hard-fit``: the fit test read as a switch, a theme under
``MIN_ENRICHMENT`` seeding on meaning beyond every decoy and one at or above it at its ordinary floor,
``topics.themes.evidence.SOFT_FIT`` off).
"""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd

from benchmarks.paths import ROOT  # also sets the offline settings

DATA = ROOT / "benchmarks" / "themes_data"


def run(path, passing_mentions: bool | str = "auto") -> tuple[pd.DataFrame, list[tuple[str, str]]]:
    from topics.embedding.embed import Embedder, embed_units
    from topics.ingest.corpus import load_corpus
    from topics.themes.guided import Themes

    corpus = load_corpus(path)
    embedder = Embedder(show_progress=False)
    units = corpus.units("paragraph")
    themes = Themes(DATA / "abc_themes.toml", passing_mentions=passing_mentions).fit(units, embed_units(corpus, "paragraph", embedder), embedder)
    labels = pd.read_csv(DATA / "abc_read_labels.csv").set_index(["unit_id", "theme"])["about"].to_dict()
    ids = units["unit_id"].to_numpy()
    rows, unread = [], []
    for index, name in enumerate(themes.theme_names_):
        placed = [(unit, name) for unit in ids[themes.memberships_[:, index]]]
        read = [labels[pair] for pair in placed if pair in labels]
        unread += [pair for pair in placed if pair not in labels]
        wrong = read.count(0)
        rows.append({"theme": name, "placed": len(placed), "read": len(read), "wrong": wrong,
                     "precision": round(1 - wrong / len(read), 3) if read else np.nan,
                     "fits": bool(themes.theme_fits_[index])})
    table = pd.DataFrame(rows)
    total = {"theme": "all themes", "placed": table.placed.sum(), "read": table.read.sum(), "wrong": table.wrong.sum()}
    total["precision"] = round(1 - total["wrong"] / total["read"], 3) if total["read"] else np.nan
    return pd.concat([table, pd.DataFrame([total])], ignore_index=True), unread


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    passing_mentions = False if "--no-passing-mentions" in argv else "auto"
    if "--null-in-sense" in argv:
        from topics.themes import evidence

        evidence.NULL_IN_SENSE = True
    if "--meaning-as-worded" in argv:
        from topics.themes import evidence

        evidence.MEANING_AS_WORDED = True
    if "--hard-fit" in argv:
        from topics.themes import evidence

        evidence.SOFT_FIT = False
    argv = [arg for arg in argv if arg not in ("--no-passing-mentions", "--null-in-sense", "--meaning-as-worded", "--hard-fit")]
    if len(argv) != 1:
        print("usage: python -m benchmarks.themes_abc [--no-passing-mentions] [--null-in-sense] [--meaning-as-worded] "
              "[--hard-fit] <articles.jsonl>",
              file=sys.stderr)
        return 2
    table, unread = run(argv[0], passing_mentions)
    print(table.to_string(index=False, na_rep=""))
    if unread:
        print(f"\n{len(unread)} placed pairs without a label:")
        for unit, theme in unread:
            print(f"  {unit}  {theme}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
