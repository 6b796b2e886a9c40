"""Guided themes: the precision of each evidence route on the random draws read.

Every (unit, theme) placement of a randomly drawn, read unit is put in one of three classes: right (the reader
gave the unit that theme), another theme (the reader gave it other themes only) or false (the reader gave it
none), and counted under the route that placed it (``Themes.admitted_``: keywords, similarity, learned,
neighbour, word among members, closest among members, article). Per route it prints the placements, the share
right, and the median calibrated similarity (z) of the right and the wrong ones: the route whose placements are
least often right, and whether z tells them apart, is where a rule would gain most. ``--pairs`` lists the wrong
placements with the unit's first words.

Checks: the Guardian stories (``guardian``, the corpus given as a path: it is not shipped), the NYT paragraphs
(``nyt``), the fourth analyst's AG draw (``ag_heldout``), the AG fine themes (``ag_fine``) and BBC day-one
(``bbc_dayone``).

Run: ``TOPICS_CACHE_DIR=<cache> TOPICS_DATA_DIR=../shared/data python -m benchmarks.themes_routes
[--guardian <guardian.csv>] [--only guardian nyt ag_heldout ag_fine bbc_dayone] [--pairs] [--spread-from KIND]``.

``--spread-from``: a variant measured and not adopted, which seeds lend their theme to the paragraphs beside them (a
join, and the neighbour evidence that lets the learned model place it): ``semantic``, only seeds on meaning (at the
seed floor) and every seed of a theme that did not learn; ``held-out``, only seeds that a model of the theme's
other seeds (5 folds) gives at least 0.5, a second kind of evidence beside the keyword.
"""

from __future__ import annotations

import argparse

import numpy as np
import pandas as pd

from benchmarks.paths import ROOT  # also sets the offline settings
from benchmarks.themes_false_assignments import CHECKS, checked_fits
from topics.controls import ON_A_LINE, escaped
from topics.themes.evidence_record import ADMITTED_NAMES

DATA = ROOT / "benchmarks" / "themes_data"
ROUTE_CHECKS = {**CHECKS, "bbc_dayone": ("bbc", "bbc_dayone_themes.toml", "bbc_dayone_random_labels.csv")}


