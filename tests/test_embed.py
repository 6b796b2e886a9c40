"""Embeddings with the real bundled model, and the persistent cache around them."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import warnings

import numpy as np
import pandas as pd
import pytest

from folders import writable
from interrupt import KEPT_LINE, interrupt_once_a_shard_is_written

from topics.embedding import embed as embed_module
from topics.embedding.cache import EmbeddingCache, text_hash
from topics.ingest.corpus import load_corpus
from topics.embedding.embed import DEFAULT_MODEL, KEEP_EVERY_ENV, Embedder, embed_units, resolve_model
from topics.errors import EmbeddingInterrupted, InputError, TopicsError
from topics.validate import unit_rows


def test_seed_embeddings_are_normalised_float32(seeds_corpus, seeds_paragraph_embeddings):
    vectors = seeds_paragraph_embeddings
    assert vectors.shape == (len(seeds_corpus.paragraphs), 384)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    # paragraphs about the same thing are nearer than unrelated ones
    texts = seeds_corpus.paragraphs["text"].tolist()
    drone = next(i for i, t in enumerate(texts) if "US drones came from Pakistan" in t)
    drone2 = next(i for i, t in enumerate(texts) if "drone surveillance operations in Kandahar" in t)
    civilians = next(i for i, t in enumerate(texts) if "3,000 Afghan civilians were killed" in t)
    assert vectors[drone] @ vectors[drone2] > vectors[drone] @ vectors[civilians]


def test_article_vectors_are_weighted_paragraph_means(seeds_corpus, embedder, seeds_paragraph_embeddings):
    articles = embed_units(seeds_corpus, "article", embedder)
    assert articles.shape == (5, 384)
    np.testing.assert_allclose(np.linalg.norm(articles, axis=1), 1.0, atol=1e-5)
    first = seeds_corpus.paragraphs["article_id"] == seeds_corpus.articles["article_id"][0]
    own = seeds_paragraph_embeddings[first.to_numpy()] @ articles[0]
    other = seeds_paragraph_embeddings[first.to_numpy()] @ articles[3]
    assert own.mean() > other.mean()


def test_cached_rerun_in_a_fresh_process_never_loads_the_model(seeds_dir, session_cache_dir, seeds_paragraph_embeddings):
    script = (
        "import sys, numpy as np\n"
        "from topics.ingest.corpus import load_corpus\n"
        "from topics.embedding.embed import Embedder, embed_units\n"
        f"e = Embedder(cache_dir={str(session_cache_dir)!r})\n"
        f"v = embed_units(load_corpus({str(seeds_dir)!r}), 'paragraph', e)\n"
        "np.save(sys.argv[1], v)\n"
        "print(e.n_model_calls_, e._model is None, 'sentence_transformers' in sys.modules, 'torch' in sys.modules)\n"
    )
    out = session_cache_dir.parent / "fresh.npy"
    result = subprocess.run([sys.executable, "-c", script, str(out)], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["0", "True", "False", "False"]
    np.testing.assert_array_equal(np.load(out), seeds_paragraph_embeddings)


def test_a_copied_or_pickled_embedder_reloads_its_model_and_embeds_alike(tmp_path, seeds_corpus):
    """A fitted model keeps its embedder, and an onnxruntime session cannot be copied or pickled."""
    import copy
    import pickle

    embedder = Embedder(cache_dir=tmp_path, use_cache=False, show_progress=False)
    texts = seeds_corpus.paragraphs["text"].tolist()[:3]
    vectors = embedder.encode(texts)
    for other in (copy.deepcopy(embedder), pickle.loads(pickle.dumps(embedder))):
        assert other.model_id == embedder.model_id
        np.testing.assert_allclose(other.encode(texts), vectors, atol=1e-6)


def test_an_embedder_pickled_before_its_later_attributes_reads_them_as_a_fresh_one(tmp_path, seeds_corpus, monkeypatch):
    """Attributes added since an embedder was pickled (its counts, the window tokenizer, the fall-back rule)
    read as a fresh embedder's, so an earlier pickle still embeds and counts."""
    import pickle

    embedder = Embedder(cache_dir=tmp_path, show_progress=False)
    texts = seeds_corpus.paragraphs["text"].tolist()[:3]
    vectors = embedder.encode(texts)
    later = ("n_from_cache_", "n_model_calls_", "_window", "_static_encoder", "_may_fall_back", "model_dir")
    state_now = Embedder.__getstate__
    monkeypatch.setattr(Embedder, "__getstate__", lambda self: {k: v for k, v in state_now(self).items() if k not in later})
    older = pickle.loads(pickle.dumps(embedder))  # as an earlier version pickled it
    assert (older.n_from_cache_, older.n_model_calls_) == (0, 0)
    np.testing.assert_allclose(older.encode(texts), vectors, atol=1e-6)
    assert (older.n_from_cache_, older.n_model_calls_) == (3, 0)  # every vector from the cache


