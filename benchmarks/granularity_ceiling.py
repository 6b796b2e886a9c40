"""How far a grouping of the vectors can be expected to go: the labels learnt back from the same features.

``python -m benchmarks.granularity_ceiling [--quick]`` prints a Markdown table and writes
``artifacts/bench/granularity_ceiling.json``. For the seed paragraphs (against their hand-read
themes, ``tests/data/seed_theme_labels.csv``) and for random article draws of the labelled corpora,
each row sets the automatic topics beside a classifier that is *shown* the labels:

- ``topics``: the graph step of ``TopicModel()`` (``benchmarks.granularity.graph_topics``), meaning only;
- ``topics, words 0.3``: the same with neighbours by words and meaning (``TopicModel(word_weight=0.3)``);
- ``classifier``: a logistic regression (C = 10, not tuned) trained on nine tenths of the units' labels
  and scored on the tenth it did not see, over ten folds: how much of the labelling the embedding
  holds at all, in any direction;
- ``classifier, words``: the same on the embedding joined with the TF-IDF rows the word weight uses;
- ``share`` columns: the topics' ARI / NMI as a share of the classifier's on the same features. A
  grouping found without labels seldom goes past the classifier's ARI: where a corpus's labels are
  far apart (BBC News) the topics reach about nine tenths of it.
- ``neighbours alike``: the share of each unit's ten nearest neighbours (embedding cosine) that carry
  its label, beside ``chance`` (the share of same-label pairs).

Seeds: the topics over random states 0-3, and ``articles`` (each article one topic) beside them.
Draws: 100 and 300 random articles (draw seeds 100, 101, ...) of BBC News, AG News (3k), the ISAF
press releases and 20 Newsgroups (3k), random state 0. ``--quick``: the seeds only; ``--draws N``:
draws per size (default 3).
"""

from __future__ import annotations

import sys
import time
import warnings

import numpy as np

from benchmarks.paths import ROOT, SHARED_DATA  # also sets the offline settings

SEED_STATES = (0, 1, 2, 3)
CORPORA = ("bbc_news", "ag_news (3k)", "isaf_press_releases", "20newsgroups (3k)")
SIZES = (100, 300)
FOLDS = 10
# A fixed, moderate regularisation for unit-length 384-D rows (C = 1 predicts the majority class).
CLASSIFIER_C = 10.0
NEIGHBOURS = 10
WORD_WEIGHT = 0.3
NOTES = ("ARI / NMI against the labels; classifier: ten-fold held-out logistic regression shown the labels "
         "(C = 10); share: topics over classifier on the same features.")


def held_out_labels(features, truth: np.ndarray) -> np.ndarray:
    """Each unit's label as predicted by a classifier trained on the other nine tenths of the units."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import KFold, cross_val_predict

    folds = KFold(min(FOLDS, len(truth)), shuffle=True, random_state=0)
    return cross_val_predict(LogisticRegression(C=CLASSIFIER_C, max_iter=3000), features, truth, cv=folds)


def neighbours_alike(vectors: np.ndarray, truth: np.ndarray) -> tuple[float, float]:
    """(share of the nearest neighbours with the unit's label, share of all pairs with one label)."""
    similarity = vectors @ vectors.T
    np.fill_diagonal(similarity, -np.inf)
    k = min(NEIGHBOURS, len(truth) - 1)
    nearest = np.argpartition(-similarity, k - 1, axis=1)[:, :k]
    same = truth[:, None] == truth[None, :]
    chance = (same.sum() - len(truth)) / (len(truth) * (len(truth) - 1))
    return float(np.mean(truth[nearest] == truth[:, None])), float(chance)


def unit_set_row(name: str, texts: list[str], vectors: np.ndarray, truth: np.ndarray, states) -> dict:
    """ARI / NMI of the topics (mean over ``states``) and of the held-out classifier on one unit set."""
    import scipy.sparse as sp
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    from benchmarks.granularity import graph_topics
    from topics.modeling.word_graph import word_vectors
    from topics.text.alias_mining import mine_aliases

    def scored(labels_list) -> tuple[float, float]:
        return (float(np.mean([adjusted_rand_score(truth, labels) for labels in labels_list])),
                float(np.mean([normalized_mutual_info_score(truth, labels) for labels in labels_list])))

    words = word_vectors(texts, mine_aliases(texts))
    found = {
        "topics": scored([graph_topics(vectors, None, state) for state in states]),
        "topics, words 0.3": scored([graph_topics(vectors, None, state, words, WORD_WEIGHT) for state in states]),
        "classifier": scored([held_out_labels(vectors, truth)]),
        "classifier, words": scored([held_out_labels(sp.hstack([sp.csr_matrix(vectors), words]).tocsr(), truth)]),
    }
    alike, chance = neighbours_alike(vectors, truth)
    row = {"unit set": name, "units": len(texts), "labels": len(set(truth))}
    for key, (ari, nmi) in found.items():
        row[f"{key} ARI"], row[f"{key} NMI"] = ari, nmi
    for topics, classifier in (("topics", "classifier"), ("topics, words 0.3", "classifier, words")):
        for score in ("ARI", "NMI"):
            row[f"{topics} share of {classifier} {score}"] = row[f"{topics} {score}"] / max(row[f"{classifier} {score}"], 1e-9)
    row["neighbours alike"], row["chance"] = alike, chance
    return row


def pooled(rows: list[dict]) -> dict:
    """The rows of one unit set's draws as one row of means."""
    return {key: (float(np.mean([r[key] for r in rows])) if isinstance(value, float) else value)
            for key, value in rows[0].items()}


def run(quick: bool = False, n_draws: int = 3) -> list[dict]:
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    from benchmarks.granularity import seed_material
    from benchmarks.granularity_draws import labelled, rounded
    from topics.ingest.corpus import load_corpus

    warnings.simplefilter("ignore")
    texts, embeddings, truth = seed_material()
    seeds = unit_set_row("seeds (paragraphs)", texts, embeddings, truth, SEED_STATES)
    articles = load_corpus(ROOT / "seeds").units("paragraph")["article_id"].to_numpy()
    seeds["articles ARI"] = float(adjusted_rand_score(truth, articles))
    seeds["articles NMI"] = float(normalized_mutual_info_score(truth, articles))
    rows = [seeds]
    if quick:
        return rounded(rows)
    for name in CORPORA:
        all_texts, labels, vectors = labelled(name)
        for size in SIZES:
            draw_rows = []
            for draw in range(n_draws):
                picked = np.sort(np.random.default_rng(100 + draw).choice(len(all_texts), size, replace=False))
                draw_rows.append(unit_set_row(f"{name}, {size}", [all_texts[i] for i in picked], vectors[picked],
                                              labels[picked], (0,)))
                print(f"  {name} {size} draw {draw}", file=sys.stderr, flush=True)
            rows.append(pooled(draw_rows))
    return rounded(rows)


def main(argv: list[str] | None = None) -> int:
    from benchmarks.run import markdown_table, script_parser, write_record

    parser = script_parser("granularity_ceiling", __doc__, "the seeds only")
    parser.add_argument("--draws", type=int, default=3, help="random draws per corpus and size (default 3)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    rows = run(args.quick, args.draws)
    command = "python -m benchmarks.granularity_ceiling" + (" --quick" if args.quick else "") + f" --draws {args.draws}"
    record = write_record(args.out, "granularity_ceiling", command, rows, started, NOTES, quick=args.quick, data=str(SHARED_DATA))
    print(f"{markdown_table(rows)}\n{record['notes']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
