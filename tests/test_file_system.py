"""The user's files and the toolkit's own when the file system holds surprises: a folder of the user's
inside the cache, vectors zeroed on disk, a file under one of our names, links, a run killed between
two renames. Each case once lost a file or gave a wrong answer without a word."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from topics.errors import InputError, TopicsWarning


def test_the_fit_cache_prunes_only_its_own_entries(tmp_path):
    # Before: keeping the 16 newest fits deleted every other folder under fits/, the user's too.
    from topics.modeling import fitcache

    root = tmp_path / "fits"
    for i in range(20):
        (root / f"run{i:02d}").mkdir(parents=True)
        (root / f"run{i:02d}" / "results.csv").write_text("mine")
    entries = []
    for i in range(fitcache.MAX_ENTRIES + 3):
        entry = root / f"{i:032x}"
        entry.mkdir()
        (entry / "model.json").write_text("{}")
        os.utime(entry, (1_000 + i, 1_000 + i))
        entries.append(entry)
    fitcache._prune(root)
    assert all((root / f"run{i:02d}" / "results.csv").read_text() == "mine" for i in range(20))
    assert [e.exists() for e in entries] == [False] * 3 + [True] * fitcache.MAX_ENTRIES


def test_vectors_zeroed_or_scaled_in_the_embedding_cache_are_embedded_again(tmp_path):
    # Before: rows zeroed on disk were read back as vectors: themes placed units by them, the report stopped.
    import warnings

    import pyarrow as pa
    import pyarrow.parquet as pq

    from topics.embedding.cache import EmbeddingCache

    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(6, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    hashes = [f"{i:032x}" for i in range(6)]

    def damaged(cache_dir, rows):
        EmbeddingCache(cache_dir, "a-model", 8).put(hashes, vectors)
        (shard,) = cache_dir.glob("**/shard-*.parquet")
        column = pa.FixedSizeListArray.from_arrays(pa.array(rows.reshape(-1)), 8)
        pq.write_table(pq.read_table(shard).set_column(1, "embedding", column), shard)
        return EmbeddingCache(cache_dir, "a-model", 8)

    zeroed = vectors.copy()
    zeroed[3:] = 0
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        found, missing = damaged(tmp_path / "zeroed", zeroed).get(hashes)  # a zero row is no vector: missing
    assert missing == [3, 4, 5] and np.array_equal(found[:3], vectors[:3])
    with pytest.warns(TopicsWarning, match=r"shard rejected and will be rebuilt \(2 of 6 vectors are not of length 1"):
        found, missing = damaged(tmp_path / "scaled", vectors * np.array([[1], [1], [1], [1], [2], [0.5]], np.float32)).get(hashes)
    assert missing == list(range(6)) and not found.any()
    # A text without a known word (a zero vector from a static model) is not kept, so it never reads as damage.
    cache = EmbeddingCache(tmp_path / "fresh", "a-model", 8)
    cache.put(hashes[:2], np.vstack([vectors[0], np.zeros(8, np.float32)]))
    assert EmbeddingCache(tmp_path / "fresh", "a-model", 8).get(hashes[:2])[1] == [1]


def test_saving_refuses_a_folder_or_file_of_the_users_under_our_file_names(tmp_path, seeds_dir, seeds_corpus, seeds_paragraph_embeddings):
    # Before: a folder holding the user's own model.json (or index.json) was taken for a saved model and replaced;
    # Themes.save wrote over any file.
    from topics.search.index import Index
    from topics.themes.guided import Themes

    from topics.modeling.model import TopicModel

    units = seeds_corpus.units("paragraph")
    model = TopicModel(n_topics=3, random_state=1).fit(units, embeddings=seeds_paragraph_embeddings)
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "model.json").write_text('{"my": "own config"}')
    with pytest.raises(InputError, match=r"mine: exists and does not hold a saved topic model"):
        model.save(mine)
    (mine / "model.json").rename(mine / "index.json")
    index = Index(units, seeds_paragraph_embeddings)
    with pytest.raises(InputError, match=r"mine: exists and does not hold a saved search index"):
        index.save(mine)
    assert json.loads((mine / "index.json").read_text()) == {"my": "own config"}
    notes = tmp_path / "notes.json"
    notes.write_text('{"my": "notes"}')
    with pytest.raises(InputError, match=r"notes.json: exists and is not a saved themes file"):
        Themes(seeds_dir / "themes.toml").save(notes)
    assert json.loads(notes.read_text()) == {"my": "notes"}
    # An index saved without a model name is still recognised as one when saved over.
    bare = Index(units, seeds_paragraph_embeddings)
    bare.save(tmp_path / "bare")
    bare.save(tmp_path / "bare")
    saved = Themes(seeds_dir / "themes.toml").save(tmp_path / "themes.json")
    Themes(seeds_dir / "themes.toml", threshold=0.6).save(saved)  # its own file: replaced
    assert Themes.load(saved).threshold == 0.6


def test_a_saved_index_with_zeroed_vectors_is_refused(tmp_path, seeds_corpus, seeds_paragraph_embeddings):
    # Before: an index whose vectors were zeroed on disk answered every query at cosine 0.
    from topics.search.index import Index

    folder = Index(seeds_corpus.units("paragraph"), seeds_paragraph_embeddings).save(tmp_path / "index")
    vectors = np.load(folder / "embeddings.npy")
    np.save(folder / "embeddings.npy", vectors * 0)
    with pytest.raises(InputError, match=r"saved embeddings are damaged: 91 rows are all zeros, index.json says 0"):
        Index.load(folder)


def test_a_corpus_named_by_a_link_that_leads_nowhere_is_told_so(tmp_path):
    # Both were "does not exist", though the user can see the name in the folder.
    from topics import load_corpus

    (tmp_path / "loop").symlink_to("loop")
    (tmp_path / "gone").symlink_to(tmp_path / "moved-away")
    with pytest.raises(InputError, match="loop: is a loop of symbolic links$"):
        load_corpus(tmp_path / "loop")
    with pytest.raises(InputError, match=r"gone: is a symbolic link to .*moved-away, which does not exist$"):
        load_corpus(tmp_path / "gone")
    with pytest.raises(InputError, match="absent: does not exist$"):
        load_corpus(tmp_path / "absent")


def test_a_symbolic_link_to_a_folder_in_a_corpus_is_named_not_passed_over(tmp_path, seeds_dir):
    from topics.ingest.corpus import load_corpus

    corpus, other = tmp_path / "corpus", tmp_path / "other"
    corpus.mkdir()
    other.mkdir()
    articles = sorted(seeds_dir.glob("*.txt"))
    (corpus / articles[0].name).write_bytes(articles[0].read_bytes())
    (other / articles[1].name).write_bytes(articles[1].read_bytes())
    (corpus / "more").symlink_to(other)
    loaded = load_corpus(corpus)
    assert len(loaded.articles) == 1
    reasons = dict(zip(loaded.skipped["source"], loaded.skipped["reason"]))
    assert reasons[str(corpus / "more")].startswith("a symbolic link to a folder; not followed")


def test_a_corpus_index_key_changes_when_a_file_changes_under_its_old_time(tmp_path, seeds_dir, embedder):
    # Before: an edit that kept the size and had its modification time set back (cp -p, rsync -t, touch -r)
    # kept the key, so the saved index answered from the old text; a cache inside the corpus changed it on every run.
    from topics.search.store import source_key

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    article = corpus / "a.txt"
    article.write_text("Drones over Kandahar\n\nThe drones flew at night.", encoding="utf-8")
    key = source_key(corpus, None, embedder)
    (corpus / "cache" / "embeddings" / "m").mkdir(parents=True)
    (corpus / "cache" / "embeddings" / "m" / "meta.json").write_text("{}")
    assert source_key(corpus, None, embedder) == key  # what ingest skips is not part of the corpus
    stamp = article.stat()
    time.sleep(0.01)
    article.write_text("Zebras over Kandahar\n\nThe zebras fled at night.", encoding="utf-8")
    os.utime(article, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert article.stat().st_size == stamp.st_size and article.stat().st_mtime_ns == stamp.st_mtime_ns
    assert source_key(corpus, None, embedder) != key


def test_the_cache_keeps_its_most_recent_corpus_indexes(tmp_path, monkeypatch):
    from topics.search import store

    indexes = tmp_path / "indexes"
    folders = []
    for i in range(store.KEPT_INDEXES + 2):
        folder = indexes / f"key{i:02d}"
        folder.mkdir(parents=True)
        (folder / "index.json").write_text(json.dumps({"format": 1, "model_id": "m", "n_units": 1, "dim": 4}))
        os.utime(folder, (1_000 + i, 1_000 + i))
        folders.append(folder)
    (indexes / "notes").mkdir()
    store._prune(indexes)
    assert [f.exists() for f in folders] == [False] * 2 + [True] * store.KEPT_INDEXES
    assert (indexes / "notes").is_dir()


def test_a_backup_left_by_a_run_killed_between_its_renames_is_put_back(tmp_path):
    # Before: the next run deleted the only copy of the previous report.
    from topics._atomic import FolderSpec, check_writable

    target = tmp_path / "report"
    dead = 4_194_303  # past any process id in use here
    with pytest.raises(ProcessLookupError):
        os.kill(dead, 0)
    backup = tmp_path / f".report.{dead}-0123456789ab.old"
    backup.mkdir()
    (backup / "topics.json").write_text("{}")
    (backup / "notes.txt").write_text("mine")
    # Put back before the checks, which then see it (and refuse it, holding a file of the user's).
    spec = FolderSpec("report", ["topics.json"], lambda folder: (folder / "topics.json").is_file())
    with pytest.raises(InputError, match=r"notes.txt: was not written by topics"):
        check_writable(target, spec)
    assert (target / "topics.json").read_text() == "{}" and not backup.exists()


def test_an_out_folder_that_is_a_link_loop_or_would_hold_the_cache_is_refused_before_the_work(tmp_path, seeds_dir):
    # Run in tmp_path (the names are relative), with this tree's package first on the path.
    env = {**os.environ, "TOPICS_CACHE_DIR": str(tmp_path / "unused"), "PYTHONPATH": str(Path(__file__).resolve().parents[1])}

    def report(*args):
        return subprocess.run([sys.executable, "-m", "topics", "report", str(seeds_dir), *args], capture_output=True,
                              text=True, env=env, cwd=tmp_path, timeout=120)

    (tmp_path / "loop").symlink_to("loop")
    result = report("--out", "loop")
    assert result.returncode == 1 and result.stderr == "error: loop: is a loop of symbolic links; choose a folder\n"
    result = report("--cache-dir", "work/cache", "--out", "work")
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("error: work: would hold the embedding cache work/cache") and "embedding" not in result.stderr[60:]
    assert not (tmp_path / "work" / "cache" / "embeddings").exists()


def test_a_read_only_report_folder_is_refused_before_the_work(tmp_path, monkeypatch):
    # Root writes anywhere, so the test asks the folder's own question: os.access says no.
    from topics import _atomic
    from topics.report import check_report_target

    out = tmp_path / "report"
    out.mkdir()
    (out / "topics.json").write_text("{}")  # an empty folder is replaced whatever its mode: nothing in it to remove
    real_access = os.access
    monkeypatch.setattr(_atomic.os, "access", lambda path, mode: False if Path(path) == out else real_access(path, mode))
    with pytest.raises(InputError, match=r"report: is read-only; make it writable or choose another folder"):
        check_report_target(out)


def test_a_path_from_the_home_folder_is_read_and_written_there(tmp_path, monkeypatch, seeds_dir, seeds_corpus, seeds_paragraph_embeddings, embedder):
    # Before: "~" stayed as written: a model was refused with a staging folder's name, and the rest was written
    # into a folder named "~" under the current one.
    import shutil

    import topics

    home, here = tmp_path / "home", tmp_path / "here"
    home.mkdir(), here.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(here)
    shutil.copy(seeds_dir / "themes.toml", home / "themes.toml")
    units = seeds_corpus.units("paragraph")
    model = topics.TopicModel(n_topics=3, random_state=1).fit(units, embeddings=seeds_paragraph_embeddings)
    assert model.save("~/model") == home / "model"
    np.testing.assert_array_equal(topics.TopicModel.load("~/model").labels_, model.labels_)
    themes = topics.Themes("~/themes.toml")
    assert themes.save("~/themes.json") == home / "themes.json" and topics.Themes.load("~/themes.json").to_dict() == themes.to_dict()
    assert topics.Index(units, seeds_paragraph_embeddings).save("~/index") == home / "index"
    assert topics.Index.load("~/index").n_units == len(units)
    result = topics.find_topics(seeds_corpus, embedder=embedder, n_topics=2)
    result.write_report("~/report")
    assert (home / "report" / "report.md").is_file()
    shutil.copytree(seeds_dir, home / "seeds", ignore=shutil.ignore_patterns("*.toml"))
    assert len(topics.load_corpus("~/seeds").articles) == len(seeds_corpus.articles)
    assert topics.Embedder(cache_dir="~/cache").cache_dir == home / "cache"
    assert list(here.iterdir()) == []


def test_a_full_disk_numpy_meets_is_said_in_words_and_a_fit_not_cached_names_its_entry_once(tmp_path):
    """numpy reports a full disk as "34944 requested and 18400 written" (no errno): that was the whole message,
    and the fit cache's warning then named the entry twice, with the class name between."""
    from topics._atomic import cannot_write
    from topics.modeling import fitcache

    entry = tmp_path / "fits" / "entry"
    error = cannot_write(entry, "saved topic model", OSError("34944 requested and 18400 written"))
    assert "no space left on the device" in str(error)

    class FullDisk:
        def save(self, folder):
            raise error

    with pytest.warns(Warning) as record:
        fitcache._store(FullDisk(), entry)
    message = str(record[-1].message)
    assert message.count(str(entry)) == 1 and "InputError" not in message and "no space left" in message
    assert not entry.exists()


