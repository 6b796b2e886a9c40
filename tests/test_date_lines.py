"""A date printed on a line of its own: the article's date, never part of the title or a paragraph."""

from __future__ import annotations

import pytest

from topics.ingest.boilerplate import clean_article, split_blocks
from topics.ingest.pagedates import date_line, is_update_line
from topics.ingest.repeats import Repeats

BODY = (
    "The city council voted on Monday to introduce round-the-clock bus lanes on three main roads, despite "
    "objections from shop owners who fear losing passing trade.\n\nCouncillors said journey times on the routes "
    "had grown by a third in five years and that operators had promised extra services.\n"
)


@pytest.mark.parametrize("title", ["Council approves new bus lanes for the city centre",
                                   "Storm Arwen: thousands still without power after ten days", "Bus lanes approved"])
@pytest.mark.parametrize("date_line", ["6 December 2021", "December 6, 2021", "2021-12-06", "Monday 6 December 2021",
                                       "Published: 6 December 2021", "Updated: Mon 6 Dec 2021 10:14 GMT"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_date_line_right_under_the_title_is_the_date(title, date_line, newline):
    text = f"{title}\n{date_line}\n\n{BODY}".replace("\n", newline)
    cleaned = clean_article(text, Repeats.of([]), find_header=True)
    assert cleaned.title == title
    assert cleaned.date == "2021-12-06"


def test_a_date_that_ends_a_wrapped_sentence_stays_in_it():
    lines = ["The new timetable for the three bus routes through the city centre takes effect on",
             "6 December 2021."]
    assert split_blocks("\n".join(lines)) == [" ".join(lines)]
    wrapped = ["The new timetable for the three bus routes through the city centre was agreed", "6 December 2021"]
    assert split_blocks("\n".join(wrapped)) == wrapped


@pytest.mark.parametrize("line", ["December 9, 2021 10:14 AM GMT+4 Updated 2 years ago",
                                  "December 9, 202110:14 AM GMT+4Updated 2 years ago",  # inline elements run together
                                  "Published December 9, 2021 · Updated an hour ago"])
def test_an_update_said_as_how_long_ago_leaves_the_date_before_it(line):
    page = ("Skip to main content\nWorld\nBusiness\nMarkets\n\nIran nuclear talks resume in Vienna amid Western scepticism\n\n"
            f"By Francois Murphy and John Irish\n{line}\n\n{BODY}")
    cleaned = clean_article(page, Repeats.of([]), find_header=True)
    assert cleaned.title == "Iran nuclear talks resume in Vienna amid Western scepticism"
    assert cleaned.date == "2021-12-09"
    assert not is_update_line(line)
    assert date_line("February 28, 1998; 18 years ago") is None  # an age, not a publication stamp


@pytest.mark.parametrize("lines", [
    ["I have a $400 credit with Northwest Airlines which must be used", "by Nov 27, 1993."],
    ["You will be informed by email if your bid is the highest by 5:30 pm EDT", "Wednesday April 21, 1993."],
])
def test_a_date_that_closes_the_sentence_above_is_part_of_it(lines):
    assert split_blocks("\n".join(lines)) == [" ".join(lines)]
