"""Photo captions set inside an article's text (wire copy and pages scraped as one line) are cut with
their credits at ingest, and listed as dropped."""

import pandas as pd
import pytest

from topics.ingest.captions import split_captions
from topics.ingest.corpus import load_corpus

STORY_START = "The council met on Monday to discuss the new budget for the harbour."
WIRE_CAPTION = (
    "Fishermen unload their catch at the harbour in Portsmouth, England, Sunday, Aug. 28, 2022. "
    "The harbour has lost half of its boats in a decade. (AP Photo/Jane Doe)"
)
STORY_MIDDLE = "In another vote, members agreed to repair the sea wall before the winter storms."


def test_a_wire_caption_is_cut_back_to_its_dated_sentence_and_the_story_around_it_is_kept():
    text, captions = split_captions(f"{STORY_START} {WIRE_CAPTION} {STORY_MIDDLE}")
    assert text == f"{STORY_START} {STORY_MIDDLE}"
    assert captions == [WIRE_CAPTION]


def test_a_caption_without_a_date_is_its_last_sentence_alone():
    story = "Prices rose again in May, the statistics office said."
    caption = "A shopper checks the price of bread at a market in Leeds."
    text, captions = split_captions(f"{story} {caption} Photograph: John Smith/Reuters “It is getting harder,” she said.")
    assert text == f"{story} “It is getting harder,” she said."
    assert captions == [f"{caption} Photograph: John Smith/Reuters"]


@pytest.mark.parametrize(
    ("credit", "following"),
    [
        ("Photograph: Mary Jones/AFP/Getty Images", "Mentally, he said, he was ready."),
        ("Photograph: Mary Jones/The Guardian", "Sasha and his company held the line."),
        ("Photograph: Mary Jones/Dutch National Opera", "But the director's plans changed."),
        ("Photograph: Handout", "Victoria came up with the idea."),
        ("Photograph: The Guardian", "Since February, the traffic has stopped."),
        ("Photograph: Mary Jones/AP", "For weeks the town held out."),
    ],
)
def test_a_labelled_credit_runs_to_its_agency_and_not_into_the_next_sentence(credit, following):
    text, captions = split_captions(f"The bridge was rebuilt in a year. Workers on the new bridge. {credit} {following}")
    assert text == f"The bridge was rebuilt in a year. {following}"
    assert captions == [f"Workers on the new bridge. {credit}"]


@pytest.mark.parametrize("credit", ["(Carsten Koall/dpa via AP)", "(NATO via AP, File)", "(AP Graphic)"])
def test_a_photo_handed_out_through_an_agency_is_a_credit_too(credit):
    caption = "Soldiers train near the border, Friday, Aug. 12, 2022."
    text, captions = split_captions(f"{STORY_START} {caption} {credit} {STORY_MIDDLE}")
    assert text == f"{STORY_START} {STORY_MIDDLE}"
    assert captions == [f"{caption} {credit}"]


def test_a_gallery_of_captions_leaves_nothing():
    gallery = ("People walk along a boulevard in Kyiv, Ukraine, Sunday, Aug. 28, 2022. (AP Photo/Jane Doe) "
               "Customers drink on a terrace in Kyiv, Ukraine, Sunday, Aug. 28, 2022. (AP Photo/John Roe, File)")
    text, captions = split_captions(gallery)
    assert text == ""
    assert len(captions) == 2


@pytest.mark.parametrize(
    "text",
    [
        "Photo: A man walks past the shop, which closed in March.",  # the caption follows its label
        "She showed the picture (photo by her brother) to the court.",  # a credit inside a sentence
        "The mayor (pictured) opened the new library on Friday.",
        "KYIV (Reuters) - Russian forces shelled the city overnight, officials said.",  # a dateline
        "The minister (who arrived via Reuters' chartered plane) spoke first.",
        "The images: grainy, dark and taken at night, were shown to the jury.",
    ],
)
def test_text_without_a_caption_is_left_as_it_is(text):
    assert split_captions(text) == (text, [])


def test_a_story_sentence_too_long_for_a_caption_keeps_its_place_and_only_the_credit_goes():
    long_sentence = "The minister said " + " ".join(["that the plan would work"] * 14) + "."
    text, captions = split_captions(f"{long_sentence} (AP Photo/Jane Doe) The vote is on Friday.")
    assert text == f"{long_sentence} The vote is on Friday."
    assert captions == ["(AP Photo/Jane Doe)"]


