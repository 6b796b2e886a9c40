"""A place most of a group's units name leads its label, when the phrase chosen says less of the group.

The label rules prefer a phrase of several words (:func:`topics.modeling.headlines.headline_labels`);
in a group about what happened in one place that phrase may cover a twentieth of it while the place's
name covers most of it: "Violence and threats against civilians" where three in four units name Bucha.
The name leads ("Bucha, violence and threats against civilians") when

- more than half of the group's units write it (``LEAD_COVERAGE``), and it scores at least
  ``LEAD_OVER_HEAD`` times the phrase (coverage x separation x closeness, as every candidate is scored);
- the corpus as a whole writes it at most a ``LEAD_LIFT``-th as often as the group does: the corpus's
  own subject ("Ukraine" in coverage of the war, "Taliban" in news of Afghanistan) says nothing of
  one group;
- it is written capitalised and names a place: the group writes it after a locative preposition ("in
  Bucha", "from Poland") or a kind of place and "of" ("the city of Severodonetsk") in at least ``NOT_A_NAME_SHARE`` of its uses, as the people rule reads a place
  (:func:`topics.modeling.people.person_names`); it is no person's name (who leads is the people rule's:
  :func:`topics.modeling.headlines._leads_with_person`) and reads as a whole noun phrase;
- the label does not name it already ("Azovstal steelworks, city of Mariupol"), and its phrase is no name
  itself: two names say who and where, not what.

Owns this rule. May import numpy and :mod:`topics.modeling.people`.
"""

from __future__ import annotations

import re

import numpy as np

from topics.modeling.people import LOCATIVES, NOT_A_NAME_SHARE

LEAD_COVERAGE = 0.5  # more than this share of the group's units write the name
LEAD_OVER_HEAD = 3.0  # ... and it scores at least this many times the label's phrase
LEAD_LIFT = 3.0  # the group writes it at least this many times as often as the corpus's units do
# Kinds of place named before "of" and a place's name ("the city of Severodonetsk", "the port of Tartus").
PLACE_KINDS = frozenset("city town village region province district county port capital island".split())


def corpus_shares(texts: list[str], words, wanted) -> dict[str, float]:
    """The share of ``texts`` whose words (``words``: text -> its lower-case words) hold each of ``wanted``."""
    wanted = set(wanted)
    if not texts or not wanted:
        return {word: 0.0 for word in wanted}
    held = [words(text) & wanted for text in texts]
    return {word: float(np.mean([word in found for found in held])) for word in wanted}


def lead_candidates(best: list[tuple], people: frozenset[str]) -> set[str]:
    """The single words of ``best`` ((score, phrase, coverage), best first) that may lead: the corpus shares
    are read only for these."""
    return {phrase for _, phrase, coverage in best if " " not in phrase and coverage > LEAD_COVERAGE and phrase not in people}


def place_share(texts: list[str], word: str) -> float:
    """The share of ``texts``' capitalised uses of ``word`` written right after a locative preposition ("in
    Bucha") or after a kind of place and "of" ("the city of Severodonetsk")."""
    pattern = re.compile(r"(?:\b(\w+)\s+)?(?:\b(\w+)\s+)?(?<![\w'’-])(" + re.escape(word) + r")(?![\w-])", re.IGNORECASE)
    uses = after = 0
    for text in texts:
        for found in pattern.finditer(text):
            if found.group(3)[:1].isupper():
                uses += 1
                before, further = (found.group(2), found.group(1)) if found.group(2) else (found.group(1), None)
                before, further = (before or "").lower(), (further or "").lower()
                after += before in LOCATIVES or before == "of" and further in PLACE_KINDS
    return after / uses if uses else 0.0


def led_by_name(label: str, best: list[tuple], people: frozenset[str], shares: dict[str, float], texts: list[str],
                is_proper, reads_well, singular=lambda word: word, max_words: int = 6) -> str:
    """``label`` (lower case, parts joined by ", "), its phrase led by a place the group mostly names where
    the rule above finds one; else unchanged. ``shares``: :func:`corpus_shares` of the candidates; ``texts``:
    the group's texts as written; a led label holds at most ``max_words`` words."""
    head = label.split(", ")[0]
    head_score = next((score for score, phrase, _ in best if phrase == head), None)
    if head_score is None or not 2 <= len(head.split()) < max_words or all(map(is_proper, head.split())):
        return label  # a label of single words or keywords already leads with its best word; a name leads itself
    used = {singular(word) for word in label.replace(",", " ").split()}
    for score, phrase, coverage in best:
        if score < LEAD_OVER_HEAD * head_score:
            break  # best first: no later word scores enough
        if (" " in phrase or coverage <= LEAD_COVERAGE or phrase in people or singular(phrase) in used
                or shares.get(phrase, 1.0) * LEAD_LIFT > coverage):
            continue
        if is_proper(phrase) and place_share(texts, phrase) >= NOT_A_NAME_SHARE and reads_well(phrase):
            return f"{phrase}, {head}"
    return label
