"""Whether a grown topic's label rests on the same evidence as when it was named.

An update names afresh a topic (or subtopic) that grew by a tenth (a fifth) since it was last named. Its
fresh keywords are read; its label is composed again only where the earlier one no longer fits them
(:func:`topics.modeling.headlines.label_still_fits`). That test reads the label's words against the
first keywords, so a label composed from the same first keywords as now could fail it: "Administration,
White House" named with "biden, president, trump, administration", and those are its fresh first keywords
again. Composing it anew gave a near-synonym ("Administration, policy") at most of the label cost of an
update. Here the label stays while its evidence is unchanged (:func:`lead_unchanged`): the first keywords
it was named with are still among the first ``LABEL_WINDOW``, and the fresh first keywords were among the
earlier first ``LABEL_WINDOW`` (no word rose from further down to lead), with a word of the label still
among them. A topic whose lead moved is renamed as before.
Owns that test. May import: :mod:`topics.modeling.label_parts`, :mod:`topics.modeling.lead_keywords`.
"""

from __future__ import annotations

import re

from topics.modeling.label_parts import KEYWORDS_FOR_PHRASES, _singular
from topics.modeling.lead_keywords import lead_keywords

_WORD = re.compile(r"\w(?:[\w'-]*\w)?")


def _words(keywords) -> set[str]:
    return {_singular(w) for k in keywords for w in str(k).lower().split()}


def lead_unchanged(label: str, keywords: list[str], earlier_keywords) -> bool:
    """Whether ``label``, named with ``earlier_keywords``, rests on the same first keywords as the fresh
    ``keywords``: each side's first ``KEYWORDS_FOR_PHRASES`` subjects are among the other's first
    ``LABEL_WINDOW`` (by word, singular), and a word of the label is among the fresh first ``LABEL_WINDOW``."""
    from topics.modeling.describe import LABEL_WINDOW

    earlier, fresh = [str(k) for k in earlier_keywords], [str(k) for k in keywords]
    if len(earlier) < KEYWORDS_FOR_PHRASES or len(fresh) < KEYWORDS_FOR_PHRASES:
        return False
    n = KEYWORDS_FOR_PHRASES
    earlier_lead, fresh_lead = lead_keywords(earlier, n)[:n], lead_keywords(fresh, n)[:n]
    fresh_window = _words(fresh[:LABEL_WINDOW])
    label_words = {_singular(w.lower()) for w in _WORD.findall(label)}
    return (_words(earlier_lead) <= fresh_window and _words(fresh_lead) <= _words(earlier[:LABEL_WINDOW])
            and not label_words.isdisjoint(fresh_window))
