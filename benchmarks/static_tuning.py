"""Can the static table learn from text in context? Token vectors fitted to the model's sentence vectors.

The static backend embeds every vocabulary token alone (model2vec). This benchmark refits the table,
tokenlearn-style, so that the mean of a text's token vectors regresses onto the model's own vector of
that text, and measures the topics on corpora *other than* the training one:

- ``linear``: one 256 x 384 ridge map from the distilled table into the model's space (token
  vectors = table @ map);
- ``tokens``: every token's vector refitted by ridge on the sparse bag-of-tokens design, pulled
  towards its ``linear`` vector (tokens the training text never shows keep that one).

Training texts (``TOPICS_TUNING_SOURCES``, comma-separated):

- ``vocabulary``: texts built from the vocabulary alone (nothing shipped): half of them a word's
  60 nearest neighbours in the distilled table mixed with frequent words, half frequent words
  only; the model embeds them (its CPU time is reported);
- ``bbc_news``: the BBC News paragraphs (their default-backend vectors, through the cache).

Each tuned table is evaluated on every corpus of ``TOPICS_TUNING_CORPORA`` (default
``ag_news,20newsgroups``) that is not its training source, next to the distilled table and the
default backend in the same run: topic NMI (``fitting.discover`` over ``TOPICS_BACKEND_SEEDS``
seeds, as ``embedding_backends`` runs it) and lookup p@10. ``in-sample`` rows fit the table on the
evaluation corpus itself: an upper bound for a bag of tokens, not a method.
Run: ``python -m benchmarks.run --only static_tuning`` (``TOPICS_CACHE_DIR`` shares the vectors).
"""

from __future__ import annotations

import os
import sys
import time

import numpy as np

from benchmarks import embedding_backends as backends

NOTES = (
    "topic NMI: automatic topics of the article vectors (fitting.discover), mean ± sd over the seeds; "
    "'of default' = mean / the default backend's mean in the same run. fit CPU s: the ridge fits "
    "(plus the model's embedding of the training texts for 'vocabulary'). Training texts never "
    "include the evaluation corpus, except the in-sample rows (an upper bound)."
)
VOCABULARY_TEXTS = 12_000
LINEAR_ALPHA = 1e-3  # per training text
TOKEN_ALPHA = 0.01   # pull of each token towards its linear vector (bag rows sum to 1)


def _bag(model, texts: list[str]):
    """Rows: a text's token counts over its length, so ``bag @ table`` is the mean token vector."""
    import scipy.sparse as sp

    ids = model.tokenize(texts, max_length=None)
    rows = np.repeat(np.arange(len(ids)), [len(x) for x in ids])
    cols = np.concatenate([np.asarray(x, dtype=np.int64) for x in ids]) if rows.size else np.zeros(0, np.int64)
    bag = sp.csr_matrix((np.ones(len(cols), np.float32), (rows, cols)), shape=(len(ids), model.embedding.shape[0]))
    return sp.diags(1 / np.maximum(np.asarray(bag.sum(1)).ravel(), 1)).astype(np.float32) @ bag


def fit_tables(model, texts: list[str], targets: np.ndarray) -> dict[str, np.ndarray]:
    """The ``linear`` and ``tokens`` tables fitted on these texts and their model vectors."""
    from sklearn.linear_model import Ridge

    table = np.asarray(model.embedding, dtype=np.float32)
    bag = _bag(model, texts)
    means = np.asarray(bag @ table)
    mapping = Ridge(alpha=LINEAR_ALPHA * len(texts), fit_intercept=False).fit(means, targets).coef_.T
    linear = table @ mapping
    residual = targets - np.asarray(bag @ linear)
    delta = Ridge(alpha=TOKEN_ALPHA, fit_intercept=False, solver="sparse_cg").fit(bag, residual).coef_.T
    return {"linear": linear.astype(np.float32), "tokens": (linear + delta).astype(np.float32)}


def vocabulary_texts(model, n: int, seed: int = 0) -> list[str]:
    """Texts of whole vocabulary words: topical (an anchor's neighbours and frequent words) or frequent words only."""
    vocab = model.tokenizer.get_vocab()
    first = vocab.get("the", 0)  # whole words follow the single characters, roughly by frequency
    words = sorted((i, t) for t, i in vocab.items() if i >= first and t.isalpha())
    ids = np.array([i for i, _ in words])
    tokens = [t for _, t in words]
    frequent = 1 / (np.arange(len(ids)) + 10.0)
    frequent /= frequent.sum()
    unit = np.asarray(model.embedding, dtype=np.float32)[ids]
    unit /= np.linalg.norm(unit, axis=1, keepdims=True)
    rng = np.random.default_rng(seed)
    texts = []
    for k in range(n):
        length = int(rng.integers(6, 41))
        if k % 2 == 0:
            neighbours = np.argpartition(-(unit @ unit[rng.integers(150, len(ids))]), 60)[:60]
            topical = max(2, int(length * rng.uniform(0.3, 0.7)))
            chosen = [*rng.choice(neighbours, topical), *rng.choice(len(ids), length - topical, p=frequent)]
        else:
            chosen = list(rng.choice(len(ids), length, p=frequent))
        rng.shuffle(chosen)
        texts.append(" ".join(tokens[c] for c in chosen))
    return texts


