"""The Ray engine: throughput local vs Ray on this machine, Ray's fixed overhead, and a projection.

Measured in one run, each repeated (median reported, every run listed):

- local engine, paragraphs/s: ``Embedder.encode`` with torch on all cores, and on one
  thread (what one Ray worker gets);
- Ray engine on a local cluster of this machine's cores, with 1 and with all workers:
  paragraphs/s over the whole call, and the steady rate once the first batch is back
  (actor start and model load excluded), which is what a longer run converges to;
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
    from topics.corpus import load_corpus

    source = BBC_SAMPLE if quick or not SHARED_BBC.exists() else SHARED_BBC
    texts = list(dict.fromkeys(load_corpus(source).paragraphs["text"].tolist()))
    return texts[: n_paragraphs or (600 if quick else 2000)]


def _median_row(what: str, runs: list[float], unit: str, note: str = "") -> dict:
    return {"what": what, "median": statistics.median(runs), "unit": unit, "runs": [round(r, 2) for r in runs], "note": note}


def _local_rate(texts: list[str], threads: int | None) -> tuple[float, float]:
    """(paragraphs/s of encode with the model loaded, seconds to load the model)."""
    import torch

    from topics.embed import Embedder

    saved = torch.get_num_threads()
    if threads:
        torch.set_num_threads(threads)
    try:
        with tempfile.TemporaryDirectory() as cache:
            embedder = Embedder(cache_dir=cache, show_progress=False)
            started = time.perf_counter()
            embedder.sentence_transformer
            loaded = time.perf_counter()
            embedder.encode(texts)
            return len(texts) / (time.perf_counter() - loaded), loaded - started
    finally:
        torch.set_num_threads(saved)


def _ray_rates(texts: list[str], workers: int) -> tuple[float, float]:
    """(paragraphs/s over the whole call, steady paragraphs/s after the first batch came back)."""
    from topics.distributed import embed_texts_with_ray
    from topics.embed import Embedder

    arrivals: list[tuple[float, int]] = []
    with tempfile.TemporaryDirectory() as cache:
        started = time.perf_counter()
        embed_texts_with_ray(
            texts, Embedder(cache_dir=cache), num_workers=workers, batch_size=BATCH_SIZE,
            progress=lambda done, total: arrivals.append((time.perf_counter(), done)),
        )  # fmt: skip
        total = time.perf_counter() - started
    first_time, first_done = arrivals[1]  # arrivals[0] is the (0, total) call before any batch
    last_time, last_done = arrivals[-1]
    steady = (last_done - first_done) / (last_time - first_time) if last_time > first_time else float("nan")
    return len(texts) / total, steady


def _seeds_seconds(engine: str) -> float:
    """Wall time to embed the seed paragraphs from an empty cache, model load included."""
    from topics.corpus import load_corpus
    from topics.distributed import embed_with_ray
    from topics.embed import Embedder, embed_units

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
    from topics.cache import EmbeddingCache, text_hash

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
        repeats, n_paragraphs = 1, 64
    texts = _paragraphs(quick or tiny, n_paragraphs)
    cores = os.cpu_count() or 1
    rows: list[dict] = []

    local_all, local_one, load_times = [], [], []
    for _ in range(repeats):
        rate, load = _local_rate(texts, None)
        local_all.append(rate)
        load_times.append(load)
        local_one.append(_local_rate(texts, 1)[0])
    rows.append(_median_row(f"local engine, torch on {cores} cores", local_all, "paragraphs/s"))
    rows.append(_median_row("local engine, 1 thread", local_one, "paragraphs/s", "one worker's share"))

    started = time.perf_counter()
    ray.init(num_cpus=cores, include_dashboard=False, logging_level=logging.WARNING, log_to_driver=False)
    cluster_start = time.perf_counter() - started
    try:
        for workers in sorted({1, cores}):
            whole, steady = zip(*(_ray_rates(texts, workers) for _ in range(repeats)))
            rows.append(_median_row(f"Ray engine, {workers} worker(s), whole call", list(whole), "paragraphs/s", "actor start + model load included"))
            rows.append(_median_row(f"Ray engine, {workers} worker(s), steady", list(steady), "paragraphs/s", "after the first batch"))
            if workers == 1:
                per_worker = statistics.median(steady)
        seeds_ray = [_seeds_seconds("ray") for _ in range(repeats)]
    finally:
        ray.shutdown()
    seeds_local = [_seeds_seconds("local") for _ in range(repeats)]
    rows.append({"what": "start a local Ray cluster (ray.init)", "median": cluster_start, "unit": "s", "runs": [round(cluster_start, 2)], "note": "once per process"})
    rows.append(_median_row("seeds (91 paragraphs), local engine", seeds_local, "s", "model load included"))
    rows.append(_median_row("seeds (91 paragraphs), Ray engine", seeds_ray, "s", "cluster running; actor start + model load included"))
    rows.append(_median_row("model load, local", load_times, "s"))

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
    parser.add_argument("--tiny", action="store_true", help="64 paragraphs, once: checks the script; the numbers mean nothing")
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
