"""Subtopic naming reads the corpus sample's word uses and shares once per word for all the topics it
names, with the labels it gave reading the sample once per topic (real model and texts, dated BBC sample)."""

from __future__ import annotations

import pandas as pd
import pytest

import topics
from dated_sample import DATA_CSV, dated_bbc_sample
from topics.modeling import headlines, phrase_shape
from topics.modeling.describe import _stop_words
from topics.modeling.name_lead import corpus_shares
from topics.modeling.people import name_tokens
from topics.modeling.usage_texts import UsageTexts


@pytest.fixture(scope="module")
def fitted(embedder, tmp_path_factory):
    folder = tmp_path_factory.mktemp("usage")
    dated_bbc_sample(0).to_csv(folder / "corpus.csv", index=False)
    return topics.find_topics(folder / "corpus.csv", level="article", embedder=embedder)


def test_the_kept_answers_are_those_of_reading_the_texts_for_each_question():
    texts = pd.read_csv(DATA_CSV)["text"].tolist()
    usage = UsageTexts(texts)
    for asked in (["said", "election", "labour", "minister"], ["election", "film", "market", "minister", "won"]):
        assert usage.word_uses(asked, _stop_words()) == phrase_shape.word_uses(name_tokens(texts), asked, _stop_words())
        assert usage.shares(headlines.lower_words, asked) == corpus_shares(texts, headlines.lower_words, asked)


def test_subtopics_are_named_as_when_every_topic_read_the_sample_and_each_word_is_read_once(fitted, monkeypatch):
    model = fitted.model
    read = []  # the words each reading of the sample counted
    real_uses, real_sample = phrase_shape.word_uses, headlines.usage_sample

    def word_uses(token_lists, words, stop_words):
        read.append(sorted(words))
        return real_uses(token_lists, words, stop_words)

    monkeypatch.setattr(phrase_shape, "word_uses", word_uses)  # UsageTexts reads the sample through it
    model._subtopics_cache = None
    kept = model._subtopics().table
    once = [word for words in read for word in words]
    assert len(kept["topic_id"].unique()) >= 3 and once and len(once) == len(set(once))

    # Every topic reading the sample itself (a plain list, as before the reading was kept): the same table.
    read.clear()
    monkeypatch.setattr(headlines, "usage_sample", lambda *args, **kwargs: list(real_sample(*args, **kwargs)))
    model._subtopics_cache = None
    again = model._subtopics().table
    pd.testing.assert_frame_equal(kept, again)
    assert len([word for words in read for word in words]) > len(once)


def test_kept_answers_follow_the_material_and_the_word_reader_they_were_read_with():
    # Counts kept from one material are no answer for another's tokens, nor shares from another reader of words.
    class Upper:  # a material whose tokens differ from name_tokens'
        def tokens(self, text):
            return text.upper().split()

    texts = ["they will enter the city", "enter now"]
    usage, stop_words = UsageTexts(texts), _stop_words()
    assert usage.word_uses({"enter"}, stop_words, None)
    assert usage.word_uses({"enter"}, stop_words, Upper()) == UsageTexts(texts).word_uses({"enter"}, stop_words, Upper())
    assert usage.shares(lambda text: set(text.split()), {"enter"}) == {"enter": 1.0}
    assert usage.shares(lambda text: set(text.split()[:1]), {"enter"}) == {"enter": 0.5}
