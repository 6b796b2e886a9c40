"""Load articles from files or a DataFrame into a Corpus of articles and paragraphs.

A Corpus is plain tables with stable ids:

- ``articles``: article_id, title, date, label, source, text, and how each was found (date_precision:
  "day", "month" or "year", as the date was written; a month or year alone is dated its first day)
- ``paragraphs``: paragraph_id, article_id, position, section, text (a line that is only a reference
  number or a date stays in its article's text but is no paragraph: its position is skipped). The
  id numbers the paragraph as its article's own text splits it (:mod:`topics.ingest.paragraphs`):
  other articles do not renumber it, though a line dropped for repeating across them leaves a gap
- ``dropped_lines``: article_id, line, reason (web chrome removed at ingest)
- ``duplicates``: unit_id, level, duplicate_of, kind, similarity (collapsed units), date, duplicate_of_date
  (the collapsed unit's article's date and that of the article it was folded into)
- ``skipped``: source, reason (inputs that held no usable article)
"""

from __future__ import annotations

import html
import math
import os
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from topics.ingest.boilerplate import split_blocks
from topics.ingest.dedupe import dated_apart, dated_apart_paragraphs, find_duplicates, folded_note, normalised_text, warn_dated_apart, with_dates
from topics.controls import NOTEBOOK_NO_MATH, shown_on_a_page
from topics.errors import InputError
from topics.ingest.htmlpage import HTML_SUFFIXES, OWN_H1_HOW, html_record
from topics.ingest.paragraphs import cleaned_article, paragraph_numbers, pieces_of
from topics.ingest.lines import is_reference_line
from topics.ingest.mailtext import read_message
from topics.ingest.markup import unescape_markup
from topics.ingest.input_files import article_files, decode_text, is_regular_file, warn_not_utf8
from topics.ingest.repeats import Repeats
from topics.text.bylines import is_byline
from topics.text.codes import only_codes
from topics.ingest.table_input import RowPlaces, read_table, records_from_frame, table_suffix, warn_undated_rows
from topics.ingest.yearless import in_sending_year, opening_date, printed_weekday, warn_yearless_pages, yearless_line
from topics.text.dates import NO_YEAR, written_precision
from topics.validate import NotAFileError, open_file, readable_name, user_path, why_missing

TEXT_SUFFIXES = {".txt", ".md"}
# A table's rows left undated by their date cell, one warning per reason: (date source, what the
# cells are, rows shown, why they stay undated).
UNDATED_ROW_WARNINGS = ((NO_YEAR, "have no year", 5, ", no year is guessed"), ("unreadable", "could not be read as dates", 3, ""))
MAX_WORDS = 160  # ~200 word pieces: under all-MiniLM-L6-v2's 256-token window
MAX_FILE_MB = 20.0  # one article file; larger ones are almost surely not an article

ARTICLE_COLUMNS = ["article_id", "title", "date", "label", "source", "text"]
# How each article's text and metadata were found: extractor ("page text", "trafilatura", "table"),
# title_source / date_source ("given", "page header", "html metadata", … or "none"), author, site,
# markup_read (the text or title held HTML left escaped, read as a reader sees it: ingest.markup),
# date_precision ("day", "month", "year": what the date names; "no year" for an undated article whose
# date was written without its year, date_source "no year" too; None when otherwise undated).
EXTRACTION_COLUMNS = ["extractor", "title_source", "date_source", "date_precision", "author", "site", "markup_read"]
# An article's columns its units carry (the time views read a date's precision with it).
UNIT_META = ["article_id", "title", "date", "date_precision", "label"]
PARAGRAPH_COLUMNS = ["paragraph_id", "article_id", "position", "section", "text"]


