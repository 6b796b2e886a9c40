"""Page-text rules: hard-wrapped prose, comment threads and teasers found by their shape."""

from __future__ import annotations

import textwrap

from topics.ingest.boilerplate import clean_article, split_blocks
from topics.ingest.repeats import Repeats
from topics.ingest.unwrap import unwrap

PARAGRAPH = (
    "Many services for data storage are available over the internet. This specification describes a "
    "vendor-independent interface for such services. It is based on https and bearer tokens, and it "
    "addresses data as folders that contain documents and subfolders."
)


def test_prose_wrapped_at_a_column_is_joined_into_paragraphs():
    wrapped = [*textwrap.wrap(PARAGRAPH, 70), *textwrap.wrap(PARAGRAPH.replace("Many", "Several"), 70)]
    header = "de Jong                                                  [Page 2]"
    lines = [f"   {line}" for line in wrapped[:4]] + [header] + [f"   {line}" for line in wrapped[4:]]
    blocks = split_blocks("\n".join(["Table of Contents", *lines]))
    assert "Table of Contents" in blocks and "de Jong [Page 2]" in blocks
    prose = [b for b in blocks if b.startswith(("Many", "Several"))]
    assert len(prose) == 2 and prose[0].startswith(" ".join(wrapped[0].split()))
    assert all(p.endswith("subfolders.") for p in prose[1:])


def test_short_lines_and_code_are_not_unwrapped():
    assert unwrap(["Name", "12 High Street", "Springfield"]) is None
    code = ["def main(argv):", "    for item in argv[1:]:", "        print(item.strip().upper(), file=sys.stderr)", "    return 0"]
    assert unwrap(code) is None
    items = [f"- Item {n} of a list whose lines are long enough to reach the width of the block" for n in range(4)]
    assert unwrap(items) is None
    listing = ["if (x) {", "  call_a_function_with_a_long_name(first_argument, second_argument);", "}"] * 2
    assert unwrap(listing) is None


STORY = "The council met on Monday to discuss the new budget, which residents had debated for months. "
MENU = "Home | News | Local | Politics"  # a site's menu over the headline: page text, not an article saved as a file


def test_a_thread_of_reader_comments_ends_the_article_however_long():
    comments = []
    for n, name in enumerate(["Ann Lee", "Rarst", "Barry K", "Sam Ode"]):
        comments += [f"{name} · March {10 + n}, 2017 at {n + 1}:26 AM", STORY * 3 + f"Comment {n} says more.", "Reply"]
    text = "\n\n".join(
        ["Council Approves the New Budget", "March 9, 2017", *[STORY * 2 + f"Part {n}." for n in range(3)],
         "There are 4 comments", *comments]
    )
    cleaned = clean_article(text, Repeats(), find_header=True)
    texts = [t for _, t in cleaned.paragraphs]
    assert len(texts) == 3 and all(t.endswith(f"Part {n}.") for n, t in enumerate(texts))
    assert cleaned.date == "2017-03-09"


def test_a_table_of_timestamped_rows_is_not_a_comment_thread():
    rows = [f"2020-08-01 18:0{n}:00+00 │ 200 │ 40{n}" for n in range(6)]
    text = "\n\n".join(["Counting Requests by Status", *[STORY * 2 + f"Part {n}." for n in range(2)], *rows,
                        *[STORY * 2 + f"After the table, part {n}." for n in range(2)]])
    texts = [t for _, t in clean_article(text, Repeats(), find_header=True).paragraphs]
    assert sum("After the table" in t for t in texts) == 2


def test_a_news_ticker_after_the_article_is_not_the_article():
    ticker = []
    for n in range(8):
        ticker += [f"1{n}:0{n} Headline number {n} of the ticker about another story",
                   "Another story told in a short blurb that runs for a while to say what happened there today. " * 2]
    text = "\n\n".join(["Council Approves the New Budget", *[STORY * 3 + f"Part {n}." for n in range(3)], "Live", *ticker])
    texts = [t for _, t in clean_article(text, Repeats(), find_header=True).paragraphs]
    assert len(texts) == 3 and not any("Another story" in t for t in texts)


