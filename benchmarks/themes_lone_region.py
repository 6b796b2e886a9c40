"""Guided themes, a variant measured and not adopted: a keyword said alone outside the theme's region is no evidence.

A broad keyword ("gas", "weapons", "Crimea", "referendum") is said across the corpus, in units about other subjects.
The variant reads the word's region on each unit: a unit placed on one distinct keyword of a theme alone (below the
theme's seed floor on meaning), while fewer than ``share`` of its ``NEIGHBOURS`` nearest units are under the theme,
leaves the theme (a second keyword, or meaning above the seed floor, still places it). At ``share`` 0.3, the share at
which a keyword holder joins the theme among its members, it lifts precision on every war corpus read, but costs the
seeds their goal and recall on ISAF releases, the NYT paragraphs and 20 Newsgroups (docs/benchmarks.md).

Run another benchmark with the variant on: ``python -m benchmarks.themes_lone_region [--share SHARE] MODULE [ARGS]``,
e.g. ``python -m benchmarks.themes_lone_region benchmarks.themes_heldout <guardian.csv> --themes ... --labels ...``.
"""

from __future__ import annotations

import dataclasses
import sys

import numpy as np

from benchmarks.run import run_with_variant

# The share at which a unit with a keyword joins a theme among its members (topics.themes.evidence.NEIGHBOURHOOD_SHARE).
SHARE = 0.3


def outside_region(member, on_word_alone, alias_hits, alias_within, nearest, share: float) -> np.ndarray:
    """(n, k) bool: members placed on a keyword alone (``on_word_alone``) holding one distinct keyword of the theme
    (``alias_hits``: per theme (n, m); ``alias_within``: per theme, :func:`topics.themes.corroboration.keyword_within`)
    while fewer than ``share`` of their nearest units (``nearest``; a batch short of a full neighbourhood is not read)
    are members."""
    from topics.themes.corroboration import distinct_keywords
    from topics.themes.nearest import NEIGHBOURS

    member = np.asarray(member, dtype=bool)
    if nearest is None or alias_hits is None or alias_within is None or np.shape(nearest)[1] < NEIGHBOURS:
        return np.zeros(member.shape, dtype=bool)
    lone = np.column_stack([distinct_keywords(hits, within) == 1 for hits, within in zip(alias_hits, alias_within)])
    around = member[nearest].mean(axis=1)  # (n, k): the share of each unit's nearest units under each theme
    return member & np.asarray(on_word_alone, dtype=bool) & lone & (around < share)


def dropped(found, away: np.ndarray, threshold):
    """``found`` with the (unit, theme) placements in ``away`` taken back: scored below the threshold, no source."""
    from topics.themes.evidence_record import ADMITTED_NONE, SOURCE_NONE, below_threshold

    if not away.any():
        return found
    return dataclasses.replace(found, score=np.where(away, below_threshold(found.score, threshold), found.score),
                               source=np.where(away, SOURCE_NONE, found.source).astype(found.source.dtype),
                               admitted=np.where(away, ADMITTED_NONE, found.admitted).astype(found.admitted.dtype))


def install(share: float = SHARE) -> None:
    """Every scoring of units (a fit's and new units') takes out what :func:`outside_region` finds."""
    from topics.themes import evidence
    from topics.themes.breadth import named_itself
    from topics.themes.evidence_record import SOURCE_KEYWORDS

    combine = evidence.combine

    def combine_lone_in_region(*args, **kwargs):
        found = combine(*args, **kwargs)
        threshold = kwargs["threshold"]
        member = found.score >= threshold
        on_word_alone = member & (found.source == SOURCE_KEYWORDS) & (found.z < found.seed_floor[None, :])
        # A theme's own name counts where keywords do not (topics.themes.breadth.named_itself): not a keyword alone.
        on_word_alone &= ~named_itself(found.z, kwargs.get("title_hits"), ~found.regime | found.narrow | found.absent,
                                       found.fits)
        away = outside_region(member, on_word_alone, kwargs.get("alias_hits"), kwargs.get("alias_within"),
                              kwargs.get("nearest"), share)
        return dropped(found, away, threshold)

    evidence.combine = combine_lone_in_region


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    share = SHARE
    if argv[:1] == ["--share"]:
        share, argv = float(argv[1]), argv[2:]
    return run_with_variant(argv, lambda: install(share), __doc__)


if __name__ == "__main__":
    raise SystemExit(main())