@dataclass(frozen=True)
class Corpus:
    """Articles and their paragraphs, with what ingest dropped and collapsed."""

    articles: pd.DataFrame
    paragraphs: pd.DataFrame
    dropped_lines: pd.DataFrame
    duplicates: pd.DataFrame
    skipped: pd.DataFrame
    source: str = "<DataFrame>"

    def units(self, level: str = "paragraph") -> pd.DataFrame:
        """The table of units at ``level`` ("paragraph" or "article"): unit_id, article_id, title, date, text, …"""
        # An article's site where any is known: the naming leaves the outlet's own name out (topics.text.outlets).
        sited = ["site"] if "site" in self.articles.columns and self.articles["site"].notna().any() else []
        meta = self.articles[[c for c in [*UNIT_META, *sited] if c in self.articles.columns]]
        if level == "paragraph":
            units = self.paragraphs.merge(meta, on="article_id", how="left")
            return units.rename(columns={"paragraph_id": "unit_id"}).reset_index(drop=True)
        if level == "article":
            units = self.articles.assign(unit_id=self.articles["article_id"])
            # The site too, as paragraphs have it: an article-level fit leaves the outlet's name out as well.
            extra = ["date_precision"] if "date_precision" in units.columns else []
            return units[["unit_id", *ARTICLE_COLUMNS, *extra, *sited]].reset_index(drop=True)
        raise ValueError(f"level must be 'paragraph' or 'article', not {level!r}")

    @cached_property
    def paragraphs_dated_apart(self) -> dict:
        """{"count", "examples"} of :func:`topics.ingest.dedupe.dated_apart_paragraphs`: found once, as the load's
        warning and every summary() read it (seconds on a corpus with hundreds of thousands of duplicates)."""
        return dated_apart_paragraphs(self.duplicates)

    def summary(self) -> dict:
        by_kind = self.duplicates.groupby(["level", "kind"]).size() if len(self.duplicates) else {}
        return {
            "source": self.source,
            "articles": len(self.articles),
            "paragraphs": len(self.paragraphs),
            "dated_articles": int(self.articles["date"].notna().sum()),
            "dropped_lines": len(self.dropped_lines),
            "duplicate_articles": int(sum(v for (lvl, _), v in dict(by_kind).items() if lvl == "article")),
            "duplicate_paragraphs": int(sum(v for (lvl, _), v in dict(by_kind).items() if lvl == "paragraph")),
            # Copies folded into an article dated otherwise: "b (2005-03-19) folded into a (2005-09-14)".
            "duplicates_dated_apart": [folded_note(row) for row in dated_apart(self.duplicates).itertuples()]
            if "date" in self.duplicates else [],
            # Paragraphs republished in an article dated otherwise, folded into their first copy: {count, examples}.
            "paragraphs_dated_apart": self.paragraphs_dated_apart,
            "skipped_inputs": len(self.skipped),
            "markup_read": int(self.articles["markup_read"].sum()) if "markup_read" in self.articles else 0,
            # Messages (mail, news posts) read without their header, quoted lines and signature.
            "mail_messages": int((self.articles["extractor"] == "mail text").sum()) if "extractor" in self.articles else 0,
            "titles_by_source": _counts(self.articles, "title_source"),
            "dates_by_source": _counts(self.articles, "date_source"),
            # How precisely the dates name their day: a month or year alone stays out of events.
            "dates_by_precision": {str(k): int(v) for k, v in self.articles["date_precision"].value_counts().items()}
            if "date_precision" in self.articles else {},
        }

    def __repr__(self) -> str:
        s = self.summary()
        return (
            f"Corpus({s['articles']} articles, {s['paragraphs']} paragraphs, "
            f"{s['dropped_lines']} line{'' if s['dropped_lines'] == 1 else 's'} dropped, source={s['source']!r})"
        )

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><th style='text-align:left'>{html.escape(k.replace('_', ' '))}</th>"
            f"<td>{html.escape(shown_on_a_page(str(v)))}</td></tr>"
            for k, v in self.summary().items()
        )
        shown = self.articles[["article_id", "title", "date"]].head(10).copy()
        for column in shown.columns:
            shown[column] = shown[column].map(lambda value: shown_on_a_page(value) if isinstance(value, str) else value)
        preview = shown.to_html(index=False, escape=True)
        return f"<div class='{NOTEBOOK_NO_MATH}'><strong>Corpus</strong><table>{rows}</table>{preview}</div>"


