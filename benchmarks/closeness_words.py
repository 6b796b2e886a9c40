"""Lookup's "no close match" against the evidence of the question's own words and its own null.

The flag says "no close match" when the best result's closeness (its cosine read against the corpus's
headline-to-own-article reference, topics.search.closeness) is below 0.2. Short or plain questions the corpus
answers fall under it ("Brittney Griner" on the Daily Mail's war coverage). Read here for each question, beside
that closeness:

- ``chance``: of the question's words (as the article BM25 reads them, with the corpus's aliases), those a top
  result holds together; how many articles would hold them all by chance, the corpus's articles times the
  product of each word's share of articles (independence). Below 1, the top result holds a combination of the
  question's words the corpus does not write by chance: it is about something the question names.
- ``whole``: the same for every word of the question, where a top result holds them all (the rule ``Index``
  read first: such a question was not "no close match"). ``flag`` (at k=3 and at k=10) is the rule it reads
  now: one returned unit writes every content word as the question writes it (topics.search.held_words).
- ``standing``: the question's own null, its best article cosine's place among its cosines to every article,
  (best - median) / the spread (median absolute deviation) of those cosines; and the same read for the corpus's
  own headlines against their own article (``standing closeness``: the share of headlines standing no higher).

Sets: those of ``benchmarks.closeness_lengths`` (graded story questions, the flag sets with their off-corpus
questions, ABC News), with ``closeness_off_questions.json`` added to the Daily Mail and ABC sets as
off-corpus questions (written before any run); and for each flag set's corpus, off-corpus questions drawn by
rule whose words it writes: single words one article writes, and two capitalised names' words mixed. Article
level, k=3.

Run: ``TOPICS_CACHE_DIR=<cache> TOPICS_DATA_DIR=../shared/data python -m benchmarks.closeness_words``.
Not part of ``benchmarks.run``: answered in docs/benchmarks.md ('Lookup: "no close match" not said where a result holds every word').
"""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd

from benchmarks.paths import ROOT  # also sets the offline settings
from benchmarks.closeness_lengths import flag_summary, question_sets

OFF_QUESTIONS = ROOT / "benchmarks" / "data" / "closeness_off_questions.json"
THRESHOLD = 0.2
K = 3


def bare_names(table: pd.DataFrame, most: int = 20) -> list[str]:
    """Two capitalised words written together in two to four of the corpus's articles, ``most`` drawn at random
    (seed 0): bare names the corpus writes of, picked by rule rather than by hand."""
    import re
    from collections import Counter

    pattern = re.compile(r"\b([A-Z][a-z]+ [A-Z][a-z]+)\b")
    counts = Counter(name for text in table["text"].astype(str) for name in set(pattern.findall(text)))
    names = sorted(name for name, count in counts.items() if 2 <= count <= 4 and name.split()[0] not in STARTS)
    return [names[i] for i in np.random.default_rng(0).permutation(len(names))[:most]]


def words_written_once(table: pd.DataFrame, most: int = 20) -> list[str]:
    """Lower-case words of four letters or more that one article alone writes, ``most`` drawn at random (seed 0):
    one-word questions the corpus writes, mostly in passing ("pizza" in a sports report), not what it is about."""
    import re
    from collections import Counter

    counts = Counter(word for text in table["text"].astype(str) for word in set(re.findall(r"\b[a-z]{4,}\b", text.lower())))
    words = sorted(word for word, count in counts.items() if count == 1)
    return [words[i] for i in np.random.default_rng(0).permutation(len(words))[:most]]


def mixed_names(table: pd.DataFrame, most: int = 20) -> list[str]:
    """The first word of one capitalised pair the corpus writes and the last word of another, never written
    together, ``most`` drawn at random (seed 0): two-word names whose words the corpus writes, apart."""
    import re

    pattern = re.compile(r"\b([A-Z][a-z]+) ([A-Z][a-z]+)\b")
    pairs = sorted({pair for text in table["text"].astype(str) for pair in pattern.findall(text) if pair[0] not in STARTS})
    written = " ".join(table["text"].astype(str))
    rng, out = np.random.default_rng(0), []
    for i, j in zip(rng.permutation(len(pairs)), rng.permutation(len(pairs))):
        name = f"{pairs[i][0]} {pairs[j][1]}"
        if len({pairs[i][0], pairs[j][0], pairs[j][1]}) == 3 and pairs[i][1] != pairs[j][1] and name not in written and name not in out:
            out.append(name)
        if len(out) == most:
            break
    return out


