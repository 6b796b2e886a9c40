"""The Ray engine on a real local Ray cluster (2 CPUs): same vectors and cache as the local engine,
resumption after a real interruption, the sample fit with its neighbour search on Ray equal to the local one, lookup from the shards."""

from __future__ import annotations

import logging
import os
import re
import signal
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import pytest

from optional import need  # noqa: E402

ray = need("ray")

from topics.embedding.cache import model_slug  # noqa: E402
from topics.embedding.embed import Embedder, embed_units  # noqa: E402
from topics.errors import InputError, ModelMismatchError, TopicsError, TopicsWarning  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
MIN_COSINE = 0.9999


@pytest.fixture(scope="module")
def ray_address():
    """One local Ray cluster for the module; its address lets other processes join it."""
    # Ray gives its raylet a fixed 30 s to register; on two busy cores that can run out, so a
    # start that timed out is tried again before the module's tests are given up.
    for attempt in range(3):
        try:
            ray.init(num_cpus=2, include_dashboard=False, logging_level=logging.WARNING, log_to_driver=False)
            break
        except Exception as error:
            ray.shutdown()
            if attempt == 2 or "timed out during startup" not in str(error):
                raise
    yield ray.get_runtime_context().gcs_address
    ray.shutdown()


def shard_folder(cache_dir: Path) -> Path:
    return cache_dir / "embeddings" / model_slug(Embedder(cache_dir=cache_dir).model_id)  # the default backend's id


def shards(cache_dir: Path) -> list[Path]:
    return sorted(shard_folder(cache_dir).glob("shard-*.parquet"))


def assert_same_vectors(ray_vectors: np.ndarray, local_vectors: np.ndarray) -> None:
    assert ray_vectors.shape == local_vectors.shape
    cosine = (ray_vectors.astype(np.float64) * local_vectors.astype(np.float64)).sum(axis=1)
    assert cosine.min() >= MIN_COSINE, f"least cosine {cosine.min():.6f} (row {cosine.argmin()})"


@pytest.fixture(scope="module")
def bbc_on_ray(ray_address, tmp_path_factory, data_dir, bbc_sample):
    """The BBC sample embedded on Ray in two goes: a CLI run killed once a few shards are
    written, then a resumed run. What each step saw, for the tests to check."""
    from topics.distributed import embed_with_ray

    work = tmp_path_factory.mktemp("bbc-on-ray")
    cache_dir = work / "cache"
    log_path = work / "interrupted.log"
    command = [
        sys.executable, "-c", "from topics.cli import main; main()",
        "embed", str(data_dir / "bbc_sample.csv"), "--engine", "ray", "--address", ray_address,
        "--cache-dir", str(cache_dir), "--batch-size", "64", "--workers", "1",
    ]  # fmt: skip
    with log_path.open("w") as log:
        run = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "HF_HUB_OFFLINE": "1"})
        deadline = time.monotonic() + 300
        while len(shards(cache_dir)) < 3 and run.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        run.send_signal(signal.SIGKILL)  # no chance to tidy up
        run.wait()
    written = shards(cache_dir)
    assert len(written) >= 3, log_path.read_text()
    resumed = Embedder(cache_dir=cache_dir)
    vectors = embed_with_ray(bbc_sample, resumed, batch_size=128)
    return {
        "cache_dir": cache_dir,
        "written_before": written,
        "rows_before": sum(pq.read_table(s).num_rows for s in written),
        "computed_on_resume": resumed.n_model_calls_,
        "embedder": resumed,
        "vectors": vectors,
    }


