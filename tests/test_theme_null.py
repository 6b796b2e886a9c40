"""A theme's null: the units not about it, among them those that use its word in another sense."""

from __future__ import annotations

import numpy as np

from topics.themes.calibration import calibrate, calibrate_in_sense, holders_elsewhere

THEMES = [
    "Industrial disputes: unions, strikes and industrial action, pay and wage disputes",
    "The air war: bombing raids, air strikes and fighter jets over the city",
]
WORKERS = [
    "Maintenance workers walked off the job and went on strike over a pay freeze.",
    "The union said the strike would continue until wages were raised.",
    "Nurses voted to strike after talks on their pay broke down.",
]
RAIDS = [
    "Fighter jets carried out air strikes on the northern city overnight.",
    "The army said its air strikes destroyed two weapons depots.",
    "Residents fled as a second wave of strikes hit the airport.",
]


def test_a_keyword_holder_closer_to_another_theme_is_found_with_the_real_model(embedder):
    """"strike" in a raid's air strikes is the industrial theme's word in another sense: those units are
    closer to the air war, and are found; the workers' strikes are not."""
    vectors = np.asarray(embedder.encode(THEMES + WORKERS + RAIDS), dtype=np.float64)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    similarity = vectors[2:] @ vectors[:2].T
    hits = np.zeros(similarity.shape, dtype=bool)
    hits[:, 0] = True  # every unit says "strike"
    centre, spread = np.zeros(2), np.ones(2)  # raw cosines: the closer theme is the larger
    elsewhere = holders_elsewhere(similarity, hits, centre, spread)
    assert elsewhere[:, 0].tolist() == [False] * len(WORKERS) + [True] * len(RAIDS)
    assert not elsewhere[:, 1].any()  # the air war's keywords were not marked as held


def test_units_closer_to_another_theme_join_the_null_and_widen_it():
    """A null left without the units that use a theme's word elsewhere is too narrow: here they sit in its
    upper half, and with them the spread grows, as the calibration of units not about the theme should."""
    rng = np.random.default_rng(0)
    n = 400
    theme = rng.normal(0.10, 0.05, n)
    other = rng.normal(0.10, 0.05, n)
    hits = np.zeros((n, 2), dtype=bool)
    on_theme, elsewhere = np.arange(0, 20), np.arange(20, 80)
    theme[on_theme] += 0.30  # about the theme, with its word
    theme[elsewhere] += 0.08  # the word in another sense: somewhat close to the theme, closer to the other
    other[elsewhere] += 0.40
    hits[np.r_[on_theme, elsewhere], 0] = True
    hits[elsewhere, 1] = True  # they hold the other theme's word too ("air")
    similarity = np.column_stack([theme, other])
    centre, spread = calibrate(similarity, hits)
    found = holders_elsewhere(similarity, hits, centre, spread)
    assert found[elsewhere, 0].all() and not found[on_theme, 0].any()
    in_sense_centre, in_sense_spread = calibrate_in_sense(similarity, hits)
    expected_centre, expected_spread = calibrate(similarity, hits & ~found)
    np.testing.assert_allclose(in_sense_centre, expected_centre)
    np.testing.assert_allclose(in_sense_spread, expected_spread)
    assert in_sense_spread[0] > spread[0]
    # The other theme's holders are closest to it: its null is unchanged.
    assert in_sense_centre[1] == centre[1] and in_sense_spread[1] == spread[1]
    # A theme left out (one the corpus is typically close to) keeps the null of the units without its keywords.
    kept_centre, kept_spread = calibrate_in_sense(similarity, hits, np.array([False, True]))
    assert kept_centre[0] == centre[0] and kept_spread[0] == spread[0]


def test_a_file_of_one_theme_keeps_its_null():
    rng = np.random.default_rng(1)
    similarity = rng.normal(0.1, 0.05, (200, 1))
    hits = np.zeros((200, 1), dtype=bool)
    hits[:30] = True
    assert not holders_elsewhere(similarity, hits, *calibrate(similarity, hits)).any()
    np.testing.assert_array_equal(calibrate_in_sense(similarity, hits), calibrate(similarity, hits))
