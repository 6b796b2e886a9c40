"""A fast mode from the static vectors plus the corpus's own words, against the default toolkit.

The static backend (a model2vec table distilled from the bundled model) is 100x and more faster
than ``SentenceTransformer.encode`` but loses topic quality on jargon-rich or formulaic corpora.
The corpus's words are nearly free to read, and the toolkit has two ways to use them:

- ``word_weight``: ``TopicModel(word_weight=w)``, the graph's neighbours found by
  ``(1 - w) · embedding cosine + w · TF-IDF cosine`` (:mod:`topics.modeling.word_graph`);
- ``+ LSA``: the vectors joined with a 100-D LSA of the texts' TF-IDF
  (:func:`topics.modeling.reduce.lexical_semantic_vectors`, as the fixed-k clustering does).

For each corpus of ``TOPICS_STATIC_WORDS_CORPORA`` (default ``ag_news,20newsgroups,bbc_news,isaf``,
as ``embedding_backends`` loads them), in one run:

- topics: NMI against the labels of the automatic topics of the article vectors
  (``fitting.discover``, as ``static_tuning`` scores them) over ``TOPICS_BACKEND_SEEDS`` seeds, as a
  share of the default toolkit's (default backend, default settings) in the same run; the corpus's
  aliases are mined once and given to every fit, as ``TopicModel.fit`` mines them anyway;
- lookup: precision@10 of the article vectors the variant clusters;
- speed: the mode's CPU seconds on the whole corpus (static paragraph vectors without cache, plus
  what the words add: the LSA, or the blended graph's extra CPU over the meaning-only graph on the
  same vectors, mean over the seeds) against plain ``SentenceTransformer.encode`` with its
  defaults (loaded, warmed up) on ``ENCODE_SAMPLE`` random paragraphs of the corpus, scaled to the
  whole corpus by characters (``TOPICS_STATIC_WORDS_ENCODE_SAMPLE=0``: the whole corpus).

``TOPICS_STATIC_WORDS_PUBLIC=1`` adds the static table refitted on public text
(:mod:`benchmarks.static_public`; about 200 CPU s to fit, not counted in the mode's CPU).
Measured, not shipped (docs/benchmarks.md). Run: ``python -m benchmarks.run --only static_words``
(``TOPICS_CACHE_DIR`` shares the default's vectors).
"""

from __future__ import annotations

import os
import sys
import time

import numpy as np

from benchmarks import embedding_backends as backends
from benchmarks import static_tuning as tuning

NOTES = (
    "Topic NMI: automatic topics (fitting.discover) of the article vectors, mean ± sd over the seeds; 'of default' = "
    "mean / the default toolkit's mean (default backend, word_weight 0) in the same run. mode CPU s: static "
    "paragraph vectors of the whole corpus (no cache) + the words' extra cost (LSA, or blended graph minus "
    "meaning-only graph, mean over the seeds); x encode = SentenceTransformer.encode CPU s for the corpus "
    "(measured on a random sample, scaled by characters) / mode CPU s."
)
ENCODE_SAMPLE = int(os.environ.get("TOPICS_STATIC_WORDS_ENCODE_SAMPLE", "500"))
WORD_WEIGHTS = tuple(float(w) for w in os.environ.get("TOPICS_STATIC_WORDS_WEIGHTS", "0.3,0.5").split(",") if w.strip())


def encode_cpu(model_source: str, texts: list[str], sample: int = ENCODE_SAMPLE) -> float:
    """Plain ``SentenceTransformer.encode``'s CPU seconds for ``texts``: measured on ``sample`` random
    texts (0 = all of them), scaled to all of them by characters."""
    from sentence_transformers import SentenceTransformer

    plain = SentenceTransformer(model_source, device="cpu")
    plain.encode(texts[:8])  # loaded, warmed up
    chosen = texts
    if 0 < sample < len(texts):
        rows = np.random.default_rng(0).choice(len(texts), sample, replace=False)
        chosen = [texts[i] for i in sorted(rows)]
    cpu = tuning._timed(lambda: plain.encode(chosen))[1]
    return cpu * sum(map(len, texts)) / sum(map(len, chosen))


def vector_sets(corpus, units_text: list[str], keep: np.ndarray, public_table=None) -> dict:
    """``name -> (article vectors of the kept units, CPU s to make them from the paragraphs)``."""
    from topics.embedding.embed import Embedder, article_vectors
    from topics.modeling.reduce import lexical_semantic_vectors

    texts = corpus.paragraphs["text"].tolist()
    static = Embedder(backend="static", use_cache=False, show_progress=False)
    static.encode(texts[:8])  # loaded, warmed up
    found = {"default": (article_vectors(corpus, Embedder(show_progress=False).encode(texts))[keep], None)}
    tables = {"static": static.encode}
    if public_table is not None:
        model = static.static_encoder.model
        tables["static refitted on public text"] = lambda x: tuning._run_table(model, public_table, x)
    for name, encode in tables.items():
        paragraphs, cpu = tuning._timed(lambda: encode(texts))
        found[name] = (article_vectors(corpus, paragraphs)[keep], cpu)
        joined, lsa_cpu = tuning._timed(lambda: lexical_semantic_vectors(units_text, found[name][0], 0))
        found[f"{name} + LSA"] = (joined, cpu + lsa_cpu)
    return found


