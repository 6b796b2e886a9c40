"""Date filters of a lookup: which units a ``date_from`` / ``date_to`` window lets through.

A bound names a day ("2021-08-15"), a month ("2021-08", "August 2021") or a year ("2021"):
``date_from`` starts at its span's first day, ``date_to`` ends at its span's last day, so
``date_to="2021-08"`` keeps the whole of August. An article's date is a span too: a date that
names only its month or year (``date_precision``, :mod:`topics.text.dates`) is stored as the
period's first day, and compared as a day it would be missed by a window from 2021-08-15; it
matches when its span overlaps the window. Undated articles never match, nor do those dated before
1900 or in the future: the time views read such a date as undated (:func:`topics.text.dates.placeable_days`),
and the filter reads it the same way; a window that ends before 1900 or starts in the future is refused
(nothing could match), while "--from 1850" or "--to 2999" only leaves that side open. A bound written without a year
("March 18", "3/18") is refused: any year put to it would be made up.
"""

from __future__ import annotations

import datetime

import numpy as np
import pandas as pd

from topics.errors import InputError
from topics.text.dates import placeable_days, unplaceable_reason, written_precision, written_without_year

BOUND_FORMS = "use a day, month or year: YYYY-MM-DD, YYYY-MM or YYYY"


def day_array(dates) -> np.ndarray:
    """Each date as a numpy day (NaT where undated or not a date)."""
    parsed = pd.to_datetime(pd.Series(dates, dtype=object), errors="coerce", utc=True, format="mixed")
    return parsed.dt.tz_localize(None).to_numpy().astype("datetime64[D]")


def bound_span(value, name: str) -> tuple[np.datetime64, np.datetime64]:
    """(first day, last day) of the day, month or year a bound names; InputError naming ``name``
    (the option or argument) when it is no date or has no year."""
    if isinstance(value, (datetime.date, pd.Timestamp, np.datetime64)):
        stamp, precision = pd.Timestamp(value), "day"
    else:
        text = str(value).strip()
        if written_without_year(text):
            raise InputError(name, f"{value!r} has no year, so any year put to it would be a guess ({BOUND_FORMS})")
        try:
            stamp = pd.Timestamp(text)
        except (ValueError, TypeError, OverflowError):
            stamp = pd.NaT
        precision = written_precision(text)
    if pd.isna(stamp) or stamp.year < 1:  # pandas reads a year 0000 that no calendar day has
        raise InputError(name, f"{value!r} is not a date ({BOUND_FORMS})")
    first, last = _span(np.array([np.datetime64(stamp.date(), "D")]), np.array([precision], dtype=object))
    return first[0], last[0]


def _refuse_past_the_placeable(value, name: str, day: np.datetime64, side: str) -> None:
    """A window that ends before 1900 or starts in the future holds no article the filter can place (such dates
    are read as undated, as the time views read them): say so. The open side ("--from 1850", "--to 2999") only
    does not restrict, so it is accepted."""
    reason = unplaceable_reason(day.astype(datetime.date))
    if reason == ("before 1900" if side == "end" else "in the future"):
        raise InputError(name, f"{value!r} is {reason}: a date before 1900 or in the future is read as undated, by the "
                               f"time views and by this filter, so no article can match "
                               f"({BOUND_FORMS}, from 1900 to {datetime.date.today()})")


def placeable(first: np.ndarray) -> np.ndarray:
    """Which spans start on a day that time can place (not NaT, not before 1900, not in the future)."""
    earliest, end = (np.datetime64(day, "D") for day in placeable_days())
    return (first >= earliest) & (first < end)  # NaT compares False


def parse_day(value, name: str) -> np.datetime64:
    """The first day of the span a bound names (see :func:`bound_span`)."""
    return bound_span(value, name)[0]


def unit_spans(units: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(first day, last day) of each unit's date: its ``date_precision`` where the table records
    one, else as the date is written; NaT for undated units."""
    if "date" not in units:
        empty = np.full(len(units), np.datetime64("NaT"), "M8[D]")
        return empty, empty.copy()
    return _span(day_array(units["date"]), _precisions(units))


def window_mask(first: np.ndarray, last: np.ndarray, date_from, date_to, names=("date_from", "date_to")) -> np.ndarray:
    """Which spans overlap the window from ``date_from`` to ``date_to`` (either may be None)."""
    lo = bound_span(date_from, names[0])[0] if date_from is not None else None
    hi = bound_span(date_to, names[1])[1] if date_to is not None else None
    if lo is not None:
        _refuse_past_the_placeable(date_from, names[0], lo, "start")
    if hi is not None:
        _refuse_past_the_placeable(date_to, names[1], hi, "end")
    if lo is not None and hi is not None and lo > hi:
        raise InputError(names[0], f"{date_from} is after {names[1]} {date_to}")
    allowed = placeable(first)
    if lo is not None:
        allowed &= last >= lo
    if hi is not None:
        allowed &= first <= hi
    return allowed


def written_dates(units: pd.DataFrame) -> np.ndarray:
    """Each unit's date as given, but a date that names only a month or year as just that
    ("2021-08", "2021"), not as the first day it is stored as."""
    if "date" not in units:
        return np.full(len(units), None, dtype=object)
    dates = units["date"].to_numpy(dtype=object).copy()
    precisions = _precisions(units)
    for width, precision in ((7, "month"), (4, "year")):
        rows = np.flatnonzero(precisions == precision)
        if len(rows):
            days = day_array(dates[rows])
            dates[rows] = [None if np.isnat(day) else str(day)[:width] for day in days]
    return dates


def _precisions(units: pd.DataFrame) -> np.ndarray:
    """Each unit's date precision: as recorded, else as written (each distinct date read once)."""
    recorded = units["date_precision"] if "date_precision" in units else pd.Series([None] * len(units), index=units.index)
    pairs = pd.Series(list(zip(units["date"].astype(object), recorded.astype(object))), dtype=object)
    codes, distinct = pd.factorize(pairs)
    known = [p if p in ("day", "month", "year") else written_precision(d) if isinstance(d, str) else "day" for d, p in distinct]
    return np.asarray(known + ["day"], dtype=object)[codes]


def _span(days: np.ndarray, precisions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    months, years = days.astype("M8[M]"), days.astype("M8[Y]")
    first = np.where(precisions == "year", years.astype("M8[D]"), np.where(precisions == "month", months.astype("M8[D]"), days))
    last = np.where(precisions == "year", (years + 1).astype("M8[D]") - 1,
                    np.where(precisions == "month", (months + 1).astype("M8[D]") - 1, days))
    return first.astype("M8[D]"), last.astype("M8[D]")
