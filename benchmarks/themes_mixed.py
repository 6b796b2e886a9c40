"""Theme files that name subjects a corpus does not hold: whether the file is found to fit, per corpus and file.

``python -m benchmarks.themes_mixed`` (``TOPICS_DATA_DIR=<data>``; the corpora of ``benchmarks/themes_check.py``,
kept between runs) fits each theme file of ``themes_data`` on each corpus, as it is and with the 14 subjects of
``unrelated_themes.toml`` appended (``padded``), and prints one line per fit: the themes, how many fit the corpus
and how many are absent from it (:mod:`topics.themes.corpus_fit`), those of the file's own themes, whether the
file as a whole was found to fit, and the share of units placed under some theme. ``own``: the file was written
for that corpus (its placements are mostly right); otherwise everything placed is false.
"""

from __future__ import annotations

from benchmarks import themes as bench
from benchmarks import themes_check as check

FILES = {"seed": bench.THEME_FILE, "bbc": "bbc_themes.toml", "nyt": "nyt_themes.toml", "isaf": "isaf_themes.toml",
         "ag_fine": "ag_fine_themes.toml", "ag_sections": "ag_sections_themes.toml", "bbc_stories": "bbc_stories_themes.toml",
         "ng": "newsgroups_themes.toml", "ng_mixed": "newsgroups_mixed_themes.toml", "abc": "abc_themes.toml",
         "ukraine": "ukraine2022_themes.toml", "rt": "rt2022_themes.toml"}
# (corpus, theme file, written for it)
PAIRS = [
    ("seeds", "seed", True), ("seeds", "nyt", True), ("seeds", "bbc", False), ("seeds", "isaf", False),
    ("seeds", "ag_fine", False), ("seeds", "ng", False), ("seeds", "abc", False),
    ("bbc_paragraphs", "bbc", True), ("bbc_paragraphs", "seed", False), ("bbc_paragraphs", "nyt", False),
    ("bbc_paragraphs", "isaf", False), ("bbc_paragraphs", "ng", False), ("bbc_paragraphs", "ukraine", False),
    ("bbc_articles", "bbc", True), ("bbc_articles", "isaf", False), ("bbc_articles", "nyt", False),
    ("bbc_articles", "seed", False), ("bbc_articles", "ag_fine", False), ("bbc_articles", "rt", False),
    ("isaf", "isaf", True), ("isaf", "bbc", False), ("isaf", "nyt", False), ("isaf", "ng", False),
    ("isaf", "ag_sections", False), ("isaf", "abc", False),
    ("nyt", "nyt", True), ("nyt", "seed", True), ("nyt", "bbc", False), ("nyt", "ng", False), ("nyt", "ag_fine", False),
    ("ag_1000", "ag_sections", True), ("ag_1000", "ag_fine", True), ("ag_1000", "nyt", False), ("ag_1000", "isaf", False),
    ("newsgroups", "ng", True), ("newsgroups", "ng_mixed", True), ("newsgroups", "bbc", False), ("newsgroups", "nyt", False),
]


def main() -> int:
    from topics.embedding.embed import Embedder
    from topics.themes.guided import Themes
    from topics.themes.themefile import load_themes

    embedder = Embedder(show_progress=False)
    inputs = check._inputs(embedder)
    unrelated = list(load_themes(check.UNRELATED_THEMES))
    for corpus, name, own in PAIRS:
        if corpus not in inputs:
            continue
        units, vectors = inputs[corpus]
        declared = list(load_themes(bench.DATA / FILES[name] if isinstance(FILES[name], str) else FILES[name]))
        for padded in (False, True):
            fitted = Themes(declared + (unrelated if padded else []), **check.PARAMS).fit(units, vectors, embedder)
            k, fits, absent = len(declared), fitted.theme_fits_, fitted.absent_themes_
            print(f"{corpus:15s} {name:12s} own={int(own)} padded={int(padded)} themes={len(fits):2d} fit={int(fits.sum()):2d} "
                  f"absent={int(absent.sum()):2d} own_fit={int(fits[:k].sum())}/{k} own_absent={int(absent[:k].sum())} "
                  f"file_fits={fitted.fits_corpus_} placed={fitted.memberships_.any(axis=1).mean():.3f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
