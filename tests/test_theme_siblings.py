"""A placement on meaning alone read against the theme's sibling subjects (topics.themes.siblings)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from topics.themes import fitted_state, siblings
from topics.themes.guided import Themes

ROOT = Path(__file__).resolve().parents[1]
DAYONE_THEMES = ROOT / "benchmarks" / "themes_data" / "bbc_dayone_themes.toml"
MUSIC = "Music awards and charts"
FILM_AWARDS = "bbc-0473#p000"  # Jamie Foxx and Hilary Swank win the Screen Actors Guild awards: film, not music


@pytest.fixture(scope="module")
def dayone(bbc_sample, embedder):
    from topics.embedding.embed import embed_units

    units = bbc_sample.units("paragraph").reset_index(drop=True)
    embeddings = embed_units(bbc_sample, "paragraph", embedder)
    return units, embeddings, Themes(str(DAYONE_THEMES)).fit(units, embeddings, embedder)


def test_a_sibling_subject_placed_on_meaning_alone_is_dropped_while_the_worded_members_stay(dayone):
    units, _, fitted = dayone
    music = fitted.theme_names_.index(MUSIC)
    row = int(np.flatnonzero(units["unit_id"].to_numpy() == FILM_AWARDS)[0])
    # The file does not fit this corpus of many subjects: music is placed on meaning alone, outside the learning regime.
    assert not fitted.learning_themes_[music]
    assert not fitted.memberships_[row, music] and fitted.scores_[row, music] < fitted.threshold
    assert fitted.left_to_siblings_[row, music]
    worded = fitted.memberships_[:, music] & fitted.keyword_hits_[:, music]
    assert worded.sum() >= siblings.SIBLING_NEIGHBOURS
    # Only placements on meaning alone in articles without the theme's words are read; the worded members all stay.
    left = fitted.left_to_siblings_[:, music]
    assert not (left & fitted.keyword_hits_[:, music]).any()
    assert not (left & fitted.memberships_[:, music]).any()
    info = fitted.theme_info().set_index("theme")
    assert info.loc[MUSIC, "n_left_to_siblings"] == left.sum() > 0


def test_new_units_are_read_against_the_fitted_worded_members_and_siblings_after_a_save(dayone, tmp_path, embedder):
    units, embeddings, fitted = dayone
    music = fitted.theme_names_.index(MUSIC)
    rows = np.flatnonzero(units["article_id"].isin(units["article_id"][units["unit_id"] == FILM_AWARDS]).to_numpy())
    worded = np.flatnonzero(fitted.memberships_[:, music] & fitted.keyword_hits_[:, music])[:5]
    rows = np.r_[rows, worded]
    loaded = Themes.load(fitted.save(tmp_path / "themes.json"), embedder)
    film = units["unit_id"].to_numpy()[rows] == FILM_AWARDS
    for themes in (fitted, loaded):
        placed = themes.transform(units.iloc[rows].reset_index(drop=True), embeddings[rows])[:, music] >= fitted.threshold
        # The film awards paragraph stays left as a sibling subject's; the worded members stay placed.
        assert not placed[film].any() and placed[-len(worded):].all()
        np.testing.assert_array_equal(placed, fitted.memberships_[rows, music])
    assert loaded.sibling_reference_["rows"][music] is not None


def test_a_reference_unit_of_several_themes_is_saved_once_and_a_file_of_the_earlier_form_answers_alike(dayone, tmp_path, embedder):
    # Before: each theme held its reference units' vectors, so a unit that is a worded member of one theme and a
    # sibling of another was saved once per theme.
    units, embeddings, fitted = dayone
    reference = fitted.sibling_reference_
    vectors = reference["vectors"]
    assert vectors.dtype == np.float32 and len(np.unique(vectors, axis=0)) == len(vectors)
    tested = [rows for rows in reference["rows"] if rows is not None]
    assert len(tested) >= 2 and len(vectors) == len(np.unique(np.concatenate(tested))) < sum(map(len, tested))
    # Each theme's reference is what it was: the vectors of its worded members, then its siblings.
    words = siblings.unit_words(fitted.keyword_hits_, units["article_id"])
    for theme, rows in enumerate(reference["rows"]):
        if rows is not None:
            worded = np.flatnonzero(fitted.memberships_[:, theme] & words.hits[:, theme])
            np.testing.assert_array_equal(vectors[rows[: len(worded)]], embeddings[worded].astype(np.float32))
    # A file saved with one vector matrix per theme (format 2) loads into the shared form and answers alike.
    path = fitted.save(tmp_path / "themes.json")
    document = json.loads(path.read_text(encoding="utf-8"))
    per_theme = [None if rows is None else (vectors[rows], worded) for rows, worded in zip(reference["rows"], reference["worded"])]
    document["fitted"]["sibling_reference_"] = fitted_state._encoded(per_theme)
    earlier = tmp_path / "earlier.json"
    earlier.write_text(json.dumps({**document, "format_version": 2}), encoding="utf-8")
    assert document["format_version"] == 3 and earlier.stat().st_size > path.stat().st_size
    loaded = Themes.load(earlier, embedder)
    shared = loaded.sibling_reference_
    assert len(shared["vectors"]) == len(vectors)
    for theme, (rows, worded) in enumerate(zip(reference["rows"], reference["worded"])):
        assert (shared["rows"][theme] is None) == (rows is None)
        if rows is not None:
            np.testing.assert_array_equal(shared["vectors"][shared["rows"][theme]], vectors[rows])
            np.testing.assert_array_equal(shared["worded"][theme], worded)
    np.testing.assert_array_equal(loaded.transform(units, embeddings), fitted.transform(units, embeddings))
    np.testing.assert_array_equal(loaded.predict(units, embeddings), fitted.predict(units, embeddings))


def test_a_unit_without_an_article_id_is_an_article_of_its_own():
    # Before: every unit without an id was one article, so one of them writing the theme's words exempted all.
    hits = np.array([[True], [False], [False], [False], [True]])
    words = siblings.unit_words(hits, [None, None, "a", float("nan"), "a"])
    assert words.in_article.ravel().tolist() == [True, False, True, False, True]