STARTS = {"The", "Mr", "Mrs", "Ms", "On", "In", "But", "And", "It", "He", "She", "A", "This", "That", "Both", "At", "For", "If", "Although", "When", "As", "After"}


def all_sets():
    extra = json.loads(OFF_QUESTIONS.read_text())["off"]
    for name, corpus, asked in question_sets():
        if name in ("dailymail_ukraine", "abc"):
            asked = asked + [(q, None) for q in extra]
        yield name, corpus, asked
        if name == "bbc600 (flag set)":  # the same corpus: bare names it writes, and the off-corpus questions
            yield "bbc600 bare names", corpus, [(q, "read") for q in bare_names(corpus)] + [(q, None) for q in extra]
        if name.endswith("(flag set)"):  # off-corpus questions whose words the corpus writes, drawn by rule
            short = name.removesuffix(" (flag set)")
            yield f"{short} off: a word one article writes", corpus, [(q, None) for q in words_written_once(corpus)]
            yield f"{short} off: two names' words mixed", corpus, [(q, None) for q in mixed_names(corpus)]


def word_evidence(index, question: str, articles) -> dict:
    """What the question's words (as the article BM25 reads them, each alias variant of the question) say of
    ``articles`` (the top results, best first): ``chance``, the fewest articles expected by chance to hold the
    words one of them holds together; ``whole``, the fewest expected to hold every word of the question where
    one of them holds them all (inf where none does); ``whole_first``, the same for the first result alone."""
    lexical = index.article_lexical
    retriever = lexical._retriever
    out = {"chance": math.inf, "whole": math.inf, "whole_first": math.inf}
    if retriever is None:
        return out
    vocabulary, matrix = retriever.vocab_dict, retriever.scores
    indptr, indices = matrix["indptr"], matrix["indices"]
    n = lexical.n_texts
    for variant in index._name_variants(question):
        words = set(lexical._words(variant))
        holders = {}
        for word in words:
            token = vocabulary.get(word)
            holders[word] = set(indices[indptr[token]: indptr[token + 1]].tolist()) if token is not None else set()
        for rank, article in enumerate(articles):
            held = [len(h) for h in holders.values() if article in h]
            if not held:
                continue
            expected = n * float(np.prod([h / n for h in held]))
            out["chance"] = min(out["chance"], expected)
            if len(held) == len(words):
                out["whole"] = min(out["whole"], expected)
                if rank == 0:
                    out["whole_first"] = min(out["whole_first"], expected)
    return out


def held_as_written(index, question: str, result) -> bool:
    """Whether the rule the code reads would lift the flag with every question read as written, at any length
    (no stems from three words on): the variant measured against it."""
    from unittest import mock

    import topics.search.held_words as held_words

    rows = np.array([index._unit_row[u] for u in result["paragraph_id"]], dtype=np.int64)
    with mock.patch.object(held_words, "STEMMED_FROM", 10**9):
        return bool(index._holds_every_word(question, rows, "article"))


def article_cosines(index, vector) -> np.ndarray:
    cosines = index.embeddings @ vector
    return np.maximum.reduceat(cosines, index._article_starts)


def standing(cosines: np.ndarray, best: float) -> float:
    median = float(np.median(cosines))
    spread = float(np.median(np.abs(cosines - median))) or 1e-9
    return (best - median) / spread


