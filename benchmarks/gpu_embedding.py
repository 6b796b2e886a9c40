"""Embedding on a GPU: what the default Embedder does on a machine whose torch sees one.

Compared in one process, on the same texts (the NYT full texts' paragraphs, else the BBC file, else
the seeds), model loading and a warm-up batch excluded:
- ``SentenceTransformer(model, device="cuda").encode(texts, batch_size=b, normalize_embeddings=True)``:
  the plain reference, as a user with a GPU would call it, at each batch size b;
- ``Embedder(batch_size=b)`` through an empty cache, at each batch size;
- ``Embedder()`` with nothing named (so on the GPU, torch), through an empty cache: a first run's
  embedding step, cache writes included; then again from that cache (a re-run);
- ``Embedder(device="cpu")`` on a sample of the texts: the same machine's CPU with the default
  CPU backend (int8 ONNX) where it can be exported, else torch; what the GPU saves.
The vectors are compared row by row (cosine): the default's against the plain GPU reference on the texts
within the model's window (plain truncates a longer one, topics averages its pieces), and the GPU's against
torch on the CPU for the sample.

    python -m benchmarks.gpu_embedding [--model FOLDER] [--cpu-sample N] [--repeats R] [--batch-sizes 32,64,...]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("TOPICS_DATA_DIR", ROOT.parent / "shared" / "data"))


def paragraphs() -> tuple[str, list[str]]:
    from topics.ingest.corpus import load_corpus

    for name in ("nyt_afghanistan_2020_2021_fulltext.jsonl.gz", "bbc_news.csv"):
        if (DATA / name).exists():
            texts = load_corpus(DATA / name).paragraphs["text"].tolist()
            return f"{name} ({len(texts):,} paragraphs)", texts
    texts = load_corpus(ROOT / "seeds").paragraphs["text"].tolist()
    return f"seeds ({len(texts)} paragraphs)", texts


def timed(function, *args) -> tuple[float, object]:
    import torch

    torch.cuda.synchronize()
    start = time.perf_counter()
    value = function(*args)
    torch.cuda.synchronize()
    return time.perf_counter() - start, value


def row_cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.sum(a * b, axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=None, help="a sentence-transformers model folder (default: the bundled model)")
    parser.add_argument("--cpu-sample", type=int, default=1000, help="texts embedded on the CPU for the comparison")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--batch-sizes", default="32,64,128,256,512", help="batch sizes compared, comma-separated")
    args = parser.parse_args(argv)

    import torch
    from sentence_transformers import SentenceTransformer

    from topics.embedding.device import cuda_available
    from topics.embedding.embed import Embedder

    if not cuda_available():
        print("no GPU that torch can use on this machine", file=sys.stderr)
        return 1
    corpus, texts = paragraphs()
    sample = [texts[i] for i in np.random.default_rng(0).choice(len(texts), size=min(args.cpu_sample, len(texts)), replace=False)]
    batch_sizes = [int(b) for b in args.batch_sizes.split(",")]
    with tempfile.TemporaryDirectory() as scratch:
        probe = Embedder(args.model, cache_dir=Path(scratch) / "probe", use_cache=False, show_progress=False)
        plain = SentenceTransformer(probe.model_source_, device="cuda")
        plain.encode(texts[:256], batch_size=max(batch_sizes))  # warm-up: kernels, allocator
        probe.encode(texts[:256])
        runs = 0

        def first_run(**options):
            nonlocal runs
            runs += 1
            embedder = Embedder(args.model, cache_dir=Path(scratch) / f"cache-{runs}", show_progress=False, **options)
            return embedder, *timed(embedder.encode, texts)

        sweep = []  # (batch size, plain seconds, topics seconds), medians
        for batch_size in batch_sizes:
            plain_seconds, topics_seconds = [], []
            for _ in range(args.repeats):
                plain_seconds.append(timed(lambda: plain.encode(texts, batch_size=batch_size, normalize_embeddings=True))[0])
                topics_seconds.append(first_run(batch_size=batch_size)[1])
            sweep.append((batch_size, float(np.median(plain_seconds)), float(np.median(topics_seconds))))
        reference = plain.encode(texts, normalize_embeddings=True)  # sentence-transformers' own defaults
        default_seconds, cached_seconds = [], []
        for _ in range(args.repeats):
            default, seconds, vectors = first_run()
            default_seconds.append(seconds)
            again = Embedder(args.model, cache_dir=default.cache_dir, show_progress=False)
            seconds, cached = timed(again.encode, texts)
            cached_seconds.append(seconds)
            assert again.n_from_cache_ == len(texts) and np.array_equal(cached, vectors)
        whole = np.setdiff1d(np.arange(len(texts)), default.split_to_window(texts).long)  # plain truncates the rest
        agreement = row_cosines(vectors[whole], reference[whole])
        on_cpu = Embedder(args.model, device="cpu", cache_dir=Path(scratch) / "cpu", use_cache=False, show_progress=False)
        cpu_torch = Embedder(args.model, device="cpu", backend="torch", cache_dir=Path(scratch) / "cpu", use_cache=False, show_progress=False)
        on_cpu.encode(sample[:8])
        cpu_seconds = time.perf_counter()
        on_cpu.encode(sample)
        cpu_seconds = time.perf_counter() - cpu_seconds
        cpu_agreement = row_cosines(probe.encode(sample), cpu_torch.encode(sample))

    plain_32 = next((p for b, p, _ in sweep if b == 32), sweep[0][1])
    default_median = float(np.median(default_seconds))
    cpu_rate = len(sample) / cpu_seconds
    print(f"# GPU embedding: {torch.cuda.get_device_name(0)}, torch {torch.__version__}, {os.cpu_count()} CPU threads; "
          f"{corpus}; medians of {args.repeats} repeats")
    print(f"default Embedder on this machine: backend {default.backend_}, device {default.device_}, batch size {default.batch_size_}; "
          f"CPU comparison: backend {on_cpu.backend_}")
    print()
    print("| method | batch size | seconds | texts/s | vs plain GPU, batch 32 |")
    print("| --- | ---: | ---: | ---: | ---: |")
    rows = []
    for batch_size, plain_seconds, topics_seconds in sweep:
        rows.append(("SentenceTransformer.encode on the GPU (plain)", batch_size, plain_seconds, len(texts)))
        rows.append(("topics Embedder, empty cache", batch_size, topics_seconds, len(texts)))
    rows += [
        ("topics default Embedder, empty cache", default.batch_size_, default_median, len(texts)),
        ("topics default Embedder, cached re-run", default.batch_size_, float(np.median(cached_seconds)), len(texts)),
        (f"topics on this machine's CPU ({on_cpu.backend_}, {len(sample)} texts)", on_cpu.batch_size_, cpu_seconds, len(sample)),
    ]
    for name, batch_size, seconds, n in rows:
        rate = n / seconds
        print(f"| {name} | {batch_size} | {seconds:.2f} | {rate:,.0f} | {rate / (len(texts) / plain_32):.2f}× |")
    print()
    print(f"GPU vs CPU rate, topics default: {len(texts) / default_median / cpu_rate:.1f}×")
    print(f"cosine, default vs plain GPU vectors ({len(whole):,} texts within the model's window): "
          f"min {agreement.min():.6f}, mean {agreement.mean():.6f}")
    print(f"cosine, GPU vs CPU torch vectors ({len(sample)} texts): min {cpu_agreement.min():.6f}, mean {cpu_agreement.mean():.6f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
