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
- ``bbc_news``: the BBC News paragraphs (their default-backend vectors, through the cache);
- ``public``: public text no benchmark evaluates on (the 20 Newsgroups train split, the AG News
  rows outside the evaluated sample, web page bodies), refitted by :mod:`benchmarks.static_public`
  into one 256-D table, as a shipped table would be; its rows are timed like the distilled table.

Each tuned table is evaluated on every corpus of ``TOPICS_TUNING_CORPORA`` (default
``ag_news,20newsgroups``) that is not its training source, next to the distilled table and the
default backend in the same run: topic NMI (``fitting.discover`` over ``TOPICS_BACKEND_SEEDS``
seeds, as ``embedding_backends`` runs it) and lookup p@10. ``in-sample`` rows fit the table on the
evaluation corpus itself: an upper bound for a bag of tokens, not a method.

``corpus-tuned`` rows are a method: the table is refitted on a sample of the evaluation corpus
itself, embedded by the model at that time, with no labels (:func:`corpus_tuned_vectors`):

1. the corpus's distinct texts are cut into windows of ``CORPUS_WINDOW`` tokens (a short paragraph
   is one window) and windows holding ``TOPICS_TUNING_SHARES`` of its tokens are drawn;
2. the default backend embeds the windows; ``linear`` and ``tokens`` are fitted on them;
3. a corpus token the sample never shows takes the mean correction (``tokens`` - ``linear``) of its
   ``NEIGHBOURS`` nearest shown tokens in the distilled table, instead of none;
4. each text's vector is moved by the residuals (model vector - table vector) of its
   ``RESIDUAL_NEIGHBOURS`` nearest sampled windows.

Its speed is end to end (the draw, the model's embedding of the windows, the fits, every text's
vector) against plain ``SentenceTransformer.encode`` of the whole corpus in the same run, both with
their model loaded and warmed up first (``TOPICS_TUNING_SPEED=0`` skips that reference).
``TOPICS_TUNING_DRAWS`` (default ``0``) names the sample draws, to show how much the draw moves.
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
    "include the evaluation corpus, except the in-sample rows (an upper bound) and the corpus-tuned "
    "rows (a sample of it, embedded by the model, no labels). embed CPU s: the whole corpus, end to end "
    "for corpus-tuned; x encode = plain SentenceTransformer.encode CPU s / embed CPU s, same run."
)
VOCABULARY_TEXTS = 12_000
LINEAR_ALPHA = 1e-3  # per training text
TOKEN_ALPHA = 0.01   # pull of each token towards its linear vector (bag rows sum to 1)
DUAL_MAX_ROWS = 6_000  # up to this many training texts the token ridge is solved exactly in its dual form
# Corpus-tuned: a model window per training text (a short paragraph whole, so the targets are the
# kind of vector the corpus is embedded as), and 15 % of the tokens: the end-to-end cost stays
# under a twentieth of plain encode (the default backend is ~3x faster than encode).
CORPUS_SHARE = 0.15
CORPUS_WINDOW = 128
CORPUS_TOKEN_ALPHA = 0.03  # fewer pairs than a whole training set: a firmer pull
NEIGHBOURS = 10            # shown tokens whose corrections an unshown token takes
RESIDUAL_NEIGHBOURS = 5    # sampled windows whose residuals move a text's vector


def _bag(model, texts: list[str]):
    """Rows: a text's token counts over its length, so ``bag @ table`` is the mean token vector."""
    import scipy.sparse as sp

    ids = model.tokenize(texts, max_length=None)
    rows = np.repeat(np.arange(len(ids)), [len(x) for x in ids])
    cols = np.concatenate([np.asarray(x, dtype=np.int64) for x in ids]) if rows.size else np.zeros(0, np.int64)
    bag = sp.csr_matrix((np.ones(len(cols), np.float32), (rows, cols)), shape=(len(ids), model.embedding.shape[0]))
    return sp.diags(1 / np.maximum(np.asarray(bag.sum(1)).ravel(), 1)).astype(np.float32) @ bag


def _token_ridge(bag, residual: np.ndarray, alpha: float) -> np.ndarray:
    """Per-token corrections minimising ``|residual - bag @ delta|^2 + alpha |delta|^2``.

    Few training texts: the dual form ``bag^T (bag bag^T + alpha I)^-1 residual``, exact and cheap
    (a texts x texts system); many: scikit-learn's conjugate gradients on the sparse design.
    """
    if bag.shape[0] <= DUAL_MAX_ROWS:
        from scipy.linalg import solve

        gram = np.asarray((bag @ bag.T).todense(), dtype=np.float64)
        gram[np.diag_indices_from(gram)] += alpha
        return np.asarray(bag.T @ solve(gram, residual.astype(np.float64), assume_a="pos"), dtype=np.float32)
    from sklearn.linear_model import Ridge

    return Ridge(alpha=alpha, fit_intercept=False, solver="sparse_cg").fit(bag, residual).coef_.T


