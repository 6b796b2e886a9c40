"""A keyword alone is evidence only where the corpus uses it in the theme's sense.

A theme is often the meeting of two subjects (film and awards, oil and prices, the EU and its
politics), and a generic keyword names one of them: "award" is said of music prizes too,
"Europe" of the euro-zone economy, "Iraq" in passing in a paragraph on trade talks. Where the
corpus uses a keyword in the theme's sense, the keyword comes with the theme's other keywords:
its *seconded* holders, those that also hold another distinct keyword of the theme ("Iraq" with
"troops"; not "Iraq" with "Iraqi" or "Iraq war", the same word), show how close to the theme such
units are. A unit whose only keyword of the theme is that one counts as keyword evidence when it
is at least as close to the theme as the lower quartile of the seconded holders
(``LONE_QUANTILE``), or when the theme is the closest to it of the file's themes (a broad theme's
word alone in a unit about that theme: "market" in business news). A keyword with fewer seconded
holders than the null needs (``MIN_NULL_UNITS``) keeps the theme's floors. Measured in
docs/benchmarks.md (BBC News under fine themes and under its sections).

Also each keyword's own floor (:func:`keyword_floors`: where its holders' closeness is two populations,
it counts from the upper one) and the hits that clear the floors.
"""

from __future__ import annotations

import bisect

import numpy as np

from topics.themes.calibration import MIN_NULL_UNITS

# A lone keyword counts from this quantile of its seconded holders' calibrated similarity (0.5 lost 0.011
# of the BBC section themes' recall on the sample paragraphs; docs/benchmarks.md).
LONE_QUANTILE = 0.25


def keyword_within(aliases, origins=None) -> np.ndarray:
    """(m, m) bool: alias c is part of alias d, so that their hits in one unit are one keyword: a word
    of d starts with c ("Iraq" in "Iraqi" and "Iraq war", "election" in "general election"), or both
    are spellings of one declared keyword (``origins``: each alias's; the first spelling stands for them)."""
    lowered = [alias.lower() for alias in aliases]
    origins = list(aliases) if origins is None else list(origins)
    m = len(aliases)
    # The words of all aliases sorted, so that those starting with c are one run (a theme may list thousands of
    # keywords: testing every pair took minutes).
    entries = sorted((word, d) for d, alias in enumerate(lowered) for word in alias.split())
    words = [word for word, _ in entries]
    pairs = set()
    for c, alias in enumerate(lowered):
        at = bisect.bisect_left(words, alias)
        while at < len(words) and words[at].startswith(alias):
            pairs.add((c, entries[at][1]))
            at += 1
    spellings = {}
    for c, origin in enumerate(origins):
        spellings.setdefault(origin, []).append(c)
    pairs.update((c, d) for group in spellings.values() if len(group) > 1 for c in group for d in group)
    within = np.zeros((m, m), dtype=bool)
    for c, d in pairs:
        # Always the shorter within the longer (ties: the later spelling within the earlier), so no two are within each other.
        within[c, d] = c != d and (len(lowered[c]), -c) < (len(lowered[d]), -d)
    return within


def distinct_keywords(holders: np.ndarray, within: np.ndarray) -> np.ndarray:
    """(n,) per unit, how many distinct keywords of the theme it holds (a hit that is part of another hit is not counted)."""
    holders = np.asarray(holders, dtype=bool)
    if holders.shape[1] == 0:
        return np.zeros(len(holders), dtype=np.int64)
    hit = np.flatnonzero(holders.any(axis=0))  # only keywords that occur can hold one another
    held, part_of = holders[:, hit], np.asarray(within)[np.ix_(hit, hit)]
    inside_another = (held.astype(np.int64) @ part_of.T.astype(np.int64)) > 0  # [i, c]: some hit d of unit i contains c
    return (held & ~inside_another).sum(axis=1)


def lone_floors(z_theme: np.ndarray, holders: np.ndarray, within: np.ndarray, min_holders: int) -> np.ndarray:
    """(m,) per keyword, the calibrated similarity a unit needs when this is its only keyword of the
    theme: ``LONE_QUANTILE`` of its seconded holders' (those holding another distinct keyword of the
    theme, :func:`keyword_within`); -inf with fewer than ``min_holders`` of them (too few to tell)."""
    holders = np.asarray(holders, dtype=bool)
    floors = np.full(holders.shape[1], -np.inf)
    hit = np.flatnonzero(holders.any(axis=0))  # a keyword that never occurs has no holders to second it
    held, part_of = holders[:, hit], np.asarray(within)[np.ix_(hit, hit)]
    related = part_of | part_of.T | np.eye(len(hit), dtype=bool)
    for at, column in enumerate(hit):
        seconded = held[:, at] & held[:, ~related[at]].any(axis=1)
        if seconded.sum() >= min_holders:
            floors[column] = float(np.quantile(z_theme[seconded], LONE_QUANTILE))
    return floors


