"""What the evidence step finds per (unit, theme): the :class:`Evidence` record and the codes of what placed
a unit under a theme (``SOURCE_*``, and ``ADMITTED_*`` telling the learning paths apart).

Owns that record's shape. May import numpy.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SOURCE_NONE, SOURCE_KEYWORDS, SOURCE_SIMILARITY, SOURCE_LEARNING = 0, 1, 2, 3
SOURCE_NAMES = {SOURCE_KEYWORDS: "keywords", SOURCE_SIMILARITY: "similarity", SOURCE_LEARNING: "learning"}
# What put a unit under a theme, the paths that ``SOURCE_LEARNING`` counts together told apart: the learned
# model with evidence of the unit's own (its score is its own); a seed beside it in its article (a join), a
# word among members or being closest among them, its article's seeds (a carry): these place a unit whose own
# score is below the threshold, and its score is the threshold.
ADMITTED_NONE, ADMITTED_KEYWORDS, ADMITTED_SIMILARITY, ADMITTED_LEARNING = 0, 1, 2, 3
ADMITTED_NEIGHBOUR, ADMITTED_MEMBERS, ADMITTED_CLOSEST, ADMITTED_ARTICLE = 4, 5, 6, 7
ADMITTED_NAMES = {ADMITTED_KEYWORDS: "keywords", ADMITTED_SIMILARITY: "similarity", ADMITTED_LEARNING: "learned",
                  ADMITTED_NEIGHBOUR: "neighbour", ADMITTED_MEMBERS: "word among members",
                  ADMITTED_CLOSEST: "closest among members", ADMITTED_ARTICLE: "article"}


# A unit without evidence of its own stays below the threshold whatever it resembles: its score is kept under this share
# of the threshold, what it would have scored above that kept in order, pressed into the lower half of the rest of the
# way to the threshold (at 0.5: from 0.45 to 0.475). Its score still ranks it among the units below the theme (the near
# misses): the capped units would otherwise all read 0.45, the first of them in corpus order shown as the "nearest".
CAP_SHARE = 0.9


def below_threshold(score, threshold: float) -> np.ndarray:
    """``score`` where it is at most ``CAP_SHARE`` of ``threshold``; above that, pressed into the lower half of the rest
    of the way to the threshold, in the same order (a score of 1 lands at the half)."""
    score = np.asarray(score, dtype=np.float64)
    cap = threshold * CAP_SHARE
    pressed = cap + (threshold - cap) / 2.0 * (np.clip(score, cap, 1.0) - cap) / max(1.0 - cap, 1e-12)
    return np.where(score > cap, pressed, score)


@dataclass(frozen=True)
class Evidence:
    """Per (unit, theme): the calibrated evidence and the resulting score; per theme: the null and the learned model."""

    similarity: np.ndarray  # (n, k) cosine to the theme's prototype
    z: np.ndarray  # (n, k) similarity in units of the null's spread above its centre
    keyword_hits: np.ndarray  # (n, k) bool: a keyword or alias of the theme occurs in the unit
    learned: np.ndarray  # (n, k) learned probability (NaN where the theme did not learn)
    score: np.ndarray  # (n, k) in [0, 1]
    source: np.ndarray  # (n, k) int8: SOURCE_* of a unit's membership (0 = not a member)
    admitted: np.ndarray  # (n, k) int8: ADMITTED_* of a membership, the learning paths told apart (0 = not a member)
    null_centre: np.ndarray  # (k,)
    null_spread: np.ndarray  # (k,)
    coef: np.ndarray  # (k, dim) learned direction per theme (NaN rows: not learned)
    intercept: np.ndarray  # (k,)
    n_seeds: np.ndarray  # (k,)
    learning_rounds: np.ndarray  # (k,)
    seed_floor: np.ndarray  # (k,) calibrated similarity that seeds the theme on meaning alone
    keyword_floor: np.ndarray  # (k,) calibrated similarity a unit with a common-word keyword needs
    context_floor: np.ndarray  # (k,) calibrated similarity a paragraph next to a seed needs to be learned
    theme_fits: np.ndarray  # (k,) bool: the corpus is closer to the theme than to unrelated subjects (topics.themes.corpus_fit)
    absent: np.ndarray  # (k,) bool: neither fits nor has a keyword in the corpus (topics.themes.corpus_fit.absent_themes)
    fits: bool  # the theme file fits the corpus: learning and the article's themes count
    regime: np.ndarray  # (k,) bool: the themes placed as in a file that fits (corpus_fit.learning_regime)
    article_prior: np.ndarray | None = None  # (n, k) log share of the theme among the article's seeds (article context)
    speaker_model: tuple | None = None  # (coef, intercept) per theme: topics.themes.speakers.corroboration
    alias_floors: list | None = None  # per theme, (m,) each keyword's own floor (keyword_floors; None: none)
    lone_floors: list | None = None  # per theme, (m,) the floor of a unit with only this keyword (corroboration)
    narrow: np.ndarray | None = None  # (k,) bool: narrow stories, kept to the seed floor (topics.themes.breadth)
    closest_floor: np.ndarray | None = None  # (k,) from where being a unit's closest theme is evidence (topics.themes.closest)
    sibling_reference: list | None = None  # per theme, its worded members' and siblings' vectors (topics.themes.siblings)
    left_to_siblings: np.ndarray | None = None  # (n, k) bool: placements on meaning alone that side with the siblings
