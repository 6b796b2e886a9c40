"""Page-text dates in the shapes sites the rules had not read: a dotted two-digit year opening a dateline
("06.11.23 - …") or after a weekday ("mardi 10.12.19"), read day first where the page's own dates say it
writes them so; ambiguous numbers read in the page's order ("03/05/2022" on a page that writes "4 de
mayo de 2022"); and a "Published:" line far under a body that ended early. The fixtures are
hand-written pages of the same structure."""

from __future__ import annotations

from topics.ingest.articledate import find_date
from topics.ingest.corpus import load_corpus
from topics.ingest import pagedates
from topics.ingest.pagedates import date_line, find_dates

SHAPES = "page_shapes"


def _date(data_dir, name: str) -> str | None:
    return load_corpus(data_dir / SHAPES / name).articles.iloc[0]["date"]


def test_a_dotted_two_digit_year_opening_the_first_paragraph_dates_a_page_that_writes_day_first(data_dir):
    assert _date(data_dir, "dotted_short_year.txt") == "2023-11-06"


def test_a_dotted_two_digit_year_after_a_weekday_of_a_day_first_language_is_a_date_line(data_dir):
    assert _date(data_dir, "weekday_short_year.txt") == "2019-12-10"


def test_a_published_line_far_under_a_body_that_ended_early_dates_the_page(data_dir):
    assert _date(data_dir, "published_far_below.txt") == "2019-12-03"


def test_the_pages_own_dates_tell_the_order_of_its_numbers():
    assert pagedates.page_writes_day_first(["Miércoles, 4 de mayo de 2022", "Title", "03/05/2022 22:46"])
    assert pagedates.page_writes_day_first(["Posted 28.01.22"])  # 28 cannot be a month
    assert not pagedates.page_writes_day_first(["September 17, 2019", "03/05/2022"])
    assert not pagedates.page_writes_day_first(["05/28/2022"])
    assert not pagedates.page_writes_day_first(["03/05/2022"])  # nothing tells: month first, as before
    with pagedates.page_date_order(["4 de mayo de 2022"]):
        assert date_line("03/05/2022 22:46") == "2022-05-03"
    with pagedates.page_date_order(["May 4, 2022"]):
        assert date_line("03/05/2022 22:46") == "2022-03-05"


def test_a_dotted_two_digit_year_is_read_only_where_it_can_be_a_date_line():
    assert not find_dates("06.11.23 - After the vote")  # either could be the month, and nothing says which
    assert find_dates("28.01.22 / 0 comments")[0].iso == "2022-01-28"
    with pagedates.page_date_order(["Montag, 6. November 2023"]):
        assert find_dates("06.11.23 - After the vote")[0].iso == "2023-11-06"
        assert not find_dates("2.1.12 Installation")  # a section number
        assert not find_dates("Version 10.12.19 released")  # not at the line's start
        assert not find_dates("10.12.19.4")


def test_a_published_label_repeated_under_the_article_is_a_lists_not_the_pages():
    blocks = ["Site", "A headline for the test", *["A paragraph of the body that runs on long enough. " * 3] * 3,
              *[f"Related item {i}" for i in range(12)], "Published: 3 December 2019", "Another related item",
              "Published: 5 December 2019"]
    index, date, _ = find_date(blocks, 1, 2, 4)
    assert date is None
    index, date, how = find_date(blocks[:-1], 1, 2, 4)
    assert (index, date) == (len(blocks) - 3, "2019-12-03")
