"""A table's cells that hold no single value: a JSON array or object in a JSON-lines row, a list in a
Parquet or DataFrame column.

``str()`` of such a cell is Python's spelling of it ("['x', 'y']", "{'a': 1}"), which would name an
article, title it or be skipped as "empty text" without a word about what the cell holds. An id that
is one is refused (naming the file, the row and the column); a title, label or site that is one is
read as none, with one warning per column; a text that is one is skipped with the reason.
"""

from __future__ import annotations

import warnings

import pandas as pd

from topics.errors import InputError, TopicsWarning

ROWS_SHOWN = 3


def may_hold_structures(column: pd.Series) -> bool:
    """Whether a column's cells can be lists or objects: not one of numbers, dates or strings (the
    scan of every cell is skipped for those)."""
    return column.dtype == object or isinstance(column.dtype, pd.ArrowDtype)


def structure_of(value) -> str | None:
    """"a list", "a set" or "an object" for a cell holding a JSON array (a list, a tuple, an array), a
    set or a JSON object, else None."""
    if isinstance(value, str):  # the common cell, answered first
        return None
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, (set, frozenset)):
        return "a set"
    if isinstance(value, (list, tuple)) or getattr(value, "ndim", 0) >= 1:
        return "a list"
    return None


def why_not_text(value) -> str:
    """The reason a text cell that is not a text with words is skipped."""
    if (kind := structure_of(value)) is not None:
        return f"the text is {kind}, not text (one string a row)"
    if value is None or isinstance(value, str) or _missing(value):
        return "empty text"
    return f"the text is {str(value)[:20]} ({type(value).__name__}), not text"


def _missing(value) -> bool:
    """Whether a single value is a missing one (NaN, None, pd.NA, NaT)."""
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # a value pandas cannot test alone
        return False


def refuse_structured_ids(column: pd.Series, name: str, key, places) -> None:
    """InputError at the first id cell that holds a list, a set or an object. A tuple that can be
    hashed is one id (a composite key of a DataFrame's), named by its ``str()``."""
    if not may_hold_structures(column):
        return
    for row, value in enumerate(column.tolist()):
        if (kind := structure_of(value)) is not None and not _hashable_tuple(value):
            raise InputError(name, f"the id column {key!r} holds {kind} at {places(row)}: an id is one text or number")


def _hashable_tuple(value) -> bool:
    if not isinstance(value, tuple):
        return False
    try:
        hash(value)
    except TypeError:  # a tuple holding a list
        return False
    return True


def without_structured(cells: list | None, name: str, column, places, what: str) -> list | None:
    """``cells`` with each list or object cell as None (read as no ``what``), said in one warning."""
    if cells is None:
        return None
    found = [row for row, value in enumerate(cells) if structure_of(value) is not None]
    blank = set(found)
    if not found:
        return cells
    shown = ", ".join(places(row) for row in found[:ROWS_SHOWN]) + (", …" if len(found) > ROWS_SHOWN else "")
    warnings.warn(f"{name}: the {what} column {column!r} holds a list or an object in {len(found)} rows ({shown}), "
                  f"not text; those rows are read as having no {what}", TopicsWarning, stacklevel=5)
    return [None if row in blank else value for row, value in enumerate(cells)]
