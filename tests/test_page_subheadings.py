"""Headlines on pages of sites the rules were not shaped on: a headline over its sub-headline, a byline
line whose fields a dash sets apart, a year run into the next date, and a <title> that adds a magazine's
name or a kicker to the page's one <h1>. The fixtures are hand-written pages of the same structure."""

from __future__ import annotations

import pytest

from topics.ingest.corpus import load_corpus
from topics.ingest.pagedates import date_line

SHAPES = "page_shapes"


def test_a_headline_over_its_subheadline_is_the_title(data_dir):
    article = load_corpus(data_dir / SHAPES / "subheadline.txt").articles.iloc[0]
    assert article["title"] == "Harbour ferry returns after winter repairs"
    assert article["date"] == "2023-03-14"


def test_a_byline_line_with_dashes_dates_the_post_and_is_no_headline(data_dir):
    article = load_corpus(data_dir / SHAPES / "dash_byline.txt").articles.iloc[0]
    assert article["title"] == "Learning to bake bread at night"
    assert article["date"] == "2022-10-02"


@pytest.mark.parametrize(("line", "iso"), [
    ("Mara Lind – 02.10.2022 – Columns, Kitchen, Everyday", "2022-10-02"),
    ("Mara Lind — 2 October 2022 — Columns, Kitchen, Everyday", "2022-10-02"),
    ("Mara Lind | 29. Dezember 202230. Dezember 2022 | Kitchen", "2022-12-29"),
])
def test_date_fields_set_apart_by_dashes_or_run_together(line, iso):
    assert date_line(line) == iso


def test_a_headline_with_a_date_set_off_by_dashes_is_the_title_and_does_not_date_the_page(data_dir):
    article = load_corpus(data_dir / SHAPES / "dash_headline.txt").articles.iloc[0]
    assert article["title"] == "The great flood – 31 January 1953 – the night the sea came in"
    assert article["date"] == "2023-01-31"


@pytest.mark.parametrize("line", [
    "The great flood – 31 January 1953 – the night the sea came in",
    "Obituary — Ann Moss — 4 May 1950 — a life spent on the river",
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
