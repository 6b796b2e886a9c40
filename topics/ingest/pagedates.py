"""Find publication dates in lines of page text, in the forms news sites print them.

"December 29, 2007 at 11:29 AM EST", "Posted : Thu, 10 Jan 2008 03:47:03 GMT",
"Mon 18 Nov 2019 18.54 GMT", "04.05.2015 à 13h36", "21.dez.2018", "2017-03-10 08:42",
"2017年3月10日", "3/09/15 8:00am", "19 sierpnia 2020". Month names are read in English, French, Spanish, Portuguese,
German, Italian and Dutch, and written out in full in nine more languages (day first with a year only: "Food Mart 24"
is no date); a date needs a year, so "1. 11." is not a date.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import functools
import re
from dataclasses import dataclass

from topics.ingest.monthnames import DAY_FIRST_SPELLINGS, MONTH_SPELLINGS, month_number


def _month_pattern(spellings) -> str:
    return "(?P<month>" + "|".join(sorted((re.escape(m) for m in spellings), key=len, reverse=True)) + r")\.?"


_MONTH = _month_pattern(MONTH_SPELLINGS)
_MONTH_DAY_FIRST = _month_pattern(MONTH_SPELLINGS + DAY_FIRST_SPELLINGS)  # "19 sierpnia 2020": only with its year
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|º|°)?\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY_NAME = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?"  # "Dec 28 Sat 2013"

# Weekdays in languages that write dates day first ("mardi 10.12.19"): the month table's other languages.
_OTHER_WEEKDAYS = (r"\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado"
                   r"|domingo|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag"
                   r"|segunda|terça|quarta|quinta|sexta(?:-feira)?|lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica"
                   r"|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)\b")
# Their abbreviations ("Do 25.04.24", "Mi., 3.5.2023", "So. 7. Mai 2023"; German, French, Spanish, Portuguese, Italian,
# Dutch): words of their own too ("do", "so", "mar"), so read as a weekday only right before a date's day.
_WEEKDAY_ABBREVIATIONS = (r"(?<![^\W\d_])(?:mo|di|mi|do|fr|sa|so|lun|mar|mer|jeu|ven|sam|dim|mié|mie|jue|vie|sáb|sab|dom"
                          r"|seg|ter|qua|qui|sex|gio|ma|wo|vr|za|zo)(?![^\W\d_])\.?")

_PAREN_WEEKDAY = r"(?:\s*[(（]\w{1,3}\.?[)）])"  # "(金)", "(Fri)" after a date

DATE_PATTERNS = [
    # December 29, 2007 · Dec. 29 2007 · JULY 29, 2016 · Dec 28 Sat 2013
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+(?:de\s+|{_WEEKDAY_NAME},?\s+)?{_YEAR}\b", re.IGNORECASE),
    # 29 December 2007 · 22 Dec, 2016 · 4 de mayo de 2015 · 21.dez.2018 · 1er mai 2015 · 04-Mar-2019 (one run of spaces
    # between day and month: two that may meet make a long run of them quadratic, "1" + 100,000 spaces)
    re.compile(rf"\b{_DAY}(?:\s*(?:de\s+|[.-]\s*)|\s+){_MONTH_DAY_FIRST}(?:[,.]?\s*|-)(?:de\s+)?{_YEAR}\b", re.IGNORECASE),
    # 2017-03-10 · 2017/03/10 · 2017-03-10T08:42:00Z (a machine's timestamp, printed as it is); also run into the
    # word before it when a time follows ("谢若含2017-03-01 14:27", "access_time2019/04/21 11:51": a name or an icon's
    # label with no space between); without one, only a label of a script without letter case (:func:`_run_in_word_allowed`:
    # "发布时间2019-04-21"), as another word or "_" run into it makes a name ("IMG_2019-04-21.jpg", "INC2019-10-3", "Version2019-04-21")
    re.compile(r"(?:(?<![\w.])|(?<=[^\W\d_]))"
               r"(?P<year>(?:19|20)\d\d)[-/](?P<month>[01]?\d)[-/](?P<day>[0-3]?\d)"
               r"(?:T\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?(?!\w)|\b)"),
    # 2019.04.19 20:00 · 2019.04.19(金) 20:00: year first with dots, read only as a timestamp (a time after it, or a
    # range's second date before one: "2019.04.19 - 2019.04.21 20:00" is the first's), as "2019.04.19" alone may be
    # a version number ("v2019.04.19 20:00", "build2019.04.19": a word run into it only as a label's or place's, capitalised:
    # "Nuomonės2024.03.31 19:59", :func:`_run_in_word_allowed`)
    re.compile(rf"(?<![\d_.])(?P<year>(?:19|20)\d\d)\.(?P<month>[01]?\d)\.(?P<day>[0-3]?\d)\.?(?![\d.])"
               rf"(?=(?:{_PAREN_WEEKDAY}?\s*[-–〜~]\s*(?:19|20)\d\d\.[01]?\d\.[0-3]?\d\.?{_PAREN_WEEKDAY}?)?"
               r",?\s*(?:[(（]\w{1,3}\.?[)）]\s*)?[0-2]?\d:\d\d(?!\d))"),
    # 2017年3月10日
    re.compile(r"(?P<year>(?:19|20)\d\d)\s*年\s*(?P<month>[01]?\d)\s*月\s*(?P<day>[0-3]?\d)\s*日"),
    # 04.05.2015 (day first, as everywhere dots are used)
    re.compile(r"\b(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:19|20)\d\d)\b"),
    # 03/10/2017: month first unless that cannot be
    re.compile(r"\b(?P<first>[0-3]?\d)/(?P<second>[0-3]?\d)/(?P<year>(?:19|20)\d\d)\b"),
    # 3/09/15 8:00am: a two-digit year, read as a date only with a time beside it
    re.compile(r"\b(?P<first>[0-3]?\d)/(?P<second>[0-3]?\d)/(?P<short_year>\d\d)(?=,?\s+(?:at\s+)?\d{1,2}[:.]\d\d)"),
    # 10.15.15: a two-digit year with dots, only as a line of its own and only when one reading
    # alone is a date (15 cannot be a month); "11.03.17" may be either: read day first only where the
    # page writes dates day first (:func:`page_writes_day_first`), as US pages may write it month first
    re.compile(r"^\s*(?P<first>[0-3]?\d)\.(?P<second>[0-3]?\d)\.(?P<dotted_year>\d\d)\s*$"),
    # "06.11.23 - Text …", "28.01.22 / 0 Comments", "mardi 10.12.19": the same, opening a line after at most a
    # weekday, its day and month of two digits each (a section number "2.1.12" is not)
    re.compile(rf"^\s*(?:{_WEEKDAY_NAME}|{_OTHER_WEEKDAYS}|{_WEEKDAY_ABBREVIATIONS})?,?\s*(?P<first>[0-3]\d)\.(?P<second>[01]\d)\."
               r"(?P<dotted_year>\d\d)(?![.\d])", re.IGNORECASE),
    # "Mallorca15.04.25 09:56", "BERLIN-12.03.2024", "Madrid-29/05/25": a date in numbers after a dateline's place run
    # into it or joined by a dash, a word of two letters or more (not "v1.2.3", "A-12.03.24"); read as the patterns
    # above read it (dots day first; two-digit years as the last two), only in lines that have such a run (_RUN_INTO_DATE)
    re.compile(r"(?<=[^\W\d_]{2})[-–]?(?P<first>[0-3]?\d)(?P<separator>[./])(?P<second>[01]?\d)(?P=separator)"
               r"(?:(?P<year>(?:19|20)\d\d)|(?P<dotted_year>\d\d))(?![./\d])"),
]

# Text that may stand next to an article's date on its date line.
_TIME = re.compile(
    r"\b(?:GMT|UTC)[+-]\d{1,2}(?::?\d\d)?\b|\b\d{1,2}(?:[:.h]\d{2}){1,2}\s*(?:[ap]\.?m\.?)?|\b\d{1,2}\s*[ap]\.?m\.?\b|\b(?:[ECMP][SD]T|GMT|UTC|BST|CET|CEST|Z)\b"
    r"|[+-]\d{2}:?\d{2}\b",
    re.IGNORECASE,
)
# A weekday in Japanese, Chinese or Korean, printed in brackets after a date ("2019.04.19(金) 20:00", "(星期五)", "(금)").
_CJK_WEEKDAY = r"[(（](?:[月火水木金土日](?:曜日?)?|(?:星期|礼拜|周|週)[一二三四五六日天]|[월화수목금토일](?:요일)?)[)）]"
_WEEKDAY = re.compile(r"\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday|rsday)?\b\.?|" + _OTHER_WEEKDAYS, re.I)
# Only right after a date: elsewhere "(日)" may stand for Japan, "(月)" for a month.
# A time may stand between ("2019/04/19 20:00(金)").
_CJK_WEEKDAY_AFTER = re.compile(rf"\s*(?:[0-2]?\d:\d\d(?::\d\d)?(?!\d)\s*)?{_CJK_WEEKDAY}")
# The words that label a date line ("Published", "Aktualisiert").
_DATE_LABELS = (r"posted|published|publié|publicado|publicada|veröffentlicht|publiziert|updated|last\s+(?:updated|modified)|modified|"
                r"mis\s+à\s+jour|actualizado|atualizado|aktualisiert|date|dated|created|written|issued|released|filed")
_DATE_WORDS = re.compile(
    rf"\b(?:{_DATE_LABELS}|on|at|am|à|le|el|em|às|um|de|del|du|the|"
    r"time|uhr|hrs?|ist|edt|est|by|par|por|von|from|"
    r"发稿时间|发布时间|时间|来源)\b|[|:,•·–—\-/()\[\]@]",
    re.IGNORECASE,
)
# A year that says when something began or who owns it, not when the article appeared.
COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|\bcopyright\b|\ball rights reserved\b", re.IGNORECASE)
NOT_PUBLICATION = re.compile(
    rf"{COPYRIGHT.pattern}|\(c\)|\bsince\b|\bfounded\b|\bestablished\b|\best\.|\bborn\b|\bdepuis\b|\bdesde\b"
    r"|\b\d+\s+years?\s+ago\b",  # "February 28, 1998; 18 years ago": an age, not a publication stamp
    re.I,
)
UPDATE_WORDS = re.compile(
    r"\b(?:updated|last\s+(?:updated|modified)|modified|mis\s+à\s+jour|actualizado|atualizado|aktualisiert)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateMatch:
    iso: str
    start: int
    end: int


# Inline elements run together in scraped text: "Associated PressDecember 2, 2016", a date line's label run into the
# dotted day of a date in words ("Publiziert6. November 2025"; "Windows10. Mai 2020" is a name and a number, and
# undotted, "Covid19 March 2020" would be a date).
_GLUED_MONTH = re.compile(
    r"(?<=[a-z])(?=(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d)"
)
_GLUED_LABEL = re.compile(rf"\b((?i:{_DATE_LABELS}|stand))(?=[0-3]?\d\.\s*(?i:{_MONTH})\s+(?:19|20)\d\d)")


# "December 9, 202110:14 AM GMT+4Updated 2 years ago": a year run into the time, a number into the next word;
# "29. Dezember 202230. Dezember 2022": a year run into the next date's day (published and updated, printed together).
_GLUED_TIME = re.compile(r"(?<=[,\s](?:19|20)\d\d)(?=[0-2]?\d:\d\d|[0-3]?\d\.[\s\d])|(?<=\d)(?=[A-Z][a-z])")
# "Updated 2 years ago": how long ago the page last changed, said beside the date it was published on.
RELATIVE_UPDATE = re.compile(
    r"\b(?:last\s+)?(?:updated|modified|edited)\s+(?:about\s+|over\s+|almost\s+)?(?:\d+|an?|one)\s+"
    r"(?:sec(?:ond)?|min(?:ute)?|h(?:ou)?r|day|week|month|year)s?\s+ago\b",
    re.IGNORECASE,
)


def unglue(line: str) -> str:
    return _GLUED_TIME.sub(" ", _GLUED_MONTH.sub(" ", _GLUED_LABEL.sub(r"\1 ", line)))


# Every pattern needs a year: a line without one is skipped before the patterns run.
_YEAR_HINT = re.compile(r"(?:19|20)\d\d|\d/\d\d,?\s|^\s*\d\d?\.\d\d?\.\d\d\s*$|\d\d[./]\d\d[./]\d\d(?![./\d])")
_WORD = re.compile(r"\w+")
_RUN_INTO_DATE = re.compile(r"[^\W\d_][-–]?[0-3]?\d[./][01]?\d[./]\d\d")


# Whether "06/12/2021" is read day first: True where a page declares a language that writes dates so, False where
# it declares one that writes them month first (en-US), None where it declares none or one that does not say
# (:func:`day_first_language`): there the page's own dates decide (:func:`page_date_order`), else month first.
_DAY_FIRST = contextvars.ContextVar("day_first", default=None)
# Languages whose numbers for a date do not say day first: English unless a region says so (en-GB, en-IN, en-AU:
# day first; en-US, en-PH, en-CA: month first), and languages that write the year first.
_NOT_DAY_FIRST = {"en", "zh", "ja", "ko", "hu", "lt", "mn", "fa", "eu", "fil", "tl"}
_MONTH_FIRST_ENGLISH = {"US", "PH", "CA"}


def day_first_language(tag: str | None) -> bool | None:
    """Whether a page in language ``tag`` ("en-GB", "fr", "de_AT", as ``lang`` or ``og:locale`` give it) writes
    "06/12/2021" day first: True for British and other English but American, and most other languages; False
    for American English (en-US, en-PH, en-CA); None where no language is given or it does not say ("en")."""
    parts = re.split(r"[-_]", (tag or "").strip())
    language, region = parts[0].lower(), parts[1].upper() if len(parts) > 1 else ""
    if not language.isalpha():
        return None
    if language == "en":
        if len(region) != 2:
            return None
        return region not in _MONTH_FIRST_ENGLISH
    return None if language in _NOT_DAY_FIRST else True


@contextlib.contextmanager
def dates_day_first(day_first: bool | None):
    """Within it, dates written with numbers either way ("06/12/2021") are read day first when ``day_first``;
    None leaves the order to the page's own dates (:func:`page_date_order`), month first where they do not say."""
    token = _DAY_FIRST.set(day_first)
    try:
        yield
    finally:
        _DAY_FIRST.reset(token)