def alone_below(z_theme: np.ndarray, holders: np.ndarray, within: np.ndarray, floors: np.ndarray) -> np.ndarray:
    """(n,) bool: units whose keyword hits of the theme do not count: one distinct keyword, and the
    unit below that keyword's lone floor (every hit column of the unit below its own)."""
    holders = np.asarray(holders, dtype=bool)
    if holders.shape[1] == 0:
        return np.zeros(len(holders), dtype=bool)
    alone = distinct_keywords(holders, within) == 1
    clears = holders & (z_theme[:, None] >= np.asarray(floors)[None, :])
    return alone & ~clears.any(axis=1)


def keyword_floors(z_theme: np.ndarray, holders: np.ndarray) -> np.ndarray:
    """(m,) per keyword of one theme, the calibrated similarity its hits need (-inf: the theme's usual floors).
    Where two Gaussians describe the closeness of a keyword's holders (at least ``MIN_NULL_UNITS``)
    better than one (BIC), the keyword counts from the lowest value the upper one claims on."""
    floors = np.full(holders.shape[1], -np.inf)
    for column in range(holders.shape[1]):
        own = holders[:, column]
        if own.sum() >= MIN_NULL_UNITS:
            floors[column] = _upper_component_floor(z_theme[own])
    return floors


def _above_keyword_floors(z, keyword_hits, name_hits, alias_hits, alias_floors):
    """(keyword hits, name hits) less the units whose every keyword of the theme is below its own floor."""
    below = np.zeros(z.shape, dtype=bool)
    for theme, (holders, floors) in enumerate(zip(alias_hits, alias_floors)):
        clears = holders & (z[:, theme][:, None] >= np.asarray(floors)[None, :])
        below[:, theme] = holders.any(axis=1) & ~clears.any(axis=1)
    return keyword_hits & ~below, None if name_hits is None else name_hits & ~below


def _upper_component_floor(values: np.ndarray) -> float:
    """-inf unless two Gaussians describe the values better than one (BIC); then the lowest value the upper one claims."""
    from sklearn.mixture import GaussianMixture

    x = values[:, None]
    one, two = GaussianMixture(1, random_state=0).fit(x), GaussianMixture(2, random_state=0).fit(x)
    if two.bic(x) >= one.bic(x):
        return -np.inf
    upper = int(np.argmax(two.means_.ravel()))
    claimed = two.predict_proba(x)[:, upper] >= 0.5
    return float(values[claimed].min()) if claimed.any() else -np.inf


def _holders_above_floors(z, alias_hits, alias_floors):
    """Per theme, (n, m) the keyword hits at or above each keyword's own floor (all of them without floors)."""
    if alias_floors is None:
        return [np.asarray(hits, dtype=bool) for hits in alias_hits]
    return [np.asarray(hits, dtype=bool) & (z[:, theme][:, None] >= np.asarray(floors)[None, :])
            for theme, (hits, floors) in enumerate(zip(alias_hits, alias_floors))]


def _corroborated(z, keyword_hits, name_hits, alias_hits, alias_floors, alias_within, lone_floors):
    """(keyword hits, name hits) less the units whose one keyword of a theme is below its lone floor, for
    a theme that is not the one they are closest to."""
    below = np.zeros(z.shape, dtype=bool)
    for theme, hits in enumerate(_holders_above_floors(z, alias_hits, alias_floors)):
        below[:, theme] = alone_below(z[:, theme], hits, alias_within[theme], lone_floors[theme])
    below &= z < z.max(axis=1, keepdims=True)  # a broad theme's word alone, in a unit about it
    return keyword_hits & ~below, None if name_hits is None else name_hits & ~below


def _lone_floors(throughout, z, alias_hits, alias_floors, alias_within):
    """Per theme, each keyword's floor when it is a unit's only one (:func:`lone_floors`),
    where the corpus is not about the theme throughout (``throughout``, (k,) bool:
    :func:`topics.themes.corpus_fit.about_throughout`; -inf there); None when ``SECOND_KEYWORD`` is off."""
    from topics.themes.evidence import SECOND_KEYWORD

    if not SECOND_KEYWORD or alias_hits is None or alias_within is None:
        return None
    holders = _holders_above_floors(z, alias_hits, alias_floors)
    return [np.full(hits.shape[1], -np.inf) if throughout[theme]
            else lone_floors(z[:, theme], hits, alias_within[theme], MIN_NULL_UNITS)
            for theme, hits in enumerate(holders)]
