"""Dates and headlines of saved HTML pages: markup first, then the page as a reader sees it."""

from __future__ import annotations

import pytest

from topics.ingest.corpus import load_corpus
from topics.ingest.htmlmeta import GENERIC_HOW, iso_of, markup_date, parse_html, visible_text

PROSE = "".join(
    f"<p>The council voted on the new bridge plan for the {n}th time, and the mayor said the work would start soon.</p>"
    for n in range(4, 10)
)


def page(head: str = "", header: str = "", title: str = "Bridge plan wins the vote | Daily Example") -> str:
    return (
        f"<html><head><title>{title}</title>{head}</head><body>"
        "<nav><a>Home</a> <a>World</a> <a>Sport</a></nav><p>Sunny with scattered clouds</p>"
        f"<article><h1>Bridge plan wins the vote</h1>{header}{PROSE}</article>"
        "<footer>© 2019 Daily Example. Since 1999.</footer></body></html>"
    )


@pytest.mark.parametrize(
    "head, iso, how",
    [
        ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2016-07-29T22:42:34-04:00"}</script>', "2016-07-29", "json-ld"),
        ('<meta property="article:published_time" content="2015-03-11T19:46:14Z">', "2015-03-11", "meta"),
        ('<meta name="DC.date.issued" content="20140218">', "2014-02-18", "meta"),
        # Several stated dates: the earliest is the article's, the others are updates.
        ('<meta itemprop="datePublished" content="2015-03-12"><meta itemprop="datePublished" content="2015-03-11">', "2015-03-11", "meta"),
    ],
)
def test_date_stated_in_markup(head, iso, how):
    assert markup_date(parse_html(page(head))) [0] == iso
    assert how in markup_date(parse_html(page(head)))[1]


def test_time_element_and_values():
    tree = parse_html(page(header='<p>By Ann Lee <time itemprop="datePublished" datetime="2018-05-04">May 4</time></p>'))
    assert markup_date(tree) == ("2018-05-04", "time element")
    assert markup_date(parse_html(page())) == (None, None)
    assert iso_of("July 29, 2016") == "2016-07-29" and iso_of("2016-02-30") is None and iso_of("") is None


TEASER = ("<aside class='latest'><div itemscope itemtype='https://schema.org/NewsArticle'><a href='/x'>Latest: storm hits"
          " coast</a><time itemprop='datePublished' datetime='2023-06-10T08:00'>June 10</time></div></aside>")


def test_a_teasers_marked_time_does_not_beat_a_generic_meta_date():
    # The <time> in an <aside> dates another article; the page's own generic <meta name="date"> is nearer.
    tree = parse_html(page(head='<meta name="date" content="2023-05-02">').replace("<article>", TEASER + "<article>"))
    assert markup_date(tree) == ("2023-05-02", GENERIC_HOW)
    # With no other date stated, the teaser's is still read, as before.
    assert markup_date(parse_html(page().replace("<article>", TEASER + "<article>")))[0] == "2023-06-10"


def test_a_marked_time_by_the_headline_beats_a_generic_meta_date():
    byline = '<p>By Ann Lee <time itemprop="datePublished" datetime="2023-05-01">May 1</time></p>'
    in_article = page(head='<meta name="date" content="2023-05-02">', header=byline).replace("<article>", TEASER + "<article>")
    assert markup_date(parse_html(in_article)) == ("2023-05-01", "time element")
    # No <article> or <main>: the byline block around the <h1> is the article's header.
    loose = in_article.replace("<article>", "<div class='post'><div class='head'>").replace(byline, byline + "</div>")
    assert markup_date(parse_html(loose.replace("</article>", "</div>"))) == ("2023-05-01", "time element")


def test_visible_text_leaves_out_scripts_and_hidden_blocks():
    html = "<html><body><script>var x = 1;</script><div hidden>secret</div><p>One <b>bold</b> line</p><div>Two</div></body></html>"
    assert visible_text(parse_html(html)) == "One bold line\n\nTwo"


def test_html_date_from_the_printed_date_line_and_headline_from_the_page(tmp_path):
    # No date in the markup: the date line under the headline, not the footer's years.
    (tmp_path / "a.html").write_text(page(header="<p>By Ann Lee</p><p>Posted: Thu, 10 Jan 2008 03:47:03 GMT</p>"), encoding="utf-8")
    # The extractor's title would be the section name; the page's <title> holds the headline.
    (tmp_path / "b.html").write_text(
        page(head='<meta property="article:published_time" content="2019-08-06">', title="Bridge plan wins the vote - News")
        .replace("<article>", "<article><h2>City News</h2>").replace("council", "assembly"),
        encoding="utf-8",
    )
    corpus = load_corpus(tmp_path)
    rows = corpus.articles.set_index("article_id")
    assert rows.loc["a", "date"] == "2008-01-10"
    assert rows.loc["a", "date_source"].startswith("html metadata: date line")
    assert rows.loc["b", "date"] == "2019-08-06"
    assert rows.loc["b", "date_source"] == "html metadata: meta article:published_time"
    assert set(rows["title"]) == {"Bridge plan wins the vote"}
    assert not corpus.paragraphs["text"].str.contains("Bridge plan wins the vote").any()


def test_headline_in_the_page_wins_over_an_extractor_title_that_is_a_section_name(tmp_path):
    # trafilatura takes the page's <h1>, here the section's name, for the title.
    html = (
        "<html><head><title>Bridge plan wins the vote - Daily Example</title></head><body><h1>City News</h1>"
        f"<article><h2>Bridge plan wins the vote</h2><p>By Ann Lee</p>{PROSE}</article></body></html>"
    )
    (tmp_path / "c.html").write_text(html, encoding="utf-8")
    article = load_corpus(tmp_path / "c.html").articles.iloc[0]
    assert (article["title"], article["title_source"]) == ("Bridge plan wins the vote", "html page header")
    assert article["date_source"] == "none"


@pytest.mark.parametrize("html_tag, head, iso", [
    ('<html lang="en-GB">', "", "2021-12-06"), ('<html lang="fr">', "", "2021-12-06"), ('<html lang="de-AT">', "", "2021-12-06"),
    ("<html>", '<meta property="og:locale" content="en_GB">', "2021-12-06"),
    ('<html lang="en-US">', "", "2021-06-12"), ('<html lang="en">', "", "2021-06-12"), ("<html>", "", "2021-06-12"),  # nothing decides
])
def test_a_numeric_date_is_read_in_the_order_of_the_language_the_page_declares(tmp_path, html_tag, head, iso):
    html = page(head, header="<p>By Ann Lee</p><p>Posted: 06/12/2021 16:30</p>").replace("<html>", html_tag, 1)
    (tmp_path / "a.html").write_text(html, encoding="utf-8")
    assert load_corpus(tmp_path / "a.html").articles.iloc[0]["date"] == iso
