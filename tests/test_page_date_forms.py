"""Page-text date forms the readers missed: a weekday's abbreviation before a date ("Do 25.04.24", "Mi., 3.5.2023"),
in each language the month table reads; a dateline's place run into its date or joined by a dash ("Mallorca15.04.25",
"Madrid-29/05/25"), while a name that ends in a number is no label ("COVID19. März 2020"); and a headline that opens
with a byline's word ("Von Hamburg bis Dresden: …"); a year-first timestamp run into the word before it
("王小明2023-05-14 09:15") or written with dots ("2023.05.14 09:15").
The fixtures are hand-written pages of the same structure."""

from __future__ import annotations

import pytest

from topics.ingest.corpus import load_corpus
from topics.ingest.headline import opens_byline
from topics.ingest.pagedates import date_alone, date_line, find_dates, page_writes_day_first

SHAPES = "page_shapes"


def _article(data_dir, name: str):
    return load_corpus(data_dir / SHAPES / name).articles.iloc[0]


@pytest.mark.parametrize("line, iso", [
    ("Do 25.04.24", "2024-04-25"),  # German
    ("Mi., 3.5.2023", "2023-05-03"),
    ("So. 7. Mai 2023", "2023-05-07"),
    ("jeu. 4.5.2023", "2023-05-04"),  # French
    ("mié 3 de mayo de 2023", "2023-05-03"),  # Spanish
    ("qui., 04.05.2023", "2023-05-04"),  # Portuguese
    ("gio 4 maggio 2023", "2023-05-04"),  # Italian
    ("za 6 mei 2023", "2023-05-06"),  # Dutch
    ("Tue 25/04/2024", "2024-04-25"),
])
def test_a_weekdays_abbreviation_before_a_date_leaves_a_date_by_itself(line, iso):
    assert date_alone(line)
    assert date_line(line, 0, fields=False) == iso


def test_a_weekdays_abbreviation_is_a_word_of_its_own_elsewhere():
    assert not date_alone("So many people in 2023")
    assert date_line("Do 25.04.24 | 14:07 Uhr | Von Anna Beispiel") == "2024-04-25"
    assert page_writes_day_first(["Do 04.05.24 | 18:30 Uhr"])  # a day-first language's weekday, with a date


def test_a_weekdays_abbreviation_dates_the_page(data_dir):
    article = _article(data_dir, "weekday_abbreviation.txt")
    assert (article["title"], article["date"]) == ("Das alte Kino am Markt zeigt wieder Filme", "2024-05-04")


@pytest.mark.parametrize("line, iso", [
    ("Mallorca15.04.25 09:56", "2025-04-15"),
    ("Redaktion Hafenstadt, Inselhausen14.05.25 09:15", "2025-05-14"),
    ("Madrid-29/05/25", "2025-05-29"),
    ("Mallorca15.04.2025", "2025-04-15"),
    ("BERLIN-12.03.2024", "2024-03-12"),
    ("Publiziert6. November 2025, 12:26", "2025-11-06"),  # a label run into a dotted day
])
def test_a_datelines_place_run_into_its_date(line, iso):
    assert date_line(line) == iso


def test_a_datelines_place_run_into_its_date_is_part_of_the_date_line():
    assert date_alone("Madrid-29/05/2025 20:00")
    assert date_alone("Inselhausen14.05.25")


@pytest.mark.parametrize("line", ["COVID19. März 2020", "Windows10. Mai 2021", "v1.2.3", "A-12.03.24", "Covid19 March 2020"])
def test_a_name_ending_in_a_number_is_no_place_or_label(line):
    assert date_line(line) is None


def test_a_place_run_into_its_date_dates_the_page(data_dir):
    assert _article(data_dir, "place_run_into_date.txt")["date"] == "2025-05-14"


def test_a_headline_opening_with_a_byline_word_is_no_byline(data_dir):
    assert not opens_byline("Von Hamburg bis Dresden: Wie die Bahn ihre alten Brücken prüft")
    assert not opens_byline("By the numbers: what the new budget means")
    for byline in ("By: Jane Doe", "Von Anna Beispiel", "By Jane Doe | Published: 3 May 2023",
                   "Von Anna Beispiel Stand: 25.04.2024, 14:07 Uhr", "von Max Beispiel , Erika Muster"):
        assert opens_byline(byline)
    article = _article(data_dir, "range_headline.txt")
    assert (article["title"], article["date"]) == ("Von Hamburg bis Dresden: Wie die Bahn ihre alten Brücken prüft", "2024-03-12")


@pytest.mark.parametrize("line, iso", [
    ("王小明2023-05-14 09:15:02", "2023-05-14"),  # a writer's name run into a timestamp
    ("access_time2023/05/14 09:15", "2023-05-14"),  # an icon's label run into it
    ("2023.05.14 09:15", "2023-05-14"),  # year first with dots, a time after it
    ("2023.05.14(日) 09:15", "2023-05-14"),
])
def test_a_year_first_timestamp_run_into_a_word_or_written_with_dots(line, iso):
    assert find_dates(line)[0].iso == iso


@pytest.mark.parametrize("line", ["2023.05.14", "Version 2023.05.14", "v1.2023.05.14 09:15", "12023-05-14"])
def test_a_year_first_dotted_date_without_a_time_or_inside_a_number_is_none(line):
    assert find_dates(line) == ()