def find_dates(line: str) -> tuple[DateMatch, ...]:
    """Every valid calendar date in ``line``, in reading order."""
    return _find_dates(line, bool(_DAY_FIRST.get()))


@functools.lru_cache(maxsize=16384)
def _find_dates(line: str, day_first: bool) -> tuple[DateMatch, ...]:
    if not _YEAR_HINT.search(line):
        return ()
    found: list[DateMatch] = []
    taken = bytearray(len(line))  # characters an earlier pattern's date holds: a list of many dates stays linear
    for pattern in DATE_PATTERNS if _RUN_INTO_DATE.search(line) else DATE_PATTERNS[:-1]:
        for match in pattern.finditer(line):
            if any(taken[match.start():match.end()]) or _FILE_EXTENSION.match(line, match.end()):
                continue
            if pattern is _DOTTED_YEAR_FIRST and not _run_in_word_allowed(line, match.start()):
                continue
            if (pattern is _ISO_YEAR_FIRST and not _ISO_TIMESTAMP.match(line, match.start())
                    and not _run_in_word_allowed(line, match.start(), timed=False)):
                continue
            iso = _to_iso(match.groupdict(), day_first)
            if iso:
                found.append(DateMatch(iso, match.start(), match.end()))
                taken[match.start():match.end()] = b"\1" * (match.end() - match.start())
    return tuple(sorted(found, key=lambda d: d.start))


