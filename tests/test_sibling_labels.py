"""Sibling subtopics never share a label: a collision takes a keyword that tells the siblings apart,
else its number among the colliding siblings."""

from __future__ import annotations

import pandas as pd

import topics
from dated_sample import dated_bbc_sample
from topics.modeling import describe as describe_stage
from topics.modeling.headlines import MAX_LABEL_WORDS
from topics.modeling.sibling_labels import _label_words, distinct_labels

KABUL = ["The drone strike in Kabul hit a white car.", "A drone strike in Kabul killed an aid worker."]
ISIS = ["A drone strike hit Islamic State fighters.", "Drone strikes on the Islamic State went on."]
TALKS = ["Peace talks in Doha resumed.", "The Doha talks stalled."]


def test_colliding_siblings_each_take_a_keyword_their_sibling_lacks():
    labels = ["Drone strike", "drone strike", "Doha talks"]
    keywords = [["drone", "strike", "kabul", "car"], ["strike", "drone", "islamic state", "fighters"], ["doha", "talks"]]
    texts = [KABUL, ISIS, TALKS]
    names = distinct_labels(labels, keywords, lambda row: texts[row])
    assert names == ["Drone strike, Kabul", "drone strike, Islamic State", "Doha talks"]


def test_a_label_a_sibling_says_all_of_takes_a_keyword_neither_label_says():
    labels = ["Drone strike", "Drone strikes, Air Base", "Doha talks"]
    keywords = [["drone", "base", "hours", "kabul"], ["drone", "base", "air"], ["doha", "talks"]]  # a name before "hours"
    names = distinct_labels(labels, keywords, lambda row: [KABUL, ISIS, TALKS][row])
    assert names == ["Drone strike, Kabul", "Drone strikes, Air Base", "Doha talks"]


def test_a_title_tells_no_sibling_apart_though_the_texts_capitalise_it():
    """"President" is written capitalised ("President Biden") in any story with a president in it."""
    texts = [["President Biden met the Saudi crown prince in Jeddah.", "President Biden asked for more oil."],
             ["President Biden spoke of Riyadh and oil prices.", "The oil deal was signed."]]
    keywords = [["saudi", "president", "jeddah"], ["saudi", "oil", "riyadh"]]
    names = distinct_labels(["Saudi Arabia", "Saudi Arabia"], keywords, lambda row: texts[row])
    assert names == ["Saudi Arabia, Jeddah", "Saudi Arabia, Riyadh"]


def test_a_word_written_before_its_noun_tells_no_sibling_apart():
    """"sprawling" (the sprawling Azovstal plant) and "Foreign" (Foreign Minister) say nothing without their noun."""
    texts = [["The port city of Mariupol was shelled.", "Mariupol's port city was cut off."],
             ["Fighters held the sprawling Azovstal steel plant in Mariupol.", "The sprawling steelworks hid tunnels.",
              "Mariupol's tunnels sheltered civilians under the sprawling complex."]]
    keywords = [["mariupol", "port city"], ["mariupol", "sprawling", "tunnels"]]
    names = distinct_labels(["Port city of Mariupol", "Mariupol"], keywords, lambda row: texts[row])
    assert names == ["Port city of Mariupol", "Mariupol, tunnels"]
    texts = [["Finland and Sweden applied to join NATO.", "Finland's bid went ahead."],
             ["Foreign Minister Pekka Haavisto spoke.", "The Foreign Ministry said the bloc would decide.",
              "Its foreign policy changed as the bloc grew."]]
    keywords = [["finland", "sweden"], ["finland", "foreign", "bloc"]]
    names = distinct_labels(["Finland and Sweden", "Finland"], keywords, lambda row: texts[row])
    assert names == ["Finland and Sweden", "Finland, bloc"]


def test_a_name_written_before_a_noun_still_tells_siblings_apart():
    """A guard on the modifier test (code without one passes it too): a name the texts never write in lower case
    ("Kherson region") is no modifier; nor, in a corpus written in lower case, a name written before a noun."""
    texts = [["Shelling hit Kharkiv.", "Kharkiv was shelled."], ["Shelling hit the Kherson region.", "Kherson region towns were shelled."]]
    keywords = [["shelling", "kharkiv"], ["shelling", "kherson"]]
    names = distinct_labels(["Shelling", "Shelling"], keywords, lambda row: texts[row])
    assert names == ["Shelling, Kharkiv", "Shelling, Kherson"]
    lowered = [[text.lower() for text in row] for row in texts]
    names = distinct_labels(["Shelling", "Shelling"], [["shelling", "kharkiv"], ["shelling", "kherson", "towns"]], lambda row: lowered[row])
    assert names == ["Shelling, kharkiv", "Shelling, kherson"]


def test_a_subject_before_its_verb_is_no_modifier():
    texts = [["Shelling hit Kharkiv overnight.", "Kharkiv residents fled."],
             ["Protesters marched through Kherson.", "The protesters chanted slogans.", "Kherson protesters gathered again."]]
    keywords = [["shelling", "kharkiv", "residents"], ["shelling", "protesters", "square"]]
    assert distinct_labels(["Shelling", "Shelling"], keywords, lambda row: texts[row]) == ["Shelling, Kharkiv", "Shelling, protesters"]


def test_a_modifier_no_sibling_lists_beats_a_keyword_a_sibling_lists():
    """"nuclear" only modifies, but it is the one word that tells the Iran subtopics apart; "talks" both list."""
    texts = [["Iran's nuclear programme grew.", "The nuclear talks resumed in Vienna.", "Talks on the nuclear deal stalled."],
             ["Protesters filled the streets of Tehran.", "Talks with protesters failed.", "Protests spread."]]
    keywords = [["iran", "nuclear", "talks"], ["iran", "talks", "protests"]]
    assert distinct_labels(["Iran", "Iran"], keywords, lambda row: texts[row])[0] == "Iran, nuclear"


