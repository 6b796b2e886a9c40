"""Guided themes, the worded seed floor (``evidence.MEANING_AS_WORDED``, measured, off by default): where a theme's
words are most of its seeds, a unit without any of them seeds it on meaning alone only as close as the typical unit
that names it (a neighbouring subject sits just above the floor that unrelated subjects give)."""

from __future__ import annotations

import numpy as np

from tests.theme_arrays import gather, null_corpus
from topics.themes import evidence
from topics.themes.calibration import worded_seed_floors


def _corpus():
    """600 units, one theme: 40 units name it at about 6 spreads above the null, 8 units of a neighbouring subject
    without its words at about 3.6 (above the ordinary floor), and 4 without its words at about 7."""
    rng, decoys, similarity, hits = null_corpus(5, 1)
    hits[:40, 0] = True
    similarity[:40, 0] = 0.3 + rng.normal(0, 0.01, 40)
    neighbouring = np.arange(100, 108)
    similarity[neighbouring, 0] = 0.18 + rng.normal(0, 0.005, 8)
    close_unworded = np.arange(200, 204)
    similarity[close_unworded, 0] = 0.36
    return similarity, hits, decoys, neighbouring, close_unworded


def test_a_neighbouring_subject_without_the_words_is_no_seed_and_a_closer_unit_is(monkeypatch):
    similarity, hits, decoys, neighbouring, close_unworded = _corpus()
    monkeypatch.setattr(evidence, "MEANING_AS_WORDED", True)
    found = gather(similarity, hits, decoys)
    member = found.score[:, 0] >= 0.5
    assert found.seed_floor[0] == np.median(found.z[:40, 0])
    assert member[:40].all() and member[close_unworded].all()
    assert not member[neighbouring].any()
    # The rule off (the default): the ordinary floor, and the neighbouring subject is placed on meaning alone.
    monkeypatch.setattr(evidence, "MEANING_AS_WORDED", False)
    monkeypatch.setattr(evidence, "SOFT_FIT", False)  # read softly, the floor rises by a hair (the theme fits almost surely)
    before = gather(similarity, hits, decoys)
    assert before.seed_floor[0] <= found.z[neighbouring, 0].min()
    assert (before.score[neighbouring, 0] >= 0.5).all()


def test_the_floor_stays_where_meaning_alone_seeds_as_many_as_the_words():
    z = np.concatenate([np.linspace(4, 8, 10), np.linspace(3.2, 5, 10), np.zeros(80)])[:, None]
    worded = np.zeros((100, 1), dtype=bool)
    worded[:10, 0] = True
    np.testing.assert_array_equal(worded_seed_floors(z, np.array([3.0]), worded), [3.0])  # 10 worded, 10 on meaning
    worded[10:12, 0] = True  # 12 worded against 8
    assert worded_seed_floors(z, np.array([3.0]), worded)[0] == np.median(z[:12, 0])
    # A theme not given (a narrow story, a theme the corpus is typically close to) keeps its floor.
    np.testing.assert_array_equal(worded_seed_floors(z, np.array([3.0]), worded, np.array([False])), [3.0])