def test_one_line_articles_lose_their_captions_at_ingest_and_the_captions_are_listed(tmp_path):
    rows = [
        {"title": f"Harbour story {i}", "date": "2022-08-29",
         "text": f"{STORY_START} {WIRE_CAPTION} {STORY_MIDDLE} Story {i} ends with its own sentence about the budget."}
        for i in range(3)
    ]
    path = tmp_path / "wire.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    corpus = load_corpus(path)
    texts = " ".join(corpus.paragraphs["text"])
    assert "AP Photo" not in texts and "Fishermen unload" not in texts
    assert texts.count("In another vote") == 3
    captions = corpus.dropped_lines[corpus.dropped_lines["reason"] == "photo caption"]
    assert len(captions) == 3
    assert captions["line"].str.endswith("(AP Photo/Jane Doe)").all()


@pytest.mark.parametrize(
    "caption",
    [
        "Lawmakers leave the chamber after the vote in Lisbon, Portugal, Friday, April 1, 2022.",
        "Lawmakers leave the chamber after the vote in Lisbon, Portugal, April 1, 2022.",
        "FILE - Lawmakers leave the chamber after the vote in Lisbon on Friday, Jan. 14, 2022.",
        "Lawmakers leave the chamber after the vote in Lisbon, Portugal, Sunday, Aug 14, 2022.",
        "Lawmakers leave the chamber after the vote Friday, April 1, 2022, in Lisbon, Portugal.",  # the place last
        "Fields of corn wait for harvest on a farm Friday, Oct. 8, 2021, near Ames, Iowa.",
    ],
)
def test_a_wire_caption_that_lost_its_credit_is_cut_by_its_date_line(caption):
    text, captions = split_captions(f"{STORY_START} {caption} {STORY_MIDDLE}")
    assert text == f"{STORY_START} {STORY_MIDDLE}"
    assert captions == [caption]


def test_uncredited_captions_together_are_a_gallery_but_one_alone_is_the_items_text():
    gallery = ("People walk along a boulevard in Kyiv, Ukraine, Sunday, Aug. 28, 2022. "
               "Customers drink on a terrace in Kyiv, Ukraine, Sunday, Aug. 28, 2022.")
    assert split_captions(gallery) == ("", gallery.split(" Customers")[:1] + ["Customers" + gallery.split(" Customers")[1]])
    alone = "A player dunks against Colorado during the first half in Syracuse, N.Y., Thursday, Nov. 11, 2004."
    assert split_captions(alone) == (alone, [])


@pytest.mark.parametrize(
    "sentence",
    [
        "The accord was signed in Doha on Feb. 29, 2020.",  # a date with a preposition
        "The vote is set for Tuesday, Nov. 3, 2020.",  # a weekday after a preposition other than "on"
        "He said so in Brussels on Friday.",
        "He spoke Friday, Jan. 7, 2022, in Washington, and then he left for the airport.",  # a clause after the place
        "Prices rose in March, April and May, 2022 was the worst year.",
    ],
)
def test_a_story_sentence_with_a_date_is_no_caption(sentence):
    text = f"{STORY_START} {sentence} {STORY_MIDDLE}"
    assert split_captions(text) == (text, [])


def test_a_citation_of_a_source_and_its_date_is_no_caption():
    """A reference list's "Title". The Hollywood Reporter, September 8, 2019.: a name and a date say
    nothing a photo shows."""
    text = '"Film Review: The Long Night". The Hollywood Reporter, September 8, 2019.'
    assert split_captions(text) == (text, [])


def test_a_reporting_credit_left_alone_by_a_cut_caption_goes_too(tmp_path):
    caption = ("Soldiers unload pallets of shells bound for the front from a cargo plane parked on the apron of the air "
               "base in Dover, Delaware, Friday, April 29, 2022.")  # with it, the line is too long for a credit alone
    rows = [{"title": f"Aid story {i}", "date": "2022-08-29",
             "text": f"{STORY_START} {STORY_MIDDLE} Story {i} ends with its own sentence about the budget.\n\n"
                     f"Jane Roe in Berlin contributed to this report. {caption}"} for i in range(3)]
    path = tmp_path / "wire.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    corpus = load_corpus(path)
    texts = " ".join(corpus.paragraphs["text"])
    assert "contributed" not in texts and "Soldiers unload" not in texts and texts.count("In another vote") == 3
    reasons = corpus.dropped_lines.groupby("reason")["line"].apply(list)
    assert reasons["reporting credit"] == ["Jane Roe in Berlin contributed to this report."] * 3
