"""Event parts of one topic that the same articles told at one moment become one subtopic."""

from __future__ import annotations

import numpy as np


def _units(parts):
    """(labels, days, articles) from (part, day, article) triples."""
    labels, days, articles = zip(*parts)
    return np.array(labels), np.array(days, dtype=np.float64), list(articles)


def test_a_story_told_in_the_same_articles_is_one_event_part():
    from topics.modeling.told_together import join_told_together

    # A report, the briefing behind it and the denial: three bursts of one week's articles a-d (as the
    # Russian bounties on the NYT texts: three event subtopics of one topic, every unit in shared articles).
    report = [(0, 100 + i % 4, "abcd"[i % 4]) for i in range(8)]
    briefing = [(1, 101 + i % 3, "bcd"[i % 3]) for i in range(6)]
    denial = [(2, 100 + i % 3, "abc"[i % 3]) for i in range(4)]
    other = [(3, float(day), f"x{day}") for day in range(0, 300, 20)]  # a long-running part, no event
    labels, days, articles = _units(report + briefing + denial + other)
    joined = join_told_together(labels, [0, 1, 2], days, articles)
    assert set(joined[:18]) == {0}  # the largest leads
    assert (joined[18:] == 3).all()


def test_parts_of_other_days_or_other_articles_stay_apart():
    from topics.modeling.told_together import join_told_together

    story = [(0, 100 + i % 3, "abc"[i % 3]) for i in range(9)]
    # The same articles' paragraphs on another part a month later: other days.
    later = [(1, 130 + i % 2, "ab"[i % 2]) for i in range(4)]
    # The same days, most units in other articles (one shared): another story of the same week.
    beside = [(2, 101, "a")] + [(2, 100 + i % 3, f"y{i % 3}") for i in range(5)]
    # An undated part is never joined.
    undated = [(3, np.nan, "a"), (3, np.nan, "b")]
    labels, days, articles = _units(story + later + beside + undated)
    assert (join_told_together(labels, [0, 1, 2, 3], days, articles) == labels).all()
    # A non-event part sharing the articles and days is left as it is.
    labels, days, articles = _units(story + [(5, 100, "a"), (5, 101, "b")])
    assert (join_told_together(labels, [0], days, articles) == labels).all()


def test_a_part_joins_the_lead_not_a_chain():
    from topics.modeling.told_together import join_told_together

    # One run of articles over a week: A's days meet B's, B's meet C's, A's never meet C's. B joins A;
    # C stays, as no chain moves an event to another one's days.
    lead = [(0, 100 + i % 2, "abc"[i % 3]) for i in range(9)]
    middle = [(1, 101 + i % 3, "abc"[i % 3]) for i in range(6)]
    last = [(2, 103 + i % 2, "abc"[i % 3]) for i in range(5)]
    labels, days, articles = _units(lead + middle + last)
    joined = join_told_together(labels, [0, 1, 2], days, articles)
    assert (joined[:15] == 0).all() and (joined[15:] == 2).all()


def test_a_topics_split_gives_one_event_part_for_one_story():
    from topics.modeling.subtopics import split_with_events

    # Three bursts of one topic: three aspects (three directions) of the same five articles in the same
    # three days, beside a long-running part of other days and articles. Before: three event parts.
    rng = np.random.default_rng(0)
    directions = np.eye(16)[:4]
    vectors, days, bursts, articles = [], [], [], []
    for burst in range(3):
        for i in range(10):
            vectors.append(directions[burst] + 0.05 * rng.standard_normal(16))
            days.append(100.0 + i % 3)
            bursts.append(burst)
            articles.append(f"story{i % 5}")
    for i in range(30):
        vectors.append(directions[3] + 0.05 * rng.standard_normal(16))
        days.append(float(10 * i))
        bursts.append(-1)
        articles.append(f"other{i}")
    vectors = np.asarray(vectors) / np.linalg.norm(vectors, axis=1, keepdims=True)
    parts = split_with_events(vectors, np.array(days), np.array(bursts), np.array(articles, dtype=object), 0)
    assert len(set(parts[:30])) == 1
    assert not set(parts[:30]) & set(parts[30:])
