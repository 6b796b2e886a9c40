"""Guided themes: what raising seeds accuracy costs on a theme file that does not fit its corpus.

Two families of settings, each measured on the labelled seed paragraphs and on the BBC section
themes run on the NYT Afghanistan paragraphs (mismatched: every unit placed there is false), so
that each row is one point of the trade-off, not a tuned optimum:

- **article carry** (measured after fitting; a gated form of the ``article`` rule, only when the theme file
  fits the corpus, was the first ``Themes(article_context=True)``; every row here fits with
  ``article_context=False``): after fitting, a paragraph under no theme
  takes a theme from its article when
  ``cue``: it opens as a continuation (a quotation mark, a pronoun or a connective: "He added",
  "But", "“We ...") and the paragraph before it is under the theme (chained);
  ``between``: the nearest member paragraphs before and after it (at most three away) share the theme;
  ``article``: two or more paragraphs of its article are under the theme, and of the article's
  themes it is the one the paragraph is closest to;
  in every rule only at a calibrated similarity to the theme of at least ``floor``
  (``Themes.z_scores_``; 0 = the corpus's typical paragraph).
- **similarity seed floor** (``Themes(z_seed=...)``): the calibrated similarity at which meaning
  alone seeds a theme, on all corpora of ``benchmarks/themes.py``;
- **second theme margin** (``topics.themes.evidence.DOMINANCE_MARGIN``): how close to the unit's
  strongest theme (calibrated similarity, in spreads) a second theme's evidence must be for the unit
  to stay under it, on all corpora of ``benchmarks/themes.py`` (inf: every theme above the threshold);
- **paragraph context** (``topics.themes.passages.OWN_WEIGHT``, ``topics.themes.evidence.CONTEXT_JOINS``):
  a paragraph's closeness mixed with its passage's (it and its neighbours in the article), and a
  paragraph next to a seed joining the theme it is closest to, each on and off, on the seeds, the
  BBC sample's paragraphs (each labelled with its article's section) and the NYT paragraphs under
  the BBC themes (mismatched);
- **second theme margin of one kind** (``topics.themes.evidence.MARGIN_WITHIN_KIND``): the margin
  between themes of one kind (named groups, events) or between all themes, on all corpora;
- **closest sentence** (``Themes(sentences=...)``): the closeness of a long unit mixed with its
  closest sentence's, or the whole unit's only, on all corpora;
- **word among members** (``topics.themes.evidence.NEIGHBOURHOOD_SHARE``): the share of a unit's
  nearest units that must be under a theme for its keyword (a common word below its floor
  included) to put it there, on all corpora of ``benchmarks/themes.py`` (above 1: the rule off).

Quick mode measures the article carry, the paragraph context, the second theme margin and the closest sentence; the
full run adds the seed floor and the word among members.

The corpora are loaded and embedded once and kept with ``benchmarks/themes_check.py``'s inputs
(``<cache dir>/themes_check/``), so each row only fits.

Run: ``TOPICS_CACHE_DIR=<cache> python -m benchmarks.run --quick --only themes_tradeoffs``.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from benchmarks import paths  # noqa: F401  (offline settings before any model loads)
from benchmarks import themes as bench
from benchmarks import themes_check  # the corpora and their embeddings, kept between runs

CARRY_RULES = ("cue", "between", "cue+between", "article")
CARRY_FLOORS = (-np.inf, 0.0, 0.5, 1.0)
SEED_FLOORS = (3.0, 3.5, 4.0, 5.0)
NEIGHBOURHOOD_SHARES = (0.3, 0.5, 0.7, 1.1)
DOMINANCE_MARGINS = (np.inf, 3.0, 2.0, 1.0)
MAX_GAP = 3
# A paragraph that opens like this continues the one before it (a quote, a pronoun, a connective).
CONTINUATION = re.compile(
    r"^\s*(?:[\"“‘']|(?:he|she|they|it|this|these|that|those|his|her|their|its|but|and|yet|still|"
    r"meanwhile|however|also)\b)",
    re.IGNORECASE,
)

NOTES = (
    "article carry: seeds accuracy (primary theme or none against the labels) and the share of the NYT "
    "paragraphs under a BBC section theme (mismatched, all false) after a paragraph under no theme takes a "
    "theme from its article by the rule, at calibrated similarity >= floor. Similarity seed floor: Themes(z_seed=...) "
    "on every corpus of benchmarks/themes.py (ISAF: lowest per-theme precision and mean recall). Word among members: "
    "the same corpora at several shares of a unit's 10 nearest units under the theme (off: never). Second theme "
    "margin: the same corpora with a second theme kept within that many spreads of the unit's strongest theme. "
    "Closest sentence: the same corpora with Themes(sentences='auto') and sentences=False. Paragraph context: "
    "seeds accuracy, the BBC sample's paragraphs against their article's section (accuracy, precision of the placed) "
    "and the NYT paragraphs under BBC themes, with the passage closeness and the joins next to a seed on or off."
)


def run(quick: bool) -> list[dict]:
    from topics.embedding.embed import Embedder

    embedder = Embedder(show_progress=False)
    seeds = _seed_data(embedder)
    nyt = _paragraph_data(bench.NYT, embedder) if "nyt" in themes_check._inputs(embedder) else None
    rows = carry_rows(seeds, nyt, embedder) + context_rows(seeds, nyt, embedder)
    rows += margin_rows(seeds, nyt, embedder) + kind_rows(seeds, nyt, embedder) + sentence_rows(seeds, nyt, embedder)
    if quick:
        return rows
    return rows + seed_floor_rows(seeds, nyt, embedder) + neighbourhood_rows(seeds, nyt, embedder)


# ---------------------------------------------------------------- data
def _seed_data(embedder):
    units, embeddings = themes_check._inputs(embedder)["seeds"]
    labels = pd.read_csv(bench.SEED_LABELS).set_index("paragraph_id").loc[units.unit_id, "theme"].to_numpy()
    return units, embeddings, bench.THEME_FILE, labels


def _paragraph_data(path, embedder):
    units, embeddings = themes_check._inputs(embedder)["nyt"]
    return units, embeddings, bench.DATA / "bbc_themes.toml", None


def _fit(data, embedder, **params):
    from topics.themes.guided import Themes

    units, embeddings, theme_file, _ = data
    # Without article context, as when these rows were first measured: the carry rules are applied after fitting.
    return Themes(str(theme_file), **{"article_context": False, **params}).fit(units, embeddings, embedder)


# ---------------------------------------------------------------- article carry
def article_carry(units: pd.DataFrame, members: np.ndarray, closeness: np.ndarray, rule: str, floor: float) -> np.ndarray:
    """Memberships after paragraphs under no theme take one from their article by ``rule``."""
    carried = members.copy()
    order = units.sort_values(["article_id", "position"], kind="stable").index.to_numpy()
    articles = units["article_id"].to_numpy()[order]
    texts = units["text"].to_numpy()
    for start, end in _runs(articles):
        rows = order[start:end]
        article_members = members[rows]
        article_themes = article_members.sum(axis=0) >= 2
        for position, row in enumerate(rows):
            if article_members[position].any():
                continue
            candidates = np.zeros(members.shape[1], dtype=bool)
            if "between" in rule:
                before = [p for p in range(position - 1, max(-1, position - 1 - MAX_GAP), -1) if article_members[p].any()]
                after = [p for p in range(position + 1, min(len(rows), position + 1 + MAX_GAP)) if article_members[p].any()]
                if before and after:
                    candidates |= article_members[before[0]] & article_members[after[0]]
            if "cue" in rule and position > 0 and CONTINUATION.match(str(texts[row])):
                candidates |= carried[rows[position - 1]]
            if rule == "article" and article_themes.any():
                candidates[np.argmax(np.where(article_themes, closeness[row], -np.inf))] = True
            candidates &= closeness[row] >= floor
            if candidates.any():
                # One theme: the one the paragraph is closest to, not every theme of its neighbours.
                carried[row, np.argmax(np.where(candidates, closeness[row], -np.inf))] = True
    return carried


def _runs(values: np.ndarray):
    """(start, end) of each run of equal consecutive values."""
    edges = np.flatnonzero(values[1:] != values[:-1]) + 1
    bounds = np.concatenate([[0], edges, [len(values)]])
    return zip(bounds[:-1], bounds[1:])


def _seeds_accuracy(fitted, members: np.ndarray, labels: np.ndarray) -> float:
    names = np.array(fitted.theme_names_)
    ranking = np.where(members, fitted.scores_ + 1e-3 * np.tanh(fitted.z_scores_), -np.inf)
    primary = np.where(members.any(axis=1), names[ranking.argmax(axis=1)], "none")
    return float(np.mean(primary == labels))


def carry_rows(seeds, nyt, embedder) -> list[dict]:
    seed_fit = _fit(seeds, embedder)
    nyt_fit = _fit(nyt, embedder) if nyt is not None else None
    rows = [_carry_row("none (Themes as fitted)", None, seed_fit, seed_fit.memberships_, seeds,
                       nyt_fit, None if nyt_fit is None else nyt_fit.memberships_)]
    for rule in CARRY_RULES:
        for floor in CARRY_FLOORS:
            seed_members = article_carry(seeds[0], seed_fit.memberships_, seed_fit.z_scores_, rule, floor)
            nyt_members = None if nyt_fit is None else article_carry(nyt[0], nyt_fit.memberships_, nyt_fit.z_scores_, rule, floor)
            rows.append(_carry_row(rule, floor, seed_fit, seed_members, seeds, nyt_fit, nyt_members))
    return rows


def _carry_row(rule, floor, seed_fit, seed_members, seeds, nyt_fit, nyt_members) -> dict:
    return {
        "setting": "article carry",
        "rule": rule,
        "floor": None if floor is None or not np.isfinite(floor) else floor,
        "seeds_accuracy": round(_seeds_accuracy(seed_fit, seed_members, seeds[3]), 3),
        "seeds_assigned": round(float(seed_members.any(axis=1).mean()), 3),
        "nyt_mismatched_assigned": None if nyt_members is None else round(float(nyt_members.any(axis=1).mean()), 3),
    }


# ---------------------------------------------------------------- similarity seed floor
def seed_floor_rows(seeds, nyt, embedder) -> list[dict]:
    corpora = _other_corpora(embedder)
    return [_all_corpora_row("similarity seed floor", f"z_seed={z_seed}", seeds, nyt, corpora, embedder, z_seed=z_seed)
            for z_seed in SEED_FLOORS]


def neighbourhood_rows(seeds, nyt, embedder) -> list[dict]:
    """A keyword unit joins a theme when enough of its nearest units are members (share > 1 = off)."""
    from topics.themes import evidence

    return _constant_rows(evidence, "NEIGHBOURHOOD_SHARE", NEIGHBOURHOOD_SHARES, "word among members",
                          lambda share: "off" if share > 1 else f"share>={share} of {evidence.NEIGHBOURS} nearest",
                          seeds, nyt, embedder)


def margin_rows(seeds, nyt, embedder) -> list[dict]:
    """A second theme kept only within a margin of the unit's strongest theme's calibrated evidence."""
    from topics.themes import evidence

    return _constant_rows(evidence, "DOMINANCE_MARGIN", DOMINANCE_MARGINS, "second theme margin",
                          lambda margin: "off" if not np.isfinite(margin) else f"within {margin} spreads",
                          seeds, nyt, embedder)


def kind_rows(seeds, nyt, embedder) -> list[dict]:
    """The second-theme margin between themes of one kind only, or between all themes."""
    from topics.themes import evidence

    return _constant_rows(evidence, "MARGIN_WITHIN_KIND", (True, False), "second theme margin of one kind",
                          lambda within: f"within {evidence.DOMINANCE_MARGIN} spreads, " + ("same kind" if within else "all themes"),
                          seeds, nyt, embedder)


def context_rows(seeds, nyt, embedder) -> list[dict]:
    """The passage closeness and the joins next to a seed, each on and off, on paragraph corpora."""
    from topics.themes import evidence, passages

    bbc_units, bbc_embeddings = themes_check._inputs(embedder)["bbc_paragraphs"]
    bbc = (bbc_units, bbc_embeddings, bench.DATA / "bbc_themes.toml", bbc_units["label"].astype(str).to_numpy())
    adopted, rows = (passages.OWN_WEIGHT, evidence.CONTEXT_JOINS), []
    try:
        for own_weight, joins in ((1.0, False), (adopted[0], False), (1.0, True), adopted):
            passages.OWN_WEIGHT, evidence.CONTEXT_JOINS = own_weight, joins
            seed_fit, bbc_fit = _fit(seeds, embedder), _fit(bbc, embedder)
            placed = bbc_fit.labels_ >= 0
            primary = np.array(bbc_fit.theme_names_)[bbc_fit.labels_[placed]]
            row = {"setting": "paragraph context", "rule": f"passage weight {1.0 - own_weight:g}, joins next to a seed {'on' if joins else 'off'}",
                   "seeds_accuracy": round(_seeds_accuracy(seed_fit, seed_fit.memberships_, seeds[3]), 3),
                   "seeds_assigned": round(float(seed_fit.memberships_.any(axis=1).mean()), 3),
                   "bbc_paragraphs_accuracy": round(_seeds_accuracy(bbc_fit, bbc_fit.memberships_, bbc[3]), 3),
                   "bbc_paragraphs_precision": round(float(np.mean(primary == bbc[3][placed])), 3) if placed.any() else None}
            if nyt is not None:
                row["nyt_mismatched_assigned"] = round(float(_fit(nyt, embedder).memberships_.any(axis=1).mean()), 3)
            rows.append(row)
    finally:
        passages.OWN_WEIGHT, evidence.CONTEXT_JOINS = adopted
    return rows


def _constant_rows(module, name, values, setting, rule, seeds, nyt, embedder) -> list[dict]:
    """One all-corpora row per value of a module constant; the adopted value is put back afterwards."""
    corpora = _other_corpora(embedder)
    adopted, rows = getattr(module, name), []
    try:
        for value in values:
            setattr(module, name, value)
            rows.append(_all_corpora_row(setting, rule(value), seeds, nyt, corpora, embedder))
    finally:
        setattr(module, name, adopted)
    return rows


def sentence_rows(seeds, nyt, embedder) -> list[dict]:
    """Closeness from the whole unit only, or mixed with the closest sentence's (``Themes(sentences=...)``)."""
    corpora = _other_corpora(embedder)
    return [_all_corpora_row("closest sentence", f"sentences={mode!r}", seeds, nyt, corpora, embedder, sentences=mode)
            for mode in ("auto", False)]


