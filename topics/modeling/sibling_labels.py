"""Sibling subtopics told apart by their labels, not only by their keywords.

Two subtopics of one topic can be given the same headline label ("Drone strike" for the Kabul strike
and for the strikes on the Islamic State): each is named against its siblings, but the label phrase
that best covers and separates it may still be its sibling's too. Where labels collide, each
subtopic that may be renamed takes its first keyword (ranked by its own c-TF-IDF against its siblings)
that its colliding siblings lack and its label does not say, after a comma ("Drone strike, Kabul").
Labels that collide with none are left as they are. May import: numpy and
:mod:`topics.modeling.describe`.
"""

from __future__ import annotations

from collections import defaultdict

SPELLING_TEXTS = 200  # texts read for how a subtopic writes its distinguishing keyword


def distinct_labels(labels: list[str], keywords: list[list[str]], texts_of, free=None) -> list[str]:
    """``labels`` with every colliding label (the same, case aside, as a sibling's) extended by a
    keyword that tells it from the siblings it collides with. ``keywords``: per row, best first;
    ``texts_of(row)``: the row's texts, whose spelling the keyword takes; ``free``: the rows that may
    be renamed (None = all; an update keeps the labels of subtopics it does not rename, and a renamed
    subtopic is told apart from them)."""
    from topics.modeling.describe import _singular

    groups = defaultdict(list)
    for row, label in enumerate(labels):
        groups[label.casefold()].append(row)
    names = list(labels)
    for rows in groups.values():
        if len(rows) < 2:
            continue
        for row in rows:
            if free is not None and row not in free:
                continue
            others = {k for other in rows if other != row for k in keywords[other]}
            said = {_singular(w) for w in _words(labels[row])}
            fresh = [k for k in keywords[row] if not {_singular(w) for w in k.split()} & said]
            apart = [k for k in fresh if k not in others] or fresh
            if apart:
                names[row] = f"{labels[row]}, {_spelled(apart[0], texts_of(row))}"
    return names


def _words(label: str) -> list[str]:
    return [w.strip(",.").lower() for w in label.split()]


def _spelled(keyword: str, texts: list[str]) -> str:
    """``keyword`` as the texts write it (its words in their usual case)."""
    from topics.modeling.describe import _surface_forms

    sample = texts[:: max(1, len(texts) // SPELLING_TEXTS)][:SPELLING_TEXTS]
    spelling = _surface_forms(sample, set(keyword.split()))
    return " ".join(spelling.get(w, w) for w in keyword.split())
