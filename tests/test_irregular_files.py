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


def _in_a_child(code: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    try:
        return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, env=env,
                              timeout=120)
    except subprocess.TimeoutExpired:
        pytest.fail("hung on the pipe (killed after 120 s)")


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
    done = _in_a_child(f"""
        from topics.errors import InputError
        from topics.modeling.model import TopicModel
        try:
            TopicModel.load({str(folder)!r})
        except InputError as exc:
            print(exc)
        """)
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
    done = _in_a_child(f"""
        from topics.errors import InputError
        from topics.search.index import Index
        try:
            Index.load({str(folder)!r})
        except InputError as exc:
            print(exc)
        """)
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
