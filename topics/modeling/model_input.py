"""What ``TopicModel`` is given: units, texts, their vectors or a ``Corpus`` with a level.

Owns telling them apart and checking them; the estimator in :mod:`topics.modeling.model` uses them in
``fit``, ``predict`` and ``transform`` alike. May import numpy, pandas and the shared checks.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from topics.errors import InputError
from topics.validate import check_units

# The levels a Corpus gives units at (``Corpus.units``), and the one read when none is given (as ``find_topics``'s).
CORPUS_LEVELS = ("paragraph", "article")
DEFAULT_LEVEL = "paragraph"


def is_corpus(X) -> bool:
    """Whether ``X`` is a ``Corpus``, known by its tables (this stage does not import ingest's)."""
    return not isinstance(X, (pd.DataFrame, pd.Series)) and all(hasattr(X, name) for name in ("units", "articles", "paragraphs"))


def is_vectors(X) -> bool:
    """Whether ``X`` is an array of embeddings rather than units (a DataFrame or texts) or a ``Corpus``."""
    if X is None or isinstance(X, (pd.DataFrame, pd.Series)) or is_corpus(X):
        return False
    if isinstance(X, np.ndarray):
        return X.ndim != 1 or X.dtype.kind in "fiuc"
    return not all(isinstance(item, str) for item in X)


def corpus_and_units(X, level: str | None, caller: str = "TopicModel.fit", *, name: str = "units",
                     what: str = "units to cluster"):
    """(the ``Corpus`` or None, its ``units(level)`` or the units ``X``, checked, the level read: ``level`` or
    :data:`DEFAULT_LEVEL` for a Corpus, None for units); an error names ``name`` and says it holds no ``what``
    when empty."""
    if level is not None and level not in CORPUS_LEVELS:
        raise InputError(caller, f"level must be 'paragraph' or 'article', not {level!r}")
    if is_corpus(X):
        level = level or DEFAULT_LEVEL
        if level == "article":
            check_article_paragraphs(X, caller)
        return X, check_units(X.units(level), name=name, what=what), level
    if level is not None:
        raise InputError(caller, f"level={level!r} is for a Corpus; these units are {type(X).__name__}: "
                                 "pass the corpus, or its units without level")
    return None, check_units(X, name=name, what=what), None


def check_article_paragraphs(corpus, source) -> None:
    """InputError naming ``source`` when ``corpus``'s articles and paragraphs do not match, as its article units
    need (an article's vector is the mean of its paragraphs'): an article without paragraphs, or paragraphs whose
    article is not among its articles (a Corpus filtered by one of its tables alone)."""
    articles, owners = corpus.articles["article_id"], corpus.paragraphs["article_id"]
    bare = articles[~articles.isin(owners)]
    stray = owners[~owners.isin(articles)].drop_duplicates()
    fix = "filter corpus.articles and corpus.paragraphs together (by article_id)"
    if len(bare):
        raise InputError(source, f"{len(bare)} article(s) of the Corpus have no paragraphs (first: {bare.iloc[0]!r}), and "
                                 f"an article's vector is the mean of its paragraphs' vectors: {fix}")
    if len(stray):
        raise InputError(source, f"paragraphs of {len(stray)} article(s) have no article in the Corpus's articles (first: "
                                 f"{stray.iloc[0]!r}), so they belong to no article unit: {fix}")


def refuse_articles_without_corpus(units: pd.DataFrame, corpus_level: str | None, caller: str) -> None:
    """InputError when a model fitted on a corpus's articles would embed whole articles (article units,
    plain texts) as one text each: its topics are means of the articles' paragraph vectors, formulas
    left out, which the articles' texts alone do not give (the topic would be near, not the same)."""
    if corpus_level != "article" or not (units["unit_id"] == units["article_id"]).all():
        return
    raise InputError(caller, "this model was fitted on a Corpus at level='article': each article is the mean of "
                             "its paragraphs' vectors, the corpus's formulas left out, and these whole articles "
                             "would each be embedded as one text; pass their Corpus with level='article' "
                             "(topics.load_corpus reads a DataFrame of texts too), or their vectors as embeddings=")


def embeddings_not_y(y, embeddings):
    """Embeddings from the ``embeddings=`` keyword; the older positional form (in ``y``) still works."""
    if y is None:
        return embeddings
    if embeddings is not None:
        raise InputError("TopicModel.fit", "y is unused: pass the vectors once, as embeddings=")
    warnings.warn(
        "TopicModel.fit(units, embeddings) is deprecated: pass fit(units, embeddings=embeddings)",
        FutureWarning, stacklevel=3,
    )
    return y
