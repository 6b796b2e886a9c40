"""Tables in Parquet with their values' Python types kept: ids that mix numbers and text (1, 2, "a3") load as
they were saved, so a lookup by id still finds its row.

Parquet gives a column one type. An object column holding other values than text (numbers beside text, a number
beside missing values) is stored as each value's JSON text, and the table's ``attrs`` (which pandas keeps in the
file) name those columns, so that reading decodes them; a table saved before, without that name, reads as it
was. Lists of text or of numbers are stored as lists; other values (dicts, dates) as their text. May import:
json, numpy, pandas, topics.validate.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from topics.validate import parse_json

JSON_COLUMNS = "topics.json_columns"  # the attrs key naming the columns stored as JSON text
SCALARS = (str, int, float, bool)


def write_parquet(table: pd.DataFrame, target, index: bool | None = None) -> None:
    """Write ``table`` to ``target`` (a path or a binary file), each object column's values typed as given."""
    table = table.copy(deep=False)
    coded = []
    for column in table.columns:
        if table[column].dtype != object:
            continue
        values = [_plain(value) for value in table[column].tolist()]
        if all(value is None or isinstance(value, str) for value in values):
            table[column] = values  # text and missing values: Parquet types it as text
        elif all(value is None or isinstance(value, SCALARS) for value in values):
            table[column] = [json.dumps(value) for value in values]
            coded.append(column)
        elif not _arrow_reads(values):  # lists and the like stay as they are where Parquet can hold them
            table[column] = [None if value is None else str(value) for value in values]
    table.attrs = {JSON_COLUMNS: coded} if coded else {}
    table.to_parquet(target, index=index)


def read_parquet(source) -> pd.DataFrame:
    """The table :func:`write_parquet` wrote to ``source``, its JSON-stored columns as the values they were."""
    table = pd.read_parquet(source)
    coded = table.attrs.pop(JSON_COLUMNS, [])
    if not isinstance(coded, list) or not set(coded) <= set(table.columns):
        raise ValueError(f"{JSON_COLUMNS} must name columns of the table, not {coded!r}")
    for column in coded:
        table[column] = pd.Series([parse_json(text) for text in table[column]], index=table.index, dtype=object)
    return table


def _arrow_reads(values: list) -> bool:
    """Whether Parquet holds a column of ``values`` as they are: lists (or arrays) of text or of numbers, the
    same kind throughout. Others (dicts, whose keys Parquet turns into one struct for every row; mixed lists)
    are stored as their text."""
    kinds = set()
    for value in values:
        if value is None:
            continue
        if not isinstance(value, (list, tuple, np.ndarray)):
            return False
        items = [_plain(item) for item in value]
        kinds |= {str if isinstance(item, str) else float if isinstance(item, (int, float)) and not isinstance(item, bool)
                  else type(item) for item in items if item is not None}
    return kinds <= {str} or kinds <= {float}


def _plain(value):
    """``value`` as a Python value (a numpy scalar as its Python one), None where it is missing."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or value is pd.NA or isinstance(value, float) and value != value:
        return None
    return value
