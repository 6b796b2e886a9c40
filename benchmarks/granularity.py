"""Granularity of automatic topics: the seeds against their hand-read themes, and larger corpora beside them.

``python -m benchmarks.granularity [--quick]`` prints a Markdown table and writes
``artifacts/bench/granularity.json``. The seed paragraphs (91, six themes read by hand in
``tests/data/seed_theme_labels.csv``; "none" counts as a theme) ask for broad topics on a small
corpus of one subject; BBC News, AG News (3k) and the ISAF press releases (article level) check
that a change made for them does not cost corpora where topics already match their labels.
Each variant runs the graph step of ``TopicModel(clustering="graph")`` (fuzzy kNN graph,
consensus Leiden, centroid refinement, one split of a topic holding most units) on other vectors
or at another modularity resolution:

- ``default``: sentence embeddings, resolution ``topics.modeling.cluster.GRAPH_RESOLUTION``;
- ``resolution 0.75`` / ``resolution 1.0``: finer communities;
- ``words + meaning, aliases``: embeddings joined with an LSA of TF-IDF over the texts with mined
  aliases unified (``lexical_semantic_vectors``, as ``n_topics=k`` uses), so "Daesh" and "IS-K" are one word;
- ``centred``: embeddings minus the corpus mean, re-normalised (what all units share taken out);
- ``word weight 0.3`` / ``0.5``: neighbours found by a blend of the embedding cosine and the
  TF-IDF cosine (aliases unified) at that word weight (``TopicModel(word_weight=...)``,
  :mod:`topics.modeling.word_graph`).

Seeds: for the default, which topic holds most of each theme (a merge shows as two themes
naming one topic). ``--quick``: the seeds only.
"""

from __future__ import annotations

import sys
import time
import warnings

import numpy as np

from benchmarks.paths import ROOT  # also sets the offline settings

SEED_LABELS = ROOT / "tests" / "data" / "seed_theme_labels.csv"
VARIANTS = ("default", "resolution 0.75", "resolution 1.0", "words + meaning, aliases", "centred", "word weight 0.3", "word weight 0.5")
NOTES = (
    "ARI / NMI against the labels (seeds: hand-read themes, 'none' one class; others: their sections). "
    "cpu_s: CPU seconds of the variant's vectors and graph step."
)


def variant_vectors(variant: str, texts: list[str], embeddings: np.ndarray) -> tuple[np.ndarray, float | None]:
    """(vectors for the graph, resolution or None for the default) of one variant."""
    from topics.modeling.reduce import lexical_semantic_vectors
    from topics.text.alias_mining import mine_aliases
    from topics.validate import unit_rows

    if variant.startswith("resolution"):
        return embeddings, float(variant.split()[-1])
    if variant == "words + meaning, aliases":
        return lexical_semantic_vectors(mine_aliases(texts).normalize_all(texts), embeddings, 0), None
    if variant == "centred":
        return unit_rows(embeddings - embeddings.mean(axis=0)).astype(np.float32), None
    return embeddings, None


def graph_topics(vectors: np.ndarray, resolution: float | None, random_state: int = 0,
                 words=None, word_weight: float = 0.0) -> np.ndarray:
    """The automatic graph step of ``TopicModel`` on ``vectors`` at ``resolution``.

    ``words`` (TF-IDF rows) and ``word_weight``: neighbours by words and meaning, as
    ``TopicModel(word_weight=...)`` finds them.
    """
    from topics.modeling import cluster
    from topics.modeling.reduce import fuzzy_graph, reduction_params
    from topics.modeling.word_graph import blended_graph

    resolution = cluster.GRAPH_RESOLUTION if resolution is None else resolution
    min_size = cluster.min_topic_size_for(len(vectors))

    def topics_of(rows):
        rows_vectors = vectors[rows]
        n_neighbors = reduction_params(len(rows_vectors)).n_neighbors
        if words is not None and word_weight > 0:
            weights = blended_graph(rows_vectors, words[rows], n_neighbors, word_weight)
        else:
            weights = fuzzy_graph(rows_vectors, n_neighbors, None, random_state)
        return cluster.graph_clusters(weights, rows_vectors, min_size, random_state, resolution=resolution)

    labels, strengths = topics_of(np.arange(len(vectors)))
    if (labels >= 0).any():
        labels, _ = cluster.split_oversized(labels, strengths, topics_of)
    return labels


