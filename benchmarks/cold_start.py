"""Cold start: what a user waits for in a fresh process.

Each case runs as a new process; wall time and CPU time (user + system, from
the OS) are the medians of the repeats. CPU time does not grow when others
share the cores, wall time does: both are reported.

- ``python -c "import topics"``;
- ``topics report seeds/``:
  * cold: empty embedding cache and empty compiled-code cache (a fresh clone), UMAP's code
    compiled in a background process while the paragraphs are embedded (the default);
  * cold, compiled in turn: the same with ``TOPICS_COMPILE_AHEAD=0`` (compiled when the fit needs it);
  * first run: empty embedding and fitted-model caches, compiled code cached;
  * cached re-run: the same command again;
  each with the default int8 ONNX backend (its export built beforehand, as ``make install`` /
  ``topics prepare`` do) and with ``TOPICS_BACKEND=torch``; ``TOPICS_COLD_BACKENDS=onnx`` and
  ``TOPICS_COLD_REPEATS=1`` make a lighter run on a busy machine;
- a BERTopic script doing the same on the same paragraphs: embed them with
  sentence-transformers, fit ``BERTopic()``, write the topic table (CSV) and
  its document map (HTML); run twice (it caches nothing).
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
TOPICS_CLI = [sys.executable, "-m", "topics"]

NOTES = (
    "Fresh process per run; medians of the repeats. cpu_s = user + system time of the process (steady "
    "when the cores are shared); wall_s also counts waiting for a core. 'cold' = empty embedding and "
    "compiled-code caches; 'first run' = new corpus (empty embedding and fitted-model caches), compiled "
    "code already cached; 'cached re-run' = the same command again. 'cold' compiles UMAP's code in a background "
    "process while embedding (its CPU time is not in cpu_s); 'cold, compiled in turn' with TOPICS_COMPILE_AHEAD=0. "
    "The BERTopic script embeds, fits "
    "BERTopic() and writes the topic table and document map, every time."
)

BERTOPIC_SCRIPT = r'''
import json, sys
import pandas as pd
from sentence_transformers import SentenceTransformer
from bertopic import BERTopic
paragraphs = json.load(open(sys.argv[1], encoding="utf-8"))
model_path, out = sys.argv[2], sys.argv[3]
embeddings = SentenceTransformer(model_path, device="cpu").encode(paragraphs)
topic_model = BERTopic()
topics, _ = topic_model.fit_transform(paragraphs, embeddings=embeddings)
topic_model.get_topic_info().to_csv(out + "/topics.csv", index=False)
topic_model.visualize_documents(paragraphs, embeddings=embeddings).write_html(out + "/map.html")
print(len(set(topics) - {-1}), "topics")
'''


def _timed(command: list[str], env: dict, cwd: Path) -> dict:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        tail = " | ".join((done.stderr or done.stdout).strip().splitlines()[-3:])
        raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}): {tail}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall_s": wall, "cpu_s": cpu}


def _median_row(case: str, runs: list[dict], **extra) -> dict:
    return {
        "case": case,
        "wall_s": float(np.median([r["wall_s"] for r in runs])),
        "cpu_s": float(np.median([r["cpu_s"] for r in runs])),
        "runs": len(runs),
        "wall_s_each": [round(r["wall_s"], 1) for r in runs],
        **extra,
    }


def _env(cache: Path, numba: Path, backend: str | None = None, compile_ahead: bool = True) -> dict:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false",
           "TOPICS_CACHE_DIR": str(cache), "NUMBA_CACHE_DIR": str(numba), "PYTHONWARNINGS": "ignore",
           "TOPICS_COMPILE_AHEAD": "1" if compile_ahead else "0"}
    env.pop("TOPICS_BACKEND", None)
    # An installed package has its bytecode (pip compiles it); without it every run compiles topics' ~150 modules.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if backend:
        env["TOPICS_BACKEND"] = backend
    return env


def _report(env: dict, out: Path) -> dict:
    return _timed([*TOPICS_CLI, "report", "seeds/", "--out", str(out)], env, ROOT)


def _report_cases(tmp: Path, backend: str, repeats: int) -> list[dict]:
    """cold, first run (compiled code cached), cached re-run — for one backend."""
    goals = {"cold": None, "first run": 15.0, "cached re-run": 5.0}
    cold, first, cached = [], [], []
    shared_numba = tmp / f"numba-{backend}-warm"
    for i in range(max(1, repeats - 1)):  # the slowest case: one repeat fewer
        cache, numba = tmp / f"cold-{backend}-{i}", tmp / f"numba-cold-{backend}-{i}"
        cold.append(_report(_env(cache, numba, backend), tmp / "out"))
        if i == 0 and numba.exists():  # a small corpus compiles nothing, so there may be no folder
            shutil.copytree(numba, shared_numba)
        shutil.rmtree(numba, ignore_errors=True)
    for i in range(repeats):
        cache = tmp / f"first-{backend}-{i}"
        first.append(_report(_env(cache, shared_numba, backend), tmp / "out"))
        cached.append(_report(_env(cache, shared_numba, backend), tmp / "out"))
    label = f"topics report seeds/ ({backend})"
    return [
        _median_row(f"{label}: cold", cold, goal_wall_s=goals["cold"]),
        _median_row(f"{label}: cold, compiled in turn", _cold_in_turn(tmp, backend, repeats - 1)),
        _median_row(f"{label}: first run", first, goal_wall_s=goals["first run"]),
        _median_row(f"{label}: cached re-run", cached, goal_wall_s=goals["cached re-run"]),
    ]


def _cold_in_turn(tmp: Path, backend: str, repeats: int) -> list[dict]:
    """Cold runs that compile UMAP's code only when the fit needs it (no background process)."""
    runs = []
    for i in range(max(1, repeats)):
        cache, numba = tmp / f"cold-in-turn-{backend}-{i}", tmp / f"numba-in-turn-{backend}-{i}"
        runs.append(_report(_env(cache, numba, backend, compile_ahead=False), tmp / "out"))
        shutil.rmtree(numba, ignore_errors=True)
    return runs


