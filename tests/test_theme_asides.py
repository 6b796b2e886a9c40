"""Guided themes: a unit's one keyword of a theme, said in a sentence about another theme the unit holds two or more
keywords of, is no evidence for the theme (``topics.themes.asides``); a round-up's own line on the theme still is."""

from __future__ import annotations

import numpy as np
import pandas as pd

from tests.unrelated_news import UNRELATED_NEWS
from topics.themes import corpus_fit
from topics.themes.evidence import SOURCE_KEYWORDS
from topics.themes.guided import Themes
from topics.themes.themefile import load_themes

BATTLE = {
    "name": "Battle for Sievierodonetsk",
    "description": "The battle for Sievierodonetsk and Lysychansk in Luhansk, Russia's offensive in the Donbas",
    "keywords": ["Sievierodonetsk", "Lysychansk", "frontline"],
}
WEAPONS = {
    "name": "Western weapons",
    "description": "Western weapons for Ukraine: the US and UK sending rocket systems, artillery and military aid",
    "keywords": ["artillery", "rocket systems", "military aid"],
}
# Written for this test after the Guardian paragraphs that showed the pattern (docs/benchmarks.md).
ASIDE = ("Russian troops pounded Sievierodonetsk with artillery and mortars overnight, and fighting on the frontline "
         "near Lysychansk went on street by street.")
ROUND_UP = ("Russian forces advanced in Sievierodonetsk as the frontline moved towards Lysychansk. Separately, Britain "
            "will send Ukraine long-range rocket systems, the defence secretary said.")
BATTLE_NEWS = [
    "Ukrainian defenders held out in the Azot chemical plant as Russian forces took most of Sievierodonetsk.",
    "The governor of Luhansk said Lysychansk was being shelled from the hills across the river from Sievierodonetsk.",
    "Street fighting in Sievierodonetsk left the city's bridges destroyed and its civilians trapped in cellars.",
]
WEAPONS_NEWS = [
    "The US announced another package of military aid for Ukraine, including artillery shells and drones.",
    "Britain will send multiple-launch rocket systems to Ukraine, in coordination with the US package of military aid.",
    "Germany pledged more artillery and anti-aircraft guns to Ukraine as part of its military aid.",
]
# More unrelated news, so that the null the themes are calibrated on is the corpus's typical paragraph.
BACKGROUND = UNRELATED_NEWS + [
    "The school board voted to extend the summer holidays by a week.",
    "A new bridge across the river will open to traffic next spring.",
    "The orchestra played Beethoven's ninth symphony to a full hall.",
    "Shares in the carmaker fell after it cut its profit forecast.",
    "The marathon was won in record time despite the summer heat.",
    "Doctors warned that flu cases are rising earlier than usual.",
    "The city council approved plans for three hundred new homes.",
    "A rare comet will be visible to the naked eye this weekend.",
    "The airline cancelled dozens of flights because of a pilots' dispute.",
    "Police arrested two men after a jewellery shop was robbed.",
    "The novelist won the prize for her third book about a fishing village.",
    "Floods cut off several villages after days of heavy rain.",
]
TEXTS = [ASIDE, ROUND_UP] + BATTLE_NEWS + WEAPONS_NEWS + BACKGROUND


def _units(texts):
    return pd.DataFrame({"unit_id": [f"a{i}#p000" for i in range(len(texts))], "article_id": [f"a{i}" for i in range(len(texts))],
                         "position": 0, "text": texts})


def test_a_keyword_said_in_a_sentence_about_another_theme_is_no_evidence_but_a_round_ups_own_line_is(embedder, monkeypatch):
    units = _units(TEXTS)
    embeddings = np.asarray(embedder.encode(TEXTS), dtype=np.float32)
    monkeypatch.setattr(corpus_fit, "CHECK_FIT", False)  # a two-theme file on 27 paragraphs is too small for the fit check

    def fit():
        return Themes([BATTLE, WEAPONS], use_context=False, article_context=False, learn=False).fit(units, embeddings, embedder)

    after = fit()
    aside, round_up, weapons = TEXTS.index(ASIDE), TEXTS.index(ROUND_UP), 1
    # "artillery" is said of the battle, in the one sentence that names the battle three times: no evidence of weapons sent.
    assert after.sources_[aside, weapons] != SOURCE_KEYWORDS and not after.memberships_[aside, weapons]
    assert after.memberships_[aside, 0]
    # The round-up gives the weapons a sentence of their own: its "rocket systems" still counts.
    assert after.sources_[round_up, weapons] == SOURCE_KEYWORDS and after.memberships_[round_up, weapons]
    # New paragraphs are read alike.
    np.testing.assert_array_equal(after.transform(units, embeddings) >= 0.5, after.memberships_)

    # Before: the lone keyword placed the battle report under weapons; nothing else changes.
    from topics.themes import asides

    monkeypatch.setattr(asides, "ASIDES", False)
    before = fit()
    assert before.sources_[aside, weapons] == SOURCE_KEYWORDS and before.memberships_[aside, weapons]
    others = np.arange(len(TEXTS)) != aside
    np.testing.assert_array_equal(after.memberships_[others], before.memberships_[others])
    # A Themes fitted without asides (as one saved before they were read) transforms as it fitted.
    monkeypatch.setattr(asides, "ASIDES", True)
    np.testing.assert_array_equal(before.transform(units, embeddings) >= 0.5, before.memberships_)
    del before.asides_  # the fitted state of a file written before asides has no such entry
    np.testing.assert_array_equal(before.transform(units, embeddings) >= 0.5, before.memberships_)


def test_only_a_lone_keyword_beside_two_of_another_theme_is_read(embedder):
    from topics.themes import asides

    themes = Themes([BATTLE, WEAPONS])
    themes.themes_ = load_themes([BATTLE, WEAPONS])  # as fit reads them; only the keywords are needed here
    texts = [ASIDE, "Artillery hit Sievierodonetsk.", "Artillery and rocket systems reached the frontline near Lysychansk."]
    themes._lexical_fit(texts)
    candidates, counts = asides.outnumbered(themes._alias_hits, themes._alias_columns, themes._alias_within)
    assert counts.tolist() == [[3, 1], [1, 1], [2, 2]]
    # One against one is no majority, nor two against two.
    assert candidates.tolist() == [[False, True], [False, False], [False, False]]
    # A name says who the sentence is about, whatever else it is about: never an aside.
    named = np.ones(len(themes.aliases_), dtype=bool)
    assert not asides.outnumbered(themes._alias_hits, themes._alias_columns, themes._alias_within, named)[0].any()
    # Nothing is read without sentence closeness to read it by.
    assert not asides.said_aside(texts, themes._alias_hits, themes._alias_columns, themes._alias_within, themes.aliases_).any()
