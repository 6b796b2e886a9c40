"""A common word said in passing: a unit's one keyword of a theme, outside the sentence that leads it.

A news paragraph says what it is about in its first sentence; a word of the theme said later, and alone,
is often a passing mention ("Unions are also worried", closing a paragraph on airport security; "a rule
forcing Labor members to belong to a union" in one on a party review). Where a unit's only keyword of a
theme is a common word (not a name) and none of its hits of it is in the unit's lead sentence, the
keyword is no evidence for the theme (``PASSING_MENTIONS``): the unit is placed there only on its meaning,
like a unit without the keyword. A unit of one sentence leads with its keyword wherever it is.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from topics.themes.corroboration import distinct_keywords

# True: a lone common keyword outside the lead sentence is no evidence (measured in docs/benchmarks.md).
PASSING_MENTIONS = False


def lead_sentences(texts: Sequence[str]) -> list[str]:
    """Each text's first sentence (:func:`topics.text.wording.sentences`; the text itself when it has one)."""
    from topics.text.wording import sentences

    leads = []
    for text in texts:
        found = sentences(text)
        leads.append(found[0] if found else str(text))
    return leads


def passing_mentions(texts, alias_hits, alias_columns, alias_within, named, aliases, capitals=()) -> np.ndarray:
    """(n, k) bool: units whose only keyword of theme k is a common word (``named``: per alias column, a name
    here) found nowhere in their lead sentence. ``alias_hits``: (n, m) all columns; ``alias_columns``: per
    theme its columns; ``alias_within``: per theme :func:`topics.themes.corroboration.keyword_within`;
    ``aliases`` and ``capitals``: for finding the keywords in the lead sentences as in the whole texts."""
    from topics.text import aliases as lex

    alias_hits = np.asarray(alias_hits, dtype=bool)
    passing = np.zeros((alias_hits.shape[0], len(alias_columns)), dtype=bool)
    if not alias_hits.size:
        return passing
    lead = lex.alias_hits(lead_sentences(texts), aliases, capitals)
    named = np.asarray(named, dtype=bool)
    for theme, columns in enumerate(alias_columns):
        if not columns:
            continue
        hits = alias_hits[:, columns]
        alone = distinct_keywords(hits, alias_within[theme]) == 1
        common_only = hits.any(axis=1) & ~(hits & named[columns]).any(axis=1)
        passing[:, theme] = alone & common_only & ~(hits & lead[:, columns]).any(axis=1)
    return passing
