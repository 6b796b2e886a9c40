"""Paragraph-level lookup with the paragraph BM25 on words as written or on their stems (word forms joined).

``python -m benchmarks.paragraph_forms [--quick]`` prints a Markdown table and writes
``artifacts/bench/paragraph_forms.json``.

At article level the paragraph BM25 takes no part (the article BM25 does), so the graded story questions of
:mod:`benchmarks.search` are also asked here at paragraph level: each list of paragraphs is read as the list of
their articles (first appearance), scored as the story tables score articles (nDCG@10, MRR, p@5), and the seed
paraphrases by the rank of their paragraph (MRR, hit@1). Both tokenisations run on the same index, vectors and
questions, in one process; the CPU time per query is that of ``Index.search_many``, its second look embedding
without the cache (``benchmarks.search._timed_search``). The paragraph BM25 "as written" is the default.
``--quick``: the seed paraphrases, BBC and ISAF only.
"""

from __future__ import annotations

import time

import numpy as np

from benchmarks.search import STORY_NAMES, STORY_SETS, _story_metrics, _timed_search, read_questions, seed_paraphrases

FORMS = ("as written", "stems")


def _index(units, vectors, embedder, forms: str, aliases=None):
    """The default Index; ``forms`` "stems": its paragraph BM25 built as the article BM25 is (stemmed, base forms)."""
    from topics.search.furniture import FURNITURE
    from topics.search.index import Index
    from topics.search.lexical import LexicalIndex

    index = Index(units, vectors, embedder, aliases=aliases)
    if forms == "stems":
        index._lexical = LexicalIndex.build(index._evidence()[0], stemmed=True, furniture=FURNITURE)
    index.lexical  # built before the clock starts
    return index


def _timed(index, texts: list[str], k: int):
    """(results, CPU ms per query): each variant's full-precision second look embeds without the cache, alike."""
    results, seconds = _timed_search(index, texts, k, level="paragraph")
    return results, 1000 * seconds


def seed_rows() -> list[dict]:
    queries, embedder, units, vectors, texts = seed_paraphrases()
    rows = []
    for forms in FORMS:
        results, ms = _timed(_index(units, vectors, embedder, forms), texts, len(units))
        ranks = np.array([r["paragraph_id"].tolist().index(q["paragraph_id"]) + 1 for q, r in zip(queries, results)])
        rows.append({"data": f"seed paraphrases → paragraph ({len(queries)})", "paragraph BM25": forms, "mrr": float(np.mean(1 / ranks)),
                     "hit@1": float(np.mean(ranks == 1)), "cpu_ms_per_query": ms})
    return rows


def story_rows(corpus_path, questions_path, k: int = 10) -> list[dict]:
    from topics.embedding.embed import Embedder, embed_units
    from topics.ingest.corpus import load_corpus
    from topics.text.alias_mining import mine_aliases

    if not corpus_path.exists():
        return []
    questions = read_questions(questions_path)
    texts = [q["query"] for q in questions]
    corpus = load_corpus(corpus_path)
    embedder = Embedder()
    units = corpus.units("paragraph")
    vectors = embed_units(corpus, "paragraph", embedder)
    aliases = mine_aliases(units["text"].tolist())
    rows = []
    for forms in FORMS:
        # Enough paragraphs for ten articles in nearly every list (an article's paragraphs come in groups).
        results, ms = _timed(_index(units, vectors, embedder, forms, aliases), texts, 5 * k)
        articles = [list(dict.fromkeys(r["article_id"].astype(str)))[:k] for r in results]
        metrics = [_story_metrics([[a] for a in found], q["relevant"]) for found, q in zip(articles, questions)]
        rows.append({"data": f"{corpus_path.name}, {len(questions)} questions → paragraphs' articles", "paragraph BM25": forms,
                     **{name: float(np.mean([m[name] for m in metrics])) for name in ("ndcg@10", "mrr", "p@5")}, "cpu_ms_per_query": ms})
    return rows


def main(argv: list[str] | None = None) -> int:
    from benchmarks.run import markdown_table, script_parser, write_record

    args = script_parser("paragraph_forms", __doc__, "the seed paraphrases, BBC and ISAF only").parse_args(argv)
    started = time.perf_counter()
    chosen = [pair for name, pair in zip(STORY_NAMES, STORY_SETS) if not args.quick or name in ("bbc", "isaf")]
    rows = seed_rows() + [row for corpus_path, questions_path in chosen for row in story_rows(corpus_path, questions_path)]
    write_record(args.out, "paragraph_forms", "python -m benchmarks.paragraph_forms" + (" --quick" if args.quick else ""), rows, started,
                 quick=args.quick)
    print(markdown_table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
