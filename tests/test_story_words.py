"""Stories told in different articles: events of the same days joined by a word of their own that is itself an event."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def _planted(frame: pd.DataFrame, subjects: dict[str, str]) -> tuple[pd.DataFrame, dict[str, set[str]]]:
    """``frame`` with the articles that write each subject's word at least twice moved into the last days of
    2005 (one week for all subjects), and each subject's article ids."""
    frame = frame.copy()
    lower = frame["text"].str.lower()
    chosen = {}
    for name, word in subjects.items():
        rows = frame.index[lower.str.count(word) >= 2]
        frame.loc[rows, "date"] = [f"2005-11-0{1 + i % 5}" for i in range(len(rows))]
        chosen[name] = set(frame.loc[rows, "id"].astype(str))
    return frame, chosen


def _event_subjects(model, chosen: dict[str, set[str]]) -> pd.DataFrame:
    """The events with the subject most of their units' articles were planted for ("" for none)."""
    info, events = model.document_info(), model.events()
    subjects = []
    for event in events.itertuples(index=False):
        articles = info["article_id"][(info["topic_id"] == event.topic_id) & (info["subtopic"] == event.subtopic)].astype(str)
        shares = {name: articles.isin(ids).mean() for name, ids in chosen.items()}
        name = max(shares, key=shares.get)
        subjects.append(name if shares[name] > 0.5 else "")
    return events.assign(subject=subjects)


@pytest.fixture(scope="module")
def planted_model(embedder):
    from dated_sample import dated_bbc_sample
    from topics import TopicModel, load_corpus
    from topics.embedding.embed import embed_units

    # The BBC sample's paragraphs dated at random over 300 days, the articles on the general election
    # (politics, business and tech write of it) and those on the broadband market moved into one week.
    frame, chosen = _planted(dated_bbc_sample(0), {"election": "election", "broadband": "broadband"})
    corpus = load_corpus(frame)
    units = corpus.units("paragraph").reset_index(drop=True)
    return TopicModel(random_state=0).fit(units, embeddings=embed_units(corpus, "paragraph", embedder)), chosen


def test_the_events_of_one_story_told_in_different_articles_are_one_story(planted_model):
    model, chosen = planted_model
    events = _event_subjects(model, chosen)
    election = events[events["subject"] == "election"]
    # The story's aspects stay rows of their own, most of them numbered as one story (each its own before).
    assert len(election) >= 3 and election["story"].value_counts().max() * 2 > len(election)
    # Stories of the same week that share no word of their own stay apart.
    others = events[events["subject"] != "election"]
    assert not set(others["story"]) & set(election["story"])


def test_a_word_joins_events_only_when_its_articles_crowd_into_their_days():
    from topics.modeling.stories import word_links

    # Two events of the same days, each told by three articles; every article writes "minister" and the
    # pair of the first writes "floods". "minister" is written all year, "floods" only in those days.
    days = [f"2021-03-0{d}" for d in (1, 1, 2, 2, 3, 3)] + [f"2021-{m:02d}-15" for m in range(1, 13)] * 3
    texts = (["The minister saw the floods."] * 3 + ["The minister spoke of the floods."] * 3
             + ["The minister opened a school."] * 36)
    articles = [f"a{i}" for i in range(len(texts))]
    topics_ = [0] * 3 + [1] * 3 + [2] * 36
    subtopics_ = [0] * 42
    events = pd.DataFrame({"topic_id": [0, 1], "subtopic": [0, 0],
                           "event_start": ["2021-03-01", "2021-03-02"], "event_end": ["2021-03-03", "2021-03-03"]})
    dates = pd.Series(pd.to_datetime(days))
    assert word_links(events, topics_, subtopics_, articles, texts, dates) == {(0, 1)}
    texts = texts[:3] + ["The minister spoke of the rain."] * 3 + texts[6:]
    assert word_links(events, topics_, subtopics_, articles, texts, dates) == set()


def test_a_story_cut_in_two_by_its_days_is_one_story_when_they_lie_a_moment_apart():
    from topics.modeling.stories import event_stories, moment_days, word_links

    # One story of five days whose first two days' articles and last two days' are two events (the core-days
    # rules can cut it so); "floods" is written only in those days.
    days = [f"2021-03-0{d}" for d in (1, 1, 2, 4, 4, 5)] + [f"2021-{m:02d}-15" for m in range(1, 13)] * 3
    texts = ["The minister saw the floods."] * 6 + ["The minister opened a school."] * 36
    articles = [f"a{i}" for i in range(len(texts))]
    topics_, subtopics_ = [0] * 3 + [1] * 3 + [2] * 36, [0] * 42
    events = pd.DataFrame({"topic_id": [0, 1], "subtopic": [0, 0],
                           "event_start": ["2021-03-01", "2021-03-04"], "event_end": ["2021-03-02", "2021-03-05"]})
    dates = pd.Series(pd.to_datetime(days))
    assert word_links(events, topics_, subtopics_, articles, texts, dates) == set()  # no day in common
    gap = moment_days(dates)
    assert 1 < gap < 7
    links = word_links(events, topics_, subtopics_, articles, texts, dates, gap)
    assert links == {(0, 1)}
    assert event_stories(events, topics_, subtopics_, articles, links, gap).tolist() == [1, 1]
    # A week apart is another story, whatever it writes.
    later = events.assign(event_start=["2021-03-01", "2021-03-09"], event_end=["2021-03-02", "2021-03-10"])
    assert word_links(later, topics_, subtopics_, articles, texts, dates, gap) == set()


def test_a_busy_week_does_not_join_two_stories_by_a_word_both_write():
    from topics.modeling.stories import word_links

    # Two stories of one week, each told by five articles: one on Kenteris, one on Yukos, both in court.
    # "court" crowds into the week (two more articles write it the rest of the year), but each story's
    # own word crowds in more: the stories stay apart, until both write the same name.
    days = [f"2021-03-0{d}" for d in (1, 1, 2, 2, 3)] * 2 + [f"2021-{m:02d}-15" for m in range(1, 13)] * 3
    days += ["2021-06-20", "2021-09-20"]
    texts = (["Kenteris was in court."] * 5 + ["Yukos was in court."] * 5
             + ["The minister was in school."] * 36 + ["The judge was in court."] * 2)
    articles = [f"a{i}" for i in range(len(texts))]
    topics_ = [0] * 5 + [1] * 5 + [2] * 38
    events = pd.DataFrame({"topic_id": [0, 1], "subtopic": [0, 0],
                           "event_start": ["2021-03-01", "2021-03-01"], "event_end": ["2021-03-03", "2021-03-03"]})
    dates = pd.Series(pd.to_datetime(days))
    assert word_links(events, topics_, [0] * 48, articles, texts, dates) == set()
    texts = texts[:5] + ["Kenteris was in court again."] * 5 + texts[10:]
    assert word_links(events, topics_, [0] * 48, articles, texts, dates) == {(0, 1)}