_ISO_YEAR_FIRST = DATE_PATTERNS[2]
_ISO_TIMESTAMP = re.compile(r"(?:19|20)\d\d[-/][01]?\d[-/][0-3]?\d(?:T|,?\s{1,3})[0-2]?\d:\d\d(?!\d)")
_DOTTED_YEAR_FIRST = DATE_PATTERNS[3]
# "Report2019-04-21.pdf", "21.04.2019.jpg": a file's name (an extension in one case: a sentence run into a date
# opens with a capital, "2019.The").
_FILE_EXTENSION = re.compile(r"\.(?:[a-z][a-z0-9]{1,4}|[A-Z][A-Z0-9]{1,4})\b")
_RUN_IN_WORD_CHARS = 40  # a label or a place is shorter; reading back no further keeps a line of many dates linear


def _run_in_word_allowed(line: str, start: int, timed: bool = True) -> bool:
    """Whether the date at ``start`` stands apart, or the word run into it is a label's or a place's: before a time
    (``timed``), capitalised ("Nuomonės2024.03.31 19:59") or of a script without letter case ("公開日2019.04.19 20:00"),
    not a version's tag in lower case ("v2019.04.19", "build2019.04.19"). Without a time only a word without letter
    case ("发布时间2019-04-21", "来源：新华网2019-04-21"): a capitalised one makes a name ("Version2019-04-21",
    "Screenshot2019-04-21"), and a name run into its date in such a script ("田中2019-04-21") is a byline's, dated."""
    word_start = start
    while word_start > max(0, start - _RUN_IN_WORD_CHARS) and line[word_start - 1].isalpha():
        word_start -= 1
    word = line[word_start:start]
    if not word or not (word[-1].islower() or word[-1].isupper()):
        return True
    return timed and word[0].isupper()


