"""Guided themes: every false assignment of the random draws listed, with what let it in.

A false assignment is a unit read as about none of the themes (a random draw's label) placed under one. For each
such (unit, theme) pair this prints the path that placed it (``Themes.admitted_``: keywords, similarity, learned,
neighbour, word among members, closest among members, article), its calibrated similarity to the theme and the
theme's seed floor, the theme's keywords that count in the unit, and the first words of its text; then a count per
path. Checks: the Guardian stories (``guardian``, the corpus given as a path: it is not shipped), the NYT
paragraphs (``nyt``, ``nyt_random_labels.csv``), the AG News items under the fine themes (``ag_fine``) and the
fourth analyst's AG draw (``ag_heldout``).

Run: ``TOPICS_CACHE_DIR=<cache> TOPICS_DATA_DIR=../shared/data python -m benchmarks.themes_false_assignments
[--guardian <guardian.csv>] [--only guardian nyt ag_fine ag_heldout] [--text 160]``; a variant measured by a
benchmark wrapper runs it the same way, e.g. ``python -m benchmarks.themes_centred benchmarks.themes_false_assignments ...``.
"""

from __future__ import annotations

import argparse
from collections import Counter

import numpy as np
import pandas as pd

from benchmarks.paths import ROOT  # also sets the offline settings
from topics.themes.evidence_record import ADMITTED_NAMES

DATA = ROOT / "benchmarks" / "themes_data"


def false_pairs(fitted, units: pd.DataFrame, labels: pd.DataFrame, random_only: bool) -> list[dict]:
    """The (unit, theme) pairs of units read as about none that ``fitted`` placed; ``random_only``: only the rows
    whose ``draw`` is "random" (the Guardian labels also hold units drawn from the placements)."""
    if random_only:
        labels = labels[labels["draw"].astype(str) == "random"]
    row_of = pd.Series(np.arange(len(units)), index=units["unit_id"].to_numpy())
    labels = labels[labels["unit_id"].isin(row_of.index)]
    none = labels["themes"].fillna("").astype(str).str.strip().isin(["", "none"])
    names = list(fitted.theme_names_)
    pairs = []
    for unit_id in labels.loc[none, "unit_id"]:
        row = int(row_of[unit_id])
        for theme in np.flatnonzero(fitted.memberships_[row]):
            words = [fitted.aliases_[c] for c in fitted._alias_columns[theme] if fitted._alias_hits[row, c]]
            pairs.append({"unit": unit_id, "theme": names[theme], "path": ADMITTED_NAMES.get(int(fitted.admitted_[row, theme]), "?"),
                          "z": round(float(fitted.z_scores_[row, theme]), 2),
                          "seed floor": round(float(np.broadcast_to(fitted.seed_floor_, (len(names),))[theme]), 2)
                          ,
                          "words": ", ".join(words), "text": str(units["text"].iloc[row])})
    return pairs, int(none.sum())


def centred_null_z(similarity, embeddings, null) -> tuple[np.ndarray, np.ndarray]:
    """((n, k) each unit's similarity to each theme above what its closeness to the corpus's common subject predicts,
    in spreads of the theme's null; (n,) that closeness). The corpus's common subject is the direction of the mean
    embedding; per theme, a line through the null units (``null``: (n, k) bool, those without the theme's keywords)
    predicts the similarity from it, and the residuals are scaled by the null's (median, 1.4826 MAD)."""
    vectors = np.asarray(embeddings, dtype=np.float64)
    mean = vectors.mean(axis=0)
    central = vectors @ (mean / np.linalg.norm(mean))
    z = np.zeros(similarity.shape)
    for theme in range(similarity.shape[1]):
        rows = null[:, theme]
        slope, intercept = np.polyfit(central[rows], similarity[rows, theme], 1)
        residual = similarity[:, theme] - (intercept + slope * central)
        centre = np.median(residual[rows])
        z[:, theme] = (residual - centre) / (1.4826 * np.median(np.abs(residual[rows] - centre)))
    return z, central


