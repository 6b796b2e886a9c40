"""Guided themes on a corpus too small for the fit test's tail counts: the keywords read in their theme's sense."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from topics.themes import corpus_fit

ROOT = Path(__file__).resolve().parents[1]
AG_DRAW = ROOT / "tests" / "data" / "ag_news_small_draw.csv"
AG_THEMES = ROOT / "benchmarks" / "themes_data" / "ag_sections_themes.toml"
BBC_THEMES = ROOT / "benchmarks" / "themes_data" / "bbc_themes.toml"
ISAF = ROOT / "tests" / "data" / "isaf_sample.jsonl"


def test_keywords_count_in_their_themes_sense_only_with_several_holders_well_above_the_null():
    rng = np.random.default_rng(0)
    z = rng.normal(0.0, 1.0, (60, 4))
    hits = np.zeros((60, 4), dtype=bool)
    hits[:6, 0] = True
    z[:6, 0] += 3.0  # six holders, each far above the others: the theme's sense
    hits[:6, 1] = True
    z[:6, 1] = 0.3 + 0.05 * np.arange(6)  # six holders near the null: another sense of the word
    hits[:2, 2] = True
    z[:2, 2] = 5.0  # two holders, however close, reach any rank by chance
    np.testing.assert_array_equal(corpus_fit.keywords_in_sense(z, hits), [True, False, False, False])


def test_the_rank_test_runs_only_where_the_corpus_is_too_small_for_the_tail_counts(monkeypatch):
    # It ran for every theme and was then thrown away where the tail counts decide (on scipy before 1.13 an
    # exact test near its size limit took 30 s and 2.5 GB per theme).
    import scipy.stats

    z = np.random.default_rng(0).normal(0.0, 1.0, (60, 3))
    hits = np.zeros((60, 3), dtype=bool)
    hits[:6] = True
    z[:6] += 3.0
    tested = []
    test = scipy.stats.mannwhitneyu
    monkeypatch.setattr(scipy.stats, "mannwhitneyu", lambda *args, **kwargs: tested.append(1) or test(*args, **kwargs))
    monkeypatch.setattr(corpus_fit, "tail_too_small", lambda *args: np.array([False, True, False]))
    np.testing.assert_array_equal(corpus_fit.fits_by_keywords(z, None, hits), [False, True, False])
    assert len(tested) == 1


@pytest.fixture(scope="module")
def embedder():
    from topics.embedding.embed import Embedder

    return Embedder(show_progress=False)


def _fit(path, theme_file, declared, embedder):
    from topics.embedding.embed import embed_units
    from topics.ingest.corpus import load_corpus
    from topics.themes.guided import Themes
    from topics.themes.themefile import load_themes

    corpus = load_corpus(path)
    themes = [theme for theme in load_themes(theme_file) if declared is None or theme.name in declared]
    units = corpus.units("paragraph")
    return units, Themes(themes).fit(units, embed_units(corpus, "paragraph", embedder), embedder)


def test_a_fitting_file_on_36_news_items_fits_and_places_its_sections(embedder):
    # 36 AG News items: a handful of units close to any theme, as many as chance gives the decoys; the
    # keywords' holders are what tells that the file was written for this corpus.
    units, fitted = _fit(AG_DRAW, AG_THEMES, ("World", "Sports", "Business"), embedder)
    assert fitted.fits_corpus_
    members = np.asarray(fitted.memberships_, dtype=bool)
    labels = units["label"].astype(str).to_numpy()
    right = np.column_stack([labels == name for name in fitted.theme_names_]) & members
    assert right.sum() >= 5 and right.sum() > (members & ~right).sum()  # the file taken not to fit placed one item


def test_a_file_for_another_corpus_still_does_not_fit_a_small_one(embedder):
    _, fitted = _fit(ISAF, BBC_THEMES, None, embedder)
    assert not fitted.fits_corpus_
    assert np.asarray(fitted.memberships_, dtype=bool).any(axis=1).mean() <= 0.05
