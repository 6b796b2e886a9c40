"""Which phrases may lead a label: those several articles write and that cover a fair share of the group;
and the leads of groups named together told apart.

A phrase scored by coverage x separation x closeness (:func:`topics.modeling.headlines.headline_labels`)
can win on separation alone: a phrase only one topic uses scores near 1 there, however few of its units
write it ("night in Seattle" from 2 of 377 sports stories; a code comment of one post). So a phrase is a
candidate only where ``MIN_WRITERS`` distinct articles of the group write it (one long post, a FAQ or a
transcript is one writer, however many of its paragraphs repeat the phrase; in a group of fewer than
``WRITER_ARTICLES`` articles each unit is one), and it may lead or follow
only where it covers at least ``LEAD_SHARE`` of the writers the group's best-covering candidate covers; failing
any, the label falls back to the group's words and keywords.

A phrase the corpus writes in several topics ("Afghan and coalition security force" in most ISAF
releases) may win in each: labels that lead with the same phrase, or with phrases one of which holds all
the other's words ("Coalition forces", "Afghan and coalition forces"), do not tell their topics apart. The
topic whose share of its phrase's uses is highest keeps it; the others are named by their next candidates
(:func:`told_apart`); and a lead given elsewhere (other topics, earlier subtopics) is avoided.

Owns these rules. May import: :mod:`topics.modeling.label_parts`, :mod:`topics.modeling.phrase_shape`.
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


def covering(scored: list[tuple], shares=None) -> list[tuple]:
    """The (phrase, coverage, separation) of ``scored`` that cover at least ``LEAD_SHARE`` of what the
    best-covering one covers: of the writers (``shares``: phrase -> the share of the group's writers that write
    it, :func:`member_writers`), else of the units (``coverage``). A long post that repeats a phrase in many
    paragraphs covers one writer."""
    top = max((coverage for _, coverage, _ in scored), default=0.0)
    kept = [item for item in scored if item[1] >= LEAD_SHARE * top]
    if shares is None:
        return kept
    top = max((shares[phrase] for phrase, _, _ in scored), default=0.0)
    return [item for item in kept if shares[item[0]] >= LEAD_SHARE * top]


def lead_key(label: str) -> str:
    """A label's lead (its first part) as compared: lower case, each word singular."""
    from topics.modeling.label_parts import _singular

    return " ".join(_singular(w) for w in re.findall(r"[^\W_][\w'’-]*", label.split(",")[0].lower()))


def told_apart(rows, compose, separation, avoid=frozenset()) -> dict:
    """``rows`` -> label, no two leading with the same phrase (:func:`lead_key`), nor one with a phrase whose
    words another's lead holds all of ("Coalition forces" beside "Afghan and coalition forces"), and none
    with a lead in ``avoid`` or holding all the words of one, nor a label ``avoid`` holds whole (one of a
    one-word lead; :func:`label_key`). ``compose(row, excluded)``: the row's label
    (parts joined by ", ") with no lead in ``excluded`` (a set of lead keys); leads of one word may be
    shared, the part after them tells the labels apart (two equal labels are told apart as two equal leads). ``separation(row, lead)``: the share of the lead's
    uses in the row's group: of rows whose leads collide, the one with the highest keeps its lead, the
    others are named again, for up to ``MAX_ROUNDS`` rounds (leads still colliding then are left as they are)."""
    excluded = {row: set() for row in rows}
    avoided = [_words(lead) for lead in avoid if " " in lead and "," not in lead]
    whole = {label for label in avoid if "," in label}  # labels of a one-word lead given elsewhere, whole

    def named(row):
        while True:
            label = compose(row, excluded[row])
            lead = lead_key(label) if label else ""
            taken = label_key(label) in whole if label else False
            if lead in excluded[row] or not (taken or " " in lead and any(words <= _words(lead) for words in avoided)):
                return label
            excluded[row].add(lead)

    labels = {row: named(row) for row in rows}
    position = {row: i for i, row in enumerate(rows)}
    for _ in range(MAX_ROUNDS):
        leads = {row: lead_key(label) for row, label in labels.items() if label}
        rank = {}  # (separation, earlier first) per row, computed once a round

        def strength(r):
            if r not in rank:
                rank[r] = (separation(r, leads[r]), -position[r])
            return rank[r]

        losers = set()
        for row, others in _rivals(leads, labels).items():
            if others and max([row, *others], key=strength) != row:
                losers.add(row)
        if not losers:
            break
        for row in losers:
            excluded[row].add(leads[row])
            labels[row] = named(row)
    return labels


def _rivals(leads: dict, labels: dict) -> dict:
    """Row -> the other rows whose label is the same (:func:`label_key`) or whose lead of several words
    collides with its own (:func:`_collide`); found through shared keys and shared words, not all pairs
    (a thousand topics compared pairwise took half a minute)."""
    by_key, by_word, wordless = {}, {}, []
    words = {row: _words(lead) for row, lead in leads.items() if " " in lead}
    for row in leads:
        by_key.setdefault(label_key(labels[row]), []).append(row)
    for row, found in words.items():
        for word in found:
            by_word.setdefault(word, []).append(row)
        if not found:
            wordless.append(row)  # a lead of inner words only: its empty set lies inside every other
    rivals = {}
    for row, lead in leads.items():
        others = set(by_key[label_key(labels[row])])
        if row in words:
            near = {other for word in words[row] for other in by_word[word]} | set(wordless)
            others |= {other for other in near if _collide(lead, leads[other])} if words[row] else set(words)
        others.discard(row)
        rivals[row] = others
    return rivals


def _words(lead: str) -> frozenset[str]:
    from topics.modeling.phrase_shape import INNER_WORDS

    return frozenset(lead.split()) - INNER_WORDS


def _collide(lead: str, other: str) -> bool:
    """Two leads that say the same: equal, or the words of one all in the other ("coalition force",
    "afghan and coalition security force")."""
    mine, theirs = _words(lead), _words(other)
    return lead == other or mine <= theirs or theirs <= mine


def label_key(label: str) -> str:
    """A whole label as compared: each part as :func:`lead_key` writes it."""
    return ", ".join(lead_key(part) for part in label.split(","))


def given_leads(given: dict, group) -> frozenset[str]:
    """The leads (:func:`lead_key`) of the labels ``given`` (owner -> labels) to owners other than ``group``,
    and the whole labels (:func:`label_key`) of those led by one word: a subtopic leads with no phrase
    another topic's label or another topic's subtopic leads with, nor repeats such a label whole."""
    return frozenset(lead if " " in (lead := lead_key(label)) else label_key(label)
                     for owner, labels in given.items() if owner != group for label in labels if label)
