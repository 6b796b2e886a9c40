"""How precisely a written date names its day: "day", "month" ("2010-03", "March 2010") or "year" ("2010"),
and whether it names a year at all ("March 18", "3/18", "Tuesday", "10:30": :data:`NO_YEAR`).

A date that names only its month or year is still a date (a timeline by month places it), but it
says nothing about which day: read as the month's first day, it would pile a month of articles on
the 1st and make one-day events of them. Ingest records each date's precision
(:mod:`topics.ingest.table_input`); the time views read it (:mod:`topics.modeling.timeline`).
A date written without its year is no date: any year put to it (the parser's default, the year
of the day it is read, the year 1) would be made up. Ingest keeps such an article undated and
says so (``date_precision`` "no year"). Pure functions over strings.
"""

from __future__ import annotations

import datetime
import re
import warnings

PRECISIONS = ("day", "month", "year")  # finest first
EARLIEST_DAY = datetime.date(1900, 1, 1)  # a date before it is a typo or a placeholder, not news
NO_YEAR = "no year"  # the precision recorded for a date written without its year: the article stays undated
# No date is written in more characters (its spaces stripped): the longest forms, weekday, month's name, clock time
# and a zone's full name ("Wednesday, 14 September 2021 at 10:30:00 AM Central European Summer Time"), run to about
# 80. A longer cell is no date, read as any unreadable one, and never handed to the parsers, whose time grows
# faster than the length on a run of "0." or "A." (a 100k-character cell took seconds).
LONGEST_DATE = 200

# The usual shapes, told without a parser: "2010-03-14…" (ISO, any time after it), "2010", "2010-03", "03/2010".
_ISO_DAY = re.compile(r"\s*[+-]?\d{4}-\d{1,2}-\d{1,2}(?!\d)")
_YEAR = re.compile(r"\s*\d{4}\s*$")
_YEAR_MONTH = re.compile(r"\s*(?:\d{4}[-/.]\d{1,2}|\d{1,2}[-/.]\d{4})\s*$")
# Day and month in numbers with no year: "3/18", "18/3", "18.03.", "1. 11." (whole numbers alone are read elsewhere).
_DAY_MONTH = re.compile(r"\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*(?:\.\s*)?$")  # one "\s*" either side of the dot: linear
# A time zone's abbreviation after the clock time ("16:05:00 EST", "10:00AM PST", "09:30 ET", "10:14 GMT+4"): the
# calendar date is the one written, whatever the zone, and the parsers know few of the names (and warn of the rest).
_ZONE_NAME = re.compile(
    r"(?P<clock>\d{1,2}:\d\d(?::\d\d(?:\.\d+)?)?(?:\s*[AaPp]\.?[Mm]\.?)?)\s*(?![AP]M\b)\(?[A-Z]{2,5}\)?(?:\s*[+-]\d{1,2}(?::?\d\d)?)?\s*$"
)


def without_zone_name(text: str) -> str:
    """``text`` less a time zone's abbreviation (and offset) after its clock time ("Tue, 07 Dec 2021 16:05:00 PST")."""
    return _ZONE_NAME.sub(r"\g<clock>", text) if ":" in text else text


def parsed_twice(text: str):
    """``text`` parsed by dateutil with each of two defaults; raises ValueError (and the like) when it is no date.
    Never lets dateutil's warnings through: they name no file, and what was not understood is said elsewhere."""
    from dateutil import parser

    if len(text.strip()) > LONGEST_DATE:
        raise ValueError(f"{len(text.strip())} characters are too long for a date")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return tuple(parser.parse(without_zone_name(text), default=default) for default in _DEFAULTS)


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
    try:
        first, second = parsed_twice(text)
    except (ValueError, OverflowError, TypeError):
        return "day"
    if first.month != second.month:
        return "year"
    if first.day != second.day:
        return "month"
    return "day"


def written_without_year(value) -> bool:
    """Whether ``value`` writes a date or a time but no year: "March 18", "3/18", "18.03.",
    "Tue, 18 Mar", "Tuesday", "10:30 AM", "March". Text that is no date at all ("yesterday")
    and anything that is not text are not: those are the date reader's call."""
    if not isinstance(value, str):
        return False
    text = value.strip()
    if not text or text.isdigit() or _ISO_DAY.match(text) or _YEAR.match(text) or _YEAR_MONTH.match(text):
        return False
    if found := _DAY_MONTH.match(text):
        first, second = int(found[1]), int(found[2])
        return 1 <= min(first, second) <= 12 and 1 <= max(first, second) <= 31
    try:
        first, second = parsed_twice(text)
    except (ValueError, OverflowError, TypeError):
        return False
    return first.year != second.year


def placeable_days(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """(first day, day after the last) of the dates that time can place: from 1900 to today. A date outside
    ("1850-06-01", "2201-05-03": a typo) is read as undated by every time view and date filter alike, so that
    one slip cannot stretch a timeline over centuries. A date stamped later today in another time zone is still
    today: the end is two days on."""
    today = datetime.date.today() if today is None else today
    return EARLIEST_DAY, today + datetime.timedelta(days=2)


def unplaceable_reason(day: datetime.date, today: datetime.date | None = None) -> str | None:
    """"before 1900" or "in the future" for a day outside :func:`placeable_days`, else None."""
    first, end = placeable_days(today)
    return "before 1900" if day < first else "in the future" if day >= end else None
