"""Keyword words a topic writes only inside a longer name are shown as that name, never as a bare fragment."""

from __future__ import annotations

import numpy as np

from topics.modeling.describe import _stop_words, describe_topics

SANCTIONS = [
    "The United States imposed sanctions on Iran over its nuclear program.",
    "Iran said sanctions by the United States would not stop its nuclear program.",
    "New sanctions from the United States hit Iran's oil exports.",
    "The United States and Iran traded threats over sanctions and oil.",
    "Prime Minister Imran Khan met the prime minister of Iran about oil.",
    "The Prime Minister said oil exports to Iran would go on.",
]
HARVEST = [
    "The harvest of wheat fell in the north after the drought.",
    "Farmers said the wheat harvest was the worst in a decade of drought.",
    "Drought cut the wheat crop and farmers sold their cattle.",
    "Wheat prices rose as the drought hit farmers across the north.",
    "Rain returned late, too late for the wheat harvest, farmers said.",
    "Cattle died in the drought and farmers left the north.",
]
HIDING = [
    "Osama bin Laden planned the attacks from Afghanistan, officials said.",
    "American forces killed bin Laden in Abbottabad, Pakistan.",
    "Bin Laden hid in Pakistan for years before the raid on his compound.",
    "The raid on the compound in Abbottabad ended the hunt for bin Laden.",
]


def _described(*groups, n_keywords=8):
    texts = [text for group in groups for text in group]
    labels = np.repeat(np.arange(len(groups)), [len(group) for group in groups])
    rng = np.random.default_rng(0)
    # One tight group of vectors per topic stands in for the embeddings.
    centres = rng.normal(size=(len(groups), 16))
    embeddings = centres[labels] + 0.05 * rng.normal(size=(len(texts), 16))
    embeddings /= np.linalg.norm(embeddings, axis=1, keepdims=True)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    return describe_topics(texts, labels, np.arange(len(groups)), embeddings.astype(np.float32),
                           centres.astype(np.float32), n_keywords=n_keywords)


def test_a_word_written_only_inside_a_name_is_shown_as_the_name():
    """"united" of "United States" ("states" is a reporting word, so no keyword pair holds it) and "bin" of
    "bin Laden" are no keywords; the names are, each once."""
    described = _described(SANCTIONS, HARVEST, HIDING)
    sanctions, _, hiding = described.keywords
    assert "united states" in sanctions and "united" not in sanctions
    assert "bin laden" in hiding and not {"bin", "laden", "osama bin"} & set(hiding)
    assert all(len(set(words)) == len(words) for words in described.keywords)


def test_a_fragment_beside_its_own_pair_is_left_out():
    """"prime" and "minister" are only ever "prime minister" here: the pair says it once."""
    sanctions = _described(SANCTIONS, HARVEST).keywords[0]
    assert "prime minister" in sanctions and not {"prime", "minister"} & set(sanctions)


def test_a_word_also_written_on_its_own_stays_a_word():
    """"harvest" is "wheat harvest" twice of three times: short of a fixed expression, so it stays."""
    harvest = _described(SANCTIONS, HARVEST).keywords[1]
    assert "harvest" in harvest and "wheat" in harvest


def test_an_expression_never_begins_on_a_stop_word_nor_ends_on_a_particle():
    from topics.modeling.name_words import expressions, written_spans

    texts = ["The United States and Osama bin Laden.", "In the United States, bin Laden was wanted.",
             "Osama bin Laden hid from the United States.", "They found Osama bin Laden in Abbottabad."]
    assert expressions(*written_spans(texts, {"united", "osama", "bin"}, _stop_words())) == {
        "united": "united states", "osama": "osama bin laden", "bin": "bin laden"}


def test_a_title_before_a_name_is_no_part_of_it():
    """"ashraf" is "Ashraf Ghani", never "President Ashraf"; "prime minister" is a title of two words."""
    from topics.modeling.name_words import expressions, written_spans

    texts = ["President Ashraf Ghani fled Kabul.", "The palace of President Ashraf Ghani fell.",
             "Aides to President Ashraf Ghani left.", "Rivals of President Ashraf Ghani met.", "President Ashraf spoke.",
             "The Prime Minister met Prime Minister Khan, the prime minister."]
    found = expressions(*written_spans(texts, {"ashraf", "prime"}, _stop_words()))
    assert found == {"ashraf": "ashraf ghani", "prime": "prime minister"}


def test_a_phrase_a_template_repeats_in_lower_case_is_no_name():
    """"captured" is always "force captured" in these releases, but a lower-case phrase is two words, not
    one name: it stays a word of its own ("United States" is written with capitals, so it is one)."""
    from topics.modeling.name_words import expressions, written_spans

    texts = ["An Afghan and coalition security force captured a Taliban leader.",
             "The security force captured two suspected insurgents in Kandahar.",
             "In Helmand, the security force captured a facilitator.",
             "The force captured weapons near the United States base."] * 3
    found = expressions(*written_spans(texts, {"captured", "united"}, _stop_words()))
    assert found == {"united": "united states"}


def test_keywords_over_time_show_a_name_as_the_topic_keywords_do():
    import pandas as pd

    from topics.modeling.timeline import topics_over_time

    texts = SANCTIONS + HARVEST
    labels = np.repeat([0, 1], [len(SANCTIONS), len(HARVEST)])
    dates = pd.Series(pd.to_datetime(["2021-03-01"] * len(texts)))
    cells = topics_over_time(texts, labels, dates, [0, 1], n_keywords=8)
    words = [w for row in cells[cells["topic_id"] == 0]["keywords"] for w in row]
    assert "united states" in words and "united" not in words
