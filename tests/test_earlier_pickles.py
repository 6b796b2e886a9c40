"""Objects pickled by an earlier version of topics, read back: what was added since reads as a fresh
object's (a parameter at its default, a count at 0, a part built on first use), and fitted state with no
default is named, with the way out (fit again), instead of an AttributeError."""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
import pytest

from topics.errors import TopicsError
from topics.search.index import Index
from topics.themes.guided import Themes

THEME_FILE = Path(__file__).resolve().parents[1] / "seeds" / "themes.toml"


def pickled_earlier(obj, monkeypatch, without):
    """``obj`` pickled as an earlier version did, without the attributes named in ``without``, and read back."""
    cls = type(obj)
    state_now = cls.__getstate__
    with monkeypatch.context() as patch:
        patch.setattr(cls, "__getstate__", lambda self: {k: v for k, v in state_now(self).items() if k not in without})
        return pickle.loads(pickle.dumps(obj))


def test_an_index_pickled_before_its_later_parameters_and_parts_searches_as_a_fresh_one(
        seeds_corpus, seeds_paragraph_embeddings, embedder, monkeypatch):
    units = seeds_corpus.units("paragraph")
    index = Index(units, seeds_paragraph_embeddings, embedder)
    query = units["text"].iloc[5]
    expected = index.search(query, k=3, date_from="2000")
    older = pickled_earlier(Index(units, seeds_paragraph_embeddings, embedder), monkeypatch,
                            {"coverage_weight", "rescore_articles", "_rescorer", "_date_spans", "_saved_in"})
    assert older.coverage_weight == index.coverage_weight and older.rescore_articles is False
    got = older.search(query, k=3, date_from="2000")
    assert got["article_id"].tolist() == expected["article_id"].tolist()
    np.testing.assert_allclose(got["score"], expected["score"], atol=1e-6)


def test_a_themes_pickled_before_its_later_state_names_what_it_lacks_and_fits_again(
        seeds_corpus, seeds_paragraph_embeddings, embedder, monkeypatch):
    units = seeds_corpus.units("paragraph")
    themes = Themes(THEME_FILE).fit(units, seeds_paragraph_embeddings, embedder)
    older = pickled_earlier(themes, monkeypatch, {"passing_mentions", "sentences", "fits_corpus_", "narrow_themes_"})
    # Its parameters read as their defaults, its results as fitted.
    assert older.get_params()["sentences"] == "auto" and older.passing_mentions is False
    assert "fitted" in repr(older)
    np.testing.assert_array_equal(older.predicted_themes_, themes.predicted_themes_)
    # What predict and transform need of the fit and cannot default is named.
    for call in (older.predict, older.transform):
        with pytest.raises(TopicsError, match=r"earlier version of topics: it lacks narrow_themes_, fits_corpus_.*fit it again"):
            call(units, seeds_paragraph_embeddings)
    np.testing.assert_array_equal(older.fit(units, seeds_paragraph_embeddings, embedder).predict(units, seeds_paragraph_embeddings),
                                  themes.predict(units, seeds_paragraph_embeddings))
