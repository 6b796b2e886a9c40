"""Which phrase leads a label: written by two articles, covering a fair share of its topic, told apart
from the other topics' leads (:mod:`topics.modeling.lead_share`). Texts written for these tests."""

from __future__ import annotations

import numpy as np

from topics.modeling.describe import _stop_words
from topics.modeling.headlines import headline_labels
from topics.text.wording import is_junk_word


def _vectors(labels, seed=0):
    rng = np.random.default_rng(seed)
    k = int(labels.max()) + 1
    centres = rng.normal(size=(k, 32))
    embeddings = centres[labels] + 0.05 * rng.normal(size=(len(labels), 32))
    embeddings /= np.linalg.norm(embeddings, axis=1, keepdims=True)
    return embeddings.astype(np.float32), (centres / np.linalg.norm(centres, axis=1, keepdims=True)).astype(np.float32)


def _labels(texts, labels, keywords, **options):
    embeddings, centres = _vectors(labels)
    return headline_labels(texts, labels, np.arange(len(keywords)), embeddings, centres, keywords, _stop_words(),
                           is_junk_word, **options)


def _two_topics(first, second, keywords, **options):
    """The labels of two topics, the texts of ``first`` and those of ``second``."""
    labels = np.array([0] * len(first) + [1] * len(second))
    return _labels(list(first) + list(second), labels, keywords, **options)


SPORTS = [
    "The season opened with a win for Boston, and the game drew a record crowd.",
    "Chicago lost its third game of the season at home on Sunday.",
    "The season is long, the coach said after the game in Denver.",
    "A late goal settled the game, the best of the season so far.",
    "Injuries have cost the team half its season, and the next game is in Dallas.",
    "The game went to overtime before Miami took the win, its tenth of the season.",
    "Fans waited all season for a game like this one in Atlanta.",
    "A rookie scored twice in the game, his best of the season.",
    "The win ended a slide that had marred the season in Houston.",
    "Rain delayed the game for an hour, the first delay of the season.",
    "Ichiro Suzuki had four hits last night in Seattle, and the game ended late.",
    "The Mariners won again last night in Seattle, a game that ends their season at home.",
]
MARKETS = [
    "Shares fell in Tokyo as oil prices rose to a record.",
    "Oil prices pushed shares lower in London and Frankfurt.",
    "European shares rose after a week of losses in the season of earnings.",
    "Investors sold shares as oil prices climbed again.",
    "Shares in airlines fell on the price of oil.",
    "Oil prices eased and shares recovered some ground.",
]


def test_a_phrase_that_covers_a_sliver_of_its_topic_does_not_lead():
    # "night in Seattle" is written in 2 of 12 sports units and nowhere else (separation 1); "season" in all.
    names = _two_topics(SPORTS, MARKETS, [["season", "game", "night"], ["shares", "oil", "prices"]])
    assert "seattle" not in names[0].lower(), names
    lead = names[0].split(",")[0].lower()
    assert sum(lead in t.lower() for t in SPORTS) >= len(SPORTS) // 4, names


POSTS = [
    # One long post: three of its paragraphs repeat a code comment's phrase.
    ("post-1", "The loop writes each output window stream before it closes the program."),
    ("post-1", "Again the output window stream is flushed when the program exits."),
    ("post-1", "Remember that the output window stream needs a buffer in this program."),
    ("post-2", "Which program opens a window on Windows without a console?"),
    ("post-3", "My program crashes when the window is resized under Windows."),
    ("post-4", "The window manager of this program ignores the Windows theme."),
    ("post-5", "Any program that draws a window needs the Windows SDK installed."),
]
OTHER = [
    ("post-6", "The league named its best team of the year."),
    ("post-7", "Our team lost the final of the league."),
    ("post-8", "The team will play in a new league next year."),
]


