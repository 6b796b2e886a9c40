"""Topic quality: TopicModel next to BERTopic 0.17 on the labelled corpora, same embeddings.

For each corpus (article level, bundled all-MiniLM-L6-v2 embeddings, cached):
- ``topics auto``: ``TopicModel()`` (automatic topic count);
- ``topics k``: ``TopicModel(n_topics=k)`` with k = number of labels;
- ``BERTopic default``: ``BERTopic()`` with the same embeddings (its own
  UMAP, unseeded as by default, and HDBSCAN);
- ``BERTopic nr_topics=k``: the same, merged down to k topics;
- ``BERTopic stop words, 1-2 grams``: defaults plus the keyword setup its
  documentation recommends (``CountVectorizer(stop_words="english",
  ngram_range=(1, 2), min_df=2)``), for a fair keyword comparison;
- ``k-means k``: scikit-learn ``KMeans(n_clusters=k)`` on the raw embeddings,
  the floor any method should beat (keywords from topics' describer).

Columns: NMI and ARI against the labels over all documents (outliers count
as one more cluster), outlier share, number of topics, NPMI coherence of each
topic's 10 keywords (document co-occurrence in the corpus itself; pairs that
never co-occur count -1; a keyword phrase occurs where its words are
adjacent), topic diversity (distinct keywords / all keywords over the
topics), fit seconds with the embeddings given (TopicModel's includes its 2-D
map layout; both after numba's one-off compilation) and peak memory of the fit
(resident memory above the process's before it, sampled every 20 ms). Stability: mean ARI
between the topics of 5 runs with different seeds (BERTopic's UMAP seeded
for that purpose), on BBC News and AG News.

Corpora: BBC News (all), AG News and 20 Newsgroups (fixed-seed samples of
3,000; embedding them takes tens of minutes on 2 cores the first time), ISAF press releases (label = event type), NYT Afghanistan full text
(label = URL section) and abstracts (label = NYT section). The NYT labels
are newspaper sections, not topics: low scores there say little. Quick
mode: the 200-article BBC sample in tests/data, no stability runs.

Run: ``python -m benchmarks.topic_quality [--quick]`` (or ``python -m benchmarks.run --only topic_quality``).
"""

from __future__ import annotations

import itertools
import re
import sys

import numpy as np
import pandas as pd

from benchmarks.paths import BBC_SAMPLE, SHARED_DATA  # also sets the offline settings
SAMPLE_SIZE = 3000
SAMPLE_SEED = 0
STABILITY_SEEDS = (0, 1, 2, 3, 4)
# Ten more fits per corpus: on the two largest news corpora only, to keep the run under an hour.
STABILITY_CORPORA = ("bbc_news", "ag_news (3k)")
N_KEYWORDS = 10

NOTES = (
    "NMI/ARI over all documents, outliers counted as one cluster. NPMI: document co-occurrence of each "
    "topic's 10 keywords in the corpus itself. Diversity: distinct keywords / all keywords. Seconds: fit "
    "with embeddings given (TopicModel's includes its 2-D layout). Stability: mean pairwise ARI of 5 seeds (BBC, AG News). "
    "AG News and 20 Newsgroups: fixed-seed samples of 3,000 documents."
)


# -- corpora ------------------------------------------------------------------------------------
def corpora(quick: bool) -> list[tuple[str, object]]:
    """(name, source for load_corpus) pairs; sources are paths or DataFrames."""
    if quick:
        return [("bbc_sample (200)", BBC_SAMPLE)]
    sample = dict(n=SAMPLE_SIZE, random_state=SAMPLE_SEED)
    newsgroups = pd.read_json(SHARED_DATA / "20newsgroups_bydate.jsonl.gz", lines=True)
    return [
        ("bbc_news", SHARED_DATA / "bbc_news.csv"),
        ("ag_news (3k)", pd.read_csv(SHARED_DATA / "ag_news_test.csv").sample(**sample)),
        ("isaf_press_releases", SHARED_DATA / "isaf_press_releases_test.jsonl"),
        ("nyt_afghanistan_abstracts", SHARED_DATA / "nyt_afghanistan_2020_2021_abstracts.csv"),
        ("20newsgroups (3k)", newsgroups.drop(columns=["text_raw"]).sample(**sample)),
        ("nyt_afghanistan_fulltext", SHARED_DATA / "nyt_afghanistan_2020_2021_fulltext.jsonl.gz"),
    ]