def test_cli_embeds_the_seeds_on_ray_into_the_local_cache(ray_address, tmp_path, seeds_dir, seeds_corpus, seeds_paragraph_embeddings):
    from typer.testing import CliRunner

    from topics.cli import app

    runner = CliRunner()
    embedded = runner.invoke(app, ["embed", str(seeds_dir), "--engine", "ray", "--cache-dir", str(tmp_path), "--batch-size", "40", "--index"])
    assert embedded.exit_code == 0, embedded.output
    assert "91 paragraphs embedded" in embedded.output and "91 computed" in embedded.output

    # The shards are the local engine's cache: meta.json plus one shard per batch of <= 40.
    assert (shard_folder(tmp_path) / "meta.json").exists()
    tables = [pq.read_table(s) for s in shards(tmp_path)]
    assert sorted(t.num_rows for t in tables) == [11, 40, 40]
    assert all(t.schema.names == ["text_hash", "embedding"] for t in tables)

    # The local engine reads them unchanged: nothing left to compute, the same vectors.
    local = Embedder(cache_dir=tmp_path)
    vectors = embed_units(seeds_corpus, "paragraph", local)
    assert local.n_model_calls_ == 0
    assert_same_vectors(vectors, seeds_paragraph_embeddings)

    # `topics similar` opens the index built from the shards instead of embedding the corpus.
    (index_folder,) = (tmp_path / "indexes").iterdir()
    found = runner.invoke(app, ["similar", "drones flying over Afghanistan", str(seeds_dir), "--cache-dir", str(tmp_path), "--json", "-k", "3"])
    assert found.exit_code == 0, found.output
    assert "drone" in found.output.lower()
    assert list((tmp_path / "indexes").iterdir()) == [index_folder]


def test_cli_on_ray_fails_as_the_local_engine_does_when_the_cache_cannot_be_written(ray_address, tmp_path, seeds_dir):
    # Only the local engine checked: `topics embed --engine ray` exited 0 with nothing kept.
    from typer.testing import CliRunner

    from topics.cli import app

    cache_dir = tmp_path / "read-only"
    cache_dir.mkdir()
    lock = ["chattr", "+i", str(cache_dir)] if os.geteuid() == 0 else ["chmod", "555", str(cache_dir)]
    if shutil.which(lock[0]) is None or subprocess.run(lock, capture_output=True).returncode != 0:
        pytest.skip("no way to make a folder read-only here")
    try:
        embedded = CliRunner().invoke(app, ["embed", str(seeds_dir), "--engine", "ray", "--cache-dir", str(cache_dir), "--batch-size", "40"])
    finally:
        subprocess.run(["chattr", "-i", str(cache_dir)] if os.geteuid() == 0 else ["chmod", "755", str(cache_dir)])
    assert embedded.exit_code == 1, embedded.output
    assert "embedding cache could not be written: the paragraphs were embedded but not kept" in str(embedded.exception)
    assert "91 paragraphs embedded" not in embedded.output and not any(cache_dir.iterdir())


def test_an_interrupted_run_resumes_with_only_the_missing_paragraphs(bbc_on_ray, bbc_sample):
    n_unique = bbc_sample.paragraphs["text"].nunique()
    assert 0 < bbc_on_ray["rows_before"] < n_unique  # really cut short
    assert bbc_on_ray["computed_on_resume"] == n_unique - bbc_on_ray["rows_before"]
    cache_dir = bbc_on_ray["cache_dir"]
    assert set(bbc_on_ray["written_before"]) <= set(shards(cache_dir))  # what was done stays as it was
    assert not (shard_folder(cache_dir) / "rejected").exists()  # no half-written shard anywhere


def ray_log_note() -> str:
    """The one line `topics embed --engine ray` writes on stderr: where Ray's own output went
    (the log folder of the Ray cluster this module started)."""
    logs = Path(ray._private.worker._global_node.get_logs_dir_path())
    return rf"note: Ray's messages go to {re.escape(str(logs))}/topics-embed-\d+\.log\n"


