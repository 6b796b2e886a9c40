"""Corpus formulas in clustering: topics on the units' own vectors next to vectors with the formulas left out.

A formula is a sentence of four words or more that three articles or more repeat (codes, numbers and dates
ignored; :mod:`topics.modeling.formulas`). For each corpus and level, ``TopicModel(random_state=seed)`` is
fitted on

- ``own``: the units' vectors as embedded (``embed_units``);
- ``formula-free``: :func:`topics.modeling.formulas.clustering_vectors` (three articles);
- ``formula-free, 1 % floor`` (ISAF): the same with the floor at 1 % of the articles (at least three), the
  floor the keyword step uses, for comparison;
- ``control``: as many paragraphs as lose a formula, drawn among those without one, each without a
  sentence drawn at random: how far any change of that size moves the scores;

and scored against the labels (NMI, with its range over the seeds, and ARI; outliers one more cluster;
paragraphs take their article's label), seeds 0, 1, 2 (one where the units are many). On ISAF, the labels are
the event type, the target group and the province, and: topics of which half the units or more hold one same
formula ("formula-held"), topic labels naming civilians, women or children (what its "no civilians were
harmed" formulas speak of), the same for subtopics. The pull of a formula, on the units that hold one and
other words too: the share of each one's 10 nearest units (by the vectors clustered, other articles only)
that hold one of its formulas, and the share that has its label.

Corpora: ISAF press releases (all 724), BBC News (all 2,125: articles with three seeds, paragraphs with one),
20 Newsgroups (every message of four groups, 3,740 after ingest: articles with three seeds, paragraphs with
one) and AG News (all 7,600 items, one seed).

Run: ``python -m benchmarks.templates_clustering [--quick] [--only NAME]`` (``--quick``: ISAF only;
``--only``: the corpora whose name starts with NAME), or ``python -m benchmarks.run --only templates_clustering``.
Embeddings are cached in ``artifacts/cache`` of the working folder.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass

import numpy as np

from benchmarks.paths import SHARED_DATA  # also sets the offline settings

# Groups whose messages share formulas ("Any help would be appreciated.", "Make me an offer.") across topics.
NEWSGROUPS = ("comp.graphics", "comp.sys.mac.hardware", "sci.electronics", "misc.forsale")
SEEDS = (0, 1, 2)
LEVELS = ("paragraph", "article")
HELD_SHARE = 0.5
NEIGHBOURS = 10
CIVILIAN_LABEL = re.compile(r"\b(?:civilians?|women|children)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Case:
    """One corpus as measured: its labels (columns of the source), levels, seeds, whether the subtopics
    and the 1 % floor are measured too, and whether the control is."""

    name: str
    source: object
    labels: tuple[str, ...] = ("label",)
    levels: tuple[str, ...] = LEVELS
    seeds: tuple[int, ...] = SEEDS
    details: bool = False
    control: bool = True


def cases(quick: bool) -> list[Case]:
    import pandas as pd

    isaf = pd.read_json(SHARED_DATA / "isaf_press_releases_test.jsonl", lines=True, dtype=False)
    found = [Case("isaf_press_releases", isaf, ("label", "target_group", "province"), details=True)]
    if quick:
        return found
    newsgroups = pd.read_json(SHARED_DATA / "20newsgroups_bydate.jsonl.gz", lines=True).drop(columns=["text_raw"])
    four_groups = newsgroups[newsgroups["label"].isin(NEWSGROUPS)]
    return found + [
        # Paragraph level on every BBC article is 10,700 units: one seed.
        Case("bbc_news", pd.read_csv(SHARED_DATA / "bbc_news.csv"), levels=("article",)),
        Case("bbc_news", pd.read_csv(SHARED_DATA / "bbc_news.csv"), levels=("paragraph",), seeds=SEEDS[:1]),
        # A random sample of 2,000 messages holds no sentence three of them repeat: four whole groups do.
        Case("20newsgroups (4 groups)", four_groups, levels=("article",)),
        Case("20newsgroups (4 groups)", four_groups, levels=("paragraph",), seeds=SEEDS[:1]),
        Case("ag_news", pd.read_csv(SHARED_DATA / "ag_news_test.csv"), seeds=SEEDS[:1]),
    ]


def unit_formulas(corpus, level: str, formulas: frozenset[str]) -> list[frozenset[str]]:
    """Per unit of ``level``, the formulas its text holds."""
    from topics.text.wording import sentence_key, sentences

    texts = corpus.units(level)["text"].astype(str).tolist()
    return [frozenset(k for k in map(sentence_key, sentences(t)) if k in formulas) for t in texts]


def formula_held(labels: np.ndarray, held: list[frozenset[str]]) -> int:
    """Topics (ids in ``labels``, -1 none) of which HELD_SHARE of the units or more hold one same formula."""
    topics = 0
    for topic in np.unique(labels[labels >= 0]):
        rows = np.flatnonzero(labels == topic)
        counts = Counter(k for r in rows for k in held[r])
        if counts and counts.most_common(1)[0][1] >= HELD_SHARE * len(rows):
            topics += 1
    return topics


def neighbour_shares(vectors: np.ndarray, rows: np.ndarray, articles: np.ndarray, held: list[frozenset[str]],
                     truth: list[str], k: int = NEIGHBOURS) -> tuple[float, float]:
    """Over ``rows`` (units holding a formula and other words): the mean share of each one's ``k`` nearest
    units of other articles that hold one of its formulas, and the mean share that has its label."""
    if not len(rows):
        return float("nan"), float("nan")
    similarity = np.asarray(vectors[rows], dtype=np.float64) @ np.asarray(vectors, dtype=np.float64).T
    similarity[articles[rows][:, None] == articles[None, :]] = -np.inf
    nearest = np.argsort(-similarity, axis=1, kind="stable")[:, :k]
    labels = np.asarray(truth)
    formula = np.mean([np.mean([bool(held[r] & held[n]) for n in near]) for r, near in zip(rows, nearest)])
    label = np.mean([np.mean(labels[near] == labels[r]) for r, near in zip(rows, nearest)])
    return float(formula), float(label)


def measure(quick: bool, only: str | None = None) -> list[dict]:
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    from topics.embedding.embed import Embedder, article_vectors
    from topics.ingest.corpus import load_corpus
    from topics.modeling.formulas import MIN_FORMULA_DOCUMENTS, clustering_vectors, formula_free_texts
    from topics.modeling.model import TopicModel
    from topics.text.wording import document_templates

    embedder = Embedder(show_progress=False)
    rows = []
    for case in cases(quick):
        if only is not None and not case.name.startswith(only):
            continue
        corpus = load_corpus(case.source)
        paragraphs = corpus.paragraphs
        texts, documents = paragraphs["text"].astype(str).tolist(), paragraphs["article_id"].tolist()
        formulas = document_templates(texts, documents, MIN_FORMULA_DOCUMENTS)
        kept = formula_free_texts(texts, documents)
        changed = sum(k is not None and k != t for k, t in zip(kept, texts))
        n_only = sum(k is None for k in kept)
        print(f"{case.name}: {len(corpus.articles)} articles, {len(texts)} paragraphs, {len(formulas)} formulas; "
              f"{changed} paragraphs embedded without them, {n_only} nothing but formulas", file=sys.stderr, flush=True)
        paragraph_vectors = embedder.encode(texts)
        share_floor = max(MIN_FORMULA_DOCUMENTS, int(0.01 * len(corpus.articles)))
        source = case.source.assign(id=case.source["id"].astype(str)).set_index("id")
        for level in case.levels:
            units = corpus.units(level)
            if level == "article" and len(units) == len(paragraphs):
                continue  # one paragraph per article: the same units
            truths = {column: source.loc[units["article_id"].astype(str), column].fillna("").astype(str).tolist()
                      for column in case.labels}
            held = unit_formulas(corpus, level, formulas)
            articles = units["article_id"].astype(str).to_numpy()
            with_content = _units_with_content(corpus, level, kept)
            mixed = np.flatnonzero([bool(h) and c for h, c in zip(held, with_content)])
            variants = {
                "own": paragraph_vectors if level == "paragraph" else article_vectors(corpus, paragraph_vectors),
                "formula-free": clustering_vectors(corpus, level, embedder, paragraph_vectors),
            }
            if case.details:
                variants[f"formula-free, 1 % floor ({share_floor})"] = clustering_vectors(
                    corpus, level, embedder, paragraph_vectors, min_documents=share_floor)
            if case.control:
                variants["control: a random sentence out"] = control_vectors(corpus, level, embedder, paragraph_vectors, kept)
            for variant, vectors in variants.items():
                scores = {column: ([], []) for column in case.labels}
                counts, held_topics, civilian, held_subtopics, civilian_subtopics = ([] for _ in range(5))
                for seed in case.seeds:
                    model = TopicModel(random_state=seed).fit(units, embeddings=vectors)
                    labels = np.asarray(model.labels_)
                    for column, truth in truths.items():
                        scores[column][0].append(normalized_mutual_info_score(truth, labels))
                        scores[column][1].append(adjusted_rand_score(truth, labels))
                    counts.append(len(model.topic_ids_))
                    held_topics.append(formula_held(labels, held))
                    civilian.append(sum(bool(CIVILIAN_LABEL.search(str(label))) for label in model.topic_info()["label"]))
                    if case.details:
                        subtopic = model.document_info()["subtopic"].to_numpy()
                        groups = np.unique(np.stack([labels, subtopic]), axis=1, return_inverse=True)[1].ravel()
                        held_subtopics.append(formula_held(np.where((labels >= 0) & (subtopic >= 0), groups, -1), held))
                        civilian_subtopics.append(sum(bool(CIVILIAN_LABEL.search(str(label))) for label in model.subtopics()["label"]))
                formula_share, label_share = neighbour_shares(vectors, mixed, articles, held, truths["label"])
                row = {"corpus": case.name, "level": level, "units": len(units), "vectors": variant,
                       "seeds": len(case.seeds), "topics": round(float(np.mean(counts)), 1)}
                for column, (nmi, ari) in scores.items():
                    row[f"NMI {column}"] = f"{np.mean(nmi):.3f} ({min(nmi):.3f}–{max(nmi):.3f})"
                    row[f"ARI {column}"] = f"{np.mean(ari):.3f}"
                rows.append({
                    **row,
                    "formula-held topics": _mean_or_dash(held_topics),
                    "civilian labels": _mean_or_dash(civilian),
                    "formula-held subtopics": _mean_or_dash(held_subtopics),
                    "civilian subtopic labels": _mean_or_dash(civilian_subtopics),
                    "units with a formula and more": len(mixed),
                    f"their {NEIGHBOURS} nearest: same formula": f"{formula_share:.2f}",
                    f"their {NEIGHBOURS} nearest: same label": f"{label_share:.2f}",
                })
                print(rows[-1], file=sys.stderr, flush=True)
    return rows


def control_vectors(corpus, level: str, embedder, paragraph_vectors: np.ndarray, kept: list, seed: int = 0) -> np.ndarray:
    """The noise any small change of the vectors brings: as many paragraphs as lose a formula, drawn
    among those that hold none and two sentences or more, each embedded without one sentence drawn at random."""
    from topics.embedding.embed import length_weighted_means
    from topics.text.wording import sentences

    texts = corpus.paragraphs["text"].astype(str).tolist()
    n_changed = sum(left is not None and left != text for left, text in zip(kept, texts))
    split = [sentences(text) for text in texts]
    candidates = [i for i, (left, text) in enumerate(zip(kept, texts)) if left == text and len(split[i]) >= 2]
    rng = np.random.default_rng(seed)
    drawn = sorted(rng.choice(candidates, size=min(n_changed, len(candidates)), replace=False).tolist())
    shortened = []
    for i in drawn:
        drop = int(rng.integers(len(split[i])))
        shortened.append(" ".join(s for j, s in enumerate(split[i]) if j != drop))
    vectors = np.array(paragraph_vectors, dtype=np.float32, copy=True)
    if drawn:
        vectors[drawn] = embedder.encode(shortened)
    if level == "paragraph":
        return vectors
    lengths = list(texts)
    for i, text in zip(drawn, shortened):
        lengths[i] = text
    row_of = {a: i for i, a in enumerate(corpus.articles["article_id"].tolist())}
    groups = corpus.paragraphs["article_id"].map(row_of).to_numpy()
    return length_weighted_means(vectors, lengths, groups, len(row_of))


def _mean_or_dash(values: list) -> str:
    return f"{np.mean(values):.1f}" if values else "–"


def _units_with_content(corpus, level: str, kept: list) -> list[bool]:
    """Per unit of ``level``: whether it holds words besides formulas (an article: any such paragraph)."""
    if level == "paragraph":
        return [left is not None for left in kept]
    content = set(corpus.paragraphs["article_id"][[left is not None for left in kept]])
    return [a in content for a in corpus.units(level)["article_id"]]


def table(rows: list[dict]) -> str:
    head = list(rows[0])
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    lines += ["| " + " | ".join(str(row[k]) for k in head) + " |" for row in rows]
    return "\n".join(lines)


NOTES = ("Formulas: sentences of four words or more that three articles or more repeat. NMI/ARI against the labels "
         "(outliers one cluster), mean over the seeds with their range. Control: as many paragraphs without a formula, "
         "each without a random sentence. Formula pull: over units holding a formula and other words, the share of "
         "their 10 nearest units (other articles) holding one of their formulas / their label.")


def run(quick: bool = False) -> list[dict]:
    """The rows of the table (``python -m benchmarks.run --only templates_clustering``)."""
    return measure(quick)


def main(argv: list[str]) -> int:
    only = argv[argv.index("--only") + 1] if "--only" in argv else None
    print(table(measure("--quick" in argv, only)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
