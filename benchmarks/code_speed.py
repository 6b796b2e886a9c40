"""Today's code against an older commit's, in the same sitting: the seeds report and a fit, CPU seconds.

A shared machine's load moves every timing, so a documented figure is compared with a run of the code that made
it, alternating with today's. The older tree is a folder holding its ``topics/`` and ``seeds/``
(``git archive <commit> topics seeds | tar -x -C <tree>``); each case runs in a fresh process whose working folder
is that tree, so it imports that code.

    python -m benchmarks.code_speed report <tree> [--repeats 2]
    TOPICS_DATA_DIR=../shared/data python -m benchmarks.code_speed fit <tree> --level paragraph --units 10000 [--repeats 4]

``report``: cold, first-run and cached-re-run cases of :mod:`benchmarks.cold_start` (onnx) for each tree (an older
tree whose ONNX export lives elsewhere: ``TOPICS_MODEL_DIR=<folder>``, exported once with its ``topics prepare``).
``fit``: ``TopicModel(random_state=42).fit`` on BBC units with their vectors given, after a 300-unit warm-up fit;
CPU = the process and its finished children (the alias worker), plus an output digest (labels and topic names).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]

FIT_CHILD = r'''
import hashlib, json, resource, sys, time
import numpy as np, pandas as pd
from topics.modeling.model import TopicModel
units, vectors = pd.read_parquet(sys.argv[1]), np.load(sys.argv[2])
TopicModel(random_state=42).fit(units.iloc[:300].reset_index(drop=True), embeddings=vectors[:300])
def cpu():
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
start_cpu, start = cpu(), time.perf_counter()
model = TopicModel(random_state=42).fit(units, embeddings=vectors)
wall, used = time.perf_counter() - start, cpu() - start_cpu
names = json.dumps([np.asarray(model.labels_).tolist(), list(map(str, model.descriptions_.labels))])
print(json.dumps({"wall_s": wall, "cpu_s": used, "topics": len(model.topic_ids_),
                  "digest": hashlib.sha1(names.encode()).hexdigest()[:12]}))
'''


def _fit_inputs(folder: Path, level: str, n_units: int) -> tuple[Path, Path]:
    from benchmarks.paths import bbc_source
    from topics.embedding.embed import Embedder
    from topics.ingest.corpus import load_corpus

    units = load_corpus(bbc_source(False)).units(level).reset_index(drop=True)
    if n_units < len(units):
        rows = np.sort(np.random.default_rng(1).choice(len(units), n_units, replace=False))
        units = units.iloc[rows].reset_index(drop=True)
    units = units[["unit_id", "article_id", "title", "date", "text"]]
    vectors = Embedder(show_progress=False).encode(units["text"].tolist())
    units.to_parquet(folder / "units.parquet")
    np.save(folder / "vectors.npy", vectors)
    return folder / "units.parquet", folder / "vectors.npy"


def _fit_once(tree: Path, units: Path, vectors: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", FIT_CHILD, str(units), str(vectors)], cwd=tree,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("case", choices=("report", "fit"))
    parser.add_argument("tree", type=Path, help="a folder holding the older commit's topics/ and seeds/")
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--level", default="paragraph")
    parser.add_argument("--units", type=int, default=10_000)
    args = parser.parse_args(argv)
    trees = {"older": args.tree.resolve(), "today": ROOT}
    with tempfile.TemporaryDirectory(prefix="code-speed-") as name:
        tmp = Path(name)
        if args.case == "fit":
            inputs = _fit_inputs(tmp, args.level, args.units)
        for repeat in range(args.repeats):
            for label, tree in trees.items():
                if args.case == "fit":
                    rows = [_fit_once(tree, *inputs)]
                else:
                    from benchmarks import cold_start

                    cold_start.ROOT = tree
                    (tmp / f"{label}-{repeat}").mkdir()
                    rows = cold_start._report_cases(tmp / f"{label}-{repeat}", "onnx", 1)
                for row in rows:
                    print(label, json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