def test_an_embedder_pickled_before_it_counted_its_texts_restarts_all_its_counts(tmp_path, seeds_corpus, monkeypatch):
    """Counts kept beside an ``n_texts_`` at 0 would say a negative number of texts was computed."""
    import pickle

    embedder = Embedder(cache_dir=tmp_path, show_progress=False)
    texts = seeds_corpus.paragraphs["text"].tolist()[:3]
    embedder.encode(texts)
    embedder.encode(texts)
    assert (embedder.n_texts_, embedder.n_from_cache_, embedder.n_model_calls_) == (6, 3, 3)
    state_now = Embedder.__getstate__
    monkeypatch.setattr(Embedder, "__getstate__", lambda self: {k: v for k, v in state_now(self).items() if k != "n_texts_"})
    older = pickle.loads(pickle.dumps(embedder))  # as the version before n_texts_ pickled it
    assert (older.n_texts_, older.n_from_cache_, older.n_model_calls_) == (0, 0, 0)
    older.encode(texts)
    assert (older.n_texts_, older.n_from_cache_, older.n_model_calls_) == (3, 3, 0)


def test_one_text_gets_one_vector_and_a_batch_size_must_be_a_positive_whole_number(tmp_path, seeds_corpus, embedder):
    # Before: a str was embedded character by character (17 vectors), batch_size=0 divided by zero and -1 gave zero vectors.
    text = seeds_corpus.paragraphs["text"].iloc[0]
    one = embedder.encode(text)
    assert one.shape == (embedder.dim,)  # as sentence-transformers gives one text's vector
    np.testing.assert_array_equal(one, embedder.encode([text])[0])
    for size in (0, -1, 2.5, True, "32"):
        with pytest.raises(InputError, match=re.escape(f"batch_size: must be a positive whole number, not {size!r}")):
            Embedder(batch_size=size, cache_dir=tmp_path)
    assert Embedder(batch_size=np.int64(8), cache_dir=tmp_path).batch_size_ == 8


def test_adding_an_article_embeds_only_its_units(tmp_path, seeds_dir, embedder):
    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    for path in sorted(seeds_dir.glob("*.txt"))[:3]:
        (corpus_dir / path.name).write_bytes(path.read_bytes())
    cache = tmp_path / "cache"
    first = Embedder(cache_dir=cache)
    embed_units(load_corpus(corpus_dir), "paragraph", first)
    n_first = first.n_model_calls_
    assert n_first == len(load_corpus(corpus_dir).paragraphs)
    new = sorted(seeds_dir.glob("*.txt"))[3]
    (corpus_dir / new.name).write_bytes(new.read_bytes())
    second = Embedder(cache_dir=cache)
    grown = load_corpus(corpus_dir)
    vectors = embed_units(grown, "paragraph", second)
    assert second.n_model_calls_ == (grown.paragraphs["article_id"] == new.stem).sum()
    assert vectors.shape == (len(grown.paragraphs), 384)
    third = Embedder(cache_dir=cache)
    embed_units(grown, "paragraph", third)
    assert third.n_model_calls_ == 0


