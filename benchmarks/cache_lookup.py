"""Looking a corpus up in an embedding cache that other corpora have grown: time and memory by cache size.

``python -m benchmarks.cache_lookup [--quick]`` prints a Markdown table and writes
``artifacts/bench/cache_lookup.json``. For each cache size, a temporary cache holds that many vectors of
other texts (random unit vectors under random text hashes, written as the cache writes them: shards of
50,000 rows in row groups of ``topics.embedding.cache.ROW_GROUP_ROWS``) and the vectors of the corpus's
paragraphs (the seeds). Each case is a fresh process that embeds the corpus's paragraphs with that cache
(``Embedder.encode``, every vector found: no model call) and reports wall time, CPU time and peak RSS:

- ``lookup``: the cache as it reads now (each shard's hash column, then the row groups holding the texts);
- ``whole cache`` (the reference): every shard read into memory first, then the texts looked up, as the
  cache read before.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SIZES = (10_000, 100_000, 400_000)
QUICK_SIZES = (10_000, 50_000)
SHARD_ROWS = 50_000
REPEATS = 3
NOTES = ("Fresh process per case, medians of the repeats; wall and CPU seconds of the lookup alone (Embedder.encode "
         "of the seed paragraphs, all in the cache), peak RSS of the process (the embedding model is never loaded).")

# One case, in a fresh process: the clock starts before the cache is first read, so the reference pays for
# reading the whole cache as the lookup pays for its hash columns and row groups.
_CASE = """
import json, sys, time
from pathlib import Path
from topics.embedding.embed import Embedder
texts = json.loads(Path(sys.argv[1]).read_text())
wall, cpu = time.perf_counter(), time.process_time()
embedder = Embedder(cache_dir=sys.argv[2], show_progress=False)
if sys.argv[3] == "whole":
    for hashes, vectors in embedder.cache.iter_shards():
        embedder.cache._vectors.update(zip(hashes, vectors))
vectors = embedder.encode(texts)
# VmHWM, not ru_maxrss: a child's ru_maxrss starts from the parent's high-water mark, VmHWM from its own.
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu,
                  "calls": embedder.n_model_calls_, "rss_mb": peak / 1024}))
"""


def _fill(cache_dir: Path, texts: list[str], size: int) -> None:
    """A cache of ``size`` other vectors and the vectors of ``texts`` (embedded by the default model)."""
    from topics.embedding.cache import EmbeddingCache
    from topics.embedding.embed import Embedder

    embedder = Embedder(cache_dir=cache_dir, show_progress=False)
    embedder.encode(texts)  # the corpus's own vectors, in their own shard
    cache = EmbeddingCache(cache_dir, embedder.model_id, embedder.cache.dim)
    rng = np.random.default_rng(0)
    for start in range(0, size, SHARD_ROWS):
        n = min(SHARD_ROWS, size - start)
        vectors = rng.normal(size=(n, cache.dim)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        cache.append([f"{int(h):032x}" for h in rng.integers(0, 2**62, size=n)], vectors)


def _case(texts_path: Path, cache_dir: Path, how: str) -> dict:
    import os

    out = subprocess.run([sys.executable, "-c", _CASE, str(texts_path), str(cache_dir), how], capture_output=True, text=True,
                         check=True, cwd=ROOT, env={**os.environ, "HF_HUB_OFFLINE": "1"})
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(quick: bool = False) -> list[dict]:
    from topics.ingest.corpus import load_corpus

    texts = load_corpus(ROOT / "seeds").paragraphs["text"].tolist()
    rows = []
    for size in QUICK_SIZES if quick else SIZES:
        with tempfile.TemporaryDirectory() as folder:
            cache_dir, texts_path = Path(folder) / "cache", Path(folder) / "texts.json"
            texts_path.write_text(json.dumps(texts))
            _fill(cache_dir, texts, size)
            found = {}
            for how in ("lookup", "whole"):
                runs = [_case(texts_path, cache_dir, how) for _ in range(1 if quick else REPEATS)]
                assert all(r["calls"] == 0 for r in runs), "every vector is in the cache"
                found[how] = {key: float(np.median([r[key] for r in runs])) for key in ("wall", "cpu", "rss_mb")}
            rows.append({
                "cached vectors": size + len(set(texts)), "texts looked up": len(texts),
                "lookup wall s": round(found["lookup"]["wall"], 3), "lookup CPU s": round(found["lookup"]["cpu"], 3),
                "lookup peak RSS MB": round(found["lookup"]["rss_mb"]),
                "whole cache wall s": round(found["whole"]["wall"], 3), "whole cache CPU s": round(found["whole"]["cpu"], 3),
                "whole cache peak RSS MB": round(found["whole"]["rss_mb"]),
                "x wall": round(found["whole"]["wall"] / max(found["lookup"]["wall"], 1e-9), 1),
            })
            print(f"  {size:,} cached: {rows[-1]}", file=sys.stderr, flush=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    from benchmarks.run import run_standalone

    return run_standalone("cache_lookup", __doc__, run, NOTES, "two small caches, one repeat", argv)


if __name__ == "__main__":
    raise SystemExit(main())
