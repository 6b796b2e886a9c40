"""An :class:`topics.search.index.Index`'s parameters: their defaults (each measured: docs/benchmarks.md) and
what each saved one must be, so that a tampered ``index.json`` is refused, not used.

Owns those defaults and checks. May import numpy and :mod:`topics.search.rerank`.
"""

from __future__ import annotations

import numpy as np

from topics.search.rerank import DEFAULT_CANDIDATES, RESCORE_MODES

# Exact search costs ~0.1 ms per 1,000 units and query here (benchmarks/search.py): below this size a
# query takes under ~25 ms, and building the approximate index (~25 s per 100k units) does not pay.
APPROXIMATE_MIN_UNITS = 250_000
LEXICAL_WEIGHT = 0.05  # weight of max-normalised BM25 next to cosine similarity, when hybrid
SECOND_PARAGRAPH_WEIGHT = 0.25  # article score = best paragraph + this x second best
THIRD_PARAGRAPH_WEIGHT = 0.15  # ... + this x third best (see topics.search.ranking)
TITLE_WEIGHT = 0.3  # ... + this x the idf-weighted share of the query's words in the title
ARTICLE_LEXICAL_WEIGHT = 0.3  # ... + this x the article's BM25 (title and text as one), max-normalised
COVERAGE_WEIGHT = 0.3  # ... + this x the idf-weighted share of the query's words the article holds
RESCORE = "sentences"  # a text query's best paragraphs scored again in full precision (topics.search.rerank)

PARAM_DEFAULTS = {"hybrid": True, "lexical_weight": LEXICAL_WEIGHT, "second_paragraph_weight": SECOND_PARAGRAPH_WEIGHT,
                  "third_paragraph_weight": THIRD_PARAGRAPH_WEIGHT, "title_weight": TITLE_WEIGHT, "article_lexical_weight": ARTICLE_LEXICAL_WEIGHT,
                  "coverage_weight": COVERAGE_WEIGHT, "fold_duplicates": True, "rescore": RESCORE, "rescore_candidates": DEFAULT_CANDIDATES,
                  "rescore_articles": False,
                  "approximate": "auto", "approximate_min_units": APPROXIMATE_MIN_UNITS, "random_state": 42}
# What each saved parameter must be: a tampered index.json is refused, not used.
PARAM_TYPES = {
    "hybrid": lambda v: isinstance(v, bool),
    "lexical_weight": lambda v: _is_number(v) and v >= 0,
    "second_paragraph_weight": lambda v: _is_number(v) and v >= 0,
    "third_paragraph_weight": lambda v: _is_number(v) and v >= 0,
    "title_weight": lambda v: _is_number(v) and v >= 0,
    "article_lexical_weight": lambda v: _is_number(v) and v >= 0,
    "coverage_weight": lambda v: _is_number(v) and v >= 0,
    "fold_duplicates": lambda v: isinstance(v, bool),
    "rescore": lambda v: v is None or v in RESCORE_MODES,
    "rescore_candidates": lambda v: _is_whole(v) and v >= 1,
    "rescore_articles": lambda v: isinstance(v, bool),
    "approximate": lambda v: v in ("auto", True, False),
    "approximate_min_units": lambda v: _is_whole(v) and v >= 1,
    "random_state": lambda v: v is None or _is_whole(v),
}


# What each parameter must be, in words, for the message that refuses it.
PARAM_NEEDS = {name: "a number >= 0" for name in PARAM_TYPES if name.endswith("_weight")} | {
    "hybrid": "True or False", "fold_duplicates": "True or False", "rescore_articles": "True or False",
    "rescore": "None, 'vectors' or 'sentences'", "rescore_candidates": "a whole number >= 1",
    "approximate": "'auto', True or False", "approximate_min_units": "a whole number >= 1",
    "random_state": "None or a whole number"}


def check_params(values: dict) -> None:
    """Raise InputError naming the first parameter that is not what :data:`PARAM_TYPES` asks."""
    from topics.errors import InputError

    for name, value in values.items():
        if not PARAM_TYPES[name](value):
            raise InputError(name, f"must be {PARAM_NEEDS[name]}, not {value!r}")


def _is_number(value) -> bool:
    # numpy's scalars too (a weight read from an array): saved as plain numbers (:func:`plain`).
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool) and bool(np.isfinite(value))


def _is_whole(value) -> bool:
    return isinstance(value, (int, np.integer)) and not isinstance(value, bool)


def plain(value):
    """A parameter as JSON writes it: numpy's scalars as Python's."""
    return value.item() if isinstance(value, np.generic) else value
