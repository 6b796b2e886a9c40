"""Granularity methods on the seeds and on random draws of the labelled corpora, before/after.

``python -m benchmarks.granularity_draws [--quick]`` prints a Markdown table and writes
``artifacts/bench/granularity_draws.json``. Each method runs the graph step of
``TopicModel(clustering="graph")`` (``benchmarks.granularity.graph_topics``) and is compared with
meaning only (``word_weight=0``, the default) on the same units and random states:

- ``words 0.3``: neighbours by 0.7 × embedding cosine + 0.3 × TF-IDF cosine, aliases unified
  (``TopicModel(word_weight=0.3)``);
- ``words 0.3 × cover``: the word weight chosen per corpus, 0.3 times the share of the units'
  meaning neighbours that share at least one kept word with them (:func:`word_cover`): words
  trusted as often as they give evidence at all;
- ``words where covered``: ``words 0.3`` where most of the units' meaning neighbours share a kept
  word with them (word cover at least 0.5), meaning only elsewhere: the words trusted only where they
  speak about most neighbourhoods, not where a shared word is a rare coincidence (one-line items);
- ``words by coherence``: the word weight chosen per unit set without labels: 0.3 or 0 (meaning
  only), whichever gives topics whose ten c-TF-IDF keywords co-occur more in the units (mean
  keyword NPMI, :func:`keyword_coherence`);
- ``names 0.3``: the same blend with only the corpus's names as words (:func:`name_words`:
  words written capitalised in at least half of their occurrences inside a sentence, aliases
  unified); seeds only;
- ``split test`` / ``words 0.3 + split test``: after the graph step, each topic of at least twice
  the smallest topic size split into its communities when they beat a one-blob null
  (:mod:`benchmarks.split_null`);
- ``stable split`` / ``words 0.3 + stable split``: the same topics split into the graph step's parts
  of their own rows when those parts' community searches agree at least as well as the corpus's
  (:mod:`benchmarks.split_stable`);
- ``no vote``: the boundaries settled by the two centroid rounds alone, without the neighbour vote
  (``cluster.settle_boundaries``);
- ``modularity vote`` / ``words 0.3 + modularity vote``: the neighbour vote by modularity gain instead
  of held weight (:mod:`benchmarks.modularity_vote`);
- ``consistent split`` (after meaning only, the modularity vote, or words 0.3 with it): a topic cut in
  two along its graph when the halves' centroids are less alike than the least alike pair of topics
  (:mod:`benchmarks.split_consistent`); ``nearest split``: the same with a local bar, the topic's likeness
  to its most alike other topic;
- ``words by plateau``: the word weight read off the unit set: the graph step at word weights 0, 0.1 …
  0.6, kept at the lower weight of the two neighbouring weights whose topics agree best (ties: the lower
  pair, so a set the words never move stays on meaning only; :mod:`benchmarks.word_plateau`); ``words by
  plateau + consistent split``: then the consistent split on the graph at that weight;
- ``hub words 0.5``: each side's similarity corrected for hubs (CSLS) and the two blended with an equal say
  (:mod:`benchmarks.hub_blend`); ``hub words 0.5 where covered``: the same where the word cover is at
  least 0.5, meaning only elsewhere.

Seeds: the 91 paragraphs against ``tests/data/seed_theme_labels.csv`` over random states 0-3.
Draws: 100 and 300 random articles (fixed draw seeds) of BBC News, AG News (3k), the ISAF press
releases and 20 Newsgroups (3k), and the 2,573 ISAF paragraphs with their article's label; the
300-release ISAF draws are also scored against the province each release names (its labels are
event types: a grouping by place scores low there and high here). Each row gives the mean over draws
and random states, the spread of NMI across them (``NMI sd``) and the paired change against meaning
only on the same units and state (``NMI change``, ``change sd``); ``--draws N`` sets the draws per
sized unit set.
``--quick``: the seeds only; ``--methods``: some methods only (meaning only is always run).
``TOPICS_BACKEND=torch`` for fp32 vectors.
"""

from __future__ import annotations

import sys
import time
import warnings

import numpy as np

from benchmarks.paths import SHARED_DATA  # also sets the offline settings

SEED_METHODS = ("meaning only", "words 0.3", "words 0.3 × cover", "words where covered", "words by coherence", "names 0.3", "split test", "words 0.3 + split test",
                "stable split", "words 0.3 + stable split", "no vote", "modularity vote",
                "words 0.3 + modularity vote", "consistent split", "modularity vote + consistent split",
                "words 0.3 + modularity vote + consistent split", "modularity vote + nearest split",
                "words 0.3 + modularity vote + nearest split", "words by plateau",
                "words by plateau + consistent split", "hub words 0.5", "hub words 0.5 where covered")