def test_ctrl_c_in_the_cli_keeps_the_finished_vectors_and_the_rerun_embeds_the_rest(tmp_path, data_dir):
    """SIGINT to `topics embed` once its first shard is written: one line says how much is kept, exit 130,
    the cache holds those texts, and the rerun embeds only the rest, to the vectors of one uninterrupted run."""
    corpus = tmp_path / "bbc25.csv"
    pd.read_csv(data_dir / "bbc_sample.csv").head(25).to_csv(corpus, index=False)
    texts = load_corpus(corpus).paragraphs["text"].tolist()
    assert len(set(texts)) == len(texts) > 100  # distinct, so computed and cached counts are in paragraphs
    cache_dir = tmp_path / "cache"
    env = {**os.environ, "TOPICS_CACHE_DIR": str(cache_dir)}
    command = [sys.executable, "-m", "topics", "--quiet", "embed", str(corpus)]
    returncode, out, err = interrupt_once_a_shard_is_written(
        command, lambda: list(cache_dir.glob("embeddings/*/shard-*.parquet")), env={**env, KEEP_EVERY_ENV: "8"})
    assert returncode == 130, err
    assert out == ""
    message = KEPT_LINE.fullmatch(err.rstrip("\n"))
    assert message and err.count("\n") == 1, err
    kept, total = int(message[1]), int(message[2])
    assert total == len(texts) and 8 <= kept < total

    # The cache: whole shards only, and exactly the texts the line counts.
    embedder = Embedder(cache_dir=cache_dir)
    folder = embedder.cache.folder
    assert {p.name for p in folder.iterdir()} - {"meta.json"} == {p.name for p in folder.glob("shard-*.parquet")}
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no shard is rejected
        _, missing = embedder.cache.get([text_hash(t) for t in texts])
    assert len(texts) - len(missing) == kept

    again = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert again.returncode == 0, again.stderr
    assert f"({total - kept} computed, {kept} from cache" in again.stdout
    resumed = Embedder(cache_dir=cache_dir)
    vectors = resumed.encode(texts)
    assert resumed.n_model_calls_ == 0
    np.testing.assert_array_equal(vectors, Embedder(cache_dir=tmp_path / "uninterrupted").encode(texts))


def test_sigterm_stops_the_cli_as_ctrl_c_does(tmp_path, data_dir):
    # Before: SIGTERM (docker stop, systemd, a CI runner) killed the run at once, exit 143, nothing kept.
    import signal

    corpus = tmp_path / "bbc25.csv"
    pd.read_csv(data_dir / "bbc_sample.csv").head(25).to_csv(corpus, index=False)
    cache_dir = tmp_path / "cache"
    env = {**os.environ, "TOPICS_CACHE_DIR": str(cache_dir), KEEP_EVERY_ENV: "8"}
    returncode, out, err = interrupt_once_a_shard_is_written(
        [sys.executable, "-m", "topics", "--quiet", "embed", str(corpus)], lambda: list(cache_dir.glob("embeddings/*/shard-*.parquet")),
        env=env, stop=signal.SIGTERM)
    assert returncode == 130, err
    message = KEPT_LINE.fullmatch(err.rstrip("\n"))
    assert message and 8 <= int(message[1]) < int(message[2]), err


def test_ctrl_c_in_embed_units_keeps_what_finished_and_re_raises(tmp_path, seeds_corpus, monkeypatch):
    """Nothing is written on the clock here (a long KEEP_SECONDS): the interruption itself writes the
    finished chunks, and the caller gets a KeyboardInterrupt."""
    monkeypatch.setattr(embed_module, "KEEP_CHUNK", 8)
    monkeypatch.setattr(embed_module, "KEEP_SECONDS", 1e9)
    embedder = Embedder(cache_dir=tmp_path, batch_size=4, show_progress=False)
    real = embedder._encode_with_model
    chunks = []

    def ctrl_c_in_the_third_chunk(texts, **options):
        chunks.append(len(texts))
        if len(chunks) == 3:
            raise KeyboardInterrupt  # where a Ctrl-C lands: inside the model's run
        return real(texts, **options)

    embedder._encode_with_model = ctrl_c_in_the_third_chunk
    with pytest.raises(KeyboardInterrupt) as stop:
        embed_units(seeds_corpus, "paragraph", embedder)
    texts = seeds_corpus.paragraphs["text"].tolist()
    n_distinct = len(set(texts))
    assert isinstance(stop.value, EmbeddingInterrupted) and stop.value.total == len(texts)
    assert str(stop.value).startswith(f"interrupted: {stop.value.kept} of {len(texts)} texts embedded and kept")
    assert len(list(embedder.cache.folder.glob("shard-*.parquet"))) == 1
    rest = Embedder(cache_dir=tmp_path, show_progress=False)
    vectors = embed_units(seeds_corpus, "paragraph", rest)
    assert rest.n_model_calls_ == n_distinct - 16  # two chunks of 8 were kept
    np.testing.assert_array_equal(vectors, Embedder(cache_dir=tmp_path / "uninterrupted").encode(texts))


