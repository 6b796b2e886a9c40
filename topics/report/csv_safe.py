"""CSV files that a spreadsheet opens as data, never as formulas.

Excel, LibreOffice and Google Sheets evaluate a cell that starts with ``=``,
``+``, ``-`` or ``@`` (and, in some versions, tab or carriage return) as a
formula, so a corpus text like ``=HYPERLINK("http://evil.example", "click")``
would become a live link (CSV or formula injection). Following OWASP's
guidance, such text cells get a leading apostrophe (``'``), which spreadsheets
show as plain text; a cell that is a plain number (``-3.5``) is left alone.
Numeric columns are never changed.

Control characters, bidi overrides and invisible format characters of corpus text are written as
visible escapes (``\\x1b``, ``\\u202e``, ``\\u200b``), as in the page and report.md: a spreadsheet
would otherwise show U+202E reordering the rest of a cell, hand an escape sequence on to a terminal,
or show "Ka\\u200bbul" as "Kabul" while it filters and sorts apart from it. Line breaks, tabs,
joiners and direction marks stay. An earlier report read back by ``--previous`` is
compared in this escaped form, so reports written before and after this escaping both match.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from topics import _atomic
from topics.controls import shown_on_a_page

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def neutralise_cell(value):
    """A text ``value`` with its controls, bidi overrides and invisible characters as visible escapes, and a leading ``'``
    if a spreadsheet would read it as a formula; other values unchanged."""
    if not isinstance(value, str):
        return value
    value = shown_on_a_page(value)
    if value.startswith(FORMULA_STARTS) and not _NUMBER.match(value):
        return "'" + value
    return value


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells cannot start a formula or act on what shows them."""
    frame = frame.copy()
    for column in frame.columns:
        if frame[column].dtype == object or pd.api.types.is_string_dtype(frame[column]):
            frame[column] = frame[column].map(neutralise_cell)
    return frame


def csv_text(frame: pd.DataFrame) -> str:
    """``frame`` (neutralised, no index) as CSV text with RFC 4180 line ends.

    CRLF line ends make the writer quote every field that holds a carriage return:
    with bare LF ends, a lone CR in a text was written unquoted and split the row
    in CSV readers.
    """
    return neutralise(frame).to_csv(index=False, lineterminator="\r\n")


def write_csv(frame: pd.DataFrame, path: str | Path) -> None:
    """Write ``frame`` as :func:`csv_text` (UTF-8) to ``path`` atomically."""
    with _atomic.atomic_path(path) as tmp:
        with open(tmp, "w", encoding="utf-8", newline="") as handle:
            handle.write(csv_text(frame))
