"""Guided themes: a name the corpus uses on everything (a speaker) counts only with subject evidence of its own."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from topics.themes import speakers
from topics.themes.guided import Themes

POLITICS = {
    "name": "US politics of the withdrawal",
    "description": "American politics of the troop withdrawal: Trump, Congress and the debate in Washington",
    "keywords": ["Trump", "withdrawal"],
}
# Paragraphs on the theme's subject, with one of its common words (independent evidence).
ON_SUBJECT = [
    "Mr. Trump ordered the withdrawal of American troops from Afghanistan by May, and lawmakers objected.",
    "The withdrawal of the last American troops from Afghanistan divided Republicans and Democrats in Congress.",
    "Senators demanded a hearing on the withdrawal from Afghanistan and its consequences for American credibility.",
    "Critics of the withdrawal from Afghanistan said the president had ignored the advice of his generals.",
    "The House debated a bill that would slow the troop withdrawal from Afghanistan.",
    "Mr. Trump defended the withdrawal from Afghanistan as the end of an endless war.",
]
# The same name on everything else.
ELSEWHERE = [
    f"Mr. Trump {what}." for what in (
        "played golf at his club in New Jersey on Sunday", "hosted a rally in Ohio about manufacturing jobs",
        "criticised the Federal Reserve for raising interest rates", "praised a new trade deal with Mexico and Canada",
        "signed an order on prescription drug prices", "attended a football game in Alabama",
        "announced a new chief of staff at the White House", "tweeted about the ratings of a television show",
        "spoke about the coronavirus vaccine at a news conference", "met the prime minister of Japan at the summit",
        "visited the border wall in Arizona", "nominated a judge to the Supreme Court",
        "talked about tax cuts for small businesses", "toured a factory that makes steel pipes",
        "pardoned a turkey at the White House before Thanksgiving", "released a statement about the hurricane in Florida",
        "gave a speech about the economy in Michigan", "commented on the stock market's record high",
        "met farmers who complained about tariffs on soybeans", "talked to reporters about his health",
        "welcomed a championship baseball team to the White House", "wrote about his new book",
        "criticised a newspaper's report about his taxes", "spoke at a prayer breakfast in Washington",
        "announced sanctions on Venezuela's oil industry", "appeared on a morning television show",
        "visited wildfire areas in California", "talked about a new space force",
        "hosted the president of France for a state dinner", "praised the police in a speech in Chicago",
        "met the leader of North Korea at the border", "spoke about immigration at a rally in Texas",
    )
]
# Paragraphs without the theme's words, for the corpus's null.
OTHERS = [
    "Shopkeepers in Herat reopened their stalls after a week of heavy rain.",
    "The provincial governor inaugurated a new hospital wing for mothers and children.",
    "Smugglers moved fuel across the western border at night, officials said.",
    "The price of bread doubled in the capital as the currency lost its value.",
    "Universities postponed their entrance exams until the autumn.",
    "The cricket team won its first match of the tournament in the final over.",
    "An avalanche buried a village in the north, and rescuers dug for two days.",
    "Archaeologists restored a Buddhist monastery carved into the cliffs.",
    "Doctors reported a rise in measles cases among children in the camps.",
    "A new road linked the two valleys for the first time.",
    "Elders from rival tribes met to settle a dispute over water rights.",
    "A roadside bomb destroyed a bus carrying government employees to work.",
    "Aid agencies warned that millions faced hunger during the winter.",
    "Biologists counted snow leopards with cameras in the high mountains.",
    "The telecom company expanded mobile coverage to remote districts.",
    "A film festival in Kabul showed works by young women directors.",
    "Gunmen kidnapped a businessman's son on his way to school.",
    "Poppy farmers said the ban on opium had left them without income.",
    "Midwives trained in the city returned to work in their home villages.",
    "The national museum displayed jewellery recovered from smugglers.",
]


def test_speakers_are_names_whose_units_rarely_carry_independent_evidence():
    n = 200
    independent = np.zeros((n, 1), dtype=bool)
    independent[:20, 0] = True  # a tenth of the corpus has independent evidence
    hits = np.zeros((n, 4), dtype=bool)
    hits[15:75, 0] = True  # 60 units, 5 of them with independent evidence: used on everything
    hits[:30, 1] = True  # 30 units, 20 with it: a name of the subject
    hits[15:25, 2] = True  # 10 units: too few to judge
    hits[18:50, 3] = True  # 32 units, 2 with it, but not a name to judge (the theme's own)
    found = speakers.speaker_columns(hits, [[0, 1, 2, 3]], {0, 1, 2}, independent)
    assert found == {0}
    # A theme without independent evidence in the corpus: nothing to judge its names by.
    assert speakers.speaker_columns(hits, [[0, 1, 2, 3]], {0, 1, 2}, np.zeros((n, 1), dtype=bool)) == set()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(speakers, "SPEAKER_CHECK", False)
        assert speakers.speaker_columns(hits, [[0, 1, 2, 3]], {0, 1, 2}, independent) == set()


def _fit(embedder, texts) -> Themes:
    from topics.themes import corpus_fit

    units = pd.DataFrame({"unit_id": [f"t{i}" for i in range(len(texts))], "text": texts})
    with pytest.MonkeyPatch.context() as patch:
        # One theme on a few dozen paragraphs is too small a file for the fit check.
        patch.setattr(corpus_fit, "CHECK_FIT", False)
        model = Themes([POLITICS], use_context=False, article_context=False, learn=False)
        return model.fit(units, np.asarray(embedder.encode(texts), dtype=np.float32), embedder)


def test_a_speakers_name_counts_only_with_subject_evidence_of_its_own(embedder):
    texts = ON_SUBJECT + ELSEWHERE + OTHERS
    fitted = _fit(embedder, texts)
    assert fitted.speaker_names_ == [["Trump"]]
    # One name reads as one: "Trump occurs ... it counts" (before: "Trump occur ... they count").
    assert any("Trump occurs on many other subjects in this corpus; it counts only" in note for note in fitted.notes_)
    on, elsewhere = slice(0, len(ON_SUBJECT)), slice(len(ON_SUBJECT), len(ON_SUBJECT) + len(ELSEWHERE))
    # With the theme's word beside it, the name counts; alone, on other subjects, it does not.
    named_on = fitted.name_hits_[on, 0]
    assert fitted.name_evidence_[on, 0][named_on].all()
    assert fitted.memberships_[on, 0].all()
    # Elsewhere only where the paragraph itself is close to the subject (a rally on immigration, say).
    vectors = np.asarray(embedder.encode(ELSEWHERE), dtype=np.float64)
    subject_z = (vectors @ fitted.subject_prototypes_[0] - fitted.subject_centre_[0]) / fitted.subject_spread_[0]
    counted = fitted.name_evidence_[elsewhere, 0]
    assert np.array_equal(counted, subject_z >= speakers.SPEAKER_SUBJECT_Z)
    assert not (fitted.memberships_[elsewhere, 0] & ~counted).any()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(speakers, "SPEAKER_CHECK", False)
        anywhere = _fit(embedder, texts)
    # Without the check the name counts wherever the paragraph is near enough to the subject.
    assert anywhere.speaker_names_ == [[]]
    assert anywhere.name_evidence_[elsewhere, 0].sum() > fitted.name_evidence_[elsewhere, 0].sum()
    # New units go through the same condition.
    new = [ON_SUBJECT[-1], ELSEWHERE[2]]
    scores = fitted.transform(pd.DataFrame({"unit_id": ["n0", "n1"], "text": new}),
                              np.asarray(embedder.encode(new), dtype=np.float32))
    assert scores[0, 0] >= fitted.threshold > scores[1, 0]


def test_seeds_on_a_speakers_name_alone_do_not_carry_their_article():
    from topics.themes import evidence
    from topics.themes.passages import neighbour_matrix

    # One article of three paragraphs: two name a speaker near the subject (seeds), the third is a little
    # closer to the theme than the typical unit, with no evidence of its own.
    units = pd.DataFrame({"unit_id": ["p0", "p1", "p2"], "article_id": ["a"] * 3, "position": [0, 1, 2]})
    similarity = np.array([[0.65], [0.65], [0.58]])  # with centre 0.5 and spread 0.1: z 1.5, 1.5, 0.8
    hits = np.array([[True], [True], [False]])

    def carried(speaker_only):
        found = evidence.combine(
            similarity, hits, np.zeros((3, 4)), np.array([0.5]), np.array([0.1]), np.full((1, 4), np.nan),
            np.array([np.nan]), name_hits=hits, neighbours=neighbour_matrix(units), threshold=0.5, z_seed=3.0,
            z_keyword=1.0, article_context=True, speaker_only=speaker_only,
        )
        return found.score[2, 0] >= 0.5

    assert carried(None)  # seeds of any kind: the article carries its third paragraph
    assert carried(np.zeros((3, 1), dtype=bool))
    assert not carried(hits)  # the seeds are a speaker's name alone
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(evidence, "SPEAKER_SEEDS_CARRY", True)
        assert carried(hits)


def test_a_unit_naming_a_speaker_away_from_the_subject_is_not_placed_by_its_neighbours():
    from topics.themes import evidence
    from topics.themes.passages import neighbour_matrix

    # One article of three paragraphs: two seeds on a name of the subject, and a third as close to the theme
    # as a seed's neighbour must be, whose only word for it is a speaker's name that did not count there.
    units = pd.DataFrame({"unit_id": ["p0", "p1", "p2"], "article_id": ["a"] * 3, "position": [0, 1, 2]})
    similarity = np.array([[0.65], [0.65], [0.62]])  # with centre 0.5 and spread 0.1: z 1.5, 1.5, 1.2
    hits = np.array([[True], [True], [False]])
    speaker_hits = np.array([[False], [False], [True]])
    muted = speakers.muted(speaker_hits, np.zeros((3, 1), dtype=bool), hits)
    assert muted.tolist() == [[False], [False], [True]]
    # A name that counted there, or another word of the theme beside it, leaves the unit as it was.
    assert not speakers.muted(speaker_hits, speaker_hits, hits).any()
    assert not speakers.muted(speaker_hits, np.zeros((3, 1), dtype=bool), speaker_hits).any()

    def placed(speaker_muted, article_context):
        found = evidence.combine(
            similarity, hits, np.zeros((3, 4)), np.array([0.5]), np.array([0.1]), np.full((1, 4), np.nan),
            np.array([np.nan]), name_hits=hits, neighbours=neighbour_matrix(units), threshold=0.5, z_seed=3.0,
            z_keyword=1.0, article_context=article_context, speaker_muted=speaker_muted,
        )
        return found.score[2, 0] >= 0.5

    for article_context in (False, True):  # joined beside the seed; and carried by the article
        assert placed(None, article_context)
        assert not placed(muted, article_context)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(speakers, "SPEAKER_MUTES", False)
        assert not speakers.muted(speaker_hits, np.zeros((3, 1), dtype=bool), hits).any()


def test_a_seed_on_a_speakers_name_alone_needs_the_model_of_the_themes_other_seeds():
    rng = np.random.default_rng(0)
    # Ten seeds on the theme's own words near (1, 0), twenty clear non-members near (-1, 0); two seeds on a
    # speaker's name alone: one where the other seeds are, one where the non-members are.
    vectors = np.vstack([[1.0, 0.0]] * 10 + [[-1.0, 0.0]] * 20 + [[0.9, 0.1], [-0.8, 0.2]]) + rng.normal(0, 0.05, (32, 2))
    z = np.concatenate([np.full(10, 2.0), np.full(20, -1.0), [1.5, 1.5]])[:, None]
    hits = np.concatenate([np.ones(10), np.zeros(20), [1, 1]]).astype(bool)[:, None]
    speaker_only = np.zeros((32, 1), dtype=bool)
    speaker_only[30:] = True
    model = speakers.corroboration(vectors, hits, speaker_only, z, hits, 0)
    kept_hits, kept_names, kept_only, muted = speakers.corroborated(vectors, model, hits, hits, speaker_only, None)
    expected = hits.copy()
    expected[31] = False  # the second loses its name: it does not count there
    assert kept_hits.tolist() == expected.tolist() and kept_names.tolist() == expected.tolist()
    assert kept_only[:, 0].tolist() == [False] * 30 + [True, False]
    assert muted[:, 0].tolist() == [False] * 31 + [True]  # and its neighbours do not put it under the theme
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(speakers, "SPEAKER_CORROBORATION", 0.0)
        off = speakers.corroboration(vectors, hits, speaker_only, z, hits, 0)
        assert np.isnan(off[1]).all()
        assert speakers.corroborated(vectors, off, hits, hits, speaker_only, None)[0].tolist() == hits.tolist()
