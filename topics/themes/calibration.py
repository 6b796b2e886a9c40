"""The corpus's null for each theme, and the floors calibrated on it.

Each unit's cosine to a theme's prototype is turned into a z-score against the corpus's *null*
for that theme: how similar units that are not about it are. Units off a theme are the bulk of
the similarity distribution and sit at and below its median, so the null's centre is the median
of the units without the theme's keywords and its spread a one-sigma width that units about the
theme (in the upper tail) do not widen (:func:`calibrate`). The seed and keyword floors then rise
above the given ones until the corpus's mirrored null and its closeness to decoy themes
(:mod:`topics.themes.decoys`) estimate at most ``SEED_FALSE_DISCOVERY_RATE`` false seeds
(:func:`seed_floors`), so a theme the corpus does not talk about seeds little; where a file does
not fit the corpus, the same estimate summed over its themes (:func:`file_seed_floor`), so a file of
many such themes does not seed a unit or two under each by chance.
"""

from __future__ import annotations

import numpy as np

# Standard-normal quantile: a half's one-sigma width is measured between the median and this quantile.
_ONE_SIGMA_BELOW = 0.15865525393145707
MIN_NULL_UNITS = 20
# Highest estimated share of false seeds a theme may have (the precision an analyst can trust, 0.85).
SEED_FALSE_DISCOVERY_RATE = 0.15
# Cut-offs tried for a theme file's common seed floor (file_seed_floor), evenly among the units' values.
MAX_CUTS = 200


