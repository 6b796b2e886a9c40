"""Dates written without a year (undated, said so) and date filters by day, month or year: real files,
the real model, the real command line."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest

from topics import load_corpus
from topics.errors import InputError, TopicsWarning
from topics.modeling.timeline import unit_dates
from topics.search.index import Index

# Short news items written for these tests; each row's date is written as a table might write it.
ROWS = [
    ("raid", "March 18", "Troops detained two suspects in Kandahar during a night raid on a compound near the city."),
    ("airport", "2021-08-15", "The airport in Kabul was crowded as evacuation flights began and families waited at the gates."),
    ("dateline", "3/18", "KABUL, Afghanistan (Jan. 25, 2013)\nA coalition force killed a Taliban leader in Ghazni province yesterday."),
    ("ballots", "Tuesday", "Election officials counted ballots in Herat through the night as observers watched."),
    ("fall", "August 2021", "Kabul fell to the Taliban as the government collapsed and the president left the country."),
    ("clock", "10:30", "Flooding closed the main road to Jalalabad and stranded trucks carrying food aid."),
    ("year", "2021", "Drought left farmers in the north with failed wheat harvests for a second season."),
    ("july", "2021-07-20", "The Taliban took control of border crossings with Iran and Tajikistan in a swift advance."),
]


def write_jsonl(path: Path) -> Path:
    path.write_text("".join(json.dumps({"id": i, "date": d, "text": t}) + "\n" for i, d, t in ROWS), encoding="utf-8")
    return path


def test_a_table_date_without_a_year_is_no_date_and_is_named(tmp_path):
    path = write_jsonl(tmp_path / "news.jsonl")
    # Line 3's text dates it ("KABUL, Afghanistan (Jan. 25, 2013)"): not named, as not counted undated.
    with pytest.warns(TopicsWarning, match=r"news\.jsonl: 3 of 8 dates have no year \(line 1 'March 18', line 4 'Tuesday', line 6 '10:30'\)"):
        corpus = load_corpus(path)
    articles = corpus.articles.set_index("article_id")
    for article in ("raid", "ballots", "clock"):
        assert pd.isna(articles.loc[article, "date"]), article  # never the year 1, never today
        assert articles.loc[article, "date_precision"] == "no year"
        assert articles.loc[article, "date_source"] == "no year"
    # A date with its year in the text's dateline wins over the cell without one.
    assert articles.loc["dateline", "date"] == "2013-01-25"
    assert articles.loc["dateline", "date_source"].startswith("dateline in the text")
    assert articles.loc["fall", ["date", "date_precision"]].tolist() == ["2021-08-01", "month"]
    assert corpus.summary()["dates_by_precision"]["no year"] == 3
    notes = dict(zip(corpus.articles["article_id"], unit_dates(corpus.articles).date_notes()))
    assert notes["raid"] == "no year" and notes["fall"] == "month only" and notes["airport"] is None


def test_a_csv_names_its_lines_and_an_unreadable_date_stays_unreadable(tmp_path):
    path = tmp_path / "news.csv"
    pd.DataFrame({"id": ["a", "b", "c"], "date": ["18.03.", "yesterday", "2012-05-01"],
                  "text": [t for *_, t in ROWS[:3]]}).to_csv(path, index=False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load_corpus(path)
    messages = [str(w.message) for w in caught]
    assert any("1 of 3 dates have no year (line 2 '18.03.')" in m for m in messages), messages
    assert any("could not be read as dates (line 3 'yesterday')" in m for m in messages), messages
    assert corpus.articles.set_index("article_id")["date_source"].to_dict() == {"a": "no year", "b": "unreadable", "c": "given"}


def test_a_date_cell_of_100k_characters_is_unreadable_and_never_parsed(tmp_path, monkeypatch):
    # dateutil (under pandas too) takes seconds on a run of "0." this long: such a cell is no date, read as any
    # unreadable one, and no parser sees it. A real date padded with spaces still reads as before.
    from dateutil.parser import parser as dateutil_parser

    lengths = []
    parse = dateutil_parser.parse

    def counted(self, text, *args, **kwargs):
        lengths.append(len(text))
        return parse(self, text, *args, **kwargs)

    monkeypatch.setattr(dateutil_parser, "parse", counted)
    path = tmp_path / "news.csv"
    pd.DataFrame({"id": ["a", "b", "c"], "date": ["0." * 50_000, " " * 500 + "March 18, 2012" + " " * 500, "2012-05-01"],
                  "text": [t for *_, t in ROWS[:3]]}).to_csv(path, index=False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load_corpus(path)
    assert max(lengths, default=0) < 1_000, sorted(lengths)[-3:]
    messages = [str(w.message) for w in caught]
    assert any("1 of 3 dates could not be read as dates (line 2 '0.0.0." in m for m in messages), messages
    articles = corpus.articles.set_index("article_id")
    assert articles["date_source"].to_dict() == {"a": "unreadable", "b": "given", "c": "given"}
    assert articles.loc["b", "date"] == "2012-03-18" and pd.isna(articles.loc["a", "date"])


PAGE_BODY = ("Afghan security forces on Sunday retook the centre of a district in the north after a week of heavy fighting "
             "with Taliban insurgents, officials said, in a rare success for government troops this spring.\n\n"
             "The district had fallen to the insurgents last week after they overran several checkpoints and forced "
             "the police to retreat to the provincial capital, where reinforcements were gathered.\n\n"
             "Officials said dozens of insurgents were killed, though the figures could not be independently verified.\n")
PAGE_HEADER = "Home | World | Politics\n\nAfghan forces retake district centre after week of fighting\n\n"


def test_a_page_date_line_without_a_year_is_said_so(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    body, header = PAGE_BODY, PAGE_HEADER
    (folder / "yearless.txt").write_text(header + "By Jane Doe March 18 at 3:57 PM\n\n" + body, encoding="utf-8")
    (folder / "dated.txt").write_text(header.replace("Afghan", "Afghan army") + "By Jane Doe March 18, 2015 at 3:57 PM\n\n"
                                      + body.replace("Sunday", "Monday"), encoding="utf-8")
    with pytest.warns(TopicsWarning, match=r"1 page prints its date without a year .*yearless\.txt: 'By Jane Doe March 18 at 3:57 PM'"):
        corpus = load_corpus(folder, near_duplicate_threshold=1.01)
    articles = corpus.articles.set_index("article_id")
    assert pd.isna(articles.loc["yearless", "date"]) and articles.loc["yearless", "date_precision"] == "no year"
    assert articles.loc["dated", ["date", "date_precision"]].tolist() == ["2015-03-18", "day"]


MORE_BODY = ("The governor said the district's markets would reopen within days and that families who had fled the "
             "fighting could return once the roads were cleared of mines.\n\n"
             "Aid groups warned that food stocks in the area were running low and that the bridge on the main road "
             "had been damaged in the fighting, slowing deliveries from the provincial capital.\n\n"
             "Residents described nights of shelling and said many homes near the bazaar had been destroyed.\n\n"
             "The army said it would keep troops in the district until local police units had been rebuilt and "
             "trained to hold the checkpoints on their own.\n")


def byline_page(byline: str, footer: str = "", comments: str = "") -> str:
    """A blog page whose byline dates the post and stands in the author's box under it, past the share
    buttons, as Medium sets it ("Written on Mar 17 by" over the author's name)."""
    return (PAGE_HEADER + PAGE_BODY + "\n" + MORE_BODY + "\nRecommendRecommended\n\nBookmarkBookmarked Share More\n\n" + comments
            + f"{byline}\n\nJane Doe\n\nFreelance writer and photographer. Will work for coffee.\n\nFollowFollowing\n" + footer)


@pytest.mark.parametrize("byline", ["Written on Mar 17 by", "Published on 17 March by Jane Doe", "Posted on Mar. 17th by",
                                    "Updated on Mar 17 by"])
def test_a_byline_that_dates_the_post_without_a_year(tmp_path, byline):
    # Before: "Written on Mar 17 by" under the post was not read as a date line at all.
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "post.txt").write_text(byline_page(byline, footer="\n© 2015 Example Media. All rights reserved.\n"), encoding="utf-8")
    (folder / "other.txt").write_text(byline_page(byline).replace("Afghan", "Afghan army").replace("dozens", "scores"), encoding="utf-8")
    with pytest.warns(TopicsWarning, match=rf"1 page prints its date without a year .*other\.txt: {re.escape(repr(byline))}"):
        corpus = load_corpus(folder, near_duplicate_threshold=1.01)  # two takes of one page: both kept
    articles = corpus.articles.set_index("article_id")
    # The page's copyright year completes it; without one the post is undated, and says why.
    assert articles.loc["post", ["date", "date_precision"]].tolist() == ["2015-03-17", "day"]
    assert articles.loc["post", "date_source"] == "page header: date in byline without a year"
    assert pd.isna(articles.loc["other", "date"]) and articles.loc["other", "date_source"] == "no year"
    dropped = corpus.dropped_lines[corpus.dropped_lines["line"] == byline]
    assert dropped["reason"].tolist() == ["date line", "date line"]