def _to_iso(parts: dict, day_first: bool = False) -> str | None:
    if parts.get("dotted_year"):
        first, second = int(parts["first"]), int(parts["second"])
        if (first <= 12) == (second <= 12) and first != second and not (day_first and first <= 12):
            return None  # either could be the month
        parts = {**parts, "short_year": parts["dotted_year"]}
    if parts.get("short_year"):
        year = 2000 + int(parts["short_year"])  # two-digit years on news pages are this century's
    else:
        year = int(parts["year"])
    if parts.get("first"):
        first, second = int(parts["first"]), int(parts["second"])
        day_first = day_first or parts.get("separator") == "." and bool(parts.get("year"))  # dots: day first
        month, day = (second, first) if first > 12 or day_first and second <= 12 else (first, second)
    else:
        raw_month = parts["month"]
        month = int(raw_month) if raw_month.isdigit() else month_number(raw_month)
        day = int(parts["day"])
    if month is None:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def date_line(line: str, max_other_words: int = 4, fields: bool = True, publication: bool = True) -> str | None:
    """ISO date when ``line`` is a date line: a date with at most a few other words
    (prefixes such as "Posted:", a time, a weekday, a time zone), or with ``fields`` a header
    line one of whose separated fields is one. None otherwise, and with ``publication`` also
    when the line says the date is not a publication's ("since", "©", "18 years ago")."""
    if not _YEAR_HINT.search(line):
        return None
    line = RELATIVE_UPDATE.sub(" ", unglue(line))
    if publication and NOT_PUBLICATION.search(line):
        return None
    dates = find_dates(line)
    if not dates:
        return None
    published = dates[0].iso
    if len(dates) > 1 and NOT_PUBLISHED_ON.search(line[: dates[0].start]):
        published = dates[1].iso  # "Expires: 18 June 2015 15 December 2014": the other date is the document's
    if len(_other_words(line, dates)) > max_other_words:
        # "Le Monde | 04.05.2015 à 13h36 • Mis à jour le 05.05.2015 | Par …": one field of a
        # header line set off by separators is the date line (the first that is not an update).
        parts = _fields(line) if fields else []
        if len(parts) > 1:
            for part in sorted(parts, key=lambda f: bool(UPDATE_WORDS.search(f))):
                if iso := date_line(part, max_other_words, fields=False):
                    return iso
        return None
    return published