def fit_tables(model, texts: list[str], targets: np.ndarray, token_alpha: float = TOKEN_ALPHA) -> dict[str, np.ndarray]:
    """The ``linear`` and ``tokens`` tables fitted on these texts and their model vectors."""
    from sklearn.linear_model import Ridge

    table = np.asarray(model.embedding, dtype=np.float32)
    bag = _bag(model, texts)
    means = np.asarray(bag @ table)
    mapping = Ridge(alpha=LINEAR_ALPHA * len(texts), fit_intercept=False).fit(means, targets).coef_.T
    linear = table @ mapping
    residual = targets - np.asarray(bag @ linear)
    delta = _token_ridge(bag, residual, token_alpha)
    return {"linear": linear.astype(np.float32), "tokens": (linear + delta).astype(np.float32)}


def sample_windows(model, texts: list[str], share: float, window: int = CORPUS_WINDOW, seed: int = 0) -> list[str]:
    """Windows of ``window`` tokens cut from the distinct texts, drawn until they hold ``share`` of the tokens.

    The draw depends on the set of distinct texts (sorted by hash), not on their order or repeats.
    A window is the text's own characters from its first token to its last, so the model reads
    real text.
    """
    from topics.embedding.cache import text_hash

    distinct = sorted(set(texts), key=text_hash)
    spans, total = [], 0
    for t, encoding in enumerate(model.tokenizer.encode_batch(distinct, add_special_tokens=False)):
        total += len(encoding.offsets)
        for start in range(0, len(encoding.offsets), window):
            piece = encoding.offsets[start:start + window]
            spans.append((t, piece[0][0], piece[-1][1], len(piece)))
    chosen, used = [], 0
    for i in np.random.default_rng(seed).permutation(len(spans)):
        if used >= share * total:
            break
        t, start, end, n = spans[i]
        chosen.append(distinct[t][start:end])
        used += n
    return chosen


def _neighbour_corrections(table: np.ndarray, tables: dict, shown: np.ndarray, unshown: np.ndarray) -> np.ndarray:
    """``tokens`` with each unshown token corrected like its nearest shown tokens in the distilled table."""
    from topics.validate import unit_rows

    tuned, linear = tables["tokens"].copy(), tables["linear"]
    if not len(shown) or not len(unshown):
        return tuned
    unit = unit_rows(table)
    k = min(NEIGHBOURS, len(shown))
    sims = unit[unshown] @ unit[shown].T
    top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
    weights = np.maximum(np.take_along_axis(sims, top, 1), 0) ** 2
    weights /= np.maximum(weights.sum(1, keepdims=True), 1e-9)
    tuned[unshown] = linear[unshown] + np.einsum("uk,ukd->ud", weights, (tuned - linear)[shown][top])
    return tuned