def test_a_phrase_of_one_article_is_no_lead_however_many_of_its_paragraphs_write_it():
    first, second = [t for _, t in POSTS], [t for _, t in OTHER]
    keywords = [["program", "window", "windows"], ["team", "league", "year"]]
    names = _two_topics(first, second, keywords, writers=[w for w, _ in POSTS + OTHER])
    assert "stream" not in names[0].lower(), names
    # Each unit its own writer (no articles given), the phrase of three units may still lead.
    assert "stream" in _two_topics(first, second, keywords)[0].lower()


RAIDS = [
    "An Afghan and coalition security force detained two suspected insurgents in Kandahar.",
    "An Afghan and coalition security force detained a Taliban facilitator in Helmand.",
    "An Afghan and coalition security force detained three suspects during a search.",
    "An Afghan and coalition security force detained a bomb maker after questioning.",
    "An Afghan and coalition security force detained several insurgents in Ghazni.",
]
FIGHTS = [
    "An Afghan and coalition security force killed two armed insurgents in Kunar.",
    "An Afghan and coalition security force killed an insurgent who fired on them.",
    "An Afghan and coalition security force killed several armed insurgents in Paktika.",
    "An Afghan and coalition security force killed a Taliban commander in an air strike.",
]


def test_topics_that_share_their_best_phrase_do_not_share_their_lead():
    keywords = [["security force", "insurgents", "detained"], ["security force", "insurgents", "armed"]]
    names = _two_topics(RAIDS, FIGHTS, keywords)
    leads = [name.split(",")[0].lower() for name in names]
    assert all(leads) and leads[0] != leads[1], names
    # A lead given elsewhere (another topic's, in a subtopic's naming) is not taken again.
    from topics.modeling.lead_share import lead_key

    again = _two_topics(RAIDS, FIGHTS, keywords, avoid=frozenset({lead_key(names[0]), lead_key(names[1])}))
    assert not {lead_key(n) for n in again} & {lead_key(n) for n in names}, (names, again)


def test_leads_one_of_which_holds_all_the_other_s_words_are_told_apart_too():
    from topics.modeling.lead_share import told_apart

    # Each row's candidate labels, best first; the share of its lead's uses that fall in the row's topic.
    options = {0: ["afghan and coalition security force, insurgents", "detained suspects"],
               1: ["afghan and coalition forces, attacks", "ied attacks, weapons"],
               2: ["coalition forces, armed insurgents", "armed insurgents"],
               3: ["taliban leader", "leader"]}
    shares = {0: 0.6, 1: 0.3, 2: 0.4, 3: 0.9}

    def compose(row, excluded):
        from topics.modeling.lead_share import lead_key

        return next((label for label in options[row] if lead_key(label) not in excluded), "")

    found = told_apart(list(options), compose, lambda row, lead: shares[row])
    assert found == {0: "afghan and coalition security force, insurgents", 1: "ied attacks, weapons",
                     2: "armed insurgents", 3: "taliban leader"}
    # A lead holding all the words of one given elsewhere is not taken either.
    assert told_apart([3], compose, lambda row, lead: 1.0, avoid=frozenset({"taliban leader"})) == {3: "leader"}


def test_a_label_led_by_one_word_is_not_given_twice_whole():
    from topics.modeling.lead_share import given_leads, lead_key, told_apart

    options = {0: ["insurgents, weapons", "weapons, forces"], 1: ["insurgents, weapons", "insurgents, scene"]}

    def compose(row, excluded):
        return next((label for label in options[row] if lead_key(label) not in excluded), "")

    # Siblings: the one with the larger share keeps it; a subtopic of another topic does not repeat it.
    assert told_apart([0, 1], compose, lambda row, lead: [0.2, 0.5][row]) == {0: "weapons, forces", 1: "insurgents, weapons"}
    avoid = given_leads({5: ["Insurgents, weapons"], 8: ["Other topic"]}, 8)
    assert told_apart([0], compose, lambda row, lead: 1.0, avoid=avoid) == {0: "weapons, forces"}
