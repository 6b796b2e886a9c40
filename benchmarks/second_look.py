"""Cost of search's second look (the full-precision re-scoring of a text query's best paragraphs).

``python -m benchmarks.second_look [--repeats N]`` prints a Markdown table. Each case runs in a
fresh process with a fresh embedding cache, on the seeds at paragraph level (the 24 paraphrase
questions of ``tests/data/seed_queries.jsonl``). The corpus and the questions' own vectors are
embedded before the clock starts, so only the second look is timed:

- first query: the first text query of the process (imports and loads the full-precision runner);
- per later query: the mean over the other 23 questions.

The second look embeds without its cache, so every question costs what a question never seen, over
paragraphs never seen, costs (in use, a candidate seen by an earlier question is read from the cache).

Two runners of the same model, alternated in the same run: ``onnx-fp32`` (the unquantised ONNX
export; the default, built beforehand as ``topics prepare`` does) and ``torch`` (what the second look
ran before). CPU time (this process, all threads) does not grow when others share the cores; wall
time does: both are reported (medians of the repeats).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time

from benchmarks.paths import ROOT  # also sets the offline settings

RUNNERS = ("torch", "onnx-fp32")

CASE = r"""
import json, sys, tempfile, time
from pathlib import Path
root, runner = Path(sys.argv[1]), sys.argv[2]
queries = [json.loads(l)["query"] for l in (root / "tests/data/seed_queries.jsonl").read_text().splitlines() if l.strip()]
cache = tempfile.mkdtemp()
from topics.ingest.corpus import load_corpus
from topics.embedding.embed import Embedder, embed_units
from topics.search.index import Index
from topics.search.rerank import Rescorer
corpus = load_corpus(root / "seeds")
embedder = Embedder(cache_dir=cache, show_progress=False)
units = corpus.units("paragraph")
vectors = embed_units(corpus, "paragraph", embedder)
embedder.encode(queries)
index = Index(units, vectors, embedder)
index._rescorer = Rescorer(Embedder(backend=runner, use_cache=False, show_progress=False), "sentences")
cpu, wall = time.process_time(), time.perf_counter()
index.search(queries[0], k=10, level="paragraph")
first = (time.process_time() - cpu, time.perf_counter() - wall)
cpu, wall = time.process_time(), time.perf_counter()
for query in queries[1:]:
    index.search(query, k=10, level="paragraph")
n = len(queries) - 1
print(json.dumps({"first_cpu_s": first[0], "first_wall_s": first[1], "later_cpu_ms": 1000 * (time.process_time() - cpu) / n,
                  "later_wall_ms": 1000 * (time.perf_counter() - wall) / n, "torch_imported": "torch" in sys.modules}))
"""


def rows(repeats: int) -> list[dict]:
    from topics.embedding.embed import Embedder

    with tempfile.TemporaryDirectory() as cache:
        Embedder(backend="onnx-fp32", cache_dir=cache).prepare()  # the export exists, as after `topics prepare`
    runs = {runner: [] for runner in RUNNERS}
    for _ in range(repeats):
        for runner in RUNNERS:  # alternated, so both see the same load
            done = subprocess.run([sys.executable, "-c", CASE, str(ROOT), runner], capture_output=True, text=True, check=True)
            runs[runner].append(json.loads(done.stdout.strip().splitlines()[-1]))
    out = []
    for runner, results in runs.items():
        row = {"runner": runner}
        for key in ("first_cpu_s", "first_wall_s", "later_cpu_ms", "later_wall_ms"):
            row[key] = statistics.median(r[key] for r in results)
        row["torch imported"] = any(r["torch_imported"] for r in results)
        out.append(row)
    return out


def markdown(table: list[dict]) -> str:
    lines = ["| runner | first query CPU s | first query wall s | later query CPU ms | later query wall ms | torch imported |",
             "|---|---|---|---|---|---|"]
    for r in table:
        lines.append(f"| {r['runner']} | {r['first_cpu_s']:.2f} | {r['first_wall_s']:.2f} | {r['later_cpu_ms']:.0f} | "
                     f"{r['later_wall_ms']:.0f} | {'yes' if r['torch imported'] else 'no'} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    print(markdown(rows(args.repeats)))
    print(f"\n({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
