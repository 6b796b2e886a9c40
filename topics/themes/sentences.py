"""Sentence evidence for long units: how close a unit's closest sentence is to each theme.

A press release or news article often reports one operation that involved several acts ("an
air weapons team engaged ... killing two insurgents; one suspect was detained"). Its embedding
is the average of all of them, so a theme that one sentence is plainly about can sit near the
corpus's typical unit. For units of several sentences the closeness to a theme is therefore
the mean of the whole unit's cosine and its closest sentence's cosine: a unit with one sentence
squarely on the theme gains, a unit that is only vaguely near it as a whole does not. The mixed
closeness is calibrated against the corpus's null like any other (:mod:`topics.themes.calibration`),
so a theme file that does not fit the corpus gains no more from its closest sentences than the
null does.

Paragraphs (one or two sentences, one act each) keep the whole unit's cosine: ``"auto"`` turns
the sentences on where the typical unit has at least ``MIN_SENTENCES`` of them. Embedding the
sentences costs about one more pass over the corpus's text (cached like any embedding).
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

# The typical (median) unit needs this many sentences for "auto" to look at sentences.
MIN_SENTENCES = 3
# The whole unit's share of the mixed closeness (the closest sentence has the rest).
WHOLE_UNIT_WEIGHT = 0.5
SENTENCE_MODES = ("auto", True, False)


def unit_sentences(texts: Sequence[str]) -> list[list[str]]:
    """Each text's sentences (the text itself when it has none)."""
    from topics.text.wording import sentences

    split = []
    for text in texts:
        parts = [part.strip() for part in sentences(text) if part.strip()]
        split.append(parts or [str(text)])
    return split


def wanted(mode, texts: Sequence[str]) -> bool:
    """Whether to use sentence evidence: ``mode`` True/False, or ``"auto"``: the typical unit has
    at least ``MIN_SENTENCES`` sentences (articles, not paragraphs)."""
    if mode != "auto":
        return bool(mode)
    if not len(texts):
        return False
    counts = [len(parts) for parts in unit_sentences(texts)]
    return float(np.median(counts)) >= MIN_SENTENCES


def closest_sentence(texts: Sequence[str], targets: np.ndarray, embedder) -> np.ndarray:
    """(n, m): for each text, the highest cosine of any of its sentences to each of the ``m``
    L2-normalised ``targets``, the sentences embedded by ``embedder`` (the units' own model)."""
    split = unit_sentences(texts)
    flat = [part for parts in split for part in parts]
    vectors = np.asarray(embedder.encode(flat), dtype=np.float64)
    similarity = vectors @ np.asarray(targets, dtype=np.float64).T
    owner = np.repeat(np.arange(len(split)), [len(parts) for parts in split])
    closest = np.full((len(split), similarity.shape[1]), -np.inf)
    np.maximum.at(closest, owner, similarity)
    return closest


def mixed_closeness(unit_similarity: np.ndarray, sentence_similarity: np.ndarray) -> np.ndarray:
    """The whole unit's cosine and its closest sentence's, weighted ``WHOLE_UNIT_WEIGHT``."""
    return WHOLE_UNIT_WEIGHT * unit_similarity + (1.0 - WHOLE_UNIT_WEIGHT) * sentence_similarity