def _other_corpora(embedder):
    """(ISAF articles or None, BBC sample data) for the rows measured on every corpus."""
    inputs = themes_check._inputs(embedder)
    isaf = inputs.get("isaf")
    bbc_units, bbc_embeddings = inputs["bbc_articles"]
    bbc = (bbc_units, bbc_embeddings, bench.DATA / "bbc_themes.toml", bbc_units["label"].astype(str).to_numpy())
    return isaf, bbc


def _all_corpora_row(setting, rule, seeds, nyt, corpora, embedder, **params) -> dict:
    isaf, bbc = corpora
    seed_fit = _fit(seeds, embedder, **params)
    row = {"setting": setting, "rule": rule,
           "seeds_accuracy": round(_seeds_accuracy(seed_fit, seed_fit.memberships_, seeds[3]), 3),
           "seeds_assigned": round(float(seed_fit.memberships_.any(axis=1).mean()), 3)}
    if nyt is not None:
        row["nyt_mismatched_assigned"] = round(float(_fit(nyt, embedder, **params).memberships_.any(axis=1).mean()), 3)
    if isaf is not None:
        fitted = _fit((*isaf, bench.DATA / "isaf_themes.toml", None), embedder, **params)
        truth = bench.isaf_truth(isaf[0], fitted.theme_names_)
        precision, recall = _per_theme(fitted.memberships_, truth)
        row.update(isaf_min_precision=round(min(precision), 3), isaf_mean_recall=round(float(np.mean(recall)), 3),
                   isaf_detentions_recall=round(recall[0], 3), isaf_killed_precision=round(precision[1], 3),
                   isaf_killed_recall=round(recall[1], 3), isaf_air_strikes_precision=round(precision[2], 3),
                   isaf_air_strikes_recall=round(recall[2], 3))
        mismatched = _fit((*isaf, bench.DATA / "bbc_themes.toml", None), embedder, **params)
        row["isaf_mismatched_assigned"] = round(float(mismatched.memberships_.any(axis=1).mean()), 3)
    bbc_fit = _fit(bbc, embedder, **params)
    row["bbc_accuracy"] = round(_seeds_accuracy(bbc_fit, bbc_fit.memberships_, bbc[3]), 3)
    bbc_precision, _ = _per_theme(bbc_fit.memberships_, np.column_stack([bbc[3] == name for name in bbc_fit.theme_names_]))
    row["bbc_mean_precision"] = round(float(np.mean(bbc_precision)), 3)
    return row


def _per_theme(members: np.ndarray, truth: np.ndarray) -> tuple[list[float], list[float]]:
    precision, recall = [], []
    for theme in range(truth.shape[1]):
        relevant, placed = truth[:, theme].sum(), members[:, theme].sum()
        if relevant:
            hit = (truth[:, theme] & members[:, theme]).sum()
            precision.append(hit / placed if placed else 0.0)
            recall.append(hit / relevant)
    return precision, recall


def main(argv: list[str] | None = None) -> int:
    import sys

    from benchmarks.run import main as run_main

    return run_main(["--only", "themes_tradeoffs", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    raise SystemExit(main())
