"""Embedding backends against plain ``SentenceTransformer.encode``: speed and downstream quality.

Backends: ``torch`` (fp32, the model as published), ``onnx`` (dynamic int8 ONNX export) and
``static`` (a model2vec lookup table distilled from the same model), all from the bundled
all-MiniLM-L6-v2. In one run:

- speed: CPU seconds to embed the same random BBC News paragraphs, no cache, model loaded and
  warmed up first; plain ``SentenceTransformer.encode`` with its defaults is the reference
  (CPU time, since the machine is shared: wall time follows the load);
- agreement: cosine between a backend's paragraph vector and the fp32 one (same dimension only);
- lookup: precision@10 of the article vectors (share of an article's 10 nearest in its section);
- topics: NMI / ARI against the labels of the automatic topics (only the step that decides them,
  ``fitting.discover``, as ``clustering_tradeoff`` runs it) over ``SEEDS`` seeds, and k-means;
- guided themes: ``Themes`` accuracy (primary theme or "none" against the label) and macro
  precision / recall on the seed paragraphs and the BBC sample (``benchmarks.themes``).

Vectors come through each backend's own embedding cache (separate model ids): set
``TOPICS_CACHE_DIR`` to share it. Run: ``python -m benchmarks.embedding_backends [--quick]``.
``TOPICS_BACKEND_PARTS`` (comma-separated of ``speed,quality,themes``; all by default) runs only
some tables, e.g. ``quality`` alone for the topic NMI columns; ``TOPICS_BACKEND_SEEDS`` sets the seeds;
``TOPICS_BACKEND_CORPORA`` (of ``bbc_news,ag_news,20newsgroups,isaf,nyt``; the first two by default) the quality corpora.
"""

from __future__ import annotations

import os
import sys
import time

import numpy as np

from benchmarks.paths import BBC_SAMPLE, SHARED_DATA  # also sets the offline settings

BACKENDS = ("torch", "onnx", "static")
SEEDS = tuple(range(int(os.environ.get("TOPICS_BACKEND_SEEDS", "10"))))
SPEED_PARAGRAPHS = 500
PARTS = ("speed", "quality", "themes")
NOTES = (
    "speed: CPU seconds to embed the same paragraphs without cache (model loaded, one warm-up batch), "
    "speed-up = SentenceTransformer.encode CPU s / backend CPU s, same run. Topic NMI/ARI: automatic topics "
    "(fitting.discover) of the article vectors, mean ± sd over the seeds, outliers as one cluster; "
    "'of fp32' = backend mean / torch mean. lookup p@10: same section among an article's 10 nearest. "
    "Themes: Themes defaults, accuracy of the primary theme (or none) against the label."
)


def _corpora(quick: bool):
    import pandas as pd

    if quick:
        return [("bbc_sample (200)", BBC_SAMPLE)]
    chosen = [c.strip() for c in os.environ.get("TOPICS_BACKEND_CORPORA", "bbc_news,ag_news").split(",") if c.strip()]
    loaders = {
        "bbc_news": lambda: ("bbc_news", SHARED_DATA / "bbc_news.csv"),
        "ag_news": lambda: ("ag_news (3k)", pd.read_csv(SHARED_DATA / "ag_news_test.csv").sample(n=3000, random_state=0)),
        "20newsgroups": lambda: ("20newsgroups (2k test)", _newsgroups_sample()),
        # Formulaic military press releases, labels very unbalanced (506 of 724 "detention").
        "isaf": lambda: ("isaf press releases (724)", SHARED_DATA / "isaf_press_releases_test.jsonl"),
        # New York Times full texts, labelled by the section of their address (mostly world and us).
        "nyt": lambda: ("nyt afghanistan full texts (324)", SHARED_DATA / "nyt_afghanistan_2020_2021_fulltext.jsonl.gz"),
    }
    unknown = sorted(set(chosen) - set(loaders))
    if unknown:
        raise ValueError(f"TOPICS_BACKEND_CORPORA: unknown corpus {', '.join(unknown)}; known: {', '.join(loaders)}")
    return [loaders[c]() for c in chosen]


