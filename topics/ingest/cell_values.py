"""A table's cells that hold no single value: a JSON array or object in a JSON-lines row, a list in a
Parquet or DataFrame column.

``str()`` of such a cell is Python's spelling of it ("['x', 'y']", "{'a': 1}"), which would name an
article, title it or be skipped as "empty text" without a word about what the cell holds. An id that
is one is refused (naming the file, the row and the column); a title, label or site that is one is
read as none, with one warning per column; a text that is one is skipped with the reason.
"""

from __future__ import annotations

import math
import warnings

from topics.errors import InputError, TopicsWarning

ROWS_SHOWN = 3


def structure_of(value) -> str | None:
    """"a list" or "an object" for a cell holding a JSON array (a list, a tuple, an array) or a JSON
    object, else None."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, (list, tuple, set)) or getattr(value, "ndim", 0) >= 1:
        return "a list"
    return None


def why_not_text(value) -> str:
    """The reason a text cell that is not a text with words is skipped."""
    if (kind := structure_of(value)) is not None:
        return f"the text is {kind}, not text (one string a row)"
    if value is None or isinstance(value, str) or (isinstance(value, float) and math.isnan(value)):
        return "empty text"
    return f"the text is {str(value)[:20]} ({type(value).__name__}), not text"


def refuse_structured_ids(cells: list, name: str, column, places) -> None:
    """InputError at the first id cell that holds a list or an object."""
    for row, value in enumerate(cells):
        if (kind := structure_of(value)) is not None:
            raise InputError(name, f"the id column {column!r} holds {kind} at {places(row)}: an id is one text or number")


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
