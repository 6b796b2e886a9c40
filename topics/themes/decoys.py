"""Decoy themes: how often units that are about none of a theme file still come close to a theme.

Cosine similarities are skewed: on a corpus, units reach three spreads *above* the null's centre
ten to a hundred times more often than three spreads below it (measured on the NYT Afghanistan
paragraphs against the BBC section themes: about 1 % against under 0.1 %), so a floor that
mirrors the lower tail lets through a theme file that does not fit the corpus. Decoys estimate
that upper tail directly, as target-decoy searches do: themes on subjects far apart from each
other, calibrated on the corpus like any theme; the number of units above a cut-off for the
typical (median) decoy is the number of units expected above it by chance. A corpus about one of
the decoys' subjects leaves the median unchanged.
"""

from __future__ import annotations

import numpy as np

DECOY_THEMES = (
    "cooking recipes and baking",
    "astronomy, planets and telescopes",
    "knitting and sewing patterns",
    "gardening, flowers and vegetables",
    "classical music and opera",
    "chemistry experiments in the laboratory",
    "pet care for dogs and cats",
    "fashion, clothing and models",
    "mountain hiking and camping",
    "car repair and engines",
    "wedding planning",
    "poetry and novels",
    "dinosaurs and fossils",
    "ocean fish and coral reefs",
    "video game reviews",
    "home furniture and interior design",
    "coffee and tea",
    "yoga and meditation",
    "birds and bird watching",
    "mathematics and geometry proofs",
)


def decoy_floor(values: np.ndarray, decoy_values: np.ndarray, floor: float, fdr: float) -> float:
    """The lowest cut-off c >= ``floor`` at which the typical decoy has at most ``fdr`` times as
    many units at or above c as ``values`` has (the expected share of false units among those
    above c); above every value when no cut-off qualifies.

    ``values``: (n,) calibrated similarity of the units to one theme; ``decoy_values``: (n, d) the
    same units' calibrated similarity to each decoy.
    """
    candidates = np.sort(values[values >= floor])[::-1]
    if len(candidates) == 0 or decoy_values.shape[1] == 0:
        return float(floor)
    n_above = np.arange(1, len(candidates) + 1)
    columns = np.sort(decoy_values, axis=0)
    by_chance = np.median(
        [len(column) - np.searchsorted(column, candidates, side="left") for column in columns.T], axis=0
    )
    passing = np.flatnonzero(by_chance <= fdr * n_above)
    if len(passing) == 0:
        return float(candidates[0] + 1e-9)
    return float(candidates[passing[-1]])


def beyond_decoys_floor(decoy_values: np.ndarray, floor: float) -> float:
    """The larger of ``floor`` and the highest calibrated similarity any unit has to any decoy: a theme
    absent from the corpus (:func:`topics.themes.corpus_fit.absent_themes`) places only units closer to
    it than any unit comes to an unrelated subject. ``decoy_values``: (n, d), as :func:`decoy_floor`."""
    if decoy_values.size == 0:
        return float(floor)
    return float(max(floor, np.max(decoy_values) + 1e-9))
