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


def is_vectors(X) -> bool:
    """Whether ``X`` is an array of embeddings rather than units (a DataFrame or texts)."""
    if X is None or isinstance(X, (pd.DataFrame, pd.Series)):
        return False
    if isinstance(X, np.ndarray):
        return X.ndim != 1 or X.dtype.kind in "fiuc"
    return not all(isinstance(item, str) for item in X)


def corpus_and_units(X, level: str | None):
    """(the ``Corpus`` or None, the units to cluster, checked). A corpus is known by its tables (this stage
    does not import ingest's)."""
    if not isinstance(X, (pd.DataFrame, pd.Series)) and all(hasattr(X, name) for name in ("units", "articles", "paragraphs")):
        return X, check_units(X.units(level or "paragraph"), what="units to cluster")
    if level is not None:
        raise InputError("TopicModel.fit", f"level={level!r} is for a Corpus; these units are {type(X).__name__}: "
                                           "pass the corpus, or its units without level")
    return None, check_units(X, what="units to cluster")


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
