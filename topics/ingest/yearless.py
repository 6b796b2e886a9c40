"""Dates a page prints without a year, completed only from years the page itself prints.

Sites print an article's date without its year when it is of the current year ("By Erin
Cunningham March 18 at 3:57 PM", "1. 11. Felix", "Wed 18 March"). The current year is the one
the page was served in, which its copyright line gives ("© 1996-2015 The Washington Post",
"1999 – 2021 © Economia"): the latest year of such a line, unless a date printed on the page
is later (a copyright line left stale). A date with a weekday takes that year only when the
weekday agrees; otherwise the only year among those the page prints in which the weekday
agrees. Nothing is guessed: no copyright year and no agreeing weekday, no date, and the
article records that its date line has no year (:data:`YEARLESS_HOW`).
"""

from __future__ import annotations

import datetime as dt
import re
import warnings

from topics.errors import TopicsWarning
from topics.ingest.monthnames import DAY_FIRST_SPELLINGS, MONTH_SPELLINGS, month_number
from topics.ingest.pagedates import _DATE_WORDS, _TIME, _WORD, COPYRIGHT, NOT_PUBLICATION, date_line, find_dates, leading_date

# A month name: capitalised when short, as "Mar", "May", "Set" are also words.
_SPELLINGS = {f"(?i:{re.escape(m)})" if len(m) >= 4 else re.escape(m.capitalize()) for m in MONTH_SPELLINGS}
_MONTH = "(?P<month>" + "|".join(sorted(_SPELLINGS, key=len, reverse=True)) + r")\.?"
# After its day, also the other languages' names in lower case, as those languages write them in a date ("8 января,
# 17:46"): capitalised they are names too ("Room 10 Dubna", "Section 5 Martie"), and before the day words ("Food Mart 24").
_DAY_FIRST_MONTH = "(?P<month>" + "|".join(
    sorted(_SPELLINGS | {re.escape(m) for m in DAY_FIRST_SPELLINGS}, key=len, reverse=True)
) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|º|°)?\.?"
YEARLESS_PATTERNS = [
    # March 18 · Mar. 27 · March 18th (not "Mar 2714 min": a day is one or two digits; not "March 3:57 PM",
    # "März 9.30 Uhr", "March 3 pm": an hour)
    re.compile(rf"\b{_MONTH}\s+{_DAY}(?![\w/]|[:.]\d|\s*(?i:[ap]\.?m\.?|uhr|h)(?!\w))"),
    # 18 March · 18. März · 1er mai · 4 de mayo
    re.compile(rf"\b{_DAY}(?:\s*(?:de\s+|\.\s*)|\s+){_DAY_FIRST_MONTH}(?!\w)"),
    # 1. 11. (day and month, as Czech, Slovak and German pages print them)
    re.compile(r"(?<![\d.])(?P<day>[0-3]?\d)\.\s?(?P<month>[01]?\d)\.(?=\s|$)"),
]
WEEKDAYS = {
    name: number
    for number, names in enumerate([
        "monday mon lundi lunes montag lun mo", "tuesday tue tues mardi martes dienstag di",
        "wednesday wed mercredi miércoles miercoles mittwoch mi", "thursday thu thur thurs jeudi jueves donnerstag do",
        "friday fri vendredi viernes freitag fr", "saturday sat samedi sábado sabado samstag sa",
        "sunday sun dimanche domingo sonntag so",
    ])
    for name in names.split()
}
_WEEKDAY = re.compile(r"\b(?P<weekday>" + "|".join(sorted((n for n in WEEKDAYS if len(n) >= 3), key=len, reverse=True)) + r")\b\.?", re.I)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# How a page's date was "found" when its date line has no year and the page gives none: the article is undated.
YEARLESS_HOW = "date line without a year, none on the page"


def yearless_date(line: str, max_other_words: int = 4) -> tuple[int, int, int | None] | None:
    """(month, day, weekday or None) when ``line`` is a date line whose date has no year:
    the date with at most ``max_other_words`` other words (a byline's name, "Posted", a time)."""
    if find_dates(line) or NOT_PUBLICATION.search(line):
        return None  # a full date is read by the date rules; "since", "©" are not publications
    found = []  # (start, month, day, match) of each pattern's reading
    for pattern in YEARLESS_PATTERNS:
        match = pattern.search(line)
        if not match:
            continue
        raw = match["month"]
        month = int(raw) if raw.isdigit() else month_number(raw)
        day = int(match["day"])
        if month and 1 <= month <= 12 and 1 <= day <= 31:
            found.append((match.start(), month, day, match))
    if not found:
        return None
    # The date is the first one written: in "Wed 18 March 15.30" the day comes before the month, and the
    # number after it is the time.
    _, month, day, match = min(found, key=lambda reading: reading[0])
    before, after = line[: match.start()], line[match.end() :]
    rest = _DATE_WORDS.sub(" ", _WEEKDAY.sub(" ", _TIME.sub(" ", before + " " + after)))
    if len(_WORD.findall(rest)) > max_other_words:
        return None
    return month, day, _weekday_beside(before, after)


_WEEKDAY_BEFORE = re.compile(_WEEKDAY.pattern + r"[\s,]*$", re.I)
_WEEKDAY_AFTER = re.compile(r"^[\s,(]*" + _WEEKDAY.pattern, re.I)