def _newsgroups_sample():
    """2,000 test-split messages of 20 to 400 words (a held-out check: informal text, 20 groups)."""
    import pandas as pd

    messages = pd.read_json(SHARED_DATA / "20newsgroups_bydate.jsonl.gz", lines=True)
    messages = messages[messages["split"] == "test"][["id", "title", "text", "label"]]
    messages = messages[messages["text"].str.split().str.len().between(20, 400)]
    return messages.sample(n=2000, random_state=0)


def speed_rows(quick: bool) -> list[dict]:
    from sentence_transformers import SentenceTransformer

    from topics.embedding.embed import Embedder
    from topics.ingest.corpus import load_corpus

    source = BBC_SAMPLE if quick else SHARED_DATA / "bbc_news.csv"
    paragraphs = load_corpus(source).paragraphs["text"].tolist()
    n = min(128 if quick else SPEED_PARAGRAPHS, len(paragraphs))
    texts = [paragraphs[i] for i in sorted(np.random.default_rng(0).choice(len(paragraphs), n, replace=False))]
    embedders = {b: Embedder(backend=b, use_cache=False, show_progress=False) for b in BACKENDS}
    plain = SentenceTransformer(embedders["torch"]._model_source, device="cpu")
    methods = [("SentenceTransformer.encode (defaults)", plain.encode)]
    methods += [(f"topics ({b})", embedders[b].encode) for b in BACKENDS]
    for _, encode in methods:
        encode(texts[:8])  # load, warm up
    cpu = {}
    for name, encode in methods:
        start, wall = time.process_time(), time.perf_counter()
        encode(texts)
        cpu[name] = (time.process_time() - start, time.perf_counter() - wall)
        print(f"  speed {name}: {cpu[name][0]:.1f} CPU s", file=sys.stderr, flush=True)
    reference = cpu[methods[0][0]][0]
    return [{"table": "speed", "method": name, "paragraphs": n, "cpu_s": round(c, 2), "wall_s": round(w, 2),
             "cpu_speedup": round(reference / c, 2)} for name, (c, w) in cpu.items()]


def _precision_at_10(vectors: np.ndarray, labels: np.ndarray) -> float:
    sims = vectors @ vectors.T
    np.fill_diagonal(sims, -np.inf)
    k = min(10, len(vectors) - 1)
    top = np.argpartition(-sims, k, axis=1)[:, :k]
    return float((labels[top] == labels[:, None]).mean())


