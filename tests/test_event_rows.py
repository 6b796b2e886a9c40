"""The list of what happened when: one row for the events of one story at one moment, its size and figures
its lead's in every output, and a headline that names the happening."""

from __future__ import annotations

import pandas as pd


def _event(topic, sub, label, size, peak, start, end, story=1, **more):
    return {"topic_id": topic, "subtopic": sub, "label": label, "topic_label": "Afghans, airport", "size": size,
            "peak_date": peak, "event_start": start, "event_end": end, "event_share": 0.9, "story": story, **more}


# A fortnight of coverage from Kabul's airport, linked into one story by the place's name (as on the NYT texts).
FORTNIGHT = [
    _event(3, 5, "Embassy, diplomats", 27, "2021-08-12", "2021-08-11", "2021-08-18"),
    _event(3, 3, "Kabul, flights", 83, "2021-08-19", "2021-08-17", "2021-08-30"),
    _event(3, 4, "People, Kabul", 72, "2021-08-24", "2021-08-21", "2021-09-02"),
    _event(2, 4, "Kabul airport, suicide bomber", 49, "2021-08-27", "2021-08-27", "2021-08-31"),
]


def test_a_chain_of_linked_events_is_listed_at_each_of_its_moments():
    from topics.modeling.stories import story_rows

    rows = story_rows(FORTNIGHT)
    # Before: one row at 08-19 holding all four (the bombing and the embassy a fortnight apart), 231 units.
    assert [(r["peak_date"], r["label"], r["size"]) for r in rows] == [
        ("2021-08-12", "Embassy, diplomats", 27), ("2021-08-19", "Kabul, flights", 83),
        ("2021-08-24", "People, Kabul", 72), ("2021-08-27", "Kabul airport, suicide bomber", 49)]
    for row in rows:  # no event listed in a row whose dates miss its peak
        assert all(row["event_start"] <= e["peak_date"] <= row["event_end"] for e in row["also"])
    # Events of one moment still share a row, led by the largest, whatever their order.
    briefing = _event(4, 2, "Daily Brief", 95, "2020-07-01", "2020-06-26", "2020-07-01", story=7)
    bounties = _event(4, 4, "Bounties, Russians", 62, "2020-06-30", "2020-06-26", "2020-07-01", story=7)
    scoop = _event(0, 8, "Moscow talks", 13, "2020-06-26", "2020-06-26", "2020-06-29", story=7)
    rows = story_rows([scoop, bounties, briefing])
    assert [(r["label"], [e["label"] for e in r["also"]]) for r in rows] == [
        ("Moscow talks", []), ("Daily Brief", ["Bounties, Russians"])]


def test_a_row_joins_only_the_events_its_lead_was_told_with_at_its_moment():
    from topics.modeling.stories import event_rows, story_rows

    # Units (topic, subtopic, article). 3.3 and 3.4 come from the same articles; 2.4 (the bombing, the same
    # days) from others: one story by the place's name, but no row of 3.3's. 3.5 shares 3.3's articles a week earlier.
    units = ([(3, 3, "a"), (3, 3, "b"), (3, 3, "c")] + [(3, 4, "a"), (3, 4, "b")] + [(2, 4, "x"), (2, 4, "y")]
             + [(3, 5, "a"), (3, 5, "b")])
    topics_, subtopics_, articles = map(list, zip(*units))
    events = pd.DataFrame([
        _event(3, 5, "Embassy", 2, "2021-08-12", "2021-08-11", "2021-08-14"),
        _event(3, 3, "Flights", 3, "2021-08-25", "2021-08-20", "2021-08-30"),
        _event(3, 4, "People", 2, "2021-08-26", "2021-08-21", "2021-08-30"),
        _event(2, 4, "Bomber", 2, "2021-08-27", "2021-08-26", "2021-08-31"),
    ])
    assert event_rows(events, topics_, subtopics_, articles).tolist() == [1, 2, 2, 3]
    rows = story_rows(events.assign(row=[1, 2, 2, 3]).to_dict(orient="records"))
    assert [(r["label"], [e["label"] for e in r["also"]]) for r in rows] == [
        ("Embassy", []), ("Flights", ["People"]), ("Bomber", [])]