# What sets a date off at a headline's end or start: "… – Energy briefing, 3 June 2023", "3 June 2023: …", "… (3 June 2023)".
HEADLINE_DATE_SEPARATOR = re.compile(r"\s[–—|-]\s|[,;:]\s|[()]")


def set_off_date(line: str) -> str | None:
    """ISO date that a headline sets off at its end or start by a dash, comma, colon or brackets ("Oil prices fall
    for a third day – Energy briefing, 3 June 2023"), where it dates the page; a date inside a clause does not."""
    if not _YEAR_HINT.search(line) or NOT_PUBLICATION.search(line):
        return None
    pieces = [piece for piece in HEADLINE_DATE_SEPARATOR.split(line) if piece.strip()]
    for piece in (pieces[-1], pieces[0]) if len(pieces) > 1 else ():
        if iso := date_line(piece, 0, fields=False):
            return iso
    return None


def dating_phrase(text: str) -> bool:
    """Whether the words before a date say what the date is, not what happened on it: a label ("Page last
    reviewed:"), an update's words, a publication's ("… originally published on", "Posted –") or another kind of
    date's ("Founded", "©")."""
    text = text.rstrip(" –—|-,;([")
    words = _WORD.findall(text)
    return (text.endswith(":") or is_update_line(text) or bool(NOT_PUBLICATION.search(text))
            or bool(words) and bool(_DATE_WORDS.fullmatch(words[-1])))


