"""Does the int8 ONNX backend change results? fp32 torch vs int8 ONNX vectors on BBC News.

- agreement: cosine between the two vectors of each paragraph (mean, 1st percentile, min);
- lookup: for each article, its 10 nearest articles: share with the same section
  (precision@10) under each backend, and overlap of the two top-10 lists;
- topics: NMI/ARI against the section of ``TopicModel`` (automatic) and k-means (k = 5)
  on the article vectors of each backend; medians over three seeds; the noise
  floor is the spread of the fp32 runs.

Vectors come through each backend's own embedding cache (separate model ids), so
only the first run pays for embedding.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("TOPICS_DATA_DIR", ROOT.parent / "shared" / "data"))
SEEDS = (42, 43, 44)

NOTES = (
    "Article vectors = length-weighted mean of paragraph vectors. precision@10: share of an article's 10 "
    "nearest articles (cosine) in its own section. Topic NMI/ARI: outliers count as one cluster. "
    "Topic rows: medians over random_state 42, 43, 44 for both backends; noise = max − min of the fp32 runs."
)


def _corpus(quick: bool, tiny: bool):
    from topics.ingest.corpus import load_corpus

    path = DATA / "bbc_news.csv"
    if quick or tiny or not path.exists():
        path = ROOT / "tests" / "data" / "bbc_sample.csv"
    corpus = load_corpus(path)
    if tiny:
        import dataclasses

        keep = corpus.articles["article_id"].iloc[:40]
        corpus = dataclasses.replace(
            corpus,
            articles=corpus.articles[corpus.articles["article_id"].isin(keep)].reset_index(drop=True),
            paragraphs=corpus.paragraphs[corpus.paragraphs["article_id"].isin(keep)].reset_index(drop=True),
        )
    return corpus, path.name


def _precision_at_10(vectors: np.ndarray, labels: np.ndarray) -> tuple[float, np.ndarray]:
    sims = vectors @ vectors.T
    np.fill_diagonal(sims, -np.inf)
    k = min(10, len(vectors) - 1)
    top = np.argpartition(-sims, k, axis=1)[:, :k]
    return float((labels[top] == labels[:, None]).mean()), top


def run(quick: bool = False, tiny: bool = False) -> list[dict]:
    from sklearn.cluster import KMeans
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    from topics.embedding.embed import Embedder, article_vectors
    from topics.modeling.model import TopicModel

    corpus, source = _corpus(quick, tiny)
    texts = corpus.paragraphs["text"].tolist()
    fp32 = Embedder(backend="torch", show_progress=False).encode(texts)
    int8 = Embedder(backend="onnx", show_progress=False).encode(texts)
    cosine = np.sum(fp32 * int8, axis=1)
    units = corpus.units("article")
    labels = units["label"].astype(str).to_numpy()
    article = {"fp32": article_vectors(corpus, fp32), "int8": article_vectors(corpus, int8)}
    # Articles whose paragraphs were all dropped at ingest have no vector: leave them out.
    has_vector = np.linalg.norm(article["fp32"], axis=1) > 0
    units = units[has_vector].reset_index(drop=True)
    labels = labels[has_vector]
    article = {name: vectors[has_vector] for name, vectors in article.items()}

    rows = [
        {"metric": f"paragraph cosine int8 vs fp32, mean ({len(texts)} paragraphs, {source})", "torch_fp32": 1.0, "onnx_int8": float(cosine.mean())},
        {"metric": "paragraph cosine int8 vs fp32, 1st percentile", "torch_fp32": 1.0, "onnx_int8": float(np.percentile(cosine, 1))},
        {"metric": "paragraph cosine int8 vs fp32, min", "torch_fp32": 1.0, "onnx_int8": float(cosine.min())},
    ]
    p_fp32, top_fp32 = _precision_at_10(article["fp32"], labels)
    p_int8, top_int8 = _precision_at_10(article["int8"], labels)
    overlap = np.mean([len(set(a) & set(b)) / len(a) for a, b in zip(top_fp32, top_int8)])
    rows.append({"metric": f"lookup precision@10 ({len(labels)} articles)", "torch_fp32": p_fp32, "onnx_int8": p_int8})
    rows.append({"metric": "lookup top-10 overlap with fp32", "torch_fp32": 1.0, "onnx_int8": float(overlap)})

    def topic_scores(vectors, seed):
        model = TopicModel(random_state=seed).fit(units, embeddings=vectors)
        predicted = np.asarray(model.labels_)
        return normalized_mutual_info_score(labels, predicted), adjusted_rand_score(labels, predicted), len(model.topic_ids_)

    def kmeans_scores(vectors, seed):
        predicted = KMeans(n_clusters=len(np.unique(labels)), n_init=10, random_state=seed).fit_predict(vectors)
        return normalized_mutual_info_score(labels, predicted), adjusted_rand_score(labels, predicted)

    seeds = SEEDS[:1] if tiny else SEEDS
    fp32_topics = [topic_scores(article["fp32"], s) for s in seeds]
    int8_topics = [topic_scores(article["int8"], s) for s in seeds]
    fp32_kmeans = [kmeans_scores(article["fp32"], s) for s in seeds]
    int8_kmeans = [kmeans_scores(article["int8"], s) for s in seeds]
    for name, fp32_runs, int8_runs, index in (
        ("TopicModel NMI", fp32_topics, int8_topics, 0),
        ("TopicModel ARI", fp32_topics, int8_topics, 1),
        ("TopicModel topics found", fp32_topics, int8_topics, 2),
        ("k-means (k=5) NMI", fp32_kmeans, int8_kmeans, 0),
    ):
        fp32_values = [float(r[index]) for r in fp32_runs]
        int8_values = [float(r[index]) for r in int8_runs]
        rows.append({"metric": f"{name} (median of {len(seeds)} seeds)", "torch_fp32": float(np.median(fp32_values)),
                     "onnx_int8": float(np.median(int8_values)),
                     "noise": float(max(fp32_values) - min(fp32_values)) if len(fp32_values) > 1 else None,
                     "fp32_runs": fp32_values, "int8_runs": int8_values})
    for row in rows:
        row["difference"] = row["onnx_int8"] - row["torch_fp32"]
    return rows


if __name__ == "__main__":
    from benchmarks.run import main

    raise SystemExit(main(["--only", "onnx_quality", *sys.argv[1:]]))
