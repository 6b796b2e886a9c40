"""Variants of the default lookup on every graded question set: nDCG@10, p@5 of possible and MRR.

``python -m benchmarks.lookup_variants [--guardian-ukraine PATH] [--daily-mail-ukraine PATH] [--fox-ukraine PATH] [--only NAME ...] [--variant NAME ...]`` prints one line per
(set, variant): the default ``Index``; the query-word coverage at weight 0.1 and 0 (default 0.3); the
coverage as a blend of the whole article's and its best paragraph's (share 0.25, 0.5, 0.75, 1 of the
best paragraph's); the second paragraph at 0.1 and 0.4 (default 0.25); no third paragraph; the article
BM25 at 0.15 (default 0.3); the headline as one more unit of its article; the closest-sentence rescoring at article
level; the coverage as a blend of the whole article's and its best sentence's (share 0.25, 0.5, 1), or of its best run of 2 or 3 consecutive sentences (share 0.25). A set whose corpus is absent (the Guardian Ukraine CSV is not shipped) is
skipped. Scored as ``benchmarks.search`` scores its story tables (a result counts with the best grade of
the articles folded into it). CPU: the first pass over the questions (lazy builds included), and the CPU
per question of a second pass.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from benchmarks.search import (DAILYMAIL_UKRAINE, DAILYMAIL_UKRAINE_QUESTIONS, FOX_UKRAINE, FOX_UKRAINE_QUESTIONS, GUARDIAN_UKRAINE,
                               GUARDIAN_UKRAINE_QUESTIONS, STORY_NAMES, STORY_SETS, _story_metrics, read_questions)

METRICS = ("ndcg@10", "p@5 of possible", "mrr", "p@5 of possible, grade 2 only")


def blended_coverage_index(share: float):
    """An ``Index`` whose query-word coverage is (1 - share) x the whole article's + share x its best paragraph's
    (words as written, the paragraph BM25's vocabulary): words scattered over a many-subject article count less."""
    from topics.search.index import Index

    class BlendedCoverage(Index):
        def _coverage_scores(self, text: str) -> np.ndarray:
            whole = super()._coverage_scores(text)
            per_paragraph = np.max([self.lexical.coverage(variant) for variant in self._name_variants(text)], axis=0)
            best = np.maximum.reduceat(per_paragraph, self._article_starts)
            return (1 - share) * whole + share * best

    return BlendedCoverage


def sentence_coverage_index(share: float, window: int = 1):
    """An ``Index`` whose query-word coverage is (1 - share) x the whole article's + share x its best sentence's (the
    headline counts as a sentence; words stemmed, as the article BM25 reads them): the words of a question written
    together in one sentence say the article states its fact, where words scattered over a long round-up passage or
    a name said without the question's event do not. With ``window`` > 1, the best run of that many consecutive
    sentences of the article (across its passages; the whole article where it has fewer): a short release tells one
    fact over its first sentences (the strike in one, whom it sought in the next), a round-up's far-apart sentences
    stay apart."""
    from topics.search.furniture import FURNITURE
    from topics.search.index import Index
    from topics.search.lexical import LexicalIndex
    from topics.text.wording import sentences

    class SentenceCoverage(Index):
        def _sentence_lexical(self):
            if getattr(self, "_sentences", None) is None:
                texts, titles = self._evidence()
                pieces, owners = [], []
                for article, (title, start, end) in enumerate(zip(titles, self._article_starts, self._article_ends)):
                    said = [s for text in texts[start:end] for s in sentences(text) if s.strip()]
                    runs = [" ".join(said[i : i + window]) for i in range(max(1, len(said) - window + 1))] if said else []
                    found = [t for t in [title, *runs] if t.strip()] or [""]
                    pieces += found
                    owners += [article] * len(found)
                self._sentences = (LexicalIndex.build(pieces, stemmed=True, furniture=FURNITURE),
                                   np.flatnonzero(np.r_[True, np.diff(owners) != 0]))
            return self._sentences

        def _coverage_scores(self, text: str) -> np.ndarray:
            whole = super()._coverage_scores(text)
            lexical, starts = self._sentence_lexical()
            per_sentence = np.max([lexical.coverage(variant) for variant in self._name_variants(text)], axis=0)
            return (1 - share) * whole + share * np.maximum.reduceat(per_sentence, starts)

    return SentenceCoverage


def headline_unit_index():
    """An ``Index`` whose headline counts as one more unit of its article: where the query's cosine with the embedded
    title is above the article's best unit score, the title takes the best unit's place (the rest of the score
    unchanged). Unlike a title cosine added to every article (measured before, not adopted), it only lifts an article
    whose headline says what its long, many-strand passages bury."""
    from topics.search.index import Index

    class HeadlineUnit(Index):
        def _article_totals(self, scores, rows, query, article_lexical):
            starts, ends, articles, totals = super()._article_totals(scores, rows, query, article_lexical)
            if query is None or query.text is None or not len(starts):
                return starts, ends, articles, totals
            if getattr(self, "_title_vectors", None) is None:
                titles = self.units["title"].iloc[self._article_starts].fillna("").astype(str).tolist()
                self._title_vectors = np.asarray(self.embedder.encode(titles), dtype=np.float32)
                self._title_vectors[[not t.strip() for t in titles]] = 0.0
            title_cosine = self._title_vectors[articles] @ np.asarray(self.embedder.encode([query.text]), dtype=np.float32)[0]
            best = np.maximum.reduceat(np.where(np.isfinite(scores), scores, -np.inf), starts)
            lift = np.where(np.isfinite(best), np.maximum(0.0, title_cosine - best), 0.0)
            return starts, ends, articles, totals + lift.astype(totals.dtype)

    return HeadlineUnit


def variants() -> dict[str, tuple[type, dict]]:
    from topics.search.index import Index

    found: dict[str, tuple[type, dict]] = {"default": (Index, {})}
    for weight in (0.1, 0.0):
        found[f"coverage weight {weight}"] = (Index, {"coverage_weight": weight})
    for share in (0.25, 0.5, 0.75, 1.0):
        found[f"coverage {share} best paragraph"] = (blended_coverage_index(share), {})
    for weight in (0.1, 0.4):
        found[f"second paragraph {weight}"] = (Index, {"second_paragraph_weight": weight})
    found["no third paragraph"] = (Index, {"third_paragraph_weight": 0.0})
    found["article BM25 0.15"] = (Index, {"article_lexical_weight": 0.15})
    found["headline as a unit"] = (headline_unit_index(), {})
    found["closest sentence, best 15 articles"] = (Index, {"rescore_articles": True})
    for share in (0.25, 0.5, 1.0):
        found[f"coverage {share} best sentence"] = (sentence_coverage_index(share), {})
    for window in (2, 3):
        found[f"coverage 0.25 best {window} sentences"] = (sentence_coverage_index(0.25, window), {})
    return found


def rows(guardian_ukraine: Path = GUARDIAN_UKRAINE, only: list[str] | None = None, daily_mail_ukraine: Path = DAILYMAIL_UKRAINE,
         only_variants: list[str] | None = None, fox_ukraine: Path = FOX_UKRAINE) -> list[dict]:
    from topics.embedding.embed import Embedder, embed_units
    from topics.ingest.corpus import load_corpus
    from topics.text.alias_mining import mine_aliases

    embedder = Embedder()
    out = []
    for name, (corpus_path, questions_path) in zip(STORY_NAMES, STORY_SETS):
        corpus_path = {GUARDIAN_UKRAINE_QUESTIONS: guardian_ukraine, DAILYMAIL_UKRAINE_QUESTIONS: daily_mail_ukraine,
                       FOX_UKRAINE_QUESTIONS: fox_ukraine}.get(questions_path, corpus_path)
        if (only and name not in only) or not corpus_path.exists():
            continue
        questions = read_questions(questions_path)
        corpus = load_corpus(corpus_path)
        units = corpus.units("paragraph")
        vectors = embed_units(corpus, "paragraph", embedder)
        aliases = mine_aliases(units["text"].tolist())
        for variant, (index_class, params) in variants().items():
            if only_variants and variant not in only_variants:
                continue
            started = time.process_time()
            index = index_class(units, vectors, embedder, aliases=aliases, **params)
            results = index.search_many([q["query"] for q in questions], k=10)
            built = time.process_time()
            index.search_many([q["query"] for q in questions], k=10)  # again, what was built lazily now built
            query_cpu = (time.process_time() - built) / len(questions)
            metrics = [_story_metrics([[a, *also] for a, also in zip(r["article_id"], r["also"])], q["relevant"])
                       for r, q in zip(results, questions)]
            out.append({"set": name, "variant": variant, **{m: float(np.mean([x[m] for x in metrics])) for m in METRICS},
                        "cpu_s": built - started, "query_ms": 1000 * query_cpu})
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--guardian-ukraine", type=Path, default=GUARDIAN_UKRAINE, help="the Guardian Ukraine CSV; skipped when absent")
    parser.add_argument("--daily-mail-ukraine", type=Path, default=DAILYMAIL_UKRAINE, help="the Daily Mail Ukraine CSV; skipped when absent")
    parser.add_argument("--fox-ukraine", type=Path, default=FOX_UKRAINE, help="the Fox News Ukraine CSV; skipped when absent")
    parser.add_argument("--only", choices=STORY_NAMES, action="append", help="only this set (repeatable)")
    parser.add_argument("--variant", action="append", help="only this variant (repeatable; default all)")
    args = parser.parse_args(argv)
    print("| set | variant | nDCG@10 | p@5 of possible | MRR | p@5 of possible, grade 2 only | CPU s, first pass | CPU ms per question, again |\n| --- | --- | --- | --- | --- | --- | --- | --- |")
    for row in rows(args.guardian_ukraine, args.only, args.daily_mail_ukraine, args.variant, args.fox_ukraine):
        print(f"| {row['set']} | {row['variant']} | " + " | ".join(f"{row[m]:.3f}" for m in METRICS) + f" | {row['cpu_s']:.1f} | {row['query_ms']:.0f} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
