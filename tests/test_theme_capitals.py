"""Guided themes: a capitalised keyword the corpus also writes in lower case ("Labor" beside "the labour
market", "Parliament" beside "India's parliament") is found only capitalised inside a sentence, and
counts as a common word where the keyword as written is one; a theme the corpus is no closer to than to
unrelated subjects, in a file that fits, places nothing on meaning alone short of every decoy."""

from __future__ import annotations

import numpy as np
import pandas as pd

from tests.unrelated_news import UNRELATED_NEWS
from topics.text import aliases as lex
from topics.themes import corpus_fit, evidence
from topics.themes.guided import Themes

POLITICS = {
    "name": "Australian federal politics",
    "description": "Australian federal politics: the parties, their leaders and policies, Parliament and the Senate",
    "keywords": ["Labor", "Parliament", "Senate"],
}
LABOR_PARTY = "Federal Labor MP Carmen Lawrence says there is momentum within the party to change its policy."
LABOUR_MARKET = "Forward indicators of the Australian labour market are failing to improve, the bank said."
LABOUR_CHEAPER = "Labour is a great deal cheaper in India, the union said of the outsourcing report."
IN_LABOUR = "Midwives were suspended for using nitrous oxide while women were in labour at the hospital."
SOLOMONS = "The members of the newly elected Solomon Islands Parliament meet today to choose a prime minister."
INDIA = "Pakistan denied that militants it backs stormed India's parliament in New Delhi last week."
SPAIN = "The Spanish parliament is expected to vote on the regional budget before the holidays."
SENATE = "The Greens have won their second seat in the Senate after the count in New South Wales was finalised."
OTHERS = UNRELATED_NEWS + [
    "The airline added direct flights between Dubai and Istanbul for the summer season.",
    "Firefighters battled a bushfire west of Sydney as strong winds pushed it towards homes.",
    "Scientists found a new species of frog in the rainforest.",
    "The company reported higher profits thanks to strong sales of phones.",
    "Australia took two late wickets on the fourth day of the Test in Adelaide.",
    "The opera season opened with a new production of a Verdi classic.",
    "Israeli tanks moved into the West Bank town after a suicide bombing in Jerusalem.",
    "Qantas maintenance workers rejected the pay freeze and threatened industrial action.",
    "The marathon drew thousands of runners despite the rain.",
    "Asylum seekers set fire to buildings at the detention centre for a third night.",
    "The yacht crossed the finish line in Hobart early in the morning.",
]
TEXTS = [LABOR_PARTY, LABOUR_MARKET, LABOUR_CHEAPER, IN_LABOUR, SOLOMONS, INDIA, SPAIN, SENATE] + OTHERS


def test_a_capitalised_word_the_corpus_writes_in_lower_case_is_found_only_capitalised_inside_a_sentence():
    texts = ["Labour is cheaper there. But the Labor Party said no.", "the labour market", "He said. Labor needed votes.",
             "the U.S. Senate voted", 'Mr Crean said: "Labor will win"', "Federal Labor MP", "the LABOR vote"]
    hits = lex.alias_hits(texts, ["Labor", "Labour", "Senate"], capitals={0, 1, 2})
    np.testing.assert_array_equal(hits, [[1, 0, 0], [0, 0, 0], [0, 0, 0], [0, 0, 1], [0, 0, 0], [1, 0, 0], [1, 0, 0]])
    # Without the flag, as before: any case, anywhere.
    np.testing.assert_array_equal(lex.alias_hits(texts[:3], ["Labour"])[:, 0], [True, True, False])
    assert lex.sentence_initial("Labor said", 0) and lex.sentence_initial("Yes. (Labor said", 6)
    assert not lex.sentence_initial("the U.S. Senate", 9) and not lex.sentence_initial("Mr. Labor", 4)
    # A common word of the corpus: written in lower case in two units or more, as a word of its own.
    assert lex.common_capitals(["the labour market", "women in labour"], ["Labour"])
    assert not lex.common_capitals(["the labour market", "the Labour Party"], ["Labour"])  # one may be a slip
    assert not lex.common_capitals(["see example.com/labour-x", "#labour", "labour@example.com"], ["Labour"])
    assert not lex.common_capitals(["the isis k", "isis k again"], ["ISIS-K"])  # an acronym keeps its case anyway


def _fit(embedder, declared=(POLITICS,)) -> Themes:
    units = pd.DataFrame({"unit_id": [f"u{i}" for i in range(len(TEXTS))], "text": TEXTS})
    embeddings = np.asarray(embedder.encode(TEXTS), dtype=np.float32)
    # A one-theme file on 26 paragraphs is too small for the fit check.
    adopted = corpus_fit.CHECK_FIT
    try:
        corpus_fit.CHECK_FIT = False
        return Themes(list(declared), use_context=False, article_context=False, learn=False).fit(units, embeddings, embedder)
    finally:
        corpus_fit.CHECK_FIT = adopted


