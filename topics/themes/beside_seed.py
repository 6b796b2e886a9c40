"""Paragraphs beside a seed of a theme in their article: which they are, the floor they need before
learning may add them, and which join the theme on that context (``topics.themes.evidence.CONTEXT_JOINS``).

Owns those rules. May import numpy and :mod:`topics.themes.calibration`.
"""

from __future__ import annotations

import numpy as np

from topics.themes.calibration import SEED_FALSE_DISCOVERY_RATE, _mirror_floor


def next_to_seed(seeds, neighbours) -> np.ndarray:
    """(n, k) bool: a paragraph of the same article next to the unit is a seed of the theme."""
    return np.asarray(neighbours @ seeds.astype(np.float64)) > 0


def context_joins(z, seeds, neighbours, context_floor, z_keyword) -> np.ndarray:
    """(n, k) bool: paragraphs that continue a seed of the theme next to them in their article. The
    paragraph must clear the theme's context floor and its keyword floor (as close to the theme as
    a unit with one of its common words must be), and the theme must be the one it is closest to:
    a paragraph between two subjects continues the one it resembles most. Without the last two
    conditions a theme file that does not fit the corpus spread along its articles
    (docs/benchmarks.md)."""
    closest = z >= z.max(axis=1, keepdims=True)
    return next_to_seed(seeds, neighbours) & (z >= np.maximum(context_floor, z_keyword)) & closest


def context_floors(z, seeds, neighbours, fdr=SEED_FALSE_DISCOVERY_RATE) -> np.ndarray:
    """Per theme, the calibrated similarity a paragraph next to a seed needs before learning may add
    it: at least the typical unit's, raised (mirrored null among such paragraphs, as for keywords)
    until at most ``fdr`` of them are estimated to be off the theme. Articles that only touch a
    theme in passing (news about Afghanistan next to one paragraph on an election) do not carry it."""
    k = z.shape[1]
    if neighbours is None:
        return np.zeros(k)
    beside = next_to_seed(seeds, neighbours) & ~seeds
    return np.array([_mirror_floor(z[beside[:, theme], theme], 0.0, fdr) for theme in range(k)])