def test_a_corpus_folder_deeper_than_the_recursion_limit_is_read(tmp_path, seeds_dir):
    # os.walk recursed once a level (before Python 3.12): a RecursionError traceback, nothing read.
    from topics.ingest.corpus import load_corpus

    levels = [tmp_path]
    for _ in range(sys.getrecursionlimit() + 50):  # one at a time: mkdir(parents=True) recurses too
        levels.append(levels[-1] / "d")
        levels[-1].mkdir()
    article = sorted(seeds_dir.glob("*.txt"))[0]
    (levels[-1] / article.name).write_bytes(article.read_bytes())
    (tmp_path / article.name).write_bytes(article.read_bytes().replace(b"Taliban", b"Talibans"))
    try:
        loaded = load_corpus(tmp_path)
        assert len(loaded.articles) == 2
        assert any(str(i).endswith("d/d/" + article.stem) for i in loaded.articles["article_id"])
    finally:  # removed level by level: pytest's own clean-up of old temporary folders recurses, as os.walk did
        (levels[-1] / article.name).unlink()
        for level in reversed(levels[1:]):
            level.rmdir()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_corpus_file_removed_swapped_for_a_pipe_or_grown_after_the_folder_was_listed_is_skipped_with_its_reason(tmp_path):
    # Before: a file removed between the listing and its read was a FileNotFoundError traceback; one swapped for a
    # FIFO hung the run.
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("kept", "removed", "piped", "grown"):
        (folder / f"{name}.txt").write_text(f"{name.title()} article.\n\nA paragraph of the {name} article, long enough to keep.\n")
    code = f"""
        import os
        from pathlib import Path
        from topics.ingest import corpus

        folder = Path({str(folder)!r})
        listed = corpus.article_files

        def listed_then_changed(*args, **kwargs):  # what another process does between the listing and the reads
            files = listed(*args, **kwargs)
            (folder / "removed.txt").unlink()
            (folder / "piped.txt").unlink()
            os.mkfifo(folder / "piped.txt")
            (folder / "grown.txt").write_text("x" * 2_100_000)
            return files

        corpus.article_files = listed_then_changed
        loaded = corpus.load_corpus(folder, max_file_mb=2)
        print(sorted(loaded.articles["article_id"]))
        for source, reason in loaded.skipped[["source", "reason"]].itertuples(index=False):
            print(Path(source).name, "|", reason)
        """
    import textwrap

    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(__file__).resolve().parents[1]), os.environ.get("PYTHONPATH", "")])}
    try:
        done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, env=env, timeout=120)
    except subprocess.TimeoutExpired:
        pytest.fail("hung on the pipe")
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    assert lines[0] == "['kept']"
    assert "removed.txt | could not be read (does not exist)" in lines
    assert "piped.txt | is a pipe, socket or device, not a file" in lines
    assert "grown.txt | 2.1 MB is larger than the 2 MB limit for one article file" in lines


