"""Leads the other groups write nearly as often: the subject of the whole text set, not of one group.

A label's lead says what sets its group apart from the groups it is named among. A phrase that most of those
other groups write about as often as this one ("Russian forces" in a subtopic of news on the war in Ukraine,
"Russia" among its topics, "country" anywhere) is the subject of all of them: it may cover the group well and
still tell the reader nothing. Such a lead is *even*: the median rate of the other groups (the share of their
units that write all its words) is at least ``EVEN_SHARE`` of the group's own rate. A lead written mostly by
one group ("Bucha", "Finland and Sweden") is never even, however many of the corpus's units write it; nor is one
among fewer than ``MIN_OTHER_GROUPS`` other groups: a single sibling's rate is no median (a lead its group writes
twice as often as its one sibling would be even). A text writes a lead where it writes any spelling of the lead's
alias group: the caller gives each text's words as written and as the mined aliases rewrite them (every group
writing "ISIS" makes a "Daesh" lead even).

An even lead gives way only to a lead that sets the group apart at least as well (its separation, as the label
rules score it) and is a scored phrase at all: a keyword the label falls back to ("Security", "Source") is no
better lead than the subject. Such a lead is passed over, and the next one tried.

Owns that test and the choice of the label it makes. Imports nothing of the package.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

import numpy as np

EVEN_SHARE = 0.5  # "about as often": half of the groups write it at least half as often as the group does
EVEN_TRIES = 3  # leads tried in turn before the first is kept
MIN_OTHER_GROUPS = 2  # a median of the others needs two of them

_WORD = re.compile(r"\w(?:[\w'-]*\w)?")


def even_lead_test(word_sets, groups, topic_ids, weights=None) -> Callable[[int, str], bool]:
    """A test ``even(row, phrase)``: whether the groups other than ``topic_ids[row]`` write ``phrase`` about as
    often as that group does (module doc). ``word_sets``: the lower-case words of each text (a sample of the
    texts the groups are named among), ``groups`` each text's group (one not in ``topic_ids``, as the outliers,
    counts for none), ``weights`` how many units each stands for (None = one). With fewer than
    ``MIN_OTHER_GROUPS`` other groups that hold texts, nothing is even."""
    weights = np.ones(len(word_sets)) if weights is None else np.asarray(weights, dtype=np.float64)
    groups = np.asarray(groups)
    rows_of = [np.flatnonzero(groups == topic) for topic in topic_ids]
    totals = [float(weights[rows].sum()) for rows in rows_of]

    @functools.lru_cache(maxsize=None)
    def rates(phrase: str) -> tuple[float, ...]:
        words = frozenset(w.lower() for w in _WORD.findall(phrase))
        if not words:
            return tuple(0.0 for _ in rows_of)
        return tuple(
            float(sum(weights[i] for i in rows if words <= word_sets[i])) / total if total > 0 else 0.0
            for rows, total in zip(rows_of, totals)
        )

    def even(row: int, phrase: str) -> bool:
        if len(rows_of) <= MIN_OTHER_GROUPS:
            return False
        found = rates(phrase)
        own = found[row]
        others = [rate for k, rate in enumerate(found) if k != row and totals[k] > 0]
        return own > 0 and len(others) >= MIN_OTHER_GROUPS and float(np.median(others)) >= EVEN_SHARE * own
    return even


def uneven_label(compose, excluded, even, lead_key, separation, tries: int = EVEN_TRIES) -> str:
    """The label ``compose(excluded leads)`` gives whose lead is not ``even`` (the next lead tried where it is, up to
    ``tries`` leads); the first label where every one tried is even: a group the texts' subject names best keeps it.
    ``separation(lead key)``: how well a lead sets the group apart, None where the lead is no scored phrase (a keyword
    fallback); a lead that separates less than the first, or has no score, never takes its place (the next lead is
    tried instead). An even phrase also follows no lead (the label rules' ``spread``), but does not change which
    phrase heads the label."""
    tried, first, subjects = set(excluded), None, []
    for _ in range(tries):
        label = compose(frozenset(tried))
        if not label:
            break
        first = first or label
        lead = label.split(",")[0]
        words = frozenset(w.lower() for w in _WORD.findall(lead))
        if label is first:
            if not even(lead):
                return label
        # A lead that holds an even lead's words names the same subject ("Russian President Vladimir Putin").
        elif not even(lead) and not any(subject <= words for subject in subjects):
            if _separates(separation, lead_key(lead), lead_key(first.split(",")[0])):
                return label
            tried.add(lead_key(label))  # passed over, not the end: a later lead may separate better
            continue
        tried.add(lead_key(label))
        subjects.append(words)
    return first or ""


def _separates(separation, lead: str, replaced: str) -> bool:
    """Whether ``lead`` has a separation score and one at least that of the even lead it would replace."""
    score, before = separation(lead), separation(replaced)
    return score is not None and (before is None or score >= before)
