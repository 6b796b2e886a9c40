"""Guided themes on small corpora: random draws of a few dozen to a few hundred articles.

An analyst's first run is often on a small corpus. For each labelled corpus, articles are drawn at random
(``SIZES``, ``DRAWS`` draws each, all sections) and ``Themes`` (defaults) is fitted on their paragraphs under
a theme file that declares some of the sections; the sections left out give the false assignments:
- BBC News paragraphs, ``bbc_themes.toml`` cut to business, sport and tech (entertainment and politics left out);
- BBC News paragraphs of sport, business and tech only, ``bbc_rugby_business_themes.toml`` (tech left out);
- AG News items, ``ag_sections_themes.toml`` cut to World, Sports and Business (Sci/Tech left out);
- mismatched: ISAF press releases' paragraphs under the whole ``bbc_themes.toml`` (every assignment false).
Each unit's truth is its article's section. Columns: macro ``precision`` and ``recall`` over the declared themes,
``false_assignment`` (units of an undeclared section under some theme), ``assigned`` (share of units under a theme),
``fits`` (the file's verdict), per corpus, size and draw; then the mean over the draws of a size.
``--lower-half-fit``: the variant measured and not adopted (:func:`lower_half_close_counts`): the fit test reads the
theme and the decoys each on the lower half of its null; ``--tail-z Z``: the test's cut-off (``corpus_fit.TAIL_Z``)
at Z; both measured, not adopted (docs/benchmarks.md). ``--no-keywords-in-sense``: the fit test without its reading
of the keywords' holders on a corpus too small for the tail counts (``corpus_fit.SMALL_TAIL`` None; the rule before it).
Run: ``python -m benchmarks.themes_small_corpus [sizes] [--lower-half-fit] [--tail-z Z] [--no-keywords-in-sense]`` e.g.
``python -m benchmarks.themes_small_corpus 36,100,300``.
Not part of ``benchmarks.run``: it is a question asked once, answered in docs/benchmarks.md.
"""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd

from benchmarks.paths import ROOT, SHARED_DATA  # also sets the offline settings

DATA = ROOT / "benchmarks" / "themes_data"
SIZES = (36, 100, 300)
DRAWS = 3
# (name, corpus file, sections drawn from (None: all), theme file, declared themes (None: all, mismatched))
CHECKS = (
    ("BBC News", SHARED_DATA / "bbc_news.csv", None, "bbc_themes.toml", ("business", "sport", "tech")),
    ("BBC News, 3 sections, 2 themes", SHARED_DATA / "bbc_news.csv", ("sport", "business", "tech"),
     "bbc_rugby_business_themes.toml", ("sport", "business")),
    ("AG News", SHARED_DATA / "ag_news_test.csv", None, "ag_sections_themes.toml", ("World", "Sports", "Business")),
    ("ISAF (mismatched)", SHARED_DATA / "isaf_press_releases_test.jsonl", None, "bbc_themes.toml", None),
)


def one_draw(table: pd.DataFrame, theme_file: str, declared, size: int, draw: int, embedder) -> dict:
    from topics.embedding.embed import embed_units
    from topics.ingest.corpus import load_corpus
    from topics.themes.guided import Themes
    from topics.themes.themefile import load_themes

    sample = table.sample(n=min(size, len(table)), random_state=draw).reset_index(drop=True)
    corpus = load_corpus(sample)
    units = corpus.units("paragraph")
    embeddings = embed_units(corpus, "paragraph", embedder)
    themes = load_themes(DATA / theme_file)
    if declared is not None:
        themes = [t for t in themes if t.name in declared]
    names = [t.name for t in themes]
    fitted = Themes(themes).fit(units, embeddings, embedder)
    members = np.asarray(fitted.memberships_, dtype=bool)
    row = dict(units=len(units), assigned=float(members.any(axis=1).mean()),
               fits=bool(getattr(fitted, "fits_corpus_", True)))
    if declared is None:
        return row
    labels = units["label"].astype(str).to_numpy()
    truth = np.column_stack([labels == name for name in names])
    precisions = [(truth[:, t] & members[:, t]).sum() / members[:, t].sum() if members[:, t].any() else 0.0
                  for t in range(len(names))]
    recalls = [(truth[:, t] & members[:, t]).sum() / truth[:, t].sum() for t in range(len(names)) if truth[:, t].any()]
    off = ~truth.any(axis=1)
    return {**row, "precision": float(np.mean(precisions)), "recall": float(np.mean(recalls)),
            "false_assignment": float(members[off].any(axis=1).mean()) if off.any() else float("nan")}