def centrality_table(fitted, units, embeddings, labels) -> pd.DataFrame:
    """Every labelled unit's placements, by path and whether the unit was read as about the theme: how many, the
    median calibrated similarity (z), closeness to the corpus's common subject and :func:`centred_null_z`."""
    row_of = pd.Series(np.arange(len(units)), index=units["unit_id"].to_numpy())
    labels = labels[labels["unit_id"].isin(row_of.index)]
    names = list(fitted.theme_names_)
    beyond, central = centred_null_z(fitted.similarity_.astype(np.float64), embeddings, ~fitted.keyword_hits_)
    rows = []
    for unit_id, themes in zip(labels["unit_id"], labels["themes"].fillna("").astype(str)):
        row = int(row_of[unit_id])
        about = {part.strip() for part in themes.replace(";", "; ").split("; ")} - {"", "none"}
        for theme in np.flatnonzero(fitted.memberships_[row]):
            rows.append({"path": ADMITTED_NAMES.get(int(fitted.admitted_[row, theme]), "?"), "right": names[theme] in about,
                         "z": fitted.z_scores_[row, theme], "central": central[row], "z beyond common": beyond[row, theme]})
    return pd.DataFrame(rows).groupby(["path", "right"]).agg(
        pairs=("z", "size"), z=("z", "median"), central=("central", "median"),
        beyond=("z beyond common", "median")).round(2)


def _guardian(path):
    from topics.embedding.embed import Embedder, embed_units
    from topics.ingest.corpus import load_corpus
    from topics.themes.guided import Themes

    corpus = load_corpus(path)
    embedder = Embedder(show_progress=False)
    units = corpus.units("paragraph")
    embeddings = embed_units(corpus, "paragraph", embedder)
    fitted = Themes(str(DATA / "guardian2022_themes.toml")).fit(units, embeddings, embedder)
    return fitted, units, embeddings, pd.read_csv(DATA / "guardian2022_read_labels.csv", keep_default_na=False), True


def _from_check(name, theme_file, labels_file):
    from benchmarks import themes_check
    from topics.embedding.embed import Embedder

    embedder = Embedder(show_progress=False)
    inputs = themes_check._inputs(embedder)
    fitted, _ = themes_check._fit(inputs, name, DATA / theme_file, embedder)
    return fitted, *inputs[name], pd.read_csv(DATA / labels_file), False


CHECKS = {"nyt": ("nyt", "nyt_themes.toml", "nyt_random_labels.csv"),
          "ag_fine": ("ag", "ag_fine_themes.toml", "ag_fine_random_labels.csv"),
          "ag_heldout": ("ag_heldout", "ag_heldout_themes.toml", "ag_heldout_random_labels.csv")}


def checked_fits(only, guardian, checks=CHECKS):
    """(check, fitted, units, embeddings, labels, random_only) of each check named in ``only``: the Guardian
    one only where its csv is given."""
    for check in only:
        if check == "guardian":
            if guardian:
                yield check, *_guardian(guardian)
        else:
            yield check, *_from_check(*checks[check])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--guardian", default=None, help="the Guardian stories' csv (guardian.csv of r2nery/ukraine-media)")
    parser.add_argument("--only", nargs="+", default=["guardian", *CHECKS])
    parser.add_argument("--text", type=int, default=160, help="characters of each unit's text shown")
    parser.add_argument("--centrality", action="store_true",
                        help="per path, right and wrong labelled placements: how central their units are to the corpus")
    args = parser.parse_args(argv)
    for check, fitted, units, embeddings, labels, random_only in checked_fits(args.only, args.guardian):
        pairs, n_none = false_pairs(fitted, units, labels, random_only)
        falsely = len({pair["unit"] for pair in pairs})
        print(f"\n== {check}: {falsely} of {n_none} units about none placed (false assignment "
              f"{falsely / max(n_none, 1):.3f}), {len(pairs)} pairs; by path: {dict(Counter(p['path'] for p in pairs))}")
        for pair in pairs:
            text = " ".join(pair["text"].split())[: args.text].encode("ascii", "replace").decode()
            print(f"- {pair['unit']} | {pair['theme']} | {pair['path']} | z {pair['z']} (seed floor {pair['seed floor']}) "
                  f"| words: {pair['words'] or '-'}\n    {text}")
        if args.centrality:
            print(centrality_table(fitted, units, embeddings, labels).to_string())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
