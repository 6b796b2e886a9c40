"""Guided themes, measured and not adopted: a paragraph joins a seed beside it only in an article that stays on one story.

The join beside a seed (``topics.themes.evidence.CONTEXT_JOINS``) reads the next paragraph of an article as continuing
its neighbour's subject; on live reports (the Daily Mirror's, Reuters') every such join read was wrong. The variant
reads the article itself against the corpus's own distribution of paragraph pairs: the cosine of paragraphs next to
each other in one article (``same``) and of paragraphs of different articles (``apart``), and a line halfway between
their medians (:func:`one_story_line`; no constant). ``--by article`` (default) keeps the join only in an article whose
mean cosine of consecutive paragraphs reaches the line (:func:`one_story_articles`); ``--by pair`` only where the
paragraph's cosine to the seed beside it does (a pair more like two paragraphs of one story than of two articles).

Run: ``python -m benchmarks.themes_one_story [--by article|pair] [--show] benchmarks.themes_heldout <corpus> --themes
... --labels ...`` (or ``benchmarks.themes_abc <articles.jsonl>``, ``benchmarks.themes_check --only ...``): the wrapped
benchmark with the variant; ``--show`` prints each fit's line and the joins it keeps to stderr. docs/benchmarks.md,
"Daily Mirror stories on the war in Ukraine".
"""

from __future__ import annotations

import sys

import numpy as np

from benchmarks.run import run_with_variant

_OPTIONS: dict = {"by": "article", "show": False}
_APART_PAIRS = 20000  # pairs of paragraphs of different articles drawn for the corpus's distribution


def _unit_vectors(vectors) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float64)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms > 0, norms, 1.0)


def consecutive_pairs(neighbours):
    """(left, right) indices of the paragraphs next to each other in an article, each pair once."""
    coo = neighbours.tocoo()
    once = coo.row < coo.col
    return coo.row[once], coo.col[once]


def one_story_line(vectors, neighbours, seed: int = 0) -> float:
    """Halfway between the median cosine of consecutive paragraphs of one article and that of paragraphs of two
    different articles (random pairs of units whose runs of consecutive paragraphs differ)."""
    v = _unit_vectors(vectors)
    left, right = consecutive_pairs(neighbours)
    same = np.einsum("ij,ij->i", v[left], v[right])
    rng = np.random.default_rng(seed)
    a, b = rng.integers(0, len(v), _APART_PAIRS), rng.integers(0, len(v), _APART_PAIRS)
    article = _articles(neighbours)
    apart = article[a] != article[b]
    cos_apart = np.einsum("ij,ij->i", v[a[apart]], v[b[apart]])
    if not len(same) or not len(cos_apart):
        return -np.inf
    return float((np.median(same) + np.median(cos_apart)) / 2.0)


def _articles(neighbours) -> np.ndarray:
    """Each unit's article as a connected component of the neighbour graph (a run of consecutive paragraphs)."""
    from scipy.sparse.csgraph import connected_components

    return connected_components(neighbours, directed=False)[1]


def one_story_articles(vectors, neighbours, line: float) -> np.ndarray:
    """(n,) bool: the unit's article's mean cosine of consecutive paragraphs reaches ``line``."""
    v = _unit_vectors(vectors)
    left, right = consecutive_pairs(neighbours)
    article = _articles(neighbours)
    cos = np.einsum("ij,ij->i", v[left], v[right])
    total = np.bincount(article[left], weights=cos, minlength=article.max() + 1)
    count = np.bincount(article[left], minlength=article.max() + 1)
    coherence = np.where(count > 0, total / np.maximum(count, 1), np.inf)
    return coherence[article] >= line


def close_to_a_seed(vectors, seeds, neighbours, line: float) -> np.ndarray:
    """(n, k) bool: a seed of the theme next to the unit has a cosine to it that reaches ``line``."""
    v = _unit_vectors(vectors)
    left, right = consecutive_pairs(neighbours)
    cos = np.einsum("ij,ij->i", v[left], v[right])
    out = np.zeros(seeds.shape, dtype=bool)
    close = cos >= line
    for a, b in ((left, right), (right, left)):
        out[a[close]] |= seeds[b[close]]
    return out


def install() -> None:
    from topics.themes import evidence

    joins, combine, held = evidence._context_joins, evidence.combine, {}

    def combine_keeping_vectors(similarity, keyword_hits, vectors, *args, **kwargs):
        held["vectors"] = vectors
        return combine(similarity, keyword_hits, vectors, *args, **kwargs)

    def joins_on_one_story(z, seeds, neighbours, context_floor, z_keyword):
        out = joins(z, seeds, neighbours, context_floor, z_keyword)
        vectors = held["vectors"]
        line = one_story_line(vectors, neighbours)
        if _OPTIONS["by"] == "article":
            kept = out & one_story_articles(vectors, neighbours, line)[:, None]
        else:
            kept = out & close_to_a_seed(vectors, seeds, neighbours, line)
        if _OPTIONS["show"]:
            print(f"one-story line {line:.3f}: joins {int(out.sum())} -> {int(kept.sum())}", file=sys.stderr)
        return kept

    evidence.combine, evidence._context_joins = combine_keeping_vectors, joins_on_one_story


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    return run_with_variant(argv, install, __doc__, _OPTIONS, {"--by": str, "--show": None})


if __name__ == "__main__":
    raise SystemExit(main())
