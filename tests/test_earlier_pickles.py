"""Objects pickled by an earlier version of topics, read back: what was added since reads as a fresh
object's (a parameter at its default, a count at 0, a part built on first use), and fitted state with no
default is named, with the way out (fit again), instead of an AttributeError."""

from __future__ import annotations

import copy
import pickle
from pathlib import Path

import numpy as np
import pytest

from topics.errors import TopicsError
from topics.search.index import Index
from topics.search.lexical import LexicalIndex
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
                            {"coverage_weight", "rescore_articles", "_rescorer", "_date_spans", "_saved_in", "_evidence_texts"})
    assert older.coverage_weight == index.coverage_weight and older.rescore_articles is False
    got = older.search(query, k=3, date_from="2000")
    assert got["article_id"].tolist() == expected["article_id"].tolist()
    np.testing.assert_allclose(got["score"], expected["score"], atol=1e-6)


def test_an_index_pickled_with_lexical_indexes_from_before_base_forms_searches_as_they_were_built(
        seeds_corpus, seeds_paragraph_embeddings, embedder, monkeypatch):
    units = seeds_corpus.units("paragraph")
    index = Index(units, seeds_paragraph_embeddings, embedder)
    query = units["text"].iloc[5]
    index.search(query, k=3)  # builds the BM25 indexes a pickle then holds
    assert index._article_lexical is not None
    state_now = LexicalIndex.__getstate__
    with monkeypatch.context() as patch:  # their vocabulary then was stemmed without base forms
        patch.setattr(LexicalIndex, "__getstate__", lambda self: {k: v for k, v in state_now(self).items() if k != "base_forms"})
        older = pickle.loads(pickle.dumps(index))
    assert older._article_lexical.stemmed and older._article_lexical.base_forms is False
    got = older.search(query, k=3)
    assert len(got) == 3 and got["article_id"].iloc[0] == index.search(query, k=3)["article_id"].iloc[0]


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


def test_a_topic_model_pickled_before_its_later_parameters_and_state_predicts_and_saves_as_it_did(
        seeds_corpus, seeds_paragraph_embeddings, embedder, monkeypatch, tmp_path):
    from topics.modeling.model import TopicModel

    units = seeds_corpus.units("paragraph")
    model = TopicModel(n_topics=3, embedder=embedder, random_state=0).fit(units, embeddings=seeds_paragraph_embeddings)
    later = {"word_weight", "formulas", "clustering", "corpus_level_", "embedder_model_id_", "named_sizes_",
             "text_material_", "_loaded_from", "lexical_space_", "lexical_topic_embeddings_"}
    older = pickled_earlier(model, monkeypatch, later)
    defaults = TopicModel().get_params(deep=False)
    assert {name: older.get_params(deep=False)[name] for name in ("word_weight", "clustering")} == {
        name: defaults[name] for name in ("word_weight", "clustering")}
    assert older.formulas is None  # as its fit read the vectors then (see the test below)
    assert "3 topics" in repr(older)
    # Without the words' space it kept later, the vectors' centres, as predict read them then.
    np.testing.assert_array_equal(older.predict(units), older.predict(model.embeddings_))
    np.testing.assert_array_equal(older.predict(model.embeddings_), model.predict(model.embeddings_))
    loaded = TopicModel.load(older.save(tmp_path / "model"))
    np.testing.assert_array_equal(loaded.labels_, model.labels_)


def test_a_topic_model_pickled_or_saved_before_formulas_were_left_out_reads_a_corpus_as_its_fit_did(
        data_dir, embedder, monkeypatch, tmp_path):
    # Before: it read formulas="leave_out", today's default, so predict given a Corpus compared the
    # formula-free vectors with the centres of the units' own vectors its fit clustered.
    import json

    from topics.ingest.corpus import load_corpus
    from topics.modeling.model import TopicModel

    corpus = load_corpus(data_dir / "isaf_formulas.jsonl")
    texts = corpus.paragraphs["text"].tolist()
    model = TopicModel(n_topics=3, embedder=embedder, random_state=0, formulas=None).fit(texts)  # as fit was then
    now = copy.copy(model).set_params(formulas="leave_out")  # what it read before: another view of the corpus
    assert np.abs(now.transform(corpus) - model.transform(corpus)).max() > 1e-3
    older = pickled_earlier(model, monkeypatch, {"formulas", "lexical_space_", "lexical_topic_embeddings_", "corpus_level_"})
    assert older.formulas is None
    # No words' space then: the units' own vectors, compared with the vectors' centres.
    np.testing.assert_allclose(older.transform(corpus), model.transform(embedder.encode(texts)), atol=1e-6)
    folder = model.save(tmp_path / "model")
    meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
    del meta["params"]["formulas"]  # as a version before it wrote model.json
    (folder / "model.json").write_text(json.dumps(meta), encoding="utf-8")
    loaded = TopicModel.load(folder).set_params(embedder=embedder)
    assert loaded.formulas is None
    np.testing.assert_allclose(loaded.transform(corpus), model.transform(corpus), atol=1e-6)


def test_themes_and_a_guided_model_saved_before_their_fit_was_kept_load_as_they_did(
        seeds_corpus, seeds_paragraph_embeddings, embedder, tmp_path):
    """A file written before the fit was saved with the themes holds the declared themes and parameters only:
    it loads unfitted, as it did; a guided model so saved loads with its topics, without the themes' fit."""
    import json

    from topics.modeling.model import TopicModel

    units = seeds_corpus.units("paragraph")
    fitted = Themes(THEME_FILE, threshold=0.6).fit(units, seeds_paragraph_embeddings, embedder)
    path = fitted.save(tmp_path / "themes.json")
    document = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({key: value for key, value in document.items() if key != "fitted"}), encoding="utf-8")
    older = Themes.load(path)
    assert not hasattr(older, "labels_") and older.threshold == 0.6
    assert {**older.to_dict(), "model_id": None} == {**fitted.to_dict(), "model_id": None}  # an unfitted one keeps no model id
    model = TopicModel(themes=THEME_FILE, n_topics=8, random_state=7, embedder=embedder)
    folder = model.fit(units, embeddings=seeds_paragraph_embeddings).save(tmp_path / "model")
    themes_file = folder / "themes.json"
    document = json.loads(themes_file.read_text(encoding="utf-8"))
    themes_file.write_text(json.dumps({key: value for key, value in document.items() if key != "fitted"}), encoding="utf-8")
    loaded = TopicModel.load(folder)
    assert not hasattr(loaded, "themes_") and loaded.theme_names_ == model.theme_names_
    np.testing.assert_array_equal(loaded.predict(seeds_paragraph_embeddings), model.predict(seeds_paragraph_embeddings))