def headline_standings(index, encode, sample: int = 300, random_state: int = 42) -> np.ndarray:
    """The standing of sampled headlines' own article among their cosines to every article."""
    from topics.search.closeness import _own_title

    rng = np.random.default_rng(random_state)
    starts = index._article_starts
    chosen = np.sort(rng.permutation(len(starts))[:sample])
    titles = index.units["title"].fillna("").astype(str).to_numpy(dtype=object) if "title" in index.units else None
    texts = index.units["text"].astype(str).to_numpy(dtype=object)
    probes, own = [], []
    for article in chosen:
        title = _own_title(titles[starts[article]], texts[starts[article]]) if titles is not None else ""
        if title:
            probes.append(title), own.append(article)
    if not probes:
        return np.zeros(0)
    vectors = np.asarray(encode(probes), dtype=np.float32)
    out = []
    for vector, article in zip(vectors, own):
        cosines = article_cosines(index, vector)
        out.append(standing(np.delete(cosines, article), float(cosines[article])))
    return np.sort(out)


def run() -> pd.DataFrame:
    from topics.embedding.embed import Embedder
    from topics.ingest.corpus import load_corpus
    from topics.search.closeness import closeness
    from topics.search.index import Index

    embedder, rows = Embedder(show_progress=False), []
    for name, corpus, asked in all_sets():
        index = Index.from_corpus(load_corpus(corpus), embedder)
        reference = index.closeness_reference
        standings = headline_standings(index, embedder.encode, random_state=index.random_state)
        positions = {a: i for i, a in enumerate(index._article_ids)}
        hits = index.search_many([q for q, _ in asked], k=K)
        hits_10 = index.search_many([q for q, _ in asked], k=10)
        vectors = np.asarray(embedder.encode([q for q, _ in asked]), dtype=np.float32)
        for (question, judge), result, result_10, vector in zip(asked, hits, hits_10, vectors):
            top = [positions[a] for a in result["article_id"]]
            cosines = article_cosines(index, vector)
            best = float(cosines[top].max())
            stand = standing(np.delete(cosines, top), best)
            rows.append({"set": name, "question": question, "off": judge is None,
                         "answered": judge is not None and judge != set(),
                         "right": judge is not None and (judge == "read" or result["article_id"].iloc[0] in judge),
                         "closeness": float(closeness(reference, [best])[0]), "flag": bool(result.attrs["no_close_match"]),
                         "flag_k10": bool(result_10.attrs["no_close_match"]),
                         "lifted_as_written": held_as_written(index, question, result),
                         **word_evidence(index, question, top), "standing": stand,
                         "standing_closeness": float(np.searchsorted(standings, stand, side="right") / max(len(standings), 1)),
                         "top_title": str(result["title"].iloc[0])[:60]})
        print(name, "done", flush=True)
    return pd.DataFrame(rows)


def _before(r) -> bool:
    return r.closeness < THRESHOLD  # the flag on closeness alone


RULES = {
    "before (closeness alone)": _before,
    "after: a top result holds every word (the code)": lambda r: r.flag,
    "after, k=10": lambda r: r.flag_k10,
    "main before this change: a top article holds every stemmed word": lambda r: _before(r) and not r.whole < math.inf,
    "words as written at any length": lambda r: _before(r) and not r.lifted_as_written,
    "every word in the first result": lambda r: _before(r) and not r.whole_first < math.inf,
    "every word in a top result, chance < 1": lambda r: _before(r) and not r.whole < 1,
    "the words a top result holds, chance < 1": lambda r: _before(r) and not r.chance < 1,
    "own null: standing closeness >= 0.2": lambda r: _before(r) and not r.standing_closeness >= THRESHOLD,
}


def summary(results: pd.DataFrame) -> pd.DataFrame:
    return flag_summary(results, "answered", {rule: (lambda group, f=flagged: group.apply(f, axis=1).astype(bool))
                                              for rule, flagged in RULES.items()})


if __name__ == "__main__":
    results = run()
    results.to_csv(ROOT / "artifacts" / "closeness_words.csv", index=False) if (ROOT / "artifacts").exists() else None
    pd.set_option("display.width", 250, "display.max_columns", 30, "display.max_colwidth", 60)
    print(summary(results).T.to_string())
    print(results.drop(columns=["top_title"]).to_string(index=False))