def held_out_confirmed(vectors, seeds, z, keyword_hits, learned_themes, floor=0.5) -> np.ndarray:
    """(n, k) bool: the seeds that a model of the theme's other seeds against its clear non-members (5 folds, as
    ``topics.themes.learning.learn_theme`` draws them) gives at least ``floor``; every seed of a theme not learned."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    confirmed = np.array(seeds, dtype=bool, copy=True)
    for theme in np.flatnonzero(learned_themes):
        positives = seeds[:, theme]
        negatives = (z[:, theme] < 0) & ~keyword_hits[:, theme] & ~positives
        if positives.sum() < 5 or negatives.sum() < 5:
            continue
        rows = np.flatnonzero(positives | negatives)
        model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=500, random_state=0)
        folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
        probability = np.zeros(len(z))
        probability[rows] = cross_val_predict(model, vectors[rows], positives[rows], cv=folds, method="predict_proba")[:, 1]
        confirmed[:, theme] = positives & (probability >= floor)
    return confirmed


def spread_only_from(kind: str) -> None:
    """Patch ``topics.themes.evidence.combine`` so that only the ``kind`` of seeds lends its theme to the paragraphs
    beside it (``--spread-from``); the seeds themselves stay seeds."""
    from topics.themes import evidence

    original_combine, original_joins, original_own = evidence.combine, evidence._context_joins, evidence._own_evidence

    def combine(similarity, keyword_hits, vectors, centre, spread, coef, intercept, **options):
        z = (similarity - centre) / spread
        not_learned = np.isnan(np.asarray(intercept, dtype=np.float64))[None, :]

        def spreading(seeds):
            if kind == "semantic":
                return seeds & ((z >= options["z_seed"]) | not_learned)
            confirmed = held_out_confirmed(vectors, seeds, z, np.asarray(keyword_hits, dtype=bool), ~not_learned[0])
            print(f"held-out: {int(confirmed.sum())} of {int(seeds.sum())} seeds confirmed")
            return confirmed

        def joins(z_, seeds, *rest, **named):
            return original_joins(z_, spreading(seeds), *rest, **named)

        def own(z_, hits, seeds, *rest, **named):
            return original_own(z_, hits, spreading(seeds), *rest, **named) | seeds

        evidence._context_joins, evidence._own_evidence = joins, own
        try:
            return original_combine(similarity, keyword_hits, vectors, centre, spread, coef, intercept, **options)
        finally:
            evidence._context_joins, evidence._own_evidence = original_joins, original_own

    evidence.combine = combine


def read_themes(value) -> set[str]:
    """The themes a label cell names (";"-separated; "none" or empty: none)."""
    names = {part.strip() for part in str(value).split(";")}
    return {name for name in names if name and name.lower() not in {"none", "nan"}}


def placements(fitted, units: pd.DataFrame, labels: pd.DataFrame, random_only: bool) -> pd.DataFrame:
    """One row per (read unit, placed theme): route, z, seed floor, class (right / another theme / false)."""
    if random_only:
        labels = labels[labels["draw"].astype(str) == "random"]
    row_of = pd.Series(np.arange(len(units)), index=units["unit_id"].to_numpy())
    labels = labels[labels["unit_id"].isin(row_of.index)]
    names = list(fitted.theme_names_)
    floors = np.broadcast_to(fitted.seed_floor_, (len(names),))
    rows = []
    for unit_id, value in zip(labels["unit_id"], labels["themes"]):
        read = read_themes(value)
        row = int(row_of[unit_id])
        for theme in np.flatnonzero(fitted.memberships_[row]):
            kind = "right" if names[theme] in read else ("another theme" if read else "false")
            rows.append({"unit": unit_id, "theme": names[theme], "class": kind,
                         "route": ADMITTED_NAMES.get(int(fitted.admitted_[row, theme]), "?"),
                         "z": float(fitted.z_scores_[row, theme]), "seed floor": float(floors[theme]),
                         "text": str(units["text"].iloc[row])})
    return pd.DataFrame(rows, columns=["unit", "theme", "class", "route", "z", "seed floor", "text"])


def summary(placed: pd.DataFrame, units: pd.DataFrame, labels: pd.DataFrame, random_only: bool) -> str:
    """False assignment (units read as about none that got a theme) and recall (read pairs placed) of the draw."""
    if random_only:
        labels = labels[labels["draw"].astype(str) == "random"]
    labels = labels[labels["unit_id"].isin(set(units["unit_id"]))]
    read = {unit: read_themes(value) for unit, value in zip(labels["unit_id"], labels["themes"])}
    none = [unit for unit, themes in read.items() if not themes]
    falsely = len(set(placed.loc[placed["class"] == "false", "unit"]))
    wanted = sum(len(themes) for themes in read.values())
    found = int((placed["class"] == "right").sum())
    return (f"false assignment {falsely}/{len(none)} = {falsely / max(len(none), 1):.3f}; "
            f"recall {found}/{wanted} = {found / max(wanted, 1):.3f}; placed pairs {len(placed)}, "
            f"precision {found / max(len(placed), 1):.3f}")


def route_table(placed: pd.DataFrame) -> pd.DataFrame:
    """Per route: placements, right, another theme, false, share right, median z of the right and the wrong."""
    table = []
    for route, group in placed.groupby("route"):
        right = group["class"] == "right"
        table.append({"route": route, "placed": len(group), "right": int(right.sum()),
                      "another theme": int((group["class"] == "another theme").sum()),
                      "false": int((group["class"] == "false").sum()), "precision": round(float(right.mean()), 3),
                      "z right": round(float(group.loc[right, "z"].median()), 2) if right.any() else np.nan,
                      "z wrong": round(float(group.loc[~right, "z"].median()), 2) if (~right).any() else np.nan})
    return pd.DataFrame(table).sort_values("placed", ascending=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--guardian", default=None, help="the Guardian stories' csv (guardian.csv of r2nery/ukraine-media)")
    parser.add_argument("--only", nargs="+", default=["guardian", *ROUTE_CHECKS])
    parser.add_argument("--pairs", action="store_true", help="list the wrong placements")
    parser.add_argument("--spread-from", choices=["semantic", "held-out"], default=None,
                        help="the variant measured: which seeds lend their theme to the paragraphs beside them")
    parser.add_argument("--text", type=int, default=140, help="characters of each listed unit's text")
    args = parser.parse_args(argv)
    if args.spread_from:
        spread_only_from(args.spread_from)
    for check, fitted, units, _, labels, random_only in checked_fits(args.only, args.guardian, ROUTE_CHECKS):
        placed = placements(fitted, units, labels, random_only)
        print(f"\n== {check}: {len(placed)} placements of read units; {summary(placed, units, labels, random_only)}")
        if len(placed):
            print(route_table(placed).to_string(index=False))
        if args.pairs:
            for _, pair in placed[placed["class"] != "right"].iterrows():
                text = escaped(" ".join(pair["text"].split())[: args.text], ON_A_LINE)  # corpus text shown inert
                print(f"- {escaped(pair['unit'], ON_A_LINE)} | {escaped(pair['theme'], ON_A_LINE)} | {pair['class']} | {pair['route']} | z {pair['z']:.2f} "
                      f"(floor {pair['seed floor']:.2f})\n    {text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