def words_beside_date(line: str) -> list[str]:
    """The words of ``line`` other than its dates and what a date line prints beside them (a time, a weekday,
    "Posted", "on", separators): what tells a headline that carries a date from a date line."""
    line = unglue(line)
    return _other_words(line, find_dates(line))


# A weekday's abbreviation right before a date ("Do 25.04.24"), printed beside it as a weekday's name is, or a
# dateline's place run into it ("Mallorca15.04.25", "Madrid-29/05/2025"; a capitalised word or one in capitals).
_BEFORE_A_DATE = re.compile(rf"{_WEEKDAY_ABBREVIATIONS},?\s*$|(?<![\w.-])(?-i:[A-ZÀ-Þ][a-zß-ÿ]+|[A-ZÀ-Þ]{{2,}})(?P<dash>[-–])?$", re.I)
# A place joined to its date by a dash is a dateline's only with a time after the date ("Madrid-29/05/2025 20:00"):
# alone, a name and a number joined so is a code or a version ("COVID-19/05/2020", "Build-12.05.2024").
_TIME_AFTER = re.compile(rf"[\s,]*(?:{_TIME.pattern})", re.I)


def _other_words(line: str, dates) -> list[str]:
    kept, start = [], 0
    for match in dates:
        # Read back only to the date before (what stands beside a date holds no digit): a line of many dates stays linear.
        beside = _BEFORE_A_DATE.search(line, start, match.start)
        joined = beside and (beside["dash"] or line[match.start] in "-–")  # a date run into a place holds its dash
        if joined and not _TIME_AFTER.match(line, match.end):
            beside = None
        kept.append(line[start : beside.start() if beside else match.start])
        weekday = _CJK_WEEKDAY_AFTER.match(line, match.end)
        start = weekday.end() if weekday else match.end
    rest = " ".join(kept + [line[start:]])
    return _WORD.findall(_DATE_WORDS.sub(" ", _WEEKDAY.sub(" ", _TIME.sub(" ", rest))))


FIELD_SEPARATOR = re.compile(r"\s[|•·▪]\s")
DASH_SEPARATOR = re.compile(r"\s[–—]\s")
DASH_FIELD_WORDS = 3  # words of each item of a field a dash sets apart from a date: a name, a column's name


def _fields(line: str) -> list[str]:
    """The fields of a header line. A dash sets fields apart too ("Nike Jane – 14.09.2022 – Kolumne, Küche"),
    but only where every one but the dates is a few words (or a list of such): in a headline or a
    sentence it sets off a clause ("Remembering the Blitz – 7 September 1940 – the night London burned")."""
    fields = []
    for part in FIELD_SEPARATOR.split(line):
        pieces = DASH_SEPARATOR.split(part)
        if len(pieces) > 1 and all(find_dates(piece) or _short_field(piece) for piece in pieces):
            fields.extend(pieces)
        else:
            fields.append(part)
    return [field for field in fields if field.strip()]


