"""Page-text headlines under a kicker, and a kicker run into its headline; dates with a label run into their
day or with a German, Dutch or Swedish month abbreviation. The fixtures are hand-written pages."""

from __future__ import annotations

from topics.ingest.corpus import load_corpus
from topics.ingest.pagedates import date_line

SHAPES = "page_shapes"


def _title(data_dir, name: str) -> str:
    return load_corpus(data_dir / SHAPES / name).articles.iloc[0]["title"]


def test_the_headline_under_a_kicker_beats_another_wording_over_the_kicker(data_dir):
    # "Other wording / Kicker / Headline / Standfirst / Byline": the longer wording over the kicker lost before.
    assert _title(data_dir, "kicker_over_headline.txt") == "Sea wall plan shelved as costs double"


def test_a_line_over_a_kicker_that_writes_the_kicker_in_stays_the_headline(data_dir):
    assert _title(data_dir, "kicker_in_headline.txt") == "Harbour council's sea wall plan -- SHELVED as costs double"


def test_a_kicker_run_into_its_headline_takes_the_separator_of_the_pages_other_copy(data_dir):
    assert _title(data_dir, "kicker_run_together.txt") == "Flood inquiry: Two resign – and questions remain"


def test_a_label_or_a_writer_over_a_standfirst_without_its_full_stop_is_no_kicker(data_dir):
    # "Headline / Listen to this article (or Name, Role) / Standfirst": the standfirst was taken for the headline.
    assert _title(data_dir, "kicker_label_over_standfirst.txt") == "Harbour council shelves sea wall plan as costs double"
    assert _title(data_dir, "kicker_writer_over_standfirst.txt") == "Harbour council shelves sea wall plan as costs double"


def test_a_writers_name_that_a_byline_prints_is_no_kicker(data_dir):
    expected = "Harbour council has shelved its plan for a new sea wall after the costs doubled"
    assert _title(data_dir, "kicker_writer_over_teaser.txt") == expected


def test_a_list_between_two_labels_is_no_kicker_over_a_headline(data_dir):
    # "Pros / three items / Cons": the third item is no headline under a kicker.
    assert _title(data_dir, "review_pros_and_cons.txt") != "Blu-ray drive is great for movie fans"


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
