"""An event's label led by the phrase its articles' headlines share (topics.modeling.event_titles)."""

from __future__ import annotations

import pandas as pd

# Articles, their headlines and their units: topic 0 ("Russia, bounties") holds event 1 (articles a1-a4)
# and a long-running part 0 (b1-b2); topic 1 holds event 1 (c1-c3) and part 0 (d1-d3).
ARTICLES = {
    "a1": ("Russian Bounties on U.S. Troops Went Unanswered for Months", [
        "Officials said the Russian bounties were known to the administration for months.",
        "The White House briefing did not mention the Russian bounties, officials said.",
    ]),
    "a2": ("White House Dismisses Reports of Russian Bounties", [
        "The White House said the president was never told of the Russian bounties in a briefing.",
    ]),
    "a3": ("Lawmakers Demand Answers After a Briefing on Russian Bounties", [
        "Lawmakers said the briefing on the Russian bounties left them with more questions.",
    ]),
    "a4": ("What the President Was Told, and When", [
        "The White House briefing was the first time the matter was raised in public.",
    ]),
    "b1": ("Sanctions on Moscow Take Effect", ["Sanctions against Russia took effect over bounties and hacking."]),
    "b2": ("A Year Later, Questions Remain", ["A year later the bounties remain a matter of dispute in Washington."]),
    "c1": ("House Votes to Keep Troops Abroad", ["The White House welcomed the vote to keep troops abroad."]),
    "c2": ("Troops Stay as House Debates", ["The White House said troops would stay while the debate went on."]),
    "c3": ("Senate Delays Its Own Vote", ["The White House asked the Senate to keep troops in place."]),
    "d1": ("Veterans Gather in the Capital", ["Veterans gathered at the White House for a ceremony."]),
    "d2": ("A Memorial Is Unveiled", ["A memorial was unveiled near the White House on Monday."]),
    "d3": ("Budget Talks Resume", ["Budget talks resumed at the White House after a pause."]),
}
# The rest of the corpus: headlines that write none of the event's phrases (a phrase must be ten times
# more common in an event's headlines than in the others').
SUBJECTS = "Harvest Rail Museum Bridge Election Storm Festival Library Harbor Orchestra Marathon Vaccine".split()
ARTICLES.update({f"d{i + 4}": (f"{subject} Plans Draw Comment", [f"The {subject.lower()} plans drew comment on Friday."])
                 for i, subject in enumerate(SUBJECTS)})
PARTS = {"a": (0, 1), "b": (0, 0), "c": (1, 1), "d": (1, 0)}


def _corpus():
    texts, titles, articles, topics, subtopics = [], [], [], [], []
    for article, (title, units) in ARTICLES.items():
        for text in units:
            topic, sub = PARTS[article[0]]
            texts.append(text), titles.append(title), articles.append(article), topics.append(topic), subtopics.append(sub)
    table = pd.DataFrame({
        "topic_id": [0, 0, 1, 1], "subtopic": [0, 1, 0, 1], "label": ["Sanctions", "White House, briefing", "Veterans", "Vote"],
        "is_event": [False, True, False, True],
    })
    return table, topics, subtopics, texts, titles, articles


def test_an_event_is_led_by_the_phrase_most_of_its_headlines_write_and_others_do_not():
    from topics.modeling.event_titles import name_events_by_headlines

    table, topics, subtopics, texts, titles, articles = _corpus()
    named = name_events_by_headlines(table, topics, subtopics, texts, titles, articles, {0: "Russia, bounties", 1: "Troops"})
    # Three of the four headlines write "Russian Bounties"; the units write it "Russian bounties".
    assert named.loc[1, "label"] == "Russian bounties, White House"
    # The other event's headlines share "House" (a name's tail: the corpus writes "White House") and
    # "Troops" (a word of its topic's label): neither leads it. Subtopics that are no event keep their labels.
    assert named["label"].tolist()[2:] == ["Veterans", "Vote"]
    assert named.loc[0, "label"] == "Sanctions"


def test_without_titles_or_with_headlines_that_share_nothing_the_labels_stay():
    from topics.modeling.event_titles import name_events_by_headlines

    table, topics, subtopics, texts, titles, articles = _corpus()
    assert name_events_by_headlines(table, topics, subtopics, texts, None, articles, {}).equals(table)
    unshared = [f"Headline number {i} about {article}" for i, article in enumerate(articles)]
    assert name_events_by_headlines(table, topics, subtopics, texts, unshared, articles, {})["label"].equals(table["label"])


def test_a_label_that_already_says_the_phrase_is_kept():
    from topics.modeling.event_titles import name_events_by_headlines

    table, topics, subtopics, texts, titles, articles = _corpus()
    table.loc[1, "label"] = "Russian bounties"
    named = name_events_by_headlines(table, topics, subtopics, texts, titles, articles, {0: "Russia, bounties"})
    assert named.loc[1, "label"] == "Russian bounties"


