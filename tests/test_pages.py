"""Ingest of web pages: HTML through trafilatura, page-text dumps, and broken pages."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from topics.ingest.boilerplate import chrome_reason, clean_article
from topics.ingest.corpus import load_corpus
from topics.errors import InputError
from topics.ingest.outline import clean_extracted
from topics.ingest.pagedates import date_line
from topics.ingest.repeats import Repeats

WIKI = "090_wikipedia-3"


def test_html_page_through_trafilatura(data_dir):
    corpus = load_corpus(data_dir / "pages" / f"{WIKI}.html")
    article = corpus.articles.iloc[0]
    assert article["title"] == "Hermitian matrix"
    assert article["extractor"] == "trafilatura"
    assert article["title_source"] == "html metadata"
    assert article["site"] == "en.wikipedia.org"
    paragraphs = corpus.paragraphs
    assert paragraphs["text"].iloc[0].startswith("In mathematics, a Hermitian matrix")
    sections = set(paragraphs["section"].dropna())
    assert any(s.startswith("Examples") for s in sections) and any(s.startswith("Properties") for s in sections)
    joined = " ".join(paragraphs["text"])
    assert "Jump to navigation" not in joined and "Privacy policy" not in joined


def test_page_text_dump_body_and_chrome(data_dir):
    corpus = load_corpus(data_dir / "pages" / f"{WIKI}.txt")
    article = corpus.articles.iloc[0]
    assert article["extractor"] == "page text"
    texts = corpus.paragraphs["text"].tolist()
    assert any(t.startswith("In mathematics, a Hermitian matrix") for t in texts)
    assert "Jump to navigation Jump to search" in set(corpus.dropped_lines["line"])
    assert not any("Privacy policy" in t for t in texts)
    assert corpus.dropped_lines["reason"].notna().all()


def test_one_page_saved_as_html_and_as_text_loads_as_two_articles(data_dir):
    corpus = load_corpus(data_dir / "pages")  # 090_wikipedia-3.html and 090_wikipedia-3.txt
    assert sorted(corpus.articles["article_id"]) == [f"{WIKI}.html", f"{WIKI}.txt"]
    assert set(corpus.articles["title"]) == {"Hermitian matrix"}
    # The dump's paragraphs repeat the HTML's: collapsed as duplicates of them, the page itself is kept.
    assert corpus.paragraphs["article_id"].eq(f"{WIKI}.html").any()
    assert set(corpus.duplicates["duplicate_of"].str.split("#").str[0]) == {f"{WIKI}.html"}


def test_bad_pages_are_skipped_by_name(tmp_path, data_dir):
    shutil.copy(data_dir / "pages" / f"{WIKI}.html", tmp_path / "good.html")
    (tmp_path / "report.html").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj")
    (tmp_path / "photo.htm").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (tmp_path / "missing.html").write_text(
        "<html><head><title>404 Not Found</title></head><body><h1>Page not found</h1></body></html>", encoding="utf-8"
    )
    (tmp_path / "broken.html").write_text("<html><body><div><p>unclosed <b>tags <<<>>> &&& </div", encoding="utf-8")
    teasers = "".join(
        f"<article><h2><a href='/s{n}'>Council Number {n} Wins Praise Across the Region</a></h2><p>A review of the budget lists "
        f"the many ways in which towns spend, and what residents say about it {n}.</p><p>By Reporter Name{n}</p></article>"
        for n in range(8)
    )
    (tmp_path / "front.html").write_text(f"<html><body><nav><a>Home</a></nav><main><h1>World</h1>{teasers}</main></body></html>", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert "good" in corpus.articles["article_id"].tolist()
    # Malformed markup is read as well as it can be, or skipped by name: never a crash.
    assert "broken" in corpus.articles["article_id"].tolist() or str(tmp_path / "broken.html") in set(corpus.skipped["source"])
    skipped = dict(zip(corpus.skipped["source"], corpus.skipped["reason"]))
    assert "PDF" in skipped[str(tmp_path / "report.html")]
    assert "PNG image" in skipped[str(tmp_path / "photo.htm")]
    assert "no article" in skipped[str(tmp_path / "missing.html")]
    assert skipped[str(tmp_path / "front.html")].startswith("no single article: a list of 8 signed teasers")
    with pytest.raises(InputError, match="report.html.*PDF"):
        load_corpus(tmp_path / "report.html")


def test_page_in_another_language(tmp_path):
    page = (
        "<html lang='fr'><head><title>Le vote à l'Assemblée</title></head><body><nav>Accueil | Monde</nav>"
        "<article><h1>Le projet de loi adopté à l'Assemblée</h1>"
        + "".join(f"<p>Les députés ont adopté le texte par {n} voix, après un long débat sur la surveillance.</p>" for n in range(300, 306))
        + "</article><footer>© 2015 Le Journal</footer></body></html>"
    )
    (tmp_path / "fr.html").write_text(page, encoding="utf-8")
    corpus = load_corpus(tmp_path / "fr.html")
    assert len(corpus.paragraphs) >= 5
    assert not any("©" in t for t in corpus.paragraphs["text"])


@pytest.mark.parametrize(
    "line, iso",
    [
        ("December 29, 2007 at 11:29 AM EST", "2007-12-29"),
        ("Posted : Thu, 10 Jan 2008 03:47:03 GMT", "2008-01-10"),
        ("Mon 18 Nov 2019 18.54 GMT", "2019-11-18"),
        ("by Steven Musil January 18, 2017 11:00 PM PST", "2017-01-18"),
        ("Le Monde | 04.05.2015 à 13h36", "2015-05-04"),
        ("发稿时间：2017-03-10 08:42:00", "2017-03-10"),
        ("Filed to: Money 3/09/15 8:00am", "2015-03-09"),
        ("Dec 28 Sat 2013 00:28", "2013-12-28"),
        ("Scored 3/09/15 in the final round", None),
        ("Since 1st March, 1999", None),
        ("(c) 2008 Example News, All Rights Reserved.", None),
        ("The minister said on March 3, 2021 that the talks in Doha would resume within a week at the latest.", None),
    ],
)
def test_date_lines(line, iso):
    assert date_line(line, 8) == iso


@pytest.mark.parametrize(
    "line, reason",
    [
        ("Smith arrives at the summit in Brussels (Image: GETTY)", "photo caption"),
        ("Jim Watson/AFP/Getty Images", "photo credit"),
        ("(c) 2008 Example Daily, All Rights Reserved.", "copyright notice"),
        ("Lara Jakes is a diplomatic correspondent based in Washington.", "author bio"),
        ("Mark di Stefano is a breaking news reporter for BuzzFeed News and is based in Sydney.", "author bio"),
        ("Fahim Abed contributed reporting from Kabul.", "reporting credit"),
        ("We use cookies to improve your experience. By continuing you accept our cookie policy.", "cookie or consent notice"),
        ("The rise in cases is a concern, the World Health Organization said in a statement on Monday.", None),
        ("When spending money online is as simple as clicking one button it's difficult … Read more Read more", "related-content teaser"),
        ("How to Stop Impulse Buying How to Stop Impulse Buying How to Stop Impulse Buying", "related-content teaser"),
        ("How to Stop Impulse Buying Online How to Stop Impulse Buying Online How to Stop Impul", "related-content teaser"),
        ("A man walks past an armoured car parked on a street in the capital on Thursday Credit: STR/AFP", "photo caption"),
        ("The mayor after the vote. | Foto: Reuters", "photo caption"),
        ("The council said the figures, which residents had asked for, would be published on Monday.", None),
        ("7/50 Kicking up a skink Down Under", "gallery caption"),
        ("He paused… and then said nothing more for the rest of the meeting.", None),
    ],
)
def test_chrome_rules(line, reason):
    assert chrome_reason(line, Repeats()) == reason


def test_a_one_line_article_that_ends_with_a_photo_credit_is_kept():
    # Wire copy saved one article a line, with its captions: the line ends with the last photo's credit.
    # Read as a caption, every such article was dropped ("no article text left after removing boilerplate").
    story = ("Russian forces launched a rocket attack on a train station on Wednesday, killing 22 people, the president said. "
             "The attack took place in a town of about 3,500 people in the central region. ") * 10
    frame = pd.DataFrame({
        "id": ["a", "b"], "date": ["2022-08-24", "2022-08-25"],
        "text": [story + "People walk around destroyed vehicles in Kyiv, Ukraine, Wednesday, Aug. 24, 2022. (AP Photo/Emilio Morenatti)",
                 "Grain ships left Odesa on Thursday. " * 30 + "A ship docks in Odesa on Thursday. (AP Photo/Nariman El-Mofty, File)"],
    })
    corpus = load_corpus(frame)
    assert list(corpus.articles["article_id"]) == ["a", "b"]
    assert chrome_reason("People walk around destroyed vehicles in Kyiv. (AP Photo/Emilio Morenatti)", Repeats()) == "photo caption"


def test_advertisement_split_paragraph_is_rejoined():
    text = (
        "Headline of the story here\n\n"
        + "The council met on Monday to discuss the new budget, which has been debated for months. " * 2
        + "\n\nThe mayor said the plan would cut spending on roads and\n\nAdvertisement\n\n"
        "raise money for schools over the next three years, a change many residents had asked for.\n\n"
        + "Officials expect a final vote next week after a public hearing on the proposal. " * 2
    )
    cleaned = clean_article(text, Repeats(), find_header=True)
    texts = [t for _, t in cleaned.paragraphs]
    assert any("roads and raise money for schools" in t for t in texts)
    assert ("Advertisement", "navigation or form text") in cleaned.dropped
    assert cleaned.title == "Headline of the story here"


def test_templates_repeated_across_articles_are_dropped(tmp_path):
    names = ["Fahim Abed", "Najim Rahim", "Eric Schmitt", "Helene Cooper", "Adam Nossiter", "Mujib Mashal"]
    places = ["Kabul", "Doha", "Washington", "Islamabad", "Kandahar", "Herat"]
    topics = ["water", "schools", "roads", "power", "clinics", "markets"]
    for i, (name, place, topic) in enumerate(zip(names, places, topics)):
        body = [
            f"Residents of {place} waited for news about {topic} as the {i + 1}th week of negotiations began without any sign of progress.",
            f"Local leaders told visiting officials that {topic} had been neglected for years and that funding promised last spring never arrived.",
            f"Aid groups working near {place} warned that winter would make repairs to {topic} much harder unless money came soon.",
        ]
        (tmp_path / f"a{i}.txt").write_text(
            f"Story about {topic} in {place}\n\n" + "\n\n".join(body) + f"\n\n{name} filed this dispatch while traveling in {place}.\n",
            encoding="utf-8",
        )
    corpus = load_corpus(tmp_path)
    reasons = corpus.dropped_lines.groupby("reason").size()
    assert reasons.get("template repeated across documents", 0) == len(names)
    assert not corpus.paragraphs["text"].str.contains("filed this dispatch").any()
    assert len(corpus.paragraphs) == 3 * len(names)


def test_ingest_cli_says_how_titles_and_dates_were_found(data_dir, seeds_dir, tmp_path):
    from typer.testing import CliRunner

    from topics.cli import app

    shutil.copy(data_dir / "pages" / f"{WIKI}.html", tmp_path / "page.html")
    shutil.copy(seeds_dir / "003_a25ce7c72124d8bc.txt", tmp_path / "dump.txt")
    result = CliRunner().invoke(app, ["ingest", str(tmp_path), "--show-dropped"])
    assert result.exit_code == 0, result.output
    assert "titles: " in result.output and "html metadata" in result.output
    assert "dates: " in result.output
    assert "page: title from html metadata" in result.output


def test_trailing_credit_and_run_together_bios_dropped(tmp_path):
    frame = pd.DataFrame(
        {
            "id": ["a1"],
            "title": ["By Matthew Rosenberg and Adam Nossiter"],
            "text": [
                "The talks in Doha resumed on Monday after a pause of two weeks, officials said. "
                "“We hope for progress,” one of them said. Fahim Abed contributed reporting from Kabul.\n\n"
                "Negotiators from both sides met again on Tuesday to discuss a cease-fire and the release of prisoners.\n\n"
                "Lara Jakes is a diplomatic correspondent based in Washington. @jakesNYT Eric Schmitt is a senior "
                "writer who has traveled the world covering terrorism and national security. @EricSchmittNYT"
            ],
        }
    )
    corpus = load_corpus(frame)
    texts = corpus.paragraphs["text"].tolist()
    assert texts[0].endswith("“We hope for progress,” one of them said.")
    assert not any("contributed reporting" in t or "correspondent" in t for t in texts)
    reasons = dict(zip(corpus.dropped_lines["line"], corpus.dropped_lines["reason"]))
    assert reasons["Fahim Abed contributed reporting from Kabul."] == "reporting credit"
    assert "author bio" in reasons.values()
    assert corpus.articles.loc[0, "title_source"] == "given (a byline, not a headline)"


def test_page_shape_headline_date_label_and_teasers():
    """A tagline above the headline, the date under a "Published:" label, title-case teasers after the body."""
    story = "The council met on Monday to discuss the new budget, which residents had debated for months. "
    text = "\n\n".join(
        [
            "Published:", "2017-08-15", "Words:", "6120", "Chapters:", "14", "Kudos:", "7142",
            "I write about towns. I take photos.",
            "Council Approves the New Budget",
            *[story * 2 + f"Point {n} of the debate was the cost of roads." for n in range(5)],
            "Local Singer Explains Why There Are So Many Bands In Town!",
            "Ten Reasons Everyone Should Visit The Old Harbour This Summer!",
            "City Zoo Welcomes Its First Baby Giraffe After Twenty Long Years!",
        ]
    )
    cleaned = clean_article(text, Repeats(), find_header=True)
    assert cleaned.title == "Council Approves the New Budget"
    assert (cleaned.date, cleaned.date_how) == ("2017-08-15", "labelled date line")
    texts = [t for _, t in cleaned.paragraphs]
    assert len(texts) == 5 and all(t.startswith("The council met") for t in texts)


def test_a_page_captured_twice_does_not_make_its_own_lines_chrome():
    story = [f"Paragraph {n} of the story tells what the council decided about the roads and the schools this week." for n in range(4)]
    page = ["Home", "Council Approves the New Budget", *story, "Contact us"]
    other = ["Home", "Storm Closes the Harbour", "The harbour closed on Tuesday as the storm reached the coast with strong winds.", "Contact us"]
    repeated = Repeats.of([page, list(page), other])
    assert "home" in repeated.lines and "contact us" in repeated.lines
    assert "council approves the new budget" not in repeated.lines


def test_gallery_inside_an_article_is_dropped_and_the_article_goes_on():
    story = "The council met on Monday to discuss the new budget, which residents had debated for months. "
    slides = []
    for n in range(1, 6):
        slides += [f"{n}/5 Harbour view number {n}", f"Boats wait in the harbour at dawn as the fog lifts over the water, scene {n}."]
    text = "\n\n".join(
        ["Council Approves the New Budget", *[story * 2 + f"Part {n} of the debate." for n in range(3)], *slides,
         *[story + f"After the gallery, part {n} of the story goes on with the vote." for n in range(3)]]
    )
    cleaned = clean_article(text, Repeats(), find_header=True)
    texts = [t for _, t in cleaned.paragraphs]
    assert not any("harbour" in t.lower() for t in texts)
    assert sum("After the gallery" in t for t in texts) == 3 and sum("Part" in t for t in texts) == 3
    assert {reason for line, reason in cleaned.dropped if "arbour" in line} == {"gallery caption"}


def test_video_player_inside_an_article_does_not_cut_it():
    story = "The council met on Monday to discuss the new budget, which residents had debated for months. "
    controls = ["Play", "Mute", "Current Time 0:00", "Fullscreen", "White", "Black", "Red", "Opaque", "50%", "75%"] * 8
    text = "\n\n".join(
        ["Council Approves the New Budget", *[story + f"Before the video, part {n}." for n in range(3)], *controls,
         *[story + f"After the video, part {n}." for n in range(3)], "Comments", "Great article!"]
    )
    cleaned = clean_article(text, Repeats(), find_header=True)
    texts = [t for _, t in cleaned.paragraphs]
    assert sum("Before the video" in t for t in texts) == 3 and sum("After the video" in t for t in texts) == 3
    assert "Fullscreen" not in texts


def test_an_article_that_is_a_bulleted_list_is_kept():
    items = [f"+ Added a new kind of block number {n} with its own smooth version" for n in range(12)]
    text = "\n\n".join(["Home", "News", "Release Notes for the Spring Update", *items, "Share on Facebook", "About us"])
    cleaned = clean_article(text, Repeats(), find_header=True)
    texts = [t for _, t in cleaned.paragraphs]
    assert texts == items
    assert cleaned.title == "Release Notes for the Spring Update"


def test_a_numbered_table_of_contents_is_a_menu_and_a_short_headline_over_a_byline_wins():
    contents = [f"{n}. {name}" for n, name in enumerate(
        ["Introduction", "Embracing Risk", "Service Level Objectives", "Eliminating Toil", "Monitoring Distributed Systems",
         "Release Engineering", "Practical Alerting", "Being On-Call", "Emergency Response", "Managing Incidents"], start=1)]
    story = "Teams watch their systems with a few simple signals, and they page a person only when users would notice. "
    text = "\n\n".join(["Site Reliability", *contents, "Monitoring Distributed Systems", "Written by Rob Writer",
                        *[story * 2 + f"Signal {n} is explained here." for n in range(4)]])
    cleaned = clean_article(text, Repeats(), find_header=True)
    assert cleaned.title == "Monitoring Distributed Systems"
    assert [t for _, t in cleaned.paragraphs][0].startswith("Teams watch")


def test_a_headline_listing_quoted_titles_is_not_a_breadcrumb_or_a_tag_list():
    story = "Vape Wave, 6 Days et Alphonse Président: des documentaires et des programmes jeunesse choisis par la rédaction. "
    text = "\n\n".join(["Culture", "Sur vos écrans cette semaine", "Screenshot : «Vape Wave», «6 Days», «Alphonse Président»…",
                        "Par Ann Writer — 24 novembre 2017 à 18:42", *[story * 2 + f"Partie {n}." for n in range(4)]])
    cleaned = clean_article(text, Repeats(), find_header=True)
    assert cleaned.title == "Screenshot : «Vape Wave», «6 Days», «Alphonse Président»…"
    assert cleaned.date == "2017-11-24"


def test_lines_of_code_inside_an_article_are_kept():
    story = "The fetch function returns a promise, and the response gives its body as JSON when you ask for it. "
    code = ['fetch("/entries.json").then(function(res) {', "res.json().then(function(data) {", "console.log(data.entries);", "});", "}"]
    before, after = [story * 2 + f"Example {n}." for n in range(2)], [story * 2 + f"Header {n}." for n in range(2)]
    text = "\n\n".join(["Working With Fetch", *before, *code, *after, "Share", "About us"])
    cleaned = clean_article(text, Repeats(), find_header=True)
    assert [t for _, t in cleaned.paragraphs] == [*before, *code, *after]
    assert ("About us", "footer chrome (after the article body)") in cleaned.dropped


def test_a_heading_over_a_deeper_heading_names_its_section(data_dir):
    # "Software" (h2) stands right over "Firefox" (h3): it is kept in the section, not lost.
    corpus = load_corpus(data_dir / "mozilla_outline.html")
    def section_of(start):
        return corpus.paragraphs.loc[corpus.paragraphs["text"].str.startswith(start), "section"].item()

    assert section_of("Firefox is a web browser") == "Software[edit] › Firefox[edit]"
    assert section_of("Firefox Mobile (codenamed Fennec)") == "Firefox Mobile[edit]"
    assert section_of("Mozilla VR is a team") == "Other activities[edit] › Mozilla VR[edit]"
    # A heading with nothing under it (the next is of its rank, or none follows) is dropped, with why.
    blocks = [("h2", "See also[edit]"), ("h2", "References[edit]"), ("text", "Mozilla Foundation, Mozilla Manifesto."), ("h3", "Notes")]
    cleaned = clean_extracted(blocks, Repeats.of([]))
    assert cleaned.paragraphs == [("References[edit]", "Mozilla Foundation, Mozilla Manifesto.")]
    assert cleaned.dropped == [("See also[edit]", "heading with no text under it"), ("Notes", "heading with no text under it")]


def test_a_galleries_credited_slides_do_not_end_the_article_before_it():
    story = "Hotel rooms are cleaned every day, yet a few corners of each room are missed by most housekeepers. "
    slides = []
    for n in range(1, 13):
        slides += [f"{n}/12 Harbour view number {n}", f"Boats wait in the harbour at dawn as the fog lifts, scene {n}.",
                   "Spencer Platt/Getty Images News/Getty Images"]
    after = [
        "6. Mini bars almost always lose money",
        "Despite the snacks in the minibar seeming the most overpriced food you have ever seen, owners still struggle to make "
        "a profit from them, since guests buy so few and the stock must be checked and replaced every single day by staff.",
        "7. Always check the hand towels",
        "A housekeeper made a discovery when he was helping out: the hand towel is where you almost always find a hair, "
        "because it is folded again rather than washed when it looks clean, and guests seldom notice the difference. "
        "He now asks for fresh towels as soon as he arrives in any room, and advises other travellers to do the same.",
    ]
    page = ["Five Things Hotels Do Not Tell You", *[story * 2 + f"Part {n}." for n in range(3)], *slides, *after, "More about:", "Hotels"]
    cleaned = clean_article("\n\n".join(page), Repeats(), find_header=True)
    texts = [t for _, t in cleaned.paragraphs]
    assert after[1] in texts and after[3] in texts
    assert not any("harbour" in t.lower() or "Getty" in t for t in texts)
    assert {reason for line, reason in cleaned.dropped if "Getty" in line} == {"gallery caption"}


def test_a_video_players_screen_reader_text_is_chrome_and_prose_about_a_player_is_not():
    for line in ("This is a modal window.", "captions settings, opens captions settings dialog", "Stream TypeLIVE",
                 "descriptions off, selected", "End of dialog window.", "Mute"):
        assert chrome_reason(line, Repeats()) == "navigation or form text", line
    for line in ("The mute swan nests on the lake every spring.", "Captions", "Full screen readers were tested on the site."):
        assert chrome_reason(line, Repeats()) is None, line