DRAW_METHODS = tuple(m for m in SEED_METHODS if m != "names 0.3")

WORD_WEIGHT = 0.3
# "words where covered": the words join when most units share a kept word with their meaning neighbours.
MAJORITY = 0.5
SENTENCE_OPENERS = ".!?:\"“‘'("
SEED_STATES = (0, 1, 2, 3)
# (corpus, articles per draw, draws, random states); None = all units.
DRAWS = (
    ("bbc_news", 100, 3, (0, 1)), ("ag_news (3k)", 100, 3, (0, 1)), ("isaf_press_releases", 100, 3, (0, 1)),
    ("20newsgroups (3k)", 100, 3, (0, 1)), ("bbc_news", 300, 2, (0,)), ("ag_news (3k)", 300, 3, (0,)),
    ("isaf_press_releases", 300, 2, (0,)), ("20newsgroups (3k)", 300, 2, (0,)), ("isaf paragraphs", None, 1, (0,)),
    ("isaf_press_releases (province)", 300, 2, (0,)),
)
ISAF_BY_PROVINCE = "isaf_press_releases (province)"
NOTES = (
    "Mean NMI (seeds: ARI / NMI) over draws and random states; each method beside meaning only on the same "
    "units. cover: share of meaning neighbours sharing a kept word (the per-corpus weight is 0.3 x cover)."
)


def word_cover(vectors: np.ndarray, words) -> float:
    """Share of (unit, meaning neighbour) pairs that share at least one kept word."""
    from topics.modeling.reduce import reduction_params

    n_units = len(vectors)
    k = min(reduction_params(n_units).n_neighbors, n_units - 1)
    similarity = vectors @ vectors.T
    np.fill_diagonal(similarity, -np.inf)
    neighbours = np.argpartition(-similarity, k - 1, axis=1)[:, :k]
    shared = (words @ words.T).tocsr()
    return float(np.mean(np.asarray(shared[np.repeat(np.arange(n_units), k), neighbours.ravel()]).ravel() > 0))


def name_words(texts: list[str]):
    """TF-IDF rows (as ``word_vectors`` builds them) over the corpus's names only."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    from topics.modeling.describe import POSSESSIVE, TOKEN_PATTERN, _stop_words, tokenize
    from topics.text.alias_mining import mine_aliases
    from topics.text.wording import clean_text, is_junk_word

    aliases = mine_aliases(texts)
    texts = aliases.normalize_all(texts) if len(aliases) else texts
    capitalised, seen = {}, {}
    for text in texts:
        text = POSSESSIVE.sub("", clean_text(text))
        for match in TOKEN_PATTERN.finditer(text):
            before = text[max(0, match.start() - 8):match.start()].rstrip()
            if not before or before[-1] in SENTENCE_OPENERS:  # a sentence's first word is capitalised anyway
                continue
            word = match.group()
            seen[word.lower()] = seen.get(word.lower(), 0) + 1
            capitalised[word.lower()] = capitalised.get(word.lower(), 0) + word[0].isupper()
    names = {w for w, n in seen.items() if capitalised[w] >= 0.5 * n and not is_junk_word(w)}
    vectorizer = TfidfVectorizer(tokenizer=tokenize, lowercase=False, token_pattern=None, stop_words=sorted(_stop_words()),
                                 sublinear_tf=True, min_df=2, max_df=0.5 if len(texts) >= 20 else 1.0, norm=None)
    counts = vectorizer.fit_transform(texts).tocsr()
    keep = np.array([word in names for word in vectorizer.get_feature_names_out()])
    return normalize(counts[:, keep]).astype(np.float64)


def keyword_coherence(texts: list[str], labels: np.ndarray, n_keywords: int = 10) -> float:
    """Mean NPMI (unit co-occurrence) of each topic's top c-TF-IDF keywords: topic quality read without labels."""
    from benchmarks.topic_quality import npmi_coherence
    from topics.modeling.describe import class_tfidf, unit_term_matrix

    counts, vocabulary = unit_term_matrix(texts)
    topic_ids = sorted(set(labels[labels >= 0].tolist()))
    if not topic_ids or not len(vocabulary):
        return float("-inf")
    row = {t: i for i, t in enumerate(topic_ids)}
    weights = class_tfidf(counts, np.array([row.get(int(t), -1) for t in labels]), len(topic_ids))
    return npmi_coherence([[vocabulary[j] for j in np.argsort(-w)[:n_keywords]] for w in weights], texts)


