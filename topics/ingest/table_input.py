"""Tables in: a CSV, TSV, JSON-lines, JSON or Parquet file (or a DataFrame) -> article records.

Owns which columns hold the text, id, title, date, label and address (named by the caller, else found by
their usual names), how a table's dates are read (day and month in one order per file, a column of
whole numbers by one reading, each date's precision: day, month or year), and how messages name a
row: where the user finds it (:class:`RowPlaces`). :mod:`topics.ingest.corpus`
turns the records into articles.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import pandas as pd

from topics.errors import InputError, TopicsWarning
from topics.ingest.cell_values import may_hold_structures, refuse_structured_ids, why_not_text, without_structured
from topics.ingest.input_files import compression_of, decode_text, read_decompressed, warn_not_utf8
from topics.ingest.markup import fragment_text, unescape_markup
from topics.ingest.pagedates import date_line
from topics.text.dates import LONGEST_DATE, NO_YEAR, without_zone_name, written_precision, written_without_year
from topics.text.outlets import site_of
from topics.validate import parse_json

TABLE_SUFFIXES = {".csv", ".tsv", ".jsonl", ".ndjson", ".json", ".parquet"}
TEXT_COLUMN_GUESSES = ("text", "body", "content", "article", "document")
URL_COLUMN_GUESSES = ("url", "link", "permalink", "article_url", "source_url")
SITE_COLUMN_GUESSES = ("site", "outlet", "publication", "publisher", "source")  # the outlet by its name
# The other columns a table may have, each found by its usual name unless the caller names it.
COLUMN_ROLES = ("id", "title", "date")
# Names that say what a column holds, for the hint when a table has no id/title/date column by the usual names.
_LOOKS_LIKE = {
    "id": re.compile(r"\b(?:id|guid|uuid)\b", re.IGNORECASE),
    "title": re.compile(r"title|headline", re.IGNORECASE),
    "date": re.compile(r"date|published|timestamp", re.IGNORECASE),
}
# A date written with numbers for its day and month ("03/04/2012", "31.12.2012"): their order is the writer's.
_NUMERIC_DATE = re.compile(r"\s*(\d{1,2})([/.-])(\d{1,2})\2\d{2,4}(?!\d)")
# A date written as a whole number (a JSON or Parquet number may come as "1259668800.0"): read by how
# many digits it has, one reading per column. pandas would read "1260100800" as YYYYMMDDHH (the year 1260).
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_DIGITS = re.compile(r"\s*(\d+)(?:\.\d*)?\s*$")
DIGIT_READINGS = {
    4: "year",
    8: "YYYYMMDD",
    9: "Unix time in seconds (UTC)",
    10: "Unix time in seconds (UTC)",
    12: "Unix time in milliseconds (UTC)",
    13: "Unix time in milliseconds (UTC)",
    14: "YYYYMMDDhhmmss",
}


@dataclass(frozen=True)
class RowPlaces:
    """How messages name a table's rows, as the user finds them: ``kind`` "line" (a CSV or TSV file,
    counting its header line, or a JSON-lines file), "item" (a JSON array, from 1) or "row" (a Parquet
    file or a DataFrame: pandas's index); ``numbers`` holds each row's number."""

    kind: str
    numbers: Sequence

    def __call__(self, row: int) -> str:
        return f"{self.kind} {self.numbers[row]}"


def table_suffix(path: Path) -> str | None:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] in {".gz", ".bz2", ".zst", ".xz"}:
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes and suffixes[-1] in TABLE_SUFFIXES else None


def read_table(path: Path) -> tuple[pd.DataFrame, RowPlaces]:
    """The table at ``path`` and where each of its rows stands in the file."""
    kind = table_suffix(path)
    if kind == ".parquet" and compression_of(path):
        raise InputError(path, "a compressed Parquet file: Parquet compresses itself; decompress the file first")
    data = None if kind == ".parquet" else _decoded(path, read_decompressed(path, kind[1:].upper()))
    try:
        if kind in (".csv", ".tsv"):
            frame = _read_delimited(path, data, "\t" if kind == ".tsv" else separator(data))
            return frame, RowPlaces("line", _record_lines(data, len(frame)))
        if kind == ".parquet":
            frame = pd.read_parquet(path)
            return frame, RowPlaces("row", frame.index)
        return _read_jsonl(path, data)
    except InputError:
        raise
    except (ValueError, OSError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise InputError(path, f"cannot be read as {kind[1:].upper()}: {exc}") from exc


OTHER_SEPARATORS = (";", "\t", "|")  # where a comma is the decimal mark (Excel in most of Europe): ";"


def separator(data: str) -> str:
    """The separator of a ".csv" file: "," unless its header is one column by commas and more by another
    separator (";" from a spreadsheet set to a language that writes "1,5"; a tab; "|"), then the one that
    gives the most columns."""
    header = next((line for line in io.StringIO(data) if line.strip()), "")
    columns = {sep: len(next(csv.reader([header], delimiter=sep))) for sep in (",", *OTHER_SEPARATORS)}
    best = max(OTHER_SEPARATORS, key=columns.get)
    return best if columns[","] == 1 and columns[best] > 1 else ","


def _read_delimited(path: Path, data: str, sep: str) -> pd.DataFrame:
    """A CSV or TSV table, every cell text. A first data row with more fields than the header would make
    pandas take the first column for row names and shift every column (the ids become the texts): an error
    naming the line instead, as a later row with too many fields gets."""
    with warnings.catch_warnings():
        # index_col=False: never row names; pandas then warns where a row has more fields than the header.
        warnings.simplefilter("error", pd.errors.ParserWarning)
        try:
            return pd.read_csv(io.StringIO(data), sep=sep, dtype=str, keep_default_na=False, index_col=False)
        except pd.errors.ParserWarning:
            pass
    reader = csv.reader(io.StringIO(data, newline=""), delimiter=sep)
    header = next(reader, [])
    for row in reader:
        if any(cell.strip() for cell in row[len(header):]):
            raise InputError(path, f"line {reader.line_num} has {len(row)} fields, the header {len(header)} "
                                   "(a separator outside quotes?)")
    # Only empty fields past the header's (a separator ending each line, as some exports write): nothing is lost.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pd.errors.ParserWarning)
        return pd.read_csv(io.StringIO(data), sep=sep, dtype=str, keep_default_na=False, index_col=False)


def _decoded(path: Path, data: bytes) -> str:
    """A table's text, decoded as a text file is (:func:`topics.ingest.input_files.decode_text`); a note
    when it is not UTF-8 throughout, an InputError when its byte-order mark lies."""
    text, note = decode_text(data, nul_is_binary=False)
    if text is None:
        raise InputError(path, note)
    if note:
        warn_not_utf8([(str(path), note)])
    return text


def _record_lines(data: str, n_rows: int) -> Sequence[int]:
    """The line each data row of a CSV or TSV file starts on, the header being line 1: a quoted cell
    may span lines, and blank lines are skipped, as pandas skips them. Where the count disagrees
    with pandas's (a stray quote inside a cell), each row is taken to be one line."""
    if data.count("\n") + (not data.endswith("\n")) == n_rows + 1:
        return range(2, n_rows + 2)  # one line a row: nothing to count
    starts, quoted = [], False
    for number, line in enumerate(io.StringIO(data, newline=""), start=1):
        if not quoted and not line.strip():
            continue
        if not quoted:
            starts.append(number)
        if line.count('"') % 2:  # a doubled quote inside a quoted cell counts twice
            quoted = not quoted
    rows = starts[1:]
    return rows if len(rows) == n_rows else list(range(2, n_rows + 2))


def _read_jsonl(path: Path, data: str) -> tuple[pd.DataFrame, RowPlaces]:
    rows, lines = [], []
    with io.StringIO(data) as handle:
        first = handle.read(1)
        handle.seek(0)
        items = _json_array(handle) if first == "[" else None
        if items is not None:  # a JSON array rather than JSON lines
            for number, item in enumerate(items, start=1):
                if not isinstance(item, dict):
                    raise InputError(path, f"item {number} of the JSON array is not a JSON object (one article each, with its text)")
            frame = pd.DataFrame(items)
            return frame, RowPlaces("item", range(1, len(frame) + 1))
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = parse_json(line)
            except json.JSONDecodeError as exc:
                raise InputError(path, f"line {number} is not valid JSON ({exc.msg})") from exc
            if not isinstance(row, dict):
                raise InputError(path, f"line {number} is not a JSON object")
            rows.append(row)
            lines.append(number)
    return pd.DataFrame(rows), RowPlaces("line", lines)


def _json_array(handle) -> list | None:
    """The items of a file that is one JSON array; None for JSON lines whose first line is an array (what
    follows it is "extra data"): each line is then read, and one that is no object is named by its line."""
    try:
        return parse_json(handle.read())
    except json.JSONDecodeError as exc:
        if exc.msg != "Extra data":
            raise
        handle.seek(0)
        return None


def records_from_frame(
    frame: pd.DataFrame,
    name: str,
    places: RowPlaces,
    max_file_mb: float,
    *,
    text_column: str | None = None,
    id_column: str | None = None,
    title_column: str | None = None,
    date_column: str | None = None,
) -> tuple[list[dict], list]:
    """The table's rows as article records, and the rows skipped with why (by ``places``)."""
    if frame.empty and not len(frame.columns):
        raise InputError(name, "holds no rows (an empty table: nothing to read)")
    text_key = _column(frame, name, text_column, "text", TEXT_COLUMN_GUESSES)
    if text_key is None:
        raise InputError(
            name,
            "no text column found (looked for " + "/".join(TEXT_COLUMN_GUESSES) + "); columns are: "
            + ", ".join(map(str, frame.columns)) + "; name one with text_column / --text-column",
        )
    named = {"id": id_column, "title": title_column, "date": date_column}
    keys = {role: _column(frame, name, named[role], role, (role,)) for role in COLUMN_ROLES}
    label_key = _column(frame, name, None, "label", ("label",))
    # Each article's site: the outlet a column names, else the host its address names.
    site_key, url_key = _column(frame, name, None, "site", SITE_COLUMN_GUESSES), _column(frame, name, None, "url", URL_COLUMN_GUESSES)
    if frame.empty:
        raise InputError(name, "the table has no rows")
    present = frame[text_key].dropna()
    if len(present) and not present.map(lambda v: isinstance(v, str)).any():
        raise InputError(name, f"the text column {text_key!r} holds {present.dtype} values ({type(present.iloc[0]).__name__}), not text")
    _say_lookalikes(frame, name, keys, {text_key, label_key, url_key, site_key})

    def cells(key) -> list | None:
        return frame[key].tolist() if key is not None else None

    if keys["id"] is not None:
        given = frame[keys["id"]]
        refuse_structured_ids(given, name, keys["id"], places)
        blank = (given.isna() | given.map(lambda v: isinstance(v, str) and not v.strip())).to_numpy()
        if blank.any():  # an id of "" or "nan" would name an article, and two such would collide
            first = int(blank.argmax())
            more = f" and {int(blank.sum()) - 1} more rows" if blank.sum() > 1 else ""
            raise InputError(name, f"the id column {keys['id']!r} is empty at {places(first)}{more}: give every row an id, "
                                   "or leave the column out (the rows are then numbered)")
    ids = frame[keys["id"]].astype(str) if keys["id"] is not None else pd.Series([f"row-{i:06d}" for i in range(len(frame))])
    repeated = ids.duplicated().to_numpy()
    if repeated.any():
        first = int(repeated.argmax())
        raise InputError(name, f"the id column has repeated values, e.g. {ids.iloc[first]!r} ({places(first)})")
    titles, dates, labels, urls, sites = cells(keys["title"]), cells(keys["date"]), cells(label_key), cells(url_key), cells(site_key)
    titles, labels, sites = (without_structured(values, name, key, places, what) if key is not None and may_hold_structures(frame[key]) else values
                             for values, key, what in ((titles, keys["title"], "title"), (labels, label_key, "label"), (sites, site_key, "site")))
    kept, skipped = [], []
    for i, text in enumerate(frame[text_key].tolist()):
        text = text.replace("\x00", "") if isinstance(text, str) else text  # a stray NUL (a Parquet file, a DataFrame)
        if not isinstance(text, str) or not text.strip():
            skipped.append((f"{name} {places(i)} (id {ids.iloc[i]})", why_not_text(text)))
        elif len(text) > max_file_mb * 1e6:  # the same limit as for one article file
            skipped.append((f"{name} {places(i)} (id {ids.iloc[i]})", f"text of {len(text) / 1e6:.1f} M characters is larger than the {max_file_mb:g} MB limit for one article"))
        else:
            kept.append((i, text))
    given_dates = {i: clean_cell(dates[i]) for i, _ in kept} if dates is not None else {}
    read_dates = table_dates({i: value for i, value in given_dates.items() if value is not None}, name, places)
    records = []
    for i, text in kept:
        read, given_title = unescape_markup(fragment_text(text)), clean_cell(titles[i]) if titles is not None else None
        title = _unescaped(given_title)
        date, precision = read_dates.get(i, (None, None))
        records.append(
            {
                "article_id": ids.iloc[i],
                "raw_text": read,
                "markup_read": read != text or title != given_title,
                "title": title,
                "date": date,
                "date_precision": precision,
                "date_unreadable": date is None and precision != NO_YEAR and given_dates.get(i) is not None,
                "date_written": given_dates.get(i) if date is None else None,  # the cell, when it leaves the row undated
                "place": places(i),
                "label": clean_cell(labels[i]) if labels is not None else None,
                "site": (clean_cell(sites[i]) if sites is not None else None) or (site_of(urls[i]) if urls is not None else None),
                "source": f"{name} {places(i)}",
                "find_header": False,
            }
        )
    return records, skipped


def _column(frame: pd.DataFrame, name: str, named: str | None, role: str, usual: Sequence[str]):
    """The column holding ``role``: the one ``named`` (InputError when the table has none by that
    name), else the first of the ``usual`` names in any case, else None. Spaces around a header are no part
    of its name: a spreadsheet's "Body " is the column "Body"."""
    if named is not None:
        if named in frame.columns:
            return named
        spaced = [c for c in frame.columns if str(c).strip() == named.strip()]
        if len(spaced) == 1:
            return spaced[0]
        raise InputError(name, f"no {role} column {named!r}; columns are: {', '.join(map(str, frame.columns))}")
    found: dict[str, object] = {}
    for column in frame.columns:
        found.setdefault(str(column).strip().lower(), column)
    return next((found[c] for c in usual if c in found), None)


def _say_lookalikes(frame: pd.DataFrame, name: str, keys: dict, taken: set) -> None:
    """A table with no id, title or date column by the usual names may hold one under another
    ("Story ID", "Headline", "Published On"): one warning says which, and how to name it."""
    taken = taken | {key for key in keys.values() if key is not None}
    hints = []
    for role, key in keys.items():
        like = None if key is not None else next(
            (c for c in frame.columns if c not in taken and _LOOKS_LIKE[role].search(str(c))), None)
        if like is not None:
            hints.append((role, like))
            taken.add(like)
    if hints:
        one = len(hints) == 1
        roles = _listed([repr(role) for role, _ in hints], "or")
        likes = _listed([repr(like) for _, like in hints], "and")
        options = _listed([f"--{role}-column" for role, _ in hints], "and")
        arguments = _listed([f"{role}_column" for role, _ in hints], "and")
        warnings.warn(
            f"{name}: no {roles} column, but {likes} {'looks like one' if one else 'look like them'}; "
            f"name {'it' if one else 'them'} with {options} ({arguments} in Python), or {'it is' if one else 'they are'} not read",
            TopicsWarning,
            stacklevel=3,
        )


def _listed(items: list[str], word: str) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {word} {items[-1]}"


def table_dates(given: dict[int, str], name: str, places: RowPlaces) -> dict[int, tuple[str | None, str | None]]:
    """Each row's given date (row -> cell) as (ISO date, precision), (None, None) where no reader understands it.

    The precision ("day", "month", "year": :func:`topics.text.dates.written_precision`) is how the
    cell writes it; a date that names only a month or year is its first day. Dates written with
    numbers for day and month are read in one order per file: day first when some can only be read
    day first ("31/12/2012", or any written with dots: "03.12.2021", as those who use dots write them) and
    none only month first, else month first. Dates either way
    ("03/04/2012") in a file that does not say which are read month first, and one warning names
    them; whole numbers are read by one reading per file (:func:`_digit_dates`), which a warning
    names. All name the file. The dates that could not be read, and those without a year, are named
    once the corpus is built (:func:`warn_undated_rows`), as the articles its summary counts.
    """
    digits = {i: found[1] for i, value in given.items() if (found := _DIGITS.match(value))}
    read = _digit_dates(digits, given, name, places)
    yearless = _yearless_dates(given)
    read.update(yearless)
    given = {i: value for i, value in given.items() if i not in yearless}
    only = {}  # "day" / "month" first: the first row whose date can only be read that way
    either = []
    for i, value in given.items():
        found = None if i in digits else _NUMERIC_DATE.match(value)
        if found:
            first, second = int(found[1]), int(found[3])
            if second > 12 >= first:
                only.setdefault("month", i)
            elif first > 12 >= second or found[2] == "." and first != second:  # "03.12.2021": dots are written day first
                only.setdefault("day", i)
            elif first != second:
                either.append(i)
    day_first = set(only) == {"day"}
    known: dict[str, tuple[str | None, str | None]] = {}  # a table repeats its dates: each distinct one read once
    for i, value in given.items():
        if i not in digits:
            if value not in known:
                date = iso_date(value, day_first=day_first)
                known[value] = (date, written_precision(value) if date is not None else None)
            read[i] = known[value]
    if either and len(only) != 1:
        i = either[0]
        why = "no date in the file says which" if not only else (
            f"the file writes {places(only['day'])} {given[only['day']]!r} day first "
            f"and {places(only['month'])} {given[only['month']]!r} month first")
        warnings.warn(
            f"{name}: {len(either)} dates such as {places(i)} {given[i]!r} could be day/month or month/day, "
            f"and {why}; read month first ({read[i][0]}) (write dates as YYYY-MM-DD)",
            TopicsWarning,
            stacklevel=3,
        )
    return {i: read[i] for i in [*given, *yearless]}


def _yearless_dates(given: dict[int, str]) -> dict[int, tuple[None, str]]:
    """The rows whose date is written without its year ("March 18", "3/18", "Tuesday", "10:30"), as
    (None, "no year"): undated, since any year put to them would be made up. They are named once the
    corpus is built (:func:`warn_undated_rows`), as those its summary counts: a dateline in a row's
    text can still date it, and a duplicate row is no article."""
    without_year = {value for value in set(given.values()) if written_without_year(value)}  # a table repeats its dates
    return {i: (None, NO_YEAR) for i, value in given.items() if value in without_year}


def warn_undated_rows(name: str, found: list[tuple[str, str]], n_articles: int, what: str, shown: int,
                      why: str = "") -> None:
    """One warning for a table's rows (place, date cell) whose given date leaves the article undated,
    among the ``n_articles`` articles the table gave: given once the corpus is built, over the articles
    its summary counts (a row dropped as a duplicate is none). Names the file, how many, and the
    first ``shown`` rows with what they write."""
    if not found:
        return
    examples = ", ".join(f"{place} {written[:40]!r}" for place, written in found[:shown])
    more = ", …" if len(found) > shown else ""
    warnings.warn(
        f"{name}: {len(found)} of {n_articles} dates {what} ({examples}{more}); "
        f"those articles count as undated{why} (write dates as YYYY-MM-DD)",
        TopicsWarning,
        stacklevel=4,  # load_corpus's caller: load_corpus, _build_corpus, here
    )


def _digit_dates(digits: dict[int, str], given: dict[int, str], name: str, places: RowPlaces) -> dict:
    """The dates written as whole numbers (row -> its digits), read as one column: by the reading
    (:data:`DIGIT_READINGS`, by number of digits) most of them agree on; a number of another length
    is not read (never a date in the 13th century from epoch seconds read as YYYYMMDDHH). A warning
    says how they were read, except as years."""
    if not digits:
        return {}
    votes: dict[str, int] = {}
    for value in digits.values():
        if len(value) in DIGIT_READINGS:
            votes[DIGIT_READINGS[len(value)]] = votes.get(DIGIT_READINGS[len(value)], 0) + 1
    reading = max(votes, key=votes.get) if votes else None
    read = {i: (_digit_date(value, reading), "year" if reading == "year" else "day")
            if reading is not None and DIGIT_READINGS.get(len(value)) == reading else (None, None) for i, value in digits.items()}
    read = {i: (date, precision if date is not None else None) for i, (date, precision) in read.items()}
    example = next((i for i, (date, _) in read.items() if date is not None), None)
    if reading not in (None, "year") and example is not None:
        warnings.warn(
            f"{name}: {votes[reading]} of {len(given)} dates are whole numbers, read as {reading}: "
            f"{places(example)} {given[example]!r} is {read[example][0]}"
            + (f"; {len(digits) - votes[reading]} numbers of another length are not read" if len(digits) > votes[reading] else ""),
            TopicsWarning,
            stacklevel=4,
        )
    return read


def _digit_date(digits: str, reading: str) -> str | None:
    """``digits`` read as ``reading`` (a value of :data:`DIGIT_READINGS`), as an ISO date; None when it is not one."""
    try:
        if reading == "year":
            return datetime.date(int(digits), 1, 1).isoformat()
        if reading.startswith("YYYY"):
            return datetime.datetime.strptime(digits, "%Y%m%d%H%M%S" if len(digits) == 14 else "%Y%m%d").date().isoformat()
        seconds = int(digits) / (1000 if "milliseconds" in reading else 1)
        return datetime.datetime.fromtimestamp(seconds, tz=datetime.timezone.utc).date().isoformat()
    except (ValueError, OverflowError, OSError):
        return None


def clean_cell(value) -> str | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    value = str(value).replace("\x00", "").strip()
    return value or None


def _unescaped(value: str | None) -> str | None:
    return None if value is None else clean_cell(unescape_markup(value))


def iso_date(value, day_first: bool = False) -> str | None:
    """``value`` as YYYY-MM-DD, or None; ``day_first`` reads "03/04/2012" as 3 April (only a date
    written with numbers for day and month: pandas would read an ISO date's month as its day too)."""
    value = clean_cell(value)
    if value is None or len(value) > LONGEST_DATE:  # a longer cell is no date (stripped first: padding is no part)
        return None
    digits = _DIGITS.match(value)
    if digits:  # a whole number alone: read by its length (a table's column is read as one, table_dates)
        reading = DIGIT_READINGS.get(len(digits[1]))
        return None if reading is None else _digit_date(digits[1], reading)
    value = without_zone_name(value)  # "Tue, 07 Dec 2021 16:05:00 EST": the calendar date is the one written
    with warnings.catch_warnings():
        # pandas warns, naming no file, when a date contradicts dayfirst ("31/12/2012"), and dateutil of
        # what it does not understand; table_dates decides the order for the whole file and says what was unclear.
        warnings.simplefilter("ignore")
        parsed = pd.to_datetime(value, errors="coerce", dayfirst=day_first and _NUMERIC_DATE.match(value) is not None)
    if pd.isna(parsed):
        # Some pandas versions read years 1677-2262 only; an ISO date outside them is still a date
        # (checked later). Inside them pandas has spoken: "2021-08-01garbage" is not a date.
        if not _ISO_DAY.match(value):  # fromisoformat also reads "12601008": only a dashed ISO date here
            # Month names in French, German, Spanish, …, as pages print them ("6 déc. 2021", "06. Dezember 2021").
            return date_line(value, 0, fields=False, publication=False)
        try:
            day = datetime.date.fromisoformat(value[:10])
        except ValueError:
            return None
        return day.isoformat() if not 1677 <= day.year <= 2262 else None
    return parsed.date().isoformat()
