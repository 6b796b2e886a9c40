"""Two article-score terms measured against the default Index on the graded story questions.

``python -m benchmarks.story_variants --cache-dir <cache> [--only nyt] [--show]`` prints one line per
question set and variant: nDCG@10, precision@5 of possible, the same counting folded copies, and CPU
ms per query (``benchmarks.search`` defines the questions and the metrics). Variants:

- feedback: pseudo-relevance feedback (Rocchio) at article level. The best ``m`` articles of the
  default score give a centroid of their article vectors (the mean of their paragraph vectors, or
  their first paragraph's); every article gains ``weight`` x its cosine to that centroid;
- lead: every article gains ``weight`` x the cosine of the query with its first paragraph (news
  states its story in the lead; an article that only mentions the event does so further down);
- paragraph_coverage: every article gains ``weight`` x the best idf-weighted share of the query's
  words (stemmed, alias names counted as in the Index) held by one of its paragraphs: the question's
  rare words together in one place, on top of the whole-article share the Index counts.

``--variant NAME`` runs only the variants of that term (and the default).

NYT chose nothing here; BBC News and AG News are the held-out checks. Neither term is in the Index
(see docs/benchmarks.md, "Lookup that finds the story").
"""

from __future__ import annotations

import argparse
import json
import os
import time

import numpy as np

from benchmarks.search import STORY_SETS, _story_metrics

VARIANTS = (
    {},
    {"feedback": 0.1}, {"feedback": 0.2}, {"feedback": 0.3}, {"feedback": 0.2, "feedback_articles": 5},
    {"feedback": 0.2, "feedback_vector": "first"},
    {"lead": 0.1}, {"lead": 0.2}, {"lead": 0.3}, {"lead": 0.5},
    {"paragraph_coverage": 0.1}, {"paragraph_coverage": 0.2}, {"paragraph_coverage": 0.3},
)


def variant_index():
    """An Index whose article score takes the extra terms (class attributes set per instance)."""
    from topics.search.ann import top_k
    from topics.search.index import Index

    class VariantIndex(Index):
        feedback = 0.0
        feedback_articles = 3
        feedback_vector = "mean"
        lead = 0.0
        paragraph_coverage = 0.0
        _vectors = None
        _paragraph_words = None

        def _feedback_vectors(self) -> np.ndarray:
            if self._vectors is None:
                if self.feedback_vector == "mean":
                    vectors = np.add.reduceat(self.embeddings, self._article_starts, axis=0)
                else:
                    vectors = self.embeddings[self._article_starts]
                self._vectors = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
            return self._vectors

        def _article_totals(self, scores, rows, query, article_lexical):
            starts, ends, articles, totals = super()._article_totals(scores, rows, query, article_lexical)
            if query is None or query.text is None:
                return starts, ends, articles, totals
            if self.lead:
                totals = totals + self.lead * (self.embeddings[self._article_starts[articles]] @ query.vector).astype(totals.dtype)
            if self.paragraph_coverage:
                if self._paragraph_words is None:
                    from topics.search.lexical import LexicalIndex

                    self._paragraph_words = LexicalIndex.build(self.units["text"].astype(str).tolist(), stemmed=True)
                shares = np.max([self._paragraph_words.coverage(v) for v in self._name_variants(query.text)], axis=0)
                best = np.maximum.reduceat(shares, self._article_starts)[articles]
                totals = totals + self.paragraph_coverage * best.astype(totals.dtype)
            finite = np.isfinite(totals)
            if self.feedback and finite.sum() > self.feedback_articles:
                vectors = self._feedback_vectors()[articles]
                best = top_k(np.where(finite, totals, -np.inf), self.feedback_articles)
                centroid = vectors[best].mean(axis=0)
                totals = totals + self.feedback * (vectors @ (centroid / np.linalg.norm(centroid))).astype(totals.dtype)
            return starts, ends, articles, totals

    return VariantIndex


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cache-dir", default=os.environ.get("TOPICS_CACHE_DIR", "artifacts/cache"))
    parser.add_argument("--only", action="append", default=[], help="question sets whose corpus file name holds this (repeatable)")
    parser.add_argument("--variant", action="append", default=[], help="only the variants of this term (repeatable)")
    parser.add_argument("--show", action="store_true", help="the first results of questions below full precision@5")
    args = parser.parse_args(argv)
    from topics.embedding.embed import Embedder, embed_units
    from topics.ingest.corpus import load_corpus
    from topics.text.alias_mining import mine_aliases

    embedder = Embedder(cache_dir=args.cache_dir, show_progress=False)
    index_class = variant_index()
    for corpus_path, questions_path in STORY_SETS:
        if args.only and not any(name in corpus_path.name for name in args.only):
            continue
        if not corpus_path.exists():  # a corpus not shipped (the Guardian Ukraine CSV) is skipped
            continue
        questions = [json.loads(line) for line in questions_path.read_text(encoding="utf-8").splitlines() if line.strip()]
        corpus = load_corpus(corpus_path)
        units = corpus.units("paragraph")
        vectors = embed_units(corpus, "paragraph", embedder)
        aliases = mine_aliases(units["text"].tolist())
        for variant in VARIANTS:
            if args.variant and variant and not set(variant) & set(args.variant):
                continue
            index = index_class(units, vectors, embedder, aliases=aliases)
            for name, value in variant.items():
                setattr(index, name, value)
            started = time.process_time()
            results = index.search_many([q["query"] for q in questions], k=10)
            cpu_ms = 1000 * (time.process_time() - started) / len(questions)
            metrics = []
            for result, question in zip(results, questions):
                shown = [[a, *also] for a, also in zip(result["article_id"], result["also"])]
                metrics.append(_story_metrics(shown, question["relevant"]))
                if args.show and metrics[-1]["p@5 of possible"] < 1:
                    print(f"  {metrics[-1]['p@5 of possible']:.2f} {question['query']!r}: "
                          + ", ".join(f"{s[0]} ({question['relevant'].get(s[0], 0)})" for s in shown[:5]))
            mean = {name: float(np.mean([m[name] for m in metrics])) for name in metrics[0]}
            print(f"{corpus_path.name[:24]:24s} {json.dumps(variant) if variant else 'default':48s} nDCG@10 {mean['ndcg@10']:.3f}  "
                  f"p@5 {mean['p@5 of possible']:.3f}  folds counted {mean['p@5 of possible, folds counted']:.3f}  CPU {cpu_ms:.0f} ms/query",
                  flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