def method_labels(method: str, vectors: np.ndarray, words, names, random_state: int, cover: float,
                  texts: list[str] | None = None) -> np.ndarray:
    from unittest import mock

    from benchmarks.granularity import graph_topics
    from benchmarks.hub_blend import EQUAL_SAY, hub_graph_topics
    from benchmarks.modularity_vote import settle_by_modularity
    from benchmarks.split_null import split_separated_topics
    from benchmarks.split_consistent import split_inconsistent_topics
    from benchmarks.split_stable import split_stable_topics, topic_graph
    from benchmarks.word_plateau import plateau_topics
    from topics.modeling import cluster

    if method.startswith("words by plateau"):
        labels, weight = plateau_topics(vectors, words, random_state)
        if not method.endswith("consistent split"):
            return labels
        graph = topic_graph(vectors, random_state, words, weight)
        return split_inconsistent_topics(labels, graph, vectors, cluster.min_topic_size_for(len(vectors)))
    if method.startswith("hub words"):
        covered = not method.endswith("where covered") or cover >= MAJORITY
        return hub_graph_topics(vectors, words, random_state, EQUAL_SAY if covered else 0.0)
    if method == "words by coherence":
        candidates = [graph_topics(vectors, None, random_state, words, weight) for weight in (0.0, WORD_WEIGHT)]
        return max(candidates, key=lambda labels: keyword_coherence(texts, labels))  # ties keep meaning only
    weight = WORD_WEIGHT if method.startswith(("words", "names")) else 0.0
    if method == "words 0.3 × cover":
        weight = WORD_WEIGHT * cover
    if method == "words where covered":
        weight = WORD_WEIGHT if cover >= MAJORITY else 0.0
    rows = names if method == "names 0.3" else words
    if method == "no vote":
        def centroid_rounds_only(weights, embeddings, labels):
            return cluster.refine_by_centroids(embeddings, labels, max_rounds=cluster.CENTROID_ROUNDS)

        with mock.patch.object(cluster, "settle_boundaries", centroid_rounds_only):
            return graph_topics(vectors, None, random_state, rows, weight)
    if "modularity vote" in method:
        with mock.patch.object(cluster, "settle_boundaries", settle_by_modularity):
            labels = graph_topics(vectors, None, random_state, rows, weight)
    else:
        labels = graph_topics(vectors, None, random_state, rows, weight)
    min_size = cluster.min_topic_size_for(len(vectors))
    if method.endswith(("consistent split", "nearest split")):
        graph = topic_graph(vectors, random_state, rows, weight)
        return split_inconsistent_topics(labels, graph, vectors, min_size, nearest=method.endswith("nearest split"))
    if method.endswith("split test"):
        labels = split_separated_topics(labels, vectors, min_size, random_state, rows, weight)
    elif method.endswith("stable split"):
        labels = split_stable_topics(labels, vectors, min_size, random_state, rows, weight)
    return labels


def scores(name: str, texts, vectors, truth, states, methods, size) -> list[dict]:
    """One row per method: ARI / NMI / topics of each random state (lists, ``_runs``) and their means."""
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    from topics.modeling.word_graph import word_vectors
    from topics.text.alias_mining import mine_aliases

    words = word_vectors(texts, mine_aliases(texts))
    names = name_words(texts) if "names 0.3" in methods else None
    cover = word_cover(vectors, words)
    rows = []
    for method in methods:
        started = time.process_time()
        found = [method_labels(method, vectors, words, names, state, cover, texts) for state in states]
        runs = {"ARI": [float(adjusted_rand_score(truth, labels)) for labels in found],
                "NMI": [float(normalized_mutual_info_score(truth, labels)) for labels in found],
                "topics": [float(len(set(labels[labels >= 0]))) for labels in found]}
        rows.append({"corpus": name, "units": size or len(texts), "method": method, "cover": round(cover, 3),
                     **{key: float(np.mean(values)) for key, values in runs.items()},
                     "cpu_s": time.process_time() - started, "_runs": runs})
    return rows