def test_an_events_headline_is_never_a_byline_or_a_dateline():
    import numpy as np

    from topics.modeling.stories import _told_by
    from topics.text.bylines import is_headline

    articles = ["a", "a", "a", "b", "b", "c"]
    titles = ["By Matthew Rosenberg and Adam Nossiter"] * 3 + ["The Afghan president who fled is now in the U.A.E."] * 2 + ["x"]
    assert _told_by(np.arange(6), articles, titles) == (3, "The Afghan president who fled is now in the U.A.E.")
    assert _told_by(np.arange(3), articles, titles) == (1, None)  # no article with a headline
    for title in ("By Reuters", "KABUL, Afghanistan —", "Monday, Aug. 16, 2021", "By J.R. Smith, Ana de la Cruz and Wei Lin", ""):
        assert not is_headline(title), title
    for title in ("By AFP", "BY UPI", "by john smith", "BY JOHN SMITH AND JANE DOE", "By Matthew Rosenberg And Adam Nossiter",
                  "By Sami Yousafzai, Kabul"):  # an agency's name alone as agencies write it; names in one case; a place
        assert not is_headline(title), title
    for title in ("By Land and Sea, Afghans Flee", "Musicians Flee Afghanistan, Fearing Taliban Rule", "Biden and Ghani",
                  "By Design", "By The Numbers", "by design", "BY THE NUMBERS"):
        assert is_headline(title), title


def test_the_since_section_and_the_events_table_give_a_row_one_size():
    from topics.report.markdown import _events, _pct, md_text
    from topics.report.since_section import new_event_rows, since_markdown

    events = [{**e, "articles": 3, "headline": None, "row": i + 1} for i, e in enumerate(FORTNIGHT)]
    events[1]["row"] = events[2]["row"] = 2  # one row: 08-19 led by "Kabul, flights", with "People, Kabul" beside it
    events[2]["event_start"] = "2021-08-17"
    new = [{k: e[k] for k in ("topic_id", "subtopic", "label", "topic_label", "size", "peak_date", "story")}
           | {"new_share": 1.0, "headline": None} for e in events]  # as the update lists them: no dates of their own
    since = {"previous": {"folder": "july", "units": 100, "topics": 5}, "mode": "update", "new_units": 231, "kept_topic": 1.0,
             "seen_units": 100, "new_topics": [], "grown": [], "shrunk": [], "renewed": [], "quiet": [], "gone": [],
             "new_keywords": [], "new_events": new}
    doc = {"level": "paragraph", "events": events, "since_last_run": since}
    table = {line.split(" | ")[1].split(" (")[0]: int(line.split(" | ")[3]) for line in _events(doc) if line.startswith("| 20")}
    lines = since_markdown(doc, md_text, _pct)
    listed = lines[lines.index("New events:") + 2:lines.index("New events:") + 2 + len(new_event_rows(doc))]
    since_sizes = {line[14:].split(" (")[0]: int(line.split(" (")[1].split(" ")[0]) for line in listed}
    assert table == since_sizes == {"Embassy, diplomats": 27, "Kabul, flights": 83, "Kabul airport, suicide bomber": 49}


def test_of_articles_holding_as_many_units_the_headline_naming_the_event_tells_it():
    """Where every article is one paragraph (wire items), all tie: the headline that writes the event's keywords
    tells it, not the first in the file."""
    import numpy as np

    from topics.modeling.stories import _told_by

    articles = ["a", "b", "c"]
    titles = ["Israel to present PA with 'good will' steps", "By Reuters", "Yasser Arafat dies in Paris hospital"]
    assert _told_by(np.arange(3), articles, titles, ["yasser arafat", "death", "paris"]) == (3, titles[2])
    assert _told_by(np.arange(3), articles, titles) == (3, titles[0])  # no keywords: the first in the corpus
