"""Time, subtopics and events: dates, the period chooser, subtopics of real topics, events on real texts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from topics.errors import InputError
from topics.modeling.events import time_concentration
from topics.modeling.timeline import choose_period, parse_dates


def test_undated_future_and_pre_1900_dates_are_counted_and_left_out():
    found = parse_dates(["2021-08-15", None, "", "not a date", "1850-01-01", "2999-01-01", "2021-08-20"], today="2026-01-01")
    assert found.n_dated == 2
    assert found.n_undated == 3
    assert found.n_implausible == 2
    notes = " ".join(found.notes())
    assert "3 of 7 units have no date" in notes and "2 of 7 units have a date before 1900 or in the future" in notes
    assert found.has_timeline


def test_one_date_or_none_gives_no_timeline_with_a_reason():
    one = parse_dates(["2021-08-15"] * 4)
    assert not one.has_timeline and "every dated unit is from 2021-08-15" in " ".join(one.notes())
    none = parse_dates([None, None])
    assert not none.has_timeline and "no unit has a usable date" in " ".join(none.notes())
    assert "give the corpus a date column" in " ".join(none.notes())
    # Dates given, none of them possible: the advice is to check them, not to add a date column.
    wrong = " ".join(parse_dates(["1850-01-01", "2999-01-01"], today="2026-01-01").notes())
    assert "no unit has a usable date" in wrong and "check the dates before 1900 or in the future" in wrong
    assert "give the corpus a date column" not in wrong


def test_a_date_that_names_only_a_month_or_a_year_has_no_day_for_events_or_finer_timelines():
    found = parse_dates(["2010-03", "2010-03-14", "2010", None, "2010-04-02"], today="2026-01-01")
    assert found.precision.tolist() == ["month", "day", "year", None, "day"]
    assert found.dates.dt.strftime("%Y-%m-%d").tolist()[:3] == ["2010-03-01", "2010-03-14", "2010-01-01"]
    assert found.day_dates.notna().tolist() == [False, True, False, False, True]
    assert found.date_notes() == ["month only", None, "year only", None, None]
    assert "2 of 5 units have a date that names only a month (1) or a year (1)" in " ".join(found.notes())
    # The precision ingest recorded wins over the ISO date it wrote ("2010-03" became "2010-03-01").
    recorded = parse_dates(["2010-03-01", "2010-03-14"], precision=["month", "day"])
    assert recorded.coarse.tolist() == [True, False] and not recorded.has_day_timeline
    # The period is never finer than most dates name, and a date coarser than the period stays out of it.
    months = parse_dates(["2010-03", "2010-04", "2010-05", "2010-03-02"])
    assert choose_period(months.dates).name == "week" and months.period().name == "month"
    week = months.period("W")
    assert months.in_period(week).notna().sum() == 1
    assert months.period_notes(week) == ["3 of 4 units have a date coarser than a week; the timeline by week leaves them out"]
    assert "no two dates name different days, so there are no events" in " ".join(parse_dates(["2010-03", "2010-04"]).notes())


def test_a_date_before_1900_or_in_the_future_is_marked_where_it_is_kept():
    found = parse_dates(["1850-01-02", "2031-05-03", "2021-08-15", None], today="2026-01-01")
    assert found.date_notes() == ["before 1900", "in the future", None, None]
    assert found.read.notna().sum() == 3 and found.n_dated == 1


@pytest.mark.parametrize(
    "first, last, name",
    [("2021-08-01", "2021-08-20", "day"), ("2021-01-01", "2021-09-01", "week"),
     ("2020-02-01", "2021-10-31", "month"), ("1990-01-01", "2021-01-01", "year")],
)
def test_one_period_chooser_follows_the_span(first, last, name):
    assert choose_period(pd.Series(pd.to_datetime([first, last]))).name == name


def test_timeline_buckets_choose_the_period_or_take_the_one_asked_for():
    from topics.viz.figures import timeline_buckets

    dates = pd.Series(pd.to_datetime(["2021-01-03", "2021-03-17", "2021-09-01"]))
    starts, unit = timeline_buckets(dates)
    assert unit == "week" and starts.dt.day_of_week.eq(starts.iloc[0].day_of_week).all()
    starts, unit = timeline_buckets(dates, "M")
    assert unit == "month" and starts.dt.day.eq(1).all()


def _articles(days_per_article, paragraphs=1):
    """(unit dates, article ids) of articles dated 2021-01-01 + each day, ``paragraphs`` units each."""
    dates = pd.Series(pd.to_datetime("2021-01-01") + pd.to_timedelta(np.repeat(days_per_article, paragraphs), unit="D"))
    return dates, [f"a{i}" for i in range(len(days_per_article)) for _ in range(paragraphs)]


def test_time_concentration_compares_articles_with_the_corpus_articles():
    from topics.modeling.events import ALPHA, article_days

    # A corpus of one article a day for two years; a subtopic of ten articles, eight of them on two days.
    corpus = article_days(*_articles(np.arange(730)))
    dates, ids = _articles([600] * 5 + [601] * 3 + [100, 300])
    found = time_concentration(dates, ids, corpus, 14)
    assert (found["articles"], found["inside"]) == (10, 8)
    assert found["window_start"] == found["peak_date"] == "2022-08-24" and found["window_end"] == "2022-08-25"
    assert found["share"] == pytest.approx(0.8) and found["lift"] > 10
    assert found["p_value"] < ALPHA / 100
    # A busy stretch of the corpus is no event by itself: the same articles, a corpus as bursty as they are.
    assert time_concentration(dates, ids, article_days(dates, ids), 14)["p_value"] == 1.0


def test_an_event_counts_articles_not_paragraphs():
    from topics.modeling.events import article_days

    corpus = article_days(*_articles(np.arange(730)))
    # Three articles inside the window, one of them 20 paragraphs long, and five spread over two years:
    # most of the units but three articles of eight, no majority.
    long_one, _ = _articles([600], paragraphs=20)
    dates, ids = _articles([601, 602, 50, 200, 350, 450, 700])
    found = time_concentration(pd.concat([long_one, dates], ignore_index=True), ["long"] * 20 + ids, corpus, 14)
    assert found["share"] > 0.8 and found["inside"] == 3 and found["articles"] == 8
    assert found["p_value"] == 1.0


def test_three_of_five_articles_in_a_quarter_of_the_span_is_chance():
    from topics.modeling.events import article_days, flag_events

    # Sixty days, one article a day (a 14-day window holds 23 % of them); a subtopic of five articles,
    # three in its busiest window: a majority and lift 2.6, but random dates put three of five in that one
    # window 8 times in 100, and more often in some window.
    corpus_dates, corpus_ids = _articles(np.arange(60))
    dates, ids = _articles([10, 15, 20, 40, 55])
    assert time_concentration(dates, ids, article_days(corpus_dates, corpus_ids), 14)["p_value"] > 0.1
    table = pd.DataFrame({"topic_id": [0], "subtopic": [0]})
    flags = flag_events(table, [dates], [np.array(ids)], corpus_dates, np.array(corpus_ids), True)
    assert not flags["is_event"].any() and flags["peak_date"].isna().all()


def test_a_story_of_two_days_in_a_dense_stretch_is_an_event_though_its_fortnight_is_busy():
    from topics.modeling.events import flag_events

    # Twenty articles a day for three weeks, then one a day for ten months: a fortnight of the dense stretch holds
    # 39 % of the corpus, so seven articles of two days there are no rarer than 7 of 7 in that fortnight (1e-3),
    # short of Holm's first bar over 80 subtopics; in the few days of a short burst they are (1e-7).
    dense = np.repeat(np.arange(21), 20)
    corpus_dates, corpus_ids = _articles(np.concatenate([dense, np.arange(21, 321)]))
    story_dates, story_ids = _articles([10] * 4 + [11] * 3)
    spread = [_articles(np.arange(i, 321, 40)) for i in range(79)]  # subtopics without a moment of their own
    table = pd.DataFrame({"topic_id": np.arange(80), "subtopic": 0, "size": 7})
    flags = flag_events(table, [story_dates] + [d for d, _ in spread], [np.array(story_ids)] +
                        [np.array([f"s{i}-{a}" for a in ids]) for i, (_, ids) in enumerate(spread)],
                        corpus_dates, np.array(corpus_ids), True)
    assert flags["is_event"].tolist() == [True] + [False] * 79
    assert (flags.loc[0, "event_start"], flags.loc[0, "event_end"]) == ("2021-01-11", "2021-01-12")
    assert flags.loc[0, "event_articles"] == 7


def test_holm_rejects_step_by_step_at_the_family_wise_level():
    from topics.modeling.events import holm

    # m = 4: thresholds 0.0025, 0.0033, 0.005, 0.01 for the sorted p-values.
    assert list(holm([0.004, 0.001, 0.2, 0.003], 0.01)) == [True, True, False, True]
    assert list(holm([0.004, 0.0026, 0.2, 0.003], 0.01)) == [False, False, False, False]  # the first step fails
    assert list(holm([], 0.01)) == []


@pytest.fixture(scope="module")
def dated_bbc(bbc_sample, embedder):
    """The BBC sample at article level, dated: tech stories in ten days of March 2005, the rest over two years."""
    from topics import TopicModel
    from topics.embedding.embed import embed_units

    units = bbc_sample.units("article").reset_index(drop=True)
    labels = bbc_sample.articles.set_index("article_id").loc[units["article_id"], "label"].to_numpy()
    rng = np.random.default_rng(0)
    spread = pd.Timestamp("2004-01-01") + pd.to_timedelta(rng.integers(0, 730, len(units)), unit="D")
    burst = pd.Timestamp("2005-03-07") + pd.to_timedelta(rng.integers(0, 10, len(units)), unit="D")
    dates = np.where(labels == "tech", burst, spread)
    units["date"] = [pd.Timestamp(d).date().isoformat() for d in dates]
    embeddings = embed_units(bbc_sample, "article", embedder)
    return TopicModel(n_topics=5, random_state=0).fit(units, embeddings=embeddings), labels


def test_every_topic_has_subtopics_that_partition_it(dated_bbc):
    model, _ = dated_bbc
    table = model.subtopics()
    info = model.document_info()
    assert set(table["topic_id"]) == set(int(t) for t in model.topic_ids_)
    for topic in model.topic_ids_:
        rows = model.subtopics(int(topic))
        assert rows["size"].sum() == (info["topic_id"] == topic).sum()
        assert sorted(rows["subtopic"]) == sorted(info.loc[info["topic_id"] == topic, "subtopic"].unique())
        assert all(rows["label"].str.len() > 0) and all(len(k) > 0 for k in rows["keywords"])
        assert all(rows["first_date"] <= rows["last_date"])
    # Some topic of 40 articles splits into stories of its own.
    assert (table.groupby("topic_id").size() > 1).any()
    with pytest.raises(InputError, match="no topic 99"):
        model.subtopics(99)


def test_stories_packed_in_ten_days_are_events_and_spread_ones_are_not(dated_bbc):
    model, labels = dated_bbc
    info = model.document_info()
    events = model.events()
    assert len(events) >= 1
    assert list(events["peak_date"]) == sorted(events["peak_date"])
    for event in events.itertuples(index=False):
        members = (info["topic_id"] == event.topic_id) & (info["subtopic"] == event.subtopic)
        assert (labels[members.to_numpy()] == "tech").mean() > 0.5, event.label
        assert "2005-03-07" <= event.peak_date <= "2005-03-16"
    tech_topic = pd.Series(info["topic_id"][labels == "tech"]).mode()[0]
    assert tech_topic in set(events["topic_id"])


def test_an_event_says_how_many_of_its_articles_random_dates_would_put_in_its_days(dated_bbc):
    # Before: the report said only "100 % in its peak weeks", the same for four articles in five days
    # as for forty, so a chance cluster read as firmly as a real story.
    from topics.report.markdown import _by_chance

    model, labels = dated_bbc
    events = model.events()
    corpus_days = pd.to_datetime(model.units_["date"])
    for event in events.itertuples(index=False):
        inside = (corpus_days >= event.event_start) & (corpus_days <= event.event_end)
        members = ((model.labels_ == event.topic_id) & (model._subtopics().labels == event.subtopic))
        dated = int(members.sum())  # article level: a unit is an article, every one dated
        assert event.event_articles == int((members & inside.to_numpy()).sum()) >= 3
        assert event.event_expected == pytest.approx(dated * inside.mean(), abs=0.01)
        assert event.event_expected < event.event_articles / 2
        assert _by_chance(event._asdict()) == f"; {event.event_articles} articles, {event.event_expected:.1f} by chance"
        assert isinstance(event.event_articles, int)
    # A subtopic that is no event has neither.
    table = model.subtopics()
    assert table.loc[~table["is_event"], ["event_articles", "event_expected"]].isna().all().all()


def test_an_event_is_told_in_the_headline_of_the_article_holding_most_of_it(dated_bbc):
    from topics.modeling.stories import _told_by

    model, _ = dated_bbc
    info, units = model.document_info(), model.units_
    events = model.events()
    assert len(events) >= 1
    for event in events.itertuples(index=False):
        members = ((info["topic_id"] == event.topic_id) & (info["subtopic"] == event.subtopic)).to_numpy()
        counts = units["article_id"][members].value_counts()
        assert event.articles == len(counts)
        leaders = set(counts.index[counts == counts.max()])
        assert event.headline in set(units["title"][units["article_id"].isin(leaders)]), event.label
    # Equals: the article the corpus lists first; no titles, or an empty one: no headline.
    rows = np.array([3, 4, 5, 6])
    articles, titles = ["z", "z", "z", "b", "a", "b", "a"], ["Z", "Z", "Z", "Bee", "Ay", "Bee", "Ay"]
    assert _told_by(rows, articles, titles) == (2, "Bee")
    assert _told_by(rows, articles, None) == (2, None)
    assert _told_by(rows, articles, ["", "", "", " ", "", " ", ""]) == (2, None)
    assert _told_by(np.array([], dtype=int), articles, titles) == (0, None)


def _fit_paragraphs(frame: pd.DataFrame, embedder):
    from topics import TopicModel, load_corpus
    from topics.embedding.embed import embed_units

    corpus = load_corpus(frame)
    units = corpus.units("paragraph").reset_index(drop=True)
    return TopicModel(random_state=0).fit(units, embeddings=embed_units(corpus, "paragraph", embedder))


def test_random_dates_give_no_events_and_a_burst_of_articles_still_is_one(embedder):
    from dated_sample import dated_bbc_sample

    # The BBC sample's paragraphs, their articles dated at random over 300 days: the subtopics (built
    # partly from time) still pack some of them into a few weeks, but by chance. A rule without a
    # test for chance flagged two of them.
    frame = dated_bbc_sample(0)
    assert _fit_paragraphs(frame, embedder).events().empty
    # The same dates, with ten election stories moved into five days after all the others.
    election = frame.index[(frame["label"] == "politics") & frame["text"].str.contains("election")][-10:]
    burst = frame.copy()
    burst.loc[election, "date"] = [f"2005-11-0{1 + i % 5}" for i in range(len(election))]
    model = _fit_paragraphs(burst, embedder)
    events = model.events()
    assert len(events) >= 1
    info = model.document_info()
    moved = set(burst.loc[election, "id"].astype(str))
    for event in events.itertuples(index=False):
        assert "2005-11-01" <= event.peak_date <= "2005-11-05", event.label
        members = info[(info["topic_id"] == event.topic_id) & (info["subtopic"] == event.subtopic)]
        assert members["article_id"].astype(str).isin(moved).mean() > 0.5


def test_topics_over_time_gives_shares_and_keywords_per_period(dated_bbc):
    model, _ = dated_bbc
    over_time = model.topics_over_time(freq="M")
    assert set(over_time.columns) >= {"period", "topic_id", "units", "share", "keywords"}
    assert np.allclose(over_time.groupby("period")["share"].sum(), 1.0)
    busy = over_time[over_time["units"] >= 4]
    assert len(busy) and all(len(k) > 0 for k in busy["keywords"])
    with pytest.raises(Exception, match="freq must be one of"):
        model.topics_over_time(freq="fortnight")


def test_topics_over_time_has_every_period_of_the_span_for_every_topic(dated_bbc):
    # Before: a topic with no unit in a month had no row for it, and its plotted series skipped the month.
    model, _ = dated_bbc
    over_time = model.topics_over_time(freq="M")
    dates = pd.to_datetime(model.units_["date"])
    months = pd.period_range(dates.min(), dates.max(), freq="M").start_time
    assert len(over_time) == len(months) * len(model.topic_ids_)
    for topic in model.topic_ids_:
        assert over_time.loc[over_time["topic_id"] == topic, "period"].tolist() == list(months)
    empty = over_time[over_time["units"] == 0]
    assert len(empty) and (empty["share"] == 0).all() and all(k == [] for k in empty["keywords"])
    assert over_time["units"].sum() == len(model.labels_) - int((model.labels_ == -1).sum())


def test_the_same_dates_written_as_their_month_make_no_one_day_events(dated_bbc):
    # Before: every story of March 2005 was dated 1 March, and each subtopic of them an event of that one day.
    from topics import TopicModel

    model, _ = dated_bbc
    assert len(model.events())  # by their days, the tech stories of ten days in March 2005 are events
    units = model.units_.assign(date=model.units_["date"].str[:7])
    by_month = TopicModel(n_topics=5, random_state=0).fit(units, embeddings=model.embeddings_)
    assert by_month.events().empty
    notes = " ".join(by_month._subtopics().notes)
    assert f"{len(units)} of {len(units)} units have a date that names only a month" in notes
    assert (by_month.subtopics()["first_date"].str[8:] == "01").all()  # spans still read every date
    over_time = by_month.topics_over_time()  # by month: the dates name no week
    months = pd.period_range(units["date"].min(), units["date"].max(), freq="M")
    assert (over_time["period"].dt.day == 1).all() and over_time["period"].nunique() == len(months)
    assert by_month.topics_over_time(freq="W").empty  # no date names its week


def test_an_undated_corpus_has_subtopics_but_no_events(seeds_corpus, seeds_paragraph_embeddings):
    from topics import TopicModel

    units = seeds_corpus.units("paragraph").reset_index(drop=True).assign(date=None)
    model = TopicModel(random_state=0).fit(units, embeddings=seeds_paragraph_embeddings)
    assert len(model.subtopics()) >= len(model.topic_ids_)
    assert model.events().empty
    assert model.subtopics()["first_date"].isna().all()
    assert "no unit has a usable date" in " ".join(model._subtopics().notes)


def test_document_info_without_subtopics_and_article_mixes_skip_the_subtopic_work(dated_bbc):
    model, _ = dated_bbc
    cached = model.__dict__.pop("_subtopics_cache", None)
    try:
        info = model.document_info(subtopics=False)
        assert "subtopic" not in info.columns and len(info) == len(model.labels_)
        model.article_topics()
        assert getattr(model, "_subtopics_cache", None) is None
        assert "subtopic" in model.document_info().columns
    finally:
        if cached is not None:
            model._subtopics_cache = cached


def test_a_unit_of_a_long_running_part_joins_the_event_of_its_dates_it_is_closer_to():
    from topics.modeling.subtopics import _join_nearer_events

    rng = np.random.default_rng(0)
    event_centre, part_centre = np.eye(8)[0], np.eye(8)[1]
    event = event_centre + 0.05 * rng.standard_normal((6, 8))
    part = part_centre + 0.05 * rng.standard_normal((10, 8))
    # Units 0-2 of the part lean to the event; unit 0 is published during it (days 98-104),
    # unit 1 three days after its last member, unit 2 a year later.
    part[:3] = 0.8 * event_centre + 0.2 * part_centre + 0.05 * rng.standard_normal((3, 8))
    embeddings = np.vstack([event, part])
    days = np.concatenate([np.linspace(98.0, 104.0, 6), [101.0, 107.0, 465.0], np.linspace(0, 600, 7)])
    labels = np.array([0] * 6 + [1] * 10)
    moved = _join_nearer_events(embeddings, days, labels, np.array([0]))
    assert moved[6] == 0  # closer to the event and within its dates
    assert moved[7] == 1  # closer to the event but published after its last member: another story's days
    assert moved[8] == 1  # closer to the event but published long after it
    assert (moved[9:] == 1).all() and (moved[:6] == 0).all()
    assert (_join_nearer_events(embeddings, days, labels, np.array([], dtype=int)) == labels).all()


def test_an_event_grows_only_by_units_published_within_its_own_dates():
    from topics.modeling.subtopics import grow_events

    rng = np.random.default_rng(1)
    centre = np.eye(8)[0]
    embeddings = centre + 0.05 * rng.standard_normal((9, 8))
    # Six members reported over days 98-104; three like units outside the event: during, just after, a year later.
    days = np.concatenate([np.linspace(98.0, 104.0, 6), [101.0, 106.0, 465.0]])
    events = np.array([0] * 6 + [-1] * 3)
    embeddings[6:] = centre + 0.001 * rng.standard_normal((3, 8))  # closer to the centre than any member
    grown = grow_events(embeddings, days, events)
    assert list(grown[6:]) == [0, -1, -1]
    assert (grown[:6] == 0).all()


def test_an_event_takes_in_units_only_within_its_core_days_not_its_thin_first_and_last_days():
    from topics.modeling.subtopics import CORE_SHARE, event_days, grow_events

    rng = np.random.default_rng(2)
    centre = np.eye(8)[0]
    # Ten members: eight reported on days 100-102, one ten days before, one thirteen days after.
    member_days = [90.0, 100, 100, 100, 101, 101, 101, 102, 102, 115]
    assert CORE_SHARE <= 0.8
    assert event_days(np.array(member_days), np.ones(10, bool)) == (100.0, 102.0)
    assert event_days(np.array([5.0, 9.0]), np.ones(2, bool)) == (5.0, 9.0)  # too few to have thin ends
    embeddings = centre + 0.05 * rng.standard_normal((13, 8))
    embeddings[10:] = centre + 0.001 * rng.standard_normal((3, 8))  # closer to the centre than any member
    days = np.array(member_days + [92.0, 101.0, 112.0])
    events = np.array([0] * 10 + [-1] * 3)
    assert list(grow_events(embeddings, days, events)[10:]) == [-1, 0, -1]


def test_a_share_of_a_burst_the_broad_topics_split_is_an_event_when_the_whole_burst_is_large():
    from topics.modeling.subtopics import MIN_EVENT_UNITS, event_parts

    # One topic's units: 12 of burst 0, 6 of burst 1, 6 of burst 2, 4 of burst 3, each from several articles.
    bursts = np.repeat([0, 1, 2, 3], [12, 6, 6, 4])
    articles = np.array([f"a{i % 4}" for i in range(len(bursts))], dtype=object)
    # Over the whole corpus burst 1 holds 25 units and burst 3 30, bursts 0 and 2 only what this topic has.
    whole = np.array([12, 25, 6, 30])
    assert MIN_EVENT_UNITS <= 6
    alone = event_parts(bursts, articles, 10)
    assert set(np.unique(alone[bursts == 0])) == {0} and (alone[bursts > 0] == -1).all()
    shared = event_parts(bursts, articles, 10, whole)
    assert shared[bursts == 0][0] != shared[bursts == 1][0]  # two events
    assert (shared[bursts <= 1] >= 0).all()
    assert (shared[bursts == 2] == -1).all()  # small, and small over the corpus too
    assert (shared[bursts == 3] == -1).all()  # its share here is below MIN_EVENT_UNITS


def test_the_units_of_a_short_burst_join_the_event_part_holding_most_of_them():
    from topics.modeling.subtopics import MIN_EVENT_UNITS, join_short_bursts

    # One topic: event part 0 (units 0-9), event part 1 (10-19), non-event part 2 (20-29).
    labels = np.repeat([0, 1, 2], 10)
    articles = np.array([f"a{i % 5}" for i in range(30)], dtype=object)
    short = np.full(30, -1)
    short[[0, 1, 2, 3, 4, 5, 10, 11, 20]] = 0  # a moment: six units in event 0, two in event 1, one in part 2
    short[[21, 22, 23, 24, 25, 12]] = 1  # most in the non-event part: nothing moves
    short[[13, 14, 15, 26, 27, 28]] = 2  # a tie is not a majority: nothing moves
    short[[6, 7, 17, 18]] = 3  # too few units
    assert MIN_EVENT_UNITS == 5
    joined = join_short_bursts(labels, short, articles, np.array([0, 1]))
    assert list(joined[[10, 11, 20]]) == [0, 0, 0]
    moved = np.zeros(30, bool)
    moved[[10, 11, 20]] = True
    assert (joined[~moved] == labels[~moved]).all()
    one_article = np.full(30, "a0", dtype=object)
    assert (join_short_bursts(labels, short, one_article, np.array([0, 1])) == labels).all()  # one article is no burst


def test_day_numbers_read_from_the_values_are_the_normalised_dates():
    from topics.modeling.events import _unit_days, article_days

    naive = pd.Series(pd.to_datetime(["2021-08-26 05:00", None, "1950-01-01 12:00", "1969-12-31 23:59", "2021-08-31 23:00"]))
    expected = (naive.dt.normalize() - pd.Timestamp("1900-01-01")).dt.days.to_numpy(dtype=np.float64, na_value=np.nan)
    assert np.array_equal(_unit_days(naive), expected, equal_nan=True)
    # One day per article, its earliest dated unit's.
    assert list(article_days(naive, ["a", "b", "c", "d", "a"])) == sorted(expected[[0, 2, 3]].astype(int))
    assert len(article_days(naive, ["a", "b", "c", "d", "e"])) == 4


def test_an_event_most_of_whose_members_write_one_name_keeps_only_its_core_days():
    from topics.modeling.subtopics import trim_name_led_events

    rng = np.random.default_rng(3)
    event_centre, part_centre, other_centre = np.eye(8)[0], np.eye(8)[1], np.eye(8)[2]
    # Event parts 0 and 1, ten members each: eight on days 100-102, one ten days before, one thirteen after.
    member_days = [90.0, 100, 100, 100, 101, 101, 101, 102, 102, 115]
    embeddings = np.vstack([
        event_centre + 0.05 * rng.standard_normal((10, 8)),
        other_centre + 0.05 * rng.standard_normal((10, 8)),
        part_centre + 0.05 * rng.standard_normal((6, 8)),  # a part that is no event
        other_centre + 0.05 * rng.standard_normal((6, 8)),  # another, nearer event 1
    ])
    embeddings[[0, 9]] = 0.6 * event_centre + 0.4 * part_centre  # event 0's fringe leans to part 2
    days = np.array(member_days * 2 + list(np.linspace(0, 300, 12)))
    labels = np.repeat([0, 1, 2, 3], [10, 10, 6, 6])
    # Event 0: nine of its ten members write one person's name (as "Okafor's" too); event 1 a common noun.
    texts = [f"Mr. Okafor{'’s' if i % 2 else ''} statement, item {i}." for i in range(9)] + ["The ministry spoke."]
    texts += [f"The flood rose, item {i}." for i in range(10)] + ["Other news."] * 12
    people = frozenset({"okafor"})
    trimmed = trim_name_led_events(embeddings, days, labels, np.array([0, 1]), texts, people)
    assert list(trimmed[[0, 9]]) == [2, 2]  # outside the core days: to the nearest part that is no event
    assert (trimmed[1:9] == 0).all()  # the core days stay
    assert (trimmed[10:] == labels[10:]).all()  # event 1 leads with no name: its fringe days stay
    half = texts[:5] + ["The ministry spoke."] * 5  # a name in half of the members is no majority
    assert (trim_name_led_events(embeddings, days, labels, np.array([0, 1]), half + texts[10:], people) == labels).all()
    assert (trim_name_led_events(embeddings, days, labels, np.array([0, 1]), texts, frozenset()) == labels).all()
    only_events = np.where(labels >= 2, 1, labels)  # no part that is no event: nowhere to go
    assert (trim_name_led_events(embeddings, days, only_events, np.array([0, 1]), texts, people) == only_events).all()
    # Its core days hold 8 units but only two articles: trimmed, it would be no event; it is left whole.
    articles = np.array(["a", "b"] * 5 + [f"c{i}" for i in range(22)], dtype=object)
    assert (trim_name_led_events(embeddings, days, labels, np.array([0, 1]), texts, people, articles) == labels).all()
    articles[:10] = ["a", "b", "c", "a", "b", "c", "a", "b", "c", "a"]
    assert list(trim_name_led_events(embeddings, days, labels, np.array([0, 1]), texts, people, articles)[[0, 9]]) == [2, 2]


def test_the_names_asked_about_are_the_capitalised_words_of_burst_units_that_name_people():
    from topics.modeling.subtopics import burst_people, leading_name

    texts = ["President Okafor said the bridge would open.", "Okafor said it again in Lagos.",
             "In Lagos the bridge opened, Okafor said.", "President Mensah said nothing.", "Mensah said more.",
             "Mensah, in Lagos, said the bridge was late."]
    bursts = np.array([0, 0, 0, -1, -1, 0])
    people = burst_people(texts, bursts)
    assert "okafor" in people  # three burst units write it: enough to lead an event of five
    assert "mensah" not in people  # one burst unit writes it: it cannot lead an event
    assert "lagos" not in people and "president" not in people
    assert burst_people(texts, np.full(6, -1)) == frozenset()
    assert leading_name(texts[1:3] + ["Bridges."], people) == "okafor"  # two of three
    assert leading_name(texts[2:4] + ["Bridges."], people) == ""  # one of three
    assert leading_name(["Okafor, Okafor and Okafor."] + ["Bridges."] * 2, people) == ""  # one text counts once


def test_a_date_span_reads_series_and_arrays_alike_and_skips_the_undated():
    from topics.modeling.timeline import date_span

    dates = pd.to_datetime(pd.Series(["2021-08-20 09:00", None, "2021-08-15 23:30", "2021-09-01 00:00", "2021-08-16 12:00"]))
    expected = {"first_date": "2021-08-15", "last_date": "2021-09-01", "median_date": "2021-08-16", "dated_units": 4}
    assert date_span(dates) == expected
    assert date_span(dates.to_numpy()) == expected
    assert date_span(dates.dt.tz_localize("Asia/Kabul")) == expected  # a zone's own calendar day
    assert date_span(pd.Series([pd.NaT, pd.NaT])) == {"first_date": None, "last_date": None, "median_date": None, "dated_units": 0}
    assert date_span(dates.to_numpy()[:0])["dated_units"] == 0


def _events_of(*rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["topic_id", "subtopic", "event_start", "event_end"])


def test_events_told_by_the_same_articles_in_the_same_days_are_one_story():
    from topics.modeling.stories import event_stories

    # Units (topic, subtopic, article). Event 3.1 and 3.2: the same two articles, each way all of the
    # units; 0.9 mostly from those articles too (3 of 4 units), so it joins them. 2.2 holds the day's other story.
    units = [(3, 1, "a"), (3, 1, "a"), (3, 1, "b"), (3, 2, "a"), (3, 2, "b"), (3, 2, "b"),
             (0, 9, "a"), (0, 9, "b"), (0, 9, "b"), (0, 9, "z"), (2, 2, "c"), (2, 2, "d"), (2, 2, "e")]
    topics_, subtopics_, articles = map(list, zip(*units))
    events = _events_of((0, 9, "2020-06-26", "2020-06-29"), (3, 1, "2020-06-26", "2020-07-01"),
                        (3, 2, "2020-06-27", "2020-07-01"), (2, 2, "2020-06-26", "2020-06-30"))
    assert event_stories(events, topics_, subtopics_, articles).tolist() == [1, 1, 1, 2]


def test_events_are_one_story_only_when_most_units_of_each_share_articles_in_overlapping_days():
    from topics.modeling.stories import event_stories

    # A bombing (1.1) whose articles also covered the airport crowds (2.2): all of the bombing's units
    # lie in shared articles, but few of the crowds' do, so they stay two stories.
    units = [(1, 1, "a"), (1, 1, "b")] + [(2, 2, "a"), (2, 2, "b")] + [(2, 2, f"x{i}") for i in range(8)]
    topics_, subtopics_, articles = map(list, zip(*units))
    overlapping = _events_of((1, 1, "2021-08-26", "2021-08-30"), (2, 2, "2021-08-20", "2021-09-02"))
    assert event_stories(overlapping, topics_, subtopics_, articles).tolist() == [1, 2]
    # The same articles, but the two events' dates do not meet: two stories (a follow-up weeks later).
    units = [(1, 1, "a"), (1, 1, "b"), (2, 2, "a"), (2, 2, "b")]
    topics_, subtopics_, articles = map(list, zip(*units))
    apart = _events_of((1, 1, "2021-08-26", "2021-08-30"), (2, 2, "2021-09-20", "2021-09-22"))
    assert event_stories(apart, topics_, subtopics_, articles).tolist() == [1, 2]
    assert event_stories(_events_of(), [], [], []).tolist() == []


def test_a_story_row_is_led_by_its_largest_event_at_its_peak_date():
    from topics.modeling.stories import story_rows

    events = [
        {"label": "Russian mercenaries", "size": 14, "peak_date": "2020-06-30", "story": 1},
        {"label": "Spread of the virus", "size": 15, "peak_date": "2020-06-28", "story": 2},
        {"label": "Russian bounty plot", "size": 65, "peak_date": "2020-07-01", "story": 1},
        {"label": "Daily Brief", "size": 65, "peak_date": "2020-07-01", "story": 1},
    ]
    window = {"event_start": "2020-06-26", "event_end": "2020-07-01"}
    rows = story_rows([{**e, **window} for e in events])
    assert [r["label"] for r in rows] == ["Spread of the virus", "Russian bounty plot"]  # by the lead's peak date
    assert [e["label"] for e in rows[1]["also"]] == ["Russian mercenaries", "Daily Brief"]
    assert rows[1]["size"] == 65 and rows[0]["also"] == [] and rows[0]["size"] == 15  # the lead's, as its figures


def test_at_article_level_a_section_told_in_one_week_is_held_by_its_events(dated_bbc):
    # The whole tech section is dated in ten days. Each article is a unit, so few units are bursty and the
    # section holds most of the burst search's links: searched at a resolution above 1 it fell apart into
    # bursts of one or two articles, and its events held 26 of its 40 articles.
    model, labels = dated_bbc
    events = model.events()
    info = model.document_info()
    in_events = np.zeros(len(info), bool)
    for event in events.itertuples(index=False):
        members = ((info["topic_id"] == event.topic_id) & (info["subtopic"] == event.subtopic)).to_numpy()
        assert (labels[members] == "tech").mean() > 0.8
        in_events |= members
    assert in_events[labels == "tech"].mean() > 0.75
    firsts = events.drop_duplicates("story")["story"].tolist()
    assert firsts == list(range(1, len(firsts) + 1))


def test_topics_over_time_counts_the_articles_a_period_stands_on(dated_bbc, embedder):
    from dated_sample import dated_bbc_sample

    model, _ = dated_bbc
    over_time = model.topics_over_time(freq="M")
    assert (over_time["articles"] == over_time["units"]).all()  # article units: one article each
    paragraphs = _fit_paragraphs(dated_bbc_sample(0), embedder)
    over_time = paragraphs.topics_over_time(freq="M")
    units = paragraphs.units_.assign(topic_id=paragraphs.labels_, period=pd.to_datetime(paragraphs.units_["date"]).dt.to_period("M").dt.start_time)
    expected = units.groupby(["period", "topic_id"])["article_id"].nunique()
    shown = over_time.set_index(["period", "topic_id"])["articles"]
    assert (shown.reindex(expected.index) == expected).all() and (shown.drop(expected.index) == 0).all()
    assert (over_time["articles"] < over_time["units"]).any()  # several paragraphs of one article in a cell


def test_a_fitted_models_events_and_only_they_are_led_by_their_headlines_phrase(dated_bbc, monkeypatch):
    # The subtopic table of a fit passes its events through topics.modeling.event_titles (its rules are
    # tested in tests/test_event_titles.py); here a planted phrase shows the step is wired in.
    import topics.modeling.event_titles as event_titles

    model, _ = dated_bbc
    monkeypatch.setattr(event_titles, "headline_phrase", lambda rows, *rest: "Planted phrase")
    saved, model._subtopics_cache = getattr(model, "_subtopics_cache", None), None
    try:
        table = model.subtopics()
        events, others = table[table["is_event"]], table[~table["is_event"]]
        assert len(events) >= 1 and len(others) >= 1
        assert all(label.startswith("Planted phrase, ") for label in events["label"])
        assert not any(label.startswith("Planted phrase") for label in others["label"])
        assert set(model.events()["label"]) == set(events["label"])
    finally:
        model._subtopics_cache = saved


def test_a_part_cut_by_date_from_coverage_with_a_gap_is_no_event():
    from topics.modeling.subtopics import find_subtopics

    # One topic with no story: each article's paragraph a random point of one broad cloud (no unit has
    # more time-near neighbours than chance). Coverage comes in two stretches: a third of the articles in
    # nine days, the rest two months later. The Ward split cuts the first stretch off by its dates, and
    # those dates pass the date test (a fortnight holding a third of the corpus holds all of the part).
    rng = np.random.default_rng(0)
    n = 300
    vectors = rng.standard_normal((n, 32)) * 0.3 + np.eye(32)[0] * 3
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    days = np.where(rng.random(n) < 1 / 3, rng.integers(0, 9, n), rng.integers(60, 90, n))
    dates = pd.Series((pd.Timestamp("2022-08-20") + pd.to_timedelta(days, unit="D")).strftime("%Y-%m-%d"))
    words = ["war", "troops", "city", "missile", "front", "army", "region", "forces", "shelling", "talks"]
    texts = [" ".join(rng.choice(words, 8)) for _ in range(n)]
    found = find_subtopics(texts, vectors, np.zeros(n, int), [0], dates, [f"u{i}" for i in range(n)],
                           [f"a{i}" for i in range(n)], random_state=0)
    table = found.table
    early = table[table["last_date"] <= "2022-08-28"]
    assert len(early) == 1 and early["size"].iloc[0] > 50  # the first stretch is a part of its own ...
    assert not table["is_event"].any()  # ... but no event: it grew from no burst


def test_a_part_the_gate_holds_back_keeps_its_place_in_holms_order():
    from topics.modeling.events import ALPHA, article_days, flag_events

    # Sixty days, one article a day. A Ward part (not grown from a burst) of eight articles in four days, and
    # an event grown from a burst, four articles (eight paragraphs) in three days whose p-value passes Holm's
    # second bar (ALPHA) but not the first (ALPHA / 2). The Ward part's smaller p takes the first rank with
    # or without the gate, so the grown event's bar stays ALPHA and it stays an event.
    corpus_dates, corpus_ids = _articles(np.arange(60))
    ward_dates, ward_ids = _articles([10, 10, 11, 11, 12, 12, 13, 13])
    grown_dates, grown_ids = _articles([30, 31, 32, 30], paragraphs=2)
    p_grown = time_concentration(grown_dates, grown_ids, article_days(corpus_dates, corpus_ids), 14)["p_value"]
    assert ALPHA / 2 < p_grown < ALPHA
    table = pd.DataFrame({"topic_id": [0, 0], "subtopic": [0, 1], "size": [8, 8]})
    flags = flag_events(table, [ward_dates, grown_dates], [np.array(ward_ids), np.array(grown_ids)], corpus_dates,
                        np.array(corpus_ids), True, grown=[False, True])
    assert flags["is_event"].tolist() == [False, True]


def test_at_article_level_a_story_of_three_articles_is_still_an_event():
    from topics.modeling.events import flag_events
    from topics.modeling.subtopics import MIN_EVENT_UNITS

    # A year, one article a day; each article one unit. A Ward part of three articles in three days (a
    # story random dates would put there 0.1 times) is smaller than any part a burst grows, so the gate
    # cannot speak for it and it is tested; a Ward part of eight articles in four days is not.
    corpus_dates, corpus_ids = _articles(np.arange(365))
    story_dates, story_ids = _articles([200, 201, 202])
    period_dates, period_ids = _articles([10, 10, 11, 11, 12, 12, 13, 13])
    assert len(story_ids) < MIN_EVENT_UNITS <= len(period_ids)
    table = pd.DataFrame({"topic_id": [0, 0], "subtopic": [0, 1], "size": [3, 8]})
    flags = flag_events(table, [story_dates, period_dates], [np.array(story_ids), np.array(period_ids)], corpus_dates,
                        np.array(corpus_ids), True, grown=[False, False])
    assert flags["is_event"].tolist() == [True, False]
    assert flags["event_articles"].iloc[0] == 3


def test_a_flags_p_value_counting_every_window_is_valid_when_articles_take_random_corpus_dates(monkeypatch):
    import topics.modeling.events as events
    from topics.modeling.events import SHORT_WINDOW_SCALE, article_days, event_window_days

    # Two articles a day for ninety days; subtopics of three to five articles on random corpus dates. A valid
    # p-value is at most 0.01 in at most 1 % of them (sampling error allowed: three binomial deviations). Counting
    # only the windows starting on the subtopic's own days gives it about 2 % of the time (3 % at five articles).
    monkeypatch.setattr(events, "COUNT_EVERY_WINDOW", True)
    rng = np.random.default_rng(0)
    corpus_dates, corpus_ids = _articles(np.repeat(np.arange(90), 2))
    corpus_ids = np.array(corpus_ids)
    corpus = article_days(corpus_dates, corpus_ids)
    window = event_window_days(corpus_dates)
    draws, below = 0, 0
    for n in (3, 4, 5):
        for _ in range(800):
            pick = rng.choice(len(corpus_ids), n, replace=False)
            found = time_concentration(corpus_dates.iloc[pick].reset_index(drop=True), corpus_ids[pick], corpus,
                                       window, window * SHORT_WINDOW_SCALE)
            draws, below = draws + 1, below + (found["p_value"] <= 0.01)
    assert below <= 0.01 * draws + 3 * np.sqrt(0.01 * draws)


def _dense_stretch_corpus():
    """Twenty articles a day for three weeks from 2021-01-01, then one a day for ten months."""
    dates, ids = _articles(np.concatenate([np.repeat(np.arange(21), 20), np.arange(21, 321)]))
    return dates, np.array([f"c{a}" for a in ids])


def test_an_event_found_by_a_short_window_alone_shows_that_window():
    from topics.modeling.events import flag_events

    # Seven articles on 11-12 January in the dense stretch and two a week earlier, among 41 subtopics: the fortnight
    # holding all nine is short of Holm's first bar there, the few days holding seven pass it. The event shows those
    # days and their seven articles, not the fortnight that failed alone.
    corpus_dates, corpus_ids = _dense_stretch_corpus()
    dates, ids = _articles([3, 6, 10, 10, 10, 10, 11, 11, 11])
    spread = [_articles(np.arange(i, 321, 40)) for i in range(40)]  # subtopics without a moment of their own
    table = pd.DataFrame({"topic_id": np.arange(41), "subtopic": 0, "size": 9})
    flags = flag_events(table, [dates] + [d for d, _ in spread], [np.array(ids)] +
                        [np.array([f"s{i}-{a}" for a in spread_ids]) for i, (_, spread_ids) in enumerate(spread)],
                        corpus_dates, corpus_ids, True)
    assert flags["is_event"].tolist() == [True] + [False] * 40
    assert (flags.loc[0, "event_start"], flags.loc[0, "event_end"]) == ("2021-01-11", "2021-01-12")
    assert flags.loc[0, "event_articles"] == 7 and flags.loc[0, "peak_date"] == "2021-01-11"


def test_an_event_whose_fortnight_passes_too_keeps_the_fortnights_dates():
    from topics.modeling.events import article_days, flag_events

    # One article a day for two years; six articles on 24 August 2022, one twelve days later, three far off. The
    # short window holding six is the least probable, but the fortnight holding seven passes on its own p-value, so
    # the event keeps the dates it had without the short windows (and the stories they join).
    corpus_dates, corpus_ids = _articles(np.arange(730))
    corpus_ids = np.array([f"c{a}" for a in corpus_ids])
    dates, ids = _articles([600] * 6 + [612, 100, 300, 500])
    found = time_concentration(dates, ids, article_days(corpus_dates, corpus_ids), 14, 3.5)
    assert found["inside"] == 6 and found["wide"]["inside"] == 7
    table = pd.DataFrame({"topic_id": [0], "subtopic": [0], "size": [10]})
    flags = flag_events(table, [dates], [np.array(ids)], corpus_dates, corpus_ids, True)
    assert flags.loc[0, "is_event"]
    assert (flags.loc[0, "event_start"], flags.loc[0, "event_end"]) == ("2022-08-24", "2022-09-05")
    assert flags.loc[0, "event_articles"] == 7


def test_a_subtopic_that_is_no_event_reports_the_share_of_its_event_width_window_as_without_the_short_windows(monkeypatch):
    import topics.modeling.events as events

    # Before: a subtopic that is no event (here one not grown from a burst) reported the share of the short window
    # (six of ten articles) where the share of its fortnight (seven of ten) had been reported.
    corpus_dates, corpus_ids = _articles(np.arange(730))
    corpus_ids = np.array([f"c{a}" for a in corpus_ids])
    dates, ids = _articles([600] * 6 + [612, 100, 300, 500])
    table = pd.DataFrame({"topic_id": [0], "subtopic": [0], "size": [10]})
    shares = {}
    for scale in (events.SHORT_WINDOW_SCALE, None):
        monkeypatch.setattr(events, "SHORT_WINDOW_SCALE", scale)
        flags = events.flag_events(table, [dates], [np.array(ids)], corpus_dates, corpus_ids, True, grown=[False])
        assert not flags.loc[0, "is_event"]
        shares[scale] = flags.loc[0, "event_share"]
    assert shares == {0.25: 0.7, None: 0.7}


def test_the_short_windows_double_a_long_storys_p_value_and_can_cost_it_its_flag(monkeypatch):
    import topics.modeling.events as events

    # The trade-off of scanning two widths: a story spread over its fortnight gains nothing from the short windows,
    # and its p-value doubles (twice the windows counted), so at a bar between the two it is lost.
    corpus_dates, corpus_ids = _dense_stretch_corpus()
    corpus = events.article_days(corpus_dates, corpus_ids)
    dates, ids = _articles([30, 31, 33, 35, 37, 39, 41])
    window = events.event_window_days(corpus_dates)
    alone = time_concentration(dates, ids, corpus, window)["p_value"]
    both = time_concentration(dates, ids, corpus, window, window * events.SHORT_WINDOW_SCALE)["p_value"]
    assert both == pytest.approx(2 * alone) and both < 1e-3
    table = pd.DataFrame({"topic_id": [0], "subtopic": [0], "size": [7]})
    flagged = {}
    for scale in (None, events.SHORT_WINDOW_SCALE):
        monkeypatch.setattr(events, "SHORT_WINDOW_SCALE", scale)
        flags = events.flag_events(table, [dates], [np.array(ids)], corpus_dates, corpus_ids, True, alpha=1.5 * alone)
        flagged[scale] = bool(flags.loc[0, "is_event"])
    assert flagged == {None: True, 0.25: False}
