"""Guided themes, the fit test read softly (``evidence.SOFT_FIT``): a theme's seed floor on meaning alone rises
towards the floor beyond every decoy by how surely the theme does not stand out of the corpus
(``corpus_fit.soft_fit``), so a theme whose enrichment sits at ``corpus_fit.MIN_ENRICHMENT`` is placed the same on
either side of it, and one plainly in or out (however few its close units) as by the hard test."""

from __future__ import annotations

import numpy as np

from tests.theme_arrays import gather, null_corpus
from topics.themes import corpus_fit, evidence
from topics.themes.calibration import beyond_decoys_floors, soft_unproven_floors


def _counts_as_z(on_theme: int, by_chance: int, n: int = 400):
    """Calibrated closeness with ``on_theme`` units at or above TAIL_Z for one theme and ``by_chance`` for each of
    five decoys; the similarity scale of the decoys is the theme's (the null is the same standard normal)."""
    rng = np.random.default_rng(0)
    base = np.sort(rng.normal(0, 1, n))
    base = np.clip(base, -1.9, 1.9)  # nothing above TAIL_Z but what is put there
    z = base.copy()
    z[:on_theme] = 2.5
    decoys = np.repeat(base[:, None], 5, axis=1)
    decoys[n - by_chance:, :] = 2.5
    return z[:, None], decoys


def test_the_probability_is_near_one_half_at_the_threshold_and_moves_a_little_per_unit():
    def probability(on_theme, by_chance):
        z, decoys = _counts_as_z(on_theme, by_chance)
        # The decoys are calibrated on the theme's null here too: the raw values stand for both.
        return float(corpus_fit.fit_probability(z, decoys, np.zeros((len(z), 1), dtype=bool))[0])

    at_edge = probability(31, 15)  # (31 + 1) / (15 + 1) = 2.0
    assert 0.4 < at_edge < 0.6
    assert probability(200, 15) > 0.999 and probability(15, 15) < 0.05
    # One unit more or less close moves it by a few points, where the hard test flips.
    steps = [probability(on_theme, 15) for on_theme in range(28, 36)]
    assert np.all(np.diff(steps) > 0) and np.max(np.diff(steps)) < 0.1
    assert np.isnan(corpus_fit.fit_probability(np.zeros((10, 2)), None, np.zeros((10, 2), dtype=bool))).all()


def test_the_soft_floor_runs_from_the_ordinary_floor_to_the_floor_beyond_every_decoy():
    rng = np.random.default_rng(1)
    decoys = rng.normal(0, 0.05, (300, 6))
    hits = np.zeros((300, 4), dtype=bool)
    floors = np.full(4, 3.0)
    strict = beyond_decoys_floors(floors, decoys, hits, np.ones(4, dtype=bool))
    assert (strict > 3.0).all()
    soft = soft_unproven_floors(floors, decoys, hits, np.array([True, True, True, False]), np.array([1.0, 0.0, 0.5, 0.0]))
    np.testing.assert_allclose(soft, [3.0, strict[1], (3.0 + strict[2]) / 2, 3.0])  # the last is not raised
    assert soft_unproven_floors(floors, decoys, hits, np.ones(4, dtype=bool), np.full(4, np.nan)).tolist() == [3.0] * 4


def _near_the_edge():
    """600 units, two themes: one the corpus is plainly about (60 units far above its null, named by its keyword),
    one with a handful of units just above the ordinary seed floor and an enrichment near 2."""
    rng, decoys, similarity, hits = null_corpus(7, 2)
    hits[:60, 0] = True
    similarity[:60, 0] = 0.4 + rng.normal(0, 0.01, 60)
    hits[100:110, 1] = True
    similarity[100:110, 1] = 0.35 + rng.normal(0, 0.01, 10)
    similarity[200:206, 1] = 0.185 + rng.normal(0, 0.001, 6)  # a neighbouring subject, just above the ordinary floor
    return similarity, hits, decoys