def test_labelling_again_leads_the_rules_label_so_an_update_names_an_event_as_a_fresh_fit():
    # An update keeps the earlier run's labels, one already led by a phrase; the event grew with articles
    # whose headlines share another phrase. The new phrase leads the rules' label, not the old phrase.
    from topics.modeling.event_titles import name_events_by_headlines

    table, topics, subtopics, texts, titles, articles = _corpus()
    names = {0: "Russia, bounties", 1: "Troops"}
    earlier = name_events_by_headlines(table, topics, subtopics, texts, titles, articles, names)
    assert earlier.loc[1, "label"] == "Russian bounties, White House"
    for i in range(6):
        texts.append("The Kremlin denial came within hours, officials said."), titles.append(f"Kremlin Denial Draws Scorn {i}")
        articles.append(f"n{i}"), topics.append(0), subtopics.append(1)
    fresh = name_events_by_headlines(table, topics, subtopics, texts, titles, articles, names)
    updated = name_events_by_headlines(earlier, topics, subtopics, texts, titles, articles, names)
    assert fresh.loc[1, "label"] == "Kremlin denial, White House"
    assert updated["label"].tolist() == fresh["label"].tolist()
    # Without titles now, the rules' labels come back: phrases never stack or linger.
    assert name_events_by_headlines(earlier, topics, subtopics, texts, None, articles, names)["label"].tolist() == table["label"].tolist()


def test_the_corpus_headlines_are_counted_once_for_all_events(monkeypatch):
    # Every headline's phrases are read once for the corpus, not once per event (the cost grew with
    # events x headlines).
    import topics.modeling.event_titles as event_titles

    reads = {}

    class CountedPhrases(set):
        def __iter__(self):
            reads[self.article] = reads.get(self.article, 0) + 1
            return super().__iter__()

    table, topics, subtopics, texts, titles, articles = _corpus()
    by_title = dict(zip(titles, articles))
    phrases_of = event_titles.title_phrases

    def counted(title, stop_words):
        found = CountedPhrases(phrases_of(title, stop_words))
        found.article = by_title[title]
        return found

    monkeypatch.setattr(event_titles, "title_phrases", counted)
    named = event_titles.name_events_by_headlines(table, topics, subtopics, texts, titles, articles, {0: "Russia, bounties"})
    assert named.loc[1, "label"] == "Russian bounties, White House"  # two events were read
    assert reads["d4"] == 1 and reads["b1"] == 1


def test_an_update_from_a_report_folder_leads_the_rules_label_it_saved():
    # topics.json keeps each subtopic's rules' label beside its shown one; an update read from a report
    # (not a saved model) leads that, so phrases do not stack there either. A report written before the
    # rules' label was kept reads as before (the shown label is all it has).
    from topics.modeling.event_titles import RULES_LABEL, name_events_by_headlines
    from topics.modeling.previous import _report_subtopics

    table, topics, subtopics, texts, titles, articles = _corpus()
    names = {0: "Russia, bounties", 1: "Troops"}
    earlier = name_events_by_headlines(table, topics, subtopics, texts, titles, articles, names)

    def report(rows):  # the subtopic fields as topics.json writes them (topics.report.time_section)
        document = {"units": [{"unit_id": "u0", "subtopic": 0}], "topics": []}
        for topic in sorted(set(rows["topic_id"])):
            parts = rows[rows["topic_id"] == topic].drop(columns="topic_id").to_dict(orient="records")
            document["topics"].append({"topic_id": int(topic), "subtopics": parts})
        return _report_subtopics(document)[1]

    saved = report(earlier)
    assert saved.loc[1, "label"] == "Russian bounties, White House" and saved.loc[1, RULES_LABEL] == "White House, briefing"
    for i in range(6):
        texts.append("The Kremlin denial came within hours, officials said."), titles.append(f"Kremlin Denial Draws Scorn {i}")
        articles.append(f"n{i}"), topics.append(0), subtopics.append(1)
    fresh = name_events_by_headlines(table, topics, subtopics, texts, titles, articles, names)
    assert name_events_by_headlines(saved, topics, subtopics, texts, titles, articles, names)["label"].tolist() == fresh["label"].tolist()
    older = report(earlier.drop(columns=RULES_LABEL))
    assert older[RULES_LABEL].isna().all() and older["label"].tolist() == earlier["label"].tolist()


# A daily live summary: one wording, the day's number aside, heads an article every day; its paragraph of
# the day joins whichever event it tells (here the bounties event).
SERIES = {f"s{day}": (f"War in Review: What We Know on Day {day}", [
    "The daily summary noted the White House briefing and the Russian bounties reports.",
    "Officials briefed lawmakers on the Russian bounties again.", "The White House repeated its denial."])
    for day in (105, 106, 107)}


