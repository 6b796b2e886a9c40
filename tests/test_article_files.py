"""An analyst's own article files (a title line, a date line, then the body): the same units as the
same articles in a table, the stand-first kept, and a copy folded into another dated otherwise said so."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import warnings

from topics import load_corpus

BREWERS = (
    "Brewers turn to beer alternatives",
    "Brewers are increasingly making money from beer-flavoured drinks rather than beer itself",
    [
        "Beer and spirits are heavily taxed, driving breweries to search for cheaper drinks. A long downturn "
        "helped the trend along, as drinkers looked for cheaper ways to spend an evening out.",
        "One brewer predicts profits will rise by half this year as it launches a drink made from peas "
        "rather than malt, and its rivals already sell drinks of the kind with some success.",
    ],
)
SPAM = (
    "Screensaver tackles spam websites",
    "Net users are getting the chance to fight back against spam websites",
    [
        "A web portal has made a screensaver that endlessly requests data from the sites that sell the goods "
        "mentioned in spam mail, hoping to make their monthly bandwidth bills soar.",
        "The firm estimates that if enough people download the screensaver, spammers could end up paying "
        "to send out terabytes of data, a spokesman told reporters on Tuesday.",
    ],
)
MATCH = (
    "Harbour Town beat Riverside",
    "Harbour Town came from behind to beat Riverside in a tense league match on Saturday afternoon.",
    [
        "Riverside led at the break through a header from their captain, but two goals in the last ten "
        "minutes turned the game around and sent the home crowd away happy.",
        "Adams; Brook, Carter, Dale, Evans; Fisher, Grant; Hill, Irwin, Jones (capt), King.",
        "Replacements: Lowe, Moss, Nash, Owen, Price, Rowe, Sharp.",
        "Parry; Quinn, Reid, Shaw, Todd; Upton, Vance; Walsh, Young, Zeller, Abbott.",
        "Replacements (from): Bell, Cole, Dunn, Ford, Gale, Hart.",
    ],
)


def write_file(folder, name, article, date="20 May 2005", title=None):
    headline, standfirst, body = article
    text = "\n\n".join([standfirst, *body])
    (folder / f"{name}.txt").write_text(f"{title or headline}\n{date}\n\n{text}\n", encoding="utf-8")


def paragraphs_of(corpus, article_id):
    return corpus.paragraphs[corpus.paragraphs["article_id"] == article_id]["text"].tolist()


def test_a_stand_first_without_a_full_stop_opens_the_article(tmp_path):
    write_file(tmp_path, "brewers", BREWERS)
    write_file(tmp_path, "spam", SPAM)
    corpus = load_corpus(tmp_path)
    titles = corpus.articles.set_index("article_id")["title"]
    for name, (headline, standfirst, body) in (("brewers", BREWERS), ("spam", SPAM)):
        assert titles[name] == headline  # not the stand-first, however much of the lead it shares
        assert paragraphs_of(corpus, name)[:2] == [standfirst, body[0]]
        assert standfirst not in corpus.dropped_lines["line"].tolist()


def test_a_web_page_keeps_its_stand_first_under_the_headline_and_loses_its_footer(tmp_path):
    headline, standfirst, body = SPAM
    footer = ["Related stories", "Lycos names its new chief executive", "Terms of use", "Privacy policy"]
    page = "\n\n".join(["Skip to content", "Home", "News", "Sport", headline, "27 July 2005", standfirst, *body, *footer])
    (tmp_path / "page.txt").write_text(page, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert corpus.articles["title"].tolist() == [headline]  # not the stand-first under the date line
    assert corpus.paragraphs["text"].tolist() == [standfirst, *body]
    assert set(footer) <= set(corpus.dropped_lines["line"])


def test_a_folder_of_article_files_gives_the_units_of_the_same_table(tmp_path):
    folder = tmp_path / "files"
    folder.mkdir()
    articles = {"match": MATCH, "brewers": BREWERS, "spam": SPAM}
    for name, article in articles.items():
        write_file(folder, name, article)
    table = tmp_path / "articles.csv"
    with table.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["Story ID", "Headline", "Published", "Body"])
        for name, (headline, standfirst, body) in articles.items():
            writer.writerow([name, headline, "2005-05-20", "\n\n".join([standfirst, *body])])
    from_files = load_corpus(folder)
    from_table = load_corpus(table, text_column="Body", id_column="Story ID", title_column="Headline", date_column="Published")
    for name, (_, standfirst, body) in articles.items():
        assert paragraphs_of(from_files, name) == paragraphs_of(from_table, name) == [standfirst, *body], name
    # The team sheets are the match report's, not a page's footer.
    assert not from_files.dropped_lines["reason"].str.contains("chrome").any()


def test_a_page_footer_is_still_dropped_under_a_team_sheet(tmp_path):
    headline, standfirst, body = MATCH
    footer = ["More from Sport", "Terms of use", "Privacy policy"]
    page = "\n\n".join(["Skip to content", "Home", "Sport", headline, "20 May 2005", standfirst, *body, *footer])
    (tmp_path / "page.txt").write_text(page, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert corpus.paragraphs["text"].tolist() == [standfirst, *body]
    assert set(footer) <= set(corpus.dropped_lines["line"])


def test_a_copy_folded_into_an_article_dated_otherwise_is_named_with_both_dates(tmp_path):
    write_file(tmp_path, "a", BREWERS, date="14 September 2005")
    write_file(tmp_path, "b", BREWERS, date="19 March 2005")
    write_file(tmp_path, "c", SPAM)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load_corpus(tmp_path)
    row = corpus.duplicates.set_index("unit_id").loc["b"]
    assert (row["duplicate_of"], row["date"], row["duplicate_of_date"]) == ("a", "2005-03-19", "2005-09-14")
    note = "b (2005-03-19) folded into a (2005-09-14)"
    assert corpus.summary()["duplicates_dated_apart"] == [note]
    assert any(note in str(w.message) for w in caught), [str(w.message) for w in caught]
    # The command line says it too: in its JSON, its table and its log.
    run = [sys.executable, "-m", "topics", "ingest", str(tmp_path)]
    data = json.loads(subprocess.run([*run, "--json"], capture_output=True, text=True, env=os.environ, check=True).stdout)
    assert data["summary"]["duplicates_dated_apart"] == [note]
    assert {"unit_id": "b", "date": "2005-03-19", "duplicate_of_date": "2005-09-14"}.items() <= data["duplicates"][0].items()
    shown = subprocess.run(run, capture_output=True, text=True, env=os.environ, check=True)
    assert "dated 2005-03-19, kept 2005-09-14" in shown.stdout and note in shown.stderr


def test_a_list_of_the_topics_the_article_writes_in_lower_case_is_not_a_team_sheet():
    # Before: any title-case list closed by a full stop under an article was kept as a paragraph, a tag list too.
    from topics.ingest.boilerplate import clean_article
    from topics.ingest.repeats import Repeats

    page = "\n\n".join([
        "Home | News | Sport | Weather", "Wind Farms Overtake Coal for the First Time", "12 March 2019",
        "Wind power produced more electricity than coal last year, as renewable energy grew across the country.",
        "Officials said climate change targets had pushed utilities to build solar power and wind farms faster.",
        "Analysts expect electric cars to add demand for renewable energy over the coming decade, officials said.",
        "Explore More: Climate Change, Renewable Energy, Wind Power, Solar Power, Electric Cars.",
        "Privacy Policy | Terms of Use | Contact Us",
    ])
    kept = [text for _, text in clean_article(page, Repeats.of([]), find_header=True).paragraphs]
    assert not any(text.startswith("Explore More") for text in kept) and len(kept) == 3
    sheet = page.replace("Explore More: Climate Change, Renewable Energy, Wind Power, Solar Power, Electric Cars.",
                         "Wales: G Thomas (Toulouse), H Luscombe (Dragons), T Shanklin (Blues), G Henson (Ospreys).")
    kept = [text for _, text in clean_article(sheet, Repeats.of([]), find_header=True).paragraphs]
    assert kept[-1].startswith("Wales: G Thomas")


def test_an_article_id_holding_a_hash_keeps_its_date_among_the_duplicates(tmp_path):
    # Before: "report#1" was read as paragraph 1 of "report", which has no date: "folded into report#1 (nan)".
    text = ("The council voted on Tuesday to approve the new budget for the city's schools and roads.\n\n"
            "Officials said the plan would take effect next year after a long public debate over costs.")
    path = tmp_path / "copies.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([["id", "text", "date"], ["report#1", text, "2020-01-05"], ["other", text, "2020-01-05"]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        corpus = load_corpus(path)
    row = corpus.duplicates.iloc[0]
    assert (row["date"], row["duplicate_of_date"]) == ("2020-01-05", "2020-01-05")
    assert corpus.summary()["duplicates_dated_apart"] == []
    shown = subprocess.run([sys.executable, "-m", "topics", "ingest", str(path)], capture_output=True, text=True,
                           env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert shown.returncode == 0 and "nan" not in shown.stdout and "dated" not in shown.stdout


def test_match_details_and_score_lines_in_saved_files_are_the_articles_as_in_the_table(tmp_path):
    # Before: sports reports saved as files (headline line, then the text; BBC News, see data/README.md) lost the
    # draw's pools, the team sheets and the referee under them and the lines over them, as a web page's header and footer.
    import pandas as pd

    sample = pd.read_csv(os.path.join(os.path.dirname(__file__), "data", "bbc_sample.csv"))
    rows = sample[sample["id"].isin(["bbc-1282", "bbc-1348", "bbc-1780"])]
    folder = tmp_path / "files"
    folder.mkdir()
    for row in rows.itertuples():
        (folder / f"{row.id}.txt").write_text(f"{row.title}\n\n{row.text}\n", encoding="utf-8")
    table = tmp_path / "articles.csv"
    rows[["id", "title", "text"]].to_csv(table, index=False)
    from_files, from_table = load_corpus(folder), load_corpus(table)
    for name in rows["id"]:
        assert paragraphs_of(from_files, name) == paragraphs_of(from_table, name), name
    kept = [text for name in rows["id"] for text in paragraphs_of(from_files, name)]
    assert {"Playing colours:", "All black", "Paul Honiss (New Zealand)"} <= set(kept)
    assert not from_files.dropped_lines["reason"].str.contains("chrome").any()


def test_a_file_that_opens_with_its_headline_but_shows_a_page_still_loses_its_footer(tmp_path):
    headline, standfirst, body = MATCH
    footer = ["Share this article", "Terms of use", "Privacy policy"]
    (tmp_path / "page.txt").write_text("\n\n".join([headline, "20 May 2005", standfirst, *body, *footer]), encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert corpus.paragraphs["text"].tolist() == [standfirst, *body]
    assert set(footer) <= set(corpus.dropped_lines["line"])


def test_a_related_topics_line_of_names_is_no_team_sheet():
    # Before: "Related Topics: Brexit, European Union, …" read as a list of names closed by a full stop, a team sheet.
    from topics.ingest.boilerplate import clean_article
    from topics.ingest.repeats import Repeats

    tags = "Related Topics: Brexit, European Union, Theresa May, Boris Johnson."
    article = [
        "Ministers Prepare for the Next Round of Talks", "12 March 2019",
        "Ministers met on Tuesday to prepare for the next round of talks, as the deadline for a deal drew closer.",
        "Officials said the prime minister would travel to the summit later in the week to meet other leaders.",
        "Analysts expect the talks to run late into the night, with several questions on trade still open.",
        tags,
    ]
    for page in (["Home | News | Politics | Weather", *article, "Privacy Policy | Terms of Use"], article):
        cleaned = clean_article("\n\n".join(page), Repeats.of([]), find_header=True)
        assert [text for _, text in cleaned.paragraphs] == article[2:5]
        assert tags in [line for line, _ in cleaned.dropped]