def test_long_slide_captions_and_teasers_linking_to_more_are_chrome():
    slides = []
    for n in range(1, 5):
        slides += [f"{n}/4 Story of slide {n}", f"Slide {n} tells a long story of its own. " * 12]
    teasers = [f"Headline of teaser {n}" if k == 0 else f"A blurb about teaser {n} that sums it up. Mehr…"
               for n in range(4) for k in range(2)]
    text = "\n\n".join(["Council Approves the New Budget", *[STORY * 2 + f"Part {n}." for n in range(3)], *slides,
                        *[STORY * 2 + f"After, part {n}." for n in range(2)], *teasers])
    cleaned = clean_article(text, Repeats(), find_header=True)
    texts = [t for _, t in cleaned.paragraphs]
    assert len(texts) == 5 and not any("Slide" in t or "teaser" in t for t in texts)
    assert {r for line, r in cleaned.dropped if line.endswith("Mehr…")} == {"related-content teaser"}


def test_a_menu_written_on_one_line_is_chrome():
    from topics.ingest.boilerplate import chrome_reason

    assert chrome_reason("International ▪ Politique ▪ Société ▪ Économie ▪ Culture", Repeats()) == "navigation list"
    assert chrome_reason("He paused · then spoke · of the war · and left.", Repeats()) is None


def test_teasers_cut_short_with_an_ellipsis_are_not_the_article():
    teasers = [f"Twenty {n} reasons why everyone who lived through the noughties will…" for n in range(6)]
    text = "\n\n".join(["Home", *teasers, "Sponsored", "Top post", "653,817 views", "Student Dies After Taking Pills Bought Online", "posted on April 21, 2015, at 11:29 a.m.",
                        *[STORY * 2 + f"Part {n}." for n in range(3)],
                        "This is plain to a reader, but a program has no intuition..."])
    cleaned = clean_article(text, Repeats(), find_header=True)
    assert cleaned.title == "Student Dies After Taking Pills Bought Online" and cleaned.date == "2015-04-21"
    texts = [t for _, t in cleaned.paragraphs]
    assert not any("noughties" in t for t in texts) and sum(t.startswith("The council") for t in texts) == 3


def test_a_header_line_of_fields_gives_its_date_and_an_expiry_date_is_not_the_date():
    from topics.ingest.pagedates import date_line

    header = "Le Monde | 04.05.2015 à 13h36 • Mis à jour le 05.05.2015 à 20h13 | Par Martin Untersinger (avec Damien Leloup et Morgane Tual)"
    assert date_line(header) == "2015-05-04"
    assert date_line(header, fields=False) is None
    assert date_line("Expires: 18 June 2015 15 December 2014") == "2014-12-15"


def test_a_box_of_teasers_under_a_related_heading_is_not_the_article():
    teasers = [f"Council Number {n} Wins Praise Across the Region A review of the budget lists the many ways in which towns "
               f"spend, and what residents say about it now {n}." for n in range(5)]
    text = "\n\n".join(["Council Approves the New Budget", "March 9, 2017", *[STORY * 3 + f"Part {n}." for n in range(4)],
                        "Related coverage", *teasers, "About us", "Contact"])
    texts = [t for _, t in clean_article(text, Repeats(), find_header=True).paragraphs]
    assert len(texts) == 4 and all(t.endswith(f"Part {n}.") for n, t in enumerate(texts))


def test_an_article_goes_on_past_a_related_box_of_one_teaser():
    text = "\n\n".join(["Council Approves the New Budget", "March 9, 2017", *[STORY * 3 + f"Part {n}." for n in range(4)],
                        "Related", "Residents Debate a Budget for Months. Here is why.",
                        *[STORY * 4 + f"After the box, part {n}." for n in range(2)], "About us"])
    texts = [t for _, t in clean_article(text, Repeats(), find_header=True).paragraphs]
    assert texts[0].endswith("Part 0.") and texts[-2].endswith("After the box, part 0.") and texts[-1].endswith("After the box, part 1.")


def test_a_list_a_sentence_introduces_is_kept_however_short_its_items():
    countries = [f"{n}. {name}" for n, name in enumerate(["Finland", "Norway", "Australia", "Canada", "Germany", "France"], 1)]
    text = "\n\n".join([MENU, "Council Approves the New Budget", "March 9, 2017", STORY * 3 + "Part 0.",
                        "The overall rankings of the towns were as follows:", *countries, STORY * 3 + "Part 1.", "About us"])
    texts = [t for _, t in clean_article(text, Repeats(), find_header=True).paragraphs]
    assert countries == [t for t in texts if t[0].isdigit()] and texts[-1].endswith("Part 1.")


