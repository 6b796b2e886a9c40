"""Guided themes, measured and not adopted: a word among members reads its neighbourhood in the other articles.

A unit with a keyword of a theme, at least as close to it as the typical unit, joins the theme where
``NEIGHBOURHOOD_SHARE`` of its nearest units are members (:mod:`topics.themes.evidence`, step 6). A paragraph's
nearest units are mostly its own article's paragraphs, so the variant draws them from the other articles only (the
corpus's region of the theme; the article's own routes judge the article); the nearest units that joining among
members (:mod:`topics.themes.closest`) and the learned model's backing read are unchanged. Units that are their own
articles are unchanged. ``install`` rewrites the one line of ``combine`` that reads the neighbourhood.

Run: ``python -m benchmarks.themes_members_elsewhere benchmarks.themes_heldout <corpus> --themes ... --labels ...``
(or ``benchmarks.themes_abc <articles.jsonl>``, ``benchmarks.themes_check --only ...``): the wrapped benchmark, with
the variant. docs/benchmarks.md, "a word among members in the other articles".
"""

from __future__ import annotations

import inspect
import sys
import textwrap

import numpy as np

from benchmarks.run import run_with_variant

_SEEN: dict = {}  # the articles of the units being placed, and their nearest units of other articles


def nearest_in_other_articles(vectors: np.ndarray, articles, n_neighbours: int) -> np.ndarray:
    """(n, m) each unit's nearest units by cosine among the other articles' units (m: at most ``n_neighbours`` and
    the number of units outside the largest article)."""
    codes = np.unique(np.asarray(articles, dtype=object).astype(str), return_inverse=True)[1].ravel()
    m = min(n_neighbours, len(vectors) - int(np.bincount(codes).max()))
    if m <= 0:
        return np.zeros((len(vectors), 0), dtype=np.int64)
    vectors = np.asarray(vectors, dtype=np.float32)
    similarity = vectors @ vectors.T
    similarity[codes[:, None] == codes[None, :]] = -np.inf  # itself and its own article's paragraphs
    return np.argpartition(-similarity, m - 1, axis=1)[:, :m]


def _neighbourhood(nearest: np.ndarray) -> np.ndarray:
    elsewhere = _SEEN.get("elsewhere")
    return nearest if elsewhere is None or len(elsewhere) != len(nearest) else elsewhere


def install() -> None:
    from topics.themes import evidence, guided

    source = textwrap.dedent(inspect.getsource(evidence.combine))
    line = "share = member[nearest].mean(axis=1)"
    if line not in source:
        raise SystemExit("topics.themes.evidence.combine no longer reads the neighbourhood as this variant expects")
    namespace = vars(evidence)
    namespace["_neighbourhood"] = _neighbourhood
    exec(compile(source.replace(line, "share = member[_neighbourhood(nearest)].mean(axis=1)"), evidence.__file__, "exec"),
         namespace)
    nearest_units = guided.nearest_units

    def nearest_recorded(vectors, *args, **kwargs):
        nearest = nearest_units(vectors, *args, **kwargs)
        articles = _SEEN.get("articles")
        _SEEN["elsewhere"] = (None if articles is None or len(articles) != len(vectors)
                              else nearest_in_other_articles(vectors, articles, nearest.shape[1]))
        return nearest

    guided.nearest_units = nearest_recorded
    for name in ("fit", "_evidence"):
        method = getattr(guided.Themes, name)

        def recording(self, units, *args, _method=method, **kwargs):
            _SEEN["articles"] = units["article_id"].to_numpy() if "article_id" in units.columns else None
            return _method(self, units, *args, **kwargs)

        setattr(guided.Themes, name, recording)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    return run_with_variant(argv, install, __doc__)


if __name__ == "__main__":
    raise SystemExit(main())