def _residual_corrections(vectors: np.ndarray, window_vectors: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """Each vector moved by the residuals (model - table) of its nearest sampled windows, re-normalised."""
    from topics.validate import unit_rows

    k = min(RESIDUAL_NEIGHBOURS, len(window_vectors))
    if k == 0:
        return vectors
    sims = vectors @ window_vectors.T
    top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
    weights = np.maximum(np.take_along_axis(sims, top, 1), 0) ** 4  # the nearest count most
    weights /= np.maximum(weights.sum(1, keepdims=True), 1e-9)
    return unit_rows(vectors + np.einsum("nk,nkd->nd", weights, (targets - window_vectors)[top])).astype(np.float32)


def corpus_tuned_vectors(model, texts: list[str], teacher, share: float, seed: int = 0,
                         corrections: bool = True) -> np.ndarray:
    """Every text's vector from the table refitted on a sample of ``texts`` embedded by ``teacher``
    (``texts -> unit vectors``); ``corrections=False``: the refitted ``tokens`` table alone."""
    from topics.validate import unit_rows

    windows = sample_windows(model, texts, share, seed=seed)
    targets = np.asarray(teacher(windows), dtype=np.float32)
    tables = fit_tables(model, windows, targets, token_alpha=CORPUS_TOKEN_ALPHA)
    bag = _bag(model, texts)
    if not corrections:
        return unit_rows(np.asarray(bag @ tables["tokens"], dtype=np.float32))
    window_bag = _bag(model, windows)
    shown = np.flatnonzero(np.asarray(window_bag.sum(0)).ravel() > 0)
    unshown = np.setdiff1d(np.flatnonzero(np.asarray(bag.sum(0)).ravel() > 0), shown)
    tuned = _neighbour_corrections(np.asarray(model.embedding, dtype=np.float32), tables, shown, unshown)
    vectors = unit_rows(np.asarray(bag @ tuned, dtype=np.float32))
    window_vectors = unit_rows(np.asarray(window_bag @ tuned, dtype=np.float32))
    return _residual_corrections(vectors, window_vectors, targets)


def _run_table(model, table: np.ndarray, texts: list[str]) -> np.ndarray:
    """``texts`` embedded by a refitted table as the static backend runs a table (float16, one process)."""
    from model2vec import StaticModel

    from topics.validate import unit_rows

    runner = StaticModel(vectors=table.astype(np.float16), tokenizer=model.tokenizer, normalize=True)
    return unit_rows(np.asarray(runner.encode(texts, batch_size=1024, use_multiprocessing=False), dtype=np.float32))


def _timed(make):
    """(what ``make()`` returns, its CPU seconds)."""
    start = time.process_time()
    made = make()
    return made, time.process_time() - start


def _corpus_candidates(model, static, texts: list[str]) -> tuple[list[tuple], float | None]:
    """The static and corpus-tuned candidates, each embedded now and timed, and plain encode's CPU s."""
    from topics.embedding.embed import Embedder

    reference = None
    if os.environ.get("TOPICS_TUNING_SPEED", "1") == "1":
        from sentence_transformers import SentenceTransformer

        plain = SentenceTransformer(static._model_source, device="cpu")
        plain.encode(texts[:8])  # loaded and warmed up, as the teacher is
        reference = _timed(lambda: plain.encode(texts))[1]
        del plain
    teacher = Embedder(use_cache=False, show_progress=False).encode
    teacher(texts[:8])
    static.static_encoder.encode(texts[:8])
    candidates = [("static (distilled)", "", *_timed(lambda: static.static_encoder.encode(texts)))]
    shares = [float(x) for x in os.environ.get("TOPICS_TUNING_SHARES", str(CORPUS_SHARE)).split(",") if x.strip()]
    draws = [int(x) for x in os.environ.get("TOPICS_TUNING_DRAWS", "0").split(",") if x.strip()]
    for share in shares:
        for draw in draws:
            for corrections, method in ((False, "tokens"), (True, "tokens + neighbours + residuals")):
                vectors, cpu = _timed(lambda: corpus_tuned_vectors(model, texts, teacher, share, draw, corrections))
                candidates.append((f"corpus-tuned {share:.0%}, {method}, draw {draw}", "own sample", vectors, cpu))
    return candidates, reference


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
    elif source == "public":
        from benchmarks.static_public import training_texts

        texts = [text for group in training_texts().values() for text in group]
        targets = Embedder(show_progress=False).encode(texts)
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
        if source == "public":
            from benchmarks.static_public import fit_table

            fitted = {"tokens, 256-D": fit_table(model, texts, targets)}
        else:
            fitted = fit_tables(model, texts, targets)
        for variant, table in fitted.items():
            tables[(source, variant)] = table
        fit_cpu[source] = cpu + time.process_time() - start
        print(f"  static_tuning: fitted on {source} ({len(texts)} texts, {fit_cpu[source]:.0f} CPU s)", file=sys.stderr, flush=True)
    rows = []
    for name in evaluated:
        label, corpus = _load(name)
        texts = corpus.paragraphs["text"].tolist()
        bag = _bag(model, texts)
        timed, encode_cpu = _corpus_candidates(model, static, texts)
        candidates = [("default backend", "", Embedder(show_progress=False).encode(texts), None), *timed]
        candidates += [(f"static, {variant}", source, *_timed(lambda: _run_table(model, table, texts)))
                       for (source, variant), table in tables.items() if source != name]
        if in_sample:
            own = fit_tables(model, texts, np.asarray(Embedder(show_progress=False).encode(texts), dtype=np.float32))
            candidates.append(("static, tokens (in-sample bound)", name, unit_rows(np.asarray(bag @ own["tokens"], dtype=np.float32)), None))
        if encode_cpu is not None:
            rows.append({"corpus": label, "method": "SentenceTransformer.encode (speed reference)", "embed_cpu_s": round(encode_cpu, 2), "x_encode": 1.0})
        reference = None
        for method, source, vectors, cpu in candidates:
            nmi, precision = _topic_scores(corpus, vectors, seeds)
            reference = reference or float(np.mean(nmi))
            rows.append({"corpus": label, "method": method, "trained_on": source or None, "seeds": len(seeds),
                         "topic_NMI_mean": round(float(np.mean(nmi)), 3), "topic_NMI_sd": round(float(np.std(nmi)), 3),
                         "of_default": round(float(np.mean(nmi)) / reference, 3), "lookup_p@10": round(precision, 3),
                         "fit_cpu_s": round(fit_cpu[source], 1) if source in fit_cpu else None,
                         "embed_cpu_s": round(cpu, 2) if cpu is not None else None,
                         "x_encode": round(encode_cpu / cpu, 1) if cpu and encode_cpu else None})
            print(f"  {label} {method} [{source}]: NMI {np.mean(nmi):.3f} ± {np.std(nmi):.3f}"
                  + (f", {cpu:.1f} CPU s" if cpu is not None else ""), file=sys.stderr, flush=True)
    return rows


if __name__ == "__main__":
    from benchmarks.run import main

    raise SystemExit(main(["--only", "static_tuning", *sys.argv[1:]]))
