"""TopicModel and Themes keep scikit-learn's estimator contract: parameters, clone, predict/transform,
the embedder as a parameter, themes cloned (never fitted in place), Themes.save/load."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.utils import estimator_checks as checks

from topics.errors import InputError, ModelMismatchError
from topics.modeling.model import TopicModel
from topics.themes.guided import Themes

# scikit-learn's own checks that apply to an estimator whose X is a table of texts (or a list of
# texts) rather than a numeric matrix. The others feed random numeric matrices to fit; see
# docs/architecture.md for the list and why each does not apply.
APPLICABLE_CHECKS = (
    "check_estimator_cloneable",
    "check_estimator_repr",
    "check_no_attributes_set_in_init",
    "check_do_not_raise_errors_in_init_or_set_params",
    "check_mixin_order",
    "check_parameters_default_constructible",
    "check_get_params_invariance",
    "check_set_params",
    "check_estimators_unfitted",
    "check_transformers_unfitted",
)


@pytest.fixture(scope="module")
def seeds_units(seeds_corpus):
    return seeds_corpus.units("paragraph")


@pytest.mark.parametrize("check_name", APPLICABLE_CHECKS)
def test_scikit_learn_checks_that_apply_pass(check_name):
    check = getattr(checks, check_name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        check("TopicModel", TopicModel())


@pytest.mark.parametrize("check_name", ("check_no_attributes_set_in_init", "check_parameters_default_constructible",
                                        "check_get_params_invariance", "check_set_params", "check_estimator_cloneable"))
def test_themes_keeps_the_parameter_contract(check_name):
    getattr(checks, check_name)("Themes", Themes([{"name": "drones", "keywords": ["drone"]}]))


def test_nested_theme_parameters_are_reachable_and_clone_is_unfitted(seeds_units, seeds_paragraph_embeddings):
    model = TopicModel(n_topics=3, random_state=7, themes=Themes([{"name": "drones"}], threshold=0.4))
    assert model.get_params(deep=True)["themes__threshold"] == 0.4
    model.set_params(themes__threshold=0.6, n_keywords=5)
    assert model.themes.threshold == 0.6 and model.n_keywords == 5
    plain = TopicModel(n_topics=3, random_state=7).fit(seeds_units, embeddings=seeds_paragraph_embeddings)
    copy = clone(plain)
    assert copy.get_params() == plain.get_params() and not hasattr(copy, "labels_")


def test_fit_embeds_with_the_models_embedder_when_given_no_vectors(seeds_units, seeds_paragraph_embeddings, embedder):
    given = TopicModel(n_topics=3, random_state=7).fit(seeds_units, embeddings=seeds_paragraph_embeddings)
    embedded = TopicModel(n_topics=3, random_state=7, embedder=embedder).fit(seeds_units)
    np.testing.assert_array_equal(embedded.labels_, given.labels_)
    # Units given to predict/transform are embedded the same way.
    np.testing.assert_array_equal(embedded.predict(seeds_units.head(10)), embedded.predict(seeds_paragraph_embeddings[:10]))


def test_embeddings_in_y_still_work_with_a_warning(seeds_units, seeds_paragraph_embeddings):
    with pytest.warns(FutureWarning, match="embeddings="):
        old = TopicModel(n_topics=3, random_state=7).fit(seeds_units, seeds_paragraph_embeddings)
    new = TopicModel(n_topics=3, random_state=7).fit(seeds_units, embeddings=seeds_paragraph_embeddings)
    np.testing.assert_array_equal(old.labels_, new.labels_)
    with pytest.raises(InputError, match="y is unused"):
        TopicModel().fit(seeds_units, seeds_paragraph_embeddings, embeddings=seeds_paragraph_embeddings)


def test_a_bad_aliases_parameter_fails_before_any_clustering(seeds_units, seeds_paragraph_embeddings, monkeypatch):
    from topics.modeling import fitting

    def no_clustering(*args, **kwargs):
        raise AssertionError("clustered before the parameters were checked")

    monkeypatch.setattr(fitting, "discover", no_clustering)
    with pytest.raises(InputError, match="aliases must be True, False or an AliasTable, not str"):
        TopicModel(aliases="yes").fit(seeds_units, embeddings=seeds_paragraph_embeddings)


def test_a_failing_fit_does_not_wait_for_the_alias_mining_under_way(seeds_units, seeds_paragraph_embeddings, monkeypatch):
    import threading

    from topics.modeling import fitting
    from topics.text.alias_mining import AliasTable

    release, mining, mined = threading.Event(), threading.Event(), threading.Event()

    def slow_aliases(*args, **kwargs):
        mining.set()
        release.wait(timeout=20)  # held until the fit has returned; a fit that waited for it would wait this long
        mined.set()
        return AliasTable()

    def failing_clustering(*args, **kwargs):
        mining.wait(timeout=20)
        raise RuntimeError("clustering failed")

    monkeypatch.setattr(fitting, "fit_aliases", slow_aliases)
    monkeypatch.setattr(fitting, "discover", failing_clustering)
    try:
        with pytest.raises(RuntimeError, match="clustering failed"):
            TopicModel().fit(seeds_units, embeddings=seeds_paragraph_embeddings)
        assert not mined.is_set()  # the error came back while the mining was still under way
    finally:
        release.set()


def test_transform_gives_topic_probabilities_and_predict_labels(seeds_units, seeds_paragraph_embeddings):
    model = TopicModel(random_state=7)
    labels = model.fit_predict(seeds_units, embeddings=seeds_paragraph_embeddings)
    np.testing.assert_array_equal(labels, model.labels_)
    probabilities = model.transform(seeds_paragraph_embeddings)
    assert probabilities.shape == (len(seeds_units), len(model.topic_ids_))
    assert (probabilities >= 0).all() and np.allclose(probabilities.sum(axis=1), 1.0)
    # The units it was fitted on keep their topics, and so do near copies of them; for others (here the midpoints
    # of two units far apart) predict is transform's most probable topic where it places them.
    np.testing.assert_array_equal(model.predict(seeds_paragraph_embeddings), model.labels_)
    near = seeds_paragraph_embeddings + np.random.default_rng(0).normal(0, 1e-6, seeds_paragraph_embeddings.shape)
    np.testing.assert_array_equal(model.predict(near), model.labels_)
    between = seeds_paragraph_embeddings + np.roll(seeds_paragraph_embeddings, len(seeds_units) // 2, axis=0)
    between /= np.linalg.norm(between, axis=1, keepdims=True)
    between_probabilities = model.transform(between)
    predicted = model.predict(between)
    placed = predicted >= 0
    assert placed.sum() > len(seeds_units) // 2
    np.testing.assert_array_equal(model.topic_ids_[between_probabilities[placed].argmax(axis=1)], predicted[placed])
    # A unit's most probable topic is usually its fitted one (members sit near their centre).
    members = model.labels_ >= 0
    assert (model.topic_ids_[probabilities[members].argmax(axis=1)] == model.labels_[members]).mean() >= 0.8


def test_themes_are_cloned_and_fitted_with_the_models_embedder(seeds_units, seeds_paragraph_embeddings, seeds_dir, embedder):
    themes = Themes(seeds_dir / "themes.toml")
    model = TopicModel(themes=themes, n_topics=8, random_state=7, embedder=embedder)
    model.fit(seeds_units, embeddings=seeds_paragraph_embeddings)
    assert not hasattr(themes, "labels_")  # the caller's object is untouched
    assert model.themes_ is not themes and model.themes_.model_id_ == embedder.model_id
    # Themes fitted with another model are fitted again with the model's own embedder.
    fitted = Themes(seeds_dir / "themes.toml").fit(seeds_units, seeds_paragraph_embeddings, embedder)
    fitted.model_id_ = "another-384-dimension-model"
    again = TopicModel(themes=fitted, n_topics=8, random_state=7, embedder=embedder)
    again.fit(seeds_units, embeddings=seeds_paragraph_embeddings)
    assert fitted.model_id_ == "another-384-dimension-model"
    assert again.themes_.model_id_ == embedder.model_id
    assert again.theme_names_ == model.theme_names_


def test_themes_save_and_load(tmp_path, seeds_dir):
    themes = Themes(seeds_dir / "themes.toml", threshold=0.6, learn=False)
    path = themes.save(tmp_path / "themes.json")
    loaded = Themes.load(path)
    assert loaded.to_dict() == themes.to_dict()
    assert loaded.threshold == 0.6 and loaded.learn is False
    (tmp_path / "broken.json").write_text('{"format": "something else"}', encoding="utf-8")
    with pytest.raises(InputError, match="broken.json"):
        Themes.load(tmp_path / "broken.json")
    with pytest.raises(InputError, match="missing.json"):
        Themes.load(tmp_path / "missing.json")
    # An analyst's own theme file is not a saved Themes: the message says how to read it.
    with pytest.raises(InputError, match=r"themes.toml: is a TOML theme file; Themes.load reads what Themes.save writes .*Themes\(path\)"):
        Themes.load(seeds_dir / "themes.toml")
    (tmp_path / "mine.json").write_text('[{"name": "drones", "description": "US drones"}]', encoding="utf-8")
    with pytest.raises(InputError, match=r"mine.json: not a topics.Themes version \d+ file. A theme file of your own is read with Themes\(path\)"):
        Themes.load(tmp_path / "mine.json")


def test_fitted_themes_and_a_guided_model_load_as_they_were_fitted(seeds_units, seeds_paragraph_embeddings, seeds_dir,
                                                                    embedder, tmp_path):
    # Before: Themes.load gave an unfitted Themes (the fit was not saved), and a loaded guided model had no themes_.
    import pandas as pd

    units, vectors = seeds_units, seeds_paragraph_embeddings
    fitted = Themes(seeds_dir / "themes.toml", threshold=0.6).fit(units, vectors, embedder)
    loaded = Themes.load(fitted.save(tmp_path / "themes.json"))  # new units' leads embedded with the bundled model, as fit's
    assert repr(fitted).endswith(repr(loaded).split(" fitted: ")[1]) and loaded.threshold == 0.6  # "81 of 91 units ..."
    pd.testing.assert_frame_equal(loaded.assignments(), fitted.assignments())
    pd.testing.assert_frame_equal(loaded.theme_info(), fitted.theme_info())
    pd.testing.assert_frame_equal(loaded.near_misses(2), fitted.near_misses(2))
    np.testing.assert_array_equal(loaded.theme_scores(), fitted.theme_scores())
    assert loaded.notes_ == fitted.notes_ and loaded.model_id_ == fitted.model_id_ == embedder.model_id
    np.testing.assert_array_equal(loaded.predict(units, vectors), fitted.predict(units, vectors))
    np.testing.assert_allclose(loaded.transform(units, vectors), fitted.transform(units, vectors), atol=1e-6)
    assert loaded.to_dict() == fitted.to_dict() and "fitted" not in loaded.to_dict()  # the themes and parameters
    assert not hasattr(clone(loaded), "labels_")
    assert Themes.load(tmp_path / "themes.json", embedder=embedder)._lead_embedder is embedder  # or with the one given

    model = TopicModel(themes=seeds_dir / "themes.toml", n_topics=8, random_state=7, embedder=embedder)
    model.fit(units, embeddings=vectors)
    again = TopicModel.load(model.save(tmp_path / "model"))
    pd.testing.assert_frame_equal(again.themes_.assignments(), model.themes_.assignments())
    assert again.theme_names_ == model.theme_names_ and not hasattr(again.themes, "labels_")
    np.testing.assert_array_equal(again.predict(vectors), model.predict(vectors))


def test_themes_save_refuses_a_folder_an_unwritable_place_and_a_name_of_another_format(tmp_path, seeds_dir, unwritable_dir):
    themes = Themes(seeds_dir / "themes.toml")
    with pytest.raises(InputError, match=f"^{tmp_path}: is a folder; give the name of the JSON file to write"):
        themes.save(tmp_path)
    for name in ("themes.toml", "themes.YAML", "themes.yml"):
        with pytest.raises(InputError, match=rf"{name}: Themes.save writes JSON, not (TOML|YAML); name the file \.json"):
            themes.save(tmp_path / name)
        assert not (tmp_path / name).exists()
    place = unwritable_dir / "themes.json"
    with pytest.raises(InputError, match=f"^{place}: cannot write the themes file: "):
        themes.save(place)
    (tmp_path / "afile").write_text("x")
    with pytest.raises(InputError, match="themes.json: cannot write the themes file: a file stands where a folder is needed"):
        themes.save(tmp_path / "afile" / "themes.json")
    # A saved file holds parameters too: Themes(path) says to read it with Themes.load.
    saved = themes.save(tmp_path / "themes.json")
    with pytest.raises(InputError, match=r"themes\.json: a file written by Themes.save .*read it with Themes.load"):
        Themes(saved).fit(["a text"], np.ones((1, 3)))


def test_themes_repr_shows_how_many_themes_and_their_names(tmp_path, seeds_dir):
    loaded = Themes.load(Themes(seeds_dir / "themes.toml", threshold=0.6).save(tmp_path / "themes.json"))
    names = "'drones', 'ISIS-K', 'Doha commitments', 'al-Qaeda', 'regional powers', 'attacks on Afghan forces and civilians'"
    assert repr(loaded) == f"Themes(<6 themes: {names}>, threshold=0.6)"
    assert repr(TopicModel(themes=loaded, n_topics=3)) == f"TopicModel(n_topics=3, themes=Themes(<6 themes: {names}>, threshold=0.6))"
    assert repr(Themes([{"name": "X"}])) == "Themes(<1 theme: 'X'>)"
    assert repr(Themes(seeds_dir / "themes.toml", learn=False)) == f"Themes({str(seeds_dir / 'themes.toml')!r}, learn=False)"
    many = repr(Themes([{"name": f"theme number {i}"} for i in range(40)]))
    assert many.startswith("Themes(<40 themes: 'theme number 0', 'theme number 1', ") and many.endswith(", … 29 more>)")
    assert len(many) < 250
    assert repr(Themes([{"name": "A"}, {"name": "A"}])) == "Themes([{'name': 'A'}, {'name': 'A'}])"  # fit says what is wrong


def test_themes_given_as_a_file_or_a_list_fit_as_the_themes_object(seeds_units, seeds_paragraph_embeddings, seeds_dir, embedder, monkeypatch):
    import dataclasses

    from topics.modeling import fitting
    from topics.themes.themefile import load_themes

    path = seeds_dir / "themes.toml"
    kwargs = dict(n_topics=8, random_state=7, embedder=embedder)
    as_object = TopicModel(themes=Themes(path, random_state=7), **kwargs).fit(seeds_units, embeddings=seeds_paragraph_embeddings)
    for given in (str(path), path, [{k: list(v) if isinstance(v, tuple) else v for k, v in dataclasses.asdict(t).items()} for t in load_themes(path)]):
        model = TopicModel(themes=given, **kwargs).fit(seeds_units, embeddings=seeds_paragraph_embeddings)
        assert model.themes == given  # the parameter as given (scikit-learn's habit); its fitted Themes in themes_
        assert model.theme_names_ == as_object.theme_names_
        np.testing.assert_array_equal(model.labels_, as_object.labels_)

    def no_clustering(*args, **kwargs):
        raise AssertionError("clustered before the theme file was read")

    monkeypatch.setattr(fitting, "guided", no_clustering)
    with pytest.raises(InputError, match="missing.toml"):
        TopicModel(themes=seeds_dir / "missing.toml").fit(seeds_units, embeddings=seeds_paragraph_embeddings)


def test_a_saved_guided_model_keeps_its_themes(tmp_path, seeds_units, seeds_paragraph_embeddings, seeds_dir, embedder):
    themes = Themes(seeds_dir / "themes.toml", threshold=0.55)
    model = TopicModel(themes=themes, n_topics=8, random_state=7, embedder=embedder)
    model.fit(seeds_units, embeddings=seeds_paragraph_embeddings).save(tmp_path / "model")
    loaded = TopicModel.load(tmp_path / "model")
    assert isinstance(loaded.themes, Themes) and loaded.themes.threshold == 0.55
    assert [t["name"] for t in loaded.themes.to_dict()["themes"]] == [t.name for t in model.themes_.themes_]
    assert loaded.embedder is None  # the embedder is an object, not saved; its model id is
    refit = clone(loaded).set_params(embedder=embedder).fit(seeds_units, embeddings=seeds_paragraph_embeddings)
    np.testing.assert_array_equal(refit.labels_, model.labels_)


def test_a_refit_that_fails_leaves_the_earlier_fit_as_it_was(tmp_path, seeds_units, seeds_paragraph_embeddings, seeds_dir, embedder):
    # Before: the failed fit had put its 3 units beside the 91 earlier labels: topic_info, document_info and save broke.
    model = TopicModel(embedder=embedder, random_state=7).fit(seeds_units, embeddings=seeds_paragraph_embeddings)
    labels, units = model.labels_.copy(), model.units_
    with pytest.raises(InputError, match="n_topics=5"):
        model.set_params(n_topics=5).fit(["a b.", "c d.", "e"])
    assert model.units_ is units
    np.testing.assert_array_equal(model.labels_, labels)
    assert len(model.document_info()) == len(seeds_units) and set(model.topic_info()["topic_id"]) - {-1} == set(model.topic_ids_)
    np.testing.assert_array_equal(TopicModel.load(model.save(tmp_path / "model")).labels_, labels)
    # Before: the new themes were kept beside the earlier scores (one theme named, six scored).
    themes = Themes(seeds_dir / "themes.toml").fit(seeds_units, seeds_paragraph_embeddings, embedder)
    names, memberships = themes.theme_names_, themes.memberships_.copy()
    with pytest.raises(ModelMismatchError, match="100"):  # theme texts of 384 dimensions, units of 100
        themes.set_params(themes=[{"name": "elections"}]).fit(seeds_units, seeds_paragraph_embeddings[:, :100], embedder)
    assert themes.theme_names_ == names
    np.testing.assert_array_equal(themes.memberships_, memberships)
    assert list(themes.theme_info()["theme"]) == names


def test_a_refit_keeps_no_fitted_attribute_the_new_fit_does_not_learn(seeds_units, seeds_paragraph_embeddings, seeds_dir, embedder):
    # Before: themes_ of the guided fit stayed on the model fitted without themes afterwards.
    model = TopicModel(themes=seeds_dir / "themes.toml", n_topics=8, random_state=7, embedder=embedder)
    model.fit(seeds_units, embeddings=seeds_paragraph_embeddings)
    assert hasattr(model, "themes_") and model.theme_names_
    model.set_params(themes=None).fit(seeds_units, embeddings=seeds_paragraph_embeddings)
    assert not hasattr(model, "themes_") and model.theme_names_ == [] and model.mode_ != "guided"


def test_a_label_vector_in_y_is_ignored_as_in_a_scikit_learn_pipeline(seeds_units, seeds_paragraph_embeddings, embedder):
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    # Before: a 1-D y was taken for the deprecated positional embeddings, and refused as such.
    y = seeds_units["article_id"].factorize()[0]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model = TopicModel(n_topics=3, random_state=7, embedder=embedder).fit(seeds_units, y)
    assert not [w for w in caught if issubclass(w.category, FutureWarning) and "deprecated" in str(w.message)]
    plain = TopicModel(n_topics=3, random_state=7, embedder=embedder).fit(seeds_units)
    np.testing.assert_array_equal(model.labels_, plain.labels_)
    pipeline = make_pipeline(TopicModel(n_topics=3, random_state=7, embedder=embedder), LogisticRegression())
    predicted = pipeline.fit(seeds_units, y).predict(seeds_units)
    assert predicted.shape == (len(seeds_units),) and set(predicted) <= set(y)


def test_an_embedder_named_by_its_model_is_made_at_fit_and_another_object_is_refused(
        seeds_units, seeds_paragraph_embeddings, embedder, monkeypatch):
    monkeypatch.setenv("TOPICS_CACHE_DIR", str(embedder.cache_dir))  # this run's cache: the texts are embedded already
    # Before: TypeError: encode() argument 'encoding' must be str, not list.
    name = "sentence-transformers/all-MiniLM-L6-v2"
    model = TopicModel(n_topics=3, random_state=7, embedder=name).fit(seeds_units)
    assert model.embedder == name and model.embedder_model_id_ == embedder.model_id  # the parameter as given
    given = TopicModel(n_topics=3, random_state=7, embedder=embedder).fit(seeds_units)
    np.testing.assert_array_equal(model.labels_, given.labels_)
    np.testing.assert_array_equal(model.predict(seeds_units.head(5)), given.predict(seeds_units.head(5)))
    with pytest.raises(InputError, match=r"embedder must be a topics.Embedder, a model name or folder, or an object "
                                         r"with an encode\(texts\) method, not dict"):
        TopicModel(embedder={"model": name}).fit(seeds_units, embeddings=seeds_paragraph_embeddings)


def test_what_needs_a_fit_raises_the_not_fitted_error_of_scikit_learn():
    from sklearn.exceptions import NotFittedError

    from topics.modeling.model import ModelNotFittedError

    # Before: an unfitted Themes and TopicModel.plot_map raised a TopicsError of another kind than TopicModel's other methods.
    assert issubclass(ModelNotFittedError, NotFittedError)
    themes = Themes([{"name": "drones"}])
    calls = [themes.assignments, themes.memberships, themes.theme_info, themes.theme_scores, themes.unit_scores,
             themes.near_misses, lambda: themes.theme_units("drones"), lambda: themes.theme_names_,
             lambda: themes.predict(["a drone"], np.ones((1, 3))), TopicModel().plot_map, TopicModel().plot_keywords,
             TopicModel().plot_hierarchy, TopicModel().plot_timeline, TopicModel().topic_info]
    for call in calls:
        with pytest.raises(ModelNotFittedError, match="not fitted yet"):
            call()


@pytest.mark.parametrize("params, problem", [
    ({"learn": "no"}, "learn must be True or False, not 'no'"),
    ({"use_context": 1}, "use_context must be True or False, not 1"),
    ({"article_context": None}, "article_context must be True or False, not None"),
    ({"z_seed": "3"}, "z_seed must be a number, not '3'"),
    ({"z_keyword": float("nan")}, "z_keyword must be a number, not nan"),
    ({"threshold": "0.5"}, "threshold must be a number, not '0.5'"),
    ({"random_state": "7"}, "random_state must be None or a whole number from 0 to 2\\*\\*32 - 1, not '7'"),
])
def test_themes_parameters_are_checked_at_fit_naming_each(params, problem, seeds_units, seeds_paragraph_embeddings, embedder):
    # Before: learn="no" counted as True, and a string z_seed or threshold failed as a TypeError inside the fit.
    with pytest.raises(InputError, match=f"^Themes: {problem}$"):
        Themes([{"name": "drones", "keywords": ["drone"]}], **params).fit(seeds_units, seeds_paragraph_embeddings, embedder)


def test_saved_theme_state_that_names_no_fitted_attribute_is_refused_naming_the_file(tmp_path):
    from topics.themes.fitted_state import set_fitted_state

    for name in ("__class__", "__dict__", "n_themes"):
        with pytest.raises(InputError, match=r"themes\.json.*not fitted state"):
            set_fitted_state(Themes([{"name": "a"}]), {"labels_": [], name: 1}, tmp_path / "themes.json")


def test_saved_ids_keep_their_types_and_a_model_folder_holds_the_corpus_text_once(seeds_units, seeds_paragraph_embeddings,
                                                                                  seeds_dir, embedder, tmp_path):
    # Before: ids that mix numbers and text (1, 2, "a3") loaded as text ("1"), so a lookup by id failed after load,
    # and a guided model's folder held every unit's text twice (units.parquet and the themes' fitted state).
    import json

    import pandas as pd

    ids = pd.Series([i + 1 if i % 3 else f"a{i}" for i in range(len(seeds_units))], dtype=object)
    units = pd.DataFrame({"unit_id": ids, "text": seeds_units["text"].tolist()})
    model = TopicModel(themes=seeds_dir / "themes.toml", n_topics=5, random_state=7, embedder=embedder)
    model.fit(units, embeddings=seeds_paragraph_embeddings)
    folder = model.save(tmp_path / "model")
    again = TopicModel.load(folder)
    for loaded in (again.units_, again.themes_.units_):
        assert [(type(v), v) for v in loaded["unit_id"]] == [(type(v), v) for v in ids]
    pd.testing.assert_frame_equal(again.themes_.assignments(), model.themes_.assignments())
    assert model.themes_.assignments().set_index("unit_id").loc[2, "text"] == units["text"][1]
    assert again.themes_.assignments().set_index("unit_id").loc[2, "text"] == units["text"][1]
    saved = (folder / "themes.json").read_text(encoding="utf-8")
    assert json.loads(saved)["fitted"]["units_"] == {"model_units": "units.parquet"}
    with pytest.raises(InputError, match=r"themes\.json: fitted: its units are those of the TopicModel saved in this folder"):
        Themes.load(folder / "themes.json")

    # A Themes saved on its own holds its units, ids typed as given.
    alone = Themes.load(model.themes_.save(tmp_path / "themes.json"))
    assert [(type(v), v) for v in alone.units_["unit_id"]] == [(type(v), v) for v in ids]
    pd.testing.assert_frame_equal(alone.assignments(), model.themes_.assignments())
    # A file of the first version (ids saved as text) still loads, as it was saved.
    document = json.loads((tmp_path / "themes.json").read_text(encoding="utf-8"))
    (tmp_path / "first.json").write_text(json.dumps({**document, "format_version": 1}), encoding="utf-8")
    assert len(Themes.load(tmp_path / "first.json").assignments()) == len(units)


def test_a_table_with_text_articles_and_mixed_unit_ids_fits(seeds_units, embedder):
    # Before: pandas compared the text article_id column with the mixed unit_id column through Arrow and the fit
    # died with "ArrowTypeError: Expected bytes, got a 'int' object".
    import pandas as pd

    ids = pd.Series([i + 1 if i % 3 else f"a{i}" for i in range(len(seeds_units))], dtype=object)
    units = pd.DataFrame({"unit_id": ids, "article_id": seeds_units["article_id"].astype("str").tolist(),
                          "text": seeds_units["text"].tolist()})
    model = TopicModel(random_state=0, embedder=embedder).fit(units)
    assert len(model.labels_) == len(units) and list(model.units_["unit_id"]) == list(ids)


def test_saved_tables_keep_list_cells_as_lists(tmp_path):
    # Before: a column of lists (a unit's tags) was saved as each list's text, "['a', 'b']".
    import pandas as pd

    from topics._parquet import read_parquet, write_parquet

    table = pd.DataFrame({"unit_id": [1, "a2"], "tags": [["a", "b"], ["c"]], "text": ["one", "two"],
                          "meta": [{}, {"b": "x"}]})  # dicts: Parquet would write one struct for all (or fail on {})
    write_parquet(table, tmp_path / "t.parquet", index=False)
    again = read_parquet(tmp_path / "t.parquet")
    assert [list(tags) for tags in again["tags"]] == [["a", "b"], ["c"]] and list(again["unit_id"]) == [1, "a2"]
    assert list(again["meta"]) == ["{}", "{'b': 'x'}"]  # as their text, as the model's units always were
