"""Names that speak about everything: which of a theme's names the corpus uses on its subject.

A theme's keywords mix two kinds of names. Some are other names of its subject ("Daesh" and
"Islamic State" for ISIS-K, "bin Laden" for al-Qaeda): a unit that holds one is about the theme
nearly wherever it occurs. Others are people and institutions that take part in the theme
("Biden", "Congress", "Republicans" for the US politics of a withdrawal) and speak about
everything else too: a state dinner, a vaccine campaign, a Supreme Court nomination. Both kinds
look alike (capitalised words), and closeness to the theme's subject does not tell them apart
on news about the same country and years (docs/benchmarks.md).

The corpus does. Units that carry *independent* evidence for a theme (a semantic seed, one of its
common words in context, its own name) are its surest members. Among the units that hold a name
of the subject, that evidence is many times more frequent than in the corpus as a whole; among
those that hold a speaker's name it is barely more frequent, since most of them are about other
things. A name is a *speaker* of its theme when the share of its units with independent evidence
is, with 95 % confidence, below ``MIN_NAME_LIFT`` times the corpus's share. A speaker's name
counts as evidence only in a unit that also has subject evidence of its own: one of the theme's
common words, or a closeness to the theme's subject of at least ``SPEAKER_SUBJECT_Z`` spreads.
A name the corpus holds too rarely to judge, or a theme without independent evidence in the
corpus, keeps the ordinary rule (:func:`topics.themes.evidence.names_near_subject`).

Two more rules follow from a speaker not being the subject. A unit that names a speaker where the
name does not count is about what the speaker speaks of, so no seed beside it and no article puts it
under the theme (:func:`muted`). And a seed on a speaker's name alone needs the agreement of a model
learned from the theme's other seeds (:func:`corroboration`): the theme's own learned model cannot
judge it, since it learns such seeds as the theme.
"""

from __future__ import annotations

import numpy as np

# On/off (False: every name keeps the ordinary rule; benchmarks/themes_check.py --speakers-anywhere).
SPEAKER_CHECK = True
# A unit that names a speaker away from the theme's subject is about what the speaker speaks of: its
# neighbours and its article do not put it under the theme (:func:`muted`). Read on 240 random NYT
# paragraphs (docs/benchmarks.md). False: they may (benchmarks/themes_check.py --speakers-unmuted).
SPEAKER_MUTES = True
# A name is a speaker when its units have independent evidence less than this many times as often as
# the corpus's typical unit. A name of the subject has it 1 / (the theme's share of the corpus) times
# as often: ten or more for a theme of a tenth of the corpus or less.
MIN_NAME_LIFT = 6.0
# Nor when its units have it this often or more (a theme a large share of the corpus is about, such as
# the Haqqani network in ISAF releases on operations against it, leaves its names little room above the
# typical unit: their share is what shows them to be of the subject).
MAX_SPEAKER_SHARE = 0.5
# One-sided confidence of "below"; a name held by fewer units than this is not judged (too few to tell).
CONFIDENCE = 0.95
MIN_NAME_UNITS = 30
# The closeness to the theme's subject (spreads above its null's centre) that gives a speaker's
# name a context of its own where the unit has none of the theme's common words.
SPEAKER_SUBJECT_Z = 1.0


def independent_evidence(z, word_hits, own_name_hits, z_seed, z_keyword) -> np.ndarray:
    """(n, k) bool: units with evidence for the theme that no name other than its own gives: a
    calibrated similarity at the seed floor, a common word of the theme in context, its own name."""
    return (z >= z_seed) | (word_hits & (z >= z_keyword)) | own_name_hits