def test_ctrl_c_on_ray_says_what_is_kept_and_exits_130(ray_address, tmp_path, seeds_dir, seeds_corpus):
    """SIGINT to `topics embed --engine ray` once a shard is written: Ray shut down, then one line on
    stderr (how many texts the cache keeps, as and where the local engine says it), exit 130, the cache
    holds exactly those texts, stderr holds nothing else but where Ray's own output went, and stdout
    nothing (it was the one line there before)."""
    from interrupt import KEPT_LINE, interrupt_once_a_shard_is_written

    from topics.embedding.cache import text_hash

    cache_dir = tmp_path / "cache"
    command = [
        sys.executable, "-m", "topics", "--quiet", "embed", str(seeds_dir), "--engine", "ray", "--address", ray_address,
        "--cache-dir", str(cache_dir), "--batch-size", "8", "--workers", "1",
    ]  # fmt: skip
    returncode, out, err = interrupt_once_a_shard_is_written(
        command, lambda: shards(cache_dir), env={**os.environ, "HF_HUB_OFFLINE": "1"}, cwd=ROOT, wait_s=300, poll_s=0.05)
    assert returncode == 130, err
    assert out == ""
    note, kept_line = err.rstrip("\n").split("\n")
    assert re.fullmatch(ray_log_note(), note + "\n"), err
    assert Path(note.split(" go to ", 1)[1].strip()).is_file()
    texts = seeds_corpus.paragraphs["text"].tolist()
    message = KEPT_LINE.fullmatch(kept_line)
    assert message, err
    kept, total = int(message[1]), int(message[2])
    assert total == len(texts) and 0 < kept
    if kept < total:  # the job may have finished before the signal landed
        _, missing = Embedder(cache_dir=cache_dir).cache.get([text_hash(t) for t in texts])
        assert len(texts) - len(missing) == kept


def test_a_model_the_workers_cannot_load_is_one_clear_error(ray_address, tmp_path, seeds_dir):
    """A model folder the driver accepts but whose weights are cut short: the workers fail to load it,
    and the command says so in one line naming the folder, after the note on Ray's log; no trace."""
    import shutil

    from topics.embedding.embed import resolve_model

    broken = tmp_path / "broken-model"
    shutil.copytree(resolve_model(None)[1], broken)
    weights = broken / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[:4096])
    command = [
        sys.executable, "-m", "topics", "--quiet", "embed", str(seeds_dir), "--engine", "ray", "--address", ray_address,
        "--model", str(broken), "--cache-dir", str(tmp_path / "cache"), "--workers", "1",
    ]  # fmt: skip
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env={**os.environ, "HF_HUB_OFFLINE": "1"}, timeout=300)
    assert run.returncode == 1, run.stderr
    said = re.fullmatch(rf"{ray_log_note()}(error: [^\n]*\n)", run.stderr)
    assert said, run.stderr
    assert "cannot load embedding model" in said[1] and "broken-model" in said[1], said[1]
    assert run.stdout == ""
    assert not list(tmp_path.rglob("shard-*.parquet"))


def test_bad_vectors_and_an_address_where_nothing_listens_are_refused_before_any_job(ray_address, bbc_sample, embedder):
    """No Ray job (nor cluster) is started for input predict would refuse, nor for a dead address."""
    import socket

    from topics.distributed import assign_with_ray
    from topics.errors import InputError
    from topics.modeling.model import TopicModel

    vectors = embed_units(bbc_sample, "article", embedder)
    model = TopicModel(n_topics=3).fit(bbc_sample.units("article"), embeddings=vectors)
    with pytest.raises(InputError, match="384"):
        assign_with_ray(model, vectors[:20, :100])
    broken = vectors[:20].copy()
    broken[3, 0] = np.nan
    with pytest.raises(InputError, match="row 3"):
        assign_with_ray(model, broken)
    # An address where no cluster listens fails at once (Ray itself retries it for minutes).
    from topics.distributed._ray import check_reachable

    with socket.socket() as free:  # a port nothing listens on once closed
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    with pytest.raises(TopicsError, match=f"127.0.0.1:{port}.*nothing answers"):
        check_reachable(f"127.0.0.1:{port}")
    check_reachable(ray_address)  # the running cluster answers
    check_reachable("ray://anything:10001")  # Ray Client addresses are Ray's to read