def _bertopic_case(tmp: Path, repeats: int) -> dict:
    from topics.ingest.corpus import load_corpus
    from topics.embedding.embed import resolve_model

    paragraphs = load_corpus(ROOT / "seeds").paragraphs["text"].tolist()
    (tmp / "paragraphs.json").write_text(json.dumps(paragraphs), encoding="utf-8")
    (tmp / "bertopic_report.py").write_text(BERTOPIC_SCRIPT, encoding="utf-8")
    out = tmp / "bertopic-out"
    out.mkdir(exist_ok=True)
    _, model_path = resolve_model(None)
    env = _env(tmp / "unused-cache", tmp / "numba-bertopic")
    env.pop("NUMBA_CACHE_DIR")  # BERTopic as users run it
    command = [sys.executable, str(tmp / "bertopic_report.py"), str(tmp / "paragraphs.json"), model_path, str(out)]
    runs = [_timed(command, env, tmp) for _ in range(repeats)]
    return _median_row("BERTopic script, same paragraphs (every run)", runs)


def _prepare_export() -> None:
    """The int8 ONNX export in the user's model folder, as after ``make install`` (once; not timed)."""
    subprocess.run([*TOPICS_CLI, "prepare", "--no-compile"], cwd=ROOT, check=True, capture_output=True,
                   env={**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"})


def run(quick: bool = False, tiny: bool = False) -> list[dict]:
    imports = 3 if tiny or quick else 5
    rows = []
    with tempfile.TemporaryDirectory(prefix="topics-cold-start-") as tmp_name:
        tmp = Path(tmp_name)
        env = _env(tmp / "cache", tmp / "numba")
        rows.append(_median_row('python -c "import topics"', [_timed([sys.executable, "-c", "import topics"], env, ROOT) for _ in range(imports)], goal_wall_s=0.3))
        rows.append(_median_row("topics --help", [_timed([*TOPICS_CLI, "--help"], env, ROOT) for _ in range(1 if tiny else 3)]))
        if tiny:
            return rows
        if quick:
            # Only the cached re-run, with the project's own caches (artifacts/cache): warm them
            # (fast when they already are), then time the same command.
            env = {k: v for k, v in _env(tmp, tmp).items() if k not in ("TOPICS_CACHE_DIR", "NUMBA_CACHE_DIR")}
            _report(env, tmp / "out")
            runs = [_report(env, tmp / "out")]
            rows.append(_median_row("topics report seeds/ (onnx): cached re-run", runs, goal_wall_s=5.0))
            return rows
        repeats = int(os.environ.get("TOPICS_COLD_REPEATS", "3"))
        _prepare_export()
        for backend in os.environ.get("TOPICS_COLD_BACKENDS", "onnx,torch").split(","):
            rows += _report_cases(tmp, backend, repeats)
            print(f"  cold_start {backend}: {rows[-4:]}", file=sys.stderr, flush=True)
        rows.append(_bertopic_case(tmp, max(1, min(2, repeats))))
    reference = rows[-1]
    for row in rows[:-1]:
        if row["case"].startswith("topics report"):
            row["speedup_vs_bertopic"] = reference["wall_s"] / row["wall_s"]
            row["cpu_speedup_vs_bertopic"] = reference["cpu_s"] / max(row["cpu_s"], 1e-9)
    return rows


if __name__ == "__main__":
    from benchmarks.run import main

    raise SystemExit(main(["--only", "cold_start", *sys.argv[1:]]))
