"""Headlines on pages of sites the rules were not shaped on: a headline over its sub-headline, a byline
line whose fields a dash sets apart, a year run into the next date, and a <title> that adds a magazine's
name or a kicker to the page's one <h1>; and pages whose chrome is headline-shaped (a menu printed twice, a
run of lines cut to one pattern, a quoted headline). The fixtures are hand-written pages of the same structure."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from topics.ingest.corpus import load_corpus
from topics.ingest.pagedates import date_line

SHAPES = "page_shapes"


def _page_shapes() -> list:
    """The hand-written pages (tests/data/page_shapes/) of the shapes met on unseen sites, with the headline and
    date each must read (tests/data/page_shapes.csv; an empty date: the page prints none)."""
    with open(Path(__file__).parent / "data" / "page_shapes.csv", encoding="utf-8", newline="") as table:
        return [pytest.param(row["page"], row["title"], row["date"] or None, id=row["shape"]) for row in csv.DictReader(table)]


PAGES = _page_shapes()


@pytest.mark.parametrize(("name", "title", "date"), PAGES)
def test_the_headline_and_date_of_a_page_shape(data_dir, name, title, date):
    article = load_corpus(data_dir / SHAPES / name).articles.iloc[0]
    assert (article["title"], article["date"]) == (title, date)


@pytest.mark.parametrize(("line", "iso"), [
    ("Mara Lind – 02.10.2022 – Columns, Kitchen, Everyday", "2022-10-02"),
    ("Mara Lind — 2 October 2022 — Columns, Kitchen, Everyday", "2022-10-02"),
    ("Mara Lind | 29. Dezember 202230. Dezember 2022 | Kitchen", "2022-12-29"),
    ("Reporter: Jean-Paul Dupont – 2022-06-02 – Politik", "2022-06-02"),  # a hyphenated name is one word, a label none
    ("By Jean-Paul Sartre – 14.09.2022 – Kolumne, Küche", "2022-09-14"),
])
def test_date_fields_set_apart_by_dashes_or_run_together(line, iso):
    assert date_line(line) == iso


@pytest.mark.parametrize("line", [
    "The great flood – 31 January 1953 – the night the sea came in",
    "Obituary — Ann Moss — 4 May 1950 — a life spent on the river",
    "Remembering the Blitz – 7 September 1940 – the night London burned",
])
def test_dashes_that_set_off_a_clause_make_no_date_line(line):
    assert date_line(line) is None


def test_a_dash_in_a_headline_with_no_date_makes_no_date_line():
    assert date_line("Ferry returns – council confirms the timetable for the season") is None


def test_the_pages_one_h1_inside_a_title_that_adds_a_magazine_name(data_dir):
    article = load_corpus(data_dir / SHAPES / "headline_part.html").articles.iloc[0]
    assert article["title"] == "Ferry returns to the island after winter repairs."


def test_an_h1_that_is_the_sites_name_is_not_taken_for_the_headline(data_dir, tmp_path):
    page = (data_dir / SHAPES / "headline_part.html").read_text(encoding="utf-8")
    page = page.replace("Harbour Weekly |", "Example Coast News |").replace("<h1>", '<header><h1>Example Coast News</h1></header><h2>')
    page = page.replace("</h1>\n<p class", "</h2>\n<p class")
    (tmp_path / "logo.html").write_text(page, encoding="utf-8")
    article = load_corpus(tmp_path / "logo.html").articles.iloc[0]
    assert article["title"] != "Example Coast News"


def test_a_statement_over_a_paragraph_of_the_body_is_no_headline_though_a_second_articles_dateline_follows():
    """A file holding two releases: a sentence of the first one's body, then a paragraph, then the second's
    dateline. The dateline signs no headline there; a short standfirst between would."""
    from topics.ingest.headline import signed_headline

    paragraph = ("While conducting the search, the security force met armed men. They opened fire on the force, which "
                 "returned fire, killing several of them. The force went on searching the compound for the leader and "
                 "detained him after the exchange of fire, with two of his men.")
    blocks = ["The leader was responsible for attacks in two districts.", paragraph, "2011-09-S-046",
              "KABUL, Afghanistan (Sept. 20, 2011)"]
    words = [len(b.split()) for b in blocks]
    assert not signed_headline(blocks, words, 0)
    blocks[1] = "The council says the crossings go on through the storms. A smaller boat sails on windy days."
    assert signed_headline(blocks, [len(b.split()) for b in blocks], 0)
