"""Page-text date forms the readers missed: a weekday's abbreviation before a date ("Do 25.04.24", "Mi., 3.5.2023"),
in each language the month table reads; a dateline's place run into its date or joined by a dash ("Mallorca15.04.25",
"Madrid-29/05/25"), while a name that ends in a number is no label ("COVID19. März 2020"); and a headline that opens
with a byline's word ("Von Hamburg bis Dresden: …"); a year-first timestamp run into the word before it
("王小明2023-05-14 09:15") or written with dots ("2023.05.14 09:15"), but not a file name's or a version's
("IMG_2019-04-21.jpg", "v2019.04.19 20:00"); and a long hostile line read in linear time.
The fixtures are hand-written pages of the same structure."""

from __future__ import annotations

import time

import pytest

from topics.ingest.corpus import load_corpus
from topics.ingest.headline import opens_byline
from topics.ingest.pagedates import _find_dates, date_alone, date_line, find_dates, page_writes_day_first, words_beside_date
from topics.ingest.yearless import yearless_date
from topics.text.dates import written_without_year

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



@pytest.mark.parametrize("line", [
    "IMG_2019-04-21.jpg", "report_2019/04/21.pdf", "abc2019-04-21", "ticket2019-04-21", "INC2019-10-3 opened",
    "https://example.com/p/post2019-04-21.html", "x_2019.04.19_20:00",
])
def test_a_file_name_or_code_run_into_a_date_is_none(line):
    # A word run into a year-first date is a name's only with a time after it; "_" joins the parts of a name.
    assert find_dates(line) == ()


@pytest.mark.parametrize("line", ["v2019.04.19 20:00", "build2019.04.19 12:30", "2019.04.19 12:3456"])
def test_a_dotted_year_first_date_needs_no_word_before_and_a_whole_time_after(line):
    assert find_dates(line) == ()


def test_a_capitalised_label_run_into_a_dotted_year_first_timestamp_leaves_it_a_date():
    assert find_dates("Nuomonės2024.03.31 19:59")[0].iso == "2024-03-31"  # a section's label, not a version's tag


@pytest.mark.parametrize("line, iso", [
    ("公開日2019.04.19 20:00", "2019-04-19"), ("投稿日2019.04.19 20:00", "2019-04-19"), ("게시일2019.04.19 20:00", "2019-04-19"),
    ("发布时间2019-04-21", "2019-04-21"), ("更新于2019/04/21", "2019-04-21"), ("来源：新华网2019-04-21", "2019-04-21"),
    ("田中2019-04-21", "2019-04-21"),  # a name run into its date: a byline's, as "新华网" is
])
def test_a_label_without_letter_case_or_capitalised_run_into_its_date_leaves_it_a_date(line, iso):
    # Chinese, Japanese and Korean have no upper case: their labels pass as a capitalised one does before a time,
    # and without one (where a capitalised word makes a name).
    assert date_line(line) == iso


@pytest.mark.parametrize("line", [
    "Post2019-04-21.html", "Report2019-04-21.pdf", "Screenshot2019-04-21.png", "会議資料2019-04-21.pdf", "사진2019-04-21.jpg",
    "Report 2019-04-21.PDF", "scan 21.04.2019.jpg", "Version2019-04-21", "Build2019-04-21", "Image2019/04/21",
])
def test_a_file_name_or_a_capitalised_word_run_into_a_date_without_a_time_is_none(line):
    assert find_dates(line) == ()


def test_a_dotted_year_first_range_is_read_from_its_first_date():
    assert date_line("2019.04.19 - 2019.04.21 20:00") == "2019-04-19"
    assert date_line("2019.04.19(金) 〜 2019.04.21(日) 18:00") == "2019-04-19"


@pytest.mark.parametrize("line", ["2019.04.19(金) 20:00", "2019.04.19（金曜日）20:00", "2017-03-01(星期三) 10:00",
                                  "2023.05.14 (일) 09:15"])
def test_a_cjk_weekday_in_brackets_leaves_a_date_by_itself(line):
    assert date_alone(line)


@pytest.mark.parametrize("line, words", [
    ("日本(日) 2019年4月19日", ["日本", "日"]),  # "(日)" for Japan, before the date
    ("2019/04/19 期間(日)", ["期間", "日"]),
])
def test_a_cjk_weekday_in_brackets_is_a_word_away_from_a_dates_end(line, words):
    assert words_beside_date(line) == words


@pytest.mark.parametrize("line", ["2019/04/19 20:00(金)", "2019.04.19 20:00 (金)", "2019-04-19 20:00（金）",
                                  "2019年04月19日 08:00 (星期五)"])
def test_a_cjk_weekday_in_brackets_after_the_time_leaves_a_date_by_itself(line):
    assert date_alone(line)
    assert words_beside_date(line) == []


def test_only_one_cjk_weekday_after_a_date_is_its_weekday():
    assert date_line("2019年4月19日 (月) (火) (水) (木) (金) (土)") is None


def _slowest_growth(read, shape) -> float:
    """How many times longer ``read`` takes on a line ten times as long, at 1,000, 10,000 and 100,000 characters
    (the best of three runs each); stops at the first tenfold step that takes over thirty times as long."""
    previous, growth = None, 0.0
    for size in (1_000, 10_000, 100_000):
        line = shape(size)
        runs = []
        for _ in range(3):
            start = time.process_time()
            read(line)
            runs.append(time.process_time() - start)
            if runs[-1] > 1:
                break  # already slow: one run tells
        best = max(min(runs), 1e-4)
        if previous is not None:
            growth = max(growth, best / previous)
            if growth > 30:
                break
        previous = best
    return growth


# Stretches of hostile page text after what opens a date: runs of spaces, dots, digits, letters, commas and dashes.
_HOSTILE = [("2019.04.19", " "), ("1", " "), ("18 de", " "), ("2019-04-19", "."), ("2019", "1"), ("ab2019-04-21", "a"),
            ("December 1", ","), ("1", "-"), ("2019.04.19", " 1")]


def _hostile_line(size: int) -> str:
    share = size // len(_HOSTILE)
    return "".join(opening + filler * (share // len(filler)) + "x " for opening, filler in _HOSTILE)


def test_a_long_hostile_line_is_read_in_linear_time():
    # A quadratic pattern takes a hundred times as long on a line ten times as long; a linear one about ten.
    assert _slowest_growth(lambda line: _find_dates.__wrapped__(line, False), _hostile_line) < 30
    assert _slowest_growth(yearless_date, lambda size: "18" + " " * size + "x") < 30
    assert _slowest_growth(written_without_year, lambda size: "1.1" + " " * size + "x") < 30  # a table's date cell
