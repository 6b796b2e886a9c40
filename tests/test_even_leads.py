"""A lead the other groups write about as often is their common subject, not a group's label
(:mod:`topics.modeling.even_leads`): "Russian forces" led a subtopic of news on the war in Ukraine whose
siblings all write it. Texts written for these tests."""

from __future__ import annotations

import numpy as np

from topics.modeling.describe import _stop_words
from topics.modeling.headlines import headline_labels, lower_words
from topics.text.wording import is_junk_word

# Three groups of war news that all write "Russian forces"; two have a story every text tells, the first
# one that a quarter of its texts tell, so the common subject covers it best.
GRAIN = [
    "Russian forces shelled the port as grain exports resumed from Odesa.",
    "Grain exports left the port under a deal, though Russian forces kept firing nearby.",
    "Russian forces mined the coast; traders said the ships waited at anchor.",
    "Russian forces held the bank across the river, and the ships stayed in port.",
    "Russian forces struck a warehouse of wheat near the harbour.",
    "Russian forces fired at the harbour at dawn, the mayor said.",
    "Russian forces moved boats along the shore overnight.",
    "Russian forces closed the bay to fishermen for a week.",
]
POWER = [
    "Russian forces hit power stations, and the blackouts lasted all night.",
    "Power stations burned after Russian forces fired drones at the capital.",
    "Russian forces aimed at power stations again as the frost set in.",
    "Engineers repaired power stations while Russian forces fired missiles.",
    "Russian forces struck power stations as families queued for water and heat.",
    "Russian forces launched drones at power stations at dawn.",
    "Power stations in the west went dark for a day after the strikes.",
    "Crews worked on power stations through the night in the frost.",
]
PRISONERS = [
    "Russian forces handed over prisoners of war in an exchange at the border.",
    "Prisoners of war came home as Russian forces freed a hundred soldiers.",
    "Russian forces and Kyiv traded prisoners of war under a Turkish deal.",
    "Russian forces released wounded prisoners of war at the border crossing.",
    "Russian forces held the prisoners of war for months, their families said.",
    "Russian forces let a bus of prisoners of war cross the line at night.",
    "Mothers of prisoners of war waited at the crossing for news.",
    "A list of prisoners of war was read out in the square.",
]


def _vectors(labels, seed=0):
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(int(labels.max()) + 1, 32))
    embeddings = centres[labels] + 0.05 * rng.normal(size=(len(labels), 32))
    embeddings /= np.linalg.norm(embeddings, axis=1, keepdims=True)
    return embeddings, centres / np.linalg.norm(centres, axis=1, keepdims=True)


def test_a_lead_every_group_writes_as_often_gives_way_to_the_groups_own_phrase():
    texts = GRAIN + POWER + PRISONERS
    labels = np.repeat([0, 1, 2], 8)
    keywords = [["russian forces", "grain exports", "port"], ["russian forces", "power stations", "drones"],
                ["russian forces", "prisoners", "war"]]
    embeddings, centres = _vectors(labels)
    found = headline_labels(texts, labels, np.arange(3), embeddings, centres, keywords, _stop_words(), is_junk_word)
    leads = [label.split(",")[0].lower() for label in found]
    assert "russian forces" not in leads, found
    assert leads == ["grain exports", "power stations", "prisoners of war"], found


def test_even_reads_the_median_of_the_other_groups():
    from topics.modeling.even_leads import even_lead_test

    texts = ["Russian forces near the port."] * 4 + ["Russian forces at the plant."] * 4 + ["Finland applied to join."] * 4
    texts[3] = "Grain exports from the port."
    even = even_lead_test([lower_words(t) for t in texts], np.repeat([0, 1, 2], 4), np.array([0, 1, 2]))
    # Group 0 writes it in 3 of 4, group 1 in 4 of 4, group 2 in none: the median of the others (2 / 4) is half.
    assert even(0, "Russian forces")
    assert not even(2, "Finland")  # written by one group alone
    assert not even(0, "grain exports")
    # Outliers are no group; with one group, nothing is even.
    alone = even_lead_test([lower_words(t) for t in texts], np.array([0] * 8 + [-1] * 4), np.array([0]))
    assert not alone(0, "Russian forces")


