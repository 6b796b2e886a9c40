"""What ``TopicModel`` is given: units, texts, their vectors or a ``Corpus`` with a level, and the embedder of new texts.

Owns telling them apart and checking them; the estimator in :mod:`topics.modeling.model` uses them in
``fit``, ``predict`` and ``transform`` alike. May import numpy, pandas, the shared checks and the embedding
stage's model ids.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from topics.errors import InputError, ModelMismatchError, TopicsWarning
from topics.validate import check_units, same_ids

# The levels a Corpus gives units at (``Corpus.units``), and the one read when none is given (as ``find_topics``'s).
CORPUS_LEVELS = ("paragraph", "article")
DEFAULT_LEVEL = "paragraph"


def is_corpus(X) -> bool:
    """Whether ``X`` is a ``Corpus``, known by its tables (this stage does not import ingest's)."""
    return not isinstance(X, (pd.DataFrame, pd.Series)) and all(hasattr(X, name) for name in ("units", "articles", "paragraphs"))


def ids_numbered_here(X) -> bool:
    """Whether units ``X`` come without ids of their own (a list, array or Series of texts, or a table without
    ``unit_id``): :func:`topics.validate.check_units` numbers them 0, 1, ..., which no corpus's ids are."""
    if is_corpus(X):
        return False
    return "unit_id" not in X.columns if isinstance(X, pd.DataFrame) else True


def is_vectors(X) -> bool:
    """Whether ``X`` is an array of embeddings rather than units (a DataFrame or texts) or a ``Corpus``."""
    if X is None or isinstance(X, (pd.DataFrame, pd.Series)) or is_corpus(X):
        return False
    if isinstance(X, np.ndarray):
        return X.ndim != 1 or X.dtype.kind in "fiuc"
    # Texts where any item is one (check_units then names an item that is not) or there is none, else rows of numbers.
    return len(X) > 0 and not any(isinstance(item, str) for item in X)


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
    if corpus_level != "article" or not same_ids(units["unit_id"], units["article_id"]).all():
        return
    raise InputError(caller, "this model was fitted on a Corpus at level='article': each article is the mean of "
                             "its paragraphs' vectors, the corpus's formulas left out, and these whole articles "
                             "would each be embedded as one text; pass their Corpus with level='article' "
                             "(topics.load_corpus reads a DataFrame of texts too), or their vectors as embeddings=")


def embeddings_not_y(y, embeddings):
    """Embeddings from the ``embeddings=`` keyword; the older positional form (a matrix in ``y``) still works.
    A 1-D ``y`` is scikit-learn's targets (a pipeline passes its labels on): unused."""
    try:
        targets = y is None or np.ndim(y) == 1
    except ValueError:  # rows of several lengths: no targets; checked as embeddings, which says what is wrong
        targets = False
    if targets:
        return embeddings
    if embeddings is not None:
        raise InputError("TopicModel.fit", "y is unused: pass the vectors once, as embeddings=")
    warnings.warn(
        "TopicModel.fit(units, embeddings) is deprecated: pass fit(units, embeddings=embeddings)",
        FutureWarning, stacklevel=3,
    )
    return y


def check_same_embedder(model, embedder) -> None:
    """Refuse to embed new texts with another model (or backend) than the one the topics were
    fitted with (``model``'s): their vectors would lie in another space and get wrong topics without a sign.
    An id an older version saved (``<folder>@<12 hex>``) is accepted for the same model folder."""
    from topics.embedding.model_id import earlier_id_names, is_earlier_folder_id

    from topics.embedding.onnx_backend import int8_on_another_cpu

    fitted_with, current = getattr(model, "embedder_model_id_", None), getattr(embedder, "model_id", None)
    if fitted_with is None or current is None or fitted_with == current:
        return  # fitted on vectors given without an embedder: nothing to compare with
    if int8_on_another_cpu(fitted_with, current):  # a model saved on one machine, used on another
        warnings.warn(f"the topic model was fitted on vectors of {fitted_with!r}, the int8 scheme of another kind of "
                      f"CPU; its embedder uses {current!r}: new texts' vectors differ slightly from those it "
                      "would have made", TopicsWarning, stacklevel=4)
        return
    saved_in = getattr(model, "_loaded_from", None)
    where = f"the topic model saved in {saved_in}" if saved_in is not None else "this topic model"
    fix = (f"give it an Embedder of {fitted_with!r} (set_params(embedder=...)), pass vectors that model made "
           "(embeddings=), or fit a new model with this embedder")
    if not is_earlier_folder_id(fitted_with):
        raise ModelMismatchError(
            f"{where} was fitted on vectors of the embedding model {fitted_with!r}, but its embedder uses "
            f"{current!r}: texts embedded by another model or backend would get wrong topics; {fix}"
        )
    if not earlier_id_names(fitted_with, current, getattr(embedder, "model_source_", None)):
        raise ModelMismatchError(
            f"{where} was written by an older version, which named its embedding model {fitted_with!r} (a model "
            f"folder, by a shorter digest of its files); the embedder's model {current!r} is not that folder "
            f"or not that backend: give the same model folder (and backend), or fit a new model with this embedder"
        )
    model.embedder_model_id_ = current  # the same model: saved again, the model carries its current id