def _weekday_beside(before: str, after: str) -> int | None:
    """The weekday printed next to a date (0 for Monday), from the text ``before`` and ``after`` it: one
    elsewhere on the line is another word ("Posted on 26 February by Wei Sun", "C'mon Wales!")."""
    found = _WEEKDAY_BEFORE.search(before) or _WEEKDAY_AFTER.search(after)
    return WEEKDAYS[found["weekday"].lower()] if found else None


def serve_year(blocks: list[str]) -> int | None:
    """The year the page was served in: the latest year of its copyright lines, unless a date
    the page prints is later (the copyright line was left stale)."""
    years = [int(y) for block in blocks if COPYRIGHT.search(block) for y in _YEAR.findall(block)]
    if not years:
        return None
    year = max(years)
    if any(int(d.iso[:4]) > year for block in blocks for d in find_dates(block)):
        return None
    return year


def complete_date(month: int, day: int, weekday: int | None, blocks: list[str]) -> str | None:
    """ISO date of a yearless date, its year from the page (see the module's docstring), or None."""
    served = serve_year(blocks)
    if served is not None and (weekday is None or _weekday(served, month, day) == weekday):
        return _iso(served, month, day)
    if weekday is None:
        return None
    printed = {int(y) for block in blocks for y in _YEAR.findall(block)}
    agreeing = [year for year in printed if _weekday(year, month, day) == weekday]
    return _iso(agreeing[0], month, day) if len(agreeing) == 1 else None


def _weekday(year: int, month: int, day: int) -> int | None:
    try:
        return dt.date(year, month, day).weekday()
    except ValueError:
        return None


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


OPENING_BLOCKS = 4  # a table's text: its dateline stands in the first few lines (a release number, a header above it)


def opening_date(blocks: list[str]) -> str | None:
    """The date with its year that a text prints in its opening lines ("KABUL, Afghanistan (Jan. 25,
    2013)", "March 18, 2021 — …"): what dates a table row whose date cell has no year."""
    for block in blocks[:OPENING_BLOCKS]:
        if iso := date_line(block, 8) or leading_date(block):
            return iso
    return None


def yearless_line(record: dict, cleaned, page) -> str | None:
    """The date line without a year of a page (text dump or HTML) that gives no year, or None."""
    if page is not None and page.date_written:
        return page.date_written
    return getattr(cleaned, "date_written", None)


def warn_yearless_pages(found: list[tuple[str, str]]) -> None:
    """One warning naming the pages (file and line) whose date line has no year: they stay undated."""
    if not found:
        return
    shown = "; ".join(f"{source}: {line[:60]!r}" for source, line in found[:5])
    warnings.warn(
        (f"{len(found)} pages print their date without a year and give" if len(found) > 1 else "1 page prints its date without a year and gives")
        + " none to complete it "
        + f"({shown}{'; …' if len(found) > 5 else ''}); counted as undated (date_source 'no year'), no year is guessed",
        TopicsWarning,
        stacklevel=4,
    )


# How far from its sending a message's dated item may lie: an item sent on is up to about a year old
# (a review of last spring), a preview looks a season ahead, or half a year where its weekday agrees (a date
# printed with its weekday is rarely one of another year). Further off, the sending does not tell the year.
ITEM_BEFORE_SENDING = dt.timedelta(days=335)
ITEM_AFTER_SENDING = dt.timedelta(days=92)
ITEM_AFTER_SENDING_ON_ITS_WEEKDAY = dt.timedelta(days=183)


def printed_weekday(line: str | None) -> int | None:
    """The weekday a date line without a year prints with it (0 for Monday), or None."""
    parts = yearless_date(line, max_other_words=len(line)) if line else None
    return parts[2] if parts else None


def in_sending_year(iso: str, sent: str, weekday: int | None) -> str | None:
    """A message's date line without a year (read as ``iso`` by :func:`complete_date`, printed with
    ``weekday`` or none), its year from the message's Date header (``sent``) rather than from one its
    text mentions ("won the title in 1994"): of the sending year and the ones before and after, the
    nearest to the sending whose date lies near it (:data:`ITEM_BEFORE_SENDING`, :data:`ITEM_AFTER_SENDING`,
    :data:`ITEM_AFTER_SENDING_ON_ITS_WEEKDAY`) and falls on the printed weekday, unless ``iso`` (the page's
    own year) is nearer still. Where none does, ``iso`` when it is not later than such an item can be (an
    older item sent on), else None (the date line cannot be the item's date)."""
    written, sent_on = dt.date.fromisoformat(iso), dt.date.fromisoformat(sent)
    after = ITEM_AFTER_SENDING if weekday is None else ITEM_AFTER_SENDING_ON_ITS_WEEKDAY
    near = [day for year in (sent_on.year - 1, sent_on.year, sent_on.year + 1)
            if (day := _on(year, written)) is not None and -ITEM_BEFORE_SENDING <= day - sent_on <= after]
    agreeing = [day for day in near if weekday is None or day.weekday() == weekday]
    if agreeing:
        if weekday is None or written.weekday() == weekday:
            agreeing.append(written)  # the page's year, where nearer than the window's best (a preview a season ahead)
        return min(agreeing, key=lambda day: abs(day - sent_on)).isoformat()
    return iso if written - sent_on <= after else None


def _on(year: int, day: dt.date) -> dt.date | None:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February
        return None
