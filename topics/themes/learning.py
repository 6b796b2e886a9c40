"""Learning a theme's region from its seeds (:func:`topics.themes.evidence.gather`).

A logistic regression per theme separates the seeds from the units that clearly are not about
the theme (no keyword, below the null's centre), self-training on units it is sure of that have
evidence of their own, so it stops where the evidence runs out. Reused on new units through
:func:`learned_probability` with the coefficients kept by ``Themes``.
"""

from __future__ import annotations

import numpy as np

MIN_SEEDS_TO_LEARN = 3
MAX_LEARNING_ROUNDS = 5
# A unit joins the positives, and learning alone puts it under the theme, from this probability.
SELF_TRAINING_PROBABILITY = 0.75
# A unit the theme's model alone puts under the theme stays there only where at least this share of its
# nearest units that the model also claims are under the theme rather than under no theme (:func:`unbacked`).
# 0: no such check.
BACKED_SHARE = 0.5


def learn_themes(vectors, seeds, own_evidence, z, keyword_hits, random_state, learn=True, only=None, previous=None):
    """(coef (k, dim), intercept (k,), rounds (k,)) of every theme's model; NaN rows: the theme did not
    learn (too few seeds, or ``learn`` False: none learns). ``only``: (k,) bool, the themes to learn, the
    others' models taken from ``previous`` ((coef, intercept, rounds) of the same units)."""
    k = seeds.shape[1]
    coef = np.full((k, vectors.shape[1]), np.nan)
    intercept = np.full(k, np.nan)
    rounds = np.zeros(k, dtype=np.int64)
    if previous is not None:
        coef, intercept, rounds = (np.array(part, copy=True) for part in previous)
    for theme in (np.flatnonzero(np.ones(k, dtype=bool) if only is None else only) if learn else ()):
        coef[theme], intercept[theme], rounds[theme] = learn_theme(
            vectors, seeds[:, theme], own_evidence[:, theme], z[:, theme], keyword_hits[:, theme], random_state
        )
    return coef, intercept, rounds


def learned_probability(vectors, coef, intercept) -> np.ndarray:
    """(n, k) each learned model's probability for each unit (NaN where the theme did not learn)."""
    learned_rows = ~np.isnan(intercept)
    learned = np.full((len(vectors), len(intercept)), np.nan)
    if learned_rows.any():
        learned[:, learned_rows] = logistic(vectors @ coef[learned_rows].T + intercept[learned_rows])
    return learned


def learned_score(learned, z, z_seed, threshold) -> np.ndarray:
    """(n, k) score in [0, 1] from the learned probability, or where the theme did not learn (NaN),
    from the calibrated similarity ``z`` alone."""
    # Without learning, the semantic evidence alone reaches the threshold at the seed level.
    semantic = logistic((z - z_seed) * 4.0)
    # What learning alone adds must be as sure as self-training is: the score reaches the threshold
    # where the learned probability reaches SELF_TRAINING_PROBABILITY (monotone, piecewise linear).
    sure = SELF_TRAINING_PROBABILITY
    from_learning = np.where(
        learned >= sure, threshold + (learned - sure) / (1.0 - sure) * (1.0 - threshold), learned / sure * threshold
    )
    return np.where(np.isnan(learned), semantic, from_learning)


def learn_theme(vectors, seeds, eligible, z, hits, random_state):
    """(coef, intercept, rounds): a model of the theme's seeds against its clear non-members.

    Self-training: units the model is sure of and that have evidence of their own join the
    positives, until no unit joins (the evidence has run out) or ``MAX_LEARNING_ROUNDS``.
    """
    from sklearn.linear_model import LogisticRegression

    nothing = (np.full(vectors.shape[1], np.nan), np.nan, 0)
    positives = seeds.copy()
    negatives = (z < 0) & ~hits & ~seeds
    if positives.sum() < MIN_SEEDS_TO_LEARN or negatives.sum() < MIN_SEEDS_TO_LEARN:
        return nothing
    for round_number in range(1, MAX_LEARNING_ROUNDS + 1):
        rows = positives | negatives
        model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=500, random_state=random_state)
        model.fit(vectors[rows], positives[rows])
        probability = model.predict_proba(vectors)[:, 1]
        joining = (probability >= SELF_TRAINING_PROBABILITY) & eligible & ~positives
        if not joining.any() or round_number == MAX_LEARNING_ROUNDS:
            return model.coef_[0].copy(), float(model.intercept_[0]), round_number
        positives |= joining
    return nothing


def unbacked(member, learned, seeds, nearest, share=None) -> np.ndarray:
    """(n, k) bool: members the learned model alone put under a theme (not seeds, learned probability at
    least ``SELF_TRAINING_PROBABILITY``) whose neighbourhood does not back them: of their ``nearest`` units
    (:func:`topics.themes.nearest.nearest_units`) that the model also claims, fewer than ``share`` are under
    the theme, counted against those under no theme at all (``share``: ``BACKED_SHARE``); with neither,
    nothing backs them.

    On a corpus about many subjects a theme's seeds sit in a section (mobile phones in technology news), and
    a model of the seeds against units far from the theme claims the whole section. Inside the theme's own
    region the claimed neighbours are members; where the region runs on into units no theme has evidence
    for, the evidence has run out. Units under another theme do not count either way: a broad theme's
    (a BBC section's) region ends where another theme's begins."""
    share = BACKED_SHARE if share is None else share
    flagged = np.zeros(member.shape, dtype=bool)
    if not share or nearest is None or not nearest.shape[1] or not member.any():
        return flagged
    under_none = ~member.any(axis=1)
    for theme in np.flatnonzero(~np.isnan(learned).all(axis=0)):
        claimed = learned[:, theme] >= SELF_TRAINING_PROBABILITY
        model_only = member[:, theme] & claimed & ~seeds[:, theme]
        if not model_only.any():
            continue
        around = nearest[model_only]
        backing = (member[around, theme] & claimed[around]).sum(axis=1)
        unplaced = (under_none[around] & claimed[around]).sum(axis=1)
        flagged[np.flatnonzero(model_only)[backing < share * np.maximum(backing + unplaced, 1)], theme] = True
    return flagged


def logistic(x: np.ndarray) -> np.ndarray:
    from scipy.special import expit

    return expit(x)
