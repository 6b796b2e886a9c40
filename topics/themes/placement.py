"""Where the evidence places each unit: the fitted attributes of :class:`topics.themes.guided.Themes`
(memberships, the primary theme, the themes best first), set from :class:`topics.themes.evidence.Evidence`.
Mixed into ``Themes``.
"""

from __future__ import annotations

import numpy as np


class ThemePlacement:
    """Sets the fitted attributes of a ``Themes`` from the evidence of ``fit``."""

    def _set_evidence(self, evidence) -> None:
        self.similarity_ = evidence.similarity.astype(np.float32)
        self.z_scores_ = evidence.z.astype(np.float32)
        self.scores_ = evidence.score.astype(np.float32)
        self.sources_ = evidence.source
        self.admitted_ = evidence.admitted  # (n, k) evidence.ADMITTED_*: what put each unit under each theme
        self.memberships_ = evidence.score >= self.threshold
        self.null_centre_ = evidence.null_centre
        self.null_spread_ = evidence.null_spread
        self.coef_ = evidence.coef
        self.intercept_ = evidence.intercept
        self.n_seeds_ = evidence.n_seeds
        # Per theme, the calibrated similarity that seeds it and that a common-word keyword needs on this corpus.
        self.seed_floor_ = evidence.seed_floor
        self.keyword_floor_ = evidence.keyword_floor
        self.context_floor_ = evidence.context_floor
        self.alias_floors_ = evidence.alias_floors  # per theme, each keyword's own floor (None: the theme's floors)
        self.lone_floors_ = evidence.lone_floors  # per theme, the floor of a unit with only that keyword (None: none)
        self.learning_rounds_ = evidence.learning_rounds
        # Per theme, whether the corpus is closer to it than to unrelated subjects; and whether the file fits.
        self.theme_fits_ = evidence.theme_fits
        self.absent_themes_ = evidence.absent  # neither fits nor has a keyword here: kept to units beyond every decoy
        self.fits_corpus_ = evidence.fits
        self.learning_themes_ = evidence.regime  # per theme: placed as in a file that fits (corpus_fit.learning_regime)
        self.closest_floor_ = evidence.closest_floor  # per theme, from where being a unit's closest theme is evidence
        self.narrow_themes_ = evidence.narrow  # per theme: a narrow story, kept to its seed floor (topics.themes.breadth)
        # The vectors new units' placements on meaning alone are tested against, each held once with each theme's rows
        # of them (topics.themes.siblings.references), and the units of this corpus that sided with the siblings.
        self.sibling_reference_ = evidence.sibling_reference
        self.left_to_siblings_ = evidence.left_to_siblings
        self._speaker_model = evidence.speaker_model  # what seeds on a speaker's name alone need (predict, transform)
        self.labels_ = _primary(self.scores_, self.z_scores_, self.threshold, evidence.article_prior)
        names = [theme.name for theme in self.themes_]
        rows = np.arange(len(self.labels_))
        self.confidence_ = np.where(self.labels_ >= 0, self.scores_[rows, np.maximum(self.labels_, 0)], 0.0).astype(np.float32)
        self.predicted_themes_ = np.array([names[i] if i >= 0 else None for i in self.labels_], dtype=object)
        # The primary theme first, then the others by score.
        ranking = np.where(np.arange(len(names)) == self.labels_[:, None], np.inf, self.scores_)
        order = np.argsort(-ranking, axis=1, kind="stable")
        self.unit_themes_ = np.array(
            ["; ".join(names[t] for t in ranked if self.memberships_[unit, t]) for unit, ranked in enumerate(order)],
            dtype=object,
        )
        self.unmatched_themes_ = [name for name, count in zip(names, self.memberships_.sum(axis=0)) if count == 0]


def _primary(scores: np.ndarray, closeness: np.ndarray, threshold: float, prior: np.ndarray | None = None) -> np.ndarray:
    """Of the themes a unit is under, the one it is closest to (``closeness``: calibrated similarity);
    -1 when it is under none. With ``prior`` ((n, k) log share of each theme among the seeds of the
    unit's article, article context), the one with the highest closeness plus prior: of two themes a
    paragraph speaks of, the one its article is about. There the primary theme need not be the highest
    scoring one: a score is a learned probability for one theme and a seed's closeness for another, two
    scales, while the calibrated closeness is comparable from theme to theme (docs/themes.md, step 5)."""
    member = scores >= threshold
    if prior is None:
        # Highest score first; the calibrated similarity breaks ties (seeds of unlearned themes score alike).
        ranking = scores + 1e-3 * np.tanh(closeness)
    else:
        ranking = closeness + prior + 1e-3 * scores
    best = np.where(member, ranking, -np.inf).argmax(axis=1)
    return np.where(member.any(axis=1), best, -1).astype(np.int64)