def load_corpus(
    source: str | Path | pd.DataFrame,
    *,
    text_column: str | None = None,
    id_column: str | None = None,
    title_column: str | None = None,
    date_column: str | None = None,
    max_words: int = MAX_WORDS,
    max_file_mb: float = MAX_FILE_MB,
    near_duplicate_threshold: float = 0.9,
) -> Corpus:
    """Load a folder of .txt/.md articles, one such file, a CSV/TSV/JSONL/Parquet table, or a DataFrame.

    Tables need a text column (``text_column``, else the first of text/body/content/article/document);
    id, title, date and label columns are used when present: ``id_column``, ``title_column`` and
    ``date_column`` name them where the table calls them otherwise. A named column the table does
    not have is an InputError listing its columns.
    """
    columns = {"text_column": text_column, "id_column": id_column, "title_column": title_column, "date_column": date_column}
    if isinstance(source, pd.DataFrame):
        records, skipped = records_from_frame(source, "<DataFrame>", RowPlaces("row", source.index), max_file_mb, **columns)
        name = "<DataFrame>"
    else:
        if not isinstance(source, (str, os.PathLike)):  # a list of texts is no source: pathlib's message would not say so
            raise InputError("source", f"expected a folder, a file or a DataFrame, not {type(source).__name__} (texts "
                                       "themselves: a DataFrame with a text column, or TopicModel().fit(texts))")
        path = user_path(source)
        name = str(path)
        if not path.exists():
            raise InputError(path, why_missing(path))
        if path.is_dir():
            records, skipped = _records_from_folder(path, max_file_mb)
        elif not is_regular_file(path):
            raise InputError(path, "is not a regular file or folder (a pipe, socket or device)")
        elif path.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES:
            record, problem = _record_from_file(path, path.parent, max_file_mb)
            if problem:
                raise InputError(path, problem)
            records, skipped = [record], []
        elif table_suffix(path):
            frame, places = read_table(path)
            records, skipped = records_from_frame(frame, str(path), places, max_file_mb, **columns)
        elif path.suffix.lower() in SPREADSHEET_SUFFIXES:
            raise InputError(path, SPREADSHEET)
        else:
            raise InputError(
                path,
                f"unsupported file type {path.suffix or '(none)'!r}; expected a folder of .txt/.md "
                "files, a .txt/.md file, or a .csv/.tsv/.jsonl/.parquet table",
            )
    if not records:
        why = "; ".join(f"{s}: {r}" for s, r in skipped[:5])
        raise InputError(name, "no usable article found" + (f" ({why})" if why else ""))
    # Text files and pages read otherwise than as UTF-8 (a table has said so as it was read).
    warn_not_utf8([r["encoding_note"] for r in records if r.get("encoding_note")])
    return _build_corpus(records, skipped, name, max_words, near_duplicate_threshold)


# ---------------------------------------------------------------- reading inputs


def _records_from_folder(folder: Path, max_file_mb: float) -> tuple[list[dict], list[tuple[str, str]]]:
    files, skipped = article_files(folder, TEXT_SUFFIXES | HTML_SUFFIXES, not_read_in_a_folder)
    if not files:
        why = "".join(f"; {Path(s).name} {r}" for s, r in skipped[:3])
        raise InputError(folder, f"no .txt, .md or .html files in this folder{why}")
    records, paths = [], []
    for path in files:
        record, problem = _record_from_file(path, folder, max_file_mb)
        if problem:
            skipped.append((str(path), problem))
        else:
            records.append(record)
            paths.append(path)
    # "page.html" and "page.txt" (one page saved twice) would share the id "page": they keep their suffixes.
    shared = Counter(record["article_id"] for record in records)
    for record, path in zip(records, paths):
        if shared[record["article_id"]] > 1:
            record["article_id"] = path.relative_to(folder).as_posix()
    return records, skipped


SPREADSHEET_SUFFIXES = {".xlsx", ".xls", ".xlsm", ".ods", ".numbers"}
SPREADSHEET = "a spreadsheet workbook is not a supported format: save it as CSV (UTF-8) and read that"


def not_read_in_a_folder(path: Path) -> str | None:
    """Why a file in a corpus folder that may hold articles is not read with the folder, or None: a table is
    one source of its own (its columns, its ids), and a spreadsheet's workbook is not read at all."""
    if table_suffix(path):
        return "a table inside a folder is not read with its pages: read the table on its own (topics ingest FILE)"
    return SPREADSHEET if path.suffix.lower() in SPREADSHEET_SUFFIXES else None


READ_ON_BYTES = 1 << 20  # a file that grew after its size was taken is read on this much at a time