def run(sizes=SIZES) -> pd.DataFrame:
    from topics.embedding.embed import Embedder

    embedder = Embedder(show_progress=False)
    rows = []
    for name, path, sections, theme_file, declared in CHECKS:
        if not path.exists():
            continue
        table = _table(path)
        if sections is not None:
            table = table[table["label"].isin(sections)]
        for size in sizes:
            for draw in range(DRAWS):
                row = one_draw(table, theme_file, declared, size, draw, embedder)
                rows.append({"corpus": name, "size": size, "draw": draw, **row})
                print({k: (round(v, 3) if isinstance(v, float) else v) for k, v in rows[-1].items()}, file=sys.stderr, flush=True)
    return pd.DataFrame(rows)


def lower_half_close_counts(z, decoy_similarity, keyword_hits):
    """``corpus_fit.close_counts`` with the theme's and the decoys' calibrated values each read again on the lower
    half of the null (centre its median, spread its one-sigma width below it). The upper half of a theme's null
    holds its own units that do not name it; on a corpus of a few sections, each a large share of it, they widen
    the spread the theme is read on (not the decoys', absent from the corpus)."""
    from topics.themes.calibration import _decoys_on_theme_null
    from topics.themes.corpus_fit import TAIL_Z

    if decoy_similarity is None or decoy_similarity.shape[1] == 0 or len(z) == 0:
        return None
    k = z.shape[1]
    on_theme, by_chance = np.empty(k), np.empty(k)
    for theme in range(k):
        hits = np.asarray(keyword_hits[:, theme], dtype=bool)
        decoy_z = _on_lower_half(_decoys_on_theme_null(decoy_similarity, hits), hits)
        by_chance[theme] = np.median((decoy_z >= TAIL_Z).sum(axis=0))
        on_theme[theme] = (_on_lower_half(z[:, theme], hits) >= TAIL_Z).sum()
    return on_theme, by_chance


def _on_lower_half(values: np.ndarray, hits: np.ndarray) -> np.ndarray:
    from topics.themes.calibration import _ONE_SIGMA_BELOW, MIN_NULL_UNITS

    null = values[~hits] if (~hits).sum() >= MIN_NULL_UNITS else values
    centre = np.median(null, axis=0)
    return (values - centre) / np.maximum(centre - np.quantile(null, _ONE_SIGMA_BELOW, axis=0), 1e-3)


def _table(path) -> pd.DataFrame:
    if path.suffix == ".jsonl":
        return pd.read_json(path, lines=True)
    return pd.read_csv(path)


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--lower-half-fit" in argv:
        from topics.themes import corpus_fit

        argv.remove("--lower-half-fit")
        corpus_fit.close_counts = lower_half_close_counts
    if "--tail-z" in argv:  # the fit test's cut-off (corpus_fit.TAIL_Z), another value
        from topics.themes import corpus_fit

        at = argv.index("--tail-z")
        corpus_fit.TAIL_Z = float(argv[at + 1])
        del argv[at:at + 2]
    if "--no-keywords-in-sense" in argv:  # the tail counts alone, as before corpus_fit.keywords_in_sense
        from topics.themes import corpus_fit

        argv.remove("--no-keywords-in-sense")
        corpus_fit.SMALL_TAIL = None
    sizes = tuple(int(s) for s in argv[0].split(",")) if argv else SIZES
    frame = run(sizes)
    pd.set_option("display.width", 200)
    print(frame.round(3).to_string(index=False))
    print(frame.groupby(["corpus", "size"], sort=False).mean(numeric_only=True).drop(columns="draw").round(3).to_string())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
