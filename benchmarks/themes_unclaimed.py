"""Guided themes, a variant measured and not adopted: open-set recognition, a unit nearer a subject no theme claims
gets none.

The false assignments read on the held-out war corpora are units about a subject the theme file does not declare
(oil prices and sanctions under Russian gas supplies), reached by a broad keyword or the learned region. The corpus's
own structure says which subjects exist: the units are clustered (k-means, k = sqrt(n)); a theme *claims* a
cluster where at least 0.25 of its units hold the theme's confident evidence (meaning above the
seed floor, two or more distinct keywords, or the theme's own name); a cluster no theme claims is an implicit "other"
subject. A member on weaker evidence (one keyword below the seed floor, learned, beside a seed, among members, its
article) whose cosine to the nearest unclaimed cluster's centre is above its cosine to the centre of the theme's
confident units leaves the theme. Confident evidence is never touched. It takes right placements out about as
often as wrong ones, and costs recall everywhere (docs/benchmarks.md).

Run another benchmark with the variant on: ``python -m benchmarks.themes_unclaimed [--share S] [--k-scale K]
[--own] [--by-clusters] [--keywords-confident] MODULE [ARGS]`` (the options: :class:`Settings`), e.g. ``python -m
benchmarks.themes_unclaimed benchmarks.themes_heldout <guardian.csv> --themes ... --labels ...``.
"""

from __future__ import annotations

import dataclasses
import sys

import numpy as np

from benchmarks.run import run_with_variant


@dataclasses.dataclass(frozen=True)
class Settings:
    share: float = 0.25  # a cluster with this share of a theme's confident units is about that theme
    k_scale: float = 1.0  # clusters: k_scale * sqrt(n), a partition finer than the fitted topics
    own_only: bool = False  # only the unit's own cluster is the unclaimed region near it
    by_clusters: bool = False  # the theme's region read at the clusters' grain: the nearest centre of one it claims
    keywords_confident: bool = False  # every keyword in context is confident: only the paths without one are read


def partition(vectors: np.ndarray, k_scale: float) -> np.ndarray:
    """(n,) a k-means cluster per unit, k = k_scale * sqrt(n) (at least 2, at most n // 2)."""
    from sklearn.cluster import KMeans

    n = len(vectors)
    k = int(np.clip(round(k_scale * np.sqrt(n)), 2, max(n // 2, 2)))
    return KMeans(n_clusters=k, n_init=3, random_state=0).fit_predict(vectors)


def _unit(rows: np.ndarray) -> np.ndarray:
    return rows / np.maximum(np.linalg.norm(rows, axis=-1, keepdims=True), 1e-12)


def unclaimed_drop(vectors, member, confident, labels, settings: Settings) -> np.ndarray:
    """(n, k) bool: members without confident evidence nearer an unclaimed cluster than the theme's confident core."""
    vectors = _unit(np.asarray(vectors, dtype=np.float64))
    member, confident = np.asarray(member, dtype=bool), np.asarray(confident, dtype=bool)
    clusters = np.unique(labels)
    claim = np.array([confident[labels == c].mean(axis=0) for c in clusters])  # (c, k) confident share per cluster
    unclaimed = claim.max(axis=1) < settings.share
    if not unclaimed.any():
        return np.zeros(member.shape, dtype=bool)
    centres = _unit(np.array([vectors[labels == c].mean(axis=0) for c in clusters]))
    to_centres = vectors @ centres.T  # (n, c)
    if settings.own_only:
        own = np.searchsorted(clusters, labels)
        near_other = np.where(unclaimed[own], to_centres[np.arange(len(labels)), own], -np.inf)
    else:
        near_other = to_centres[:, unclaimed].max(axis=1)
    has_core = confident.any(axis=0)
    cores = _unit(np.array([vectors[confident[:, t]].mean(axis=0) if has_core[t] else np.zeros(vectors.shape[1])
                            for t in range(member.shape[1])]))
    to_core = vectors @ cores.T  # (n, k)
    if settings.by_clusters:
        claimed = claim >= settings.share  # (c, k)
        for t in np.flatnonzero(claimed.any(axis=0)):
            to_core[:, t] = to_centres[:, claimed[:, t]].max(axis=1)
    weak = member & ~confident & has_core[None, :]
    return weak & (near_other[:, None] > to_core)


def install(settings: Settings = Settings()) -> None:
    """Every scoring of units takes out what :func:`unclaimed_drop` finds."""
    from topics.themes import evidence
    from topics.themes.breadth import named_itself
    from topics.themes.corroboration import distinct_keywords
    from benchmarks.themes_lone_region import dropped
    from topics.themes.evidence_record import SOURCE_KEYWORDS

    combine = evidence.combine
    cache: dict = {}

    def combine_open_set(*args, **kwargs):
        found = combine(*args, **kwargs)
        vectors = np.asarray(args[2])
        threshold = kwargs["threshold"]
        member = found.score >= threshold
        if not member.any() or len(vectors) < 8:
            return found
        confident = found.z >= found.seed_floor[None, :]
        alias_hits, alias_within = kwargs.get("alias_hits"), kwargs.get("alias_within")
        if alias_hits is not None and alias_within is not None:
            two = np.column_stack([distinct_keywords(h, w) >= 2 for h, w in zip(alias_hits, alias_within)])
            confident |= two & (found.source == SOURCE_KEYWORDS)
        if settings.keywords_confident:
            confident |= found.source == SOURCE_KEYWORDS
        confident |= named_itself(found.z, kwargs.get("title_hits"), np.ones(member.shape[1], dtype=bool), True) & member
        confident &= member
        key = hash(vectors.tobytes())  # one partition per set of units, however often they are scored
        if key not in cache:
            cache[key] = partition(vectors, settings.k_scale)
        away = unclaimed_drop(vectors, member, confident, cache[key], settings)
        return dropped(found, away, threshold)

    evidence.combine = combine_open_set


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    switches = {"--own": "own_only", "--by-clusters": "by_clusters", "--keywords-confident": "keywords_confident"}
    values = {"--share": "share", "--k-scale": "k_scale"}
    chosen: dict = {}
    while argv[:1] and argv[0].startswith("--"):
        flag = argv.pop(0)
        if flag in switches:
            chosen[switches[flag]] = True
        elif flag in values and argv:
            chosen[values[flag]] = float(argv.pop(0))
        else:
            raise SystemExit(f"unknown option {flag}\n{__doc__}")
    return run_with_variant(argv, lambda: install(Settings(**chosen)), __doc__)


if __name__ == "__main__":
    raise SystemExit(main())
