"""Which phrases may lead a label: those several articles write and that cover a fair share of the group;
and the leads of groups named together told apart.

A phrase scored by coverage x separation x closeness (:func:`topics.modeling.headlines.headline_labels`)
can win on separation alone: a phrase only one topic uses scores near 1 there, however few of its units
write it ("night in Seattle" from 2 of 377 sports stories; a code comment of one post). So a phrase is a
candidate only where ``MIN_WRITERS`` distinct articles of the group write it (one long post, a FAQ or a
transcript is one writer, however many of its paragraphs repeat the phrase; in a group of fewer than
``WRITER_ARTICLES`` articles each unit is one), and it may lead or follow
only where it covers at least ``LEAD_SHARE`` of what the group's best-covering candidate covers; failing
any, the label falls back to the group's words and keywords.

A phrase the corpus writes in several topics ("Afghan and coalition security force" in most ISAF
releases) may win in each: labels that lead with the same phrase do not tell their topics apart. The topic
whose share of the phrase's uses is highest keeps it; the others are named by their next candidates
(:func:`told_apart`); and a lead given elsewhere (other topics, earlier subtopics) is avoided.

Owns these rules. May import: :mod:`topics.modeling.label_parts`.
"""

from __future__ import annotations

import re
from collections import Counter

MIN_WRITERS = 2  # distinct articles that write a candidate phrase (all a group has, if fewer)
WRITER_ARTICLES = 3  # ... in a group of this many articles or more; in a smaller one, distinct units
LEAD_SHARE = 0.2  # a phrase covers at least this share of the best-covering candidate's coverage
MAX_ROUNDS = 4  # rounds of renaming the groups whose leads collide


def writer_counts(member_phrases, member_writers) -> Counter:
    """Phrase -> how many distinct writers (articles) of the members write it."""
    by_writer: dict = {}
    for found, writer in zip(member_phrases, member_writers):
        by_writer.setdefault(writer, set()).update(found)
    counts: Counter = Counter()
    for found in by_writer.values():
        counts.update(found)
    return counts


def member_writers(members, writers) -> list:
    """Who wrote each of ``members`` (rows): its article (``writers[row]``) where the members come from
    ``WRITER_ARTICLES`` articles or more, else the unit itself: in a group of two articles' paragraphs, a
    phrase one of them writes twice names half the group (and the seeds' subtopics are of one or two articles)."""
    if writers is None:
        return list(members)
    found = [writers[i] for i in members]
    return found if len(set(found)) >= WRITER_ARTICLES else list(members)


def min_writers(member_writers) -> int:
    """``MIN_WRITERS``, or fewer where the members come from fewer articles."""
    return min(MIN_WRITERS, len(set(member_writers)))


def covering(scored: list[tuple]) -> list[tuple]:
    """The (phrase, coverage, separation) of ``scored`` that cover at least ``LEAD_SHARE`` of the best coverage."""
    top = max((coverage for _, coverage, _ in scored), default=0.0)
    return [item for item in scored if item[1] >= LEAD_SHARE * top]


def lead_key(label: str) -> str:
    """A label's lead (its first part) as compared: lower case, each word singular."""
    from topics.modeling.label_parts import _singular

    return " ".join(_singular(w) for w in re.findall(r"[^\W_][\w'’-]*", label.split(",")[0].lower()))


def told_apart(rows, compose, separation, avoid=frozenset()) -> dict:
    """``rows`` -> label, no two leading with the same phrase (:func:`lead_key`) and none with a lead in
    ``avoid``. ``compose(row, excluded)``: the row's label (parts joined by ", ") with no lead in
    ``excluded`` (a set of lead keys); leads of one word may be shared, the part after them tells the labels
    apart. ``separation(row, lead)``: the share of the lead's uses in the row's
    group: where two rows collide, the one with the highest keeps the lead, the others are named again."""
    excluded = {row: set(avoid) for row in rows}
    labels = {row: compose(row, excluded[row]) for row in rows}
    for _ in range(MAX_ROUNDS):
        groups: dict[str, list] = {}
        for row, label in labels.items():
            if label:
                groups.setdefault(lead_key(label), []).append(row)
        # A lead of one word ("Daesh") is told apart by the part after it ("Daesh, Mujahid"); a phrase is the label's sense.
        clashes = [(lead, found) for lead, found in groups.items() if len(found) > 1 and " " in lead]
        if not clashes:
            break
        for lead, found in clashes:
            keep = max(found, key=lambda row: (separation(row, lead), -found.index(row)))
            for row in found:
                if row != keep:
                    excluded[row].add(lead)
                    labels[row] = compose(row, excluded[row])
    return labels


def given_leads(given: dict, group) -> frozenset[str]:
    """The leads (:func:`lead_key`) of the labels ``given`` (owner -> labels) to owners other than ``group``:
    a subtopic leads with no phrase another topic's label or another topic's subtopic leads with."""
    return frozenset(lead for owner, labels in given.items() if owner != group for label in labels
                     if " " in (lead := lead_key(label)))
