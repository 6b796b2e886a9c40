"""A second look at a text query's best candidates: their paragraphs scored again, precisely.

The index ranks every unit by the vectors it holds, which are int8-quantised by default (the ONNX
backend: 2.3x cheaper to embed a corpus). Quantisation blurs fine differences between near
paragraphs, and a paragraph's single vector averages its sentences, so a question squarely
about one sentence of a longer paragraph sits lower than it should. Both matter only among the
few units near the top, so only those are scored again: the query and the candidates' texts are
embedded with the full-precision model (``backend="onnx-fp32"``: the unquantised ONNX export, which
needs no torch import; torch when ONNX cannot run it; cached like any embedding), and a
unit's score becomes the higher of its own cosine and its closest sentence's (``"sentences"``).

The cost is per query and bounded by the number of candidates (``candidates`` articles at article
level, paragraphs at paragraph level); a repeated query or a candidate already seen is read from
the embedding cache.

Owns the re-scoring of candidate units; which candidates and how scores become a ranking are
:mod:`topics.search.scoring`'s. May import: numpy, :mod:`topics.text.wording`, the embedder.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

RESCORE_MODES = ("vectors", "sentences")
DEFAULT_CANDIDATES = 15  # paragraphs (or articles) re-scored per query


class Rescorer:
    """Full-precision cosines of a query with candidate texts (and their closest sentence).

    Parameters
    ----------
    embedder : topics.embedding.embed.Embedder
        The full-precision embedder of the index's model (``backend="onnx-fp32"`` or ``"torch"``).
    mode : "vectors" or "sentences"
        "vectors": each text's own cosine; "sentences": the higher of the text's cosine and its
        closest sentence's.
    """

    def __init__(self, embedder, mode: str = "sentences"):
        if mode not in RESCORE_MODES:
            raise ValueError(f"rescore mode must be one of {', '.join(RESCORE_MODES)}, not {mode!r}")
        self.embedder = embedder
        self.mode = mode

    def __repr__(self) -> str:
        return f"Rescorer(mode={self.mode!r}, model={self.embedder.model_id!r})"

    def cosines(self, query: str, texts: Sequence[str]) -> np.ndarray:
        """(len(texts),) float32: the query's cosine with each text, precisely (see the module notes)."""
        if not len(texts):
            return np.zeros(0, dtype=np.float32)
        texts = [str(t) for t in texts]
        if self.mode == "vectors":
            vectors = self.embedder.encode([query, *texts])
            return (vectors[1:] @ vectors[0]).astype(np.float32)
        split = unit_sentences(texts)
        several = [i for i, parts in enumerate(split) if len(parts) > 1]
        extra = [part for i in several for part in split[i]]
        vectors = self.embedder.encode([query, *texts, *extra])
        query_vector, text_vectors, sentence_vectors = vectors[0], vectors[1 : len(texts) + 1], vectors[len(texts) + 1 :]
        scores = text_vectors @ query_vector
        if len(extra):
            owner = np.repeat(several, [len(split[i]) for i in several])
            closest = np.full(len(texts), -np.inf)
            np.maximum.at(closest, owner, sentence_vectors @ query_vector)
            scores = np.maximum(scores, closest)
        return scores.astype(np.float32)


def unit_sentences(texts: Sequence[str]) -> list[list[str]]:
    """Each text's sentences (the text itself when it has none)."""
    from topics.text.wording import sentences

    return [[part.strip() for part in sentences(text) if part.strip()] or [str(text)] for text in texts]
