"""Guided themes in context: a paragraph's passage, paragraphs continuing a seed, derived names, theme kinds."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from topics.themes.guided import Themes

ROOT = Path(__file__).resolve().parents[1]
THEME_FILE = ROOT / "seeds" / "themes.toml"
LABELS = ROOT / "tests" / "data" / "seed_theme_labels.csv"


@pytest.fixture(scope="module")
def seed_labels(seeds_corpus) -> np.ndarray:
    units = seeds_corpus.units("paragraph")
    return pd.read_csv(LABELS).set_index("paragraph_id").loc[units.unit_id, "theme"].to_numpy()


def _paragraphs(articles: list[int]) -> pd.DataFrame:
    positions = [sum(1 for earlier in articles[:index] if earlier == article) for index, article in enumerate(articles)]
    return pd.DataFrame({"unit_id": [f"u{i}" for i in range(len(articles))],
                         "article_id": [f"a{a}" for a in articles], "position": positions, "text": ["x"] * len(articles)})


def test_neighbours_are_the_paragraphs_next_to_each_other_in_one_article():
    from topics.themes.passages import neighbour_matrix

    units = _paragraphs([0, 0, 0, 1, 1])
    adjacency = neighbour_matrix(units).toarray()
    expected = np.zeros((5, 5))
    for a, b in ((0, 1), (1, 2), (3, 4)):
        expected[a, b] = expected[b, a] = 1
    np.testing.assert_array_equal(adjacency, expected)
    assert neighbour_matrix(units.drop(columns="position")) is None  # articles and bare texts have no passages


def test_a_paragraph_inside_a_passage_about_a_theme_comes_closer_to_it():
    from topics.themes import passages
    from topics.themes.passages import mixed_closeness, neighbour_matrix

    theme, other = np.array([1.0, 0.0, 0.0]), np.array([0.0, 1.0, 0.0])
    neutral = np.array([0.0, 0.0, 1.0])
    # Article a0: on the theme, a neutral paragraph, on the theme. Article a1: other, neutral, other.
    vectors = np.vstack([theme, neutral, theme, other, neutral, other])
    units = _paragraphs([0, 0, 0, 1, 1, 1])
    own = vectors @ theme[:, None]
    mixed = mixed_closeness(vectors, neighbour_matrix(units), theme[None, :], own)
    assert mixed[1, 0] > own[1, 0] and mixed[4, 0] == pytest.approx(own[4, 0])
    assert mixed[1, 0] > mixed[4, 0]
    # No neighbours (or the passages off): the own cosine, unchanged.
    assert mixed_closeness(vectors, None, theme[None, :], own) is own
    adopted = passages.OWN_WEIGHT
    try:
        passages.OWN_WEIGHT = 1.0
        assert mixed_closeness(vectors, neighbour_matrix(units), theme[None, :], own) is own
    finally:
        passages.OWN_WEIGHT = adopted


def test_a_paragraph_continuing_a_seed_joins_only_the_theme_it_is_closest_to():
    from scipy import sparse

    from topics.themes.evidence import _context_joins

    # Paragraphs 0-1-2 in a row; 0 is a seed of theme 0 and of theme 1.
    neighbours = sparse.csr_matrix(np.array([[0, 1, 0], [1, 0, 1], [0, 1, 0]], dtype=float))
    seeds = np.array([[True, True], [False, False], [False, False]])
    z = np.array([[4.0, 4.0], [1.5, 1.2], [3.0, 0.0]])
    joins = _context_joins(z, seeds, neighbours, context_floor=np.array([1.0, 1.0]), z_keyword=np.array([1.0, 1.0]))
    # Paragraph 1 continues the seed and is closest to theme 0; paragraph 2 is not next to a seed.
    np.testing.assert_array_equal(joins[1:], [[True, False], [False, False]])
    higher_floor = _context_joins(z, seeds, neighbours, context_floor=np.array([1.0, 1.0]), z_keyword=np.array([2.0, 1.0]))
    assert not higher_floor[1, 0]  # below the keyword floor: no join


def test_a_neighbouring_seed_is_learning_evidence_only_for_the_theme_a_paragraph_is_closest_to():
    from scipy import sparse

    from topics.themes import evidence

    # Paragraphs 0-1-2 in a row; 0 seeds both themes; 1 is above both context floors, closest to theme 1.
    neighbours = sparse.csr_matrix(np.array([[0, 1, 0], [1, 0, 1], [0, 1, 0]], dtype=float))
    seeds = np.array([[True, True], [False, False], [False, False]])
    z = np.array([[4.0, 4.0], [1.2, 1.5], [0.5, 0.0]])
    no_words = np.zeros_like(seeds)
    floors = dict(z_seed=np.array([3.0, 3.0]), context_floor=np.array([0.0, 0.0]))
    own = evidence._own_evidence(z, no_words, seeds, neighbours, **floors)
    np.testing.assert_array_equal(own[1], [False, True])
    assert not own[2].any()  # not next to a seed
    adopted = evidence.NEIGHBOUR_EVIDENCE_CLOSEST
    evidence.NEIGHBOUR_EVIDENCE_CLOSEST = False
    try:
        np.testing.assert_array_equal(evidence._own_evidence(z, no_words, seeds, neighbours, **floors)[1], [True, True])
    finally:
        evidence.NEIGHBOUR_EVIDENCE_CLOSEST = adopted


def test_names_match_the_adjectives_the_corpus_derives_from_them():
    from topics.text.aliases import alias_hits, capitalised_vocabulary, derived_names

    vocabulary = capitalised_vocabulary(["Iranian officials met Chinese and Russian envoys and Pakistani forces.", "Dohan"])
    assert derived_names("Iran", vocabulary) == ["Iranian"]
    assert derived_names("China", vocabulary) == ["Chinese"]
    assert derived_names("Russia", vocabulary) == ["Russian"]
    assert derived_names("Pakistan", vocabulary) == ["Pakistani"]
    # Acronyms, phrases and short words derive nothing; only words the corpus uses are added.
    assert derived_names("ISIS", vocabulary) == [] and derived_names("al-Qaeda", vocabulary) == []
    assert derived_names("Iraq", vocabulary) == [] and derived_names("tea", vocabulary) == []
    assert alias_hits(["The Iranians said so."], derived_names("Iran", vocabulary)).all()


def test_the_second_theme_margin_compares_themes_of_one_kind():
    from topics.themes import evidence
    from topics.themes.evidence import _dominated, theme_kinds

    kinds = theme_kinds([("detentions", "detained", "arrested"), ("Haqqani network", "Haqqani"), ("air strikes", "aircraft")])
    np.testing.assert_array_equal(kinds, [0, 1, 0])
    margin = evidence.DOMINANCE_MARGIN
    # Strongest: the named network; the act is far below it, the other act far below the first act.
    z = np.array([[3.0, 3.0 + margin + 1.0, 3.0 - margin - 1.0]])
    score = np.array([[0.7, 0.9, 0.6]])
    member = score >= 0.5
    np.testing.assert_array_equal(_dominated(score, z, member, kinds), [[False, False, True]])
    np.testing.assert_array_equal(_dominated(score, z, member), [[True, False, True]])  # one kind: all compared


def test_context_places_more_seed_paragraphs_at_the_same_precision(seeds_corpus, seeds_paragraph_embeddings, embedder, seed_labels):
    units = seeds_corpus.units("paragraph")
    with_context = Themes(THEME_FILE).fit(units, seeds_paragraph_embeddings, embedder)
    without = Themes(THEME_FILE, use_context=False).fit(units, seeds_paragraph_embeddings, embedder)

    def accuracy(fitted):
        return np.mean(np.array(["none" if p is None else p for p in fitted.predicted_themes_]) == seed_labels)

    assert accuracy(with_context) > accuracy(without) + 0.05
    placed = with_context.labels_ >= 0
    assert np.mean(with_context.predicted_themes_[placed] == seed_labels[placed]) >= 0.85
    # New units are scored the same way when they come with their articles and positions.
    np.testing.assert_allclose(with_context.transform(units, seeds_paragraph_embeddings), with_context.scores_, atol=1e-5)


def test_decoys_are_calibrated_on_the_themes_own_null():
    """A theme whose word is in most units measures its decoys against the units without the word,
    as it measures itself; its floors then admit the units clearly above that reference."""
    from topics.themes.evidence import _decoys_on_theme_null, calibrate

    rng = np.random.default_rng(0)
    hits = np.arange(400) < 300  # the word is in three units of four
    decoys = np.where(hits[:, None], rng.normal(0.30, 0.01, (400, 5)), rng.normal(0.20, 0.05, (400, 5)))
    calibrated = _decoys_on_theme_null(decoys, hits)
    centre, spread = calibrate(decoys[~hits])
    np.testing.assert_allclose(calibrated, (decoys - centre) / spread)
    # On all units instead, the reference would be the units with the word.
    assert abs(np.median(calibrated[~hits])) < 0.2 and np.median(calibrated[hits]) > 1.0


def test_a_paragraph_continuing_a_seed_joins_only_where_the_learned_model_does_not_rule_it_out(monkeypatch):
    from scipy import sparse

    from topics.themes import evidence

    # Paragraphs 0-1-2 in a row; 0 seeds the theme on meaning. 1 clears the context and keyword floors
    # (a join), too little for learning to place it: its learned probability is 0.6, or 0.3.
    neighbours = sparse.csr_matrix(np.array([[0, 1, 0], [1, 0, 1], [0, 1, 0]], dtype=float))
    similarity = np.array([[4.0], [1.5], [-1.0]])

    def members(probability, intercept=0.0):
        vectors = np.array([[3.0, 0.0], [np.log(probability / (1 - probability)), 0.0], [-3.0, 0.0]])
        found = evidence.combine(
            similarity, np.zeros((3, 1), dtype=bool), vectors, np.zeros(1), np.ones(1), np.array([[1.0, 0.0]]),
            np.array([intercept]), neighbours=neighbours, threshold=0.5, z_seed=3.0, z_keyword=1.0,
            context_floor=np.zeros(1), theme_fits=np.ones(1, dtype=bool),
        )
        return np.flatnonzero(found.score[:, 0] >= 0.5).tolist()

    assert members(0.6) == [0, 1]
    assert members(0.3) == [0]  # the model rules it out
    assert members(0.3, intercept=np.nan) == [0, 1]  # a theme that did not learn: the neighbour alone
    monkeypatch.setattr(evidence, "JOIN_LEARNED_FLOOR", 0.0)
    assert members(0.3) == [0, 1]


def test_on_the_seeds_the_joins_the_learned_model_rules_out_are_not_about_the_theme(
        seeds_corpus, seeds_paragraph_embeddings, embedder, seed_labels, monkeypatch):
    """A real fit on the seed paragraphs with and without the learned model's say over joins: what the
    gate removes is a join the model puts below the floor, and the hand labels file it elsewhere."""
    from topics.themes import evidence
    from topics.themes.learning import learned_probability

    units = seeds_corpus.units("paragraph")
    gated = Themes(THEME_FILE).fit(units, seeds_paragraph_embeddings, embedder)
    monkeypatch.setattr(evidence, "JOIN_LEARNED_FLOOR", 0.0)
    ungated = Themes(THEME_FILE).fit(units, seeds_paragraph_embeddings, embedder)
    removed = ungated.memberships_ & ~gated.memberships_
    # The gate only takes joins out. Whether the seeds hold such a join at all rests on the vectors' last
    # digits (the int8 kernels differ between CPUs): none on some machines; the rule itself is tested above.
    assert not (gated.memberships_ & ~ungated.memberships_).any()
    learned = learned_probability(seeds_paragraph_embeddings.astype(np.float64), gated.coef_, gated.intercept_)
    for row, column in zip(*np.nonzero(removed)):
        assert ungated.sources_[row, column] == evidence.SOURCE_LEARNING
        assert learned[row, column] < evidence.CARRY_LEARNED_FLOOR
        assert seed_labels[row] != gated.theme_names_[column]
