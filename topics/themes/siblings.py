"""A placement on meaning alone read against the theme's sibling subjects.

A sibling subject (the dollar beside "Interest rates and inflation", a games award beside "Music awards and
charts") can sit above every null the code builds from unrelated decoys, so its units are placed on meaning
alone under a theme outside the learning regime. The null here is taken from the corpus itself:

* a theme's *worded members* are its placed units that hold one of its words (name, keywords, aliases);
* its *siblings* are the units not placed under it, in articles that write none of its words, nearest the
  theme on meaning (highest calibrated closeness), as many as the theme places.

A unit placed on meaning alone (source similarity, under a theme outside the learning regime, in an article
that writes none of the theme's words) stays only where at least ``WORDED_SHARE`` of its ``SIBLING_NEIGHBOURS``
nearest units among the worded members and siblings are worded members: it must sit among the theme's
confident units, not in a neighbouring subject's. A theme with fewer than ``SIBLING_NEIGHBOURS`` worded members
is left as it is (a theme whose paraphrases carry none of its words keeps its placements). The rule only removes
placements (docs/benchmarks.md, "a placement on meaning alone read against the theme's sibling subjects").

The reference units' vectors are fitted state (``Themes.sibling_reference_``, each unit's vector once): new units are
tested against the fitted corpus's worded members and siblings.

Owns the siblings, the worded members and the test. May import numpy, pandas.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

# Ten nearest reference units: enough that one stray neighbour does not decide, few enough to stay within a theme's
# worded members (a theme with fewer than this many is not tested). Chosen once on the BBC read sample, not swept.
SIBLING_NEIGHBOURS = 10
# At least half of them worded members: the unit sides with the theme's confident units rather than with the
# neighbouring subject's (a tie keeps it; the rule only removes placements that lean to the siblings).
WORDED_SHARE = 0.5


class Words(NamedTuple):
    """Per (unit, theme): ``hits``, the unit holds one of the theme's words; ``in_article``, its article does."""

    hits: np.ndarray
    in_article: np.ndarray


def unit_words(hits, articles=None) -> Words:
    """The :class:`Words` of units whose words of each theme are ``hits`` ((n, k) bool), ``articles`` their
    articles' ids (None: each unit is its own article)."""
    hits = np.asarray(hits, dtype=bool)
    if articles is None or not hits.size:
        return Words(hits, hits.copy())
    codes = pd.factorize(pd.Series(np.asarray(articles, dtype=object)))[0]
    missing = codes < 0  # a unit without an article id is an article of its own, not one with every other such unit
    codes[missing] = codes.max(initial=-1) + 1 + np.arange(int(missing.sum()))
    per_article = np.zeros((codes.max() + 1 if len(codes) else 0, hits.shape[1]), dtype=bool)
    np.logical_or.at(per_article, codes, hits)
    return Words(hits, per_article[codes])


def references(vectors, member, words: Words, z, themes=None) -> dict:
    """The reference units of every theme (its worded members, then its siblings), each unit's vector held once: a unit
    is often a reference of several themes (a sibling of one, a worded member of another), and a saved Themes would
    hold it once per theme. ``{"vectors": (u, d) float32, "rows": per theme the rows of its units in "vectors",
    "worded": per theme (m,) bool, which are worded members}``; a theme's rows and worded are None where it has fewer
    than ``SIBLING_NEIGHBOURS`` worded members or is not among ``themes`` ((k,) bool, the themes tested; None: all)."""
    vectors = np.asarray(vectors)
    found = []
    for theme in range(member.shape[1]):
        placed = member[:, theme]
        worded = np.flatnonzero(placed & words.hits[:, theme])
        if len(worded) < SIBLING_NEIGHBOURS or themes is not None and not themes[theme]:
            found.append(None)
            continue
        candidates = np.flatnonzero(~placed & ~words.in_article[:, theme])
        siblings = candidates[np.argsort(-z[candidates, theme], kind="stable")[: int(placed.sum())]]
        found.append((np.concatenate([worded, siblings]), len(worded)))
    used = np.unique(np.concatenate([np.zeros(0, dtype=np.intp)] + [rows for rows, _ in filter(None, found)]))
    return {
        "vectors": vectors[used].astype(np.float32),
        "rows": [None if one is None else np.searchsorted(used, one[0]).astype(np.int32) for one in found],
        "worded": [None if one is None else np.arange(len(one[0])) < one[1] for one in found],
    }


def shared_references(per_theme: list) -> dict:
    """The :func:`references` of a Themes saved before they were shared (persist format 1 and 2): per theme
    ``(vectors, worded)`` or None. Equal rows are one unit's (or give the same similarities): held once."""
    kept = [one for one in per_theme if one is not None]
    stacked = np.concatenate([np.asarray(vectors, dtype=np.float32) for vectors, _ in kept]) if kept else np.zeros((0, 0), np.float32)
    unique, inverse = np.unique(stacked, axis=0, return_inverse=True)
    starts = np.cumsum([0] + [len(vectors) for vectors, _ in kept])
    rows = iter(inverse.reshape(-1)[start:end].astype(np.int32) for start, end in zip(starts[:-1], starts[1:]))
    return {"vectors": unique, "rows": [None if one is None else next(rows) for one in per_theme],
            "worded": [None if one is None else np.asarray(one[1], dtype=bool) for one in per_theme]}


def left_to_siblings(vectors, tested, reference) -> np.ndarray:
    """(n, k) bool: of the ``tested`` placements ((n, k) bool: on meaning alone), those whose
    ``SIBLING_NEIGHBOURS`` nearest reference units (:func:`references`) are mostly siblings."""
    left = np.zeros(tested.shape, dtype=bool)
    if reference is None:
        return left
    vectors = np.asarray(vectors, dtype=np.float64)
    shared = np.asarray(reference["vectors"], dtype=np.float64)
    for theme, (reference_rows, worded) in enumerate(zip(reference["rows"], reference["worded"])):
        rows = np.flatnonzero(tested[:, theme])
        if reference_rows is None or not len(rows):
            continue
        similarity = vectors[rows] @ shared[np.asarray(reference_rows, dtype=np.intp)].T
        nearest = np.argsort(-similarity, axis=1, kind="stable")[:, :SIBLING_NEIGHBOURS]
        left[rows, theme] = np.asarray(worded, dtype=bool)[nearest].mean(axis=1) < WORDED_SHARE
    return left


def tested(vectors, member, meaning_alone, outside, z, words: Words | None, reference=None):
    """``(left, reference)``: the placements (``member``, (n, k) bool) on meaning alone (``meaning_alone``: (n, k) bool,
    placed by similarity) under a theme outside the learning regime (``outside``: (k,) bool) in articles that write
    none of the theme's ``words`` and that side with its siblings (:func:`left_to_siblings`), and the reference they
    were tested against (``reference``: the fit's; None: found from these units, :func:`references`). ``words`` None:
    nothing is tested."""
    if words is None:
        return np.zeros(member.shape, dtype=bool), reference
    if reference is None:
        reference = references(vectors, member, words, z, outside)
    return left_to_siblings(vectors, member & meaning_alone & outside[None, :] & ~words.in_article, reference), reference
