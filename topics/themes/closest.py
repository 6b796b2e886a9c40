"""Short items under broad themes: being closest to a theme is evidence of a unit's own.

A theme file whose themes divide the corpus between them (the sections of a news wire) meets short
items (a headline and a sentence) that name none of a theme's few keywords and never reach its seed
floor on meaning alone: a section's seeds are found by its region, not by the closeness of one short
item to "business". Without a keyword, a seed or a neighbouring seed a unit has no evidence of its own,
so what learning finds is capped below the threshold: on the AG News sections, the learned models
claimed about 65 % of each section at a precision of 0.67 to 0.93, yet 70 % of the items stayed under no
theme (docs/benchmarks.md). Two rules use what such a unit does have, its closeness to the theme
measured against the file's other themes, for a theme the corpus is not typically close to
(:func:`topics.themes.corpus_fit.typically_close`; on a corpus about the themes' own subject every unit
is close to all of them, and the closest is no evidence):

1. **Closest and as close as its seeds** (:func:`floors`, :func:`evidence`): a unit whose closest theme
   this is, at least as close to it as the median of the theme's seeds (``QUANTILE``) and above its
   keyword floor, has evidence of its own for it: learning may extend the theme to it. Only from where the units
   as close are at least twice what chance gives an unrelated subject (``CHANCE_SHARE``): a theme whose
   neighbourhood the file leaves to subjects it does not declare is their closest theme too.
2. **Closest among members** (:func:`join_among_members`): a unit above the theme's keyword floor whose
   closest theme this is, that the theme's learned model claims (``SELF_TRAINING_PROBABILITY``) and most
   of whose nearest units are members (``SHARE``), joins it; repeated while units join (``ROUNDS``).
   Not for narrow stories (:mod:`topics.themes.breadth`): their members stay above the seed floor.
   Optionally (``NEIGHBOURHOOD_QUANTILE``, off: measured, not adopted) the unit must also be as near its
   member neighbours as the theme's seeds are to theirs (:func:`neighbourhood_floors`): a unit about
   something no theme covers has nearest units too, only the least far ones.

A file of narrow stories leaves most of the corpus to subjects it does not declare, and a unit about one
of those is still closest to one of the stories: the first rule asks it to be as close as the story's
own seeds, the second that its neighbourhood be the story's.
"""

from __future__ import annotations

import numpy as np

# False: closeness among the themes is no evidence (a keyword, a seed or a neighbouring seed only).
CLOSEST_EVIDENCE = True
# A unit closest to a theme has evidence of its own from this quantile of the theme's seeds' calibrated similarity.
QUANTILE = 0.5
# ... and only from where at most this share of the units as close to the theme are what chance gives (the typical
# decoy, :func:`topics.themes.decoys.decoy_floor`): the fit test's enrichment of 2 (``corpus_fit.MIN_ENRICHMENT``) read
# at the floor. A theme whose neighbourhood the file leaves to undeclared subjects (IBM PC hardware beside Mac
# hardware and computers for sale in 20 Newsgroups) is their closest theme too, and its seeds sit barely above its
# null: at their median, 88 messages against 54 by chance, and being closest placed 61 wrong and 15 right
# (docs/benchmarks.md). 1: no such floor.
CHANCE_SHARE = 0.5
# A unit closest to a theme and claimed by its model joins it when this share of its nearest units are members.
SHARE = 0.5
# At most this many rounds of joining (as learning's self-training).
ROUNDS = 5
# Where above 0, a unit joins among members only when its mean cosine to its nearest units that are members reaches
# this quantile of the same for the theme's seeds (:func:`neighbourhood_floors`). Measured, not adopted: at 0.1 it kept
# the war on terror elsewhere (Chechnya, Kashmir, the September 11 charges, Iraq) out of the war in Afghanistan on 350
# ABC News articles, and cost every broad-section check 0.5 to 1.5 points of accuracy at the same precision
# (docs/benchmarks.md; benchmarks/themes_check.py --closest-near-neighbourhood). 0: any neighbourhood of members counts.
NEIGHBOURHOOD_QUANTILE = 0.0