def _read_up_to(handle, size: int, limit: float) -> bytes:
    """The bytes of an open file whose size was ``size``, at most one past ``limit`` (no bound when it is not finite).

    One read of the size found (never of the limit: that would take the limit's memory for every small file); read
    on, a piece at a time, only where the file grew since."""
    data = handle.read(size + 1)
    if len(data) <= size:
        return data
    pieces, total = [data], len(data)
    while total <= limit:
        piece = handle.read(int(min(READ_ON_BYTES, limit + 1 - total)))
        if not piece:
            break
        pieces.append(piece)
        total += len(piece)
    return b"".join(pieces)


def _limit_bytes(max_file_mb: float) -> float:
    """The limit in whole bytes (1.001 MB is 1,001,000 bytes, not the float 1000999.99...); not finite: no bound."""
    return float(round(max_file_mb * 1e6)) if math.isfinite(max_file_mb) else max_file_mb


def _record_from_file(path: Path, root: Path, max_file_mb: float) -> tuple[dict | None, str | None]:
    # Read from one open descriptor, its size taken there: a file removed, swapped for a pipe or grown since the
    # folder was listed is skipped with its reason, never a traceback, a read without end or one past the limit.
    limit = _limit_bytes(max_file_mb)  # one limit for the size found and the bytes read, so both agree at its edge
    try:
        with open_file(path) as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > limit:
                return None, f"{size / 1e6:.1f} MB is larger than the {max_file_mb:g} MB limit for one article file"
            data = _read_up_to(handle, size, limit)
    except NotAFileError as exc:
        return None, str(exc.strerror)
    except OSError as exc:
        return None, f"could not be read ({why_missing(path) if isinstance(exc, FileNotFoundError) else exc.strerror or exc})"
    if len(data) > limit:
        return None, f"grew past the {max_file_mb:g} MB limit for one article file while it was read"
    article_id = path.relative_to(root).with_suffix("").as_posix() if path != root else path.stem
    if path.suffix.lower() in HTML_SUFFIXES:
        return html_record(path, data, article_id)
    text, encoding_note = decode_text(data)
    if text is None:
        return None, encoding_note
    if not text.strip():
        return None, "empty or whitespace-only file"
    message = read_message(text)  # e-mail, a newsletter, a news post: its header, quotes and signature go
    if message is not None and not message.body.strip():
        return None, ("a mail message with no text of its own (only its header, quoted lines and signature, "
                      "or a body that is not text)")
    read = unescape_markup(message.body if message is not None else text)
    return {
        "article_id": article_id,
        "raw_text": read,
        "markup_read": read != text,
        "title": None,
        "date": None,
        "label": None,
        "source": str(path) + (f" ({encoding_note})" if encoding_note else ""),
        "encoding_note": (str(path), encoding_note) if encoding_note else None,
        "find_header": True,
        "message": message,
    }, None


# ---------------------------------------------------------------- building the corpus


def _repeats(records: list[dict]) -> Repeats:
    """Lines, sentences and templates that stand in several documents: site chrome, not content."""
    for record in records:
        record["blocks"] = split_blocks(record["raw_text"])  # split once, used again by clean_article
    return Repeats.of([record["blocks"] for record in records])


