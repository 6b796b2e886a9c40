"""A fast mode from the model's first layers: the bundled MiniLM truncated to k of its 6 layers.

The model (all-MiniLM-L6-v2) cut after its first ``k`` transformer layers, mean-pooled, and run
through the default backend's own path (:mod:`topics.embedding.onnx_backend`: traced, fused, int8
per channel, one text per run), optionally followed by a linear map fitted to the full model's
vectors on public text:

- ``first k layers``: the truncated model as it is (its mean-pooled hidden state, unit length);
- ``first k layers + map``: a ridge map (with intercept) from those vectors to the default
  backend's vectors, fitted on ``TRAIN_TEXTS`` paragraphs drawn from the public training text of
  :func:`benchmarks.static_public.training_texts` (the 20 Newsgroups train split, the AG News
  rows outside the evaluated sample, web page bodies; no evaluated text), then re-normalised.

In one run:

- speed: CPU seconds to embed the same 500 random BBC News paragraphs as ``embedding_backends``
  (no cache; every method loaded and warmed up first), ``ROUNDS`` interleaved rounds, against
  plain ``SentenceTransformer.encode`` with its defaults (the fastest round of each);
- quality, on each corpus of ``TOPICS_SHALLOW_CORPORA`` (default
  ``ag_news,20newsgroups,bbc_news,isaf``): topic NMI of the automatic topics of the article vectors
  (``fitting.discover`` over ``TOPICS_BACKEND_SEEDS`` seeds, as ``static_tuning`` scores them),
  as a share of the default backend's in the same run, lookup p@10, and the candidate's CPU
  seconds to embed the whole corpus.

``TOPICS_SHALLOW_LAYERS`` (default ``1,2``) names the depths, ``TOPICS_SHALLOW_ALPHA`` the map's ridge
penalty; ``--quick`` runs one layer, a map fitted on 3,000 paragraphs, AG News, two seeds. Measured, not shipped (docs/benchmarks.md).
Run: ``python -m benchmarks.run --only shallow`` (``TOPICS_CACHE_DIR`` shares the default's vectors).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks import embedding_backends as backends
from benchmarks import static_tuning as tuning

NOTES = (
    "speed: CPU s to embed 500 BBC paragraphs without cache (loaded, warmed up), fastest of the interleaved "
    "rounds; x encode = SentenceTransformer.encode CPU s / method CPU s, same run. Topic NMI: automatic topics "
    "(fitting.discover) of the article vectors, mean ± sd over the seeds; 'of default' = mean / the default "
    "backend's mean in the same run. embed CPU s: the whole corpus (one text per run). The map is fitted on "
    "public training text only (no evaluated corpus)."
)
TRAIN_TEXTS = 30_000
ALPHA = float(os.environ.get("TOPICS_SHALLOW_ALPHA", "0.1"))  # weak: AG News likes ~10, 20 Newsgroups 0.1
ROUNDS = 2


def export_shallow(model_source: str, layers: int, folder: Path) -> dict:
    """The model cut after its first ``layers`` transformer layers, exported like the default backend
    (traced, fused, int8 per channel) into ``folder``; returns the runner's manifest."""
    from sentence_transformers import SentenceTransformer

    from topics.embedding import onnx_backend

    with onnx_backend._quiet():
        model = SentenceTransformer(model_source, device="cpu")
    encoder = model[0].auto_model
    if not 1 <= layers <= len(encoder.encoder.layer):
        raise ValueError(f"layers must be 1..{len(encoder.encoder.layer)}, not {layers}")
    encoder.encoder.layer = encoder.encoder.layer[:layers]
    encoder.config.num_hidden_layers = layers
    settings = onnx_backend._runner_settings(model)
    (folder / "onnx").mkdir(parents=True, exist_ok=True)
    with onnx_backend._quiet():
        model[0].tokenizer.save_pretrained(str(folder))
        onnx_backend._graph_or_unsupported(model, folder / "onnx" / "model.onnx", folder / "onnx" / "model_qint8.onnx")
    (folder / "onnx" / "model.onnx").unlink()
    return {"onnx_file": "onnx/model_qint8.onnx", **settings}


def fit_map(vectors: np.ndarray, targets: np.ndarray, alpha: float = ALPHA):
    """Ridge map (with intercept) from the shallow vectors to the model's; returns ``vectors -> unit vectors``."""
    from sklearn.linear_model import Ridge

    from topics.validate import unit_rows

    ridge = Ridge(alpha=alpha, fit_intercept=True).fit(vectors, targets)
    weights, intercept = ridge.coef_.T.astype(np.float32), ridge.intercept_.astype(np.float32)
    return lambda x: unit_rows(np.asarray(x, dtype=np.float32) @ weights + intercept).astype(np.float32)


def public_sample(n: int = TRAIN_TEXTS, seed: int = 0) -> list[str]:
    """``n`` paragraphs drawn from the public training text (no evaluated text among them)."""
    from benchmarks.static_public import training_texts

    texts = [text for group in training_texts().values() for text in group]
    return [texts[i] for i in sorted(np.random.default_rng(seed).choice(len(texts), min(n, len(texts)), replace=False))]