def test_a_corpus_file_of_exactly_the_size_limit_is_read_and_one_byte_more_is_skipped_as_too_large(tmp_path):
    # Before: the size was checked as MB against the limit and the bytes read against the limit times 1e6, whose
    # rounding disagree: a file of exactly 1.001 MB passed the first and was then skipped as grown while it was read.
    from topics.ingest.corpus import _record_from_file

    path = tmp_path / "a.txt"
    text = "Title.\n\n" + "word " * 300_000
    path.write_text(text[:1_001_000])
    record, problem = _record_from_file(path, tmp_path, 1.001)
    assert problem is None and record is not None
    path.write_text(text[:1_001_001])
    assert _record_from_file(path, tmp_path, 1.001) == (None, "1.0 MB is larger than the 1.001 MB limit for one article file")


def test_a_corpus_read_with_no_size_limit_or_a_large_one_reads_each_file_in_the_memory_of_its_size(tmp_path):
    # Before: each read asked for the limit's bytes (20 MB for a 60-byte file); max_file_mb=inf was an
    # OverflowError, a limit of 10 TB a MemoryError.
    import tracemalloc

    from topics.ingest.corpus import _record_from_file, load_corpus

    (tmp_path / "a.txt").write_text("Title.\n\nA paragraph long enough to keep as an article here.\n")
    for limit in (float("inf"), 1e7):
        assert len(load_corpus(tmp_path, max_file_mb=limit).articles) == 1
    tracemalloc.start()
    try:
        record, problem = _record_from_file(tmp_path / "a.txt", tmp_path, 20.0)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert problem is None and record is not None
    assert peak < 1_000_000  # the file's bytes and the record, not the 20 MB limit


def test_a_file_that_grew_after_its_size_was_taken_is_read_on_up_to_one_byte_past_the_limit():
    import io

    from topics.ingest.corpus import READ_ON_BYTES, _read_up_to

    grown = b"x" * (3 * READ_ON_BYTES + 5)
    assert _read_up_to(io.BytesIO(grown), 10, float("inf")) == grown  # no limit: all of it
    assert len(_read_up_to(io.BytesIO(grown), 10, 2 * READ_ON_BYTES)) == 2 * READ_ON_BYTES + 1  # one past: refused
    assert _read_up_to(io.BytesIO(b"x" * 10), 10, 10) == b"x" * 10  # as its size said
    assert _read_up_to(io.BytesIO(b"x" * 4), 10, 20) == b"x" * 4  # shrunk