def calibrate(similarity: np.ndarray, keyword_hits: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(centre, spread) of each theme's null: the median of the units without its keywords (all units
    when too few lack them), and the larger of the one-sigma widths of their lower and upper halves
    (the null's upper tail is often heavier than its lower one: the larger width keeps a theme the
    corpus does not talk about from scoring high on that tail)."""
    k = similarity.shape[1]
    centre, spread = np.zeros(k), np.zeros(k)
    for theme in range(k):
        column = similarity[:, theme]
        if keyword_hits is not None and (~keyword_hits[:, theme]).sum() >= MIN_NULL_UNITS:
            column = column[~keyword_hits[:, theme]]
        centre[theme] = np.median(column)
        below = centre[theme] - np.quantile(column, _ONE_SIGMA_BELOW)
        above = np.quantile(column, 1.0 - _ONE_SIGMA_BELOW) - centre[theme]
        spread[theme] = max(below, above, 1e-3)
    return centre, spread


def holders_elsewhere(similarity: np.ndarray, keyword_hits: np.ndarray, centre: np.ndarray, spread: np.ndarray) -> np.ndarray:
    """(n, k) bool: units holding a keyword of a theme that are calibrated closer (``centre``, ``spread``:
    :func:`calibrate`) to another theme of the file. There the word is said in another sense or of another
    subject ("strike" in the "air strikes" of a war for industrial disputes; an Israeli air strike for the
    war in Afghanistan's "air strikes"): such units are among those not about the theme, and belong to its
    null. A file of one theme has none."""
    z = (similarity - centre) / spread
    return np.asarray(keyword_hits, dtype=bool) & (z < z.max(axis=1, keepdims=True))


def calibrate_in_sense(similarity: np.ndarray, keyword_hits: np.ndarray, themes=None) -> tuple[np.ndarray, np.ndarray]:
    """:func:`calibrate` on the units without the theme's keywords and those holding one while closer to
    another theme (:func:`holders_elsewhere`, found on the first calibration): the null of the units
    not about the theme, whatever words they use. ``themes``: (k,) bool, the themes calibrated so (None:
    all); the others keep the units without their keywords (on press releases about operations, where
    "detained" is in most releases, the detentions are closer to the killings in the same releases, and
    a null of them all left the detentions theme nothing above it)."""
    centre, spread = calibrate(similarity, keyword_hits)
    elsewhere = holders_elsewhere(similarity, keyword_hits, centre, spread)
    if themes is not None:
        elsewhere &= np.asarray(themes, dtype=bool)[None, :]
    if not elsewhere.any():
        return centre, spread
    return calibrate(similarity, np.asarray(keyword_hits, dtype=bool) & ~elsewhere)


def seed_floors(z, keyword_hits, name_hits, z_seed, z_keyword, fdr=SEED_FALSE_DISCOVERY_RATE, decoy_z=None,
                decoy_similarity=None, whole_file=False, absent=None, null_hits=None):
    """Per theme, the calibrated similarity at which meaning alone seeds it and at which a common-word
    keyword counts: at least ``z_seed`` / ``z_keyword``, raised until the corpus's own null says that
    at most ``fdr`` of the seeds are false.

    Units off a theme are spread symmetrically around the null's centre, so the units as far *below*
    it as a cut-off is above estimate how many of those above it are off the theme (a mirror
    estimate of the false-discovery rate). A theme the corpus does not talk about has an upper tail
    no heavier than its lower one, and its floors rise until almost nothing passes; a theme the
    corpus talks about keeps the given floors. For a common word ("government" in news about
    Afghanistan) the estimate is made among the units that contain it.

    The null is skewed, its upper tail heavier than its lower one, so the mirror alone
    underestimates the false seeds; with ``decoy_similarity`` ((n, d) cosine to the decoy themes,
    :mod:`topics.themes.decoys`) each floor is also raised until the typical decoy has at most
    ``fdr`` times as many units above it, among the same units. The decoys are calibrated on the
    theme's own null (the units without its keywords), so theme and decoys share one reference:
    calibrated on all units instead, a theme whose word is in most units (detentions in press
    releases about operations) met decoys with a wider spread than its own and seeded nothing.
    ``decoy_z``: decoys already calibrated, used when ``decoy_similarity`` is not given. ``whole_file``:
    the seed floors also rise to the file's common floor (:func:`file_seed_floor`), for a file found
    not to fit the corpus, whose themes seed on meaning alone. ``absent``: (k,) bool, themes absent from
    the corpus (:func:`topics.themes.corpus_fit.absent_themes`): their seed floor rises above every
    unit's closeness to every decoy (:func:`topics.themes.decoys.beyond_decoys_floor`). ``null_hits``: the units
    outside the theme's null (None: ``keyword_hits``; :func:`topics.themes.evidence.gather`).
    """
    from topics.themes.decoys import decoy_floor

    null_hits = keyword_hits if null_hits is None else null_hits
    k = z.shape[1]
    common = keyword_hits & ~name_hits if name_hits is not None else keyword_hits
    seed_floor, keyword_floor = np.zeros(k), np.zeros(k)
    for theme in range(k):
        seed_floor[theme] = _mirror_floor(z[:, theme], z_seed, fdr)
        with_word = common[:, theme]
        keyword_floor[theme] = _mirror_floor(z[with_word, theme], z_keyword, fdr)
        decoys = decoy_z
        if decoy_similarity is not None:
            decoys = _decoys_on_theme_null(decoy_similarity, null_hits[:, theme])
        if decoys is not None:
            seed_floor[theme] = max(seed_floor[theme], decoy_floor(z[:, theme], decoys, z_seed, fdr))
            keyword_floor[theme] = max(
                keyword_floor[theme], decoy_floor(z[with_word, theme], decoys[with_word], z_keyword, fdr)
            )
    whole_file = np.broadcast_to(np.asarray(whole_file, dtype=bool), (k,))
    if whole_file.any():
        seed_floor = np.where(whole_file, np.maximum(seed_floor, file_seed_floor(z, seed_floor, fdr)), seed_floor)
    if absent is not None and decoy_similarity is not None:
        # A unit or two above its floor is what chance gives a theme no closer to the corpus than unrelated
        # subjects; it must come closer than any unit comes to one of them. (After the file's floor: the
        # chances of its absent themes count there as much as the others'.)
        seed_floor = beyond_decoys_floors(seed_floor, decoy_similarity, null_hits, absent)
    return seed_floor, keyword_floor


def beyond_decoys_floors(seed_floor, decoy_similarity, keyword_hits, themes) -> np.ndarray:
    """(k,) ``seed_floor`` with each of ``themes`` ((k,) bool) raised above every unit's calibrated closeness to
    every decoy, on the theme's own null (:func:`topics.themes.decoys.beyond_decoys_floor`)."""
    from topics.themes.decoys import beyond_decoys_floor

    floors = np.array(seed_floor, dtype=np.float64, copy=True)
    for theme in np.flatnonzero(themes):
        floors[theme] = beyond_decoys_floor(_decoys_on_theme_null(decoy_similarity, keyword_hits[:, theme]), floors[theme])
    return floors


def soft_unproven_floors(seed_floor, decoy_similarity, keyword_hits, themes, soft_fit) -> np.ndarray:
    """(k,) ``seed_floor`` with each of ``themes`` ((k,) bool) raised towards the floor beyond every decoy
    (:func:`beyond_decoys_floors`) by how surely it does not stand out of the corpus, 1 - ``soft_fit`` ((k,),
    :func:`topics.themes.corpus_fit.soft_fit`; NaN: not raised): all the way for a theme whose enrichment is at
    most 1 (no closer to the corpus than unrelated subjects) or clearly under the threshold, not at all for one
    that clearly stands out (enrichment ``MIN_ENRICHMENT`` squared or more, or the threshold below the
    posterior's credible interval), in between only where the test's verdict is in doubt."""
    floors = np.array(seed_floor, dtype=np.float64, copy=True)
    unlikely = 1.0 - np.asarray(soft_fit, dtype=np.float64)
    themes = np.asarray(themes, dtype=bool) & np.isfinite(unlikely) & (unlikely > 0)
    if not themes.any():
        return floors
    strict = beyond_decoys_floors(floors, decoy_similarity, keyword_hits, themes)
    return np.where(themes, floors + np.nan_to_num(unlikely) * (strict - floors), floors)


def file_seed_floor(z: np.ndarray, seed_floor: np.ndarray, fdr: float) -> float:
    """The lowest cut-off c at which a theme file as a whole seeds at most ``fdr`` false units on
    meaning alone: summed over its themes, the units as far below each null's centre as its floor
    (the larger of c and the theme's own) is above it, against all its seeds (the mirror estimate of
    :func:`seed_floors`, for the whole file).

    A theme's own estimate rests on a handful of units on a small corpus: no unit below its mirrored
    floor against one seed above it is within the rate. A file of many themes adds those chances up:
    two hundred themes no closer to the corpus than unrelated subjects each pass a unit or two, and
    their summed lower tails hold as many units as their seeds, so the common floor rises. A raise that
    would remove no seed is not made (the floors also shape the scores of the other units)."""
    k = z.shape[1]
    if k == 0 or len(z) == 0:
        return -np.inf

    def false_and_passed(cut: float) -> tuple[float, float]:
        floors = np.maximum(seed_floor, cut)
        return float((z <= -floors).sum()), float((z >= floors).sum())

    lowest = float(np.min(seed_floor))
    false, seeded = false_and_passed(lowest)
    if seeded == 0 or false <= fdr * seeded:
        return lowest
    # Cut-offs at the units' own values above the lowest floor (at most MAX_CUTS of them, evenly), lowest first.
    cuts = np.unique(z[z > lowest])
    cuts = cuts[np.unique(np.linspace(0, len(cuts) - 1, min(len(cuts), MAX_CUTS)).astype(int))] if len(cuts) else cuts
    found = float(np.max(z) + 1e-9)
    for cut in cuts.tolist():
        false, passed = false_and_passed(cut)
        if passed == 0 or false <= fdr * passed:
            found = float(cut)
            break
    return lowest if false_and_passed(found)[1] == seeded else found


def _decoys_on_theme_null(decoy_similarity: np.ndarray, hits: np.ndarray) -> np.ndarray:
    """(n, d) the units' similarity to the decoys, calibrated on the same units as the theme's own
    null (those without its keywords, :func:`calibrate`), so that theme and decoys are measured
    against one reference."""
    column_hits = np.repeat(hits[:, None], decoy_similarity.shape[1], axis=1)
    centre, spread = calibrate(decoy_similarity, column_hits)
    return (decoy_similarity - centre) / spread


def _mirror_floor(values: np.ndarray, floor: float, fdr: float) -> float:
    """The lowest cut-off c >= ``floor`` with #(values <= -c) <= fdr * #(values >= c); above every
    value when there is none (nothing passes)."""
    if len(values) == 0:
        return float(floor)
    above = np.sort(values)[::-1]
    mirrored = np.sort(-values)  # the lower tail turned over, ascending
    candidates = above[above >= floor]
    if len(candidates) == 0:
        return float(floor)
    n_above = np.arange(1, len(candidates) + 1)  # candidates[i] is the i+1-th largest value
    n_below = len(mirrored) - np.searchsorted(mirrored, candidates, side="left")  # values <= -candidate
    passing = np.flatnonzero(n_below <= fdr * n_above)
    if len(passing) == 0:
        return float(above[0] + 1e-9)
    # The lowest cut-off that keeps the estimate within fdr.
    return float(candidates[passing[-1]])


def worded_seed_floors(z: np.ndarray, seed_floor: np.ndarray, worded: np.ndarray, themes=None) -> np.ndarray:
    """(k,) ``seed_floor`` with each theme whose words are most of its evidence raised to the median calibrated
    similarity of its seeds that hold one of its words (``worded``: (n, k) bool, the keyword seeds; ``themes``: (k,)
    bool, the themes that may be raised, None: all). A unit without any of the theme's words is a seed on meaning
    alone only when it is as close to the theme as the typical unit that names it: the decoys and the mirrored null
    estimate how often *unrelated* subjects come close, not a neighbouring one (storms and road tolls in the same
    state, for bushfires), which sits just above the floor they give. Where the theme's meaning-only seeds are as many
    as its worded ones (a broad section, whose keywords list a few of its words) the words do not say how close its
    units come, and the floor stays."""
    floors = np.array(seed_floor, dtype=np.float64, copy=True)
    worded = np.asarray(worded, dtype=bool)
    for theme in range(z.shape[1]):
        if themes is not None and not themes[theme]:
            continue
        with_words = worded[:, theme]
        meaning_only = (z[:, theme] >= floors[theme]) & ~with_words
        if with_words.sum() > meaning_only.sum():
            floors[theme] = max(floors[theme], float(np.median(z[with_words, theme])))
    return floors
