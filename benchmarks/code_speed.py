"""Today's code against an older commit's, in the same sitting: the seeds report and a fit, CPU seconds.

A shared machine's load moves every timing, so a documented figure is compared with a run of the code that made
it, alternating with today's. The older tree is a folder holding its ``topics/`` and ``seeds/``
(``git archive <commit> topics seeds | tar -x -C <tree>``); each case runs in a fresh process whose working folder
is that tree, so it imports that code.

    python -m benchmarks.code_speed report <tree> [--repeats 2]
    TOPICS_DATA_DIR=../shared/data python -m benchmarks.code_speed fit <tree> --level paragraph --units 10000 [--repeats 4]
    TOPICS_DATA_DIR=../shared/data python -m benchmarks.code_speed naming <tree> --units 10000 [--repeats 4]
    TOPICS_DATA_DIR=../shared/data python -m benchmarks.code_speed stages <tree> --level paragraph --units 10000 [--repeats 3]
    TOPICS_DATA_DIR=../shared/data python -m benchmarks.code_speed mining <tree> --units 10000 [--repeats 3]

``report``: cold, first-run and cached-re-run cases of :mod:`benchmarks.cold_start` (onnx) for each tree (an older
tree whose ONNX export lives elsewhere: ``TOPICS_MODEL_DIR=<folder>``, exported once with its ``topics prepare``).
``fit``: ``TopicModel(random_state=42).fit`` on BBC units with their vectors given, after a warm-up fit of half the units, at most 5,000 (as :mod:`benchmarks.scaling`'s);
CPU = the process's and its alias worker's (``alias_worker.worker_cpu_seconds``, as :mod:`benchmarks.scaling` counts it), plus an output digest (labels and topic names).
``naming``: the three readings a fit's naming repeats per text, alone (the fit's other steps move its CPU by more
than they cost): the keyword analyzer over the units' cleaned texts, ``name_words.written_spans`` over each
1,000 of them with their 30 most used keywords, and the label's phrase search (``headlines._phrases``) over each
cleaned text; each three times, CPU of the fastest, plus an output digest.
``stages``: the fit's steps, CPU of the thread that runs each (outer calls; ``result``: the wait for the aliases, with
the naming material found meanwhile; ``map_coords`` on its own thread beside the naming), the alias worker's CPU, and
``clean_text`` over every unit once.
``mining``: the alias worker's mining (``mine_aliases``) of the units, four times, each with the names' pattern caches
emptied as a fit's worker finds them (a fresh fork of a process that has not mined), CPU of each, plus a digest of
the table and the texts it normalises.
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
# The warm-up as large as scaling's: past 4,096 units the fit runs compiled code (the community search's pass, the
# map's epochs) that a smaller one never loads, and loading it (compiling it, in a tree run for the first time) in
# the timed fit measured numba, not the code.
warm = min(len(units) // 2, 5000)
TopicModel(random_state=42).fit(units.iloc[:warm].reset_index(drop=True), embeddings=vectors[:warm])
from topics.modeling import alias_worker
def cpu():  # the process's and its alias worker's (as the worker counts it: a worker let go unwaited is no finished child)
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime + alias_worker.worker_cpu_seconds
start_cpu, start = cpu(), time.perf_counter()
model = TopicModel(random_state=42).fit(units, embeddings=vectors)
wall, used = time.perf_counter() - start, cpu() - start_cpu
names = json.dumps([np.asarray(model.labels_).tolist(), list(map(str, model.descriptions_.labels))])
print(json.dumps({"wall_s": wall, "cpu_s": used, "topics": len(model.topic_ids_),
                  "digest": hashlib.sha1(names.encode()).hexdigest()[:12]}))
'''

NAMING_CHILD = r'''
import collections, hashlib, json, sys, time
import pandas as pd
from topics.modeling.describe import KeywordAnalyzer, _stop_words
try:
    from topics.modeling.name_words import written_spans
except ImportError:  # code from before the rule
    written_spans = None
from topics.text.wording import keyword_texts
cleaned = keyword_texts(pd.read_parquet(sys.argv[1])["text"].tolist())
stop, analyzer = _stop_words(), KeywordAnalyzer(_stop_words(), cleaned=True)
def timed(step):
    best = None
    for _ in range(3):
        start = time.process_time(); found = step(); used = time.process_time() - start
        best = used if best is None else min(best, used)
    return best, hashlib.sha1(json.dumps(found, sort_keys=True).encode()).hexdigest()[:12]
terms = [analyzer(text) for text in cleaned]  # each text's language, asked once and remembered, is then no part of the timing
chunks = [(cleaned[k:k + 1000], {w for w, _ in collections.Counter(t for found in terms[k:k + 1000] for t in found
          if " " not in t).most_common(30)}) for k in range(0, len(cleaned), 1000)]
analyzer_s, analyzer_digest = timed(lambda: [analyzer(text) for text in cleaned])
spans_s, spans_digest = timed(lambda: [written_spans(texts, sorted(words), stop) for texts, words in chunks]) if written_spans else (None, "")
try:
    from topics.modeling.text_material import _find_phrases
except ImportError:  # code from before the naming material
    _find_phrases = None
phrases_s, phrases_digest = timed(lambda: [sorted(_find_phrases(text)) for text in cleaned]) if _find_phrases else (None, "")
print(json.dumps({"analyzer_cpu_s": analyzer_s, "written_spans_cpu_s": spans_s, "phrases_cpu_s": phrases_s,
                  "digest": analyzer_digest + "-" + spans_digest + "-" + phrases_digest}))
'''


STAGES_CHILD = r"""
import functools, json, os, sys, time
import numpy as np, pandas as pd
from topics.modeling.model import TopicModel
from topics.modeling import alias_worker, cluster, describe, fitting, reduce
units, vectors = pd.read_parquet(sys.argv[1]), np.load(sys.argv[2])
warm = min(len(units) // 2, 5000)
TopicModel(random_state=42).fit(units.iloc[:warm].reset_index(drop=True), embeddings=vectors[:warm])
seconds = {}
def timed(owner, name):  # CPU of the thread that runs the step
    step = getattr(owner, name, None)
    if step is None:
        return
    @functools.wraps(step)
    def wrapped(*args, **kwargs):
        start = time.thread_time()
        try:
            return step(*args, **kwargs)
        finally:
            seconds[name] = seconds.get(name, 0.0) + time.thread_time() - start
    setattr(owner, name, wrapped)
for owner, name in [(reduce, "neighbour_graph"), (cluster, "communities"), (cluster, "vote_with_neighbours"),
                    (fitting, "discover"), (fitting, "map_coords"), (describe, "describe_topics"),
                    (alias_worker.AliasesBeside, "result")]:
    timed(owner, name)
worker = alias_worker.worker_cpu_seconds
TopicModel(random_state=42).fit(units, embeddings=vectors)
seconds["alias_worker"] = alias_worker.worker_cpu_seconds - worker
texts = units["text"].tolist()
from topics.text.wording import clean_text
start = time.process_time(); [clean_text(text) for text in texts]; seconds["clean_text_all"] = time.process_time() - start
print(json.dumps({k: round(v, 3) for k, v in seconds.items()}))
"""


MINING_CHILD = r"""
import hashlib, json, re, sys, time
import pandas as pd
from topics.text import alias_mining, aliases
from topics.text.alias_mining import mine_aliases
from topics.text.wording import stop_words
stop_words()  # loaded by the fit before its worker forks
texts = pd.read_parquet(sys.argv[1])["text"].tolist()
mine_aliases(texts[:300])
used = []
for _ in range(4):
    for cached in (aliases.alias_pattern, alias_mining._name_pattern, getattr(aliases, "alias_source", None)):
        if cached is not None:
            cached.cache_clear()
    re.purge()
    start = time.process_time(); table = mine_aliases(texts); used.append(round(time.process_time() - start, 3))
digest = hashlib.sha1(json.dumps([table.to_records(), table.normalize_all(texts)]).encode()).hexdigest()[:12]
print(json.dumps({"mining_cpu_s": used, "digest": digest}))
"""

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


def _fit_once(tree: Path, units: Path, vectors: Path, child: str = FIT_CHILD) -> dict:
    done = subprocess.run([sys.executable, "-c", child, str(units), str(vectors)], cwd=tree,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("case", choices=("report", "fit", "naming", "stages", "mining"))
    parser.add_argument("tree", type=Path, help="a folder holding the older commit's topics/ and seeds/")
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--level", default="paragraph")
    parser.add_argument("--units", type=int, default=10_000)
    args = parser.parse_args(argv)
    trees = {"older": args.tree.resolve(), "today": ROOT}
    with tempfile.TemporaryDirectory(prefix="code-speed-") as name:
        tmp = Path(name)
        if args.case in ("fit", "naming", "stages", "mining"):
            inputs = _fit_inputs(tmp, args.level, args.units)
        for repeat in range(args.repeats):
            for label, tree in trees.items():
                if args.case in ("fit", "naming", "stages", "mining"):
                    child = {"fit": FIT_CHILD, "naming": NAMING_CHILD, "stages": STAGES_CHILD, "mining": MINING_CHILD}[args.case]
                    rows = [_fit_once(tree, *inputs, child=child)]
                else:
                    from benchmarks import cold_start

                    cold_start.ROOT = tree
                    (tmp / f"{label}-{repeat}").mkdir()
                    rows = cold_start._report_cases(tmp / f"{label}-{repeat}", "onnx", 1)
                for row in rows:
                    print(label, json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
