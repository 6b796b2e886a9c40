"""Page-text headlines under a kicker, and a kicker run into its headline; dates with a label run into their
day or with a German, Dutch or Swedish month abbreviation. The fixtures are hand-written pages."""

from __future__ import annotations

from topics.ingest.corpus import load_corpus
from topics.ingest.pagedates import date_line

SHAPES = "page_shapes"


def test_a_list_between_two_labels_is_no_kicker_over_a_headline(data_dir):
    # "Pros / three items / Cons": the third item is no headline under a kicker (the page's headlines and dates
    # of the other shapes: tests/test_page_subheadings.py).
    title = load_corpus(data_dir / SHAPES / "review_pros_and_cons.txt").articles.iloc[0]["title"]
    assert title != "Blu-ray drive is great for movie fans"


def test_only_punctuation_between_the_words_is_taken_from_a_copy():
    from topics.ingest.headline import headline_as_printed

    blocks = ["Flood inquiry Two resign", "@Flood inquiry Two resign:", "Flood inquiry Two resigned", "Flood inquiry: Two resign"]
    assert headline_as_printed(blocks, 0) == "Flood inquiry: Two resign"
    assert headline_as_printed(blocks[:3], 0) == "Flood inquiry Two resign"  # a reply's quote, another wording
    assert headline_as_printed(blocks, 0, end=3) == "Flood inquiry Two resign"  # the copy stands below the body


def test_a_copy_that_adds_only_spaces_or_signs_that_change_a_word_is_not_taken():
    from topics.ingest.headline import headline_as_printed

    for line, copy in [("Fieberkontrollen: Wie Firmen schützen", "Fieberkontrollen : Wie Firmen schützen"),
                       ("E-Mail an Trump", "E - Mail an Trump"),
                       ("Temperatures fall to 5 degrees", "Temperatures fall to -5 degrees"),
                       ("Shares fall 5 percent", "Shares fall $5 percent"),
                       ("Minister resigns over scandal", "Minister\u200b resigns over scandal"),
                       ("Minister resigns over scandal", "Minister\u202e resigns over scandal"),
                       ("Minister resigns over scandal", "Minister [resigns](#) over scandal"),
                       ("Minister resigns over scandal", "Minister resigns?! over scandal")]:
        assert headline_as_printed([line, copy], 0) == line
    assert headline_as_printed(["Flood inquiry Two resign", "Flood inquiry | Two resign"], 0) == "Flood inquiry | Two resign"
    assert headline_as_printed(['"Soon"Trump speaks', '"Soon": Trump speaks'], 0) == '"Soon": Trump speaks'


def test_a_label_run_into_a_dotted_day_and_month_abbreviations():
    assert date_line("Publiziert6. November 2025, 12:26") == "2025-11-06"
    assert date_line("12. MÄR 2025 18:03") == "2025-03-12"
    assert date_line("Publicerad 23 okt 2025 kl 10.23") == "2025-10-23"
    assert date_line("Gepubliceerd 4 mrt 2024") == "2024-03-04"
    assert date_line("Covid19 March 2020") is None  # an undotted number run into a word is no day
    assert date_line("Aktualisiert3. Mai 2024") == "2024-05-03"


def test_a_dotted_day_run_into_a_word_that_labels_no_date_is_no_date():
    assert date_line("Windows10. Mai 2020 Update") is None  # a name and its number
    assert date_line("Version6. November 2025") is None