def candidates(folder: Path, layers: list[int], train_texts: int = TRAIN_TEXTS) -> dict[str, object]:
    """``name -> texts -> unit vectors`` for every depth, bare and mapped (maps fitted now on ``train_texts`` paragraphs)."""
    from topics.embedding.embed import Embedder
    from topics.embedding.onnx_backend import OnnxEncoder

    embedder = Embedder(show_progress=False)
    training = public_sample(train_texts)
    targets = np.asarray(embedder.encode(training), dtype=np.float32)
    found = {}
    for k in layers:
        manifest = export_shallow(embedder._model_source, k, folder / f"layers{k}")
        runner = OnnxEncoder(folder / f"layers{k}", manifest)
        start = time.process_time()
        mapping = fit_map(runner.encode(training), targets)
        print(f"  shallow: {k} layer(s), map fitted on {len(training)} paragraphs "
              f"({time.process_time() - start:.0f} CPU s)", file=sys.stderr, flush=True)
        found[f"first {k} layer(s)"] = runner.encode
        found[f"first {k} layer(s) + map"] = lambda texts, runner=runner, mapping=mapping: mapping(runner.encode(texts))
    return found


def speed_rows(methods: dict) -> list[dict]:
    from sentence_transformers import SentenceTransformer

    from topics.embedding.embed import Embedder
    from topics.ingest.corpus import load_corpus

    paragraphs = load_corpus(backends.SHARED_DATA / "bbc_news.csv").paragraphs["text"].tolist()
    texts = [paragraphs[i] for i in sorted(np.random.default_rng(0).choice(len(paragraphs), backends.SPEED_PARAGRAPHS, replace=False))]
    default = Embedder(use_cache=False, show_progress=False)
    plain = SentenceTransformer(default._model_source, device="cpu")
    timed = {"SentenceTransformer.encode (defaults)": plain.encode, "default backend (int8 ONNX, 6 layers)": default.encode,
             **methods}
    for encode in timed.values():
        encode(texts[:8])  # load, warm up
    cpu = {name: [] for name in timed}
    for _ in range(ROUNDS):
        for name, encode in timed.items():
            cpu[name].append(tuning._timed(lambda: encode(texts))[1])
    reference = min(cpu["SentenceTransformer.encode (defaults)"])
    print(f"  shallow speed: {', '.join(f'{n} {min(c):.2f}' for n, c in cpu.items())} CPU s", file=sys.stderr, flush=True)
    return [{"table": "speed", "method": name, "paragraphs": len(texts), "cpu_s": round(min(c), 2),
             "cpu_s_rounds": [round(x, 2) for x in c], "x_encode": round(reference / min(c), 1),
             "load": round(os.getloadavg()[0], 1)} for name, c in cpu.items()]


def quality_rows(methods: dict, corpora: list[str], seeds) -> list[dict]:
    from topics.embedding.embed import Embedder

    rows = []
    for name in corpora:
        label, corpus = tuning._load(name)
        texts = corpus.paragraphs["text"].tolist()
        vectors = {"default backend": (Embedder(show_progress=False).encode(texts), None)}
        vectors.update({method: tuning._timed(lambda: encode(texts)) for method, encode in methods.items()})
        reference = None
        for method, (found, cpu) in vectors.items():
            nmi, precision = tuning._topic_scores(corpus, np.asarray(found, dtype=np.float32), seeds)
            reference = reference or float(np.mean(nmi))
            rows.append({"table": "quality", "corpus": label, "method": method, "paragraphs": len(texts), "seeds": len(seeds),
                         "topic_NMI_mean": round(float(np.mean(nmi)), 3), "topic_NMI_sd": round(float(np.std(nmi)), 3),
                         "of_default": round(float(np.mean(nmi)) / reference, 3), "lookup_p@10": round(precision, 3),
                         "embed_cpu_s": None if cpu is None else round(cpu, 2)})
            print(f"  {label} {method}: NMI {np.mean(nmi):.3f} ± {np.std(nmi):.3f} ({np.mean(nmi) / reference:.1%})",
                  file=sys.stderr, flush=True)
    return rows


def run(quick: bool = False, tiny: bool = False) -> list[dict]:
    seeds = backends.SEEDS[:2] if quick or tiny else backends.SEEDS
    layers = [int(x) for x in os.environ.get("TOPICS_SHALLOW_LAYERS", "1" if quick or tiny else "1,2").split(",") if x.strip()]
    default_corpora = "ag_news" if quick or tiny else "ag_news,20newsgroups,bbc_news,isaf"
    corpora = [c.strip() for c in os.environ.get("TOPICS_SHALLOW_CORPORA", default_corpora).split(",") if c.strip()]
    with tempfile.TemporaryDirectory(prefix="topics-shallow-") as scratch:
        # Quick runs fit the map on fewer paragraphs: a fresh cache embeds every one with the default.
        methods = candidates(Path(scratch), layers, 3_000 if quick or tiny else TRAIN_TEXTS)
        return speed_rows(methods) + quality_rows(methods, corpora, seeds)


if __name__ == "__main__":
    from benchmarks.run import main

    raise SystemExit(main(["--only", "shallow", *sys.argv[1:]]))