def _build_corpus(records, skipped, name, max_words, near_threshold) -> Corpus:
    name = readable_name(str(name))
    for record in records:  # ids and sources come from file names, which may hold bytes that are not UTF-8
        record["article_id"], record["source"] = readable_name(record["article_id"]), readable_name(record["source"])
    skipped[:] = [(readable_name(source), reason) for source, reason in skipped]
    repeated = _repeats(records)
    articles, paragraphs, dropped, yearless_pages, undated_rows = [], [], [], [], []
    for record in records:
        page = record.get("page")
        cleaned = cleaned_article(record, repeated)
        if cleaned.no_article:
            skipped.append((record["source"], f"no single article: {cleaned.no_article}"))
            continue
        if not cleaned.paragraphs:
            skipped.append((record["source"], "no article text left after removing boilerplate"))
            continue
        article_id = record["article_id"]
        pieces = pieces_of(cleaned, max_words)
        numbers = paragraph_numbers(record, repeated, pieces, max_words)
        # A paragraph that is only reference numbers, codes or dates ("2011-11-S-034", "1314,1198, 1173")
        # stays in the article's text but is no unit of its own (release numbers made a topic), unless
        # it is all the article has.
        codes = {position for position, (_, text) in enumerate(pieces) if is_reference_line(text) or only_codes(text)}
        if len(codes) == len(pieces):
            codes = set()
        for position, (section, text) in enumerate(pieces):
            if position not in codes:
                paragraphs.append((f"{article_id}#p{numbers[position]:03d}", article_id, position, section, text))
        message = record.get("message")
        dropped.extend((article_id, line, reason) for line, reason in [*(message.dropped if message else ()), *cleaned.dropped])
        title, title_source, date, date_source, date_precision = _title_and_date(record, cleaned, page)
        if date_precision == NO_YEAR and record.get("date_precision") == NO_YEAR:  # a table's row: its date cell
            undated_rows.append((article_id, NO_YEAR, record["place"], record["date_written"]))
        elif date_source == "unreadable":  # a table's row whose date cell no reader understands
            undated_rows.append((article_id, date_source, record["place"], record["date_written"]))
        elif date_precision == NO_YEAR:
            yearless_pages.append((article_id, record["source"], yearless_line(record, cleaned, page)))
        articles.append(
            (
                article_id,
                title or _first_words(next(text for position, (_, text) in enumerate(pieces) if position not in codes)),
                date,
                record["label"],
                record["source"],
                "\n\n".join(text for _, text in pieces),
                "trafilatura" if page is not None else "mail text" if message else "page text" if record["find_header"] else "table",
                title_source,
                date_source,
                date_precision,
                page.author if page is not None else None,
                page.site if page is not None else record.get("site"),
                bool(record.get("markup_read")),
            )
        )
    if not articles:
        why = "; ".join(f"{s}: {r}" for s, r in skipped[:5])
        raise InputError(name, f"no usable article found ({why})")

    articles_df = pd.DataFrame(articles, columns=ARTICLE_COLUMNS + EXTRACTION_COLUMNS)
    paragraphs_df = pd.DataFrame(paragraphs, columns=PARAGRAPH_COLUMNS)
    paragraphs_df["position"] = paragraphs_df["position"].astype("int64")

    # Each paragraph is normalised once; an article's normalised text is its paragraphs' joined.
    paragraph_norms = [normalised_text(text) for *_, text in paragraphs]
    by_article: dict[str, list[str]] = {}
    for (_, article_id, *_), norm in zip(paragraphs, paragraph_norms):
        if norm:
            by_article.setdefault(article_id, []).append(norm)
    article_norms = [" ".join(by_article.get(article_id, [])) for article_id in articles_df["article_id"]]
    article_dups = find_duplicates(articles_df["article_id"], articles_df["text"], near_threshold, article_norms)
    dates = dict(zip(articles_df["article_id"], articles_df["date"]))  # before copies go: each keeps its own date
    if len(article_dups):
        gone = set(article_dups["unit_id"])
        kept = ~paragraphs_df["article_id"].isin(gone)
        paragraph_norms = [norm for norm, keep in zip(paragraph_norms, kept.tolist()) if keep]
        articles_df = articles_df[~articles_df["article_id"].isin(gone)].reset_index(drop=True)
        paragraphs_df = paragraphs_df[kept].reset_index(drop=True)
    paragraph_dups = find_duplicates(paragraphs_df["paragraph_id"], paragraphs_df["text"], near_threshold, paragraph_norms)
    if len(paragraph_dups):
        paragraphs_df = paragraphs_df[~paragraphs_df["paragraph_id"].isin(set(paragraph_dups["unit_id"]))]
        paragraphs_df = paragraphs_df.reset_index(drop=True)
        # An article whose every paragraph repeats others is a duplicate article too.
        emptied = ~articles_df["article_id"].isin(set(paragraphs_df["article_id"]))
        if emptied.any():
            first_copy = paragraph_dups.assign(article_id=paragraph_dups["unit_id"].str.rsplit("#", n=1).str[0])
            first_copy = first_copy.drop_duplicates("article_id").set_index("article_id")["duplicate_of"]
            emptied_dups = pd.DataFrame(
                {
                    "unit_id": articles_df.loc[emptied, "article_id"],
                    "duplicate_of": articles_df.loc[emptied, "article_id"].map(first_copy).str.rsplit("#", n=1).str[0],
                    "kind": "all paragraphs repeated",
                    "similarity": 1.0,
                }
            )
            article_dups = pd.concat([article_dups, emptied_dups], ignore_index=True)
            articles_df = articles_df[~emptied].reset_index(drop=True)
    duplicates = pd.concat(
        [article_dups.assign(level="article"), paragraph_dups.assign(level="paragraph")], ignore_index=True
    )[["unit_id", "level", "duplicate_of", "kind", "similarity"]]
    duplicates = with_dates(duplicates, dates)
    corpus = Corpus(
        articles=articles_df,
        paragraphs=paragraphs_df,
        dropped_lines=pd.DataFrame(dropped, columns=["article_id", "line", "reason"]),
        duplicates=duplicates,
        skipped=pd.DataFrame(skipped, columns=["source", "reason"]),
        source=name,
    )
    # A copy folded into one dated otherwise loses its date: said, not silent.
    warn_dated_apart(duplicates, paragraphs=corpus.paragraphs_dated_apart)
    # Said once the duplicates are gone: the warnings name the articles the summary counts.
    kept = set(articles_df["article_id"])
    warn_yearless_pages([(source, line) for article_id, source, line in yearless_pages if article_id in kept])
    for source, what, shown, why in UNDATED_ROW_WARNINGS:
        found = [(place, cell) for article_id, kind, place, cell in undated_rows if article_id in kept and kind == source]
        warn_undated_rows(name, found, len(articles_df), what, shown, why)
    return corpus


