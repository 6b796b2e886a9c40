"""How close each unit is to each theme: the themes' vectors (:func:`theme_vectors`) and the units'
closeness to them (:func:`unit_closeness`), before it is calibrated (:mod:`topics.themes.calibration`)."""

from __future__ import annotations

import numpy as np

from topics.errors import ModelMismatchError
from topics.validate import unit_rows


def theme_vectors(themes, embedder, dim: int, model_id=None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(one prototype per theme, one subject per theme (``Theme.subject_text``), the decoy
    themes' vectors), embedded in one call (``model_id``: the embedder's, for the error message)."""
    from topics.themes.decoys import DECOY_THEMES

    texts = [theme.prototype_text for theme in themes]
    subjects = [theme.subject_text for theme in themes]
    examples = [example for theme in themes for example in theme.examples]
    vectors = np.asarray(embedder.encode(texts + examples + subjects + list(DECOY_THEMES)), dtype=np.float64)
    decoys = unit_rows(vectors[len(vectors) - len(DECOY_THEMES) :])
    vectors = vectors[: len(vectors) - len(DECOY_THEMES)]
    subject_vectors = unit_rows(vectors[len(vectors) - len(subjects) :]).astype(np.float32)
    vectors = vectors[: len(vectors) - len(subjects)]
    if vectors.shape[1] != dim:
        raise ModelMismatchError(
            f"the theme texts were embedded with {model_id} ({vectors.shape[1]} dimensions) "
            f"but the unit embeddings have {dim}; pass the embedder that made them"
        )
    prototypes = vectors[: len(texts)].copy()
    offset = len(texts)
    for index, theme in enumerate(themes):
        if theme.examples:
            example_mean = vectors[offset : offset + len(theme.examples)].mean(axis=0)
            prototypes[index] = prototypes[index] + example_mean
            offset += len(theme.examples)
    return unit_rows(prototypes).astype(np.float32), subject_vectors, decoys


def unit_closeness(prototypes, texts, vectors, decoys=None, neighbours=None, *, sentences=False, embedder=None):
    """(units' closeness to each theme, to each of ``decoys`` (vectors: decoy themes, subjects)): the cosine of the
    whole unit, mixed with its closest sentence's where ``sentences`` (embedded with ``embedder``,
    :mod:`topics.themes.sentences`), and with its passage's where it has neighbours in its article
    (:mod:`topics.themes.passages`)."""
    from topics.themes import passages
    from topics.themes import sentences as theme_sentences

    prototypes = prototypes.astype(np.float64)
    decoys = np.zeros((0, prototypes.shape[1])) if decoys is None else np.asarray(decoys, dtype=np.float64)
    similarity, decoy_similarity = vectors @ prototypes.T, vectors @ decoys.T
    if sentences and len(texts):
        # The sentences the corpus repeats stay: the whole unit's embedding has them too, and a
        # formula a corpus uses for one kind of event ("an investigation into civilian casualties")
        # is about it (dropping them lost 3 of 7 civilian-casualty releases: docs/benchmarks.md).
        closest = theme_sentences.closest_sentence(texts, np.vstack([prototypes, decoys]), embedder)
        k = len(prototypes)
        similarity = theme_sentences.mixed_closeness(similarity, closest[:, :k])
        decoy_similarity = theme_sentences.mixed_closeness(decoy_similarity, closest[:, k:])
    similarity = passages.mixed_closeness(vectors, neighbours, prototypes, similarity)
    decoy_similarity = passages.mixed_closeness(vectors, neighbours, decoys, decoy_similarity)
    return similarity, decoy_similarity