def test_a_reader_sees_every_vector_while_another_process_merges_the_shards(tmp_path, monkeypatch):
    hashes = [f"{i:032x}" for i in range(4)]
    rows = np.eye(4, dtype=np.float32)
    for h, row in zip(hashes[:3], rows):
        EmbeddingCache(tmp_path, DEFAULT_MODEL, 4).put([h], row[None])
    stale = EmbeddingCache(tmp_path, DEFAULT_MODEL, 4)
    stale.get([])  # read before the next shard was written, by another process
    EmbeddingCache(tmp_path, DEFAULT_MODEL, 4).put([hashes[3]], rows[3][None])

    reader = EmbeddingCache(tmp_path, DEFAULT_MODEL, 4)
    read_shard = reader._read_shard

    def merged_meanwhile(shard, *wanted):  # the writer merges while the reader is at its first shard
        found = read_shard(shard, *wanted)
        if not merged:
            merged.append(True)
            monkeypatch.setattr("topics.embedding.cache.MAX_SHARDS", 1)
            stale.put([hashes[0]], rows[0][None])  # one more shard: past MAX_SHARDS, all are merged
        return found

    merged = []
    reader._read_shard = merged_meanwhile
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a shard merged away is not "rejected"
        vectors, missing = reader.get(hashes)
    assert merged and missing == []
    np.testing.assert_array_equal(vectors, rows)
    assert len(list(reader.folder.glob("shard-*.parquet"))) == 1
    # The merge kept the shard the merging process had never read.
    vectors, missing = EmbeddingCache(tmp_path, DEFAULT_MODEL, 4).get(hashes)
    assert missing == [] and np.array_equal(vectors, rows)


def test_a_lookup_reads_only_the_row_groups_holding_its_texts(tmp_path, monkeypatch):
    """A cache grown by many corpora costs a run only its own texts: the hash column, then the row groups
    that hold the texts asked for (a whole 125,000-vector cache was read to look up 800 texts)."""
    import pyarrow.parquet as pq

    monkeypatch.setattr("topics.embedding.cache.ROW_GROUP_ROWS", 5)
    hashes = [f"{i:032x}" for i in range(40)]
    rows = unit_rows(np.arange(1, 40 * 4 + 1, dtype=np.float32).reshape(40, 4))  # the cache keeps unit vectors
    EmbeddingCache(tmp_path, DEFAULT_MODEL, 4).put(hashes, rows)  # one shard of eight row groups
    read_groups = []
    real = pq.ParquetFile.read_row_groups

    def counted(self, groups, *args, **kwargs):
        read_groups.extend(groups)
        return real(self, groups, *args, **kwargs)

    monkeypatch.setattr(pq.ParquetFile, "read_row_groups", counted)
    reader = EmbeddingCache(tmp_path, DEFAULT_MODEL, 4)
    asked = [hashes[12], "f" * 32, hashes[7], hashes[13]]
    vectors, missing = reader.get(asked)
    assert missing == [1] and sorted(read_groups) == [1, 2]  # rows 7, 12 and 13 lie in groups 1 and 2
    np.testing.assert_array_equal(vectors[[0, 2, 3]], rows[[12, 7, 13]])
    assert not vectors[1].any()
    read_groups.clear()
    again, _ = reader.get([hashes[7], hashes[39]])  # what was read stays in memory
    assert read_groups == [7] and np.array_equal(again, rows[[7, 39]])
    assert len(reader) == 40


