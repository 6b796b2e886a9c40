"""How an ``Index`` ranks: dense candidates (exact or approximate), hybrid unit scores, article
scores from their paragraphs and title, exclusions and filters, and the result table.

Owns the scoring steps behind ``Index.search``; the weights are the index's parameters
(defaults in :mod:`topics.search.params`) and the article formula is :mod:`topics.search.ranking`.
May import: numpy, pandas, :mod:`topics.search.ann`, :mod:`topics.search.ranking`, :mod:`topics.search.lexical`,
:mod:`topics.search.closeness` (each result's closeness to the query), :mod:`topics.search.furniture` (what the
lexical evidence leaves out).
Mixed into :class:`topics.search.index.Index`, whose state (units, embeddings, article spans) it reads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from topics.search.ann import CANDIDATES_PER_RESULT, row_dots, score_blocks, top_k
from topics.search.furniture import FURNITURE, copied_titles, evidence_texts

if TYPE_CHECKING:
    from topics.search.queries import Query as _Query

MIN_CANDIDATES = 50  # approximate candidates per query, at least
ARTICLE_CANDIDATE_FACTOR = 4  # more candidates at article level: an article's paragraphs come in groups
# True: the article BM25 is scaled by the larger of the best article's score and a full match's
# (topics.search.lexical.LexicalIndex.full_match); False: by the best article's alone.
ARTICLE_LEXICAL_FULL_MATCH = True


class IndexRanking:
    """The ranking methods of :class:`topics.search.index.Index`."""

    @property
    def approximate_index(self):
        """The approximate index (:class:`topics.search.ann.ApproximateIndex`) once built, else None."""
        return self._approximate_index

    @property
    def lexical(self):
        """The BM25 index over unit texts, on the words as written (read from the saved index, or built, on first use).
        Stemmed, as the article BM25 is, it lost a seed paraphrase and gained little elsewhere (docs/benchmarks.md,
        "Lookup: the paragraph BM25 on word forms")."""
        if self._lexical is None:
            self._lexical = self._saved_or_built_lexical(self._lexical_folder, self.n_units, lambda: self._evidence()[0], stemmed=False)
        return self._lexical

    def _saved_or_built_lexical(self, folder, n_texts: int, texts, stemmed: bool = True):
        """A BM25 index (:class:`topics.search.lexical.LexicalIndex`) over ``texts()``, ``stemmed`` or on the words as
        written: read from ``folder`` where it was saved as one is built now, else built again (and marked unsaved).
        One path for the paragraph and the article index."""
        from topics.search.lexical import LexicalIndex

        saved = None
        if folder is not None:
            try:
                saved = LexicalIndex.load(folder, n_texts)
            except Exception:  # unreadable: the texts are at hand, build it again
                saved = None
        built_as_now = saved is not None and saved.stemmed == stemmed and (not stemmed or saved.base_forms and saved.singulars is not None)
        if saved is not None and not (built_as_now and saved.compounds is not None and saved.terms is not None
                                      and saved.furniture == FURNITURE):
            saved = None  # saved before its words were stemmed (or taken to their base forms, or its "-es" plurals
            # to their singular), compounds or terms found, or under another furniture rule
        if saved is None:
            saved = LexicalIndex.build(texts(), stemmed=stemmed, furniture=FURNITURE)
            self._unsaved.add("lexical")
        return saved

    def _evidence(self) -> tuple[list[str], list[str]]:
        """(unit texts, article titles) as the lexical evidence reads them: without their credits and datelines, a
        title copied from its article's opening left empty (:mod:`topics.search.furniture`), found once per index."""
        if self._evidence_texts is None:
            titles = self.units["title"].iloc[self._article_starts].fillna("").astype(str).tolist()
            titles = copied_titles(titles, self.units["text"].iloc[self._article_starts].astype(str).tolist())  # counted once
            self._evidence_texts = (evidence_texts(self.units["text"].astype(str).tolist()), evidence_texts(titles))
        return self._evidence_texts

    @property
    def rescorer(self):
        """The :class:`topics.search.rerank.Rescorer` of text queries: the index's model in full
        precision (the fp32 ONNX runner, else torch), sharing the query embedder's cache (created on first use)."""
        if self._rescorer is None or self._rescorer.mode != self.rescore:
            from topics.embedding.embed import Embedder
            from topics.search.rerank import Rescorer

            embedder = self.embedder
            if getattr(embedder, "backend_", "torch") not in ("torch", "onnx-fp32"):
                embedder = Embedder(self._model_name, backend="onnx-fp32", cache_dir=embedder.cache_dir, batch_size=embedder.batch_size,
                                    show_progress=False)
            self._rescorer = Rescorer(embedder, self.rescore)
        return self._rescorer

    @property
    def closeness_reference(self) -> np.ndarray | None:
        """The sorted cosines that a result's closeness is read against (:mod:`topics.search.closeness`):
        built on first use with the index's model, None for an index that does not know its model."""
        if self._closeness_reference is None and (self._embedder is not None or self.model_id is not None):
            from topics.search.closeness import reference_cosines

            self._closeness_reference = reference_cosines(self.units, self.embeddings, self._article_starts, self._article_ends,
                                                          self.embedder.encode, self.random_state)
            self._unsaved.add("closeness")
        return self._closeness_reference

    def _with_closeness(self, frame: pd.DataFrame, query: _Query, level: str) -> pd.DataFrame:
        """``frame`` with each result's closeness to the query, whether none is close, and why that cannot be
        told where it cannot (``closeness_note``; all in ``attrs``)."""
        from topics.search.closeness import NO_CLOSE_MATCH_BELOW, closeness, unread_reason

        rows = np.array([self._unit_row[u] for u in frame["paragraph_id"]], dtype=np.int64)
        if level == "article":  # an article is as close as its closest paragraph
            spans = [(self._article_starts[a], self._article_ends[a]) for a in self._unit_article[rows]]
            cosines = [float(np.max(self.embeddings[start:end] @ query.vector)) for start, end in spans]
        else:
            cosines = self.embeddings[rows] @ query.vector if len(rows) else []
        # Built where a model is at hand; a vector query never loads one for it (NaN until then).
        reference = self.closeness_reference if query.text is not None or self._embedder is not None else self._closeness_reference
        frame["closeness"] = closeness(reference, cosines)
        best = float(frame["closeness"].max()) if len(frame) and frame["closeness"].notna().any() else None
        frame.attrs["best_closeness"] = best
        flagged = None if best is None and len(frame) else (best is None or best < NO_CLOSE_MATCH_BELOW)
        lifted = bool(flagged and best is not None and query.text is not None and self._holds_every_word(query.text, rows, level))
        frame.attrs["no_close_match"] = False if lifted else flagged  # a bare name the corpus writes, however low the cosine
        frame.attrs["no_close_match_lifted"] = "every word" if lifted else None  # why a low closeness is not flagged
        frame.attrs["closeness_note"] = unread_reason(reference) if len(frame) else None  # why None: said, not left blank
        return frame

    def _uses_approximate(self) -> bool:
        if self.approximate is False or (self.approximate == "auto" and self.n_units < self.approximate_min_units):
            return False
        if self._approximate_index is None:
            from topics.search.ann import ApproximateIndex, approximate_available

            if self.approximate == "auto" and not approximate_available():
                return False
            self._approximate_index = ApproximateIndex(random_state=self.random_state).fit(self.embeddings)
            self._unsaved.add("approximate")
        return self.approximate is True or self._approximate_index.pays_off_

    def _dense_scores(self, vectors: np.ndarray, k: int, level: str):
        """(query row, candidate unit rows, their cosines) for each query.

        Exact search scores every unit (rows None), in blocks of queries;
        approximate search returns a few hundred candidate rows per query (cosines
        None: :meth:`_rank` scores them once it knows every candidate).
        """
        if not len(vectors):
            return
        if not self._uses_approximate():
            for start, block in score_blocks(self.embeddings, vectors):
                for offset, cosines in enumerate(block):
                    yield start + offset, None, cosines
            return
        wanted = CANDIDATES_PER_RESULT * k * (ARTICLE_CANDIDATE_FACTOR if level == "article" else 1)
        n_candidates = min(self.n_units, max(MIN_CANDIDATES, wanted))
        indices, _ = self._approximate_index.search(vectors, n_candidates)
        for row, found in enumerate(indices):
            yield row, np.sort(found[found >= 0]), None  # rescored exactly in _rank

    def _rank(self, query: _Query, rows: np.ndarray | None, dense: np.ndarray, k: int, level: str, allowed: np.ndarray | None) -> pd.DataFrame:
        """The result table of one query from its candidates (``rows``; None = every unit) and their cosines."""
        if rows is not None and (allowed is not None or self._too_few(rows, k, level)):
            # Candidates may fail a filter or cover too few articles: such queries are exact.
            rows, dense = None, row_dots(self.embeddings, query.vector)
        text = self.hybrid and query.text is not None
        # At article level with article BM25, words count once, for the whole article (see Index).
        by_article = text and level == "article" and self.article_lexical_weight > 0
        lexical = self.lexical.scores(self._lexical_query(query.text)) if text and not by_article else None
        article_lexical = self._article_lexical_scores(query.text) if by_article else None
        peak = lexical.max(initial=0.0) if lexical is not None else 0.0
        if rows is None:
            dense = np.asarray(dense, dtype=np.float32)
        else:
            if peak > 0:  # approximate: the best lexical matches become candidates too
                rows = np.union1d(rows, top_k(np.where(lexical > 0, lexical, -np.inf), len(rows)))
            if level == "article":  # every paragraph of a candidate article, so its score is exact
                if article_lexical is not None and article_lexical.max(initial=0.0) > 0:
                    wanted = top_k(np.where(article_lexical > 0, article_lexical, -np.inf), ARTICLE_CANDIDATE_FACTOR * k)
                    rows = np.union1d(rows, self._article_starts[wanted])
                rows = self._whole_articles(rows)
            dense = self.embeddings[rows] @ query.vector
        scores = dense
        if peak > 0:
            scores = dense + self.lexical_weight * ((lexical if rows is None else lexical[rows]) / peak)
        scores = self._exclude(scores, rows, query, level, allowed).astype(np.float32, copy=False)
        if self.rescore and query.text is not None and (level == "paragraph" or self.rescore_articles):  # a second, precise look
            rows, scores, dense = self._rescored(query, rows, scores, dense, k, level, allowed, lexical, peak, article_lexical)
        if level == "paragraph":
            best = top_k(scores, k)
            return self._frame(best if rows is None else rows[best], scores[best], dense[best])
        best, article_scores, folded = self._best_articles(scores, rows, k, query, article_lexical)
        frame = self._frame(best if rows is None else rows[best], article_scores, dense[best])
        if self.fold_duplicates:
            # Same-story articles folded into the result above them.
            frame["also"] = [[str(self._article_ids[a]) for a in later] for later in folded]
        return frame

    def _rescored(self, query: _Query, rows, scores, dense, k: int, level: str, allowed, lexical, peak: float, article_lexical):
        """(rows, scores, cosines) of the best candidates only, the cosines of the units that decide
        their ranking computed again by the :attr:`rescorer` (:mod:`topics.search.rerank`): the
        ``rescore_candidates`` best paragraphs, or the ``rescore_candidates`` best articles with the
        paragraphs an article score counts (its best three) scored again and the rest as they were."""
        from topics.search.ranking import PARAGRAPH_WEIGHTS

        n = max(self.rescore_candidates, k)
        if level == "paragraph":
            chosen = top_k(scores, n)
            chosen = np.sort(chosen[np.isfinite(scores[chosen])])
            kept, again = (chosen if rows is None else rows[chosen]), np.arange(len(chosen))
        else:
            starts, ends, articles, totals = self._article_totals(scores, rows, query, article_lexical)
            best = top_k(totals, n)
            best = np.sort(best[np.isfinite(totals[best])])
            chosen = np.concatenate([np.arange(starts[a], ends[a]) for a in best]) if len(best) else np.zeros(0, np.int64)
            kept = chosen if rows is None else rows[chosen]
            lengths = ends[best] - starts[best]
            owner = np.repeat(np.arange(len(best)), lengths)
            order = np.lexsort((-scores[chosen], owner))  # by article, best unit first
            rank_in_article = np.arange(len(chosen)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
            again = np.sort(order[rank_in_article < len(PARAGRAPH_WEIGHTS)])
        dense = np.asarray(dense[chosen], dtype=np.float32).copy()
        if len(again):
            texts = self.units["text"].to_numpy(dtype=object)[kept[again]]
            dense[again] = self.rescorer.cosines(query.text, list(texts))
        scores = dense + (self.lexical_weight * lexical[kept] / peak if peak > 0 else 0.0)
        if allowed is not None:
            scores = np.where(allowed[kept], scores, -np.inf)
        return kept, self._exclude(scores, kept, query, level, None).astype(np.float32, copy=False), dense

    def _too_few(self, rows: np.ndarray, k: int, level: str) -> bool:
        """Whether approximate candidates might hold fewer than ``k`` results (+1: the query's own)."""
        if level == "paragraph":
            return len(rows) < min(k + 1, self.n_units)
        return len(np.unique(self._unit_article[rows])) < min(k + 1, self.n_articles)

    def _whole_articles(self, rows: np.ndarray) -> np.ndarray:
        """Sorted rows of every unit of the articles that ``rows`` belong to."""
        articles = np.unique(self._unit_article[rows])
        starts, lengths = self._article_starts[articles], self._article_ends[articles] - self._article_starts[articles]
        offsets = np.repeat(np.cumsum(lengths) - lengths, lengths)
        return np.repeat(starts, lengths) + np.arange(lengths.sum()) - offsets

    def _exclude(self, scores: np.ndarray, rows: np.ndarray | None, query: _Query, level: str, allowed: np.ndarray | None) -> np.ndarray:
        """``scores`` with -inf where a unit fails a filter or belongs to the query itself."""
        excluded = np.zeros(0, dtype=np.int64) if query.exclude is None else query.exclude
        if level == "article" and query.exclude_article is not None:
            a = query.exclude_article
            excluded = np.union1d(excluded, np.arange(self._article_starts[a], self._article_ends[a]))
        if allowed is None and not len(excluded):
            return scores
        scores = np.where(allowed, scores, -np.inf) if allowed is not None else scores.copy()
        if len(excluded):
            scores[excluded if rows is None else np.isin(rows, excluded)] = -np.inf
        return scores

    def _article_totals(self, scores: np.ndarray, rows: np.ndarray | None, query: _Query | None, article_lexical):
        """(starts, ends, article rows, article scores) of the articles among ``rows`` (None: all)."""
        from topics.search import ranking

        if rows is None:
            starts = self._article_starts
            articles = np.arange(self.n_articles)
        else:  # candidates are sorted by row, so each article's candidates are contiguous
            codes = self._unit_article[rows]
            starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
            articles = codes[starts]
        ends = np.r_[starts[1:], len(scores)]
        weights = (1.0, self.second_paragraph_weight, self.third_paragraph_weight if self.second_paragraph_weight else 0.0)
        totals = ranking.article_scores(scores, starts, weights)
        if self.title_weight and query is not None and query.text is not None:
            totals = totals + self.title_weight * self._title_scores(query.text)[articles]
        peak = article_lexical.max(initial=0.0) if article_lexical is not None else 0.0
        if peak > 0:
            # Scaled by the best article's score, or by what a full match of the query scores where that is higher.
            if ARTICLE_LEXICAL_FULL_MATCH and query is not None and query.text is not None:
                peak = max(peak, self.article_lexical.full_match(self._lexical_query(query.text)))
            totals = totals + self.article_lexical_weight * (article_lexical[articles] / peak)
        if self.coverage_weight and query is not None and query.text is not None:
            totals = totals + self.coverage_weight * self._coverage_scores(query.text)[articles]
        return starts, ends, articles, totals

    def _best_articles(self, scores: np.ndarray, rows: np.ndarray | None, k: int, query: _Query | None = None,
                       article_lexical: np.ndarray | None = None):
        """(position in ``scores`` of the best unit, article score, folded article rows) of the ``k`` best stories."""
        from topics.search import ranking

        if not len(scores):
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32), []
        starts, ends, articles, totals = self._article_totals(scores, rows, query, article_lexical)
        n_ranked = k * ranking.FOLD_CANDIDATES if self.fold_duplicates else k
        chosen = top_k(totals, n_ranked)
        chosen = chosen[np.isfinite(totals[chosen])]
        folded: list[list[int]] = [[] for _ in chosen]
        if self.fold_duplicates and len(chosen) > 1:
            paragraphs = [np.asarray(self.embeddings[self._article_starts[a] : self._article_ends[a]]) for a in articles[chosen]]
            stories = ranking.fold_duplicates(np.arange(len(chosen)), paragraphs, k)
            folded = [[int(articles[chosen[j]]) for j in later] for _, later in stories]
            chosen = chosen[[head for head, _ in stories]]
        chosen, folded = chosen[:k], folded[:k]
        positions = np.array([starts[a] + int(np.argmax(scores[starts[a] : ends[a]])) for a in chosen], dtype=np.int64)
        return positions, totals[chosen], folded

    def _title_scores(self, text: str) -> np.ndarray:
        """The idf-weighted share of the query's words in each article's title (topics.search.ranking.TitleMatcher)."""
        if self._title_lexical is None:
            from topics.search.ranking import TitleMatcher

            titles = self._evidence()[1]  # without their datelines
            self._title_lexical = TitleMatcher(titles, self.article_lexical.compounds, self.article_lexical.terms)  # as the articles write them
        return self._title_lexical.scores(self._lexical_query(text))

    @property
    def article_lexical(self):
        """BM25 over whole articles (title and paragraphs as one text, words stemmed, irregular forms taken to
        their base): read from the saved index, or built, on first use."""
        if self._article_lexical is None:
            def articles() -> list[str]:
                texts, titles = self._evidence()
                spans = zip(titles, self._article_starts, self._article_ends)
                return ["\n\n".join([title, *texts[start:end]]) for title, start, end in spans]

            self._article_lexical = self._saved_or_built_lexical(self._article_lexical_folder, self.n_articles, articles)
        return self._article_lexical

    def _article_lexical_scores(self, text: str) -> np.ndarray:
        """BM25 of each article for a text query (see :attr:`article_lexical`)."""
        return self.article_lexical.scores(self._lexical_query(text))

    def _coverage_scores(self, text: str) -> np.ndarray:
        """The idf-weighted share of the query's words in each whole article (stemmed; see
        :meth:`topics.search.lexical.LexicalIndex.coverage`); a query naming an alias group counts
        as covered by an article that uses another name of the group."""
        return np.max([self.article_lexical.coverage(variant) for variant in self._name_variants(text)], axis=0)

    def _holds_every_word(self, text: str, rows: np.ndarray, level: str) -> bool:
        """Whether one returned unit writes every content word of the question as the question writes it
        (:mod:`topics.search.held_words`), one alias name of the group it names in place of another counted.
        The units: at paragraph level the returned paragraphs; at article level each result's headline with
        its first paragraph, and each of its paragraphs. A single word counts only in a result's headline; three
        words or more are read by their stems, as the lexical index reads them."""
        from topics.search.held_words import content_words, held_in_one

        texts, titles = self._evidence()
        articles = self._unit_article[rows]
        heads = [titles[a] for a in articles]
        if level == "article":
            units = [f"{titles[a]}\n\n{texts[self._article_starts[a]]}" for a in articles]
            units += [texts[row] for a in articles for row in range(self._article_starts[a], self._article_ends[a])]
        else:
            units = [texts[row] for row in rows]
        stem = self._word_stems if self.article_lexical.stemmed else None
        return any(held_in_one(content_words(variant), units, heads, stem) for variant in self._name_variants(text))

    @staticmethod
    def _word_stems(words: list[str]) -> list[str]:
        """``words`` to their stems as the stemmed lexical index reads them (base form, then Snowball)."""
        from topics.search.lexical import _stemmer
        from topics.text.word_forms import base_form

        return _stemmer().stemWords([base_form(word) for word in words])

    def _name_variants(self, text: str) -> list[str]:
        """``text`` as written and, for each alias group it names, with each name of that group."""
        if not self.aliases:
            return [text]
        import re

        canonical = self.aliases.normalize(text)
        variants = dict.fromkeys([text, canonical])
        for group in self.aliases.groups:
            if group.canonical not in canonical:  # cheap test first: most groups are not named
                continue
            pattern = re.compile(rf"(?<!\w){re.escape(group.canonical)}(?!\w)")
            if pattern.search(canonical):
                variants.update(dict.fromkeys(pattern.sub(lambda _, name=name: name, canonical) for name in group.names))
        return list(variants)

    def _lexical_query(self, text: str) -> str:
        """The query for BM25: with the other names of every alias group it mentions."""
        return self.aliases.expand_query(text) if self.aliases else text

    def _frame(self, rows: np.ndarray, scores: np.ndarray, cosines: np.ndarray) -> pd.DataFrame:
        columns = self._result_columns()
        frame = pd.DataFrame(
            {
                "rank": np.arange(1, len(rows) + 1),
                "score": scores.astype(float),
                "cosine": cosines.astype(float),
                **{name: values[rows] for name, values in columns.items()},
            }
        )
        if self.topic_labels is not None:
            frame["topic"] = self.topic_labels[rows]
        return frame

    def _result_columns(self) -> dict[str, np.ndarray]:
        """Unit columns of the result table as numpy arrays: indexing them is cheaper than ``units.iloc``."""
        if self._columns is None:
            from topics.search.date_filter import written_dates

            names = {"article_id": "article_id", "title": "title", "date": "date", "paragraph_id": "unit_id", "paragraph": "text"}
            self._columns = {name: self.units[column].to_numpy(dtype=object) for name, column in names.items()}
            self._columns["date"] = written_dates(self.units)  # "2021-08" for a month: no made-up first day
        return self._columns
