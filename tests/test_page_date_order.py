"""Page-text dates in the shapes sites the rules had not read: a dotted two-digit year opening a dateline
("06.11.23 - …") or after a weekday ("mardi 10.12.19"), read day first where the page's own dates say it
writes them so; ambiguous numbers read in the page's order ("03/05/2022" on a page that writes "4 de
mayo de 2022"). The hand-written pages of these shapes are read in the table of
tests/test_page_subheadings.py."""

from __future__ import annotations

from topics.ingest.articledate import find_date
from topics.ingest.corpus import load_corpus
from topics.ingest import pagedates
from topics.ingest.pagedates import date_line, find_dates




PARADE = [
    "The parade moved slowly down the avenue while the crowd cheered the bands and the floats went by. "
    "Police closed the side streets an hour before the first krewe set off from the park.",
    "City officials said the route would stay the same as last year, with barricades along the main road "
    "and extra buses for people leaving the old town after dark.",
    "Residents near the river complained about the noise and the litter, and the council promised more "
    "bins, more cleaners and an earlier end to the music on weeknights."]


def _parade_page(lines: list[str], paragraphs: int) -> str:
    """A page that declares en-US, posted "03/05/2023", with ``lines`` under the date and a body."""
    body = "".join(f"<p>{p}</p>" for p in [*lines, *PARADE[:paragraphs]])
    return (f'<html lang="en-US"><head><title>Parade routes and road closures</title></head><body><article>'
            f"<h1>Parade routes and road closures</h1><p>Posted 03/05/2023 10:00 am</p>{body}</article></body></html>")

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


def test_a_weekday_counts_for_day_first_only_where_it_stands_with_a_date():
    for line in ["Mardi Gras 2023: the parade schedule", "Domingo Germán pitches a perfect game in 2023",
                 "Heidi Montag 2023 interview", "Samedi 2023 festival lineup"]:
        page = ["Local news", line, "Posted 03/05/2023 10:00 am", "Body text " * 40]
        assert not pagedates.page_writes_day_first(page), line
        with pagedates.page_date_order(page):
            assert date_line("Posted 03/05/2023 10:00 am") == "2023-03-05"
    assert pagedates.page_writes_day_first(["Title", "mardi 10.12.19"])
    assert pagedates.page_writes_day_first(["Domingo, 03/05/2023"])


def test_a_page_that_declares_a_month_first_language_keeps_month_first(tmp_path):
    caption = "Photo taken 14 February 2023"  # a date only day first, as a caption may print it
    with pagedates.dates_day_first(pagedates.day_first_language("en-US")), pagedates.page_date_order([caption]):
        assert date_line("Posted 03/05/2023 10:00 am") == "2023-03-05"
    with pagedates.page_date_order([caption]):  # nothing declared: the page's own dates decide
        assert date_line("Posted 03/05/2023 10:00 am") == "2023-05-03"
    (tmp_path / "parade.html").write_text(_parade_page([caption], 3))
    assert load_corpus(tmp_path).articles.iloc[0]["date"] == "2023-03-05"
    assert pagedates.day_first_language("en-US") is False
    assert pagedates.day_first_language("en-GB") is True
    assert pagedates.day_first_language("en") is None and pagedates.day_first_language(None) is None


def test_a_published_line_under_a_teasers_title_far_below_is_not_the_pages():
    paragraph = "A paragraph of the body that runs on long enough to be prose and not a line of chrome at all. " * 2
    footer = [f"Footer link number {i}" for i in range(12)]
    blocks = ["Site", "A headline for the test", paragraph, paragraph, paragraph, *footer,
              "Another story about something else", "Published: 3 December 2019", "Newsletter sign-up"]
    assert find_date(blocks, 1, 2, 4) == (None, None, None)
    credited = [*blocks[:-3], "Author: Pat Doe", *blocks[-2:]]  # an author's credit over it: the page's own
    assert find_date(credited, 1, 2, 4)[1] == "2019-12-03"
    boxed = [*blocks[:-3], "A professor of computer science in Quebec. View all posts by Pat Doe", *blocks[-2:]]
    assert find_date(boxed, 1, 2, 4)[1] == "2019-12-03"  # an author's box of two sentences over it


