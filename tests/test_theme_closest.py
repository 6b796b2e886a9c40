"""Guided themes on short items under broad themes: being a unit's closest theme as evidence of its own."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from topics.themes import closest
from topics.themes.guided import Themes

ROOT = Path(__file__).resolve().parents[1]
BBC_THEMES = ROOT / "benchmarks" / "themes_data" / "bbc_themes.toml"
DAY_ONE_THEMES = ROOT / "benchmarks" / "themes_data" / "newsgroups_dayone_themes.toml"
NEWSGROUPS_SAMPLE = ROOT / "tests" / "data" / "newsgroups_sample.csv"


def test_the_closest_floor_is_the_median_of_the_seeds_for_a_theme_the_corpus_is_not_typically_close_to(monkeypatch):
    rng = np.random.default_rng(0)
    z = rng.normal(size=(200, 3))
    seeds = np.zeros((200, 3), dtype=bool)
    seeds[:40, 0] = seeds[:40, 1] = True
    seeds[:5, 2] = True  # too few seeds to tell
    z[:40, 0] = np.linspace(1.0, 5.0, 40)
    floors = closest.floors(z, seeds, np.array([0.5, 0.5, 0.5]), np.array([False, True, False]), min_seeds=20)
    assert floors[0] == np.median(z[:40, 0]) and np.isinf(floors[1:]).all()
    assert closest.floors(z, seeds, np.array([9.0, 0.5, 0.5]), None, min_seeds=20)[0] == 9.0  # at least the keyword floor
    evidence = closest.evidence(z, floors)
    assert not evidence[:, 1:].any()
    np.testing.assert_array_equal(evidence[:, 0], (z[:, 0] >= z.max(axis=1)) & (z[:, 0] >= floors[0]))
    monkeypatch.setattr(closest, "CLOSEST_EVIDENCE", False)
    assert np.isinf(closest.floors(z, seeds, np.array([0.5, 0.5, 0.5]), None, min_seeds=20)).all()


def test_a_unit_closest_to_a_theme_joins_it_where_most_of_its_nearest_units_are_members():
    """Units 0-5 are members; unit 6 has 3 of 4 member neighbours and joins, then unit 7 (2 members and unit 6);
    unit 8 has 1 of 4; unit 9 is surrounded but its closest theme is the other; unit 10 the model does not claim;
    theme 1 is a narrow story and gains nothing."""
    n = 11
    z = np.zeros((n, 2))
    z[:, 0], z[:, 1] = 2.0, 1.0
    z[9] = (1.5, 2.5)
    member = np.zeros((n, 2), dtype=bool)
    member[:6, :] = True
    learned = np.full((n, 2), 0.9)
    learned[10, 0] = 0.3
    nearest = np.array([[1, 2, 3, 4]] * n)
    nearest[6] = [0, 1, 2, 8]
    nearest[7] = [0, 1, 6, 8]
    nearest[8] = [0, 9, 10, 9]
    nearest[10] = [0, 1, 2, 3]
    score = np.where(member, 0.8, 0.2)
    new_score, new_member = closest.join_among_members(
        score, member, z, np.array([1.0, 1.0]), learned, nearest, np.array([1.0, 1.0]), np.array([False, True]), 0.5, 0.75)
    assert np.flatnonzero(new_member[:, 0] & ~member[:, 0]).tolist() == [6, 7]
    assert (new_score[[6, 7], 0] >= 0.5).all() and (new_score[8:, 0] < 0.5).all()
    np.testing.assert_array_equal(new_member[:, 1], member[:, 1])
    unchanged = closest.join_among_members(score, member, z, np.array([1.0, 1.0]), learned, nearest,
                                           np.array([np.inf, np.inf]), None, 0.5, 0.75)[1]
    np.testing.assert_array_equal(unchanged, member)


def test_a_unit_far_from_its_member_neighbours_does_not_join_however_many_of_them_are_members(monkeypatch):
    """Units 0-5 are a theme's seeds, near one another; units 6 and 7 are both closest to the theme, claimed by its
    model and have only members as nearest units, but unit 7 is far from them (its nearest units are only the least
    far): unit 6 joins, unit 7 only when any neighbourhood of members counts."""
    rng = np.random.default_rng(0)
    centre = np.zeros(16)
    centre[0] = 1.0
    vectors = centre + 0.15 * rng.normal(size=(8, 16))
    vectors[7] = 0.3 * centre + rng.normal(size=16)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    z = np.tile([2.0, 1.0], (8, 1))
    member = np.zeros((8, 2), dtype=bool)
    member[:6, 0] = True
    nearest = np.array([[j for j in range(6) if j != i][:4] for i in range(8)])
    monkeypatch.setattr(closest, "NEIGHBOURHOOD_QUANTILE", 0.1)
    args = (np.where(member, 0.8, 0.2), member, z, np.array([1.0, 1.0]), np.full((8, 2), 0.9), nearest,
            np.array([1.0, 1.0]), None, 0.5, 0.75)
    near = closest.neighbour_similarity(vectors, nearest)
    floor = closest.neighbourhood_floors(near, nearest, member, member)
    closeness = closest.member_closeness(near, nearest, member)
    assert closeness[6, 0] >= floor[0] > closeness[7, 0] and np.isnan(closeness[:, 1]).all() and floor[1] == -np.inf
    joined = closest.join_among_members(*args, vectors=vectors, seeds=member)[1]
    assert np.flatnonzero(joined[:, 0] & ~member[:, 0]).tolist() == [6]
    monkeypatch.setattr(closest, "NEIGHBOURHOOD_QUANTILE", 0.0)
    joined = closest.join_among_members(*args, vectors=vectors, seeds=member)[1]
    assert np.flatnonzero(joined[:, 0] & ~member[:, 0]).tolist() == [6, 7]


def test_section_themes_on_paragraphs_place_more_of_each_section_and_predict_agrees(bbc_sample, embedder, monkeypatch):
    """BBC News paragraphs under the five sections: the rule raises every section's recall while what is placed
    stays as precise, and transform on the fitted units agrees."""
    from topics.embedding.embed import embed_units

    units = bbc_sample.units("paragraph")
    embeddings = embed_units(bbc_sample, "paragraph", embedder)
    labels = units["label"].astype(str).to_numpy()

    def measure(fitted):
        placed = fitted.labels_ >= 0
        precision = float(np.mean(fitted.predicted_themes_[placed] == labels[placed]))
        recall = [float(fitted.memberships_[labels == theme, index].mean()) for index, theme in enumerate(fitted.theme_names_)]
        return precision, np.array(recall)

    fitted = Themes(str(BBC_THEMES)).fit(units, embeddings, embedder)
    np.testing.assert_array_equal(fitted.transform(units, embeddings) >= fitted.threshold, fitted.memberships_)
    assert np.isfinite(fitted.closest_floor_).all()
    monkeypatch.setattr(closest, "CLOSEST_EVIDENCE", False)
    before = Themes(str(BBC_THEMES)).fit(units, embeddings, embedder)
    assert np.isinf(before.closest_floor_).all()
    (precision, recall), (precision_before, recall_before) = measure(fitted), measure(before)
    assert recall.mean() >= recall_before.mean() + 0.02 and (recall >= recall_before - 0.01).all()
    assert precision >= precision_before - 0.01


def test_on_real_paragraphs_the_units_kept_out_are_those_far_from_their_member_neighbours(bbc_sample, embedder, monkeypatch):
    """BBC News paragraphs under the five sections: of the units that join among members when any neighbourhood of
    members counts, those the floor keeps out are farther from their member neighbours than those it lets join,
    and keeping them out costs the sections little recall and no precision."""
    from topics.embedding.embed import embed_units
    from topics.themes.evidence import ADMITTED_CLOSEST
    from topics.themes.nearest import nearest_units

    units = bbc_sample.units("paragraph")
    embeddings = embed_units(bbc_sample, "paragraph", embedder)
    labels = units["label"].astype(str).to_numpy()
    monkeypatch.setattr(closest, "NEIGHBOURHOOD_QUANTILE", 0.1)

    def fit():
        fitted = Themes(str(BBC_THEMES)).fit(units, embeddings, embedder)
        placed = fitted.labels_ >= 0
        precision = float(np.mean(fitted.predicted_themes_[placed] == labels[placed]))
        recall = np.array([fitted.memberships_[labels == theme, index].mean() for index, theme in enumerate(fitted.theme_names_)])
        return fitted, precision, recall

    fitted, precision, recall = fit()
    monkeypatch.setattr(closest, "NEIGHBOURHOOD_QUANTILE", 0.0)
    fitted_any, precision_any, recall_any = fit()
    joined_any = fitted_any.admitted_ == ADMITTED_CLOSEST
    kept_out = joined_any & ~fitted.memberships_
    let_in = joined_any & (fitted.admitted_ == ADMITTED_CLOSEST)
    assert kept_out.any() and let_in.any()
    vectors = embeddings.astype(np.float64)
    nearest = nearest_units(vectors)
    closeness = closest.member_closeness(closest.neighbour_similarity(vectors, nearest), nearest, fitted_any.memberships_)
    assert closeness[kept_out].mean() < closeness[let_in].mean()
    assert precision >= precision_any - 0.005 and (recall >= recall_any - 0.05).all() and recall.mean() >= recall_any.mean() - 0.02


def test_the_closest_floor_rises_to_where_the_units_as_close_stand_twice_above_chance():
    """Theme 0's units above the median of its seeds are half what a decoy reaches by chance there: the floor rises to
    where they stand twice above it; theme 1's no unit does: being closest is no evidence for it."""
    rng = np.random.default_rng(0)
    z = rng.normal(size=(400, 2))
    z[:40, 0] = np.linspace(2.0, 6.0, 40)
    z[:40, 1] = np.linspace(2.0, 3.0, 40)
    seeds = np.zeros((400, 2), dtype=bool)
    seeds[:40] = True
    decoys = rng.normal(size=(400, 5))
    decoys[:, 1:] = np.linspace(-1.0, 3.5, 400)[:, None]  # the typical decoy reaches 3.5 on a quarter of the units
    floors = closest.floors(z, seeds, np.array([0.5, 0.5]), None, min_seeds=20, decoy_z=lambda theme: decoys)
    median = np.median(z[:40, 0])
    above = (z[:, 0] >= floors[0]).sum()
    by_chance = np.median((decoys >= floors[0]).sum(axis=0))
    assert floors[0] > median and by_chance <= closest.CHANCE_SHARE * above and np.isinf(floors[1])
    assert closest.floors(z, seeds, np.array([0.5, 0.5]), None, min_seeds=20)[0] == median  # without decoys, as before


