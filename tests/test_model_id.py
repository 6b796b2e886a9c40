"""A model is known by its content: a changed copy gets an id and a cache of its own, the same model
keeps its id wherever it lies, and a folder's file digests are kept so it is not hashed on every run."""

from __future__ import annotations

import json
import os
import shutil

import numpy as np
import pandas as pd
import pytest

from topics.embedding import model_id as model_id_module
from topics.embedding.embed import DEFAULT_MODEL, Embedder, resolve_model
from topics.embedding.model_id import FINGERPRINTS_FILE, fingerprint
from topics.errors import InputError

TEXTS = ["Drones over Kandahar", "The budget vote was delayed", "Talks in Doha resumed"]
# The id every earlier version wrote into caches and reports for the bundled model.
EARLIER_DEFAULT_ID = "sentence-transformers/all-MiniLM-L6-v2"


@pytest.fixture
def model_copies(tmp_path):
    """The bundled model copied twice: once as it is, once with one weight changed."""
    bundled = resolve_model(None)[1]
    same, changed = tmp_path / "same-model", tmp_path / "changed-model"
    shutil.copytree(bundled, same)
    shutil.copytree(bundled, changed)
    weights = changed / "model.safetensors"
    data = bytearray(weights.read_bytes())
    data[-1] ^= 0x01  # the last byte of the last tensor: the file still loads, as a different model
    weights.write_bytes(bytes(data))
    return same, changed


def test_the_bundled_model_keeps_its_published_id():
    assert DEFAULT_MODEL == EARLIER_DEFAULT_ID
    assert resolve_model(None)[0] == EARLIER_DEFAULT_ID
    assert Embedder(backend="torch").model_id == EARLIER_DEFAULT_ID


def test_a_changed_copy_gets_another_id_and_its_own_cache(model_copies, tmp_path):
    same, changed = model_copies
    cache_dir = tmp_path / "cache"
    original = Embedder(backend="torch", cache_dir=cache_dir)
    original.encode(TEXTS)
    assert original.n_model_calls_ == len(TEXTS)

    # The same content elsewhere: the same id, and the vectors come from the cache.
    copy = Embedder(str(same), backend="torch", cache_dir=cache_dir)
    assert copy.model_id == DEFAULT_MODEL
    copy.encode(TEXTS)
    assert copy.n_model_calls_ == 0

    # One changed file: an id of its own (name@16 hex) and nothing taken from the original's cache.
    other = Embedder(str(changed), backend="torch", cache_dir=cache_dir)
    name, _, digest = other.model_id.partition("@")
    assert name == "changed-model" and len(digest) == 16 and int(digest, 16) >= 0
    other.encode(TEXTS)
    assert other.n_model_calls_ == len(TEXTS)
    assert other.cache.folder != original.cache.folder


def test_a_model_replaced_at_the_same_path_is_a_new_model(model_copies, tmp_path):
    same, changed = model_copies
    place = tmp_path / "my-model"
    shutil.copytree(same, place)
    models = tmp_path / "models"
    before = resolve_model(str(place), models)[0]
    shutil.rmtree(place)
    shutil.copytree(changed, place)
    after = resolve_model(str(place), models)[0]
    assert before == DEFAULT_MODEL and after.startswith("my-model@") and after != before
    # The onnx backend's export is keyed by the id too: the two never share a folder.
    exports = {Embedder(str(place), cache_dir=tmp_path / "c", model_dir=models)._onnx_folder(), Embedder(cache_dir=tmp_path / "c", model_dir=models)._onnx_folder()}
    assert len(exports) == 2


def test_file_digests_are_kept_and_only_changed_files_read_again(model_copies, tmp_path, monkeypatch):
    same, _ = model_copies
    models = tmp_path / "models"
    read = []
    real_digest = model_id_module._file_digest
    monkeypatch.setattr(model_id_module, "_file_digest", lambda path: read.append(path.name) or real_digest(path))

    first = fingerprint(same, models)
    n_files = len(model_id_module.model_files(same.resolve()))
    assert len(read) == n_files and (models / FINGERPRINTS_FILE).is_file()

    model_id_module._known.clear()  # as a new process would start
    read.clear()
    assert fingerprint(same, models) == first and read == []

    # A touched file (new mtime, same bytes) is read again; the fingerprint stays.
    model_id_module._known.clear()
    stat = (same / "README.md").stat()
    os.utime(same / "README.md", ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    assert fingerprint(same, models) == first and read == ["README.md"]

    # New bytes: only that file is read, and the fingerprint changes.
    model_id_module._known.clear()
    read.clear()
    (same / "config_sentence_transformers.json").write_text(json.dumps({"changed": True}))
    assert fingerprint(same, models) != first and read == ["config_sentence_transformers.json"]


def test_a_damaged_fingerprint_file_only_costs_hashing_again(model_copies, tmp_path):
    same, _ = model_copies
    models = tmp_path / "models"
    models.mkdir()
    (models / FINGERPRINTS_FILE).write_text('{"format": 1, "models": {"' + str(same.resolve()) + '": [')
    model_id_module._known.clear()
    assert resolve_model(str(same), models)[0] == DEFAULT_MODEL
    stored = json.loads((models / FINGERPRINTS_FILE).read_text())
    assert stored["models"][str(same.resolve())]["fingerprint"] == model_id_module.BUNDLED_FINGERPRINT


def test_an_earlier_report_of_the_bundled_model_is_still_comparable(model_copies):
    from topics.modeling.previous import PreviousRun, check_previous

    _, changed = model_copies
    earlier = PreviousRun(
        folder="earlier-report", kind="report", level="paragraph", embedding_model=EARLIER_DEFAULT_ID, generated_at=None,
        unit_ids=np.array(["a-1", "a-2"]), labels=np.array([0, 0]), coords=None,
        topics=pd.DataFrame({"topic_id": [0], "label": ["drones"]}), events=[], last_date=None,
    )
    rows = check_previous(earlier, "paragraph", Embedder(backend="torch").model_id, ["a-1", "a-2", "a-3"])
    assert rows.tolist() == [0, 1, -1]
    with pytest.raises(InputError, match="the earlier run used the embedding model"):
        check_previous(earlier, "paragraph", Embedder(str(changed), backend="torch").model_id, ["a-1"])