def test_a_label_that_takes_no_keyword_reads_no_texts():
    def texts_of(row):
        raise AssertionError(f"texts of row {row} read")

    assert distinct_labels(["Drone strike", "Drone strike"], [[], []], texts_of) == ["Drone strike, 1", "Drone strike, 2"]


def test_only_the_free_rows_are_renamed():
    keywords = [["drone", "kabul"], ["drone", "fighters"]]
    names = distinct_labels(["Drone strike", "Drone strike"], keywords, lambda row: [KABUL, ISIS][row], free={1})
    assert names == ["Drone strike", "Drone strike, fighters"]


def test_a_label_that_says_what_its_topic_says_takes_a_keyword_and_one_that_says_part_of_it_stays():
    gas = ["The Nord Stream pipelines were damaged.", "Officials suspected sabotage of the Nord Stream pipelines."]
    keywords = [["gas", "nord stream", "pipelines", "sabotage"], ["grain", "deal"]]
    labels = ["Nord Stream, natural gas", "Grain deal, food products"]
    names = distinct_labels(labels, keywords, lambda row: [gas, TALKS][row], above="Nord stream, Natural gas")
    assert names == ["Nord Stream, natural gas, pipelines", "Grain deal, food products"]
    # A part named by some of its topic's words says which part it is.
    assert distinct_labels(["Natural gas", "Grain deal"], keywords, lambda row: [gas, TALKS][row],
                           above="Nord Stream, natural gas") == ["Natural gas", "Grain deal"]
    # A name is taken whole ("Tora Bora", not "Bora"); a word the label already says in another form is passed over.
    qaeda = ["Al Qaeda fighters fled to Tora Bora.", "Afghan forces entered Tora Bora."]
    assert distinct_labels(["Al Qaeda"], [["qaeda", "bora", "tora bora", "fighters"]], lambda row: qaeda, above="Al Qaeda") == ["Al Qaeda, Tora Bora"]
    israel = ["The State of Israel and the Palestinian people.", "Israeli and Jewish groups."]
    assert distinct_labels(["State of Israel"], [["israeli", "jewish"]], lambda row: israel, above="State of Israel") == ["State of Israel, Jewish"]
    # Nor is a keyword that spells the label's name by its initials ("UKIP" beside "UK Independence Party").
    ukip = ["Robert Kilroy-Silk left UKIP.", "He will found a new party, Veritas."]
    assert distinct_labels(["Robert Kilroy-Silk, UK Independence Party"], [["ukip", "veritas"]], lambda row: ukip,
                           above="Robert Kilroy-Silk, UK Independence Party") == ["Robert Kilroy-Silk, UK Independence Party, Veritas"]
    # Without a keyword that fits, the label stays: no number tells a part from its topic.
    assert distinct_labels(["Nord Stream"], [["nord stream"]], lambda row: gas, above="Nord Stream") == ["Nord Stream"]


def test_siblings_that_share_their_only_keyword_are_numbered():
    names = distinct_labels(["Drone strike", "Drone strike"], [["kabul"], ["kabul"]], lambda row: KABUL)
    assert names == ["Drone strike, Kabul", "Drone strike, 2"]


def test_siblings_without_keywords_are_numbered():
    names = distinct_labels(["Drone strike", "Drone strike"], [[], []], lambda row: KABUL)
    assert names == ["Drone strike, 1", "Drone strike, 2"]


def test_a_keyword_given_to_one_sibling_is_not_given_to_another():
    labels = ["Drone strike", "Drone strikes", "Drone strike"]
    keywords = [["kabul", "car"], ["kabul", "car"], ["car", "kabul"]]
    names = distinct_labels(labels, keywords, lambda row: KABUL)
    assert names == ["Drone strike, Kabul", "Drone strikes, car", "Drone strike, 3"]
    assert len({_label_words(name) for name in names}) == len(names)  # plurals aside too


def test_a_keyword_that_makes_the_label_too_long_is_passed_over():
    labels = ["Drone strike on aid worker", "Drone strike on aid worker"]  # one word short of the most
    keywords = [["white car", "kabul"], ["islamic state fighters"]]
    names = distinct_labels(labels, keywords, lambda row: [KABUL, ISIS][row])
    assert names == ["Drone strike on aid worker, Kabul", "Drone strike on aid worker, 2"]
    assert all(len(name.split()) <= MAX_LABEL_WORDS for name in names)


def test_a_fresh_fits_subtopics_of_one_topic_have_distinct_labels(embedder, tmp_path, monkeypatch):
    # Every topic and subtopic given one headline label: only the keywords can tell siblings apart.
    monkeypatch.setattr(describe_stage, "headline_labels_or_keywords", lambda texts, labels, topic_ids, *a, **k: ["Election news"] * len(topic_ids))
    dated_bbc_sample(0).to_csv(tmp_path / "corpus.csv", index=False)
    table = topics.find_topics(tmp_path / "corpus.csv", level="article", embedder=embedder).model.subtopics()
    sizes = table.groupby("topic_id")["label"].agg(["size", "nunique"])
    assert (sizes["size"] > 1).any()  # some topic has siblings to tell apart
    assert (sizes["size"] == sizes["nunique"]).all(), table[["topic_id", "subtopic", "label"]].to_string()
    assert not table["label"].eq("Election news").any()  # none says only what its topic says