# "By", "Par", "Von" before a capitalised name (case-sensitive: "de" and "di" open names, "De Souza", "Di Wang").
BYLINE_OPENING = re.compile(r"^(?i:by|par|por|von|door)\s+(?=[A-ZÀ-Þ])")
FIELD_LABEL = re.compile(rf"^\s*(?:[^\W\d_]+\s*:\s*|{BYLINE_OPENING.pattern[1:]})")  # "Reporter:", "By"


def _short_field(field: str) -> bool:
    """Items of a few words each, counted at spaces ("Jean-Paul Dupont": two), the field's label not counted."""
    return all(len(item.split()) <= DASH_FIELD_WORDS for item in FIELD_LABEL.sub("", field).split(","))


# "Expires: 18 June 2015": a date the text looks ahead to, not the one it was published on.
NOT_PUBLISHED_ON = re.compile(r"\b(?:expires?|expiry|expiration|valid\s+(?:until|through)|deadline|closes?|until)\s*:?\s*$", re.I)


# Words after which a line's end carries its sentence on to the next line ("... takes effect on" / "6 December 2021.").
_CARRIES_ON = re.compile(
    r"(?:,|\b(?:on|of|for|by|from|to|until|till|since|before|after|in|at|and|or|the|than|between|dated|le|du|de|am|vom|el))\s*$",
    re.IGNORECASE,
)
ALONE_MAX_CHARS = 80
_CLOCK_END = re.compile(r"[ap]\.m\.$", re.IGNORECASE)  # "10:14 a.m.": a time's stop, not a sentence's
_SENTENCE_END = re.compile(r"[.!?…:][\"'”’)\]]*\s*$")


# A weekday opening a date line, in lower case where its language writes it so ("mié 3 de mayo de 2023", "jeu. 4.5.2023").
_OPENING_WEEKDAY = re.compile(rf"(?:{_OTHER_WEEKDAYS}|{_WEEKDAY_ABBREVIATIONS}),?\s*\d", re.IGNORECASE)


def date_alone(line: str, previous: str | None = None) -> bool:
    """Whether ``line`` is a date by itself ("6 December 2021", "Published: Mon 6 Dec 2021 10:14 GMT"):
    a page's or a note's date line, never part of the title or paragraph above it. Not a sentence's
    end: a line in lower case ("by Nov 27, 1993."; a weekday opening it is none), one under a line ending on a word
    that carries a sentence on ("... takes effect on" / "6 December 2021"), or one ending in a full stop under a line
    that ends no sentence ("... by 5:30 pm EDT" / "Wednesday April 21, 1993.")."""
    if len(line) > ALONE_MAX_CHARS or line[:1].islower() and not _OPENING_WEEKDAY.match(line):
        return False
    if not date_line(line, 0, fields=False):
        return False
    if previous is None:
        return True
    closes = line.endswith(".") and not _CLOCK_END.search(line) and not _SENTENCE_END.search(previous)
    return not closes and not _CARRIES_ON.search(previous)


def is_update_line(line: str) -> bool:
    """Whether the line gives an update's date; "Updated 2 years ago" beside a date leaves it the publication's."""
    return bool(UPDATE_WORDS.search(line)) and bool(UPDATE_WORDS.search(RELATIVE_UPDATE.sub(" ", unglue(line))))


LEAD_DATE_CHARS = 60  # a dateline's date stands this near the start of the paragraph


def leading_date(paragraph: str) -> str | None:
    """A dateline that opens a paragraph: "Feb. 23, 2015 -- Life-threatening …"."""
    if NOT_PUBLICATION.search(paragraph[:80]):
        return None
    for match in find_dates(paragraph[:LEAD_DATE_CHARS]):
        before = paragraph[: match.start]
        if len(_WORD.findall(_WEEKDAY.sub(" ", _DATE_WORDS.sub(" ", before)))) <= 2:
            return match.iso
    return None


