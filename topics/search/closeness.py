"""How close a search result is to the question, on a scale that means the same on any corpus.

A cosine says little by itself: a question about nothing in a corpus of near-alike press releases may
score higher than a good match in a varied news corpus. So a result's cosine is read against the
corpus's own reference of "a text about this article": for a sample of articles, the cosine of a short
text that is about the article (its headline, or where the title is only the text's opening, the
article's first sentence) with the closest part of the article (its paragraphs, and the rest of
the first paragraph). A result's ``closeness`` is the share of that reference it reaches: 0.5 is as close
as the median article is to its own headline; near 0 is less close than almost any article is to
what it is about. A question whose best result is below :data:`NO_CLOSE_MATCH_BELOW` gets
``no_close_match``: nothing in the corpus is really about it, unless one returned text writes every content
word of the question (:mod:`topics.search.held_words`: a cosine says little of a bare name). The ranking is
not touched.

A reference of a few cosines cannot place that threshold: below :data:`MIN_REFERENCE` (a corpus of a few
articles, or of few with a headline or an opening sentence apart from the rest), closeness is not read
(NaN, ``no_close_match`` None) and :func:`unread_reason` says why, as where there is no reference at all.

The reference is built once per index (a few hundred short texts embedded, through the cache) and saved
with it. Owns building and reading the reference. May import numpy and :mod:`topics.text.wording`.
"""

from __future__ import annotations

import math

import numpy as np

REFERENCE_ARTICLES = 300  # articles sampled for the reference: its 5 % quantile rests on ~15 of them
# A best result less close than 4 in 5 articles are to their own headline is not about the question
# (measured on BBC News and ISAF, checked on AG News: docs/benchmarks.md, "no close match").
NO_CLOSE_MATCH_BELOW = 0.2
# The fewest reference cosines that can place a result below that share: with fewer, a result at the
# reference's 0.2 quantile is below all of them more than 1 time in 20 (0.8 ** n > 0.05), so even "below
# every article" says nothing. Derived from the threshold, 14; measured on subsampled corpora in
# docs/benchmarks.md ("closeness on small corpora").
MIN_REFERENCE = math.ceil(math.log(0.05) / math.log(1 - NO_CLOSE_MATCH_BELOW))


def reference_cosines(units, embeddings: np.ndarray, starts: np.ndarray, ends: np.ndarray, encode,
                      random_state=42) -> np.ndarray:
    """Sorted float32 cosines of the reference (see the module notes); empty when no article has a
    headline or a first sentence apart from the rest of its text."""
    from topics.text.wording import sentences

    rng = np.random.default_rng(random_state)
    chosen = np.sort(rng.permutation(len(starts))[:REFERENCE_ARTICLES])
    texts = units["text"].astype(str).to_numpy(dtype=object)
    titles = units["title"].fillna("").astype(str).to_numpy(dtype=object) if "title" in units else None
    probes, rests, spans = [], [], []
    for article in chosen:
        start, end = int(starts[article]), int(ends[article])
        first = [part.strip() for part in sentences(texts[start]) if part.strip()]
        title = _own_title(titles[start] if titles is not None else "", texts[start])
        if title:  # a headline: about the whole article
            probes.append(title), rests.append(None), spans.append((start, end))
        elif len(first) > 1 or end - start > 1:  # the opening sentence, against the rest of the article
            probes.append(first[0] if first else texts[start])
            rests.append(" ".join(first[1:]) if len(first) > 1 else None)
            spans.append((start + 1, end))
    if not probes:
        return np.zeros(0, dtype=np.float32)
    rest_rows = [i for i, rest in enumerate(rests) if rest]
    vectors = np.asarray(encode([*probes, *(rests[i] for i in rest_rows)]), dtype=np.float32)
    probe_vectors, rest_vectors = vectors[: len(probes)], vectors[len(probes):]
    best = np.full(len(probes), -1.0, dtype=np.float32)
    for i, (start, end) in enumerate(spans):
        if end > start:
            best[i] = float(np.max(np.asarray(embeddings[start:end]) @ probe_vectors[i]))
    if rest_rows:
        best[rest_rows] = np.maximum(best[rest_rows], np.einsum("ij,ij->i", rest_vectors, probe_vectors[rest_rows]))
    return np.sort(best)


def closeness(reference: np.ndarray | None, cosines) -> np.ndarray:
    """The share of ``reference`` at or below each cosine, in [0, 1] (NaN where :func:`unread_reason` says why not)."""
    cosines = np.asarray(cosines, dtype=np.float64)
    if unread_reason(reference):
        return np.full(cosines.shape, np.nan)
    return np.searchsorted(reference, cosines, side="right") / len(reference)


def unread_reason(reference: np.ndarray | None) -> str | None:
    """Why closeness cannot be read against ``reference`` (a sentence), or None when it can."""
    if reference is None:
        return "closeness not judged: no reference to read it against (built by a text search with the index's model)"
    if len(reference) < MIN_REFERENCE:
        return (f"closeness not judged: too few articles to judge it by ({len(reference)} read with a headline or an "
                f"opening sentence apart from the rest; at least {MIN_REFERENCE} are needed)")
    return None


def check_reference(values) -> np.ndarray:
    """A saved reference as a sorted float32 array; ValueError when it is not a list of cosines."""
    array = np.asarray(values, dtype=np.float32)
    if array.ndim != 1 or not np.all(np.isfinite(array)) or np.any(np.abs(array) > 1.001) or np.any(np.diff(array) < 0):
        raise ValueError("closeness_reference must be a sorted list of cosines")
    return array


def _own_title(title: str, first_text: str) -> str:
    """``title`` when it is a headline of its own, "" when it is only the text's opening (a title
    made from the first line, often cut with an ellipsis)."""
    title = " ".join(title.split()).rstrip("…").rstrip(".").strip()
    return "" if not title or " ".join(first_text.split()).startswith(title) else title