def test_a_text_holds_a_lead_where_it_writes_any_spelling_of_the_leads_alias_group():
    # The power and prisoner groups write "Moscow's troops", which a mined alias group writes as its canonical
    # "Russian forces" (the texts the labels are read from). Every group writes the subject, under one spelling
    # or the other: it is their common subject, though only the grain group writes it as the label would.
    written = GRAIN + [t.replace("Russian forces", "Moscow's troops") for t in POWER + PRISONERS]
    texts = GRAIN + POWER + PRISONERS  # as the alias rewrites them
    labels = np.repeat([0, 1, 2], 8)
    keywords = [["russian forces", "grain exports", "port"], ["russian forces", "power stations", "drones"],
                ["russian forces", "prisoners", "war"]]
    embeddings, centres = _vectors(labels)
    found = headline_labels(texts, labels, np.arange(3), embeddings, centres, keywords, _stop_words(), is_junk_word,
                            written=written)
    assert found[0].split(",")[0].lower() == "grain exports", found


def _composer(labels):
    """compose(excluded leads) -> the first of ``labels`` whose lead is not excluded."""
    def compose(excluded):
        return next((label for label in labels if label.split(",")[0].lower() not in excluded), "")
    return compose


def test_an_even_lead_gives_way_only_to_a_lead_that_separates_the_group_as_well():
    from topics.modeling.even_leads import uneven_label

    def even(lead):
        return lead == "Putin"

    def key(label):
        return label.split(",")[0].lower()

    compose = _composer(["Putin, allies", "Security, allies"])
    # "Security" is a keyword the label fell back to: no separation score, no better lead than the subject.
    assert uneven_label(compose, frozenset(), even, key, {"putin": 0.38}.get) == "Putin, allies"
    # A scored lead that sets the group apart less well does not take its place either; one as well does.
    assert uneven_label(compose, frozenset(), even, key, {"putin": 0.38, "security": 0.2}.get) == "Putin, allies"
    assert uneven_label(compose, frozenset(), even, key, {"putin": 0.38, "security": 0.9}.get) == "Security, allies"


def test_with_one_sibling_a_lead_its_group_writes_twice_as_often_is_not_even():
    from topics.modeling.even_leads import even_lead_test

    # Group 0 writes it in 6 of 10 texts, its one sibling in 3: two thirds of its uses are group 0's own.
    texts = ["Bucha massacre probed."] * 6 + ["Other news."] * 4 + ["Bucha massacre recalled."] * 3 + ["Unrelated text."] * 7
    even = even_lead_test([lower_words(t) for t in texts], np.repeat([0, 1], 10), np.arange(2))
    assert not even(0, "Bucha massacre")
    assert not even(1, "Bucha massacre")


def test_a_lead_that_separates_less_is_passed_over_and_the_next_lead_tried():
    from topics.modeling.even_leads import uneven_label

    def key(label):
        return label.split(",")[0].lower()

    compose = _composer(["Putin, allies", "Security, allies", "Kremlin purge, generals"])
    # The second lead is a keyword fallback (no score), or scored below the even lead: the third, which sets the
    # group apart better than the even lead, takes its place.
    for scores in ({"putin": 0.38, "kremlin purge": 0.95}, {"putin": 0.38, "security": 0.1, "kremlin purge": 0.95}):
        assert uneven_label(compose, frozenset(), lambda lead: lead == "Putin", key, scores.get) == "Kremlin purge, generals"
    # None separates as well: the even lead stays.
    scores = {"putin": 0.38, "security": 0.1, "kremlin purge": 0.2}
    assert uneven_label(compose, frozenset(), lambda lead: lead == "Putin", key, scores.get) == "Putin, allies"
