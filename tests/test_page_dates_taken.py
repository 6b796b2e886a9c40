"""Page dates a reader knows but did not take: a date line past a photo gallery's captions, a date line over its
headline under teasers that carry their own, Turkish month names in capitals, and an embedded post's signature
taken for the page's date. The fixtures are hand-written."""

from __future__ import annotations

import pytest

from topics.ingest.corpus import load_corpus
from topics.ingest.monthnames import month_number
from topics.ingest.pagedates import date_line

PROSE = (
    "The council voted on Tuesday to widen the harbour road and to add a lane for buses, after a year of complaints "
    "from drivers and from the people who live along it.",
    "Work is to start in the spring and to last about eight months, the council said, with the road kept open in "
    "one direction for most of that time.",
    "Residents who spoke at the meeting asked for a crossing near the school and for the trees along the road to "
    "be kept where the plans allow it.",
    "The cost is to be shared between the city and the regional transport fund, which agreed last month to pay "
    "for the bus lane and its stops.",
)


def _article(tmp_path, blocks):
    page = tmp_path / "page.txt"
    page.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    return load_corpus(page).articles.iloc[0]


@pytest.mark.parametrize("line, iso", [
    ("5 KASIM 2020", "2020-11-05"),  # "KASIM" lowers to "kasim", not "kasım"
    ("12 EKİM 2020 14:30", "2020-10-12"),  # "EKİM" lowers to "eki̇m"
    ("3 ARALIK 2020, 09:15", "2020-12-03"),
    ("1 MAYIS 2020", "2020-05-01"),
])
def test_a_turkish_month_name_in_capitals_makes_a_date(line, iso):
    assert date_line(line, 8) == iso


def test_month_names_are_compared_with_turkish_i_forms_folded():
    assert month_number("KASIM") == month_number("Kasım") == month_number("kasım") == 11
    assert month_number("EKİM") == 10
    assert month_number("Dec.") == 12
    assert month_number("harbour") is None


def test_a_published_line_past_a_galleries_captions_dates_the_page(tmp_path):
    captions = [f"HARBOUR CITY - APRIL 23: Workers stand by the old harbour road, photo {n} of the series taken on "
                f"Thursday, April 23, 2020, before the council met to vote on widening it for the buses."
                for n in range(1, 8)]
    article = _article(tmp_path, [
        "Home", "News", "Local",
        "Council votes to widen the harbour road",
        "Share this:",
        *captions,
        "Show Caption", "of", "Expand",
        "By Jane Doe | Harbour News Group",
        "PUBLISHED: April 24, 2020 at 9:06 a.m. | UPDATED: April 24, 2020 at 9:26 a.m.",
        *PROSE,
    ])
    assert article.title == "Council votes to widen the harbour road"
    assert article.date == "2020-04-24"


def test_a_date_line_over_its_headline_is_not_lost_to_a_teasers_date_line_above(tmp_path):
    article = _article(tmp_path, [
        "Home", "News", "Sport",
        "Old bridge closes for a month of repairs to its deck and railings",
        "Wednesday, 18 November 2020, 09:00 • Ann Lee",
        "Weather",
        "Archive",
        "3 December 2020, 18:47 • Pat Doe",
        "Mayor backs the bus lane as a budget row goes on",
        *PROSE,
    ])
    assert article.title == "Mayor backs the bus lane as a budget row goes on"
    assert article.date == "2020-12-03"


def test_an_embedded_posts_signature_does_not_date_the_page(tmp_path):
    article = _article(tmp_path, [
        "Home", "News",
        "Council votes to widen the harbour road",
        "6:14 a.m.",
        PROSE[0],
        "The harbour road is getting a bus lane at last.",
        "— Jane Doe (@janedoe) January 1, 2020",
        *PROSE[1:],
    ])
    assert article.title == "Council votes to widen the harbour road"
    assert article.date is None
