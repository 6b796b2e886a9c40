"""Narrow stories and broad themes on a corpus about many subjects.

A theme file can mix two kinds of theme. A *broad* theme is a region of the corpus (a news section:
"business" on BBC News): its seeds sit in that region and what the theme learns from them is the
region, so learning, the article and the joins find its units. A *narrow* story is a small part of one
region ("oil prices" in the business news): its seeds sit in its region too, but learning from them
claims the whole region, and its generic keywords hold the region's other subjects ("oil" of
vegetable oil). For a narrow story the strict regime of a theme file that does not fit the corpus
(:mod:`topics.themes.corpus_fit`) is the right one: only units whose meaning clears the theme's seed
floor stay under it.

The test (:func:`narrow_themes`), on the learning regime's result: a theme is narrow when most of what
that regime places under it clears its seed floor on meaning alone (its evidence is its meaning) while
most of the region its learned model claims does not, and markedly less of it than of its members (the
model claims more than the story: its region). A broad theme fails one of these: at paragraph level few
of its units clear the seed floor (a section is found by its region, not by the closeness of each
paragraph to "business"); at article level its region clears it about as often as its members do (the
region is the theme). The last condition reads the ratio of the two shares, which is about the story's
share of the region its model claims (a story of share s, its units above the floor at rate p and the
region's others at rate q, gives s + (1 - s) q / p). Where the article-level shares sit near one half,
the first two conditions alone read broad sections as narrow: all 2,125 BBC News articles under the
sections, politics at 0.52 of its members and 0.46 of its region above the floor (docs/benchmarks.md). Only for themes the corpus is not typically
close to (:func:`topics.themes.corpus_fit.typically_close`): on a corpus about the theme's own subject
every unit is somewhat close to it, and its units are not a part of one region. Measured in
docs/benchmarks.md (BBC News and AG News under fine themes; the BBC, AG News and 20 Newsgroups broad
checks).
"""

from __future__ import annotations

import numpy as np

# False: every theme keeps the regime of its file (learning where the file fits the corpus).
NARROW_STRICT = True
# "Most": a theme is narrow when at least this share of the units the learning regime places under it
# clear its seed floor on meaning alone, and less than this share of its model's claimed region does.
NARROW_SHARE = 0.5
# "Markedly less": the claimed region clears the floor at most this share as often as the members do.
# Two thirds is a story of at most half its region when the region's other units clear the floor at a
# third of the story's rate; a broad theme's region clears it about as often as its members (ratio ~1).
NARROW_RATIO = 2 / 3


def narrow_themes(member: np.ndarray, semantic_seed: np.ndarray, claimed: np.ndarray, close: np.ndarray | None) -> np.ndarray:
    """(k,) bool: themes the corpus is not typically close to (``close``: (k,) bool; None: every theme is)
    whose members (``member``: (n, k), the learning regime's) mostly clear the seed floor (``semantic_seed``)
    while the region their learned model claims (``claimed``: (n, k) bool; none: not learned) mostly does not,
    and at most ``NARROW_RATIO`` as often."""
    k = member.shape[1]
    if not NARROW_STRICT or close is None:
        return np.zeros(k, dtype=bool)
    shares = statistics(member, semantic_seed, claimed)
    # A theme that learned no model (too few seeds, or learning off) claims no region to compare with.
    return ~np.asarray(close, dtype=bool) & claimed.any(axis=0) & (shares["members_above"] >= NARROW_SHARE) & (
        shares["claimed_above"] < NARROW_SHARE) & (shares["claimed_above"] < NARROW_RATIO * shares["members_above"])


def statistics(member: np.ndarray, semantic_seed: np.ndarray, claimed: np.ndarray) -> dict:
    """The test's statistics, (k,) each: ``members_above``, the share of a theme's members above its seed
    floor; ``claimed_above``, the share of the region its learned model claims above it."""
    return {"members_above": _share(member & semantic_seed, member), "claimed_above": _share(claimed & semantic_seed, claimed)}


def _share(part: np.ndarray, whole: np.ndarray) -> np.ndarray:
    """(k,) per column, the count of ``part`` over that of ``whole`` (0 where ``whole`` is empty)."""
    total = whole.sum(axis=0)
    return np.divide(part.sum(axis=0), total, out=np.zeros(len(total)), where=total > 0)


def keep_strict(score, member, semantic_seed, narrow, threshold):
    """(score, member) with a narrow theme's members below its seed floor taken out (their score capped below the threshold)."""
    if narrow is None or not np.any(narrow):
        return score, member
    from topics.themes.evidence_record import below_threshold

    out = member & ~semantic_seed & np.asarray(narrow, dtype=bool)[None, :]
    return np.where(out, below_threshold(score, threshold), score), member & ~out


def named_itself(z, title_hits, strict, fits):
    """(n, k) bool: units that name a theme kept to its seeds on meaning (``strict``: (k,) bool) itself (``title_hits``:
    (n, k) bool; None: none), at least as close to it as the typical unit (``z`` >= 0, as any name in context); where the
    file does not fit the corpus (``fits`` False), only where the theme is the unit's closest."""
    if title_hits is None:
        return np.zeros(z.shape, dtype=bool)
    from topics.themes.closest import closest

    titled = np.asarray(title_hits, dtype=bool) & (z >= 0) & np.asarray(strict, dtype=bool)[None, :]
    return titled if fits else titled & closest(z)
