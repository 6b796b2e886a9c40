"""Saved pages whose markup and visible headline disagree, on sites the rules were not shaped on: a generic
<meta name="date"> against the date line printed by the headline, a <title> that adds a site's or a section's
name the page does not state elsewhere, and an article that opens with an <h1> its <title> words otherwise.
The fixtures are hand-written pages of the same structure."""

from __future__ import annotations

from pathlib import Path

import pytest

from topics.ingest.corpus import load_corpus

SHAPES = "page_shapes"
SHAPES_DIR = Path(__file__).parent / "data" / SHAPES


def _article(path):
    return load_corpus(path).articles.iloc[0]


def test_the_date_line_by_the_headline_beats_a_generic_meta_date(data_dir):
    # <meta name="date" content="11/02/2023 …"> is the server's month-first stamp; the page prints "02.11.2023".
    assert _article(data_dir / SHAPES / "generic_meta_date.html")["date"] == "2023-11-02"


def test_a_generic_meta_date_still_dates_a_page_that_prints_none(data_dir, tmp_path):
    page = (data_dir / SHAPES / "generic_meta_date.html").read_text(encoding="utf-8")
    page = page.replace('<meta name="date" content="11/02/2023 09:15:00">', '<meta name="date" content="2023-11-05">')
    (tmp_path / "undated.html").write_text(page.replace('<p class="meta">Erstellt am: 02.11.2023</p>', ""), encoding="utf-8")
    assert _article(tmp_path / "undated.html")["date"] == "2023-11-05"


def test_a_publication_meta_date_still_beats_the_printed_date(data_dir, tmp_path):
    page = (data_dir / SHAPES / "generic_meta_date.html").read_text(encoding="utf-8")
    page = page.replace('name="date" content="11/02/2023 09:15:00"', 'property="article:published_time" content="2023-11-01T09:15:00+01:00"')
    (tmp_path / "published.html").write_text(page, encoding="utf-8")
    assert _article(tmp_path / "published.html")["date"] == "2023-11-01"


def test_a_chinese_title_without_the_site_name_it_adds_unspaced(data_dir):
    article = _article(data_dir / SHAPES / "title_site_cjk.html")
    assert article["title"] == "港口渡轮冬季维修后恢复航行！"


def test_a_title_that_adds_the_sites_and_the_sections_name_to_the_printed_headline(data_dir):
    # <title> "Club - Headline - Section - News", printed as "Section : Headline".
    article = _article(data_dir / SHAPES / "title_section_kicker.html")
    assert article["title"] == "Ferry returns after the winter repairs"
    assert article["date"] == "2023-03-14"


def test_the_article_opens_with_the_pages_one_h1(data_dir):
    article = _article(data_dir / SHAPES / "own_h1.html")
    assert article["title"] == "Island trips: the ferry or the bus bridge?"
    assert article["title_source"] == "html page <h1>"  # told apart from the markup's title, for an audit


def _own_h1_page(tmp_path, h1: str | None = None, title: str | None = None):
    page = (SHAPES_DIR / "own_h1.html").read_text(encoding="utf-8")
    if h1 is not None:
        page = page.replace(">Island trips: the ferry or the bus bridge?</h1>", f">{h1}</h1>")
    if title is not None:
        page = page.replace("Island trips: ferry or bus? Which one saves you money?", title)
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    return _article(tmp_path / "page.html")


@pytest.mark.parametrize("label", ["Breaking News", "Opinion Column", "Live Updates"])
def test_a_section_label_opening_the_article_does_not_replace_the_title(tmp_path, label):
    # The <h1> shares no word with the title, whose words the page prints: a label, not a rewording.
    article = _own_h1_page(tmp_path, h1=label)
    assert article["title"] == "Island trips: ferry or bus? Which one saves you money?"
    assert article["title_source"] == "html metadata"


def test_the_h1_beats_a_title_whose_words_the_page_prints_nowhere(tmp_path):
    article = _own_h1_page(tmp_path, title="Welcome")
    assert article["title"] == "Island trips: the ferry or the bus bridge?"
    assert article["title_source"] == "html page <h1>"


def test_an_h1_outside_the_article_is_not_its_headline(data_dir, tmp_path):
    page = (data_dir / SHAPES / "own_h1.html").read_text(encoding="utf-8")
    page = page.replace('<h1 class="entry-title">Island trips: the ferry or the bus bridge?</h1>', "")
    page = page.replace('<a href="/about">About</a></header>', '<a href="/about">About</a><h1>Travel and Leisure</h1></header>')
    (tmp_path / "section.html").write_text(page, encoding="utf-8")
    assert _article(tmp_path / "section.html")["title"] == "Island trips: ferry or bus? Which one saves you money?"
