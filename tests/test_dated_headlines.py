"""Page-text headlines that carry a date ("Morning briefing – 3 June 2023", "… – Energy briefing, 3 June 2023"):
a headline still, its date still the page's; and a photo caption's date ("Photo: Oil tankers off Rotterdam,
12 May 1998"), the page's only where no other line dates it. The fixtures are hand-written pages."""

from __future__ import annotations

from topics.ingest.articledate import find_date
from topics.ingest.corpus import load_corpus
from topics.ingest.headline import headline_with_a_date

SHAPES = "page_shapes"
PARAGRAPH = "A paragraph of the body that runs on long enough to be prose and not a line of chrome at all, it goes on. "


def _article(data_dir, name: str):
    return load_corpus(data_dir / SHAPES / name).articles.iloc[0]


def test_a_short_headline_with_a_date_is_the_title_and_its_date_the_pages(data_dir):
    article = _article(data_dir, "dated_headline.txt")
    assert (article["title"], article["date"]) == ("Morning briefing – 3 June 2023", "2023-06-03")


def test_a_long_headline_dates_the_page_by_the_date_it_sets_off_at_its_end(data_dir):
    article = _article(data_dir, "dated_long_headline.txt")
    assert (article["title"], article["date"]) == ("Oil prices fall for a third day – Energy briefing, 3 June 2023", "2023-06-03")


def test_a_captions_date_gives_way_to_the_headlines(data_dir):
    assert _article(data_dir, "caption_date.txt")["date"] == "2023-06-03"


def test_a_captions_date_gives_way_to_a_date_line_further_off_and_stays_where_it_is_the_only_one():
    caption = "Photo: Oil tankers off Rotterdam, 12 May 1998"
    headline = "Oil prices fall for a third day as traders weigh stockpiles"
    blocks = ["Site", "Home", headline, caption, "By Tom Reyes", "Published 3 June 2023", PARAGRAPH, PARAGRAPH, PARAGRAPH]
    assert find_date(blocks, 2, 6, 8)[:2] == (5, "2023-06-03")
    below = ["Site", "Home", headline, caption, PARAGRAPH, PARAGRAPH, PARAGRAPH, "Published 3 June 2023"]
    assert find_date(below, 2, 4, 6)[:2] == (7, "2023-06-03")
    assert find_date(below[:-1], 2, 4, 6)[:2] == (3, "1998-05-12")


def test_a_date_line_with_a_name_a_label_or_a_section_is_no_headline():
    assert headline_with_a_date("Morning briefing – 3 June 2023")
    for line in ["Tom Reyes – 3 June 2023", "Jane Doe, senior reporter | 3 June 2023", "Le Monde | 04.05.2015 à 13h36",
                 "Posted in news – 3 June 2023", "Photo: 12 May 1998", "Updated on 3 June 2023 at 10:14 am",
                 "Mara Lind – 02.10.2022 – Columns, Kitchen Notes, misc", "Morning Briefing – 3 June 2023",
                 "Acme Ledger classic - 15. Februar 2022"]:  # a header line's fields; a product's name
        assert not headline_with_a_date(line), line


def test_a_headlines_own_date_gives_way_to_a_wire_dateline_or_a_time_date_and_name_header():
    headline = "Remembering the Blitz – 7 September 1940"
    lead = "Eighty years ago bombs fell on London for fifty seven nights in a row, and the city carried on regardless."
    for other in ["LONDON, Sept. 7, 2020", "10:14 BST, 7 September 2020, Jane Doe"]:
        blocks = [headline, "Jane Doe", other, lead, lead]
        assert find_date(blocks, 0, 3, 4)[1] == "2020-09-07", other
    wire = "LONDON, Sept 7, 2020 (Reuters) - " + lead + " " + lead  # the dateline opens the lead itself
    assert find_date([headline, "By Jane Doe", wire, lead], 0, 2, 3)[1] == "2020-09-07"
    for other in ["Photo: 12 May 1998", "London, 12 May 1998, a raid"]:  # a caption, a clause: the headline's date stays
        assert find_date([headline, "By Jane Doe", other, lead, lead], 0, 3, 4)[1] == "1940-09-07", other


def test_a_line_that_tells_the_pages_date_is_no_headline_however_it_is_worded(data_dir):
    article = _article(data_dir, "published_note_over_headline.txt")
    assert (article["title"], article["date"]) == ("Why cities keep their bridges", "2023-06-03")
    for line in ["This article was originally published on 3 June 2023", "Page last reviewed: 3 June 2023",
                 "Submitted by admin on Sat, 06/03/2023 - 10:14", "Fact checked by editors on 3 June 2023",
                 "Prices correct as of 3 June 2023", "First published – 3 June 2023", "Last updated, 3 June 2023"]:
        assert not headline_with_a_date(line), line
    assert headline_with_a_date("Energy briefing, 3 June 2023")


def test_a_place_and_a_date_under_the_headline_tell_the_storys_day_not_the_pages():
    headline = "Twenty years on, the city pauses to remember – 11 September 2021"
    lead = "Crowds gathered at the memorial before dawn, and relatives read the names of the dead one by one as bells rang."
    blocks = [headline, "By Jane Doe", "New York, 11 September 2001", lead, lead]
    assert find_date(blocks, 0, 3, 4)[1] == "2021-09-11"
    for header in ["Jane Doe, 7 September 2020, 10:14", "Jane Doe, Monday, 7 September 2020"]:  # a time or weekday dates the page
        assert find_date([headline, header, lead, lead], 0, 2, 3)[1] == "2020-09-07", header


def test_a_notes_label_or_a_date_before_a_colon_opening_the_lead_is_no_wire_dateline():
    headline = "Council votes to shut the old bridge – 7 September 2020"
    lead = "The council voted late on Monday to close the old bridge to cars for good, after a survey found it had rusted."
    for opening in ["EDITOR'S NOTE, Sept. 9, 2020: ", "CORRECTION, Sept. 9, 2020: ", "NASA, 20 July 1969: ",
                    "UPDATED, Sept. 9, 2020 – "]:
        assert find_date([headline, "By Jane Doe", opening + lead, lead], 0, 2, 3)[1] == "2020-09-07", opening
    for opening in ["LONDON, Sept. 7, 2020 (Reuters) - ", "LONDON, Sept. 9, 2020 – "]:
        assert find_date([headline, "By Jane Doe", opening + lead, lead], 0, 2, 3)[1][:7] == "2020-09", opening
