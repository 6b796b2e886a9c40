"""A keyword said aside: a unit's one keyword of a theme, in a sentence about another theme the unit is about.

A keyword is evidence that a unit *names* a theme, not that it is about it. Where a unit holds two or more
distinct keywords of one theme of the file and a single keyword of another, the single one is often said of the
first subject: "artillery" (western weapons) in a report of the battle for Sievierodonetsk, "foreign fighters"
(captured fighters) joining that battle, Sweden's "accession" to Nato (the EU bid) in a paragraph on grain and
arms. A round-up passage that gives each of several subjects a line of its own does name them as subjects, so
the test is the sentence: the keyword is an aside when every sentence holding it is calibrated closer to a
theme the unit holds two or more keywords of than to the keyword's own theme. Its unit is then placed under
that theme on its meaning alone, like one without the keyword, and it still counts as naming the theme in the
null (as a passing mention, :mod:`topics.themes.salience`). Unlike the lone-keyword floors
(:mod:`topics.themes.corroboration`) it holds on a corpus about the theme throughout, whose lone floors are
off: there a keyword of one declared subject said in a sentence about another is still said in passing.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from topics.themes.corroboration import distinct_keywords

# False: a keyword said aside counts as any other (the rules before; docs/benchmarks.md).
ASIDES = True
# The other theme must hold at least this many distinct keywords of the unit: one keyword against one is no
# majority, and two themes named once each are what a unit between two subjects looks like.
MIN_OTHER_KEYWORDS = 2


def outnumbered(alias_hits, alias_columns, alias_within, named=None) -> tuple[np.ndarray, np.ndarray]:
    """((n, k) candidates, (n, k) distinct keyword counts): units holding one distinct keyword of theme k, a common
    word (``named``: (m,) bool per alias column, a name here; None: none is), and at least ``MIN_OTHER_KEYWORDS``
    of another theme. A name says who an act was about ("a Haqqani network leader was detained"), whatever the
    sentence is about."""
    alias_hits = np.asarray(alias_hits, dtype=bool)
    counts = np.column_stack([distinct_keywords(alias_hits[:, columns], within) if columns else
                              np.zeros(len(alias_hits), dtype=np.int64)
                              for columns, within in zip(alias_columns, alias_within)])
    named = np.zeros(alias_hits.shape[1], dtype=bool) if named is None else np.asarray(named, dtype=bool)
    names = np.column_stack([(alias_hits[:, columns] & named[columns]).any(axis=1) if columns else
                             np.zeros(len(alias_hits), dtype=bool) for columns in alias_columns])
    strongest = counts.max(axis=1, keepdims=True)
    return (counts == 1) & ~names & (strongest >= MIN_OTHER_KEYWORDS), counts


def said_aside(texts: Sequence[str], alias_hits, alias_columns, alias_within, aliases, capitals=(),
               sentence_closeness=None, named=None) -> np.ndarray:
    """(n, k) bool: units whose one keyword of theme k is said aside (module doc). ``alias_hits``: (n, m) all
    columns; ``alias_columns``: per theme its columns; ``alias_within``: per theme
    :func:`topics.themes.corroboration.keyword_within`; ``aliases``, ``capitals``: to find the keyword in the
    sentences as in the whole text; ``sentence_closeness``: a function of sentences giving their calibrated
    closeness to each theme ((s, k), z against the units' null), None: nothing is read as aside; ``named``: as
    :func:`outnumbered`."""
    from topics.text import aliases as lex
    from topics.text.wording import sentences

    candidates, counts = outnumbered(alias_hits, alias_columns, alias_within, named)
    aside = np.zeros_like(candidates)
    if sentence_closeness is None or not candidates.any():
        return aside
    asked = []  # (row, theme, sentence indices into ``said``, the themes outnumbering it)
    said: list[str] = []
    for row in np.flatnonzero(candidates.any(axis=1)):
        parts = [part.strip() for part in sentences(str(texts[row])) if part.strip()] or [str(texts[row])]
        for theme in np.flatnonzero(candidates[row]):
            columns = alias_columns[theme]
            held = lex.alias_hits(parts, [aliases[c] for c in columns], [at for at, c in enumerate(columns) if c in capitals])
            holding = [part for part, hit in zip(parts, held.any(axis=1)) if hit]
            if not holding:  # found in the whole text only (across a sentence break): read the whole text
                holding = [str(texts[row])]
            others = np.flatnonzero(counts[row] >= MIN_OTHER_KEYWORDS)
            asked.append((row, theme, list(range(len(said), len(said) + len(holding))), others))
            said.extend(holding)
    z = np.asarray(sentence_closeness(said), dtype=np.float64)
    for row, theme, at, others in asked:
        closer = z[np.ix_(at, others)].max(axis=1) > z[at, theme]
        aside[row, theme] = bool(closer.all())
    return aside