def load(source):
    from topics.ingest.corpus import load_corpus
    from topics.embedding.embed import Embedder, embed_units

    corpus = load_corpus(source)
    units = corpus.units("article")
    embeddings = embed_units(corpus, "article", Embedder(show_progress=False))
    return units, embeddings


# -- metrics --------------------------------------------------------------------------------------
def _terms(text: str) -> set[str]:
    """Words and adjacent word pairs, tokenised both with and without hyphens kept (fair to both tools)."""
    text = str(text).lower()
    terms: set[str] = set()
    for pattern in (r"(?u)\b\w\w+\b", r"(?u)\b[^\W\d_](?:[\w-]*[^\W_])?\b"):
        tokens = re.findall(pattern, re.sub(r"['’]s\b", "", text))
        terms.update(tokens)
        terms.update(f"{a} {b}" for a, b in zip(tokens, tokens[1:]))
    return terms


def npmi_coherence(topic_keywords: list[list[str]], texts: list[str]) -> float:
    """Mean over topics of the mean NPMI of keyword pairs (document co-occurrence)."""
    vocabulary = sorted({k.lower() for keywords in topic_keywords for k in keywords})
    if not vocabulary:
        return float("nan")
    column = {k: i for i, k in enumerate(vocabulary)}
    present = np.zeros((len(texts), len(vocabulary)), dtype=bool)
    for row, text in enumerate(texts):
        for term in _terms(text) & column.keys():
            present[row, column[term]] = True
    n_docs = len(texts)
    p = present.mean(axis=0)
    joint = (present.T.astype(np.float64) @ present.astype(np.float64)) / n_docs
    scores = []
    for keywords in topic_keywords:
        ids = [column[k.lower()] for k in keywords]
        pair_scores = []
        for i, j in itertools.combinations(ids, 2):
            if joint[i, j] == 0 or p[i] == 0 or p[j] == 0:
                pair_scores.append(-1.0)
            elif joint[i, j] == 1:
                pair_scores.append(1.0)
            else:
                pair_scores.append(np.log(joint[i, j] / (p[i] * p[j])) / -np.log(joint[i, j]))
        if pair_scores:
            scores.append(float(np.mean(pair_scores)))
    return float(np.mean(scores)) if scores else float("nan")


def diversity(topic_keywords: list[list[str]]) -> float:
    words = [k for keywords in topic_keywords for k in keywords]
    return len(set(words)) / len(words) if words else float("nan")


def mean_pairwise_ari(labelings: list[np.ndarray]) -> float:
    from sklearn.metrics import adjusted_rand_score

    return float(np.mean([adjusted_rand_score(a, b) for a, b in itertools.combinations(labelings, 2)]))


def score(corpus: str, method: str, truth, run, texts) -> dict:
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    labels, keywords = run.result
    labels, seconds = np.asarray(labels), run.seconds
    print(f"  {corpus}: {method}: {len(keywords)} topics, {seconds:.1f} s", file=sys.stderr, flush=True)
    return {
        "corpus": corpus,
        "method": method,
        "n_docs": len(labels),
        "NMI": round(float(normalized_mutual_info_score(truth, labels)), 3),
        "ARI": round(float(adjusted_rand_score(truth, labels)), 3),
        "outliers": round(float(np.mean(labels == -1)), 3),
        "n_topics": len(keywords),
        "NPMI": round(npmi_coherence(keywords, texts), 3),
        "diversity": round(diversity(keywords), 3),
        "seconds": round(seconds, 1),
        "peak_MiB": round(run.peak_extra_gib * 1024),
    }


# -- methods --------------------------------------------------------------------------------------
def fit_topics(units, embeddings, n_topics=None, random_state=42):
    from topics.modeling.model import TopicModel

    model = TopicModel(n_topics=n_topics, n_keywords=N_KEYWORDS, random_state=random_state).fit(units, embeddings=embeddings)
    info = model.topic_info()
    return model.labels_, info.loc[info["topic_id"] >= 0, "keywords"].tolist()


