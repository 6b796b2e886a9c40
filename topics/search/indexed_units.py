"""The units an :class:`topics.search.index.Index` holds, checked, and one topic label per unit.

Owns those checks. May import numpy, pandas and :mod:`topics.validate`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from topics.errors import InputError
from topics.validate import check_embeddings, check_unit_ids


def check_index_units(units, embeddings) -> tuple[pd.DataFrame, np.ndarray]:
    """(``units`` as a fresh table with string ids and title/date columns, ``embeddings`` as float32, not
    re-normalised: the index decides that); an error naming what is missing or wrong."""
    if not isinstance(units, pd.DataFrame):
        raise InputError("units", f"must be a DataFrame such as corpus.units('paragraph'), not {type(units).__name__}")
    missing = [c for c in ("unit_id", "article_id", "text") if c not in units]
    if missing:
        raise InputError("units", f"missing column(s) {', '.join(missing)}; use corpus.units('paragraph')")
    if not len(units):
        raise InputError("units", "no units to index")
    embeddings = check_embeddings(embeddings, n_rows=len(units), zero_rows=True, normalise=False, dtype=None)
    check_unit_ids(units)
    units = units.reset_index(drop=True).copy()
    for column in ("title", "date"):
        if column not in units:
            units[column] = None
    units["unit_id"] = units["unit_id"].astype(str)
    units["article_id"] = units["article_id"].astype(str)
    return units, embeddings.astype(np.float32, copy=False)


def align_topic_labels(topic_labels, units: pd.DataFrame) -> np.ndarray:
    """One label per unit, from an array row-aligned with ``units`` or a Series keyed by unit or article id."""
    if isinstance(topic_labels, (pd.Series, dict)):
        series = pd.Series(topic_labels)
        keys = set(series.index.astype(str))
        column = "unit_id" if set(units["unit_id"]) <= keys else "article_id" if set(units["article_id"]) <= keys else None
        if column is None:
            raise InputError("topic_labels", "a Series must be indexed by every unit_id or every article_id of the units")
        series.index = series.index.astype(str)
        return series.loc[units[column]].to_numpy()
    labels = np.asarray(topic_labels)
    if labels.ndim != 1 or len(labels) != len(units):
        raise InputError(
            "topic_labels",
            f"{labels.shape} labels for {len(units)} units: give one label per unit (the units the topic model was fit on) "
            "or a Series indexed by article_id",
        )
    return labels