def test_a_headlines_own_date_gives_way_to_a_byline_or_date_line_but_not_to_a_caption():
    paragraph = "A paragraph of the body that runs on long enough to be prose and not a line of chrome at all, it goes on. "
    for other in ["Photo: 12 May 1998", "Archive, 1 January 2020"]:
        blocks = ["Site", "Home", "Morning briefing – 3 June 2023", "By Tom Reyes", other, paragraph, paragraph, paragraph]
        assert find_date(blocks, 2, 5, 7)[1] == "2023-06-03", other
    for other in ["Published 31 January 2023", "By Tom Reyes | 31 January 2023", "Tue 31 Jan 2023 10:14 GMT"]:
        blocks = ["Site", "Home", "The great flood – 31 January 1953 – the night the sea came in", other, paragraph, paragraph]
        assert find_date(blocks, 2, 4, 5)[1] == "2023-01-31", other


def test_a_published_line_under_an_authors_box_far_below_is_the_pages():
    paragraph = "A paragraph of the body that runs on long enough to be prose and not a line of chrome at all. " * 2
    footer = [f"Footer link number {i}" for i in range(12)]
    for above in ["Jane Doe is a senior reporter covering energy markets", "Jane Doe, Senior Energy Reporter",
                  "Share this article on Facebook Twitter", "Filed under Business and Economy"]:
        blocks = ["Site", "A headline for the test", paragraph, paragraph, paragraph, *footer, above,
                  "Published: 3 December 2019", "Newsletter sign-up"]
        assert find_date(blocks, 1, 2, 4)[1] == "2019-12-03", above
    teaser = ["Site", "A headline for the test", paragraph, paragraph, paragraph, *footer,
              "Council names its new chief editor", "Published: 3 December 2019", "Newsletter sign-up"]
    assert find_date(teaser, 1, 2, 4) == (None, None, None)  # a teaser's title that ends on a role is still one


def test_a_declared_month_first_english_gives_way_to_the_pages_own_day_first_numbers(tmp_path):
    captions = ["Photo taken 14/02/2023", "Updated 21/04/2023"]  # dates in numbers only day first
    with pagedates.dates_day_first(pagedates.day_first_language("en-US")), pagedates.page_date_order(captions):
        assert date_line("Posted 03/05/2023 10:00 am") == "2023-05-03"
    month_first = ["Photo taken 02/14/2023", "Updated 04/21/2023", "Photo taken 14/02/2023"]
    for page in [month_first, ["Mardi Gras 2023: the parade schedule"], ["Samedi 14 février 2023"], []]:
        with pagedates.dates_day_first(False), pagedates.page_date_order(page):
            assert date_line("Posted 03/05/2023 10:00 am") == "2023-03-05", page  # numbers say nothing else: month first
    (tmp_path / "parade.html").write_text(_parade_page(["Photo taken 14/02/2023", "Photo taken 21/04/2023"], 2))
    assert load_corpus(tmp_path).articles.iloc[0]["date"] == "2023-05-03"


def test_a_declared_month_first_english_gives_way_only_to_day_first_numbers_in_dating_lines():
    byline = "By Jane Doe | 03/05/2022"
    small_print = "Offer code valid through 31.12.2022 in participating EU stores (17.06.2022 terms)."
    with pagedates.dates_day_first(False), pagedates.page_date_order([small_print, byline]):
        assert date_line(byline) == "2022-03-05"  # a sentence's dates are not the page's own
    with pagedates.dates_day_first(False), pagedates.page_date_order(["Updated 17/06/2022", byline]):
        assert date_line(byline) == "2022-05-03"


def test_a_related_storys_title_that_names_a_person_is_no_authors_box():
    paragraph = "A paragraph of the body that runs on long enough to be prose and not a line of chrome at all. " * 2
    footer = [f"Footer link number {i}" for i in range(12)]
    for teaser in ["Meet Ana Lopez, our new sports editor", "Why We Hired Ana Lopez, Sports Editor"]:
        blocks = ["Site", "A headline for the test", paragraph, paragraph, paragraph, *footer, teaser,
                  "Published: 3 December 2019", "Newsletter sign-up"]
        assert find_date(blocks, 1, 2, 4) == (None, None, None), teaser
    boxed = [*blocks[:-3], "Ana Lopez, sports editor", *blocks[-2:]]
    assert find_date(boxed, 1, 2, 4)[1] == "2019-12-03"