def quality_rows(quick: bool) -> list[dict]:
    from sklearn.cluster import KMeans
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    from topics.embedding.embed import Embedder, article_vectors
    from topics.ingest.corpus import load_corpus
    from topics.modeling import fitting
    from topics.modeling.model import TopicModel

    seeds = SEEDS[:3] if quick else SEEDS
    rows = []
    for name, source in _corpora(quick):
        corpus = load_corpus(source)
        texts = corpus.paragraphs["text"].tolist()
        paragraph = {b: Embedder(backend=b, show_progress=False).encode(texts) for b in BACKENDS}
        article = {b: article_vectors(corpus, v) for b, v in paragraph.items()}
        units = corpus.units("article")
        keep = units["label"].notna().to_numpy() & (np.linalg.norm(article["torch"], axis=1) > 0)
        for b in BACKENDS:
            keep &= np.linalg.norm(article[b], axis=1) > 0
        units = units[keep].reset_index(drop=True)
        truth = units["label"].astype(str).to_numpy()
        reference_nmi = None
        for backend in BACKENDS:
            vectors = article[backend][keep]
            nmi, ari, found = [], [], []
            start = time.process_time()
            for seed in seeds:
                labels, _, _ = fitting.discover(TopicModel(random_state=seed), units["text"].tolist(), vectors, None, False)
                nmi.append(normalized_mutual_info_score(truth, labels))
                ari.append(adjusted_rand_score(truth, labels))
                found.append(int(labels.max()) + 1)
            cpu = (time.process_time() - start) / len(seeds)
            kmeans = KMeans(n_clusters=len(np.unique(truth)), n_init=10, random_state=0).fit_predict(vectors)
            same_dim = paragraph[backend].shape[1] == paragraph["torch"].shape[1]
            cosine = np.sum(paragraph[backend] * paragraph["torch"], axis=1) if same_dim else None
            reference_nmi = reference_nmi or float(np.mean(nmi))
            rows.append({
                "table": "quality", "corpus": name, "articles": len(units), "backend": backend, "seeds": len(seeds),
                "cosine_to_fp32_mean": None if cosine is None else round(float(cosine.mean()), 4),
                "cosine_to_fp32_p1": None if cosine is None else round(float(np.percentile(cosine, 1)), 4),
                "lookup_p@10": round(_precision_at_10(vectors, truth), 3),
                "topic_NMI_mean": round(float(np.mean(nmi)), 3), "topic_NMI_sd": round(float(np.std(nmi)), 3),
                "topic_NMI_min": round(float(np.min(nmi)), 3), "NMI_of_fp32": round(float(np.mean(nmi)) / reference_nmi, 3),
                "topic_ARI_mean": round(float(np.mean(ari)), 3), "topics_found": sorted(set(found)),
                "kmeans_NMI": round(float(normalized_mutual_info_score(truth, kmeans)), 3),
                "topics_cpu_s": round(cpu, 2),
            })
            print(f"  {name} {backend}: NMI {np.mean(nmi):.3f} ± {np.std(nmi):.3f}", file=sys.stderr, flush=True)
    return rows


def theme_rows(quick: bool) -> list[dict]:
    from benchmarks import themes as bench
    from topics.embedding.embed import Embedder
    from topics.ingest.corpus import load_corpus

    rows = []
    for backend in BACKENDS:
        embedder = Embedder(backend=backend, show_progress=False)
        found = bench.seed_rows(embedder, with_bertopic=False)
        found += _section_rows("BBC News sample (200)", load_corpus(BBC_SAMPLE), bench, embedder)
        for row in found:
            if row["method"] == "Themes" and row["theme"] == "all themes":
                rows.append({"table": "themes", "corpus": row["corpus"], "backend": backend,
                             "accuracy": row.get("accuracy"), "precision": row["precision"], "recall": row["recall"],
                             "false_assignment": row.get("false_assignment")})
    return rows


def _section_rows(name, corpus, bench, embedder) -> list[dict]:
    """``benchmarks.themes.labelled_rows`` on a corpus labelled by section, without its BERTopic baseline."""
    from topics.embedding.embed import embed_units
    from topics.themes.themefile import load_themes

    units = corpus.units("article")
    embeddings = embed_units(corpus, "article", embedder)
    themes = load_themes(bench.DATA / "bbc_themes.toml")
    truth = bench.section_truth(units, [t.name for t in themes])
    context = dict(corpus=name, theme_file="bbc_themes.toml", units=len(units))
    return bench.compare(context, themes, units, embeddings, embedder, truth, units["label"].astype(str).to_numpy(), False)


def run(quick: bool = False, tiny: bool = False) -> list[dict]:
    quick = quick or tiny
    parts = [p.strip() for p in os.environ.get("TOPICS_BACKEND_PARTS", ",".join(PARTS)).split(",") if p.strip()]
    unknown = sorted(set(parts) - set(PARTS))
    if unknown:
        raise ValueError(f"TOPICS_BACKEND_PARTS: unknown part(s) {', '.join(unknown)}; known: {', '.join(PARTS)}")
    tables = {"speed": speed_rows, "quality": quality_rows, "themes": theme_rows}
    return [row for part in PARTS if part in parts for row in tables[part](quick)]


if __name__ == "__main__":
    from benchmarks.run import main

    raise SystemExit(main(["--only", "embedding_backends", *sys.argv[1:]]))
