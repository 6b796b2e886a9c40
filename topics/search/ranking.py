"""How :class:`topics.search.index.Index` turns paragraph scores into a ranking of stories.

An article is relevant as a whole: the best paragraph counts most, further
matching paragraphs corroborate it, and a title that holds the query's words
says the article is about them rather than mentioning them. Articles that tell
the same story (one wire story filed twice, an update of a live blog) are
folded into one result that lists the others ("also: ...").
"""

from __future__ import annotations

from collections import Counter

import numpy as np

# Article score = sum of these weights x its best, second and third paragraph scores.
PARAGRAPH_WEIGHTS = (1.0, 0.25, 0.15)

# Two articles tell one story when more than this share of the shorter one's paragraphs have a counterpart
# at least this similar in the other (a wire story filed twice, an updated live-blog entry).
DUPLICATE_PARAGRAPH_SIMILARITY = 0.9
SHARED_PARAGRAPH_SHARE = 0.5
FOLD_CANDIDATES = 3  # rank this many times k articles before folding duplicates


def article_scores(scores: np.ndarray, starts: np.ndarray, weights=PARAGRAPH_WEIGHTS) -> np.ndarray:
    """Per article (paragraphs ``starts[a]:starts[a+1]`` of ``scores``): the weighted sum of its
    best paragraph scores. An article whose best paragraph is -inf (filtered out) stays -inf."""
    n = len(scores)
    if n == 0:
        return np.zeros(0, dtype=np.float32)
    lengths = np.diff(np.r_[starts, n])
    codes = np.repeat(np.arange(len(starts)), lengths)
    order = np.lexsort((-scores, codes))  # by article, best paragraph first
    rank_in_article = np.arange(n) - np.repeat(starts, lengths)
    total = np.zeros(len(starts), dtype=np.float64)
    best = scores[order[starts]]
    for rank, weight in enumerate(weights):
        if not weight:
            continue
        rows = order[rank_in_article == rank]
        values = scores[rows].astype(np.float64)
        articles = codes[rows]
        total[articles] += weight * np.where(np.isfinite(values), values, 0.0)
    return np.where(np.isfinite(best), total, -np.inf).astype(np.float32)


class TitleMatcher:
    """How much of a query the article titles hold: the idf-weighted share of the query's words
    found in each title (1 = every word; words no title has still count against it).

    A share rather than BM25 scaled to its best match: when the best title shares only one
    common word with the query ("Taliban"), that title should not get the full title weight.
    A query's function words are no words of it: English ones never are (the tokenizer leaves them out),
    and those of the language a query in another language is written in are left out too (a French
    question's "les", a German one's "der"), as :func:`topics.text.wording.text_language` tells it.
    """

    def __init__(self, titles: list[str], compounds=None, terms=None):
        from topics.search.lexical import tokenize

        self.compounds = compounds  # pairs written open and closed, one token (topics.search.compounds)
        self.terms = terms  # terms defined by their initials, one token with the acronym (topics.search.terms)
        self.title_words = [set(words) for words in tokenize([str(t) for t in titles], compounds=compounds, terms=terms)] if titles else []
        n = len(self.title_words)
        document_frequency = Counter(w for words in self.title_words for w in words)
        self.n_titles = n
        self.idf = {w: float(np.log(1 + (n - df + 0.5) / (df + 0.5))) for w, df in document_frequency.items()}
        self.unseen_idf = float(np.log(1 + (n + 0.5) / 0.5))
        self.rows_of: dict[str, list[int]] = {}
        for row, words in enumerate(self.title_words):
            for w in words:
                self.rows_of.setdefault(w, []).append(row)

    def scores(self, query: str) -> np.ndarray:
        from topics.search.lexical import tokenize
        from topics.text.wording import language_function_words, text_language

        found = np.zeros(self.n_titles, dtype=np.float32)
        language = text_language(query)  # English function words the tokenizer has left out already
        words = set(tokenize([query], compounds=getattr(self, "compounds", None), terms=getattr(self, "terms", None), query=True)[0])
        words -= language_function_words(language) if language != "english" else frozenset()
        total = sum(self.idf.get(w, self.unseen_idf) for w in words)
        if not total:
            return found
        for w in words:
            if w in self.rows_of:
                found[self.rows_of[w]] += self.idf[w]
        return found / total


def same_story(a: np.ndarray, b: np.ndarray, threshold: float = DUPLICATE_PARAGRAPH_SIMILARITY) -> bool:
    """Whether two articles (their unit-length paragraph vectors) tell one story: most paragraphs
    of the shorter one (more than half) have a near-identical paragraph in the other. Half is not
    enough: press releases open on one template ("An Afghan and coalition security force detained
    ..."), and two releases of two paragraphs about two operations share that lead and nothing else."""
    if not len(a) or not len(b):
        return False
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    matched = (short @ long.T).max(axis=1) >= threshold
    return bool(matched.mean() > SHARED_PARAGRAPH_SHARE)


def fold_duplicates(ranked: np.ndarray, paragraphs: list[np.ndarray], k: int) -> list[tuple[int, list[int]]]:
    """The first ``k`` stories of ``ranked`` (article positions, best first), as
    (article, [later articles of the same story]); ``paragraphs[i]``: the paragraph vectors of ``ranked[i]``."""
    kept: list[tuple[int, list[int]]] = []
    kept_rows: list[int] = []
    for i, article in enumerate(ranked):
        story = next((j for j, row in enumerate(kept_rows) if same_story(paragraphs[row], paragraphs[i])), None)
        if story is not None:
            kept[story][1].append(int(article))
        elif len(kept) < k:  # past k stories, a later article can still only join one of them
            kept.append((int(article), []))
            kept_rows.append(i)
    return kept
