"""The Ray engine: throughput local vs Ray on this machine, Ray's fixed overhead, and a projection.

Measured in one run, each repeated (median reported, every run listed):

- local engine, paragraphs/s: ``Embedder.encode`` with torch on all cores, and on one
  thread (what one Ray worker gets);
- Ray engine on a local cluster of this machine's cores, with 1 and with all workers:
  paragraphs/s over the whole job, and per worker while it embeds (paragraphs over
  the seconds spent inside the worker: actor start and model load excluded), which
  is what a long run converges to per worker;
- overhead at small scale: the seed paragraphs (91) embedded by each engine from an
  empty cache, model load included, plus the start of the local Ray cluster itself;
- the driver's own work per paragraph (hashing, writing shards, reading the cache),
  which bounds a run however many workers there are;
- a projection for 10M paragraphs on N workers from the measured per-worker rate.

Run: ``python -m benchmarks.distributed [--quick] [--repeats N]``. The cores are
shared with other work: numbers move with the machine's load (recorded).
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parents[1]
SHARED_BBC = ROOT.parent / "shared" / "data" / "bbc_news.csv"
BBC_SAMPLE = ROOT / "tests" / "data" / "bbc_sample.csv"
SEEDS = ROOT / "seeds"
TARGET_PARAGRAPHS = 10_000_000
PROJECTED_WORKERS = (1, 8, 32, 128)
BATCH_SIZE = 128  # small enough that every worker gets several batches here


def _paragraphs(quick: bool, n_paragraphs: int | None) -> list[str]:
    from topics.ingest.corpus import load_corpus

    source = BBC_SAMPLE if quick or not SHARED_BBC.exists() else SHARED_BBC
    texts = list(dict.fromkeys(load_corpus(source).paragraphs["text"].tolist()))
    return texts[: n_paragraphs or (600 if quick else 2000)]


def _median_row(what: str, runs: list[float], unit: str, note: str = "") -> dict:
    return {"what": what, "median": statistics.median(runs), "unit": unit, "runs": [round(r, 2) for r in runs], "note": note}


def _local_rate(texts: list[str], threads: int | None) -> float:
    """Paragraphs/s of ``Embedder.encode`` from an empty cache, the model already loaded."""
    import torch

    from topics.embedding.embed import Embedder

    saved = torch.get_num_threads()
    if threads:
        torch.set_num_threads(threads)
    try:
        with tempfile.TemporaryDirectory() as cache:
            embedder = Embedder(cache_dir=cache, show_progress=False)
            embedder.sentence_transformer
            started = time.perf_counter()
            embedder.encode(texts)
            return len(texts) / (time.perf_counter() - started)
    finally:
        torch.set_num_threads(saved)


def _ray_rates(texts: list[str], workers: int) -> tuple[float, float]:
    """(paragraphs/s over the whole job, paragraphs per second of worker compute).

    The job is the engine's own dataset (``embedding_dataset``) with its worker
    timed around each batch: arrival times at the driver come in bunches, so
    only the worker's clock says how fast one worker embeds.
    """
    import ray

    from topics.embedding.cache import text_hash
    from topics.distributed._ray import stream_batches
    from topics.distributed.embedding import EmbeddingWorker, embedding_dataset
    from topics.embedding.embed import Embedder

    class TimedWorker(EmbeddingWorker):  # defined here so Ray ships it by value
        def __call__(self, batch):
            started = time.perf_counter()
            out = super().__call__(batch)
            out["seconds"] = np.full(len(batch["text"]), (time.perf_counter() - started) / len(batch["text"]))
            return out

    with tempfile.TemporaryDirectory() as cache:
        started = time.perf_counter()
        dataset = embedding_dataset(ray, texts, [text_hash(t) for t in texts], Embedder(cache_dir=cache), num_workers=workers, batch_size=BATCH_SIZE, worker=TimedWorker)
        busy = sum(float(batch["seconds"].sum()) for batch in stream_batches(dataset))
        total = time.perf_counter() - started
    return len(texts) / total, len(texts) / busy


def _seeds_seconds(engine: str) -> float:
    """Wall time to embed the seed paragraphs from an empty cache, model load included."""
    from topics.ingest.corpus import load_corpus
    from topics.distributed import embed_with_ray
    from topics.embedding.embed import Embedder, embed_units

    corpus = load_corpus(SEEDS)
    with tempfile.TemporaryDirectory() as cache:
        embedder = Embedder(cache_dir=cache, show_progress=False)
        started = time.perf_counter()
        if engine == "ray":
            embed_with_ray(corpus, embedder)
        else:
            embed_units(corpus, "paragraph", embedder)
        return time.perf_counter() - started


def _driver_rates(n_rows: int = 100_000, dim: int = 384) -> dict[str, float]:
    """Rows/s of the driver's own steps: hashing texts, writing shards, loading the cache."""
    from topics.embedding.cache import EmbeddingCache, text_hash

    rng = np.random.default_rng(0)
    texts = [f"paragraph {i} " + "word " * 60 for i in range(n_rows)]
    started = time.perf_counter()
    hashes = [text_hash(t) for t in texts]
    hashing = n_rows / (time.perf_counter() - started)
    vectors = rng.standard_normal((n_rows, dim)).astype(np.float32)
    with tempfile.TemporaryDirectory() as folder:
        cache = EmbeddingCache(folder, "benchmark-model", dim)
        started = time.perf_counter()
        for start in range(0, n_rows, 1024):
            cache.append(hashes[start : start + 1024], vectors[start : start + 1024])
        writing = n_rows / (time.perf_counter() - started)
        started = time.perf_counter()
        EmbeddingCache(folder, "benchmark-model", dim).get(hashes)
        reading = n_rows / (time.perf_counter() - started)
    return {"hash texts": hashing, "write shards": writing, "load cache + look up": reading}


