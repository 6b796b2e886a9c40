"""A pipe, a device or a link to nowhere where a saved folder (a topic model, a search index, an earlier report)
or the embedding cache holds a file. Each once hung the run for ever (a FIFO blocks its reader, /dev/zero never
ends) or was told as "missing", "damaged" or "neither a report nor a model"; now each is named, as what it is.

The calls that hung run in a child process, so that a hang fails the test instead of stopping the suite."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from topics.errors import InputError

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
REPO = Path(__file__).resolve().parents[1]
CHILD_LIMIT_S = 60  # each child finishes in seconds (a loaded machine: tens); a hang costs this much, not for ever


def _in_a_child(code: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    try:
        return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, env=env,
                              timeout=CHILD_LIMIT_S)
    except subprocess.TimeoutExpired:
        pytest.fail(f"hung on the pipe (killed after {CHILD_LIMIT_S} s)")


def _load_in_a_child(module: str, name: str, folder: Path) -> subprocess.CompletedProcess:
    """``name.load(folder)`` (``name`` a class of ``module``) in a child process, which prints the InputError it
    raises."""
    return _in_a_child(f"""
        from topics.errors import InputError
        from {module} import {name}
        try:
            {name}.load({str(folder)!r})
        except InputError as exc:
            print(exc)
        """)


def _pipe_for(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def _link_to_nowhere(path: Path) -> None:
    path.unlink()
    path.symlink_to(path.parent / "gone")


@pytest.fixture(scope="module")
def saved_model(tmp_path_factory, seeds_corpus, seeds_paragraph_embeddings) -> Path:
    from topics.modeling.model import TopicModel

    folder = tmp_path_factory.mktemp("model") / "model"
    TopicModel(random_state=7).fit(seeds_corpus.units("paragraph"), embeddings=seeds_paragraph_embeddings).save(folder)
    return folder


def _copy(folder: Path, to: Path) -> Path:
    import shutil

    return Path(shutil.copytree(folder, to))


@pytest.mark.parametrize("name", ["labels.npy", "units.parquet", "text_material.json"])
def test_a_saved_model_holding_a_pipe_is_refused_naming_the_file_not_read(tmp_path, saved_model, name):
    # Before: TopicModel.load blocked for ever on labels.npy or text_material.json; units.parquet was "FileNotFoundError".
    folder = _copy(saved_model, tmp_path / "model")
    _pipe_for(folder / name)
    done = _load_in_a_child("topics.modeling.model", "TopicModel", folder)
    assert f"{name}: is a pipe, socket or device, not a file: a saved topic model holds files here" in done.stdout, done.stderr[-2000:]


def test_a_saved_model_or_index_holding_a_link_to_nowhere_names_the_link(tmp_path, saved_model, seeds_corpus, seeds_paragraph_embeddings):
    # Before: "saved topic model is damaged (FileNotFoundError: ...)"; the index: "cannot read the saved index".
    from topics.modeling.model import TopicModel
    from topics.search.index import Index

    model = _copy(saved_model, tmp_path / "model")
    _link_to_nowhere(model / "units.parquet")
    with pytest.raises(InputError, match=r"units\.parquet: is a symbolic link to .*gone, which does not exist: a saved topic model"):
        TopicModel.load(model)
    index = Index(seeds_corpus.units("paragraph"), seeds_paragraph_embeddings).save(tmp_path / "index")
    _link_to_nowhere(index / "units.parquet")
    with pytest.raises(InputError, match=r"units\.parquet: is a symbolic link to .*gone, which does not exist: a saved search index"):
        Index.load(index)


def test_a_saved_index_holding_a_pipe_is_refused_naming_the_file_not_read(tmp_path, seeds_corpus, seeds_paragraph_embeddings):
    # Before: Index.load blocked for ever on index.json.
    from topics.search.index import Index

    folder = Index(seeds_corpus.units("paragraph"), seeds_paragraph_embeddings).save(tmp_path / "index")
    _pipe_for(folder / "index.json")
    done = _load_in_a_child("topics.search.index", "Index", folder)
    assert "index.json: is a pipe, socket or device, not a file: a saved search index holds files here" in done.stdout, done.stderr[-2000:]


@pytest.mark.parametrize("make", [_pipe_for, _link_to_nowhere, lambda path: (path.unlink(), path.mkdir())])
def test_an_earlier_reports_file_that_is_no_file_is_named_as_what_it_is(tmp_path, make):
    # Before: topics.json as a pipe, a folder or a link to nowhere gave "neither a topics report nor a saved topic
    # model", and assignments.csv as any of them "the report is incomplete: assignments.csv is missing".
    from topics.modeling.previous import read_previous

    for name in ("topics.json", "assignments.csv"):
        folder = tmp_path / name.replace(".", "_")
        folder.mkdir()
        (folder / "topics.json").write_text("{}")
        (folder / "assignments.csv").write_text("unit_id,text\n")
        make(folder / name)
        with pytest.raises(InputError, match=rf"{name}: is a .*: an earlier report or saved model holds a file here"):
            read_previous(folder)


def test_a_pipe_for_a_cache_shard_is_set_aside_not_read(tmp_path):
    # Before: the first read of the shard blocked for ever.
    from topics.embedding.cache import EmbeddingCache

    vectors = np.eye(8, dtype=np.float32)[:3]
    hashes = [f"{i:032x}" for i in range(3)]
    EmbeddingCache(tmp_path, "a-model", 8).put(hashes, vectors)
    (shard,) = tmp_path.glob("**/shard-*.parquet")
    _pipe_for(shard)
    done = _in_a_child(f"""
        import warnings
        from topics.embedding.cache import EmbeddingCache
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            found, missing = EmbeddingCache({str(tmp_path)!r}, "a-model", 8).get({hashes!r})
        print("missing", missing)
        print(*[str(w.message) for w in caught], sep="\\n")
        """)
    assert "missing [0, 1, 2]" in done.stdout, done.stderr[-2000:]
    assert "embedding cache shard rejected and will be rebuilt" in done.stdout


def test_a_pipe_for_the_caches_meta_json_is_refused_and_nothing_is_moved(tmp_path):
    # Before: the first read of meta.json blocked for ever (`topics embed` and every command using the cache);
    # a pipe there is not a file the cache wrote, so it is named and left, with the cache's own shards.
    from topics.embedding.cache import EmbeddingCache

    vectors = np.eye(8, dtype=np.float32)[:3]
    hashes = [f"{i:032x}" for i in range(3)]
    EmbeddingCache(tmp_path, "a-model", 8).put(hashes, vectors)
    (shard,) = tmp_path.glob("**/shard-*.parquet")
    meta = shard.parent / "meta.json"
    _pipe_for(meta)
    done = _in_a_child(f"""
        from topics.embedding.cache import EmbeddingCache
        from topics.errors import InputError
        try:
            EmbeddingCache({str(tmp_path)!r}, "a-model", 8).get({hashes!r})
        except InputError as exc:
            print("refused", exc)
        """)
    assert "refused" in done.stdout and "meta.json" in done.stdout and "left as it is" in done.stdout, done.stderr[-2000:]
    assert stat.S_ISFIFO(os.lstat(meta).st_mode) and shard.exists()


def test_a_pipe_in_a_cached_fit_is_passed_over_and_the_fit_made_afresh(tmp_path):
    # Before: the fit cache read fitcache.json before anything else, and blocked for ever on a pipe there.
    done = _in_a_child(f"""
        import os
        from pathlib import Path
        from topics.modeling import fitcache
        entry = Path({str(tmp_path)!r}) / ("0" * 32)
        entry.mkdir()
        os.mkfifo(entry / fitcache.ATTRIBUTES_FILE)
        print("loaded", fitcache._load_into(object(), entry, None, None))
        """)
    assert "loaded False" in done.stdout, done.stderr[-2000:]


def _toy_vectors(n: int) -> np.ndarray:
    vectors = np.random.default_rng(0).normal(size=(n, 16)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_a_pipe_for_the_approximate_indexs_settings_is_refused_naming_it(tmp_path, seeds_corpus):
    # Before: Index.load blocked for ever reading approximate.faiss.json (not among the files it checked).
    pytest.importorskip("faiss")
    from topics.search.index import Index

    units = seeds_corpus.units("paragraph")
    index = Index(units, _toy_vectors(len(units)), approximate=True)
    index.search(index.embeddings[0], k=3)  # builds the approximate index, saved with the rest
    folder = index.save(tmp_path / "index")
    assert (folder / "approximate.faiss.json").is_file()
    _pipe_for(folder / "approximate.faiss.json")
    done = _load_in_a_child("topics.search.index", "Index", folder)
    assert "approximate.faiss.json: is a pipe, socket or device, not a file" in done.stdout, done.stderr[-2000:]


@pytest.mark.parametrize("name", ["index.json", ".topics-written.json"])
def test_saving_over_an_index_holding_a_pipe_refuses_without_reading_it(tmp_path, seeds_corpus, name):
    # Before: Index.save read the old folder's index.json and .topics-written.json (is it ours?) and blocked for ever.
    from topics.search.index import Index

    units = seeds_corpus.units("paragraph")
    folder = Index(units, _toy_vectors(len(units))).save(tmp_path / "index")
    _pipe_for(folder / name)
    done = _in_a_child(f"""
        import numpy as np
        from topics.errors import InputError
        from topics.ingest.corpus import load_corpus
        from topics.search.index import Index
        units = load_corpus({str(REPO / "seeds")!r}).units("paragraph")
        vectors = np.random.default_rng(0).normal(size=(len(units), 16)).astype(np.float32)
        try:
            Index(units, vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).save({str(folder)!r})
        except InputError as exc:
            print("refused", exc)
        """)
    assert "refused" in done.stdout, done.stderr[-2000:]
    assert stat.S_ISFIFO(os.lstat(folder / name).st_mode)


def test_saving_over_an_index_whose_record_of_what_was_written_is_a_dead_link_replaces_it(tmp_path, seeds_corpus):
    # Before: the link was refused ("is a symbolic link to ..., which does not exist; move it out"); a link to nowhere
    # holds nothing to lose, so it is no record, as before the links were named: the folder judged by its file names.
    from topics.search.index import Index

    units = seeds_corpus.units("paragraph")
    folder = Index(units, _toy_vectors(len(units))).save(tmp_path / "index")
    (folder / ".topics-written.json").unlink()
    (folder / ".topics-written.json").symlink_to(tmp_path / "nowhere")
    Index(units, _toy_vectors(len(units))).save(folder)
    assert (folder / ".topics-written.json").is_file() and not (folder / ".topics-written.json").is_symlink()
    assert Index.load(folder).n_units == len(units)


def test_a_pipe_for_a_cached_fits_model_json_is_refit_not_read_and_the_folder_left(tmp_path, seeds_corpus):
    # Before: the refit's save over the entry read its model.json (is it a saved model?) and blocked for ever;
    # then, refused as not ours, the whole folder was deleted: the pipe and a file of the user's with it.
    from topics.modeling.fitcache import fit_cached
    from topics.modeling.model import TopicModel

    units = seeds_corpus.units("paragraph")
    fit_cached(TopicModel(random_state=7), units, _toy_vectors(len(units)), tmp_path)
    (model_json,) = tmp_path.rglob("model.json")
    _pipe_for(model_json)
    notes = model_json.parent / "my-notes.txt"
    notes.write_text("mine")
    done = _in_a_child(f"""
        import warnings
        import numpy as np
        from topics.ingest.corpus import load_corpus
        from topics.modeling.fitcache import fit_cached
        from topics.modeling.model import TopicModel
        units = load_corpus({str(REPO / "seeds")!r}).units("paragraph")
        vectors = np.random.default_rng(0).normal(size=(len(units), 16)).astype(np.float32)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model = fit_cached(TopicModel(random_state=7), units, vectors / np.linalg.norm(vectors, axis=1, keepdims=True),
                               {str(tmp_path)!r})
        print("fitted", len(model.labels_))
        """)
    assert f"fitted {len(units)}" in done.stdout, done.stderr[-2000:]
    assert stat.S_ISFIFO(os.lstat(model_json).st_mode) and notes.read_text() == "mine"


def test_a_pipe_for_the_caches_meta_json_is_refused_where_the_ray_path_reads_its_dimension(tmp_path):
    # Before: index_from_shards (lookup._cached_dim) read meta.json directly and blocked for ever.
    from topics.embedding.cache import EmbeddingCache, embeddings_meta_path

    EmbeddingCache(tmp_path, "a-model", 8).put([f"{i:032x}" for i in range(3)], np.eye(8, dtype=np.float32)[:3])
    _pipe_for(embeddings_meta_path(tmp_path, "a-model"))
    done = _in_a_child(f"""
        from types import SimpleNamespace
        from topics.distributed.lookup import _cached_dim
        from topics.errors import InputError
        try:
            _cached_dim(SimpleNamespace(cache_dir={str(tmp_path)!r}, model_id="a-model"))
        except InputError as exc:
            print("refused", exc)
        """)
    assert "refused" in done.stdout and "meta.json: is a pipe, socket or device" in done.stdout, done.stderr[-2000:]


def test_a_pipe_for_a_cache_shard_does_not_stop_a_put(tmp_path):
    # Before: a put with no get before it read every shard's footer (merge or not?) and blocked for ever on a pipe.
    from topics.embedding.cache import EmbeddingCache

    EmbeddingCache(tmp_path, "a-model", 8).put([f"{i:032x}" for i in range(3)], np.eye(8, dtype=np.float32)[:3])
    (shard,) = tmp_path.glob("**/shard-*.parquet")
    _pipe_for(shard)
    done = _in_a_child(f"""
        import numpy as np
        from topics.embedding.cache import EmbeddingCache
        EmbeddingCache({str(tmp_path)!r}, "a-model", 8).put(["e" * 32], np.eye(8, dtype=np.float32)[3:4])
        print("put")
        """)
    assert "put" in done.stdout, done.stderr[-2000:]


def test_a_link_to_nowhere_for_the_caches_meta_json_is_refused_and_nothing_is_moved(tmp_path):
    # Before: read as "meta.json is missing": every shard was set aside (re-embedded) and the link deleted.
    from topics.embedding.cache import EmbeddingCache

    EmbeddingCache(tmp_path, "a-model", 8).put([f"{i:032x}" for i in range(3)], np.eye(8, dtype=np.float32)[:3])
    (shard,) = tmp_path.glob("**/shard-*.parquet")
    meta = shard.parent / "meta.json"
    _link_to_nowhere(meta)
    with pytest.raises(InputError, match=r"meta\.json: is a symbolic link to .*gone, which does not exist; the embedding cache is left"):
        EmbeddingCache(tmp_path, "a-model", 8).get(["0" * 32])
    assert meta.is_symlink() and shard.exists()


def test_a_stray_link_to_nowhere_in_a_saved_indexs_lexical_folder_is_not_read_and_not_refused(tmp_path, seeds_corpus):
    # Before: every entry of lexical/ was checked, so an editor's lock file (a dead link never read) refused the index.
    from topics.search.index import Index

    units = seeds_corpus.units("paragraph")
    index = Index(units, _toy_vectors(len(units)))
    index.lexical  # built, so saved
    folder = index.save(tmp_path / "index")
    (folder / "lexical" / ".#terms.json").symlink_to("user@host.1234:1700000000")
    loaded = Index.load(folder)
    assert loaded.n_units == len(units) and loaded.lexical is not None  # its files read


@pytest.mark.parametrize("module", ["onnx_backend", "static_backend"])
def test_a_pipe_for_an_exported_models_manifest_is_passed_over_not_read(tmp_path, module):
    # Before: the manifest of a model exported into the cache was read as it was, and blocked for ever on a pipe.
    done = _in_a_child(f"""
        import os
        from pathlib import Path
        from topics.embedding import {module} as backend
        os.mkfifo(Path({str(tmp_path)!r}) / backend.MANIFEST)
        print("manifest", backend._read_manifest(Path({str(tmp_path)!r})))
        """)
    assert "manifest None" in done.stdout, done.stderr[-2000:]


def test_a_socket_for_the_caches_meta_json_is_named_as_what_it_is(tmp_path, monkeypatch):
    # Before: a socket cannot be opened (ENXIO), so it read as missing: "no embeddings ... embed the corpus first".
    import socket
    from types import SimpleNamespace

    from topics.distributed.lookup import _cached_dim
    from topics.embedding.cache import EmbeddingCache, embeddings_meta_path

    if not hasattr(socket, "AF_UNIX"):
        pytest.skip("no UNIX sockets on this system")
    EmbeddingCache(tmp_path, "a-model", 8).put([f"{i:032x}" for i in range(3)], np.eye(8, dtype=np.float32)[:3])
    meta = embeddings_meta_path(tmp_path, "a-model")
    meta.unlink()
    monkeypatch.chdir(meta.parent)  # a socket's path is short: bound by its name alone
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind(meta.name)
        with pytest.raises(InputError, match=r"meta\.json: is a pipe, socket or device, not a file"):
            _cached_dim(SimpleNamespace(cache_dir=str(tmp_path), model_id="a-model"))


def test_files_are_read_where_the_system_has_no_non_blocking_open(tmp_path, monkeypatch):
    # Before: os.O_NONBLOCK (Windows has none) was taken as given: every read of a saved or cached file, and the
    # look into each corpus folder (a report of ours?), failed with AttributeError.
    from topics.ingest.input_files import written_by_topics
    from topics.validate import read_file_text

    report = tmp_path / "topics.json"
    report.write_bytes(b'{"schema": "topics-report",\r\n "note": "caf\xc3\xa9"}\r\n')
    monkeypatch.delattr(os, "O_NONBLOCK")
    monkeypatch.delattr(os, "set_blocking")  # Windows has it from Python 3.12 only
    assert read_file_text(report) == report.read_text(encoding="utf-8")
    assert written_by_topics(tmp_path) == "topics report"


def test_an_unknown_encoding_is_told_not_hidden_by_a_second_close(tmp_path):
    # Before: the text layer's failure closed the file, and open_file closed it again: "Bad file descriptor" was
    # told (and a descriptor another thread had opened meanwhile could be closed).
    from topics.validate import open_file

    (tmp_path / "a.txt").write_text("a")
    with pytest.raises(LookupError, match="no-such-codec"):
        open_file(tmp_path / "a.txt", "r", encoding="no-such-codec")


def test_a_link_to_nowhere_for_the_caches_meta_json_is_named_where_the_ray_path_reads_its_dimension(tmp_path):
    # Before: lookup._cached_dim took the dead link for no cache at all: "no embeddings ... embed the corpus first".
    from types import SimpleNamespace

    from topics.distributed.lookup import _cached_dim
    from topics.embedding.cache import EmbeddingCache, embeddings_meta_path

    EmbeddingCache(tmp_path, "a-model", 8).put([f"{i:032x}" for i in range(3)], np.eye(8, dtype=np.float32)[:3])
    meta = embeddings_meta_path(tmp_path, "a-model")
    _link_to_nowhere(meta)
    with pytest.raises(InputError, match=r"meta\.json: is a symbolic link to .*gone, which does not exist; the embedding cache is left"):
        _cached_dim(SimpleNamespace(cache_dir=tmp_path, model_id="a-model"))
    assert meta.is_symlink()


def _folder_for(path: Path) -> None:
    path.unlink(missing_ok=True)
    path.mkdir()


@pytest.mark.parametrize("name", ["index.json", "embeddings.npy", "units.parquet", "aliases.json"])
def test_a_folder_where_a_saved_index_holds_a_file_is_named_as_a_folder(tmp_path, seeds_corpus, seeds_paragraph_embeddings, name):
    # Before: "not a saved search index ([Errno 21] ...)", "Is a directory", an empty folder read as a table of no
    # rows ("0 units do not match index.json"), "cannot read the aliases ([Errno 21] ...)".
    from topics.search.index import Index

    folder = Index(seeds_corpus.units("paragraph"), seeds_paragraph_embeddings).save(tmp_path / "index")
    _folder_for(folder / name)
    with pytest.raises(InputError) as refused:
        Index.load(folder)
    assert str(refused.value) == f"{folder / name}: is a folder, not a file: a saved search index holds files here"


@pytest.mark.parametrize("name", ["model.json", "labels.npy", "units.parquet"])
def test_a_folder_where_a_saved_model_holds_a_file_is_named_as_a_folder(tmp_path, saved_model, name):
    # Before: model.json as a folder was "no saved topic model here (model.json is missing)"; units.parquet, an
    # empty folder, was read as a table of no rows.
    from topics.modeling.model import TopicModel

    folder = _copy(saved_model, tmp_path / "model")
    _folder_for(folder / name)
    with pytest.raises(InputError) as refused:
        TopicModel.load(folder)
    assert str(refused.value) == f"{folder / name}: is a folder, not a file: a saved topic model holds files here"


def test_a_file_that_is_no_file_is_told_by_its_path_and_what_it_is_with_no_error_number(tmp_path):
    # Before: "[Errno 21] is a folder, not a file: '...'" wherever a reader put the OSError into its message.
    from topics.validate import read_file_text

    (tmp_path / "x.json").mkdir()
    (tmp_path / "dead.json").symlink_to(tmp_path / "gone")
    for path, what in ((tmp_path / "x.json", "is a folder, not a file"),
                       (tmp_path / "dead.json", f"is a symbolic link to {tmp_path / 'gone'}, which does not exist")):
        with pytest.raises(OSError) as refused:
            read_file_text(path)
        assert str(refused.value) == f"{path} {what}"
