"""Guided themes, a variant measured and not adopted: closeness read with the corpus's common subject taken out.

Every Guardian passage is about the war in Ukraine, so a passage on the war at large is close to every war theme of
the file (the battle, western weapons, the grain blockade) by what the whole corpus shares. The variant reads every
vector relative to the corpus: the mean of the units' embeddings is subtracted from the units', the themes'
(prototypes, subjects, decoys) and the sentences' embeddings, each then normalised again, so that a cosine measures
what a unit shares with a theme beyond what every unit of the corpus shares. Everything after the closeness (the null,
the floors, the keywords, learning) is unchanged and reads the centred vectors.

Run another benchmark with the variant on: ``python -m benchmarks.themes_centred MODULE [ARGS]``, e.g.
``python -m benchmarks.themes_centred benchmarks.themes_heldout <guardian.csv> --themes ... --labels ...``.
"""

from __future__ import annotations

import sys

import numpy as np

from benchmarks.run import run_with_variant


class CentredEmbedder:
    """An embedder whose vectors are read relative to ``mean``: ``mean`` subtracted, then L2-normalised."""

    def __init__(self, embedder, mean: np.ndarray):
        self._embedder, self._mean = embedder, np.asarray(mean, dtype=np.float64)

    def __getattr__(self, name):
        return getattr(self._embedder, name)

    def encode(self, texts, *args, **kwargs):
        return centred(np.asarray(self._embedder.encode(texts, *args, **kwargs), dtype=np.float64), self._mean).astype(np.float32)


def centred(vectors: np.ndarray, mean: np.ndarray) -> np.ndarray:
    """``vectors`` less ``mean``, each L2-normalised again (a row equal to the mean stays zero)."""
    shifted = np.asarray(vectors, dtype=np.float64) - mean[None, :]
    norms = np.linalg.norm(shifted, axis=1, keepdims=True)
    return shifted / np.where(norms > 0, norms, 1.0)


def install() -> None:
    """Every ``Themes.fit`` reads its units and theme texts relative to the fitted corpus's mean embedding."""
    from topics.embedding.embed import Embedder
    from topics.themes.guided import Themes

    fit = Themes.fit

    def fit_centred(self, units, embeddings, embedder=None):
        embedder = Embedder() if embedder is None else embedder
        vectors = np.asarray(embeddings, dtype=np.float64)
        mean = vectors.mean(axis=0) if len(vectors) else np.zeros(vectors.shape[1])
        return fit(self, units, centred(vectors, mean).astype(np.float32), CentredEmbedder(embedder, mean))

    Themes.fit = fit_centred


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    return run_with_variant(argv, install, __doc__)


if __name__ == "__main__":
    raise SystemExit(main())