def word_graph_topics(texts: list[str], vectors: np.ndarray, word_weight: float, random_state: int = 0) -> np.ndarray:
    """:func:`graph_topics` with neighbours by words (aliases mined from ``texts``) and meaning."""
    from topics.modeling.word_graph import word_vectors
    from topics.text.alias_mining import mine_aliases

    words = word_vectors(texts, mine_aliases(texts))
    return graph_topics(vectors, None, random_state, words, word_weight)


def corpus_rows(name: str, texts: list[str], embeddings: np.ndarray, truth: np.ndarray) -> list[dict]:
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    rows = []
    for variant in VARIANTS:
        started = time.process_time()
        if variant.startswith("word weight"):
            labels = word_graph_topics(texts, embeddings, float(variant.split()[-1]))
        else:
            vectors, resolution = variant_vectors(variant, texts, embeddings)
            labels = graph_topics(vectors, resolution)
        rows.append({
            "corpus": name, "variant": variant, "units": len(texts), "topics": len(set(labels[labels >= 0])),
            "ARI": round(float(adjusted_rand_score(truth, labels)), 3),
            "NMI": round(float(normalized_mutual_info_score(truth, labels)), 3),
            "cpu_s": round(time.process_time() - started, 1),
        })
        print(f"  {name} {variant}: ARI {rows[-1]['ARI']} NMI {rows[-1]['NMI']}", file=sys.stderr, flush=True)
    return rows


def theme_homes(truth: np.ndarray, labels: np.ndarray) -> dict[str, str]:
    """Theme -> "topic t (share of the theme there)": two themes with one topic were merged."""
    homes = {}
    for theme in sorted(set(truth)):
        found, counts = np.unique(labels[truth == theme], return_counts=True)
        homes[str(theme)] = f"topic {int(found[counts.argmax()])} ({counts.max() / counts.sum():.0%})"
    return homes


def seed_material():
    import pandas as pd

    from topics.embedding.embed import Embedder, embed_units
    from topics.ingest.corpus import load_corpus

    corpus = load_corpus(ROOT / "seeds")
    units = corpus.units("paragraph")
    truth = pd.read_csv(SEED_LABELS).set_index("paragraph_id").loc[units["unit_id"], "theme"].to_numpy()
    return units["text"].tolist(), embed_units(corpus, "paragraph", Embedder(show_progress=False)), truth


def run(quick: bool = False) -> tuple[list[dict], dict]:
    from benchmarks.topic_quality import corpora, load

    warnings.simplefilter("ignore")
    texts, embeddings, truth = seed_material()
    rows = corpus_rows("seeds (paragraphs)", texts, embeddings, truth)
    homes = theme_homes(truth, graph_topics(embeddings, None))
    if not quick:
        for name, source in corpora(False)[:3]:  # BBC News, AG News 3k, ISAF press releases
            units, vectors = load(source)
            keep = units["label"].notna().to_numpy() & (np.linalg.norm(vectors, axis=1) > 0)
            units, vectors = units[keep].reset_index(drop=True), vectors[keep]
            rows += corpus_rows(name, units["text"].tolist(), vectors, units["label"].astype(str).to_numpy())
    return rows, homes


def main(argv: list[str] | None = None) -> int:
    from benchmarks.run import markdown_table, script_parser, write_record

    parser = script_parser("granularity", __doc__, "the seeds only")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    rows, homes = run(args.quick)
    write_record(args.out, "granularity", "python -m benchmarks.granularity" + (" --quick" if args.quick else ""),
                 rows, started, NOTES, quick=args.quick, seed_theme_homes=homes)
    print(markdown_table(rows))
    print("\nseeds, default: " + "; ".join(f"{theme} -> {home}" for theme, home in homes.items()))
    print(NOTES)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
