"""Tables as spreadsheets and feeds write them: dates with time-zone names or month names in other
languages, semicolons for separators, UTF-16 without a byte-order mark, stray NUL bytes."""

from __future__ import annotations

import warnings

import pytest

from topics.errors import InputError, TopicsWarning
from topics.ingest.corpus import load_corpus
from topics.ingest.table_input import iso_date
from topics.text.dates import written_precision, written_without_year

STORIES = [
    "The Federal Reserve held interest rates steady on Monday, citing a strong labor market.",
    "Stocks rallied on Tuesday as fears over the Omicron variant eased and tech shares rebounded.",
    "Oil prices rose for a third day as investors bet that demand would hold up through the winter.",
    "Gold slipped as the dollar firmed ahead of the inflation figures due on Friday.",
]


def _loaded(path):
    """The corpus at ``path`` and every warning raised while reading it."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load_corpus(path)
    return corpus, caught


@pytest.mark.parametrize("cell, iso", [
    ("Tue, 07 Dec 2021 16:05:00 PST", "2021-12-07"), ("Wed, 08 Dec 2021 09:30:00 CET", "2021-12-08"),
    ("Thu, 09 Dec 2021 23:30:00 BST", "2021-12-09"), ("Dec 6 2021 10:00AM EST", "2021-12-06"),
    ("2021-12-08 09:30 ET", "2021-12-08"), ("December 9, 2021 10:14 AM GMT+4", "2021-12-09"),
    ("6 déc. 2021", "2021-12-06"), ("06. Dezember 2021", "2021-12-06"), ("lundi 6 décembre 2021", "2021-12-06"),
    ("6 de diciembre de 2021", "2021-12-06"),
])
def test_a_date_with_a_time_zone_name_or_a_month_in_another_language_is_read(cell, iso):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no library's warning reaches the user
        assert iso_date(cell) == iso
        assert written_precision(cell) == "day" and not written_without_year(cell)


def test_a_feeds_dates_with_time_zone_names_date_every_row_and_no_library_warns(tmp_path):
    table = tmp_path / "feed.csv"
    dates = ["Mon, 06 Dec 2021 10:00:00 -0500", "Tue, 07 Dec 2021 16:05:00 EST", "Wed, 08 Dec 2021 09:30:00 CET", "Q4 2021"]
    rows = [f'x{i},"{date}","{text}"' for i, (date, text) in enumerate(zip(dates, STORIES))]
    table.write_text("id,date,text\n" + "\n".join(rows) + "\n", encoding="utf-8")
    corpus, caught = _loaded(table)
    assert corpus.articles.set_index("article_id")["date"].tolist()[:3] == ["2021-12-06", "2021-12-07", "2021-12-08"]
    assert [w.category for w in caught] == [TopicsWarning]  # the one unreadable date, named with its file
    assert "1 of 4 dates could not be read" in str(caught[0].message) and "tzname" not in str(caught[0].message)


def _semicolon_export(tmp_path, name="export.csv"):
    """A table as Excel saves it as CSV where a comma is the decimal mark: ";" between cells, dates with dots."""
    rows = [f'a{i};"Story {i}";0{i + 3}.12.2021;"{text}";1,5' for i, text in enumerate(STORIES)]
    path = tmp_path / name
    path.write_text("ID;Title;Date;Text;Wert\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_a_csv_separated_by_semicolons_is_read_with_its_dates_day_first(tmp_path):
    corpus, caught = _loaded(_semicolon_export(tmp_path))
    articles = corpus.articles.set_index("article_id")
    assert articles["title"].tolist() == [f"Story {i}" for i in range(4)]
    assert articles["date"].tolist() == ["2021-12-03", "2021-12-04", "2021-12-05", "2021-12-06"]
    assert not caught  # nothing unclear: dates written with dots are day first


def test_a_utf16_csv_without_byte_order_mark_is_read_and_said(tmp_path):
    path = tmp_path / "utf16.csv"
    text = "id,date,text\r\n" + "".join(f'b{i},2021-12-0{i + 1},"{story} Café."\r\n' for i, story in enumerate(STORIES))
    path.write_bytes(text.encode("utf-16-le"))
    corpus, caught = _loaded(path)
    assert corpus.articles["date"].tolist() == ["2021-12-01", "2021-12-02", "2021-12-03", "2021-12-04"]
    assert "Café" in corpus.paragraphs["text"].iloc[0] and "\x00" not in "".join(corpus.paragraphs["text"])
    assert len(caught) == 1 and "UTF-16-LE without byte-order mark" in str(caught[0].message)


def test_a_nul_in_a_cell_is_dropped(tmp_path):
    path = tmp_path / "nul.tsv"
    stray = [story.replace("on", "o\x00n", 1) for story in STORIES]
    rows = "".join(f"c{i}\t2021-12-0{i + 1}\t{story}\n" for i, story in enumerate(stray))
    path.write_bytes(("id\tdate\ttext\n" + rows).encode("utf-8"))
    corpus, caught = _loaded(path)
    assert corpus.paragraphs["text"].tolist()[:1] == [STORIES[0]]
    n_nuls = sum(story.count("\x00") for story in stray)
    assert len(caught) == 1 and f"{n_nuls} NUL bytes dropped" in str(caught[0].message)


def test_a_table_or_a_workbook_inside_a_folder_is_listed_as_skipped_with_why(tmp_path):
    (tmp_path / "note.txt").write_text("Rates on hold\n\n" + " ".join(STORIES), encoding="utf-8")
    _semicolon_export(tmp_path, "export.csv")
    (tmp_path / "news.xlsx").write_bytes(b"PK\x03\x04" + bytes(100))
    corpus = load_corpus(tmp_path)
    assert corpus.articles["title"].tolist() == ["Rates on hold"]
    reasons = dict(zip(corpus.skipped["source"].map(lambda s: s.rsplit("/", 1)[-1]), corpus.skipped["reason"]))
    assert "a table inside a folder" in reasons["export.csv"] and "read the table on its own" in reasons["export.csv"]
    assert "not a supported format: save it as CSV" in reasons["news.xlsx"]
    with pytest.raises(InputError, match="news.xlsx: a spreadsheet workbook is not a supported format"):
        load_corpus(tmp_path / "news.xlsx")


def test_a_cell_that_is_an_html_fragment_is_read_as_a_page_is(tmp_path):
    # A CMS's export of its posts: "<p>...</p>", block comments and figures were kept as text, tags and all.
    import pandas as pd

    post = ("<!-- wp:paragraph -->\n<p>When the river came over the levee it took most of the <strong>community garden</strong> "
            "with it.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:heading -->\n<h2>Starting again with what we had</h2>\n"
            "<!-- /wp:heading -->\n<p>It was the children from the after-school program who changed our minds.</p>\n"
            "<figure><img src=\"garden.jpg\" alt=\"\"/><figcaption>Volunteers clearing silt. Photo: Dan Okafor</figcaption></figure>")
    prose = "Allowed HTML tags: <em> <strong>. A <p> tag opens a paragraph and 3 < 4 holds."
    pd.DataFrame({"id": ["post", "prose"], "text": [post, prose]}).to_csv(tmp_path / "export.csv", index=False)
    corpus = load_corpus(tmp_path / "export.csv")
    paragraphs = corpus.paragraphs.set_index("paragraph_id")
    assert paragraphs.loc["post#p000", "text"] == "When the river came over the levee it took most of the community garden with it."
    assert paragraphs.loc["post#p001", "section"] == "Starting again with what we had"
    assert not any("<" in text or "wp:" in text for text in corpus.paragraphs["text"] if not text.startswith("Allowed"))
    # Prose that names tags says what it says.
    assert corpus.articles.set_index("article_id").loc["prose", "text"] == prose


def test_spaces_around_a_header_are_no_part_of_its_name(tmp_path):
    # A spreadsheet's "Body " and "Date " were not found: the table said it had no text column.
    path = tmp_path / "spaced.csv"
    path.write_text(' id,title ,Date ,Body \na1,Rates held,2021-12-03,"The Federal Reserve held rates steady on Monday."\n',
                    encoding="utf-8")
    article = load_corpus(path).articles.iloc[0]
    assert (article["article_id"], article["title"], article["date"]) == ("a1", "Rates held", "2021-12-03")
    assert load_corpus(path, text_column="Body").articles.iloc[0]["article_id"] == "a1"