def test_ray_gives_the_local_engines_vectors_on_bbc_articles(bbc_on_ray, bbc_sample, embedder):
    from topics.distributed import embed_with_ray

    assert_same_vectors(bbc_on_ray["vectors"], embed_units(bbc_sample, "paragraph", embedder))
    resumed = bbc_on_ray["embedder"]
    calls = resumed.n_model_calls_
    articles = embed_with_ray(bbc_sample, resumed, level="article")
    assert resumed.n_model_calls_ == calls  # all cached: nothing sent to Ray
    assert_same_vectors(articles, embed_units(bbc_sample, "article", embedder))


def test_sample_fit_and_distributed_assignment_find_the_local_topics(ray_address, bbc_sample, embedder):
    from sklearn.metrics import adjusted_rand_score

    from topics.distributed import assign_with_ray, fit_topics_with_ray
    from topics.modeling.model import TopicModel

    units = bbc_sample.units("article")
    vectors = embed_units(bbc_sample, "article", embedder)
    local = TopicModel(n_topics=5).fit(units, embeddings=vectors)

    # The Ray job applies the model's own transform: the same topic for every unit.
    labels, coords = assign_with_ray(local, vectors, layout=(vectors, local.coords_2d_), batch_size=64)
    np.testing.assert_array_equal(labels, local.predict(vectors))
    assert coords.shape == (len(units), 2) and np.isfinite(coords).all()



def test_ray_and_local_assign_identically_on_the_same_sample(ray_address, bbc_sample, embedder):
    """Past the sample size, the Ray path is the local sample fit with its neighbour search on Ray:
    the same sample, the same neighbour vote, the same topics, map and descriptions."""
    from topics.distributed import fit_topics_with_ray
    from topics.modeling.model import TopicModel

    units = bbc_sample.units("paragraph")
    vectors = embed_units(bbc_sample, "paragraph", embedder)
    assert len(units) > 1_000
    local = TopicModel(max_fit_units=500, random_state=3).fit(units, embeddings=vectors)
    distributed = fit_topics_with_ray(units, vectors, TopicModel(random_state=3), sample_size=500, batch_size=128)
    assert local.fit_sample_size_ == distributed.fit_sample_size_ == 500
    assert len(local.topic_ids_) >= 3
    np.testing.assert_array_equal(distributed.labels_, local.labels_)
    np.testing.assert_allclose(distributed.probabilities_, local.probabilities_, atol=1e-5)
    np.testing.assert_allclose(distributed.coords_2d_, local.coords_2d_, atol=1e-4)
    assert distributed.topic_info()["label"].tolist() == local.topic_info()["label"].tolist()
    # A sample smaller than the local minimum is still the local computation, given that sample.
    small = fit_topics_with_ray(units.head(300), vectors[:300], TopicModel(n_topics=4, random_state=3), sample_size=150)
    np.testing.assert_array_equal(small.labels_, TopicModel(n_topics=4, random_state=3).fit(units.head(300), embeddings=vectors[:300]).labels_)


