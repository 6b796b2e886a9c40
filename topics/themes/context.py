"""A keyword counts where the text around it is about the theme, not where it is said in passing.

"Iraq" in a paragraph on trade talks, "Olympic" silver in a piece on a boxer's next fight, the
"Athens Olympics" as a figure of speech in a housing column: the unit holds the keyword, and the
keyword alone pulls the unit's embedding towards the theme. What the keyword is said *in* shows
whether it is the unit's subject: the unit with the theme's keywords taken out is embedded again
and calibrated on the theme's null (the whole units' cosine to the theme, :mod:`topics.themes.calibration`).
A hit counts only where that context is at least ``CONTEXT_Z`` spreads above the null's centre (the
typical unit): a paragraph about the Iraq war without the word "Iraq" is still about troops and
insurgents; one on trade talks without it is about trade.

Only units that need their keyword are looked at (below the seed floor on meaning), and only themes
the corpus is not typically close to (:func:`topics.themes.corpus_fit.typically_close`: on releases
about operations in Afghanistan, every unit's context is near every theme). Costs one embedding per
such unit and theme (cached like any embedding).
"""

from __future__ import annotations

import numpy as np

# On/off (False: a keyword counts wherever the unit's other rules let it).
KEYWORD_CONTEXT = True
# The context without the keywords must be this many spreads above the theme's null centre (0: the typical unit).
CONTEXT_Z = 1.0
# Only units with a sentence that holds none of the theme's keywords are judged (a mention among other subjects).
ASIDE_ONLY = True


def masked(text: str, patterns) -> str:
    """The text with every match of ``patterns`` taken out."""
    for pattern in patterns:
        text = pattern.sub(" ", text)
    return text


def passing(texts, vectors, prototypes, alias_hits, alias_columns, aliases, keyword_hits, skip, z_seed, embedder, within=None):
    """(n, k) bool: units whose keyword hits of the theme are said in passing (see the module). ``alias_hits``:
    (n, a) bool; ``alias_columns``: each theme's alias columns; ``skip``: (k,) themes not to judge."""
    if not KEYWORD_CONTEXT or embedder is None:
        return np.zeros(keyword_hits.shape, dtype=bool)
    z = context_z(texts, vectors, prototypes, alias_hits, alias_columns, aliases, keyword_hits, skip, z_seed, embedder, within)
    return ~np.isnan(z) & (np.nan_to_num(z, nan=np.inf) < CONTEXT_Z)


def context_z(texts, vectors, prototypes, alias_hits, alias_columns, aliases, keyword_hits, skip, z_seed, embedder, within=None):
    """(n, k) the calibrated closeness to the theme of each judged unit without the theme's keywords (NaN: not judged)."""
    from topics.text.aliases import alias_pattern
    from topics.themes.calibration import calibrate
    from topics.themes.corroboration import distinct_keywords
    from topics.themes.sentences import unit_sentences

    n, k = keyword_hits.shape
    out = np.full((n, k), np.nan)
    prototypes = np.asarray(prototypes, dtype=np.float64)
    cosine = np.asarray(vectors, dtype=np.float64) @ prototypes.T
    centre, spread = calibrate(cosine, keyword_hits)
    z = (cosine - centre) / spread
    patterns = [alias_pattern(alias, loose=True) for alias in aliases]
    jobs, texts_out = [], []
    for theme in range(k):
        if skip[theme]:
            continue
        judged = keyword_hits[:, theme] & (z[:, theme] < z_seed)
        if within is not None:  # a keyword seconded by another of the theme's is in context already
            judged &= distinct_keywords(alias_hits[:, alias_columns[theme]], within[theme]) <= 1
        for unit in np.flatnonzero(judged):
            held = [patterns[c] for c in alias_columns[theme] if alias_hits[unit, c] and patterns[c] is not None]
            if ASIDE_ONLY and all(any(p.search(part) for p in held) for part in unit_sentences([str(texts[unit])])[0]):
                continue  # every sentence holds the keyword: it is what the unit is about, not one subject among others
            jobs.append((unit, theme))
            texts_out.append(masked(str(texts[unit]), held))
    if not jobs:
        return out
    context = np.asarray(embedder.encode(texts_out), dtype=np.float64)
    units, themes = (np.array(column) for column in zip(*jobs))
    out[units, themes] = (np.einsum("ij,ij->i", context, prototypes[themes]) - centre[themes]) / spread[themes]
    return out
