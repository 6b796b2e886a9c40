"""How precisely a written date names its day: "day", "month" ("2010-03", "March 2010") or "year" ("2010").

A date that names only its month or year is still a date (a timeline by month places it), but it
says nothing about which day: read as the month's first day, it would pile a month of articles on
the 1st and make one-day events of them. Ingest records each date's precision
(:mod:`topics.ingest.table_input`); the time views read it (:mod:`topics.modeling.timeline`).
Pure functions over strings.
"""

from __future__ import annotations

import datetime
import re

PRECISIONS = ("day", "month", "year")  # finest first

# The usual shapes, told without a parser: "2010-03-14…" (ISO, any time after it), "2010", "2010-03", "03/2010".
_ISO_DAY = re.compile(r"\s*[+-]?\d{4}-\d{1,2}-\d{1,2}(?!\d)")
_YEAR = re.compile(r"\s*\d{4}\s*$")
_YEAR_MONTH = re.compile(r"\s*(?:\d{4}[-/.]\d{1,2}|\d{1,2}[-/.]\d{4})\s*$")
# Two defaults that differ in every field: a field of the parsed date that follows the default was not written.
_DEFAULTS = (datetime.datetime(2000, 1, 1), datetime.datetime(2001, 2, 2))


def written_precision(value) -> str | None:
    """``value``'s precision as written: "day", "month" or "year"; None for no value.

    A value that is not text (a timestamp, a datetime) names its day. Text that no reader
    here understands counts as "day": whether it is a date at all is the date reader's
    call (:func:`topics.ingest.table_input.iso_date`), and a day is what it was taken for before.
    """
    if value is None:
        return None
    if not isinstance(value, str):
        return None if value != value else "day"  # NaN / NaT are not dates
    text = value.strip()
    if not text:
        return None
    if _ISO_DAY.match(text):
        return "day"
    if _YEAR.match(text):
        return "year"
    if _YEAR_MONTH.match(text):
        return "month"
    return _parsed_precision(text)


def _parsed_precision(text: str) -> str:
    """The precision of a date written in words ("March 2010", "Thu, 10 Jan 2008 03:47 GMT"):
    parsed twice with different defaults, the fields that follow the default were not written."""
    from dateutil import parser

    try:
        first, second = (parser.parse(text, default=default) for default in _DEFAULTS)
    except (ValueError, OverflowError, TypeError):
        return "day"
    if first.month != second.month:
        return "year"
    if first.day != second.day:
        return "month"
    return "day"