def speaker_columns(alias_hits, columns_per_theme, name_columns, independent) -> set[int]:
    """The alias columns that are speakers' names of their theme (see the module): ``alias_hits``
    (n, a) bool; ``columns_per_theme``: the alias columns of each theme; ``name_columns``: the
    columns to judge (names other than the theme's own); ``independent``: (n, k)
    :func:`independent_evidence`."""
    from scipy.stats import beta

    speakers: set[int] = set()
    if not SPEAKER_CHECK:
        return speakers
    for theme, columns in enumerate(columns_per_theme):
        base = float(independent[:, theme].mean()) if len(independent) else 0.0
        if base <= 0.0:
            continue
        for column in columns:
            if column not in name_columns:
                continue
            held = alias_hits[:, column]
            n, x = int(held.sum()), int(independent[held, theme].sum())
            if n < MIN_NAME_UNITS or x >= n:
                continue
            upper = float(beta.ppf(CONFIDENCE, x + 1, n - x))  # Clopper-Pearson upper bound of x / n
            if upper < min(MIN_NAME_LIFT * base, MAX_SPEAKER_SHARE):
                speakers.add(column)
    return speakers


def speaker_context(word_hits, subject_z) -> np.ndarray:
    """(n, k) bool: units where a speaker's name of the theme counts: one of the theme's common words,
    or a closeness to its subject of at least ``SPEAKER_SUBJECT_Z``."""
    return word_hits | (subject_z >= SPEAKER_SUBJECT_Z)


def muted(speaker_hits, counted, other_hits) -> np.ndarray:
    """(n, k) bool: units that name a speaker of the theme (``speaker_hits``) where the name does not count
    (``counted``: :func:`speaker_context` and closeness to the subject) and that have no other word or name of
    the theme (``other_hits``). "Mr. Biden said the vaccine supply ..." is about the vaccines: the paragraph
    names who speaks and shows by its own meaning that he speaks of something else, so a seed of the theme
    beside it or in its article is no evidence for it (:func:`topics.themes.evidence.combine`)."""
    if not SPEAKER_MUTES:
        return np.zeros_like(speaker_hits)
    return speaker_hits & ~counted & ~other_hits


# A seed on a speaker's name alone counts only where a model of the theme learned without such seeds (from
# its independent evidence) gives the unit at least this probability: the name says who speaks, the model
# whether the unit is about what the theme's other evidence is about. 0: no such check.
SPEAKER_CORROBORATION = 0.75


def corroboration(vectors, seeds, speaker_only, z, hits, random_state):
    """(coef (k, dim), intercept (k,)): per theme with seeds on a speaker's name alone, a model of its other
    seeds against its clear non-members (NaN rows: no such seeds, or too few others to learn from)."""
    from topics.themes.learning import learn_theme

    k = seeds.shape[1]
    coef, intercept = np.full((k, vectors.shape[1]), np.nan), np.full(k, np.nan)
    for theme in range(k):
        if SPEAKER_CORROBORATION > 0 and (seeds[:, theme] & speaker_only[:, theme]).any():
            others = seeds[:, theme] & ~speaker_only[:, theme]
            coef[theme], intercept[theme], _ = learn_theme(vectors, others, np.zeros_like(others), z[:, theme],
                                                           hits[:, theme], random_state)
    return coef, intercept


def corroborated(vectors, model, keyword_hits, name_hits, speaker_only, speaker_muted):
    """(keyword hits, name hits, speaker-only units, muted units) once the units whose only word for a theme
    is a speaker's name and that its :func:`corroboration` ``model`` puts below ``SPEAKER_CORROBORATION``
    lose that name: it does not count there, and the unit is muted (:func:`muted`)."""
    from scipy.special import expit

    coef, intercept = model
    alone = np.zeros_like(speaker_only)
    for theme in np.flatnonzero(~np.isnan(intercept)):
        probability = expit(vectors @ coef[theme] + intercept[theme])
        alone[:, theme] = speaker_only[:, theme] & (probability < SPEAKER_CORROBORATION)
    muted_units = alone if speaker_muted is None else speaker_muted | alone
    return keyword_hits & ~alone, name_hits & ~alone, speaker_only & ~alone, muted_units
