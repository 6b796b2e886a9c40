"""Event parts of one topic that the same articles told at the same moment, joined into one subtopic.

A story reported at length in a few long articles (a report, the intelligence briefing behind it, the
White House's denial) leaves bursts that part by what their paragraphs say, each an event part of
the same days. The events list already tells them once (:mod:`topics.modeling.stories`); as
subtopics of one topic they split the story's paragraphs, so that none of them holds most of it. Two
event parts of a topic are joined when their core days (:func:`topics.modeling.subtopics.event_days`)
overlap and most units of each lie in articles that also hold units of the other (the stories' rule,
:func:`topics.modeling.stories.told_together`). The largest event leads and takes the events told
with it; no chain, since in a busy fortnight each story shares some articles with the next.
At article level no two parts share an article, so nothing is joined.
"""

from __future__ import annotations

from collections import Counter

import numpy as np


def join_told_together(labels: np.ndarray, event_ids, days: np.ndarray, articles) -> np.ndarray:
    """``labels`` (one topic's parts) with each event part told together with a larger one at the same
    moment relabelled as that one; ``event_ids``: the event parts' numbers; ``days``: the units' day
    numbers (NaN where undated); ``articles``: each unit's article."""
    from topics.modeling.stories import told_together
    from topics.modeling.subtopics import event_days

    labels = np.asarray(labels).copy()
    present = [int(e) for e in event_ids if (labels == e).any()]
    if len(present) < 2:
        return labels
    articles = np.asarray(articles, dtype=object)
    counts = {e: Counter(articles[labels == e].tolist()) for e in present}
    spans = {e: event_days(days, labels == e) for e in present}
    placed: set[int] = set()
    for lead in sorted(present, key=lambda e: (-sum(counts[e].values()), e)):
        if lead in placed:
            continue
        placed.add(lead)
        first, last = spans[lead]
        for other in present:
            if other in placed:
                continue
            start, end = spans[other]
            if start <= last and first <= end and told_together(counts[lead], counts[other]):
                labels[labels == other] = lead
                placed.add(other)
    return labels