def run(quick: bool = False, repeats: int = 3, n_paragraphs: int | None = None, tiny: bool = False) -> list[dict]:
    import ray

    if tiny:
        repeats, n_paragraphs = 1, 300
    texts = _paragraphs(quick or tiny, n_paragraphs)
    cores = os.cpu_count() or 1
    worker_counts = sorted({1, cores})
    rows: list[dict] = [{"what": "paragraphs embedded per run", "median": float(len(texts)), "unit": "", "runs": [], "note": f"mean {np.mean([len(t.split()) for t in texts]):.0f} words"}]

    started = time.perf_counter()
    ray.init(num_cpus=cores, include_dashboard=False, logging_level=logging.WARNING, log_to_driver=False)
    cluster_start = time.perf_counter() - started
    # Engines alternate within each repeat, so a change in the machine's load hits them alike.
    local_all, local_one, seeds_local, seeds_ray = [], [], [], []
    ray_whole = {n: [] for n in worker_counts}
    ray_busy = {n: [] for n in worker_counts}
    try:
        for _ in range(repeats):
            local_all.append(_local_rate(texts, None))
            local_one.append(_local_rate(texts, 1))
            for n in worker_counts:
                whole, busy = _ray_rates(texts, n)
                ray_whole[n].append(whole)
                ray_busy[n].append(busy)
            seeds_local.append(_seeds_seconds("local"))
            seeds_ray.append(_seeds_seconds("ray"))
    finally:
        ray.shutdown()
    rows.append(_median_row(f"local engine, torch on {cores} cores", local_all, "paragraphs/s", "model loaded"))
    rows.append(_median_row("local engine, 1 thread", local_one, "paragraphs/s", "one worker's share"))
    for n in worker_counts:
        rows.append(_median_row(f"Ray engine, {n} worker(s), whole job", ray_whole[n], "paragraphs/s", "actor start + model load included"))
        rows.append(_median_row(f"Ray engine, {n} worker(s), per worker busy", ray_busy[n], "paragraphs/s", "paragraphs / seconds inside the worker"))
    per_worker = statistics.median(ray_busy[1])
    rows.append({"what": "start a local Ray cluster (ray.init)", "median": cluster_start, "unit": "s", "runs": [round(cluster_start, 2)], "note": "once per process"})
    rows.append(_median_row("seeds (91 paragraphs), local engine", seeds_local, "s", "model load included"))
    rows.append(_median_row("seeds (91 paragraphs), Ray engine", seeds_ray, "s", "cluster running; actor start + model load included"))

    driver = _driver_rates(5_000 if tiny else 20_000 if quick else 100_000)
    for step, rate in driver.items():
        rows.append({"what": f"driver: {step}", "median": rate, "unit": "rows/s", "runs": [round(rate)], "note": "384-d float32"})
    ceiling = min(driver["hash texts"], driver["write shards"])
    for n in PROJECTED_WORKERS:
        rate = min(n * per_worker, ceiling)
        hours = TARGET_PARAGRAPHS / rate / 3600
        rows.append({"what": f"projected: 10M paragraphs on {n} CPU worker(s)", "median": hours, "unit": "h",
                     "runs": [], "note": f"{n} x {per_worker:.0f}/s per worker" + (", capped by the driver" if rate == ceiling else "")})  # fmt: skip
    load_after = os.getloadavg()
    rows.append({"what": "load average after (1, 5, 15 min)", "median": load_after[0], "unit": "", "runs": [round(x, 1) for x in load_after], "note": f"{cores} cores"})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.distributed", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="600 paragraphs of the BBC sample")
    parser.add_argument("--tiny", action="store_true", help="300 paragraphs, once: checks the script; the numbers mean little")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--paragraphs", type=int, default=None, help="paragraphs to embed [default: 2000, 600 with --quick]")
    args = parser.parse_args(argv)
    print(f"load average before: {os.getloadavg()}", file=sys.stderr)
    rows = run(args.quick, args.repeats, args.paragraphs, args.tiny)
    from benchmarks.run import markdown_table

    print(markdown_table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