def fit_kmeans(texts, embeddings, k: int, random_state=42):
    from sklearn.cluster import KMeans

    from topics.modeling.cluster import topic_centroids
    from topics.modeling.describe import describe_topics

    labels = KMeans(n_clusters=k, n_init=10, random_state=random_state).fit_predict(embeddings)
    topic_ids = np.arange(k)
    described = describe_topics(texts, labels, topic_ids, embeddings, topic_centroids(embeddings, labels, topic_ids),
                                n_keywords=N_KEYWORDS)
    return labels, [list(words) for words in described.keywords]


def fit_bertopic(texts, embeddings, embedding_model, nr_topics=None, seed=None, stop_words=False):
    from bertopic import BERTopic
    from sklearn.feature_extraction.text import CountVectorizer

    umap_model = None
    if seed is not None:
        from umap import UMAP

        umap_model = UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine", random_state=seed)
    # BERTopic's documented setup for cleaner keywords: English stop words, uni- and bi-grams.
    vectorizer = CountVectorizer(stop_words="english", ngram_range=(1, 2), min_df=2) if stop_words else None
    model = BERTopic(embedding_model=embedding_model, nr_topics=nr_topics, umap_model=umap_model, vectorizer_model=vectorizer)
    labels, _ = model.fit_transform(texts, embeddings)
    keywords = [
        [word for word, _ in model.get_topic(topic)][:N_KEYWORDS]
        for topic in sorted(model.get_topics())
        if topic != -1
    ]
    return np.asarray(labels), keywords


def warm_up() -> None:
    """Compile UMAP's numba code once, so no method's timing pays for it."""
    import warnings

    import umap

    rng = np.random.default_rng(0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        umap.UMAP(n_neighbors=5, n_components=2, random_state=0, metric="cosine").fit_transform(rng.normal(size=(60, 8)))


def run(quick: bool = False) -> list[dict]:
    from benchmarks.measure import measured
    from topics.embedding.embed import Embedder

    warm_up()
    embedding_model = Embedder().sentence_transformer
    rows: list[dict] = []
    for name, source in corpora(quick):
        units, embeddings = load(source)
        # Unlabelled documents cannot be scored; a zero vector (an article whose paragraphs were
        # all collapsed into another article's at ingest) has no direction to cluster.
        keep = units["label"].notna().to_numpy() & (np.linalg.norm(embeddings, axis=1) > 0)
        if (~keep).any():
            print(f"{name}: {int((~keep).sum())} documents left out (no label or zero vector)", file=sys.stderr)
        units, embeddings = units[keep].reset_index(drop=True), embeddings[keep]
        truth = units["label"].astype(str).to_numpy()
        texts = units["text"].tolist()
        k = len(set(truth))
        print(f"{name}: {len(units)} documents, {k} labels", file=sys.stderr, flush=True)
        results = {
            "topics auto": measured(fit_topics, units, embeddings),
            f"topics k={k}": measured(fit_topics, units, embeddings, n_topics=k),
            "BERTopic default": measured(fit_bertopic, texts, embeddings, embedding_model),
            f"BERTopic nr_topics={k}": measured(fit_bertopic, texts, embeddings, embedding_model, nr_topics=k),
            "BERTopic stop words, 1-2 grams": measured(fit_bertopic, texts, embeddings, embedding_model, stop_words=True),
            f"k-means k={k}": measured(fit_kmeans, texts, embeddings, k),
        }
        stability = {}
        if not quick and name in STABILITY_CORPORA:
            stability["topics auto"] = mean_pairwise_ari([fit_topics(units, embeddings, random_state=s)[0] for s in STABILITY_SEEDS])
            stability[f"k-means k={k}"] = mean_pairwise_ari([fit_kmeans(texts, embeddings, k, s)[0] for s in STABILITY_SEEDS])
            stability["BERTopic default"] = mean_pairwise_ari(
                [fit_bertopic(texts, embeddings, embedding_model, seed=s)[0] for s in STABILITY_SEEDS]
            )
        for method, run in results.items():
            row = score(name, method, truth, run, texts)
            row["stability_ARI"] = round(stability[method], 3) if method in stability else None
            rows.append(row)
    return rows


def main(argv: list[str] | None = None) -> int:
    from benchmarks.run import main as run_main

    argv = list(sys.argv[1:] if argv is None else argv)
    return run_main(["--only", "topic_quality", *argv])


if __name__ == "__main__":
    raise SystemExit(main())