def topic_scores(units_text: list[str], truth: np.ndarray, vectors: np.ndarray, aliases, word_weight: float, seeds):
    """(NMI per seed, topics found per seed, mean CPU s of one fit's topic step)."""
    from sklearn.metrics import normalized_mutual_info_score

    from topics.modeling import fitting
    from topics.modeling.model import TopicModel

    nmi, found = [], []
    start = time.process_time()
    for seed in seeds:
        model = TopicModel(random_state=seed, word_weight=word_weight)
        model.aliases_ = aliases  # as TopicModel.fit mines them before the topic step
        labels, _, _ = fitting.discover(model, units_text, vectors, None, False)
        nmi.append(normalized_mutual_info_score(truth, labels))
        found.append(int(labels.max()) + 1)
    return nmi, found, (time.process_time() - start) / len(seeds)


def score_row(label: str, truth: np.ndarray, vectors: np.ndarray, method: str, nmi, found, reference: float,
              cpu: float | None, reference_cpu: float) -> dict:
    """One table row: the topics' NMI as a share of the reference's, lookup, and the speed against ``encode``."""
    print(f"  {label} {method}: NMI {np.mean(nmi):.3f} ± {np.std(nmi):.3f} ({np.mean(nmi) / reference:.1%})"
          + ("" if cpu is None else f", {reference_cpu / cpu:.0f}x encode"), file=sys.stderr, flush=True)
    return {"corpus": label, "articles": len(truth), "method": method, "seeds": len(nmi),
            "topic_NMI_mean": round(float(np.mean(nmi)), 3), "topic_NMI_sd": round(float(np.std(nmi)), 3),
            "of_default": round(float(np.mean(nmi)) / reference, 3), "topics": sorted(set(found)),
            "lookup_p@10": round(backends._precision_at_10(vectors, truth), 3),
            "mode_cpu_s": None if cpu is None else round(cpu, 2),
            "x_encode": None if cpu is None else round(reference_cpu / cpu, 1),
            "encode_cpu_s": round(reference_cpu, 1), "load": round(os.getloadavg()[0], 1)}


def corpus_rows(name: str, seeds, public_table=None) -> list[dict]:
    from topics.embedding.embed import Embedder
    from topics.text.alias_mining import mine_aliases

    label, corpus = tuning._load(name)
    units = corpus.units("article")
    keep = units["label"].notna().to_numpy().copy()
    units_text = units["text"][keep].tolist()
    truth = units["label"][keep].astype(str).to_numpy()
    sets = vector_sets(corpus, units_text, keep, public_table)
    reference_cpu = encode_cpu(Embedder(show_progress=False)._model_source, corpus.paragraphs["text"].tolist())
    aliases = mine_aliases(units_text)
    rows, reference, base_cpu = [], None, {}
    for set_name, (vectors, cpu) in sets.items():
        weights = (0.0, WORD_WEIGHTS[0]) if set_name.endswith("+ LSA") else (0.0, *WORD_WEIGHTS)
        for weight in weights:
            nmi, found, fit_cpu = topic_scores(units_text, truth, vectors, aliases, weight, seeds)
            base_cpu.setdefault(set_name, fit_cpu)
            reference = reference or float(np.mean(nmi))
            mode_cpu = None if cpu is None else cpu + max(0.0, fit_cpu - base_cpu[set_name])
            method = set_name + (f", word_weight {weight:g}" if weight else "")
            rows.append(score_row(label, truth, vectors, method, nmi, found, reference, mode_cpu, reference_cpu))
    return rows


def public_table() -> np.ndarray:
    """The static table refitted on public text (``static_tuning``'s ``public`` source)."""
    from benchmarks.static_public import fit_table
    from topics.embedding.embed import Embedder

    static = Embedder(backend="static", show_progress=False)
    texts, targets, _ = tuning._training("public", static.static_encoder.model, static)
    return fit_table(static.static_encoder.model, texts, targets)


def run(quick: bool = False, tiny: bool = False) -> list[dict]:
    seeds = backends.SEEDS[:2] if quick or tiny else backends.SEEDS
    default_corpora = "isaf" if quick or tiny else "ag_news,20newsgroups,bbc_news,isaf"
    corpora = [c.strip() for c in os.environ.get("TOPICS_STATIC_WORDS_CORPORA", default_corpora).split(",") if c.strip()]
    table = public_table() if os.environ.get("TOPICS_STATIC_WORDS_PUBLIC", "0") == "1" else None
    return [row for name in corpora for row in corpus_rows(name, seeds, table)]


if __name__ == "__main__":
    from benchmarks.run import main

    raise SystemExit(main(["--only", "static_words", *sys.argv[1:]]))