def test_a_day_one_theme_beside_undeclared_subjects_gains_nothing_from_being_their_closest_theme(embedder):
    """597 20 Newsgroups messages under six day-one themes, one newsgroup each: IBM PC hardware is also the closest
    theme of the Mac hardware, computers-for-sale and Windows messages the file does not declare, at what chance gives
    an unrelated subject. Being closest no longer places them; the themes that stand out keep that evidence."""
    from topics.embedding.embed import embed_units
    from topics.ingest.corpus import load_corpus
    from topics.themes.evidence import ADMITTED_CLOSEST

    corpus = load_corpus(NEWSGROUPS_SAMPLE)
    units = corpus.units("article")
    embeddings = embed_units(corpus, "article", embedder)
    groups = units["article_id"].map(pd.read_csv(NEWSGROUPS_SAMPLE).set_index("id")["label"]).to_numpy()
    fitted = Themes(str(DAY_ONE_THEMES)).fit(units, embeddings, embedder)
    hardware = fitted.theme_names_.index("PC hardware")
    placed = fitted.memberships_[:, hardware]
    assert np.isinf(fitted.closest_floor_[hardware]) and not (fitted.admitted_[:, hardware] == ADMITTED_CLOSEST).any()
    wrong = placed & (groups != "comp.sys.ibm.pc.hardware")
    assert wrong.sum() <= 15 and placed.sum() - wrong.sum() >= 10  # before: 25 wrong of 40, and 15 right
    assert np.isfinite(fitted.closest_floor_[[fitted.theme_names_.index(n) for n in ("Middle East", "Cryptography and privacy")]]).all()
