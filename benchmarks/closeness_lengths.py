"""Lookup's "no close match" for short questions: the reference read at the question's own length.

A result's closeness is its cosine read against the corpus's reference, the cosines of sampled articles with
their own headline (topics.search.closeness). A headline of 12 words matches its article more closely than a
question of 4 words can match anything, so short questions about the corpus were flagged. Here each question's
top-hit cosine is also read against references whose headlines are cut to their first n words: n the question's
own word count ("own length"), or the nearest of a few cuts ("cuts"). The flag stays "below 0.2".

Sets: the graded story questions (benchmarks/data/*_questions.jsonl; right: the top hit graded relevant), the
questions of ``closeness_questions.json`` (right: the target ranked first; off-corpus questions) and, where
its CSV is in the data folder, ``abc_closeness_questions.json`` (short on-topic and off-corpus questions; right:
the on-topic ones whose top hit was read as about the event, ``read_right``). Article level, k=3.

Run: ``TOPICS_CACHE_DIR=<cache> TOPICS_DATA_DIR=../shared/data python -m benchmarks.closeness_lengths``.
Not part of ``benchmarks.run``: answered in docs/benchmarks.md ("short questions read against headlines cut").
"""

from __future__ import annotations

import contextlib
import json
import time

import numpy as np
import pandas as pd

from benchmarks.paths import ROOT, SHARED_DATA  # also sets the offline settings
from benchmarks.closeness_sizes import QUESTIONS, corpus_table
from benchmarks.search import STORY_NAMES, STORY_SETS, read_questions

ABC_QUESTIONS = ROOT / "benchmarks" / "data" / "abc_closeness_questions.json"
CUTS = (3, 6, 10)  # headline cuts of the "cuts" variant; longer questions read against whole headlines
THRESHOLD = 0.2


def question_sets():
    """(name, corpus table or path, [(question, right-judge or None for off-corpus)])."""
    for name, (corpus, questions) in zip(STORY_NAMES, STORY_SETS):
        if corpus.exists():
            asked = [(q["query"], set(q["relevant"])) for q in read_questions(questions)]
            yield name, corpus, asked
    for name, spec in json.loads(QUESTIONS.read_text()).items():
        yield f"{name} (flag set)", corpus_table(spec), [(q, {t}) for q, t in spec["in"]] + [(q, None) for q in spec["off"]]
    spec = json.loads(ABC_QUESTIONS.read_text())
    if (SHARED_DATA / spec["file"]).exists():
        yield "abc", SHARED_DATA / spec["file"], [(q, "read" if q in spec["read_right"] else set()) for q in spec["in"]] + [(q, None) for q in spec["off"]]


def words_of(text: str) -> int:
    return len(text.split())


@contextlib.contextmanager
def probes_cut_to(words: int):
    """The reference's short texts (a headline, or an opening sentence) cut to their first ``words`` words
    while :func:`topics.search.closeness.reference_cosines` builds it; the rest of the build unchanged."""
    import topics.search.closeness as closeness_module
    import topics.text.wording as wording

    own_title, sentences = closeness_module._own_title, wording.sentences

    def cut(text: str) -> str:
        return " ".join(text.split()[:words])

    closeness_module._own_title = lambda title, first_text: cut(own_title(title, first_text))
    wording.sentences = lambda text: [cut(part) if i == 0 else part for i, part in enumerate(sentences(text))]
    try:
        yield
    finally:
        closeness_module._own_title, wording.sentences = own_title, sentences


def cut_reference(build: list, words: int) -> np.ndarray:
    from topics.search.closeness import reference_cosines

    with probes_cut_to(words):
        return reference_cosines(*build)


def run() -> pd.DataFrame:
    import topics.search.closeness as closeness_module
    from topics.embedding.embed import Embedder
    from topics.ingest.corpus import load_corpus
    from topics.search.closeness import closeness
    from topics.search.index import Index

    embedder, rows, seen = Embedder(show_progress=False), [], []
    plain = closeness_module.closeness

    def recording(reference, cosines):  # the cosines the flag reads, in the order the questions are asked
        seen.append(float(np.max(cosines)) if len(cosines) else np.nan)
        return plain(reference, cosines)

    closeness_module.closeness = recording
    for name, corpus, asked in question_sets():
        index = Index.from_corpus(load_corpus(corpus), embedder)
        build = [index.units, index.embeddings, index._article_starts, index._article_ends, embedder.encode, index.random_state]
        started = time.process_time()
        whole = index.closeness_reference
        whole_s = time.process_time() - started
        seen.clear()
        started = time.process_time()
        hits = index.search_many([q for q, _ in asked], k=3)
        search_ms = 1000 * (time.process_time() - started) / len(asked)
        started = time.process_time()
        by_cut = {n: cut_reference(build, n) for n in CUTS}
        cuts_s = time.process_time() - started
        by_length = {}
        for (question, judge), result, cosine in zip(asked, hits, seen):
            n = words_of(question)
            if n not in by_length:
                by_length[n] = cut_reference(build, n)
            cut = next((c for c in CUTS if n <= c), None)
            top = result["article_id"].iloc[0]
            rows.append({"set": name, "question": question, "words": n, "off": judge is None, "cosine": cosine,
                         "right": judge is not None and (judge == "read" or top in judge),
                         "top_title": str(result["title"].iloc[0]) if "title" in result else top,
                         "now": float(closeness(whole, [cosine])[0]),
                         "own length": float(closeness(by_length[n], [cosine])[0]),
                         "cuts": float(closeness(by_cut[cut] if cut else whole, [cosine])[0]),
                         "search_ms": search_ms, "reference_s": whole_s, "cuts_s": cuts_s})
        print(name, "done", flush=True)
    closeness_module.closeness = plain
    return pd.DataFrame(rows)


def flag_summary(results: pd.DataFrame, kept: str, rules: dict) -> pd.DataFrame:
    """Per question set, how many of the questions the corpus answers (column ``kept``) and of the off-corpus ones
    each rule flags; ``rules``: name -> the frame's flags (a boolean Series) under that rule."""
    out = []
    for name, group in results.groupby("set", sort=False):
        row = {"set": name}
        right, off = group[group[kept]], group[group.off]
        for rule, flagged in rules.items():
            flags = flagged(group)
            row[f"{kept} flagged, {rule}"] = f"{int(flags[right.index].sum())} / {len(right)}"
            row[f"off flagged, {rule}"] = f"{int(flags[off.index].sum())} / {len(off)}" if len(off) else "–"
        out.append(row)
    return pd.DataFrame(out)


def summary(results: pd.DataFrame) -> pd.DataFrame:
    return flag_summary(results, "right", {variant: (lambda group, v=variant: group[v] < THRESHOLD)
                                           for variant in ("now", "own length", "cuts")})


if __name__ == "__main__":
    results = run()
    pd.set_option("display.width", 250, "display.max_columns", 20, "display.max_colwidth", 70)
    print(summary(results).to_string(index=False))
    print(results[["set", "question", "words", "off", "right", "cosine", "now", "own length", "cuts", "top_title"]].to_string(index=False))
    print(results.groupby("set")[["search_ms", "reference_s", "cuts_s"]].first().to_string())
