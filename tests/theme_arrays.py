"""Made-up closeness arrays for the theme evidence tests: units around their null, decoys, and a plain gather."""

from __future__ import annotations

import numpy as np

from topics.themes import evidence


def null_corpus(seed: int, themes: int, n: int = 600):
    """(rng, decoys, similarity, hits): ``n`` units at cosine about 0 (spread 0.05) to ``themes`` themes and to 20
    decoys, no keyword anywhere; the tests put their themes' units on top."""
    rng = np.random.default_rng(seed)
    decoys = rng.normal(0, 0.05, (n, 20))
    similarity = rng.normal(0, 0.05, (n, themes))
    return rng, decoys, similarity, np.zeros((n, themes), dtype=bool)


def gather(similarity, hits, decoys):
    """:func:`topics.themes.evidence.gather` with the keywords as names, no learning, every keyword found."""
    return evidence.gather(similarity, hits, np.zeros((len(hits), 4)), name_hits=hits, decoy_similarity=decoys,
                           threshold=0.5, z_seed=3.0, z_keyword=1.0, learn=False, random_state=0,
                           keyword_found=np.ones(similarity.shape[1], dtype=bool))