def summarised(rows: list[dict]) -> list[dict]:
    """Rows of one unit set (several draws) pooled per method: means over every draw and random state, the
    spread of NMI across them (sd), and the paired change against meaning only on the same units and
    state (mean and sd of the differences): a change inside that spread is seed-to-seed noise."""
    pooled = []
    for method in dict.fromkeys(r["method"] for r in rows):
        found = [r for r in rows if r["method"] == method]
        base = [r for r in rows if r["method"] == "meaning only"]
        runs = {key: sum((r["_runs"][key] for r in found), []) for key in ("ARI", "NMI", "topics")}
        change = np.subtract(runs["NMI"], sum((r["_runs"]["NMI"] for r in base), []))
        pooled.append({**{key: found[0][key] for key in ("corpus", "units", "method")},
                       "cover": float(np.mean([r["cover"] for r in found])),
                       "ARI": float(np.mean(runs["ARI"])), "NMI": float(np.mean(runs["NMI"])),
                       "NMI sd": float(np.std(runs["NMI"])), "NMI change": float(np.mean(change)),
                       "change sd": float(np.std(change)), "runs": len(runs["NMI"]),
                       "topics": float(np.mean(runs["topics"])), "cpu_s": float(np.sum([r["cpu_s"] for r in found]))})
    return pooled


def labelled(name: str):
    """(texts, labels, vectors) of one labelled corpus (article level; ISAF paragraphs: their article's label;
    ISAF press releases (province): the province each release names, a second reading of the same releases)."""
    import pandas as pd

    from benchmarks.topic_quality import corpora
    from topics.embedding.embed import Embedder, embed_units
    from topics.ingest.corpus import load_corpus

    level, source_name = ("paragraph", "isaf_press_releases") if name == "isaf paragraphs" else ("article", name)
    by_province = name == ISAF_BY_PROVINCE
    source = dict(corpora(False))["isaf_press_releases" if by_province else source_name]
    corpus = load_corpus(source)
    units = corpus.units(level)
    vectors = embed_units(corpus, level, Embedder(show_progress=False))
    labels = units["label"]
    if by_province:
        provinces = pd.read_json(source, lines=True).set_index("id")["province"].replace("", None)
        labels = units["unit_id"].astype(str).map(provinces)
    keep = labels.notna().to_numpy() & (np.linalg.norm(vectors, axis=1) > 0)
    return [t for t, k in zip(units["text"], keep) if k], labels[keep].astype(str).to_numpy(), vectors[keep]


def run(quick: bool = False, methods: tuple[str, ...] | None = None, n_draws: int | None = None) -> list[dict]:
    from benchmarks.granularity import seed_material

    warnings.simplefilter("ignore")
    chosen = None if methods is None else {"meaning only", *methods}
    texts, embeddings, truth = seed_material()
    seed_methods = tuple(m for m in SEED_METHODS if chosen is None or m in chosen)
    rows = summarised(scores("seeds (paragraphs)", texts, embeddings, truth, SEED_STATES, seed_methods, None))
    if quick:
        return rounded(rows)
    methods = tuple(m for m in DRAW_METHODS if chosen is None or m in chosen)
    loaded = {}
    for name, size, draws, states in DRAWS:
        draws = draws if n_draws is None or size is None else n_draws
        if name not in loaded:
            loaded[name] = labelled(name)
        all_texts, labels, vectors = loaded[name]
        draw_rows = []
        for draw in range(draws):
            picked = np.arange(len(all_texts)) if size is None else np.sort(
                np.random.default_rng(100 + draw).choice(len(all_texts), size, replace=False))
            draw_rows += scores(name, [all_texts[i] for i in picked], vectors[picked], labels[picked], states, methods, size)
            print(f"  {name} {size} draw {draw}", file=sys.stderr, flush=True)
        rows += summarised(draw_rows)
    return rounded(rows)


def rounded(rows: list[dict]) -> list[dict]:
    return [{k: round(v, 3) if isinstance(v, float) else v for k, v in row.items()} for row in rows]


def main(argv: list[str] | None = None) -> int:
    from benchmarks.run import markdown_table, script_parser, write_record

    parser = script_parser("granularity_draws", __doc__, "the seeds only")
    parser.add_argument("--methods", help="comma-separated methods to run beside meaning only (default: all): "
                        + ", ".join(SEED_METHODS[1:]))
    parser.add_argument("--draws", type=int, help="random draws per sized unit set (default: 2-3, as DRAWS says)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    methods = None if not args.methods else tuple(m.strip() for m in args.methods.split(","))
    unknown = sorted(set(methods or ()) - set(SEED_METHODS))
    if unknown:
        parser.error(f"unknown methods: {', '.join(unknown)}")
    rows = run(args.quick, methods, args.draws)
    command = ("python -m benchmarks.granularity_draws" + (" --quick" if args.quick else "")
               + (f" --methods '{args.methods}'" if args.methods else "") + (f" --draws {args.draws}" if args.draws else ""))
    write_record(args.out, "granularity_draws", command, rows, started, NOTES, quick=args.quick, data=str(SHARED_DATA))
    print(markdown_table(rows))
    print(NOTES)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