def _corpus_with_a_series():
    table, topics, subtopics, texts, titles, articles = _corpus()
    dates = ["2020-06-29"] * len(texts)
    for day, (article, (title, units)) in enumerate(SERIES.items()):
        for text in units:
            texts.append(text), titles.append(title), articles.append(article), topics.append(0), subtopics.append(1)
            dates.append(f"2020-06-{15 + 7 * day}")  # a weekly round-up
    return table, topics, subtopics, texts, titles, articles, dates


def test_a_series_headline_is_told_by_its_wording_on_several_days():
    from topics.modeling.event_titles import series_articles

    *_, titles, articles, dates = _corpus_with_a_series()
    assert series_articles(articles, titles, dates) == set(SERIES)
    # The same wording on two days is a story and its follow-up; on three articles of one day, copies of one story.
    assert series_articles(["x", "y", "z"], ["Day 1 of the Talks", "Day 2 of the Talks", "Other"], ["2020-01-01", "2020-01-02", "2020-01-03"]) == set()
    assert series_articles(["x", "y", "z"], ["Talks Resume"] * 3, ["2020-01-01"] * 3) == set()


def test_a_storys_rolling_headlines_are_no_series_and_a_series_read_from_mixed_date_forms_is_one():
    # A month of coverage: a daily summary runs all month; an earthquake's death toll is headlined on three
    # days of its week, and one wire headline is reprinted on three days: they stay within an event's days.
    from topics.modeling.event_titles import series_articles

    articles, titles, dates = [], [], []
    for day in range(1, 29):
        articles.append(f"s{day}"), titles.append(f"Russia-Ukraine war: what we know on day {day + 100}")
        dates.append(f"2023-02-{day:02d}" + ("T10:00:00+00:00" if day % 2 else " 09:00"))  # forms mixed, as feeds give them
    for day, toll in ((6, "5,000"), (7, "12,000"), (8, "20,000")):
        articles.append(f"q{day}"), titles.append(f"Turkey earthquake death toll rises to {toll}"), dates.append(f"2023-02-{day:02d}")
        articles.append(f"w{day}"), titles.append("Rescuers pull survivors from rubble in Turkey"), dates.append(f"2023-02-{day:02d}")
    assert series_articles(articles, titles, dates) == {f"s{day}" for day in range(1, 29)}


def test_in_a_short_corpus_a_storys_headline_on_consecutive_days_is_no_series():
    # Ten days of coverage: the toll headlined on four days in a row is one story's, though its days span more
    # than a quarter of the corpus's; a weekly round-up there is a series.
    from topics.modeling.event_titles import series_articles

    articles = ["first", "last"] + [f"q{day}" for day in range(6, 10)] + ["r1", "r8", "r10"]
    titles = ["Opening story", "Closing story"] + [f"Turkey earthquake: death toll rises to {5000 * day}" for day in range(6, 10)]
    titles += ["The week in review"] * 3
    dates = ["2023-02-01", "2023-02-11"] + [f"2023-02-{day:02d}" for day in range(6, 10)] + ["2023-02-01", "2023-02-08", "2023-02-10"]
    assert series_articles(articles, titles, dates) == {"r1", "r8", "r10"}


def test_a_series_headline_neither_dilutes_what_an_events_headlines_share_nor_tells_the_event():
    # Three of the event's seven headlines are the daily summary's: "Russian bounties", written by three
    # of the four others, is still what most of the story's own headlines write. And a summary, though it
    # holds more of the event's units than any other article, is not the headline shown for the event.
    from types import SimpleNamespace

    from topics.modeling.event_titles import name_events_by_headlines
    from topics.modeling.stories import events_table

    table, topics, subtopics, texts, titles, articles, dates = _corpus_with_a_series()
    names = {0: "Russia, bounties", 1: "Troops"}
    named = name_events_by_headlines(table, topics, subtopics, texts, titles, articles, names, dates)
    assert named.loc[1, "label"] == "Russian bounties, White House"
    # Without dates no headline is told as a series' (copies of one story share one too): three of seven.
    assert name_events_by_headlines(table, topics, subtopics, texts, titles, articles, names).loc[1, "label"] == "White House, briefing"

    found = table.assign(named_size=1, size=[2, 14, 3, 3], peak_date="2020-06-29", event_start="2020-06-27",
                         event_end="2020-06-29", keywords=[("sanctions",), ("briefing",), ("veterans",), ("vote",)])
    day_dates = pd.Series(pd.to_datetime(dates))
    events = events_table(SimpleNamespace(table=found, labels=list(subtopics)), names, topics, articles, titles, None, day_dates)
    told = dict(zip(events["subtopic"].astype(int) + 10 * events["topic_id"].astype(int), events["headline"]))
    assert told[1] not in {title for title, _ in SERIES.values()}