def test_a_dated_byline_with_its_year_under_the_post_and_one_in_the_comments(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "post.txt").write_text(byline_page("Written on Tuesday 17 March 2015 at 09:11 by"), encoding="utf-8")
    # A reader's comment signed the same way is not the post's date.
    comment = "3 Comments\n\nPosted on March 19, 2015 by Sam\n\nGreat reporting, thank you for this.\n\n"
    (folder / "commented.txt").write_text(byline_page("Written by", comments=comment).replace("Afghan", "Afghan army"), encoding="utf-8")
    corpus = load_corpus(folder, near_duplicate_threshold=1.01)
    articles = corpus.articles.set_index("article_id")
    assert articles.loc["post", "date"] == "2015-03-17"
    assert pd.isna(articles.loc["commented", "date"]) and articles.loc["commented", "date_source"] == "none"


HTML_PAGE = """<!DOCTYPE html>
<html><head><title>Afghan forces retake district centre after week of fighting</title>{meta}</head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Afghan forces retake district centre after week of fighting</h1>
<p class="byline">By Jane Doe March 18 at 3:57 PM</p>
<p>Afghan security forces on Sunday retook the centre of a district in the north after a week of heavy fighting with
Taliban insurgents, officials said, in a rare success for government troops this spring.</p>
<p>The district had fallen to the insurgents last week after they overran several checkpoints and forced the police
to retreat to the provincial capital, where reinforcements were gathered.</p>
<p>Officials said dozens of insurgents were killed, though the figures could not be independently verified and the
Taliban disputed the account in a statement of their own.</p></article></body></html>
"""