def test_labor_does_not_find_the_labour_market_and_parliament_is_a_common_word(embedder):
    themes = _fit(embedder)
    # "Labour" is a spelling the corpus gives "Labor" (one vowel apart); it is also its word for work.
    assert "Labour" in themes.aliases_
    hits = themes.keyword_hits_[:, 0]
    assert hits[TEXTS.index(LABOR_PARTY)] and hits[TEXTS.index(SENATE)] and hits[TEXTS.index(SOLOMONS)]
    assert not hits[[TEXTS.index(t) for t in (LABOUR_MARKET, LABOUR_CHEAPER, IN_LABOUR, INDIA, SPAIN)]].any()
    # "Parliament" as written is a word of the corpus (India's, Spain's parliament): a common word, not a
    # name, so another country's Parliament is no name evidence; "Labor" as written is not ("labour" is).
    assert themes.common_capitals_ == [["Parliament"]]
    assert not themes.name_evidence_[TEXTS.index(SOLOMONS), 0]
    assert any("Parliament is also written in lower case" in note for note in themes.notes_), themes.notes_


def test_the_themes_own_name_stays_a_name_and_a_capitalised_keyword_the_corpus_writes_in_lower_case_does_not(embedder):
    cricket = {"name": "Cricket", "description": "Test cricket in Australia", "keywords": ["Test", "wickets"]}
    texts = TEXTS + ["Australian cricket selectors made one change for the second Test in Adelaide.",
                     "The athlete failed a drug test before the final.", "A blood test showed the virus had gone.",
                     "Test cricket resumes in Brisbane on Friday."]
    units = pd.DataFrame({"unit_id": [f"u{i}" for i in range(len(texts))], "text": texts})
    embeddings = np.asarray(embedder.encode(texts), dtype=np.float32)
    themes = Themes([cricket], use_context=False, article_context=False, learn=False).fit(units, embeddings, embedder)
    # "Test" is a word of this corpus ("a drug test"): a common word, found only capitalised inside a sentence.
    assert themes.common_capitals_ == [["Test"]]
    test = themes.aliases_.index("Test")
    np.testing.assert_array_equal(themes._alias_hits[-4:, test], [True, False, False, False])
    # The theme's own name is its subject, in any case ("cricket" under "Cricket"), as before.
    assert themes.keyword_hits_[[-4, -1], 0].all()


def test_a_theme_that_does_not_stand_out_places_nothing_on_meaning_alone_within_reach_of_the_decoys():
    # Two themes on 600 units. Theme 0 stands out: its 60 units are far above its null and hold its word.
    # Theme 1 does not: its null has the decoys' heavy tail (t with 4 degrees of freedom), and its story,
    # 15 units at about 6 spreads, is too small beside that tail to double the count at 2 spreads. Ten of the
    # 15 hold its keyword; the other five are above its ordinary seed floor on meaning alone, and below where
    # units come to the decoys.
    rng = np.random.default_rng(3)
    n = 600
    decoys = rng.standard_t(4, (n, 20)) * 0.05
    similarity = np.column_stack([rng.normal(0, 0.05, n), rng.standard_t(4, n) * 0.05])
    similarity[:60, 0] += 0.3
    hits = np.zeros((n, 2), dtype=bool)
    hits[:60, 0] = True
    story = np.arange(100, 115)
    hits[story[:10], 1] = True
    similarity[story, 1] = 0.35
    vectors = rng.normal(0, 1, (n, 8))

    def gather():
        return evidence.gather(similarity, hits, vectors, name_hits=hits, decoy_similarity=decoys, threshold=0.5,
                               z_seed=3.0, z_keyword=1.0, learn=False, random_state=0, keyword_found=np.ones(2, dtype=bool))

    found = gather()
    np.testing.assert_array_equal(found.theme_fits, [True, False])
    assert found.fits and not found.absent.any()
    np.testing.assert_array_equal(evidence.meaning_unproven(found.theme_fits), [False, True])
    member = found.score >= 0.5
    decoy_reach = float(evidence._decoys_on_theme_null(decoys, hits[:, 1]).max())
    assert decoy_reach > found.z[story, 1].max()
    # Read softly (the default), the floor stops short of every decoy by the chance that the theme does stand out.
    fit_chance = corpus_fit.soft_fit(found.z, decoys, hits)[1]  # in doubt: under the threshold, above chance
    assert 0 < fit_chance < 0.5 and 1 < corpus_fit.enrichment(found.z, decoys, hits)[1] < corpus_fit.MIN_ENRICHMENT
    assert found.seed_floor[1] > found.z[story, 1].max()
    soft = evidence.SOFT_FIT
    try:
        evidence.SOFT_FIT = False  # the test read as a switch: beyond every decoy
        assert gather().seed_floor[1] > decoy_reach > found.seed_floor[1]
    finally:
        evidence.SOFT_FIT = soft
    assert member[story[:10], 1].all() and not member[story[10:], 1].any()  # its keywords count, meaning alone not
    assert member[:60, 0].mean() > 0.9 and found.seed_floor[0] < 4
    # The rule off: its ordinary floor, and the five are placed on meaning alone (as before).
    adopted = evidence.MEANING_UNPROVEN_STRICT
    try:
        evidence.MEANING_UNPROVEN_STRICT = False
        before = gather()
        assert before.seed_floor[1] < found.z[story, 1].min() and (before.score[story, 1] >= 0.5).all()
    finally:
        evidence.MEANING_UNPROVEN_STRICT = adopted
