"""Scaling: clustering + description time and peak memory from 1k to 300k units.

Units are BBC News paragraphs (all-MiniLM-L6-v2 vectors from the embedding
cache; labels = the article's section). Up to the 10,489 real paragraphs the
units are real; past that they are sampled around real topic centroids: the
real vectors are split into ``N_COMPONENTS`` fine topics (k-means), and each
synthetic unit is a component's centroid plus Gaussian noise with that
component's own per-dimension spread, re-normalised, carrying the text of a
random member and the component's majority label.

Each (method, size) runs in a fresh process that first fits a warm-up corpus
of up to ``WARMUP_UNITS`` units (past 4,096 units UMAP's default neighbour
search compiles other numba code than below it; compilation is measured by
``cold_start``, not here), then times the fit. Peak memory is sampled while fitting (RSS above the
process's RSS just before the fit) next to the process's lifetime peak.
A size whose predicted time (from the growth exponent so far) exceeds the
per-run budget is skipped and said so.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks.paths import bbc_source

N_COMPONENTS = 100
SEED = 0
METHODS = ("topics", "bertopic", "kmeans")
FULL_SIZES = (1_000, 10_000, 100_000, 300_000)
QUICK_SIZES = (1_000, 10_000)
TINY_SIZES = (120,)
WARMUP_UNITS = 5_000
FULL_BUDGET_S = 1_500  # per (method, size) run
QUICK_BUDGET_S = 240

NOTES = (
    "Units: BBC News paragraphs with real MiniLM vectors up to 10,489; beyond that, sampled around "
    f"{N_COMPONENTS} real fine-topic centroids (per-component diagonal Gaussian, re-normalised). "
    "NMI against the BBC section (outliers count as one cluster). topics: TopicModel() with defaults; past "
    "20,000 units the clustering and the map see a 20,000 sample and the other units follow their 15 nearest sampled "
    "units (sample_knn_s: finding them; *_s stage wall, *_cpu_s the process's CPU during the stage, both threads' "
    "where the map is laid out beside the naming; outer call only). Time = fit (neighbour graph + clustering + "
    "keywords; for topics also the 2-D map layout) after a warm-up fit in the same process; "
    "peak = RSS above the pre-fit RSS, sampled every 20 ms. BERTopic 0.17 with defaults on the same "
    "vectors; k-means (k = number of labels) on the raw vectors as a floor. exponent = slope of "
    "log(time) against log(units). The cores are shared: wall times are noisy, CPU time is steadier. "
    "With TOPICS_SCALING_REPEATS=n every fit runs n times, the methods in turn: median seconds (*_min, *_max: "
    "the least and most over the runs), the other columns from the run of median CPU time. topics' CPU seconds include "
    "its alias-mining worker process's (worker_cpu_s)."
)


# ---------------------------------------------------------------------------------- data
def _real_units(tiny: bool):
    """BBC paragraphs (unit_id, article_id, title, date, text), their labels and vectors."""
    from topics.ingest.corpus import load_corpus
    from topics.embedding.embed import Embedder

    source = bbc_source(tiny)
    corpus = load_corpus(source)
    units = corpus.units("paragraph").reset_index(drop=True)
    if tiny:
        units = units.iloc[:TINY_SIZES[-1]].reset_index(drop=True)
    labels = units["label"].astype(str).to_numpy()
    vectors = Embedder(show_progress=False).encode(units["text"].tolist())
    return units[["unit_id", "article_id", "title", "date", "text"]], labels, vectors, source.name


def _components(vectors: np.ndarray, labels: np.ndarray, n_components: int):
    from sklearn.cluster import MiniBatchKMeans

    n_components = min(n_components, max(2, len(vectors) // 20))
    km = MiniBatchKMeans(n_clusters=n_components, random_state=SEED, n_init=3, batch_size=4096).fit(vectors)
    members = [np.flatnonzero(km.labels_ == c) for c in range(n_components)]
    keep = [c for c in range(n_components) if len(members[c]) >= 2]
    centroids = np.stack([vectors[members[c]].mean(axis=0) for c in keep])
    spreads = np.stack([vectors[members[c]].std(axis=0) for c in keep])
    majority = np.array([_majority(labels[members[c]]) for c in keep])
    weights = np.array([len(members[c]) for c in keep], dtype=float)
    return centroids, spreads, majority, weights / weights.sum(), [members[c] for c in keep]


def _majority(values: np.ndarray) -> str:
    names, counts = np.unique(values, return_counts=True)
    return str(names[np.argmax(counts)])


def make_units(n: int, real, rng: np.random.Generator):
    """n units: a sample of the real ones, or synthetic ones around real fine-topic centroids."""

    units, labels, vectors, _ = real["data"]
    if n <= len(units):
        rows = np.sort(rng.choice(len(units), size=n, replace=False))
        return units.iloc[rows].reset_index(drop=True), labels[rows], vectors[rows], "real"
    centroids, spreads, majority, weights, members = real["components"]
    component = rng.choice(len(centroids), size=n, p=weights)
    synthetic = centroids[component] + rng.standard_normal((n, vectors.shape[1]), dtype=np.float32) * spreads[component]
    synthetic /= np.linalg.norm(synthetic, axis=1, keepdims=True)
    source_rows = np.array([members[c][rng.integers(len(members[c]))] for c in component])
    table = units.iloc[source_rows].reset_index(drop=True).copy()
    table["unit_id"] = [f"synthetic-{i:07d}" for i in range(n)]
    table["article_id"] = [f"synthetic-article-{i // 5:06d}" for i in range(n)]
    return table, majority[component], synthetic.astype(np.float32), "synthetic"


# ---------------------------------------------------------------------------------- child
def _fit(method: str, units, vectors: np.ndarray, n_labels: int):
    """Fit one method; returns (labels per unit, number of topics found)."""
    if method == "topics":
        from topics.modeling.model import TopicModel

        model = TopicModel(random_state=42).fit(units, embeddings=vectors)
        return np.asarray(model.labels_), len(model.topic_ids_)
    if method == "bertopic":
        from bertopic import BERTopic

        model = BERTopic()  # the defaults an analyst starts from
        labels, _ = model.fit_transform(units["text"].tolist(), embeddings=vectors)
        return np.asarray(labels), len(set(labels) - {-1})
    if method == "kmeans":
        from sklearn.cluster import KMeans

        labels = KMeans(n_clusters=n_labels, n_init=1, random_state=SEED).fit_predict(vectors)
        return labels, n_labels
    raise ValueError(method)


def _stage_timers() -> tuple[dict, object]:
    """Time topics' stages, and their peak memory, by wrapping the module functions TopicModel calls
    (measurement only)."""
    import topics.modeling.cluster as cluster
    import topics.modeling.describe as describe
    import topics.modeling.reduce as reduce
    import topics.modeling.sampling as sampling
    from benchmarks.measure import StagePeaks

    seconds: dict[str, float] = {}
    peaks = StagePeaks()
    active: set[str] = set()

    def timed(module, name, key):
        original = peaks.wrap(getattr(module, name), key.replace("_s", "_peak_gib"))

        def wrapper(*args, **kwargs):
            if key in active:  # a stage that calls itself (describe on a sample): time the outer call only
                return original(*args, **kwargs)
            active.add(key)
            start, start_cpu = time.perf_counter(), time.process_time()
            try:
                return original(*args, **kwargs)
            finally:
                active.discard(key)
                seconds[key] = seconds.get(key, 0.0) + time.perf_counter() - start
                cpu_key = key.replace("_s", "_cpu_s")
                seconds[cpu_key] = seconds.get(cpu_key, 0.0) + time.process_time() - start_cpu

        setattr(module, name, wrapper)

    timed(reduce, "reduce_embeddings", "umap_5d_s")
    timed(reduce, "layout_2d", "layout_2d_s")
    timed(cluster, "density_clusters", "hdbscan_s")
    timed(reduce, "fuzzy_graph", "graph_s")
    timed(cluster, "graph_clusters", "communities_s")
    timed(describe, "describe_topics", "describe_s")
    sampling.SampleNeighbours.draw = _timed_draw(peaks.wrap(sampling.SampleNeighbours.draw.__func__, "sample_knn_peak_gib"), seconds)
    return seconds, peaks


def _timed_draw(draw, seconds: dict):
    def wrapper(cls, *args, **kwargs):
        start, start_cpu = time.perf_counter(), time.process_time()
        try:
            return draw(cls, *args, **kwargs)
        finally:
            seconds["sample_knn_s"] = seconds.get("sample_knn_s", 0.0) + time.perf_counter() - start
            seconds["sample_knn_cpu_s"] = seconds.get("sample_knn_cpu_s", 0.0) + time.process_time() - start_cpu

    return classmethod(wrapper)


def child(method: str, folder: Path) -> dict:
    import resource

    import pandas as pd
    from sklearn.metrics import normalized_mutual_info_score

    from benchmarks.measure import measured

    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    units = pd.read_parquet(folder / "units.parquet")
    vectors = np.load(folder / "vectors.npy")
    truth = np.load(folder / "labels.npy", allow_pickle=False)
    warm = np.load(folder / "warmup.npy")
    n_labels = len(np.unique(truth))
    _fit(method, units.iloc[: len(warm)].reset_index(drop=True), warm, n_labels)  # compile, import
    stages, peaks = _stage_timers() if method == "topics" else ({}, None)
    before_fit_gib = _rss_gib()
    worker_before = _worker_cpu_seconds()
    run = measured(_fit, method, units, vectors, n_labels)
    worker_cpu = _worker_cpu_seconds() - worker_before
    labels, n_topics = run.result
    if peaks is not None:
        peaks.stop()
        stages.update(peaks.peak_gib)
    return {
        "before_fit_gib": round(before_fit_gib, 2),
        "seconds": run.seconds,
        "cpu_seconds": run.cpu_seconds + worker_cpu,
        **({"worker_cpu_s": round(worker_cpu, 2)} if method == "topics" else {}),
        "peak_extra_gib": run.peak_extra_gib,
        "process_peak_gib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20,
        "topics_found": int(n_topics),
        "outlier_share": float(np.mean(labels == -1)),
        "nmi": float(normalized_mutual_info_score(truth, labels)),
        **{k: round(v, 2) for k, v in stages.items()},
    }


def _worker_cpu_seconds() -> float:
    """CPU seconds topics' alias-mining worker processes spent so far (not on this process's clock)."""
    from topics.modeling import alias_worker

    return alias_worker.worker_cpu_seconds


def _rss_gib() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 2**30


def _run_child(method: str, folder: Path, budget: float) -> dict:
    command = [sys.executable, "-m", "benchmarks.scaling", "--child", method, str(folder)]
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    try:
        done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=budget * 2 + 120)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {budget * 2 + 120:.0f} s"}
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        return {"error": f"exit {done.returncode}: {' | '.join(tail)}"}
    return json.loads(lines[-1])


# ---------------------------------------------------------------------------------- parent
def _exponent(points: list[tuple[int, float]]) -> float:
    if len(points) < 2:
        return float("nan")
    x = np.log([p[0] for p in points])
    y = np.log([max(p[1], 1e-3) for p in points])
    return float(np.polyfit(x, y, 1)[0])


def run(quick: bool = False, tiny: bool = False, methods: tuple[str, ...] = METHODS) -> list[dict]:
    sizes = TINY_SIZES if tiny else QUICK_SIZES if quick else FULL_SIZES
    budget = QUICK_BUDGET_S if quick or tiny else FULL_BUDGET_S
    # TOPICS_SCALING_SIZES=100000,1000000 / _METHODS=topics / _BUDGET_S=3600: other sizes (the memory check at 1M).
    if os.environ.get("TOPICS_SCALING_SIZES"):
        sizes = tuple(int(n) for n in os.environ["TOPICS_SCALING_SIZES"].split(","))
    # TOPICS_SCALING_FIT_SIZES=300000: draw every size as above (the same units) but fit only these.
    fit_sizes = set(int(n) for n in os.environ.get("TOPICS_SCALING_FIT_SIZES", "").split(",") if n) or set(sizes)
    if os.environ.get("TOPICS_SCALING_METHODS"):
        methods = tuple(os.environ["TOPICS_SCALING_METHODS"].split(","))
    budget = float(os.environ.get("TOPICS_SCALING_BUDGET_S", budget))
    # TOPICS_SCALING_REPEATS=3: each fit three times, methods alternating; the median is reported.
    repeats = max(1, int(os.environ.get("TOPICS_SCALING_REPEATS", "1")))
    if tiny:
        methods = tuple(m for m in methods if m in ("topics", "kmeans"))
    data = _real_units(tiny)
    rng = np.random.default_rng(SEED)
    real = {"data": data, "components": _components(data[2], data[1], N_COMPONENTS)}
    rows, history = [], {m: [] for m in methods}
    with tempfile.TemporaryDirectory(prefix="topics-scaling-") as tmp:
        for n in sizes:
            units, labels, vectors, kind = make_units(n, real, rng)
            if n not in fit_sizes:
                continue
            folder = Path(tmp) / str(n)
            folder.mkdir()
            units.to_parquet(folder / "units.parquet", index=False)
            np.save(folder / "vectors.npy", vectors)
            np.save(folder / "labels.npy", labels.astype(str))
            np.save(folder / "warmup.npy", vectors[: min(WARMUP_UNITS, n)])
            runs: dict[str, list[dict]] = {}
            skipped: dict[str, str] = {}
            for method in methods:
                predicted = _predict(history[method], n)
                if predicted > budget:
                    skipped[method] = f"predicted {predicted / 60:.0f} min > {budget / 60:.0f} min budget"
                else:
                    runs[method] = []
            # Rounds of every method in turn: a method's time moves with what else the machine does
            # (BERTopic's CPU time at 10,000 units moved 15-23 s in runs minutes apart).
            for _ in range(repeats):
                for method, done in runs.items():
                    done.append(_run_child(method, folder, budget))
                    print(f"  scaling {n} {method}: {done[-1]}", file=sys.stderr, flush=True)
            for method in methods:
                result = {"skipped": skipped[method]} if method in skipped else median_run(runs[method])
                if "seconds" in result:
                    history[method].append((n, result["seconds"]))
                rows.append({"units": n, "data": kind, "method": method, **result})
    _add_ratios(rows)
    for method in methods:
        rows.append({"units": "exponent", "method": method, "seconds": _exponent(history[method]),
                     "cpu_seconds": _exponent([(r["units"], r["cpu_seconds"]) for r in rows
                                               if r.get("method") == method and "cpu_seconds" in r])})
    return rows


def median_run(results: list[dict]) -> dict:
    """One row from repeated runs of a fit: the run of median CPU time (its stages, memory, topics and NMI),
    with the median wall and CPU seconds and the least and most of each over the runs; the first error if any run failed."""
    failed = [r for r in results if "seconds" not in r]
    if failed:
        return failed[0]
    if len(results) == 1:
        return dict(results[0])
    ordered = sorted(results, key=lambda r: r["cpu_seconds"])
    row = dict(ordered[(len(ordered) - 1) // 2])
    seconds = [r["seconds"] for r in results]
    cpu = [r["cpu_seconds"] for r in results]
    row.update(seconds=float(np.median(seconds)), cpu_seconds=float(np.median(cpu)), runs=len(results),
               seconds_min=min(seconds), seconds_max=max(seconds), cpu_seconds_min=min(cpu), cpu_seconds_max=max(cpu))
    return row


def _predict(points: list[tuple[int, float]], n: int) -> float:
    if not points:
        return 0.0
    exponent = _exponent(points) if len(points) >= 2 else 1.2
    exponent = exponent if math.isfinite(exponent) else 1.2
    last_n, last_s = points[-1]
    return last_s * (n / last_n) ** max(exponent, 1.0)


def _add_ratios(rows: list[dict]) -> None:
    """BERTopic time / topics time, at each size both ran."""
    by_size: dict = {}
    for row in rows:
        by_size.setdefault(row["units"], {})[row["method"]] = row
    for size, methods in by_size.items():
        theirs = methods.get("bertopic")
        ours = methods.get("topics")
        if ours and theirs and "seconds" in ours and "seconds" in theirs:
            ours["speedup_vs_bertopic"] = theirs["seconds"] / ours["seconds"]
            ours["cpu_speedup_vs_bertopic"] = theirs["cpu_seconds"] / max(ours["cpu_seconds"], 1e-9)
            ours["nmi_minus_bertopic"] = ours["nmi"] - theirs["nmi"]


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        print(json.dumps(child(sys.argv[2], Path(sys.argv[3]))), flush=True)
    else:
        from benchmarks.run import main

        raise SystemExit(main(["--only", "scaling", *sys.argv[1:]]))
