"""TopicModel and Themes keep scikit-learn's estimator contract: parameters, clone, predict/transform,
the embedder as a parameter, themes cloned (never fitted in place), Themes.save/load."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.utils import estimator_checks as checks

from topics.errors import InputError
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
    predicted = model.predict(seeds_paragraph_embeddings)
    placed = predicted >= 0
    assert placed.any()
    np.testing.assert_array_equal(model.topic_ids_[probabilities[placed].argmax(axis=1)], predicted[placed])
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