def test_the_headline_is_found_above_a_long_run_of_player_controls():
    controls = ["Settings", "Full Screen", "Captions", "Quality", "Auto", "High", "Low"] * 8
    text = "\n\n".join(["Home", "Veteran Wraps Baby in Flag, Photo Sparks Controversy", "By Gillian Mohney March 11, 2015 3:46 PM",
                        *controls, "Photo of Baby in Flag Seen as Unpatriotic",
                        "A photographer and veteran is fighting back after a photo she posted of a baby wrapped in a flag "
                        "sparked controversy online. " + STORY * 2, STORY * 3 + "Part 1."])
    repeated = Repeats.of([split_blocks(text), ["About"] + controls])  # the player's controls recur on every page of the site
    cleaned = clean_article(text, repeated, find_header=True)
    assert cleaned.title == "Veteran Wraps Baby in Flag, Photo Sparks Controversy"


def test_a_link_to_the_next_page_is_not_the_headline():
    text = "\n\n".join(["Council Approves the New Budget", "Part 1 of the Council Budget Series Next Work →",
                        STORY * 3 + "Part 0.", STORY * 3 + "Part 1."])
    assert clean_article(text, Repeats(), find_header=True).title == "Council Approves the New Budget"


def test_a_byline_far_above_the_body_gives_the_date():
    controls = ["Settings", "Full Screen", "Captions", "Quality", "Auto", "High", "Low"] * 8
    text = "\n\n".join(["Home", "Council Approves the New Budget", "By Ann Lee March 11, 2015 3:46 PM Council Desk", *controls,
                        "Now watching", "Council Approves a Budget", "Council Approves a Budget", STORY * 3 + "Part 0.", STORY * 3 + "Part 1."])
    repeated = Repeats.of([split_blocks(text), ["About"] + controls])
    assert clean_article(text, repeated, find_header=True).date == "2015-03-11"


def test_an_age_and_a_reference_are_not_the_publication_date():
    text = "\n\n".join(["Mozilla", "Founded", "February 28, 1998; 18 years ago", "See also: Mozilla Foundation and Mozilla Corporation",
                        STORY * 3 + "Part 0.", STORY * 3 + "Part 1.", '^ "SpiderMonkey". Developer Network. 2012-08-15.'])
    cleaned = clean_article(text, Repeats(), find_header=True)
    assert cleaned.date is None
    assert ("See also: Mozilla Foundation and Mozilla Corporation", "cross-reference") in cleaned.dropped


