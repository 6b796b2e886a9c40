"""Embedding throughput: docs/s, tokens/s and achieved GFLOP/s against the CPU's fp32 peak.

Compared in the same process, on the same texts, repeats interleaved:
- ``SentenceTransformer.encode``: the bundled model loaded as a user would, called with defaults;
- ``topics (torch)``: ``Embedder(backend="torch")`` without its cache (what a first run pays);
- ``topics (onnx int8)``: ``Embedder(backend="onnx")``, the int8 ONNX export, without its cache.
Model loading and one warm-up batch are excluded. Medians of the repeats are reported.

FLOPs of one text of t tokens (special tokens included, truncated at the model's
limit) through a BERT encoder with L layers, hidden size h, feed-forward size f:
``2 * L * (t * (4*h*h + 2*h*f) + 2*t*t*h)`` (Q, K, V, O projections, the
feed-forward pair, and the two attention products; 2 FLOPs per multiply-add).
Only real tokens count, not padding. For int8 the figure is the fp32-equivalent
work done per second, set against the fp32 peak for comparison.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("TOPICS_DATA_DIR", ROOT.parent / "shared" / "data"))
SEED = 0

NOTES = (
    "docs/s and tokens/s: medians over interleaved repeats, model load and a warm-up batch excluded. "
    "GFLOP/s = useful encoder FLOPs (2·L·(t·(4h²+2hf)+2t²h) per text of t real tokens; L=6, h=384, f=1536) "
    "per second; % peak against the machine's fp32 peak (for int8: fp32-equivalent work). "
    "The cores are shared with other work: absolute rates are noisy; the speed-ups are measured in the same run."
)


def corpora(quick: bool, tiny: bool) -> list[tuple[str, list[str]]]:
    from topics.ingest.corpus import load_corpus

    seeds = load_corpus(ROOT / "seeds").paragraphs["text"].tolist()
    bbc_path = DATA / "bbc_news.csv"
    if not bbc_path.exists():
        bbc_path = ROOT / "tests" / "data" / "bbc_sample.csv"
    if tiny:
        return [("seeds (16 paragraphs)", seeds[:16])]
    bbc = load_corpus(bbc_path).paragraphs["text"].tolist()
    n = 128 if quick else 1000
    rows = np.random.default_rng(SEED).choice(len(bbc), size=min(n, len(bbc)), replace=False)
    label = "BBC News" if bbc_path.name == "bbc_news.csv" else "BBC sample"
    return [(f"seeds ({len(seeds)} paragraphs)", seeds), (f"{label} ({len(rows)} random paragraphs)", [bbc[i] for i in sorted(rows)])]


def encoder_flops(token_counts: np.ndarray, layers: int, hidden: int, ffn: int) -> float:
    t = token_counts.astype(np.float64)
    return float(np.sum(2 * layers * (t * (4 * hidden * hidden + 2 * hidden * ffn) + 2 * t * t * hidden)))


def _methods(tiny: bool):
    """(name, encode function) pairs, each loaded and warmed up."""
    from topics.embedding.embed import Embedder

    torch_embedder = Embedder(backend="torch", use_cache=False, show_progress=False)
    plain = _plain_sentence_transformer(torch_embedder)
    methods = [
        ("SentenceTransformer.encode (defaults)", lambda texts: plain.encode(texts)),
        ("topics (torch fp32)", torch_embedder.encode),
    ]
    if not tiny:
        onnx_embedder = Embedder(backend="onnx", use_cache=False, show_progress=False)
        methods.append(("topics (onnx int8)", onnx_embedder.encode))
    return methods, plain


def _plain_sentence_transformer(embedder):
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(embedder._model_source, device="cpu")


def run(quick: bool = False, tiny: bool = False) -> list[dict]:
    from benchmarks.machine import describe

    repeats = 1 if tiny else 3 if quick else 3
    methods, plain = _methods(tiny)
    config = plain[0].auto_model.config
    tokenizer, max_len = plain.tokenizer, plain.max_seq_length
    peak = describe()["fp32_peak_gflops"]
    rows = []
    for corpus_name, texts in corpora(quick, tiny):
        tokens = np.array([min(len(ids), max_len) for ids in tokenizer(texts, truncation=False)["input_ids"]])
        flops = encoder_flops(tokens, config.num_hidden_layers, config.hidden_size, config.intermediate_size)
        for _, encode in methods:
            encode(texts[:8])  # warm-up: lazy loads, first-call allocations
        seconds = {name: [] for name, _ in methods}
        cpu_seconds = {name: [] for name, _ in methods}
        for _ in range(repeats):
            for name, encode in methods:
                start, cpu_start = time.perf_counter(), time.process_time()
                encode(texts)
                seconds[name].append(time.perf_counter() - start)
                cpu_seconds[name].append(time.process_time() - cpu_start)
        reference = np.median(seconds[methods[0][0]])
        for name, _ in methods:
            median = float(np.median(seconds[name]))
            gflops = flops / median / 1e9
            rows.append({
                "corpus": corpus_name,
                "method": name,
                "docs_per_s": len(texts) / median,
                "tokens_per_s": float(tokens.sum()) / median,
                "speedup": reference / median,
                "gflop_per_s": gflops,
                "pct_of_fp32_peak": 100 * gflops / peak,
                "seconds_median": median,
                "cpu_seconds_median": float(np.median(cpu_seconds[name])),
                "repeats": repeats,
            })
            print(f"  embedding {corpus_name} {name}: {len(texts) / median:.1f} docs/s", file=sys.stderr, flush=True)
    return rows


if __name__ == "__main__":
    from benchmarks.run import main

    raise SystemExit(main(["--only", "embedding", *sys.argv[1:]]))