def test_a_shard_written_before_row_groups_is_merged_into_them_by_the_next_write(tmp_path, monkeypatch):
    """An older cache's shards are one row group each, read whole by every lookup: the next write merges them."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    monkeypatch.setattr("topics.embedding.cache.ROW_GROUP_ROWS", 5)
    cache = EmbeddingCache(tmp_path, DEFAULT_MODEL, 4)
    cache.put(["0" * 32], np.full((1, 4), 0.5, np.float32))  # writes meta.json and a small shard
    hashes = [f"{i:032x}" for i in range(1, 21)]
    rows = unit_rows(np.arange(1, 20 * 4 + 1, dtype=np.float32).reshape(20, 4))
    old = cache.folder / "shard-old.parquet"
    pq.write_table(pa.table({"text_hash": hashes, "embedding": pa.FixedSizeListArray.from_arrays(pa.array(rows.ravel()), 4)}), old)
    assert pq.ParquetFile(old).metadata.num_row_groups == 1
    EmbeddingCache(tmp_path, DEFAULT_MODEL, 4).put(["f" * 32], np.array([[1, 0, 0, 0]], np.float32))
    shards = list(cache.folder.glob("shard-*.parquet"))
    assert len(shards) == 1 and not old.exists() and pq.ParquetFile(shards[0]).metadata.num_row_groups == 5  # 22 rows
    vectors, missing = EmbeddingCache(tmp_path, DEFAULT_MODEL, 4).get(hashes + ["0" * 32, "f" * 32])
    assert missing == [] and np.array_equal(vectors[:20], rows) and vectors[20:].tolist() == [[0.5] * 4, [1, 0, 0, 0]]


def test_corrupted_shard_is_rejected_and_rebuilt(tmp_path):
    texts = ["Drones flew over Kandahar.", "Talks resumed in Doha.", "Snow closed the Salang pass."]
    cache_dir = tmp_path / "cache"
    first = Embedder(cache_dir=cache_dir)
    reference = first.encode(texts)
    folder = EmbeddingCache(cache_dir, first.model_id, 384).folder
    shard = next(folder.glob("shard-*.parquet"))
    shard.write_bytes(shard.read_bytes()[:100])  # truncated by a crash or a bad disk
    embedder = Embedder(cache_dir=cache_dir)
    with pytest.warns(UserWarning, match="rejected"):
        vectors = embedder.encode(texts)
    assert embedder.n_model_calls_ == 3
    np.testing.assert_allclose(vectors, reference, atol=1e-6)
    assert (folder / "rejected" / shard.name).exists()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        again = Embedder(cache_dir=cache_dir)
        again.encode(texts)
    assert again.n_model_calls_ == 0


def test_foreign_cache_is_not_trusted(tmp_path):
    texts = ["Drones flew over Kandahar.", "Talks resumed in Doha."]
    cache_dir = tmp_path / "cache"
    first = Embedder(cache_dir=cache_dir)
    first.encode(texts)
    folder = EmbeddingCache(cache_dir, first.model_id, 384).folder
    meta = json.loads((folder / "meta.json").read_text())
    (folder / "meta.json").write_text(json.dumps({**meta, "model_id": "someone/else"}))
    embedder = Embedder(cache_dir=cache_dir)
    with pytest.warns(UserWarning, match="another model"):
        embedder.encode(texts)
    assert embedder.n_model_calls_ == 2


def test_a_meta_json_recording_another_width_is_set_aside_not_a_traceback(tmp_path):
    # A cached run takes the width from meta.json (no model loaded): one recording 768 for a model of 384 set
    # every shard aside, then the fresh vectors failed the shard write (pyarrow ArrowInvalid traceback).
    texts = ["Drones flew over Kandahar.", "Talks resumed in Doha.", "Snow closed the Salang pass."]
    cache_dir = tmp_path / "cache"
    first = Embedder(cache_dir=cache_dir)
    reference = first.encode(texts)
    meta_path = EmbeddingCache(cache_dir, first.model_id, 384).folder / "meta.json"
    meta_path.write_text(json.dumps({**json.loads(meta_path.read_text()), "dim": 768}))
    embedder = Embedder(cache_dir=cache_dir, show_progress=False)
    with pytest.warns(UserWarning, match="rejected"):
        vectors = embedder.encode(texts)
    np.testing.assert_allclose(vectors, reference, atol=1e-6)
    assert embedder.n_from_cache_ == 0
    assert json.loads(meta_path.read_text())["dim"] == 384
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        again = Embedder(cache_dir=cache_dir)
        np.testing.assert_allclose(again.encode(texts), reference, atol=1e-6)
    assert again.n_model_calls_ == 0


def test_a_cache_written_by_a_newer_version_is_left_as_it_is(tmp_path):
    # Every shard was set aside as "another model or format" and meta.json rewritten: the newer version lost its cache.
    texts = ["Drones flew over Kandahar.", "Talks resumed in Doha."]
    cache_dir = tmp_path / "cache"
    first = Embedder(cache_dir=cache_dir)
    reference = first.encode(texts)
    folder = EmbeddingCache(cache_dir, first.model_id, 384).folder
    meta_path = folder / "meta.json"
    meta_path.write_text(json.dumps({**json.loads(meta_path.read_text()), "format": 99}))
    before = {path.relative_to(folder): path.read_bytes() for path in folder.rglob("*") if path.is_file()}
    embedder = Embedder(cache_dir=cache_dir)
    with pytest.warns(UserWarning, match="newer version of topics .format 99.; the cache is left as it is"):
        vectors = embedder.encode([*texts, "Snow closed the Salang pass."])
    np.testing.assert_allclose(vectors[:2], reference, atol=1e-6)
    assert {path.relative_to(folder): path.read_bytes() for path in folder.rglob("*") if path.is_file()} == before


def _cache_files(folder):
    return {path.relative_to(folder): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def test_the_streaming_writer_leaves_a_newer_versions_cache_alone_and_replaces_a_stale_width(tmp_path):
    # append (the Ray engine's writer) wrote a format-1 shard into a newer version's cache, and with a meta.json
    # recording another width raised pyarrow's ArrowInvalid: it now shares put's checks.
    unit = lambda n, dim: np.full((n, dim), dim**-0.5, np.float32)  # noqa: E731
    cache = EmbeddingCache(tmp_path / "newer", "m", 4)
    cache.put(["a" * 32], unit(1, 4))
    (cache.folder / "meta.json").write_text(json.dumps({"format": 2, "model_id": "m", "dim": 4}))
    before = _cache_files(cache.folder)
    ray = EmbeddingCache(tmp_path / "newer", "m", 4)
    with pytest.warns(UserWarning, match="newer version of topics .format 2.; the cache is left as it is"):
        assert ray.append(["b" * 32], unit(1, 4)) is None
    assert ray.unwritable and _cache_files(cache.folder) == before
    assert ray.get(["b" * 32])[1] == []  # kept in memory for the run

    seed = EmbeddingCache(tmp_path / "stale", "m", 384)
    seed.put(["0" * 32], unit(1, 384))
    (seed.folder / "meta.json").write_text(json.dumps({"format": 1, "model_id": "m", "dim": 768}))
    stale = EmbeddingCache(tmp_path / "stale", "m", 768)  # the width read from meta.json
    with pytest.warns(UserWarning, match="rejected"):
        shard = stale.append(["a" * 32], unit(1, 384))
    assert shard is not None and json.loads((seed.folder / "meta.json").read_text())["dim"] == 384
    assert EmbeddingCache(tmp_path / "stale", "m", 384).get(["a" * 32, "0" * 32])[1] == [1]


@pytest.mark.parametrize("meta", [
    {"format": 2, "model": "m", "dim": 4}, {"format": 2, "models": ["m"]}, {"format": "2", "model_id": "m", "dim": 4},
    {"format": 2.0, "model_id": "m", "dim": 4}, {"format": "2.0-beta"}])
def test_a_meta_json_of_a_format_this_version_does_not_know_is_left_as_it_is(tmp_path, meta):
    # Only an int format with "model_id" counted as newer: the others were set aside as another model's.
    cache = EmbeddingCache(tmp_path, "m", 4)
    cache.put(["a" * 32], np.full((1, 4), 0.5, np.float32))
    (cache.folder / "meta.json").write_text(json.dumps(meta))
    before = _cache_files(cache.folder)
    later = EmbeddingCache(tmp_path, "m", 4)
    with pytest.warns(UserWarning, match="newer version of topics"):
        assert later.get(["a" * 32])[1] == [0]
    assert not later.put(["b" * 32], np.full((1, 4), 0.5, np.float32)) and _cache_files(cache.folder) == before


def test_a_newer_versions_cache_of_another_width_is_left_alone_by_a_first_write(tmp_path):
    # The width was checked before the format: a write before any read set the newer cache aside.
    cache = EmbeddingCache(tmp_path, "m", 4)
    cache.put(["a" * 32], np.full((1, 4), 0.5, np.float32))
    (cache.folder / "meta.json").write_text(json.dumps({"format": 2, "model_id": "m", "dim": 8}))
    before = _cache_files(cache.folder)
    later = EmbeddingCache(tmp_path, "m", 8)  # the width read from meta.json
    with pytest.warns(UserWarning, match="newer version of topics"):
        assert later.append(["b" * 32], np.full((1, 4), 0.5, np.float32)) is None
    assert _cache_files(cache.folder) == before


@pytest.mark.parametrize("meta", [{"format": 0, "model_id": "m", "dim": 4}, {"model_id": "m", "dim": 4}, [1],
                                  {"format": 1, "model_id": "other", "dim": 4}, {"format": None}, {"format": 0.5}])
def test_an_older_garbled_or_another_models_meta_json_is_still_set_aside(tmp_path, meta):
    cache = EmbeddingCache(tmp_path, "m", 4)
    cache.put(["a" * 32], np.full((1, 4), 0.5, np.float32))
    (cache.folder / "meta.json").write_text(json.dumps(meta))
    with pytest.warns(UserWarning, match="rejected"):
        assert EmbeddingCache(tmp_path, "m", 4).put(["b" * 32], np.full((1, 4), 0.5, np.float32))
    assert json.loads((cache.folder / "meta.json").read_text()) == {"format": 1, "model_id": "m", "dim": 4}
    assert EmbeddingCache(tmp_path, "m", 4).get(["a" * 32, "b" * 32])[1] == [0]


def test_a_read_only_cache_with_a_stale_width_keeps_the_vectors_in_memory_with_one_warning(tmp_path):
    # meta.json could not be removed (a read-only file system): an uncaught OSError from put.
    seed = EmbeddingCache(tmp_path / "cache", "m", 384)
    seed.put(["0" * 32], np.full((1, 384), 384**-0.5, np.float32))
    (seed.folder / "meta.json").write_text(json.dumps({"format": 1, "model_id": "m", "dim": 768}))
    # Root writes through chmod 555: there the folder is made immutable instead (chattr, where the file system has it).
    lock = ["chattr", "+i", str(seed.folder)] if os.geteuid() == 0 else ["chmod", "555", str(seed.folder)]
    if shutil.which(lock[0]) is None or subprocess.run(lock, capture_output=True).returncode != 0 or writable(seed.folder):
        pytest.skip("no way to make a folder read-only here")
    try:
        cache = EmbeddingCache(tmp_path / "cache", "m", 768)  # the width read from meta.json
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            cache.get(["0" * 32])
            assert not cache.put(["a" * 32], np.full((1, 384), 384**-0.5, np.float32))
        assert cache.unwritable and cache.get(["a" * 32])[1] == []
        assert sum("embedding cache not written" in str(w.message) for w in caught) == 1
    finally:
        subprocess.run(["chattr", "-i", str(seed.folder)] if os.geteuid() == 0 else ["chmod", "755", str(seed.folder)])


def test_shard_with_wrong_dimension_is_rejected(tmp_path):
    cache = EmbeddingCache(tmp_path, DEFAULT_MODEL, 384)
    cache.put(["a" * 32], unit_rows(np.ones((1, 384), np.float32)))
    wrong = EmbeddingCache(tmp_path, DEFAULT_MODEL, 384)
    wrong.dim = 8  # a shard written for another dimension
    wrong._write_shard(wrong.folder / "shard-wrongdim.parquet", ["b" * 32], unit_rows(np.ones((1, 8), np.float32)))
    fresh = EmbeddingCache(tmp_path, DEFAULT_MODEL, 384)
    with pytest.warns(UserWarning, match="rejected"):
        vectors, missing = fresh.get(["a" * 32, "b" * 32])
    assert missing == [1]


def test_model_names_and_paths(tmp_path):
    assert resolve_model(None)[0] == DEFAULT_MODEL
    assert resolve_model("all-MiniLM-L6-v2")[0] == DEFAULT_MODEL
    bundled_path = resolve_model(None)[1]
    model_id, source = resolve_model(bundled_path)  # the same model by its folder: the same id, by content
    assert source.endswith(bundled_path.rstrip("/").rsplit("/", 1)[-1]) and model_id == DEFAULT_MODEL
    vectors = Embedder(bundled_path, cache_dir=tmp_path).encode(["Drones over Kandahar"])
    assert vectors.shape == (1, 384)
    with pytest.raises(TopicsError, match="cannot load embedding model 'no-such/model-anywhere'"):
        Embedder("no-such/model-anywhere", cache_dir=tmp_path).encode(["text"])