def test_the_approximate_index_is_built_from_the_shards_and_reloaded(bbc_on_ray, bbc_sample, tmp_path, embedder):
    from topics.distributed import index_from_shards
    from topics.search.index import Index

    folder = tmp_path / "index"
    built = index_from_shards(bbc_sample, bbc_on_ray["embedder"], folder=folder, approximate=True)
    assert (folder / "approximate.faiss").exists() and built.n_units == len(bbc_sample.paragraphs)

    reloaded = Index.load(folder)
    assert reloaded._approximate_index is not None  # read from disk, not rebuilt
    exact = Index(bbc_sample.units("paragraph"), embed_units(bbc_sample, "paragraph", embedder), approximate=False, model_id=embedder.model_id)
    queries = exact.embeddings[:: len(exact.embeddings) // 20][:20]
    overlap = []
    for query in queries:
        approximate_hits = reloaded.search(query, k=10, level="paragraph")["paragraph_id"]
        exact_hits = exact.search(query, k=10, level="paragraph")["paragraph_id"]
        assert approximate_hits.iloc[0] == exact_hits.iloc[0]
        overlap.append(len(set(approximate_hits) & set(exact_hits)) / 10)
    assert np.mean(overlap) >= 0.8


def test_lookup_refuses_a_corpus_that_is_not_embedded_yet(bbc_on_ray, seeds_corpus, tmp_path):
    from topics.distributed import index_from_shards

    with pytest.raises(TopicsError, match="91 of 91 distinct paragraphs are not in the embedding cache"):
        index_from_shards(seeds_corpus, bbc_on_ray["embedder"], folder=tmp_path / "index")
    assert not (tmp_path / "index").exists()


def test_an_index_built_from_the_shards_searches_every_name_as_one_built_here_does(seeds_corpus, embedder, tmp_path):
    # `topics embed --index` builds the index `topics similar` then opens: it must rank as the one
    # `topics similar` builds itself, the corpus's aliases included ("ISKP" finds "IS-K" and "Daesh").
    from topics.distributed import index_from_shards
    from topics.search.index import Index

    embed_units(seeds_corpus, "paragraph", embedder)  # the local engine writes the shards Ray would
    from_shards = index_from_shards(seeds_corpus, embedder, folder=tmp_path / "index")
    here = Index.from_corpus(seeds_corpus, embedder)
    assert (tmp_path / "index" / "aliases.json").exists()
    assert from_shards.aliases.to_frame()["canonical"].tolist() == here.aliases.to_frame()["canonical"].tolist()
    for query in ("ISKP", "IS-K", "Islamic State Khorasan Province"):
        got, want = from_shards.search(query, k=5), here.search(query, k=5)
        assert got["article_id"].tolist() == want["article_id"].tolist(), query
        np.testing.assert_allclose(got["score"], want["score"], atol=1e-6)

def test_a_worker_that_cannot_load_the_model_fails_with_its_reason(ray_address, tmp_path, seeds_corpus):
    from topics.distributed import embed_with_ray

    # A folder that exists but holds no model: refused by name before any shard is written.
    not_a_model = tmp_path / "not-a-model"
    not_a_model.mkdir()
    with pytest.raises(TopicsError, match="cannot load embedding model .*not-a-model"):
        embed_with_ray(seeds_corpus, Embedder(str(not_a_model), cache_dir=tmp_path / "cache"))
    assert not shards(tmp_path / "cache")


def test_without_ray_the_engine_says_how_to_install_it(tmp_path, seeds_corpus, monkeypatch):
    from topics.distributed import embed_with_ray

    monkeypatch.setitem(sys.modules, "ray", None)  # as if Ray were not installed
    with pytest.raises(TopicsError, match=r'pip install "topics\[ray\]"'):
        embed_with_ray(seeds_corpus, Embedder(cache_dir=tmp_path))


def test_texts_given_as_a_generator_are_embedded_and_counted_as_a_list(tmp_path, seeds_corpus):
    from topics.distributed import embed_texts_with_ray

    texts = seeds_corpus.paragraphs["text"].tolist()[:3]
    embedder = Embedder(cache_dir=tmp_path, show_progress=False)
    vectors = embedder.encode(texts)  # all cached: no job, no cluster
    got = embed_texts_with_ray((t for t in texts), embedder)
    np.testing.assert_allclose(got, vectors, atol=1e-6)
    assert (embedder.n_texts_, embedder.n_from_cache_) == (6, 3)


def test_pool_size_follows_the_cluster_and_the_work():
    from topics.distributed._ray import pool_size

    assert pool_size({"CPU": 8.0}, None, 100) == 8
    assert pool_size({"CPU": 8.0}, None, 3) == 3  # no idle actors loading a model for nothing
    assert pool_size({"CPU": 8.0}, None, 100, cpus_per_worker=2) == 4
    assert pool_size({"CPU": 8.0, "GPU": 2.0}, None, 100, num_gpus=0.5) == 4
    assert pool_size({"CPU": 8.0}, 5, 100) == 5
    with pytest.raises(TopicsError, match=r"GPU.*leave out --gpus \(num_gpus\)"):
        pool_size({"CPU": 8.0}, None, 100, num_gpus=1)
    # Workers named on a cluster without the GPUs they ask for wait for an autoscaler: said at once, not a silent hang.
    with pytest.warns(TopicsWarning, match=r"the Ray cluster has 0 GPUs now, and each of the 2 workers asks for 0.5: they wait"):
        assert pool_size({"CPU": 8.0}, 2, 100, num_gpus=0.5) == 2


def test_a_workers_error_says_it_arose_on_a_worker():
    # Before: "/data/model: the model folder does not exist", for a folder that exists where the job was started.
    from topics.distributed._ray import job_failed

    import pickle

    for raised, said in ((InputError("/data/model", "the model folder does not exist"), "/data/model on a Ray worker: the model folder does not exist"),
                         (TopicsError("cannot load embedding model 'x'"), "on a Ray worker: cannot load embedding model 'x'"),
                         (ModelMismatchError("vectors of 'a' and 'b'"), "on a Ray worker: vectors of 'a' and 'b'")):
        wrapper = RuntimeError("ray.exceptions.RayTaskError")
        wrapper.__cause__ = pickle.loads(pickle.dumps(raised))  # as it crosses from the worker (InputError did not)
        failed = job_failed(wrapper)
        assert str(failed) == said and type(failed) is type(raised)
    # Where Ray passes only the worker's text, the tag is added too.
    text_only = RuntimeError("Traceback ...\ntopics.errors.InputError: /data/model: the model folder does not exist")
    assert str(job_failed(text_only)) == "on a Ray worker: /data/model: the model folder does not exist"


def test_connecting_keeps_the_callers_sigterm_handler(monkeypatch):
    # Before: ray.init put in its own SIGTERM handler (a bare exit 15), so the CLI's Ctrl-C path was lost.
    import signal

    from topics.distributed import _ray

    class FakeRay:
        def is_initialized(self):
            return False

        def init(self, **options):
            signal.signal(signal.SIGTERM, lambda *_: None)

    def ours(signum, frame):
        raise KeyboardInterrupt

    monkeypatch.setattr(_ray, "require_ray", FakeRay)
    previous = signal.signal(signal.SIGTERM, ours)
    try:
        _ray.connect()
        assert signal.getsignal(signal.SIGTERM) is ours
    finally:
        signal.signal(signal.SIGTERM, previous)


def test_a_worker_on_another_kind_of_cpu_says_so_and_what_to_do(tmp_path, embedder):
    # Before: "install the same model on every node", for the very same model quantised for another CPU.
    from topics.distributed.embedding import EmbeddingWorker
    from topics.embedding.onnx_backend import INT8_CONFIGS

    scheme = next(s for s in INT8_CONFIGS if f"-{s}-" in embedder.model_id)
    other = next(s for s in INT8_CONFIGS if s != scheme)
    with pytest.raises(ModelMismatchError, match=r"this Ray worker's CPU quantises the model as .* use --backend onnx-fp32"):
        EmbeddingWorker(None, embedder.model_id.replace(f"-{scheme}-", f"-{other}-"), embedder.backend_, 8, "cpu", 1, str(tmp_path))


def test_the_ray_fit_searches_and_clusters_the_vectors_with_the_corpus_formulas_left_out(ray_address, data_dir, embedder):
    """Press releases that end on the same formulas (tests/data/isaf_formulas.jsonl): the Ray fit clusters
    the vectors a local fit clusters, and finds the neighbours of the unsampled units among them."""
    from topics.distributed import fit_topics_with_ray
    from topics.ingest.corpus import load_corpus
    from topics.modeling.model import TopicModel
    from topics.modeling.sampling import SampleNeighbours
    from topics.validate import check_embeddings

    corpus = load_corpus(data_dir / "isaf_formulas.jsonl")
    units = corpus.units("paragraph")
    own = embed_units(corpus, "paragraph", embedder)
    distributed = fit_topics_with_ray(units, own, TopicModel(embedder=embedder, random_state=0), sample_size=100, batch_size=32)
    local = TopicModel(embedder=embedder, random_state=0).fit(
        units, embeddings=own, sample_neighbours=lambda vectors: SampleNeighbours.draw(vectors, 100, 0))
    assert distributed.fit_sample_size_ == local.fit_sample_size_ == 100
    np.testing.assert_array_equal(distributed.embeddings_, local.embeddings_)
    assert np.abs(distributed.embeddings_ - check_embeddings(own)).max(axis=1).max() > 1e-3  # formulas left out
    np.testing.assert_array_equal(distributed.labels_, local.labels_)
    assert distributed.topic_info()["label"].tolist() == local.topic_info()["label"].tolist()


def test_the_ray_fit_takes_a_corpus_at_article_level_as_the_local_fit_does(ray_address, data_dir, embedder):
    """Given the Corpus and level="article", the Ray fit clusters each article as the mean of its
    paragraphs' vectors (formulas left out), as TopicModel.fit(corpus, level="article") and the report do."""
    from topics.distributed import fit_topics_with_ray
    from topics.errors import InputError
    from topics.ingest.corpus import load_corpus
    from topics.modeling.model import TopicModel
    from topics.modeling.sampling import SampleNeighbours

    corpus = load_corpus(data_dir / "isaf_formulas.jsonl")
    distributed = fit_topics_with_ray(corpus, model=TopicModel(embedder=embedder, random_state=0),
                                      level="article", sample_size=20, batch_size=16)
    local = TopicModel(embedder=embedder, random_state=0).fit(
        corpus, level="article", sample_neighbours=lambda vectors: SampleNeighbours.draw(vectors, 20, 0))
    assert distributed.fit_sample_size_ == local.fit_sample_size_ == 20
    assert distributed.corpus_level_ == "article"
    assert distributed.units_["unit_id"].tolist() == corpus.units("article")["unit_id"].tolist()
    np.testing.assert_array_equal(distributed.embeddings_, local.embeddings_)
    whole_texts = embed_units(corpus, "article", embedder)
    assert not np.allclose(distributed.embeddings_, whole_texts, atol=1e-3)  # means of paragraphs, not whole texts
    np.testing.assert_array_equal(distributed.labels_, local.labels_)
    with pytest.raises(InputError, match="fit_topics_with_ray.*level"):
        fit_topics_with_ray(corpus, model=TopicModel(embedder=embedder), level="articles", sample_size=20)


def test_ray_splits_a_text_longer_than_the_window_as_the_local_engine_does(ray_address, tmp_path, seeds_corpus, embedder):
    from topics.distributed import embed_texts_with_ray
    from topics.embedding.cache import text_hash

    texts = [seeds_corpus.units("article")["text"].iloc[1], seeds_corpus.paragraphs["text"].iloc[0]]
    on_ray = Embedder(cache_dir=tmp_path)
    assert_same_vectors(embed_texts_with_ray(texts, on_ray, batch_size=8), embedder.encode(texts))
    split = on_ray.split_to_window(texts)
    assert split.long == [0] and len(split.texts) > 2
    assert on_ray.cache.get([text_hash(t) for t in split.texts])[1] == []  # cached by piece
    assert on_ray.cache.get([text_hash(texts[0])])[1] == [0]  # never as the whole text
    # Counted as the local engine counts: texts, not pieces.
    assert (on_ray.n_model_calls_, on_ray.n_from_cache_) == (len(split.texts), 0)
    embed_texts_with_ray(texts, on_ray, batch_size=8)
    assert (on_ray.n_model_calls_, on_ray.n_from_cache_) == (len(split.texts), 2)


def test_an_index_built_from_the_shards_is_saved_over_again_whole(seeds_corpus, embedder, tmp_path):
    # Before: the approximate index was written into the folder after its record of what was written, so the
    # next save over it (`topics embed --index` run again) refused approximate.faiss as not written by topics.
    import json

    from topics.distributed import index_from_shards

    embed_units(seeds_corpus, "paragraph", embedder)  # the local engine writes the shards Ray would
    folder = tmp_path / "index"
    first = index_from_shards(seeds_corpus, embedder, folder=folder, approximate=True)
    again = index_from_shards(seeds_corpus, embedder, folder=folder, approximate=True)
    recorded = json.loads((folder / ".topics-written.json").read_text())["entries"]
    assert {"approximate.faiss", "approximate.faiss.json"} <= recorded.keys()
    assert sorted(p.name for p in folder.iterdir()) == sorted([".topics-written.json", *recorded])
    assert again._approximate_index is not None and again._approximate_index.n_vectors == first.n_units
    query = first.embeddings[5]
    assert again.search(query, k=5)["paragraph_id"].tolist() == first.search(query, k=5)["paragraph_id"].tolist()


def test_a_failed_rebuild_of_the_caches_index_keeps_the_one_there(seeds_corpus, tmp_path):
    # Before: `topics embed --index` discarded the cache's saved index before building the new one, so a build that
    # failed (a paragraph not in the embedding cache) left none.
    import dataclasses

    import pandas as pd

    from topics.cli.embed_cmd import _build_index
    from topics.search.index import Index
    from topics.search.store import corpus_index_folder

    source = ROOT / "seeds"
    embedder = Embedder(cache_dir=tmp_path / "cache")  # its own cache: the index is kept there
    embed_units(seeds_corpus, "paragraph", embedder)
    folder = corpus_index_folder(source, embedder, {})
    _build_index(source, {}, seeds_corpus, embedder)
    saved = sorted(p.name for p in folder.iterdir())
    extra = seeds_corpus.paragraphs.iloc[:1].assign(paragraph_id="extra", text="A paragraph that no run has embedded.")
    grown = dataclasses.replace(seeds_corpus, paragraphs=pd.concat([seeds_corpus.paragraphs, extra], ignore_index=True))
    with pytest.raises(TopicsError, match="1 of .* distinct paragraphs are not in the embedding cache"):
        _build_index(source, {}, grown, embedder)
    assert sorted(p.name for p in folder.iterdir()) == saved
    assert Index.load(folder, embedder).n_units == len(seeds_corpus.paragraphs)


def test_replacing_the_caches_index_refuses_a_folder_outside_the_cache_and_keeps_the_users_files(seeds_corpus, tmp_path):
    # Before: index_from_shards(replace_cached=True) discarded any folder holding a saved index, a user's file beside it too.
    from topics.distributed import index_from_shards
    from topics.search.index import Index

    embedder = Embedder(cache_dir=tmp_path / "cache")
    embed_units(seeds_corpus, "paragraph", embedder)
    folder = tmp_path / "my_project"
    index_from_shards(seeds_corpus, embedder, folder=folder)
    (folder / "my_notes.txt").write_text("a week of work")
    with pytest.raises(InputError, match="is not a corpus index folder of the embedding cache"):
        index_from_shards(seeds_corpus, embedder, folder=folder, replace_cached=True)
    assert (folder / "my_notes.txt").read_text() == "a week of work"
    assert Index.load(folder, embedder).n_units == len(seeds_corpus.paragraphs)


def test_a_failed_save_over_the_caches_index_keeps_the_one_there_and_a_save_replaces_a_changed_one(seeds_corpus, tmp_path):
    # Before: the cache's index was discarded before the new one was saved, so a save that failed (a full disk) left none.
    import errno
    from unittest import mock

    from topics.cli.embed_cmd import _build_index
    from topics.search.index import Index
    from topics.search.store import corpus_index_folder

    source = ROOT / "seeds"
    embedder = Embedder(cache_dir=tmp_path / "cache")
    embed_units(seeds_corpus, "paragraph", embedder)
    folder = corpus_index_folder(source, embedder, {})
    _build_index(source, {}, seeds_corpus, embedder)
    saved = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    with mock.patch("numpy.save", side_effect=OSError(errno.ENOSPC, "No space left on device")):
        with pytest.raises(InputError, match="no space left"):
            _build_index(source, {}, seeds_corpus, embedder)
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == saved
    assert Index.load(folder, embedder).n_units == len(seeds_corpus.paragraphs)
    # the cache's own copy is still replaced where a file of ours differs from what was written (an earlier version's)
    (folder / "aliases.json").write_text("[]")
    _build_index(source, {}, seeds_corpus, embedder)
    assert (folder / "aliases.json").read_bytes() == saved["aliases.json"]
