"""What a search is asked, made into a query vector: a text (embedded by the index's model), an article or
paragraph id ("more like this": the article's own vector, the article left out of the result), or a vector.

Owns telling a text from an id and making each query's vector. May import numpy and the embedding stage.
Mixed into :class:`topics.search.index.Index`, whose state (units, embeddings, ids, embedder) it reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from topics.errors import InputError, ModelMismatchError
from topics.validate import check_query_text, unit_rows


# A text query longer than this many of the model's windows (a long article's length) is embedded from this many
# of its pieces, spread evenly over it: their mean estimates the mean of all of them, at a bounded cost.
QUERY_PIECES = 16


@dataclass(frozen=True)
class Query:
    vector: np.ndarray
    text: str | None  # for lexical scoring; None for id and vector queries
    exclude: np.ndarray | None  # unit rows the result must not contain
    exclude_article: int | None  # article row excluded at article level


class QueryResolution:
    """How :class:`topics.search.index.Index` reads its queries."""

    def _resolve(self, queries: list, kind: str) -> list[Query]:
        resolved: list[Query | None] = [None] * len(queries)
        texts: dict[int, str] = {}
        for i, query in enumerate(queries):
            if isinstance(query, np.ndarray):
                resolved[i] = Query(self._check_vector(query), None, None, None)
                continue
            if not isinstance(query, str):
                raise InputError("query", f"must be a text, an article/paragraph id or a vector, not {type(query).__name__}")
            text = self._as_id(check_query_text(query))
            if kind == "id" or (kind == "auto" and self.known_id(text)):
                resolved[i] = self._id_query(text)
            elif kind == "auto" and self.unknown_id(text):
                raise InputError("query", f"unknown article or paragraph id {text!r} (pass kind='text' to search for it as text)")
            else:
                texts[i] = text
        if texts:
            vectors = self.embedder.encode([self._embedded_text(text) for text in texts.values()])
            for (i, text), vector in zip(texts.items(), vectors):
                resolved[i] = Query(self._check_vector(vector), text, None, None)
        return resolved

    def _embedded_text(self, text: str) -> str:
        """``text``, or, past ``QUERY_PIECES`` windows, that many of its window pieces spread evenly over it."""
        split = getattr(self.embedder, "split_to_window", None)  # an embedder of its own may only encode
        pieces = split([text]).texts if split is not None else [text]
        if len(pieces) <= QUERY_PIECES:
            return text
        return "\n\n".join(pieces[i] for i in np.linspace(0, len(pieces) - 1, QUERY_PIECES).round().astype(int))

    def _check_vector(self, vector: np.ndarray) -> np.ndarray:
        if np.ndim(vector) == 2 and len(vector) > 1:  # its rows would be read as one long vector
            raise InputError("query", f"got {len(vector)} vectors in one array: search takes one (a 1-D array); "
                                      "search_many(vectors) takes several, one per row")
        vector = np.asarray(vector, dtype=np.float32).reshape(-1)
        if not np.isfinite(vector).all():  # NaN scores no unit: an empty answer, not an error, before
            raise InputError("query", "the query vector holds NaN or infinity")
        if vector.shape[0] != self.dim:
            raise ModelMismatchError(
                f"query vector has dimension {vector.shape[0]}, this index's model {self.model_id!r} has {self.dim}"
            )
        return unit_rows(vector)

    def known_id(self, text: str) -> bool:
        """Whether ``text`` is one of the corpus's article or paragraph ids (in any Unicode normal form)."""
        text = self._as_id(text)
        return text in self._article_row or text in self._unit_row

    def _as_id(self, text: str) -> str:
        """The corpus's id that ``text`` writes in another Unicode normal form, else ``text``: a file saved under
        a decomposed name ("Zoe" + U+0308, as macOS stores names) is asked for as typed, composed."""
        if text in self._article_row or text in self._unit_row or text.isascii():
            return text
        import unicodedata

        if getattr(self, "_composed_ids", None) is None:
            ids = [*self._article_row, *self._unit_row]
            self._composed_ids = {unicodedata.normalize("NFC", i): i for i in ids if not i.isascii()}
        return self._composed_ids.get(unicodedata.normalize("NFC", text), text)

    def unknown_id(self, text: str) -> bool:
        """Whether ``text`` is shaped like this corpus's article or paragraph ids without being one: a query
        read as text unasked would answer an id mistyped (or of another corpus) with whatever it resembles."""
        return not self.known_id(text) and self._looks_like_id(text)

    def _looks_like_id(self, text: str) -> bool:
        return not any(c.isspace() for c in text) and any(c.isdigit() for c in text) and (
            id_shape(text) in self._id_shapes or re.search(r"#p\d+$", text) is not None
        )

    def _id_query(self, text: str) -> Query:
        if text in self._article_row:
            article = self._article_row[text]
            rows = np.arange(self._article_starts[article], self._article_ends[article])
            vector = self._article_vector(rows)
            return Query(vector, None, rows, article)
        if text in self._unit_row:
            row = self._unit_row[text]
            return Query(self.embeddings[row].copy(), None, np.array([row]), int(self._unit_article[row]))
        raise InputError("query", f"unknown article or paragraph id {text!r}")

    def _article_vector(self, rows: np.ndarray) -> np.ndarray:
        """An article as a query: the same vector as its article embedding (length-weighted mean)."""
        from topics.embedding.embed import length_weighted_means

        texts = self.units["text"].iloc[rows]
        return length_weighted_means(np.asarray(self.embeddings[rows]), texts, np.zeros(len(rows), dtype=np.int64), 1)[0]


def id_shape(text: str) -> str:
    """An id's outline: letters and digits blanked, separators and length kept."""
    return re.sub(r"[A-Za-z0-9]", "x", text)