def floors(z, seeds, z_keyword, close, min_seeds, decoy_z=None) -> np.ndarray:
    """(k,) per theme, the calibrated similarity from which being its closest theme is evidence: the
    ``QUANTILE`` of its seeds' (at least ``z_keyword``), raised until at most ``CHANCE_SHARE`` of the units as close
    are what chance gives (``decoy_z``: theme -> (n, d) the units' calibrated similarity to the decoys on the theme's
    null; None: not raised); inf where the corpus is typically close to the theme (``close``: (k,) bool; None: no
    theme is), with fewer than ``min_seeds`` seeds, where no closeness is that far above chance, or with the rule off."""
    from topics.themes.decoys import decoy_floor

    k = z.shape[1]
    result = np.full(k, np.inf)
    if not CLOSEST_EVIDENCE:
        return result
    close = np.zeros(k, dtype=bool) if close is None else np.asarray(close, dtype=bool)
    z_keyword = np.broadcast_to(np.asarray(z_keyword, dtype=np.float64), (k,))
    for theme in np.flatnonzero(~close & (seeds.sum(axis=0) >= min_seeds)):
        result[theme] = max(float(np.quantile(z[seeds[:, theme], theme], QUANTILE)), z_keyword[theme])
        if decoy_z is not None and CHANCE_SHARE < 1.0:
            raised = decoy_floor(z[:, theme], decoy_z(theme), result[theme], CHANCE_SHARE)
            result[theme] = raised if raised <= float(z[:, theme].max()) else np.inf  # no unit stands so far above chance
    return result


def closest(z) -> np.ndarray:
    """(n, k) bool: the theme (or themes, tied) each unit is closest to."""
    return z >= z.max(axis=1, keepdims=True)


def evidence(z, closest_floor) -> np.ndarray:
    """(n, k) bool: units whose closest theme this is, at or above its floor (:func:`floors`)."""
    if closest_floor is None:
        return np.zeros(z.shape, dtype=bool)
    return closest(z) & (z >= np.asarray(closest_floor)[None, :])


def join_among_members(score, member, z, z_keyword, learned, nearest, closest_floor, narrow, threshold, claim,
                       vectors=None, seeds=None):
    """(score, member) with the units that join a theme whose members surround them (rule 2 of the module);
    ``claim``: the learned probability the theme's model must give them; ``closest_floor``: :func:`floors`
    (a theme with an infinite floor is left alone); ``vectors`` (L2-normalised) and ``seeds`` ((n, k) bool):
    for :func:`neighbourhood_floors` (None: any neighbourhood of members counts)."""
    if closest_floor is None or nearest is None or not nearest.shape[1]:
        return score, member
    open_theme = np.isfinite(closest_floor)
    if narrow is not None:
        open_theme &= ~np.asarray(narrow, dtype=bool)
    if not open_theme.any():
        return score, member
    eligible = closest(z) & (z >= z_keyword) & open_theme[None, :] & (np.nan_to_num(learned, nan=0.0) >= claim)
    near = None if vectors is None or seeds is None or not NEIGHBOURHOOD_QUANTILE else neighbour_similarity(vectors, nearest)
    floor = None if near is None else neighbourhood_floors(near, nearest, member, seeds)
    for _ in range(ROUNDS):
        joining = eligible & ~member & (member[nearest].mean(axis=1) >= SHARE)
        if floor is not None:
            joining &= np.nan_to_num(member_closeness(near, nearest, member), nan=-np.inf) >= floor[None, :]
        if not joining.any():
            break
        score = np.where(joining, np.maximum(score, threshold), score)
        member = member | joining
    return score, member


def neighbour_similarity(vectors, nearest) -> np.ndarray:
    """(n, m) each unit's cosine to each of its ``nearest`` units (``vectors`` L2-normalised)."""
    vectors = np.asarray(vectors, dtype=np.float64)
    near = np.empty(nearest.shape)
    for column in range(nearest.shape[1]):  # one column at a time: n x dim, not n x m x dim
        near[:, column] = np.einsum("ij,ij->i", vectors, vectors[nearest[:, column]])
    return near


def member_closeness(near, nearest, member) -> np.ndarray:
    """(n, k) each unit's mean cosine to those of its nearest units that are members of each theme (NaN: none is)."""
    among = member[nearest]  # (n, m, k)
    counts = among.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(counts > 0, (near[:, :, None] * among).sum(axis=1) / counts, np.nan)


def neighbourhood_floors(near, nearest, member, seeds) -> np.ndarray:
    """(k,) per theme, the mean cosine to its member neighbours a unit needs to join among members: the
    ``NEIGHBOURHOOD_QUANTILE`` of the same for its seeds that have member neighbours (-inf: none has, or the rule off)."""
    k = member.shape[1]
    if not NEIGHBOURHOOD_QUANTILE:
        return np.full(k, -np.inf)
    closeness = member_closeness(near, nearest, member)
    floors = np.full(k, -np.inf)
    for theme in range(k):
        values = closeness[np.asarray(seeds[:, theme], dtype=bool), theme]
        values = values[~np.isnan(values)]
        if len(values):
            floors[theme] = float(np.quantile(values, NEIGHBOURHOOD_QUANTILE))
    return floors