def test_a_section_front_and_an_error_page_are_skipped_by_name_and_the_article_loads(tmp_path):
    from topics.ingest.corpus import load_corpus

    teasers = []
    for n in range(8):
        teasers += ["Photo", f"Credit Agency Photographer {n}", f"Council Number {n} Wins Praise Across the Region",
                    f"A review of the budget lists the many ways in which towns spend, and what residents say about it {n}.",
                    f"By Reporter Name{n}"]
    (tmp_path / "front.txt").write_text("\n\n".join(["Home", "World", "Opinion", "Section Front", *teasers, "About us"]), encoding="utf-8")
    (tmp_path / "missing.txt").write_text("\n\n".join(["Home", "World", "404", "Page not found",
                                                       "Sorry, the page you were looking for does not exist any more.",
                                                       "Go to the home page", "About us"]), encoding="utf-8")
    (tmp_path / "story.txt").write_text("\n\n".join(["Home", "Council Approves the New Budget", "By Ann Lee", "March 9, 2017",
                                                     *[STORY * 3 + f"Part {n}." for n in range(3)], "About us"]), encoding="utf-8")
    # A short brief whose headline starts with an error-like number is an article.
    (tmp_path / "brief.txt").write_text("\n\n".join(["Home", "500 People Evacuated After Flood", "March 9, 2017",
                                                     STORY * 2 + "Part 0.", STORY + "Part 1."]), encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert list(corpus.articles["article_id"]) == ["brief", "story"]
    assert list(corpus.articles["title"]) == ["500 People Evacuated After Flood", "Council Approves the New Budget"]
    reasons = dict(zip(corpus.skipped["source"].map(lambda s: s.rsplit("/", 1)[-1]), corpus.skipped["reason"]))
    assert reasons["front.txt"].startswith("no single article: a list of 8 signed teasers")
    assert reasons["missing.txt"].startswith("no single article: an error page")


def test_the_headline_repeated_in_a_list_of_links_under_the_article_is_dropped():
    text = "\n\n".join([MENU, "Council Approves the New Budget", "March 9, 2017", STORY * 3 + "Part 0.", STORY * 3 + "Part 1.",
                        "Council Approves the New Budget", STORY * 3 + "Part 2.", "About us"])
    cleaned = clean_article(text, Repeats(), find_header=True)
    assert cleaned.title == "Council Approves the New Budget"
    assert [t[-7:] for _, t in cleaned.paragraphs] == ["Part 0.", "Part 1.", "Part 2."]
    assert any(reason.startswith("the headline repeated") for _, reason in cleaned.dropped)


def test_a_byline_past_a_row_of_share_buttons_signs_the_headline_above_them():
    shares = ["Share on Facebook", "Share on Twitter", "Share via Email", "Share on LinkedIn", "Share on Pinterest"]
    # The page repeats its headline (a breadcrumb); a caption stands over the body, with no byline under it.
    text = "\n\n".join(["Home", "Attack Stokes Fears in the Region", "Sign In", "Attack Stokes Fears in the Region", *shares,
                        "By Ann Lee March 18, 2015 at 3:57 PM",
                        "1 of 24", "Autoplay", "Skip Ad", "At least 17 dead after an attack in the capital city",
                        STORY * 3 + "Part 0.", STORY * 3 + "Part 1."])
    assert clean_article(text, Repeats(), find_header=True).title == "Attack Stokes Fears in the Region"


def test_a_date_printed_without_its_year_takes_the_year_the_page_was_served_in():
    from topics.ingest.yearless import complete_date, yearless_date

    page = ["By Ann Lee March 18 at 3:57 PM Follow @annlee", STORY * 3 + "Part 0.", "© 1996-2015 The Daily Planet"]
    text = "\n\n".join(["Home", "Council Approves the New Budget", *page[:1], page[1], STORY * 3 + "Part 1.", page[2]])
    cleaned = clean_article(text, Repeats(), find_header=True)
    assert (cleaned.date, cleaned.date_how) == ("2015-03-18", "date line without a year")
    # No year printed on the page, or only a stale copyright year: no date is guessed.
    assert clean_article(text.replace(page[2], "About us"), Repeats(), find_header=True).date is None
    stale = text.replace(page[2], "© 2012 The Daily Planet") + "\n\nA reader wrote on May 2, 2014: " + STORY
    assert clean_article(stale, Repeats(), find_header=True).date is None
    # A weekday settles the year among those the page prints; it must agree with the copyright year.
    assert yearless_date("Wed 18 March") == (3, 18, 2)
    assert complete_date(3, 18, 2, ["Budget 2013", "Budget 2015", "© 2016 Planet"]) == "2015-03-18"
    assert complete_date(3, 18, 2, ["Budget 2015", "Budget 2009"]) is None  # both were Wednesdays
    # Short month names that are words are read only capitalised; a glued reading time is no day.
    assert yearless_date("you may 5 times") is None
    assert yearless_date("on Mar 2714 min") is None
    assert yearless_date("1. 11. Felix") == (11, 1, None)
    # The hour after a month is no day: it read 3 March, and the weekday was lost with the day.
    assert yearless_date("Wed. 18 March 3:57 PM") == (3, 18, 2)
    for line in ("Wed 18 March 15.30", "Wed 18. März 9.30 Uhr", "Wed 18 March 3 pm", "Wed 18 March 3.57pm"):
        assert yearless_date(line) == (3, 18, 2), line
    assert yearless_date("March 3 pm") is None  # an hour, no day
    assert yearless_date("Apr. 29: Operations in Eastern Afghanistan") == (4, 29, None)


def test_a_dotted_date_with_a_two_digit_year_is_read_only_when_one_reading_is_a_date():
    from topics.ingest.pagedates import date_line

    assert date_line("10.15.15") == "2015-10-15"
    assert date_line("15.10.15") == "2015-10-15"
    assert date_line("11.03.17") is None  # March 11 or November 3
    assert date_line("Version 10.15.15 released") is None


def test_the_toolbar_set_by_the_headline_ends_the_article_when_it_comes_again():
    toolbar = ["Sdílet článek", "Facebook Twitter"]
    other = ["Praha postaví nové byty", *[STORY + f"Other {n}." for n in range(3)]]
    text = "\n\n".join(["Zprávy", *toolbar, "Council Approves the New Budget", "Ann Lee", *[STORY * 2 + f"Part {n}." for n in range(4)],
                        *toolbar, "Související", "Teaser headline number one here", "Teaser headline number two here", *other, "Kontakt"])
    kept = [t for _, t in clean_article(text, Repeats(), find_header=True).paragraphs]
    assert kept[-1].endswith("Part 3.") and not any("Other" in t for t in kept)
    # A media player's controls recur inside an article, and much more of the article follows them.
    player = ["Full Screen", "Autoplay", "Close"]
    text = "\n\n".join(["Home", "Council Approves the New Budget", "By Ann Lee", *player, *[STORY * 2 + f"Part {n}." for n in range(3)],
                        *player, *[STORY * 3 + f"More {n}." for n in range(8)], "About us"])
    kept = [t for _, t in clean_article(text, Repeats(), find_header=True).paragraphs]
    assert kept[-1].endswith("More 7.")


def test_a_share_this_article_line_under_the_article_ends_it():
    text = "\n\n".join(["Home", "Council Approves the New Budget", "By Ann Lee", *[STORY * 2 + f"Part {n}." for n in range(4)],
                        "Share This Article:", "Do you still have questions? Head over to our community forum to find answers today.",
                        "Join us at our conference", "Level up your game at our premier conference where experts come together."])
    kept = [t for _, t in clean_article(text, Repeats(), find_header=True).paragraphs]
    assert kept[-1].endswith("Part 3.")


def test_a_list_of_teasers_each_ending_in_its_date_is_chrome_but_references_are_not():
    from topics.ingest.teasers import dated_teaser

    teasers = ["Marissa Mayer’s Media Problem Is Now Verizon’s to Solve JULY 26, 2016",
               "Verizon Announces $4.8 Billion Deal for Yahoo’s Internet Business JULY 25, 2016",
               "Yahoo’s Sale to Verizon Ends an Era for a Web Pioneer JULY 24, 2016"]
    more = "Residents who spoke at the meeting asked the council to spend more on parks, libraries and the roads. "
    text = "\n\n".join(["Council Approves the New Budget", "March 9, 2017", STORY * 3 + "Part 0.", STORY * 2 + "Part 1.", *teasers,
                        more * 3 + "Part 2.", more * 2 + "Part 3."])
    cleaned = clean_article(text, Repeats(), find_header=True)
    assert [t[-7:] for _, t in cleaned.paragraphs] == ["Part 0.", "Part 1.", "Part 2.", "Part 3."]
    assert all((line, "dated teaser") in cleaned.dropped for line in teasers)
    assert not dated_teaser('^ Hartl, John (September 3, 1998). "Disney Will Distribute Movie". Retrieved May 15, 2017.')
    assert not dated_teaser("The council met on Monday and again on March 9, 2017.")


def test_a_most_read_box_set_inside_the_article_is_dropped_and_the_article_goes_on():
    box = ["Most Read Business Stories", "Housing market splits into two different pieces", "Boeing chief refuses to admit flaws",
           "Amazon expands again with a lease of two towers"]
    text = "\n\n".join(["Council Approves the New Budget", "March 9, 2017", *[STORY * 3 + f"Part {n}." for n in range(4)], *box,
                        *[STORY * 3 + f"Part {n}." for n in range(4, 8)], "About us"])
    cleaned = clean_article(text, Repeats(), find_header=True)
    assert [t[-7:] for _, t in cleaned.paragraphs] == [f"Part {n}." for n in range(8)]
    assert ("Boeing chief refuses to admit flaws", "related link (a box inside the article)") in cleaned.dropped


def test_a_comments_heading_in_another_language_ends_the_article():
    comments = ["Enviá tu comentario", "Los comentarios publicados son de exclusiva responsabilidad de sus autores y las consecuencias "
                "derivadas de ellos pueden ser pasibles de sanciones legales.", "Para poder comentar tenés que ingresar con tu usuario."]
    text = "\n\n".join(["Council Approves the New Budget", "March 9, 2017", *[STORY * 3 + f"Part {n}." for n in range(3)], *comments])
    kept = [t for _, t in clean_article(text, Repeats(), find_header=True).paragraphs]
    assert kept[-1].endswith("Part 2.")


SQL = """WITH counts AS (
   SELECT
      status_code,
      count(*) AS entries
   FROM server_log
   GROUP BY status_code
)
SELECT * FROM counts;"""


def test_a_program_listing_stays_one_block_and_is_kept_in_the_article():
    shell = "$ hg push ../public\n[...]\nadded 1 changesets with 1 changes to 1 files"
    text = "\n\n".join(["Counting Requests by Status", STORY * 2 + "First part.", SQL, STORY * 2 + "Second part.", shell,
                        STORY * 2 + "Third part."])
    assert SQL in split_blocks(text) and shell in split_blocks(text)
    cleaned = clean_article(text, Repeats(), find_header=True)
    texts = [t for _, t in cleaned.paragraphs]
    assert SQL in texts and shell in texts and len(texts) == 5
    assert not [line for line, reason in cleaned.dropped if reason == "short non-sentence line"]


def test_prose_and_list_items_are_not_listings():
    from topics.ingest.unwrap import laid_out, listing_blocks

    stray_space = ["KABUL (May 12) - Several men were detained last night.", " A combined force moved to a compound.",
                   "No civilians were harmed."]
    hanging = ["- `bbc_sample.csv`: 200 articles (40 per label), sampled", "  with a fixed seed from the BBC News corpus"]
    menu = ["Home", "World", "Politics", "Business"]
    assert not laid_out(stray_space) and not laid_out(hanging) and not laid_out(menu)
    assert listing_blocks(menu) is None
    assert listing_blocks(SQL.splitlines()) == [SQL]


def test_a_sentence_signed_with_a_short_tag_is_a_sentence():
    from topics.ingest.lines import is_sentence

    assert is_sentence("1Password kostet knapp 50 Euro und setzt OS X 10.10 voraus. (bsc)")
    assert is_sentence("The storm moved east on Friday. (AP)")
    assert not is_sentence("Glass cloche terrariums (Lucy Akins)")


PLAYER_CONTROLS = [
    "Play", "Mute", "Current Time", "Duration", "Settings", "Full Screen", "Embed", "Video Quality", "Auto", "High (HD)", "Medium",
    "Low", "Closed Captions", "Language", "English", "Position", "Bottom", "Top", "Type Size", "Small", "Large", "Font", "Default",
    "Serif", "Colour", "White", "Black", "Opacity", "Reset", "Done",
]


def test_a_video_players_controls_do_not_set_the_headline_apart_from_the_body():
    page = ["Home", "News", "Sport", "Council Approves the New Budget", "By Ann Lee March 11, 2015 3:46 PM", *PLAYER_CONTROLS,
            "Get the best of our reporting delivered to your inbox daily", *[STORY * 2 + f"Part {n}." for n in range(3)]]
    assert clean_article("\n\n".join(page), Repeats(), find_header=True).title == "Council Approves the New Budget"



def test_the_sites_licence_for_its_pages_is_chrome_and_prose_about_a_licence_is_not():
    from topics.ingest.boilerplate import chrome_reason

    notices = [
        "Text is available under the Creative Commons Attribution-ShareAlike License; additional terms may apply.",
        "This website and all documents on it are licensed under a Creative Commons Attribution-Share Alike 3.0 License.",
        "Except as otherwise noted, any code samples from the project are licensed under a BSD-style license.",
    ]
    assert all(chrome_reason(line, Repeats()) == "copyright notice" for line in notices)
    prose = "Even those games that were funded were licensed under a free software license, the foundation said."
    assert chrome_reason(prose, Repeats()) is None


def test_a_references_date_under_the_article_is_not_its_date():
    page = ["Time Travel in Film", *[STORY * 2 + f"Part {n}." for n in range(3)], "References",
            '^ "A first-look poster". Madhyamam.', ". Madhyamam. 19 July 2023. Retrieved 20 July 2022."]
    assert clean_article("\n\n".join(page), Repeats(), find_header=True).date is None


def test_prose_about_a_copyright_is_not_a_copyright_notice():
    from topics.ingest.boilerplate import chrome_reason

    prose = ["Japan's Honda has won a copyright case in Beijing, further evidence that China is taking a tougher line.",
             "This isn’t supposed to be a manifesto™© we just think it’s pretty cool to share what we’ve learned so far."]
    assert all(chrome_reason(line, Repeats()) is None for line in prose)
    notices = ["© 2008 Daily Herald, All Rights Reserved.", "Copyright Notice", "(c) 2008 Site. Reproduction without permission prohibited.",
               "Portions of this content are ©1998-2022 by individual contributors and may be reused under the terms shown."]
    assert all(chrome_reason(line, Repeats()) is not None for line in notices)


def test_tag_lists_and_widget_messages_are_chrome_a_labelled_sentence_is_not():
    from topics.ingest.boilerplate import chrome_reason

    assert chrome_reason("Topics: uber, libertarians, Sydney, Editor's Picks, sharing economy, Technology News", Repeats()) == "tag list"
    assert chrome_reason("In this article: av, consoles, entertainment, gadgets, gaming, review", Repeats()) == "tag list"
    assert chrome_reason("Rating failed. Try again.", Repeats()) == "navigation or form text"
    assert chrome_reason("Kernel: LSFMM coverage: NFS, defragmentation, epoll(), copy offload, and more.", Repeats()) is None
    assert chrome_reason("Ingredients: flour, sugar, eggs", Repeats()) is None


def test_a_newsletter_prompt_inside_the_article_is_dropped_and_the_article_goes_on_past_it():
    from topics.ingest.boilerplate import chrome_reason

    prompt = "[What you need to know to start the day: Get New York Today in your inbox.]"
    assert chrome_reason(prompt, Repeats()) == "newsletter prompt"
    assert chrome_reason("Thanks! Please check your inbox to confirm your subscription.", Repeats()) == "newsletter prompt"
    assert chrome_reason("The mayor said the report would land in your inbox within a week, once the council had voted on it and "
                         "the auditors had signed off on every line of the budget as well.", Repeats()) is None  # over 30 words
    page = ["Council Approves the New Budget", STORY * 2 + "Part 0.", prompt, *[STORY * 2 + f"Part {n}." for n in (1, 2)]]
    cleaned = clean_article("\n\n".join(page), Repeats(), find_header=True)
    assert [t[-7:] for _, t in cleaned.paragraphs] == ["Part 0.", "Part 1.", "Part 2."]


def test_the_last_item_of_a_breadcrumb_trail_is_the_headline_and_its_sections_are_not():
    page = ["Fable Garden > Aesop Today", "Fable Garden > Aesop Today > January > The Greedy Dog", "New Year Fables",
            "The Greedy Dog", "Read aloud by our narrator for the new year", STORY * 3 + "Part 0.", STORY * 3 + "Part 1."]
    assert clean_article("\n\n".join(page), Repeats(), find_header=True).title == "The Greedy Dog"


def test_a_name_the_lead_defines_is_the_title_however_short_and_a_news_lead_names_no_title():
    rows = [f"{label} {n}" for n in range(15) for label in ("Field", "Value")]
    infobox = ["Mozilla", "Industry", "Open-source software", *rows, "Founded", "February 28, 1998", *rows, "Founder",
               "Netscape Corporation", "Products", "Mozilla Application Suite", "Mozilla Corporation", "Mozilla Foundation", "Website"]
    lead = "Mozilla is a free-software community, created in 1998 by members of Netscape. " + STORY * 2
    page = ["Mozilla", "From the free encyclopedia", "Jump to: navigation, search", *infobox, lead, STORY * 3 + "Part 1."]
    cleaned = clean_article("\n\n".join(page), Repeats(), find_header=True)
    assert cleaned.title == "Mozilla"
    assert cleaned.date is None  # the infobox's founding date, far from the title and the body, is not the page's
    news = ["Home", "Council Approves the New Budget", "By Ann Lee March 11, 2015", "Ann Lee",
            "Ann Lee is expected to present the budget to residents on Monday. " + STORY * 2, STORY * 3 + "Part 1."]
    assert clean_article("\n\n".join(news), Repeats(), find_header=True).title == "Council Approves the New Budget"


def test_the_line_over_the_byline_that_dates_the_article_is_its_headline_not_a_video_title_printed_twice():
    page = ["Home", "Council Approves the New Budget", "By Ann Lee March 11, 2015 3:46 PM", *PLAYER_CONTROLS * 3,
            "Council Budget Vote Seen as a Turning Point", "Now watching", "Council Budget Vote Seen as a Turning Point",
            *[STORY * 2 + f"Part {n}." for n in range(3)]]
    assert clean_article("\n\n".join(page), Repeats(), find_header=True).title == "Council Approves the New Budget"


def test_a_table_printed_one_cell_a_line_is_kept_whole_and_a_charts_axis_labels_are_not():
    table = ["Most active developers", "By changesets"]
    for name, count, share in [("Ann Lee", 63, "16.6%"), ("Bo Chan", 56, "14.7%"), ("Cy Diaz", 46, "12.1%"), ("Di Eng", 33, "8.7%")]:
        table += [name, str(count), share]
    chart = ["Interest payments", "100", "%", "RECESSIONS", "80", "60", "40", "20", "0", "’17", "’18", "’19", "’20"]
    contents = ["Contents", *[f"{n} Section {n}" for n in range(1, 6)], *[f"2.{n} Part {n}" for n in range(1, 5)]]
    part = [STORY * 3 + f"Part {n}." for n in range(9)]
    page = ["Home", "Council Approves the New Budget", "By Ann Lee", part[6], part[7], *contents, part[8],
            part[0], STORY * 3 + "The most active developers were:", *table, part[1], part[2], *chart, part[3], part[4], part[5]]
    cleaned = clean_article("\n\n".join(page), Repeats(), find_header=True)
    kept = [text for _, text in cleaned.paragraphs]
    assert "\n".join(table) in kept
    assert any(text.endswith("Part 6.") for text in kept) and not any("Section 1" in text for text in kept)  # a contents list is a menu
    assert not any("RECESSIONS" in text for text in kept)
    assert any(line == "RECESSIONS" for line, _ in cleaned.dropped)


def test_a_date_beside_an_earlier_print_of_the_headline_dates_the_article():
    share = ["Share", "Facebook Twitter", "Advertisement", "Share", "Facebook Twitter", "I like it"]
    page = ["Sport", "Council Approves the New Budget", "1. 11. Ann Lee", *share, "Council Approves the New Budget", "Ann Lee",
            "2 hours ago", *[STORY * 2 + f"Part {n}." for n in range(3)], "1999 – 2021 © The Daily Planet"]
    cleaned = clean_article("\n\n".join(page), Repeats(), find_header=True)
    assert (cleaned.title, cleaned.date) == ("Council Approves the New Budget", "2021-11-01")
    assert cleaned.date_how == "date line without a year by the headline printed again"
    # A date in the article's own header comes first.
    own = [line if line != "2 hours ago" else "November 2, 2021" for line in page]
    assert clean_article("\n\n".join(own), Repeats(), find_header=True).date == "2021-11-02"
    # Beside another line as far from the headline (a teaser's), the same date is not the article's.
    other = [line if line != page[1] else "Mayor Opens the New Bridge" for line in page[:3]] + page[3:]
    assert clean_article("\n\n".join(other), Repeats(), find_header=True).date is None


def test_numbered_steps_that_alternate_with_captions_are_the_article():
    from topics.ingest.steps import step_headings

    steps = []
    for n in range(1, 7):
        steps += [f"Step {n}", f"Press the soil down firmly around plant number {n} with a spoon.", "Pressing the soil. (Ann Lee)"]
    page = ["Home", "Garden", "How to Build a Terrarium", "By Ann Lee", *steps, "Related", "How to Grow Basil", "About us"]
    cleaned = clean_article("\n\n".join(page), Repeats(), find_header=True)
    kept = [text for _, text in cleaned.paragraphs]
    assert cleaned.title == "How to Build a Terrarium"
    assert all(f"plant number {n} " in " ".join(kept) for n in range(1, 7))
    assert {section for section, _ in cleaned.paragraphs} >= {f"Step {n}" for n in range(1, 7)}
    # Numbers out of order or too few are not a sequence of steps.
    lines = ["Chapter 1", "Text of it.", "Chapter 3", "Chapter 2", "Page 1", "Page 2", "Text of it."]
    assert step_headings(lines, [len(line.split()) for line in lines], [line.endswith(".") for line in lines]) == frozenset()
    # A pagination bar, and numbered lines that head no prose (a table of contents), are not steps.
    for lines in (["1", "2", "3", "4", "Next"], ["1. History", "2. Geography", "3. Economy", "In 1642 a ship came."]):
        prose = [line.endswith(".") for line in lines]
        assert step_headings(lines, [len(line.split()) for line in lines], prose) == frozenset()
    lines = ["1. Take the blankets off", "Text of it.", "2. Check the kettle", "Text of it.", "3. Ask for towels", "Text of it."]
    assert step_headings(lines, [len(line.split()) for line in lines], [line.endswith(".") for line in lines]) == {0, 2, 4}


def test_an_opening_paragraph_set_above_a_box_is_the_articles():
    lede = ("The new kettle boils a litre of water in under two minutes, switches itself off when the jug is lifted, "
            "and keeps the water warm for an hour without a sound. It is the quietest kettle we have tested this year, "
            "but its price puts it out of reach of most kitchens, and its lid sticks after a few weeks of daily use.")
    box = ["Score", "87", "Pros", "Fast", "Quiet", "Cons", "Price", "Lid", "Buy now"]
    body = [f"Paragraph {n} of the review says what the kettle does well and where it fails, in full sentences." for n in range(1, 5)]
    page = ["Home", "Reviews", "Kettle review: fast and quiet", "By Ann Lee", lede, *box, *body, "About us", "Contact"]
    cleaned = clean_article("\n\n".join(page), Repeats(), find_header=True)
    kept = [text for _, text in cleaned.paragraphs]
    assert cleaned.title == "Kettle review: fast and quiet"
    assert kept[0] == lede and kept[1:] == body
    assert {line for line, _ in cleaned.dropped} >= {"Score", "Pros", "Buy now"}
    # A shorter paragraph there is a teaser's blurb; a long one far above the body is not its opening.
    blurb = " ".join(lede.split()[:30]) + "."
    for above in ([blurb], [lede, *(f"Menu item {n}" for n in range(30))]):
        page = ["Home", "Kettle review: fast and quiet", *above, *box, *body]
        kept = [text for _, text in clean_article("\n\n".join(page), Repeats(), find_header=True).paragraphs]
        assert kept == body
