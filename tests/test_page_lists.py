"""Page-text rules for lists inside and at the end of an article, and dates printed as timestamps."""

from __future__ import annotations

from pathlib import Path

from topics.ingest.boilerplate import clean_article
from topics.ingest.corpus import load_corpus
from topics.ingest.pagedates import date_line, find_dates
from topics.ingest.repeats import Repeats

DATA = Path(__file__).parent / "data"
STORY = "The council met on Monday to discuss the new budget, which residents had debated for months. "
MENU = "Home | News | Local | Politics"  # a site's menu over the headline: page text, not an article saved as a file


def _kept(page: list[str]) -> list[str]:
    return [text for _, text in clean_article("\n\n".join([MENU, *page]), Repeats(), find_header=True).paragraphs]


def test_a_blogs_list_of_names_and_its_closing_list_items_are_the_article():
    corpus = load_corpus(DATA / "firefox_nightly_cut.txt")
    assert corpus.articles.loc[0, "title"] == "These Weeks in Firefox: Issue 85"
    assert corpus.articles.loc[0, "date"] == "2020-12-18"
    texts = list(corpus.paragraphs["text"])
    # Very short lines between the article's own lines, each printed once: kept whole, as a listing.
    assert "Masatoshi Kimura [:emk]\nMichelle Goossens [:masterwayz]\nSonia\nTim Nguyen :ntim" in texts
    # The last two items end without a stop (a bug number): still the article's, under its last sentence.
    assert texts[-2].startswith("Region.jsm now can use a Geolocation monitor")
    assert texts[-1].startswith("Fixed a bug where search engines were being re-added")
    dropped = dict(zip(corpus.dropped_lines["line"], corpus.dropped_lines["reason"]))
    assert dropped["Bleeding edge browsing"].startswith("footer chrome")
    assert dropped["These Weeks in Firefox: Issue 106"].startswith("footer chrome")


def test_a_players_controls_and_dated_links_inside_the_article_are_not_a_listing():
    body = [STORY * 4 + f"Part {n}." for n in range(4)]
    colours = ["Black", "Red", "Green", "Blue"]
    controls = ["Text", *colours, "Background", *colours, "Window", *colours]  # each colour once per setting
    dated = ["Jul 17, 2014", "Mar 9, 2018", "Aug 23, 2017"]
    names = ["Ann Lee", "Sam Ode", "Barry K", "Tim Nguyen"]  # the last, right over prose, heads it
    kept = _kept(["Council Approves the New Budget", body[0], *controls, body[1], *dated, body[2], *names, body[3]])
    assert kept == [*body[:3], "\n".join(names[:3]), body[3]]
    # A run standing among chrome (a share bar above it, a line repeated across pages below) is not one either.
    repeats = Repeats(lines={"weekend edition", "city desk"})
    page = ["Council Approves the New Budget", body[0], "Weekend edition", *names, "City desk", body[1]]
    kept = [t for _, t in clean_article("\n\n".join(page), repeats, find_header=True).paragraphs]
    assert "\n".join(names[:3]) not in kept and body[1] in kept


def test_list_items_under_the_last_sentence_carry_the_article_on_but_teasers_do_not():
    body = [STORY * 2 + f"Part {n}." for n in range(3)]
    items = ["Fixed a bug where the budget table was printed twice on the second page (Bug 1675624)",
             "the new rates apply from the first of the month for all households in the district"]
    teasers = ["Council Votes to Close Three Libraries Next Spring", "Budget 2017 | Part 1 | Part 2 | Part 3 of the series on the council", "Residents protest the new parking fees, March 3, 2017"]
    for teaser in teasers:
        kept = _kept(["Council Approves the New Budget", *body, *items, teaser, "About us"])
        assert kept == [*body, *items], teaser
        kept = _kept(["Council Approves the New Budget", *body, teaser, *items, "About us"])
        assert kept == body, teaser


def test_a_machine_timestamp_and_a_dashed_date_are_dates():
    assert [d.iso for d in find_dates("Posted: 2019-03-04T10:00:00Z")] == ["2019-03-04"]
    assert date_line("Published 2019-03-04T10:00:00+01:00") == "2019-03-04"
    assert date_line("Updated 2019-03-04T10:00:00.123Z") == "2019-03-04"
    assert date_line("04-Mar-2019 10:31") == date_line("4-Mar-2019") == "2019-03-04"
    assert find_dates("ISBN 978-0-14-2019") == () and find_dates("2019-03-04Tx") == ()
    page = ["Council Approves the New Budget", "2017-03-09T08:42:00Z", *[STORY * 2 + f"Part {n}." for n in range(3)]]
    assert clean_article("\n\n".join(page), Repeats(), find_header=True).date == "2017-03-09"


def test_a_line_over_a_sub_heading_names_the_section_with_it_but_a_name_over_a_date_does_not():
    corpus = load_corpus(DATA / "wikipedia_time_loops_cut.txt")
    assert corpus.articles.loc[0, "title"] == "List of films featuring time loops"
    paragraphs = corpus.paragraphs

    def section_of(start):
        return paragraphs.loc[paragraphs["text"].str.startswith(start), "section"].item()

    # A table printed row by row: the film over its year over its summary.
    assert section_of("Self-centered television weatherman Phil Connors") == "Groundhog Day › 1993"
    assert section_of("This short film is the first film adaptation") == "12:01 PM › 1990"
    assert "Groundhog Day" not in set(corpus.dropped_lines["line"])
    body = [STORY * 3 + f"Part {n}." for n in range(3)]
    blurb = "A new bridge over the river opens next week after three years of works and delays, the city says."
    for outer, inner in [("Linda Poon", "Aug 23, 2017"), ("By Ann Lee", "Politics")]:
        cleaned = clean_article("\n\n".join([MENU, "Council Approves the New Budget", *body, outer, inner, blurb, body[0]]),
                                Repeats(), find_header=True)
        assert not any("›" in (section or "") for section, _ in cleaned.paragraphs)
        assert (outer, "short non-sentence line") in cleaned.dropped