def _training(source: str, model, embedder) -> tuple[list[str], np.ndarray, float]:
    from sentence_transformers import SentenceTransformer

    from topics.embedding.embed import Embedder

    start = time.process_time()
    if source == "vocabulary":
        texts = vocabulary_texts(model, VOCABULARY_TEXTS)
        teacher = SentenceTransformer(embedder._model_source, device="cpu")
        targets = teacher.encode(texts, batch_size=128, normalize_embeddings=True)
    else:
        texts = _load(source)[1].paragraphs["text"].tolist()
        targets = Embedder(show_progress=False).encode(texts)
    return texts, np.asarray(targets, dtype=np.float32), time.process_time() - start


def _load(name: str):
    from topics.ingest.corpus import load_corpus

    os.environ["TOPICS_BACKEND_CORPORA"] = name
    label, source = backends._corpora(False)[0]
    return label, load_corpus(source)


def _topic_scores(corpus, paragraph_vectors: np.ndarray, seeds) -> tuple[list[float], float]:
    from sklearn.metrics import normalized_mutual_info_score

    from topics.embedding.embed import article_vectors
    from topics.modeling import fitting
    from topics.modeling.model import TopicModel

    vectors = article_vectors(corpus, paragraph_vectors)
    units = corpus.units("article")
    keep = units["label"].notna().to_numpy() & (np.linalg.norm(vectors, axis=1) > 0)
    units, vectors = units[keep].reset_index(drop=True), vectors[keep]
    truth = units["label"].astype(str).to_numpy()
    nmi = []
    for seed in seeds:
        labels, _, _ = fitting.discover(TopicModel(random_state=seed), units["text"].tolist(), vectors, None, False)
        nmi.append(normalized_mutual_info_score(truth, labels))
    return nmi, backends._precision_at_10(vectors, truth)


def run(quick: bool = False, tiny: bool = False) -> list[dict]:
    from topics.embedding.embed import Embedder
    from topics.validate import unit_rows

    seeds = backends.SEEDS[:2] if quick or tiny else backends.SEEDS
    sources = [s.strip() for s in os.environ.get("TOPICS_TUNING_SOURCES", "vocabulary,bbc_news").split(",") if s.strip()]
    evaluated = [c.strip() for c in os.environ.get("TOPICS_TUNING_CORPORA", "ag_news,20newsgroups").split(",") if c.strip()]
    in_sample = os.environ.get("TOPICS_TUNING_IN_SAMPLE", "1") == "1"
    static = Embedder(backend="static", show_progress=False)
    model = static.static_encoder.model
    tables, fit_cpu = {}, {}
    for source in sources:
        texts, targets, cpu = _training(source, model, static)
        start = time.process_time()
        for variant, table in fit_tables(model, texts, targets).items():
            tables[(source, variant)] = table
        fit_cpu[source] = cpu + time.process_time() - start
        print(f"  static_tuning: fitted on {source} ({len(texts)} texts, {fit_cpu[source]:.0f} CPU s)", file=sys.stderr, flush=True)
    rows = []
    for name in evaluated:
        label, corpus = _load(name)
        texts = corpus.paragraphs["text"].tolist()
        bag = _bag(model, texts)
        candidates = [("default backend", "", lambda: Embedder(show_progress=False).encode(texts)),
                      ("static (distilled)", "", lambda: static.encode(texts))]
        candidates += [(f"static, {variant}", source, lambda t=table: unit_rows(np.asarray(bag @ t, dtype=np.float32)))
                       for (source, variant), table in tables.items() if source != name]
        if in_sample:
            own = fit_tables(model, texts, np.asarray(Embedder(show_progress=False).encode(texts), dtype=np.float32))
            candidates.append(("static, tokens (in-sample bound)", name, lambda t=own["tokens"]: unit_rows(np.asarray(bag @ t, dtype=np.float32))))
        reference = None
        for method, source, vectors in candidates:
            nmi, precision = _topic_scores(corpus, vectors(), seeds)
            reference = reference or float(np.mean(nmi))
            rows.append({"corpus": label, "method": method, "trained_on": source or None, "seeds": len(seeds),
                         "topic_NMI_mean": round(float(np.mean(nmi)), 3), "topic_NMI_sd": round(float(np.std(nmi)), 3),
                         "of_default": round(float(np.mean(nmi)) / reference, 3), "lookup_p@10": round(precision, 3),
                         "fit_cpu_s": round(fit_cpu[source], 1) if source in fit_cpu else None})
            print(f"  {label} {method} [{source}]: NMI {np.mean(nmi):.3f} ± {np.std(nmi):.3f}", file=sys.stderr, flush=True)
    return rows


if __name__ == "__main__":
    from benchmarks.run import main

    raise SystemExit(main(["--only", "static_tuning", *sys.argv[1:]]))