def test_a_theme_at_the_edge_of_the_test_is_placed_alike_on_either_side_of_it(monkeypatch):
    similarity, hits, decoys = _near_the_edge()
    ratio = float(corpus_fit.enrichment(gather(similarity, hits, decoys).z, decoys, hits)[1])
    assert 1.5 < ratio < 3.0
    floors, placed = {}, {}
    for soft in (True, False):
        monkeypatch.setattr(evidence, "SOFT_FIT", soft)
        for side, threshold in (("fits", ratio - 0.05), ("fails", ratio + 0.05)):
            monkeypatch.setattr(corpus_fit, "MIN_ENRICHMENT", threshold)
            found = gather(similarity, hits, decoys)
            assert bool(found.theme_fits[1]) == (side == "fits") and found.fits
            floors[soft, side] = found.seed_floor[1]
            placed[soft, side] = found.score[:, 1] >= 0.5
    # The hard test: the ordinary floor on one side, beyond every decoy on the other.
    assert floors[False, "fails"] - floors[False, "fits"] > 0.3
    # The soft one: about halfway, on either side.
    assert abs(floors[True, "fails"] - floors[True, "fits"]) < 0.1 * (floors[False, "fails"] - floors[False, "fits"])
    assert floors[False, "fits"] < floors[True, "fits"] < floors[False, "fails"]
    # What the theme places flips with the hard test (the neighbouring subject on one side) and not with the soft one.
    neighbouring = np.arange(200, 206)
    assert placed[False, "fits"][neighbouring].all() and not placed[False, "fails"][neighbouring].any()
    np.testing.assert_array_equal(placed[True, "fits"], placed[True, "fails"])
    assert not placed[True, "fits"][neighbouring].any() and placed[True, "fits"][100:110].all()


def _soft(on_theme, by_chance, n=400):
    z, decoys = _counts_as_z(on_theme, by_chance, n)
    return float(corpus_fit.soft_fit(z, decoys, np.zeros((len(z), 1), dtype=bool))[0])


def test_with_few_close_units_a_theme_clearly_in_or_out_keeps_the_hard_verdict():
    # The posterior is wide here: its probability is 1/3 with no unit close and none by chance, 0.91 with five and none.
    z, decoys = _counts_as_z(0, 0)
    assert 0.3 < corpus_fit.fit_probability(z, decoys, np.zeros((len(z), 1), dtype=bool))[0] < 0.4
    # No closer to the corpus than chance (enrichment 1 or less): out.
    assert _soft(0, 0) == 0.0 and _soft(1, 1) == 0.0 and _soft(0, 3) == 0.0 and _soft(15, 15) == 0.0
    # As far above the threshold as chance is below it (enrichment 4 or more): in.
    assert _soft(5, 0) == 1.0 and _soft(3, 0) == 1.0 and _soft(200, 15) == 1.0
    # At the threshold, few units or many: in doubt, about one half; between chance and it, between 0 and one half.
    assert 0.4 < _soft(1, 0) < 0.6 and 0.4 < _soft(31, 15) < 0.6
    assert 0.0 < _soft(2, 1) < 0.5 and 0.5 < _soft(2, 0) < 1.0
    # Many units and clearly under the threshold (outside the posterior's credible interval): out.
    assert _soft(150, 99, n=2000) == 0.0
    assert np.isnan(corpus_fit.soft_fit(np.zeros((10, 2)), None, np.zeros((10, 2), dtype=bool))).all()


def test_a_theme_no_closer_than_chance_is_raised_fully_and_one_clearly_enriched_not_at_all():
    floors, soft = {}, {}
    for counts in ((0, 0), (5, 0)):
        z, decoys = _counts_as_z(*counts)
        hits = np.zeros((len(z), 1), dtype=bool)
        floors[counts] = beyond_decoys_floors(np.array([1.0]), decoys, hits, np.ones(1, dtype=bool))[0]
        soft[counts] = soft_unproven_floors(np.array([1.0]), decoys, hits, np.ones(1, dtype=bool),
                                            corpus_fit.soft_fit(z, decoys, hits))[0]
    assert floors[0, 0] > 1.0 and soft[0, 0] == floors[0, 0]
    assert floors[5, 0] > 1.0 and soft[5, 0] == 1.0