_NUMERIC_DATE = re.compile(r"\b(?P<first>[0-3]?\d)[./](?P<second>[0-3]?\d)[./](?:19|20)?\d\d\b")
# A weekday of a language that writes dates day first, standing with a date ("mardi 10.12.19", "Montag, 6. November
# 2023"): alone, the word is often a name or a feast ("Mardi Gras 2023", "Domingo Germán", "Heidi Montag").
_OTHER_WEEKDAY_DATED = re.compile(
    rf"(?:{_OTHER_WEEKDAYS}|{_WEEKDAY_ABBREVIATIONS})[\s,.]*(?=[0-3]?\d[./-][01]?\d[./-]\d\d|{_DAY}(?:\s*(?:de\s+|[.-]\s*)|\s+){_MONTH})", re.IGNORECASE
)
# The page's own dates stand in short lines (date lines, bylines, captions, lists); its prose is not read for them.
_DATE_LINE_CHARS = 300


def page_writes_day_first(blocks) -> bool:
    """Whether a page's own dates say it writes "03/05/2022" day first: more of its dates that can only be read
    day first ("28.01.22", "4 de mayo de 2022", "Montag, 6. November 2023", a weekday in a language that writes
    dates so, standing with a date) than month first ("05/28/2022", "September 17, 2019")."""
    return _writes_day_first(tuple(blocks))


def _writes_day_first(blocks: tuple[str, ...]) -> bool:
    numbers_day_first, numbers_month_first, words_day_first, words_month_first = _date_order_votes(blocks)
    return numbers_day_first + words_day_first > numbers_month_first + words_month_first


@functools.lru_cache(maxsize=64)  # a page's layout is read several times over the same blocks
def _date_order_votes(blocks: tuple[str, ...]) -> tuple[int, int, int, int]:
    """The page's dates that can only be read day first and month first: in numbers ("14/02/2023",
    "02/14/2023"), then in words ("4 de mayo de 2022", a weekday that writes dates so; "September 17, 2019")."""
    numbers_day_first = numbers_month_first = words_day_first = words_month_first = 0
    for block in blocks:
        if len(block) > _DATE_LINE_CHARS or not _YEAR_HINT.search(block):
            continue
        for match in _NUMERIC_DATE.finditer(block):
            first, second = int(match["first"]), int(match["second"])
            numbers_day_first += 12 < first <= 31 and second <= 12
            numbers_month_first += 12 < second <= 31 and first <= 12
        words_day_first += len(DATE_PATTERNS[1].findall(block)) + bool(_OTHER_WEEKDAY_DATED.search(block))
        words_month_first += len(DATE_PATTERNS[0].findall(block))
    return numbers_day_first, numbers_month_first, words_day_first, words_month_first


def page_date_order(blocks):
    """Read the page's ambiguous numeric dates ("03/05/2022", "06.11.23") in the order its other dates show,
    unless its declared language already said which (en-GB day first, en-US month first). A declared month-first
    English is a default only: sites in day-first countries keep their software's "en-US" (WordPress's own), and
    the page's dates in numbers that can only be day first ("14/02/2023") override it; its dates in words do not
    ("14 February 2023": any English prints them so), nor do those in a sentence ("Offer valid through 31.12.2022 in
    participating EU stores", small print of its own), only those of its dating lines (:func:`_dating_line`)."""
    declared = _DAY_FIRST.get()
    if declared is False:
        numbers_day_first, numbers_month_first, *_ = _date_order_votes(tuple(block for block in blocks if _dating_line(block)))
        return dates_day_first(numbers_day_first > numbers_month_first)
    return dates_day_first(declared if declared is not None else page_writes_day_first(blocks))


DATING_LINE_WORDS = 8  # the words a date line in numbers may print beside its dates ("Photo taken", "By Jane Doe |")


def _dating_line(block: str) -> bool:
    """Whether ``block`` is a line that dates something ("Updated 21/04/2023", "By Jane Doe | 03/05/2022"): its dates
    in numbers with a few words, a time or a weekday beside them, read before the page's date order is known."""
    rest = _NUMERIC_DATE.sub(" ", block)
    return rest != block and len(_WORD.findall(_DATE_WORDS.sub(" ", _WEEKDAY.sub(" ", _TIME.sub(" ", rest))))) <= DATING_LINE_WORDS