def test_an_html_page_with_a_date_line_without_a_year(tmp_path):
    page = tmp_path / "story.html"
    page.write_text(HTML_PAGE.format(meta=""), encoding="utf-8")
    with pytest.warns(TopicsWarning, match=r"story\.html: 'By Jane Doe March 18 at 3:57 PM'"):
        article = load_corpus(page).articles.iloc[0]
    assert article["date"] is None and article["date_source"] == article["date_precision"] == "no year"
    # The date the markup states, with its year, wins.
    page.write_text(HTML_PAGE.format(meta='<meta property="article:published_time" content="2015-03-18T15:57:00Z">'), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error", TopicsWarning)
        article = load_corpus(page).articles.iloc[0]
    assert article["date"] == "2015-03-18" and article["date_precision"] == "day"


def test_ingest_command_counts_dates_without_a_year(tmp_path):
    path = write_jsonl(tmp_path / "news.jsonl")
    result = subprocess.run([sys.executable, "-m", "topics", "ingest", str(path)], capture_output=True, text=True,
                            env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert result.returncode == 0, result.stderr
    assert "dates: 3 of 8 articles have a date written without its year" in result.stdout
    assert "3 of 8 dates have no year (line 1 'March 18', line 4 'Tuesday', line 6 '10:30')" in result.stderr


def _yearless_counts(output: str, pattern: str) -> tuple[int, int]:
    found = re.search(pattern, output)
    assert found, output
    return int(found[1]), int(found[2])


def test_the_warning_and_the_summary_count_the_same_articles(tmp_path):
    # Before: the warning counted the table's rows as read (a row its dateline dates, a row dropped as
    # a duplicate of another) and the summary the corpus's articles: "5 of 9" against "3 of 8".
    rows = [*ROWS, ("raid-again", "March 19", ROWS[0][2])]  # the raid story twice, the copy dated without a year too
    path = tmp_path / "news.jsonl"
    path.write_text("".join(json.dumps({"id": i, "date": d, "text": t}) + "\n" for i, d, t in rows), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "topics", "ingest", str(path)], capture_output=True, text=True,
                            env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert result.returncode == 0, result.stderr
    summary = _yearless_counts(result.stdout, r"dates: (\d+) of (\d+) articles have a date written without its year")
    warned = _yearless_counts(result.stderr, r"news\.jsonl: (\d+) of (\d+) dates have no year")
    assert warned == summary == (3, 8)
    with pytest.warns(TopicsWarning, match="3 of 8 dates have no year"):
        assert "raid-again" not in load_corpus(path).articles["article_id"].tolist()  # dropped as a duplicate

    # Pages: a page saved twice is one article, and one page in the warning.
    folder = tmp_path / "pages"
    folder.mkdir()
    page = PAGE_HEADER + "By Jane Doe March 18 at 3:57 PM\n\n" + PAGE_BODY
    for name in ("story.txt", "story-copy.txt"):
        (folder / name).write_text(page, encoding="utf-8")
    (folder / "other.txt").write_text(PAGE_HEADER.replace("Afghan", "Afghan army") + "By Jane Doe March 18, 2015\n\n"
                                      + PAGE_BODY.replace("Sunday", "Monday").replace("dozens", "scores"), encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load_corpus(folder)
    said = [str(w.message) for w in caught if "without a year" in str(w.message)]
    assert corpus.summary()["dates_by_precision"]["no year"] == 1 and len(corpus.articles) == 2
    assert len(said) == 1 and said[0].startswith("1 page prints its date without a year"), said


def test_the_unreadable_dates_warning_counts_the_articles_the_summary_counts(tmp_path):
    # Before: the warning was given as the rows were read, so a row later dropped as a duplicate was
    # counted ("2 of 10 dates could not be read") against the summary's 1 unreadable of 9 articles.
    rows = [*ROWS, ("airport-again", "yesterday", ROWS[1][2]),  # the airport story twice, the copy's date unreadable
            ("schools", "the other day", "Officials in Kunduz reopened schools for girls after months of closures, teachers said.")]
    path = tmp_path / "news.jsonl"
    path.write_text("".join(json.dumps({"id": i, "date": d, "text": t}) + "\n" for i, d, t in rows), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "topics", "ingest", str(path)], capture_output=True, text=True,
                            env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert result.returncode == 0, result.stderr
    articles = int(re.search(r"^(\d+) articles,", result.stdout, re.MULTILINE)[1])
    unreadable = int(re.search(r"^dates: .*?\b(\d+) unreadable\b", result.stdout, re.MULTILINE)[1])
    warned = _yearless_counts(result.stderr, r"news\.jsonl: (\d+) of (\d+) dates could not be read as dates")
    assert warned == (unreadable, articles) == (1, 9)
    assert "line 10 'the other day'" in result.stderr and "'yesterday'" not in result.stderr
    # Both table warnings name the same articles' rows: the no-year one is unchanged by the copy.
    assert _yearless_counts(result.stderr, r"news\.jsonl: (\d+) of (\d+) dates have no year") == (3, 9)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert "airport-again" not in load_corpus(path).articles["article_id"].tolist()  # dropped as a duplicate
    said = [str(w.message) for w in caught if "could not be read as dates" in str(w.message)]
    assert len(said) == 1 and "1 of 9 dates could not be read as dates (line 10 'the other day')" in said[0], said


@pytest.fixture(scope="module")
def dated_index(tmp_path_factory, embedder):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TopicsWarning)
        corpus = load_corpus(write_jsonl(tmp_path_factory.mktemp("dated") / "news.jsonl"))
    return Index.from_corpus(corpus, embedder, level="paragraph")


def found(index: Index, **window) -> set[str]:
    return set(index.search("Afghanistan", k=20, **window)["article_id"])


def test_month_and_year_bounds_match_by_span(dated_index):
    # "August 2021" overlaps a window from the 15th; compared as its first day it was missed.
    assert found(dated_index, date_from="2021-08-15") == {"airport", "fall", "year"}
    assert found(dated_index, date_from="2021-08", date_to="2021-08") == {"airport", "fall", "year"}
    assert found(dated_index, date_to="2021-07") == {"july", "year", "dateline"}
    assert found(dated_index, date_from="2021", date_to="2021") == {"airport", "fall", "year", "july"}
    assert found(dated_index, date_from="2021-08-16", date_to="2021-08-20") == {"fall", "year"}
    hits = dated_index.search("Kabul fell to the Taliban", k=3, date_from="2021-08-15").set_index("article_id")
    assert hits.loc["fall", "date"] == "2021-08" and hits.loc["airport", "date"] == "2021-08-15"  # as written


@pytest.mark.parametrize("bound, message", [("March 18", "has no year"), ("3/18", "has no year"), ("Tuesday", "has no year"),
                                            ("last spring", "is not a date"), ("2021-13", "is not a date"),
                                            ("0000", "is not a date"), ("0000-01", "is not a date")])  # year 0: a traceback
def test_bad_bounds_are_refused_by_name(dated_index, bound, message):
    with pytest.raises(InputError, match=f"date_to: '{bound}' {message}"):
        dated_index.search("Afghanistan", date_to=bound)
    with pytest.raises(InputError, match="date_from: 2021-09 is after date_to 2021-08"):
        dated_index.search("Afghanistan", date_from="2021-09", date_to="2021-08")


def run_similar(*args: str, cache_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TOPICS_CACHE_DIR": str(cache_dir)}
    return subprocess.run([sys.executable, "-m", "topics", "similar", *args], capture_output=True, text=True, env=env)


def test_similar_from_to_by_month(tmp_path, embedder):
    path = write_jsonl(tmp_path / "news.jsonl")
    result = run_similar("Kabul", str(path), "--from", "2021-08-15", "--to", "2021-08", "--json", cache_dir=embedder.cache_dir)
    assert result.returncode == 0, result.stderr
    hits = {hit["article_id"]: hit["date"] for hit in json.loads(result.stdout)["hits"]}
    assert hits == {"airport": "2021-08-15", "fall": "2021-08", "year": "2021"}
    assert "undated articles left out by --from/--to" in result.stderr
    refused = run_similar("Kabul", str(path), "--from", "March 18", cache_dir=embedder.cache_dir)
    shown = " ".join(refused.stderr.replace("\u2502", " ").split())  # the message as one line, out of its box
    assert refused.returncode == 2 and "--from: 'March 18' has no year" in shown, refused.stderr
