"""Guided themes on a corpus no rule was shaped on: a theme file and paragraphs read by hand, scored.

The corpus is not shipped. ``themes_data/politics2017_themes.toml`` holds ten themes an analyst wrote for 989
articles of US political news (Reuters, October to December 2017: the first 989 rows of a public copy of the
ISOT fake-news dataset's ``True.csv``, columns title, text, subject, date), which ``topics`` splits into 2,995
passages. ``themes_data/politics2017_read_labels.csv`` holds 266 of them read by hand against the themes'
descriptions (``themes``: the themes a passage is about, ";"-separated, empty for none; a passing mention is
not about a theme): 150 drawn at random (``draw`` = random: recall, and the false-assignment rate of the
passages about none of the themes) and up to 12 drawn from each theme's placements by an earlier revision
(precision is read on every labelled passage a run places under the theme).

Run: ``TOPICS_CACHE_DIR=<cache> python -m benchmarks.themes_heldout <True.csv>`` (``--themes`` and ``--labels``
score another theme file and its labels on another corpus the same way; ``--level article`` for whole articles;
``--throughout-named SHARE``: the variant measured and not adopted, :func:`throughout_needs_named`; ``--no-asides``:
the rule before :mod:`topics.themes.asides`).
"""

from __future__ import annotations

import argparse

import numpy as np
import pandas as pd

from benchmarks.paths import ROOT  # also sets the offline settings

DATA = ROOT / "benchmarks" / "themes_data"


def score(units: pd.DataFrame, memberships: np.ndarray, names: list[str], labels: pd.DataFrame) -> pd.DataFrame:
    """Per theme: labelled units placed, read right, precision; random-draw units about it, placed, recall.
    Then all themes: the random draw's recall (placed under a theme it is about) and false assignment."""
    placed = {unit: {names[t] for t in np.flatnonzero(row)} for unit, row in zip(units["unit_id"], memberships)}
    about = {row.unit_id: set(filter(None, str(row.themes).split(";"))) if isinstance(row.themes, str) else set()
             for row in labels.itertuples()}
    missing = [unit for unit in about if unit not in placed]
    if missing:
        raise SystemExit(f"{len(missing)} labelled units are not in the corpus (first: {missing[0]}): another corpus or split")
    random_draw = set(labels.loc[labels["draw"] == "random", "unit_id"])
    rows = []
    for name in names:
        under = [unit for unit in about if name in placed[unit]]
        right = sum(name in about[unit] for unit in under)
        relevant = [unit for unit in random_draw if name in about[unit]]
        found = sum(name in placed[unit] for unit in relevant)
        rows.append({"theme": name, "placed": int(sum(name in themes for themes in placed.values())), "read": len(under),
                     "precision": round(right / len(under), 3) if under else np.nan,
                     "random about": len(relevant), "recall": round(found / len(relevant), 3) if relevant else np.nan})
    table = pd.DataFrame(rows)
    on_theme = [unit for unit in random_draw if about[unit]]
    off_theme = [unit for unit in random_draw if not about[unit]]
    total = {"theme": "all themes", "placed": int(sum(bool(themes) for themes in placed.values())), "read": table["read"].sum(),
             "precision": round(float(table["precision"].mean()), 3),
             "random about": len(on_theme),
             "recall": round(sum(bool(about[u] & placed[u]) for u in on_theme) / max(len(on_theme), 1), 3),
             "false assignment": round(sum(bool(placed[u]) for u in off_theme) / max(len(off_theme), 1), 3),
             "share placed": round(sum(bool(themes) for themes in placed.values()) / max(len(placed), 1), 3)}
    return pd.concat([table, pd.DataFrame([total])], ignore_index=True)


def throughout_needs_named(share: float) -> None:
    """The variant measured, not adopted (docs/benchmarks.md, Guardian stories): a corpus is about a theme throughout
    (:func:`topics.themes.corpus_fit.about_throughout`) only where at least ``share`` of its units name the theme."""
    from topics.themes import corpus_fit

    closeness_only = corpus_fit.about_throughout

    def about_throughout(similarity, decoy_similarity, keyword_hits):
        verdict = closeness_only(similarity, decoy_similarity, keyword_hits)
        hits = np.asarray(keyword_hits, dtype=bool)
        if hits.shape != np.shape(similarity):
            return verdict
        return verdict & ((hits.mean(axis=0) >= share) | ~hits.any(axis=0))  # no unit names it: the domain's verdict

    corpus_fit.about_throughout = about_throughout


def main(argv: list[str] | None = None) -> int:
    from topics.embedding.embed import Embedder, embed_units
    from topics.ingest.corpus import load_corpus
    from topics.themes.guided import Themes

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--themes", default=str(DATA / "politics2017_themes.toml"))
    parser.add_argument("--labels", default=str(DATA / "politics2017_read_labels.csv"))
    parser.add_argument("--level", default="paragraph")
    parser.add_argument("--throughout-named", type=float, default=None, metavar="SHARE",
                        help="the variant measured, not adopted: about a theme throughout only where this share names it")
    parser.add_argument("--no-asides", action="store_true",
                        help="the rule before: a keyword said in a sentence about another theme of the unit counts")
    args = parser.parse_args(argv)
    if args.no_asides:
        from topics.themes import asides

        asides.ASIDES = False
    if args.throughout_named is not None:
        throughout_needs_named(args.throughout_named)
    corpus = load_corpus(args.corpus)
    embedder = Embedder(show_progress=False)
    units = corpus.units(args.level)
    themes = Themes(args.themes).fit(units, embed_units(corpus, args.level, embedder), embedder)
    table = score(units, themes.memberships_, list(themes.theme_names_), pd.read_csv(args.labels, keep_default_na=False))
    print(table.to_string(index=False, na_rep=""))
    print("precision: of the labelled units placed under a theme, those read as about it (all themes: the mean); recall: of "
          "the random draw's units about a theme, those placed under it (all themes: under one they are about); false "
          "assignment: the random draw's units about none placed under any; share placed: of all units, those under a theme.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
