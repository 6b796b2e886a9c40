"""A lone word the corpus's other topics write more often than a topic does follows no label lead
(topics.modeling.spread_words): "Afghan allies, thousands", "God, people" named nothing of their topics."""

from __future__ import annotations

import numpy as np

from topics.modeling.headlines import lower_words


def test_a_word_most_of_whose_uses_fall_in_other_topics_is_spread():
    from topics.modeling.spread_words import spread_words

    texts = [
        "Thousands of people fled the fighting in Kandahar.",
        "People said the drones flew over Kandahar at night.",
        "Drones were seen over Kunar.",
        "People queued for hours at the airport; thousands waited outside.",
        "People waited for evacuation flights from the airport.",
        "The airport's gates closed to people without visas.",
    ]
    groups = np.array([0, 0, 0, 1, 1, 1])
    asked = {"people", "thousands", "drones", "airport", "kandahar"}
    found = spread_words([lower_words(t) for t in texts], groups, np.array([0, 1]), {0: asked, 1: asked})
    assert found[0] == {"people", "airport"}  # people: 2 of its 5 uses in topic 0
    assert found[1] == {"drones", "kandahar"}  # half the uses of "thousands" are topic 1's: not spread
    # A text standing for several units counts as many.
    weighted = spread_words([lower_words(t) for t in texts], groups, np.array([0, 1]), {0: {"people"}},
                            weights=[3, 3, 1, 1, 1, 1])
    assert weighted[0] == frozenset()
    # The outliers are no topic: a word they write more than the topic does is still the topic's alone.
    with_outliers = texts + ["Drones again over Kunar.", "Drones hit a car.", "More drones."]
    alone = spread_words([lower_words(t) for t in with_outliers], np.array([0, 0, 0, 1, 1, 1, -1, -1, -1]),
                         np.array([0, 1]), {0: {"drones"}})
    assert alone[0] == frozenset()


def _parts_after_the_lead_held_elsewhere(texts, model):
    info = model.topic_info()
    held = [lower_words(t) for t in texts]
    found, seconds = [], 0
    for topic, label in zip(info["topic_id"], info["label"]):
        if topic < 0:
            continue
        for part in [p.strip() for p in label.split(",")[1:]]:
            seconds += 1
            if " " in part:
                continue
            word = part.lower()
            users = np.array([word in words for words in held])
            if 2 * users[model.labels_ == topic].sum() < users.sum():
                found.append((label, word))
    return found, seconds


def test_on_the_seeds_no_label_part_after_the_lead_is_a_word_other_topics_write_more(seeds_corpus, seeds_paragraph_embeddings):
    """Real model, seed articles: "Daesh, attacks" was a label, where the other topics write "attacks" more."""
    from topics.modeling.model import TopicModel

    units = seeds_corpus.units("paragraph")
    model = TopicModel(random_state=42).fit(units, embeddings=seeds_paragraph_embeddings)
    found, seconds = _parts_after_the_lead_held_elsewhere(units["text"].tolist(), model)
    assert seconds >= 2  # labels of two parts were read
    assert found == [], found


def test_a_hyphen_splits_no_word_family_in_a_label():
    # "Email, e-mail" named one word twice (20 Newsgroups): a keyword that is the lead's word with a hyphen
    # is no second part.
    from topics.modeling.label_parts import _distinct_words, _written_keywords

    assert list(_distinct_words(["Email", "e-mail", "E-mails", "University"])) == ["Email", "University"]
    member_words = [frozenset({"email", "e-mail", "university"})] * 3
    found = _written_keywords("Email", ["e-mail", "university"], member_words, lambda k: True, lambda w: False,
                              lambda k: False)
    assert next(found) == "university"
