"""Day-one themes on BBC News paragraphs, read by hand (#16).

``themes_data/bbc_dayone_themes.toml`` (video games, tennis, interest rates and inflation, immigration and asylum,
music awards and charts, and cryptocurrencies, which the corpus of 2004-2005 cannot hold) was written before any
run, on 800 articles of ``$TOPICS_DATA_DIR/bbc_news.csv`` (``random.Random(78).sample`` of its rows; 4,120
paragraphs). ``Themes`` is fitted at paragraph level with its defaults and read against:

- ``bbc_dayone_read_labels.csv``: 20 placed paragraphs per placed theme drawn at random from the fit of the code of
  #16's reading (``random.Random(78)``), read strictly against the theme's name and description (``about``);
- ``bbc_dayone_random_labels.csv``: 40 paragraphs drawn with ``numpy.random.default_rng(2078)`` and read for every
  theme before looking at what was placed (recall, false assignment).

``--article-words`` measures a variant (not adopted, docs/benchmarks.md): a paragraph placed on meaning alone
stays only where its article (title included) writes a name or keyword of the theme.

Run: ``TOPICS_DATA_DIR=<data> TOPICS_CACHE_DIR=<cache> python -m benchmarks.themes_bbc_dayone [--article-words]``
"""

from __future__ import annotations

import argparse
import random
import re
import time

import numpy as np
import pandas as pd

from benchmarks.paths import ROOT, SHARED_DATA  # also sets the offline settings

DATA = ROOT / "benchmarks" / "themes_data"
SAMPLE, SEED = 800, 78


def corpus():
    from topics.ingest.corpus import load_corpus

    articles = pd.read_csv(SHARED_DATA / "bbc_news.csv")
    rows = sorted(random.Random(SEED).sample(range(len(articles)), SAMPLE))
    return load_corpus(articles.iloc[rows].drop(columns=["label"]).reset_index(drop=True))


def article_words(fitted, units) -> np.ndarray:
    """(n, k) bool: the unit's article (its paragraphs and title) writes a name or keyword of the theme, as words."""
    grouped = units.groupby("article_id", sort=False)
    text = grouped["text"].agg(" ".join) + " " + grouped["title"].first().fillna("").astype(str)
    found = np.zeros((len(units), len(fitted.themes_)), dtype=bool)
    for index, theme in enumerate(fitted.themes_):
        words = [theme.name, *theme.keywords]
        pattern = re.compile(r"\b(" + "|".join(re.escape(word) + "s?" for word in words) + r")\b", re.IGNORECASE)
        holds = text.map(lambda value: bool(pattern.search(value)))
        found[:, index] = units["article_id"].map(holds).to_numpy(dtype=bool)
    return found


def main(argv=None) -> int:
    from benchmarks.themes_check import _random_rows, _read_rows
    from topics.embedding.embed import Embedder, embed_units
    from topics.themes.evidence_record import SOURCE_SIMILARITY
    from topics.themes.guided import Themes

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--article-words", action="store_true", help="the variant measured, not adopted")
    args = parser.parse_args(argv)
    loaded = corpus()
    units = loaded.units("paragraph")
    vectors = embed_units(loaded, "paragraph", Embedder(show_progress=False))
    start = time.process_time()
    fitted = Themes(DATA / "bbc_dayone_themes.toml").fit(units, vectors)
    if args.article_words:  # meaning alone (no word of the theme in the whole article) drops out
        alone = fitted.memberships_ & (fitted.sources_ == SOURCE_SIMILARITY) & ~article_words(fitted, units)
        fitted.memberships_ = fitted.memberships_ & ~alone
    cpu = time.process_time() - start
    corpus_name = "BBC 800 articles' paragraphs, day-one themes"
    rows = _read_rows(fitted, units, DATA / "bbc_dayone_read_labels.csv", f"{corpus_name}, read", cpu)
    rows += _random_rows(fitted, units, DATA / "bbc_dayone_random_labels.csv", corpus_name, cpu)
    print(f"placed {int(fitted.memberships_.any(axis=1).sum())} of {len(units)}; fits {fitted.fits_corpus_}")
    for row in rows:
        print(" | ".join(str(value) for value in row.values()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
