"""Pooled, blind grading of the story questions, as TREC pools its runs.

``python -m benchmarks.story_pool --only nyt [--depth 10] [--seed 0] [--out FILE]`` runs every system
that ``benchmarks.search`` compares on the question set (the Index and its variants, plain cosine,
BM25) and the article-score variants of ``benchmarks.story_variants``, takes the union of their first
``depth`` results per question (an article folded into a result counts as shown), and writes the
grading list: one line per (question, article), shuffled, with neither the system that found the
article nor any grade it already has. Every pooled article is then graded by reading it against the
question's written criterion (``label_notes["criterion"]``) on one scale:

- 2: the article is about the event or subject (its main story, or a main strand of it);
- 1: at least one paragraph of its own reports the event or subject as part of the article's own
  story: not a passing clause, a one-sentence mention or a background reminder of an earlier event;
- 0: otherwise, a different event of the same kind included.

The grades go back into the question file (``relevant``: the pooled grades, with the earlier grades of
relevant articles no system pooled; ``judged_irrelevant``: pooled articles graded 0; ``original``: the
grades as first written; ``label_notes``: why a grade moved) and, one line per pooled article with a
short reason, into ``benchmarks/data/nyt_pool_grades.csv`` (ids only, no corpus text).

``--check FILE`` instead reports, for a question file that has been graded, the pooled articles that
still have no grade (it should print none).
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from benchmarks.search import STORY_SETS, read_questions, story_lists


def variant_lists(corpus_path: Path, texts: list[str], k: int) -> dict[str, list[list[list[str]]]]:
    """The first ``k`` results of each article-score variant of ``benchmarks.story_variants``."""
    from benchmarks.story_variants import VARIANTS, variant_index
    from topics.embedding.embed import Embedder, embed_units
    from topics.ingest.corpus import load_corpus
    from topics.text.alias_mining import mine_aliases

    corpus = load_corpus(corpus_path)
    units = corpus.units("paragraph")
    embedder = Embedder(show_progress=False)
    vectors = embed_units(corpus, "paragraph", embedder)
    aliases = mine_aliases(units["text"].tolist())
    index_class = variant_index()
    lists = {}
    for variant in VARIANTS[1:]:
        index = index_class(units, vectors, embedder, aliases=aliases)
        for name, value in variant.items():
            setattr(index, name, value)
        results = index.search_many(texts, k=k)
        lists[json.dumps(variant)] = [[[a, *also] for a, also in zip(r["article_id"], r["also"])] for r in results]
    return lists


def pool(lists: dict[str, list[list[list[str]]]], n_questions: int, depth: int) -> list[list[str]]:
    """Per question, the articles any system shows (or folds) in its first ``depth`` results, in first-seen order."""
    pooled: list[dict[str, None]] = [{} for _ in range(n_questions)]
    for results in lists.values():
        for seen, shown in zip(pooled, results):
            for story in shown[:depth]:
                seen.update(dict.fromkeys(story))
    return [list(seen) for seen in pooled]


def grading_list(questions: list[dict], pooled: list[list[str]], seed: int) -> list[dict]:
    """Every (question, pooled article) pair, shuffled; no system and no grade, so reading is blind."""
    pairs = [{"question": i, "query": q["query"], "article_id": a} for i, (q, articles) in enumerate(zip(questions, pooled)) for a in articles]
    random.Random(seed).shuffle(pairs)
    return pairs


def ungraded(questions: list[dict], pooled: list[list[str]]) -> list[tuple[int, str]]:
    """Pooled articles with neither a grade in ``relevant`` nor a place in ``judged_irrelevant``."""
    return [(i, a) for i, (q, articles) in enumerate(zip(questions, pooled)) for a in articles
            if a not in q["relevant"] and a not in q.get("judged_irrelevant", [])]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", required=True, help="the question set whose corpus file name holds this")
    parser.add_argument("--depth", type=int, default=10, help="results per system pooled")
    parser.add_argument("--seed", type=int, default=0, help="shuffle of the grading list")
    parser.add_argument("--out", type=Path, default=Path("artifacts/bench/story_pool.jsonl"))
    parser.add_argument("--check", type=Path, help="a graded question file: list its pooled articles without a grade")
    args = parser.parse_args(argv)
    sets = [(c, q) for c, q in STORY_SETS if args.only in c.name]
    if len(sets) != 1:
        parser.error(f"--only {args.only!r} matches {len(sets)} question sets")
    corpus_path, questions_path = sets[0]
    if not corpus_path.exists():
        parser.error(f"{corpus_path}: corpus not found (set TOPICS_DATA_DIR)")
    questions = read_questions(args.check or questions_path)
    texts = [q["query"] for q in questions]
    lists, _ = story_lists(corpus_path, texts, k=args.depth)
    lists.update(variant_lists(corpus_path, texts, args.depth))
    pooled = pool(lists, len(questions), args.depth)
    print(f"{len(lists)} systems, depth {args.depth}: {sum(map(len, pooled))} pooled (question, article) pairs", flush=True)
    if args.check:
        missing = ungraded(questions, pooled)
        for i, article in missing:
            print(f"  no grade: question {i} ({questions[i]['query']!r}), {article}")
        return 1 if missing else 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("".join(json.dumps(pair) + "\n" for pair in grading_list(questions, pooled, args.seed)), encoding="utf-8")
    print(f"grading list: {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