def _first_words(text: str, n: int = 12) -> str:
    words = text.split()
    return " ".join(words[:n]) + (" …" if len(words) > n else "")


def _counts(articles: pd.DataFrame, column: str) -> dict[str, int]:
    """How many articles per value of ``column`` (how titles or dates were found)."""
    if column not in articles:
        return {}
    counts = {str(k): int(v) for k, v in articles[column].fillna("none").value_counts().items()}
    counts.setdefault("none", 0)  # say so when every article has one
    return counts


def _title_and_date(record: dict, cleaned, page) -> tuple[str | None, str, str | None, str, str | None]:
    """Title and date with where each came from; "none" when not found (the title then falls back to the
    first words); and the date's precision (a table's as its cell wrote it, a page's date names its day)."""
    found_in = "html metadata" if page is not None else "page header"
    if record["title"]:
        title, title_source = record["title"], "given"
        if is_byline(title):
            title_source = "given (a byline, not a headline)"
    elif (message := record.get("message")) and message.subject:
        title, title_source = message.subject, "mail header"
    elif page is not None and page.title:
        sources = {"headline in the page text": "html page header", OWN_H1_HOW: "html page <h1>"}
        title, title_source = page.title, sources.get(page.title_how, found_in)
    elif cleaned.title:
        title, title_source = cleaned.title, found_in
    else:
        title, title_source = None, "none"
    given_yearless = record.get("date_precision") == NO_YEAR
    if record["date"]:
        date, date_source = record["date"], "given"
    elif page is not None and page.date:
        date, date_source = page.date, f"{found_in}: {page.date_how}" if page.date_how else found_in
    elif cleaned.date and (date := _in_sending_year(cleaned, record.get("message"))):
        # in a message too: a newsletter's article dated in its text is older than the sending
        date_source = f"{found_in}: {cleaned.date_how}"
    elif record.get("message") and record["message"].date:
        date, date_source = record["message"].date, "mail header"
    elif given_yearless and (date := opening_date(record["blocks"])):
        date_source = "dateline in the text (the given date has no year)"  # the fuller date wins
    else:
        yearless = given_yearless or yearless_line(record, cleaned, page)
        date, date_source = None, NO_YEAR if yearless else "unreadable" if record.get("date_unreadable") else "none"
        return title, title_source, None, date_source, NO_YEAR if yearless else None
    precision = (record["date_precision"] if record["date"] and record.get("date_precision") else written_precision(date))
    return title, title_source, date, date_source, precision


def _in_sending_year(cleaned, message) -> str | None:
    """The text's date; in a message, a date line without a year in the year of sending
    (:func:`in_sending_year`), None where it cannot be the item's (the Date header's day is taken)."""
    if not (message and message.date and "without a year" in (cleaned.date_how or "")):
        return cleaned.date
    return in_sending_year(cleaned.date, message.date, printed_weekday(cleaned.date_line))
