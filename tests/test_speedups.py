"""The speed-ups keep results: int8 ONNX backend (the default), fitted-model cache, UMAP compiled-code cache."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]


# -- ONNX int8 backend ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def torch_embedder(session_cache_dir):
    from topics.embedding.embed import Embedder

    return Embedder(backend="torch", cache_dir=session_cache_dir)


@pytest.mark.slow
def test_onnx_vectors_agree_with_fp32(torch_embedder, embedder, seeds_corpus, seeds_paragraph_embeddings):
    assert embedder.backend_ == "onnx"  # the default
    vectors = seeds_paragraph_embeddings
    fp32 = torch_embedder.encode(seeds_corpus.paragraphs["text"].tolist())
    assert vectors.dtype == np.float32 and vectors.shape == fp32.shape
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-5)
    cosine = np.sum(vectors * fp32, axis=1)
    assert cosine.mean() >= 0.98 and cosine.min() >= 0.95
    # The nearest neighbour of each paragraph barely moves.
    fp32_nn = np.argsort(-(fp32 @ fp32.T), axis=1)[:, 1]
    int8_nn = np.argsort(-(vectors @ vectors.T), axis=1)[:, 1]
    assert np.mean(fp32_nn == int8_nn) >= 0.8


@pytest.mark.slow
def test_onnx_export_is_kept_per_user_and_vectors_keyed_apart(torch_embedder, embedder, seeds_corpus, session_model_dir, capfd):
    from topics.embedding.embed import Embedder

    texts = seeds_corpus.paragraphs["text"].tolist()[:3]
    embedder.encode(texts)
    assert embedder.model_id != torch_embedder.model_id and "onnx" in embedder.model_id
    # One export, in the model folder ($TOPICS_MODEL_DIR here), none in the embedding cache; no staging left.
    assert embedder.models_dir_ == session_model_dir
    exported = list(session_model_dir.glob("*onnx-int8*/topics-onnx.json"))
    assert len(exported) == 1 and exported[0].parent == embedder.prepare()
    assert not list(session_model_dir.glob(".*")) and not (embedder.cache_dir / "models").exists()
    assert "onnxruntime" in exported[0].read_text() and "ort-" in exported[0].parent.name
    capfd.readouterr()
    again = Embedder(cache_dir=embedder.cache_dir)
    again.encode(texts)
    assert again.n_model_calls_ == 0  # from the cache, under the onnx model id
    fresh = Embedder(cache_dir=embedder.cache_dir, use_cache=False)
    assert np.allclose(fresh.encode(texts), again.encode(texts), atol=1e-6)  # the export is read back, not redone
    assert capfd.readouterr().err == ""  # nothing to say once the export exists
    # A model asked for by its folder shares the export of the same model asked for by name.
    from topics.embedding.embed import resolve_model

    by_path = Embedder(resolve_model(None)[1], cache_dir=embedder.cache_dir)
    assert by_path.prepare() == exported[0].parent


@pytest.mark.slow
def test_fp32_onnx_export_gives_torchs_vectors_keyed_apart(torch_embedder, embedder, seeds_corpus, session_model_dir, tmp_path, capfd):
    """backend="onnx-fp32" (search's second look): the unquantised export, in a folder of its own beside
    the int8 one, embeds like torch; its vectors are cached under their own model id."""
    import json

    from topics.embedding.embed import Embedder

    texts = seeds_corpus.paragraphs["text"].tolist()
    fp32 = Embedder(backend="onnx-fp32", cache_dir=tmp_path / "cache")
    vectors = fp32.encode(texts)
    reference = torch_embedder.encode(texts)
    assert fp32.backend_ == "onnx-fp32" and vectors.dtype == np.float32 and vectors.shape == reference.shape
    assert np.sum(vectors * reference, axis=1).min() >= 0.9999
    assert len({fp32.model_id, torch_embedder.model_id, embedder.model_id}) == 3
    folder = fp32.prepare()
    assert folder.parent == session_model_dir and "onnx-fp32" in folder.name and folder != embedder.prepare()
    manifest = json.loads((folder / "topics-onnx.json").read_text())
    assert manifest["quantization"] == "fused" and (folder / manifest["onnx_file"]).is_file()
    assert not list((folder / "onnx").glob("*qint8*")) and len(list((folder / "onnx").iterdir())) == 1
    assert "exporting" not in capfd.readouterr().err  # made once for the session, found again
    again = Embedder(backend="onnx-fp32", cache_dir=tmp_path / "cache")
    assert np.array_equal(again.encode(texts), vectors) and again.n_model_calls_ == 0


@pytest.mark.parametrize("backend, attention, embeddings", [("onnx", "QAttention", "QEmbedLayerNormalization"),
                                                            ("onnx-fp32", "Attention", "EmbedLayerNormalization")])
def test_exports_run_the_fused_graph(backend, attention, embeddings, session_cache_dir):
    """The recipe the vectors' model id names: onnxruntime's optimizer fused each layer's attention and the
    embeddings. A transformers whose traced graph it does not recognise would give other vectors under that id."""
    import json

    import onnx

    from topics.embedding.embed import Embedder

    folder = Embedder(backend=backend, cache_dir=session_cache_dir).prepare()
    manifest = json.loads((folder / "topics-onnx.json").read_text())
    operators = [node.op_type for node in onnx.load(str(folder / manifest["onnx_file"])).graph.node]
    assert operators.count(attention) == 6 and operators.count(embeddings) == 1  # MiniLM-L6: six layers
    assert "Softmax" not in operators  # no attention left unfused


def test_prepare_command_finds_the_export_made_once(session_model_dir, tmp_path):
    """`topics prepare` (run by make install): the export already made is found, not made again."""
    done = subprocess.run([sys.executable, "-m", "topics", "prepare", "--no-compile"], capture_output=True, text=True,
                          cwd=tmp_path, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "(onnx) ready in " + str(session_model_dir) in done.stdout
    assert "full-precision model for search (onnx-fp32) ready in " + str(session_model_dir) in done.stdout
    assert "exporting" not in done.stderr  # nothing built: the note appears only when it is


@pytest.mark.slow
def test_a_model_the_runner_cannot_run_falls_back_to_torch_once_recorded(tmp_path, capfd):
    """A model with max pooling: the default backend says why on stderr and embeds with torch;
    the next embedder falls back at once, without loading the model to find out again."""
    import json
    import shutil

    from topics.embedding.embed import Embedder, resolve_model
    from topics.errors import TopicsError

    model = tmp_path / "max-pooled"
    shutil.copytree(resolve_model(None)[1], model)
    pooling = json.loads((model / "1_Pooling" / "config.json").read_text())
    pooling.update(pooling_mode_mean_tokens=False, pooling_mode_max_tokens=True)
    (model / "1_Pooling" / "config.json").write_text(json.dumps(pooling))
    texts = ["Drones over Kandahar", "The budget vote was delayed"]
    models = tmp_path / "models"
    first = Embedder(str(model), cache_dir=tmp_path / "cache", model_dir=models)
    assert first.backend_ == "onnx"
    vectors = first.encode(texts)
    err = capfd.readouterr().err
    assert first.backend_ == "torch" and "#onnx" not in first.model_id
    assert "runs with torch (fp32), not int8 ONNX" in err and "Pooling" in err
    from sentence_transformers import SentenceTransformer

    expected = SentenceTransformer(str(model), device="cpu").encode(texts, normalize_embeddings=True)
    assert np.allclose(vectors, expected, atol=1e-5)
    assert list(models.glob("*/topics-onnx.json")) and not list(models.glob("*/onnx"))  # recorded, nothing exported
    second = Embedder(str(model), cache_dir=tmp_path / "cache", model_dir=models)
    assert second.backend_ == "torch" and second.model_id == first.model_id  # at once, from the record
    assert np.array_equal(second.encode(texts), vectors) and second.n_model_calls_ == 0
    with pytest.raises(TopicsError, match="cannot run .* with the onnx backend: .*use --backend torch"):
        Embedder(str(model), backend="onnx", cache_dir=tmp_path / "cache", model_dir=models).encode(texts)
    # The full-precision runner (search's second look) falls back too: torch gives the same vectors.
    precise = Embedder(str(model), backend="onnx-fp32", cache_dir=tmp_path / "cache", model_dir=models)
    assert np.allclose(precise.encode(texts), expected, atol=1e-5) and precise.backend_ == "torch"
    assert "runs with torch (fp32), not fp32 ONNX" in capfd.readouterr().err


# -- static (distilled) backend -----------------------------------------------------------------
@pytest.mark.slow
def test_static_backend_is_distilled_once_keyed_apart_and_close_in_meaning(session_cache_dir, embedder, seeds_corpus, seeds_paragraph_embeddings):
    from topics.embedding.embed import Embedder

    texts = seeds_corpus.paragraphs["text"].tolist()
    static = Embedder(backend="static", cache_dir=session_cache_dir)
    vectors = static.encode(texts)
    assert static.model_id != embedder.model_id and "static" in static.model_id
    assert vectors.dtype == np.float32 and vectors.shape == (len(texts), static.dim)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-5)
    assert len(list(static.models_dir_.glob("*static*/topics-static.json"))) == 1
    assert not list(static.models_dir_.glob(".*"))  # no staging left behind
    # The lookup table keeps the model's sense of which paragraphs are alike.
    fp32_sims, static_sims = seeds_paragraph_embeddings @ seeds_paragraph_embeddings.T, vectors @ vectors.T
    upper = np.triu_indices(len(texts), 1)
    assert np.corrcoef(fp32_sims[upper], static_sims[upper])[0, 1] >= 0.6
    again = Embedder(backend="static", cache_dir=session_cache_dir)
    assert np.array_equal(again.encode(texts), vectors) and again.n_model_calls_ == 0  # cached under its own id
    fresh = again.static_encoder.encode(texts[:4])  # the distilled folder is read back, not distilled again
    assert np.allclose(fresh, vectors[:4], atol=1e-6)
    # A text's vector is the mean of its own tokens: no padding tokens mixed into short texts
    # (a text and the text twice have the same token mean), no cut at the model's 128-token window.
    encoder = again.static_encoder
    short, long = texts[0][:80], " ".join(texts)
    twice = encoder.encode([short, f"{short} {short}"])
    assert np.allclose(twice[0], twice[1], atol=1e-5)
    head = " ".join(long.split()[:150])
    assert len(encoder.model.tokenize([head])[0]) > 128
    assert not np.allclose(*encoder.encode([head, f"{head} {texts[-1]}"]), atol=1e-3)


@pytest.mark.slow
def test_static_tables_refitted_to_the_model_follow_its_vectors_more_closely(session_cache_dir, seeds_corpus, seeds_paragraph_embeddings):
    """benchmarks.static_tuning: the bag of tokens reproduces the static mean, and each fit lowers the error."""
    from benchmarks.static_public import fit_table, token_corrections
    from benchmarks.static_tuning import _bag, _token_ridge, fit_tables, vocabulary_texts
    from topics.embedding.embed import Embedder
    from topics.validate import unit_rows

    texts = seeds_corpus.paragraphs["text"].tolist()
    encoder = Embedder(backend="static", cache_dir=session_cache_dir).static_encoder
    model = encoder.model
    bag = _bag(model, texts)
    assert np.allclose(bag.sum(axis=1), 1)
    distilled = np.asarray(model.embedding, dtype=np.float32)
    assert np.allclose(unit_rows(np.asarray(bag @ distilled, dtype=np.float32)), encoder.encode(texts), atol=1e-3)  # the table is float16
    tables = fit_tables(model, texts, seeds_paragraph_embeddings)
    assert {name: t.shape for name, t in tables.items()} == {n: (len(distilled), seeds_paragraph_embeddings.shape[1]) for n in ("linear", "tokens")}

    def agreement(table):
        return float(np.mean(np.sum(unit_rows(np.asarray(bag @ table, dtype=np.float32)) * seeds_paragraph_embeddings, axis=1)))

    assert 0.5 < agreement(tables["linear"]) < agreement(tables["tokens"])
    # benchmarks.static_public: conjugate gradients on all columns at once reach the exact ridge
    # solution, and its table (in the targets' top directions) agrees with the model more than the distilled one.
    residual = seeds_paragraph_embeddings - np.asarray(bag @ tables["linear"])
    exact = _token_ridge(bag, residual, 0.1)
    assert np.allclose(token_corrections(bag.astype(np.float64), residual, 0.1, steps=1000, tol=1e-9), exact, atol=1e-4)
    public = fit_table(model, texts, seeds_paragraph_embeddings, dims=64)
    assert public.shape == (len(distilled), 64)
    upper = np.triu_indices(len(texts), 1)
    similarity = lambda v: (v @ v.T)[upper]  # noqa: E731
    fp32 = similarity(seeds_paragraph_embeddings)
    assert np.corrcoef(fp32, similarity(encoder.encode(texts)))[0, 1] + 0.1 < np.corrcoef(fp32, similarity(unit_rows(np.asarray(bag @ public))))[0, 1]
    made = vocabulary_texts(model, 6, seed=3)
    vocabulary = model.tokenizer.get_vocab()
    assert made == vocabulary_texts(model, 6, seed=3) and len(made) == 6
    assert all(6 <= len(text.split()) <= 40 and all(word in vocabulary for word in text.split()) for text in made)


@pytest.mark.slow
def test_a_table_refitted_on_a_sample_of_the_corpus_follows_the_model_more_closely(session_cache_dir, embedder, bbc_sample):
    """benchmarks.static_tuning's corpus-tuned mode: a fixed draw of real windows, then vectors nearer the model's.

    On 200 BBC articles (1,091 paragraphs). On the 91 seed paragraphs the sample is too small and
    the refitted table agrees less with the model than the distilled one (docs/benchmarks.md).
    """
    from benchmarks.static_tuning import CORPUS_SHARE, CORPUS_WINDOW, corpus_tuned_vectors, sample_windows
    from topics.embedding.embed import Embedder

    texts = bbc_sample.paragraphs["text"].tolist()
    encoder = Embedder(backend="static", cache_dir=session_cache_dir).static_encoder
    model = encoder.model
    windows = sample_windows(model, texts, CORPUS_SHARE)
    assert windows == sample_windows(model, [*reversed(texts), *texts[:5]], CORPUS_SHARE)  # the set of texts decides
    assert windows != sample_windows(model, texts, CORPUS_SHARE, seed=1)
    assert all(any(w in t for t in texts) for w in windows)
    tokens = lambda some: sum(len(ids) for ids in model.tokenize(some, max_length=None))  # noqa: E731
    assert CORPUS_SHARE * tokens(texts) <= tokens(windows) <= CORPUS_SHARE * tokens(texts) + CORPUS_WINDOW

    embedded = []

    def teacher(some):
        embedded.extend(some)
        return embedder.encode(some)

    vectors = corpus_tuned_vectors(model, texts, teacher, CORPUS_SHARE)
    assert embedded == windows  # the model reads the sample only
    model_vectors = embedder.encode(texts)
    assert vectors.shape == model_vectors.shape and np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-5)
    upper = np.triu_indices(len(texts), 1)

    def agreement(some):
        """Correlation of the pairwise similarities with the model's (the distilled table is 256-D)."""
        return np.corrcoef((model_vectors @ model_vectors.T)[upper], (some @ some.T)[upper])[0, 1]

    plain = corpus_tuned_vectors(model, texts, embedder.encode, CORPUS_SHARE, corrections=False)
    assert agreement(encoder.encode(texts)) + 0.2 < agreement(plain) < agreement(vectors)


def test_a_library_failure_while_building_a_backend_names_what_was_being_done():
    from topics.errors import InputError, TopicsError, failures_as_topics_error

    with pytest.raises(TopicsError, match=r"cannot export m to int8 ONNX: RuntimeError: opset 99"):
        with failures_as_topics_error("cannot export m to int8 ONNX"):
            raise RuntimeError("opset 99")
    with pytest.raises(InputError, match="^x.txt: empty$"):  # our own errors pass through unchanged
        with failures_as_topics_error("cannot export m"):
            raise InputError("x.txt", "empty")


def test_unknown_backend_is_refused():
    from topics.embedding.embed import Embedder
    from topics.errors import TopicsError

    with pytest.raises(TopicsError, match="unknown embedding backend 'tensorflow'"):
        Embedder(backend="tensorflow")


def test_backend_from_environment(monkeypatch):
    from topics.embedding.embed import Embedder

    monkeypatch.setenv("TOPICS_BACKEND", "torch")
    assert Embedder().backend_ == "torch"
    monkeypatch.delenv("TOPICS_BACKEND")
    assert Embedder().backend_ == "onnx"


# -- fitted-model cache ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def seeds_units(seeds_corpus):
    return seeds_corpus.units("paragraph")


def _fit(tmp_path, units, vectors, **params):
    from topics.modeling.fitcache import fit_cached
    from topics.modeling.model import TopicModel

    return fit_cached(TopicModel(**params), units, vectors, tmp_path)


def test_refit_is_loaded_and_identical(tmp_path, seeds_units, seeds_paragraph_embeddings, monkeypatch):
    from topics.modeling.model import TopicModel

    fresh = _fit(tmp_path, seeds_units, seeds_paragraph_embeddings)
    assert len(list((tmp_path / "fits").iterdir())) == 1

    def refuse(*args, **kwargs):
        raise AssertionError("fit ran although nothing changed")

    monkeypatch.setattr(TopicModel, "fit", refuse)
    cached = _fit(tmp_path, seeds_units, seeds_paragraph_embeddings)
    for name in ("labels_", "probabilities_", "coords_2d_", "topic_ids_", "topic_embeddings_", "linkage_"):
        assert np.array_equal(getattr(fresh, name), getattr(cached, name)), name
    pd.testing.assert_frame_equal(fresh.topic_info(), cached.topic_info())
    pd.testing.assert_frame_equal(fresh.document_info(), cached.document_info())
    assert cached.units_ is seeds_units


def test_changed_inputs_or_params_fit_again(tmp_path, seeds_units, seeds_paragraph_embeddings):
    from topics.modeling.fitcache import fit_key
    from topics.modeling.model import TopicModel

    base = fit_key(TopicModel(), seeds_units, seeds_paragraph_embeddings)
    changed_vector = seeds_paragraph_embeddings.copy()
    changed_vector[0, 0] += 1e-3
    changed_text = seeds_units.copy()
    changed_text.loc[0, "text"] = changed_text.loc[0, "text"] + " "
    assert fit_key(TopicModel(), seeds_units, changed_vector) != base
    assert fit_key(TopicModel(), changed_text, seeds_paragraph_embeddings) != base
    assert fit_key(TopicModel(n_keywords=5), seeds_units, seeds_paragraph_embeddings) != base
    assert fit_key(TopicModel(random_state=None), seeds_units, seeds_paragraph_embeddings) is None
    assert fit_key(TopicModel(), seeds_units, seeds_paragraph_embeddings) == base


def test_damaged_entry_is_refitted(tmp_path, seeds_units, seeds_paragraph_embeddings):
    fresh = _fit(tmp_path, seeds_units, seeds_paragraph_embeddings)
    (entry,) = (tmp_path / "fits").iterdir()
    (entry / "labels.npy").write_bytes(b"not an array")
    again = _fit(tmp_path, seeds_units, seeds_paragraph_embeddings)
    assert np.array_equal(fresh.labels_, again.labels_)
    assert np.array_equal(np.load(entry / "labels.npy"), fresh.labels_)  # rewritten


# -- UMAP compiled-code cache ----------------------------------------------------------------------
PROBE = """
import os, sys
from topics.modeling._numba_cache import umap
from umap import layouts, umap_
print(layouts._nb_optimize_layout_euclidean_single_epoch._cache.__class__.__name__,
      layouts._nb_optimize_layout_euclidean_single_epoch_parallel._cache.__class__.__name__,
      umap_.smooth_knn_dist._cache.__class__.__name__)
"""


def test_umap_functions_are_cached_on_disk_except_parallel_twins():
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    serial, parallel_twin, smooth_knn = done.stdout.split()
    assert serial == "FunctionCache" and smooth_knn == "FunctionCache"
    assert parallel_twin == "NullCache"  # would share the serial twin's cache entry


def test_numba_is_left_as_it_was():
    import numba

    from topics.modeling._numba_cache import umap_caching

    before = numba.njit
    with umap_caching():
        assert numba.njit is not before
    assert numba.njit is before


# -- compiling ahead of the first fit ---------------------------------------------------------------
def test_each_numba_cache_folder_has_its_own_compiled_mark(tmp_path, monkeypatch):
    from topics.modeling import _numba_cache

    monkeypatch.setenv("NUMBA_CACHE_DIR", str(tmp_path / "a"))
    first = _numba_cache._stamp_path()
    monkeypatch.setenv("NUMBA_CACHE_DIR", str(tmp_path / "b"))
    second = _numba_cache._stamp_path()
    assert first.parent == tmp_path / "a" and second.parent == tmp_path / "b"
    assert not _numba_cache.is_compiled()
    second.write_text("compiled\n")
    assert _numba_cache.is_compiled()


def test_background_compile_can_be_turned_off_and_starts_once(tmp_path, monkeypatch):
    from topics.modeling import _numba_cache

    monkeypatch.setenv("NUMBA_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("TOPICS_COMPILE_AHEAD", "0")
    monkeypatch.setattr(_numba_cache, "_warm_up_started", False)
    assert _numba_cache.warm_up_in_background() is None
    started = []
    monkeypatch.setenv("TOPICS_COMPILE_AHEAD", "1")
    monkeypatch.setitem(sys.modules, "umap", None)  # umap imported already: nothing to compile ahead
    assert _numba_cache.warm_up_in_background() is None
    monkeypatch.delitem(sys.modules, "umap")
    monkeypatch.setattr(_numba_cache.subprocess, "Popen", lambda command, **kw: started.append(command) or command)
    assert _numba_cache.warm_up_in_background() == [sys.executable, "-m", "topics.modeling._numba_cache"]
    assert _numba_cache.warm_up_in_background() is None and len(started) == 1
    monkeypatch.setattr(_numba_cache, "_warm_up_started", False)
    assert _numba_cache.warm_up_in_background(n_units=500) is None and len(started) == 1  # no numba code to run


def test_a_fit_waits_for_the_compiling_process(tmp_path, monkeypatch):
    import threading

    from topics.modeling import _numba_cache

    monkeypatch.setenv("NUMBA_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(_numba_cache, "_warm_up_started", True)
    stamp = _numba_cache._stamp_path()
    compiling, waited, seen = threading.Event(), threading.Event(), []

    def other_compiler():
        with _numba_cache._exclusive(stamp):
            compiling.set()
            seen.append(waited.wait(0.5))  # False: the waiter is blocked while the lock is held
            stamp.write_text("compiled\n")

    thread = threading.Thread(target=other_compiler)
    thread.start()
    compiling.wait(10)
    _numba_cache._wait_for_warm_up()
    waited.set()
    thread.join()
    assert seen == [False] and stamp.exists()


@pytest.mark.slow
def test_the_model_cut_to_its_first_layer_exports_like_the_default_and_a_map_brings_it_nearer(tmp_path, embedder, bbc_sample):
    """benchmarks.shallow: the truncated model goes through the default's int8 path, and a ridge map
    fitted on some texts brings other texts' vectors nearer the full model's."""
    import torch
    from sentence_transformers import SentenceTransformer

    from benchmarks.shallow import export_shallow, fit_map
    from topics.embedding.onnx_backend import OnnxEncoder

    texts = bbc_sample.paragraphs["text"].tolist()
    with pytest.raises(ValueError):
        export_shallow(embedder._model_source, 7, tmp_path / "too-deep")
    manifest = export_shallow(embedder._model_source, 1, tmp_path / "one")
    shallow = OnnxEncoder(tmp_path / "one", manifest).encode(texts)
    assert shallow.shape == (len(texts), 384) and np.allclose(np.linalg.norm(shallow, axis=1), 1, atol=1e-5)
    # The same cut in torch (fp32): the int8 export follows it as closely as the default follows fp32.
    model = SentenceTransformer(embedder._model_source, device="cpu")
    model[0].auto_model.encoder.layer = model[0].auto_model.encoder.layer[:1]
    with torch.no_grad():
        cut = model.encode(texts[:64], normalize_embeddings=True)
    cosine = np.sum(shallow[:64] * cut, axis=1)
    assert cosine.mean() >= 0.98 and cosine.min() >= 0.95
    full = embedder.encode(texts)
    bare = np.sum(shallow * full, axis=1)
    assert bare.mean() < 0.4  # one layer alone (about 0.19) is far from the model's sentence vectors
    half = len(texts) // 2
    mapped = fit_map(shallow[:half], full[:half])(shallow[half:])
    assert np.allclose(np.linalg.norm(mapped, axis=1), 1, atol=1e-5)
    assert np.sum(mapped * full[half:], axis=1).mean() > bare[half:].mean() + 0.3  # about 0.60 against 0.19


@pytest.mark.slow
def test_static_vectors_with_the_corpus_words_are_scored_against_the_default(bbc_sample):
    """benchmarks.static_words: the mode's vector sets (static, static + LSA) are the kept articles' unit
    vectors with their CPU time, and every word weight gives one NMI per seed on the labelled sample."""
    from benchmarks.static_words import topic_scores, vector_sets
    from topics.text.alias_mining import mine_aliases

    units = bbc_sample.units("article")
    keep = units["label"].notna().to_numpy().copy()
    texts, truth = units["text"][keep].tolist(), units["label"][keep].astype(str).to_numpy()
    sets = vector_sets(bbc_sample, texts, keep)
    assert list(sets) == ["default", "static", "static + LSA"]
    assert sets["default"][1] is None and sets["static"][1] > 0 and sets["static + LSA"][1] >= sets["static"][1]
    for vectors, _ in sets.values():
        assert len(vectors) == keep.sum() and np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-5)
    assert sets["static + LSA"][0].shape[1] > sets["static"][0].shape[1]  # the LSA's columns joined
    aliases = mine_aliases(texts)
    for weight in (0.0, 0.3):
        nmi, found, cpu = topic_scores(texts, truth, sets["static"][0], aliases, weight, seeds=(0, 1))
        assert len(nmi) == len(found) == 2 and cpu > 0
        assert min(nmi) > 0.5  # five sections of 40 articles: far from chance with or without words


def test_the_export_note_advises_topics_prepare_only_outside_it(monkeypatch, tmp_path, capfd):
    # Before: `topics prepare` itself printed "`topics prepare` does this ahead of time" as it exported.
    from topics.embedding import onnx_backend

    monkeypatch.setattr(onnx_backend, "find_export", lambda *args: None)  # no export yet: the note is printed
    monkeypatch.setattr(onnx_backend, "_export", lambda *args: (tmp_path, {}))  # the note, not the 15 s export
    monkeypatch.setattr(onnx_backend, "_source_digest", lambda *args: "digest")
    onnx_backend.exported_model("model-folder", tmp_path, "MiniLM")
    assert "`topics prepare` does this ahead of time" in capfd.readouterr().err
    with onnx_backend.exporting_ahead():
        onnx_backend.exported_model("model-folder", tmp_path, "MiniLM")
    note = capfd.readouterr().err
    assert "note: exporting MiniLM to int8 ONNX" in note and "topics prepare" not in note
