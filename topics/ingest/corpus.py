"""Load articles from files or a DataFrame into a Corpus of articles and paragraphs.

A Corpus is plain tables with stable ids:

- ``articles``: article_id, title, date, label, source, text
- ``paragraphs``: paragraph_id, article_id, position, section, text (a line that is only a reference
  number or a date stays in its article's text but is no paragraph: its position is skipped). The
  id numbers the paragraph as its article's own text splits it (:mod:`topics.ingest.paragraphs`):
  other articles do not renumber it, though a line dropped for repeating across them leaves a gap
- ``dropped_lines``: article_id, line, reason (web chrome removed at ingest)
- ``duplicates``: unit_id, level, duplicate_of, kind, similarity (collapsed units)
- ``skipped``: source, reason (inputs that held no usable article)
"""

from __future__ import annotations

import html
import io
import json
import re
from collections import Counter
import warnings
from dataclasses import dataclass
import datetime
from pathlib import Path

import pandas as pd

from topics.ingest.boilerplate import split_blocks
from topics.ingest.dedupe import find_duplicates, normalised_text
from topics.errors import InputError, TopicsWarning
from topics.ingest.htmlpage import HTML_SUFFIXES, html_record
from topics.ingest.paragraphs import cleaned_article, paragraph_numbers, pieces_of
from topics.ingest.lines import is_reference_line
from topics.ingest.markup import unescape_markup
from topics.ingest.input_files import article_files, compression_of, decode_text, is_regular_file, read_decompressed
from topics.ingest.repeats import Repeats

TEXT_SUFFIXES = {".txt", ".md"}
TABLE_SUFFIXES = {".csv", ".tsv", ".jsonl", ".ndjson", ".json", ".parquet"}
TEXT_COLUMN_GUESSES = ("text", "body", "content", "article", "document")
MAX_WORDS = 160  # ~200 word pieces: under all-MiniLM-L6-v2's 256-token window
MAX_FILE_MB = 20.0  # one article file; larger ones are almost surely not an article

ARTICLE_COLUMNS = ["article_id", "title", "date", "label", "source", "text"]
# How each article's text and metadata were found: extractor ("page text", "trafilatura", "table"),
# title_source / date_source ("given", "page header", "html metadata", … or "none"), author, site,
# markup_read (the text or title held HTML left escaped, read as a reader sees it: ingest.markup).
EXTRACTION_COLUMNS = ["extractor", "title_source", "date_source", "author", "site", "markup_read"]
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
        meta = self.articles[["article_id", "title", "date", "label"]]
        if level == "paragraph":
            units = self.paragraphs.merge(meta, on="article_id", how="left")
            return units.rename(columns={"paragraph_id": "unit_id"}).reset_index(drop=True)
        if level == "article":
            units = self.articles.assign(unit_id=self.articles["article_id"])
            return units[["unit_id", *ARTICLE_COLUMNS]].reset_index(drop=True)
        raise ValueError(f"level must be 'paragraph' or 'article', not {level!r}")

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
            "skipped_inputs": len(self.skipped),
            "markup_read": int(self.articles["markup_read"].sum()) if "markup_read" in self.articles else 0,
            "titles_by_source": _counts(self.articles, "title_source"),
            "dates_by_source": _counts(self.articles, "date_source"),
        }

    def __repr__(self) -> str:
        s = self.summary()
        return (
            f"Corpus({s['articles']} articles, {s['paragraphs']} paragraphs, "
            f"{s['dropped_lines']} boilerplate lines dropped, source={s['source']!r})"
        )

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><th style='text-align:left'>{html.escape(k.replace('_', ' '))}</th>"
            f"<td>{html.escape(str(v))}</td></tr>"
            for k, v in self.summary().items()
        )
        preview = self.articles[["article_id", "title", "date"]].head(10).to_html(index=False, escape=True)
        return f"<div><strong>Corpus</strong><table>{rows}</table>{preview}</div>"


def load_corpus(
    source: str | Path | pd.DataFrame,
    *,
    text_column: str | None = None,
    max_words: int = MAX_WORDS,
    max_file_mb: float = MAX_FILE_MB,
    near_duplicate_threshold: float = 0.9,
) -> Corpus:
    """Load a folder of .txt/.md articles, one such file, a CSV/TSV/JSONL/Parquet table, or a DataFrame.

    Tables need a text column (``text_column``, else the first of text/body/content/article/document);
    id, title, date and label columns are used when present.
    """
    if isinstance(source, pd.DataFrame):
        records, skipped = _records_from_frame(source, "<DataFrame>", text_column, max_file_mb)
        name = "<DataFrame>"
    else:
        path = Path(source)
        name = str(path)
        if not path.exists():
            raise InputError(path, "does not exist")
        if path.is_dir():
            records, skipped = _records_from_folder(path, max_file_mb)
        elif not is_regular_file(path):
            raise InputError(path, "is not a regular file or folder (a pipe, socket or device)")
        elif path.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES:
            record, problem = _record_from_file(path, path.parent, max_file_mb)
            if problem:
                raise InputError(path, problem)
            records, skipped = [record], []
        elif _table_suffix(path):
            frame = _read_table(path)
            records, skipped = _records_from_frame(frame, str(path), text_column, max_file_mb)
        else:
            raise InputError(
                path,
                f"unsupported file type {path.suffix or '(none)'!r}; expected a folder of .txt/.md "
                "files, a .txt/.md file, or a .csv/.tsv/.jsonl/.parquet table",
            )
    if not records:
        why = "; ".join(f"{s}: {r}" for s, r in skipped[:5])
        raise InputError(name, "no usable article found" + (f" ({why})" if why else ""))
    return _build_corpus(records, skipped, name, max_words, near_duplicate_threshold)


# ---------------------------------------------------------------- reading inputs


def _records_from_folder(folder: Path, max_file_mb: float) -> tuple[list[dict], list[tuple[str, str]]]:
    files, skipped = article_files(folder, TEXT_SUFFIXES | HTML_SUFFIXES)
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


def _record_from_file(path: Path, root: Path, max_file_mb: float) -> tuple[dict | None, str | None]:
    size_mb = path.stat().st_size / 1e6
    if size_mb > max_file_mb:
        return None, f"{size_mb:.1f} MB is larger than the {max_file_mb:g} MB limit for one article file"
    data = path.read_bytes()
    article_id = path.relative_to(root).with_suffix("").as_posix() if path != root else path.stem
    if path.suffix.lower() in HTML_SUFFIXES:
        return html_record(path, data, article_id)
    text, encoding_note = decode_text(data)
    if text is None:
        return None, encoding_note
    if not text.strip():
        return None, "empty or whitespace-only file"
    read = unescape_markup(text)
    return {
        "article_id": article_id,
        "raw_text": read,
        "markup_read": read != text,
        "title": None,
        "date": None,
        "label": None,
        "source": str(path) + (f" ({encoding_note})" if encoding_note else ""),
        "find_header": True,
    }, None


def _table_suffix(path: Path) -> str | None:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] in {".gz", ".bz2", ".zst", ".xz"}:
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes and suffixes[-1] in TABLE_SUFFIXES else None


def _read_table(path: Path) -> pd.DataFrame:
    kind = _table_suffix(path)
    if kind == ".parquet" and compression_of(path):
        raise InputError(path, "a compressed Parquet file: Parquet compresses itself; decompress the file first")
    data = None if kind == ".parquet" else read_decompressed(path, kind[1:].upper())
    try:
        if kind == ".csv":
            return pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding_errors="replace")
        if kind == ".tsv":
            return pd.read_csv(io.BytesIO(data), sep="\t", dtype=str, keep_default_na=False, encoding_errors="replace")
        if kind == ".parquet":
            return pd.read_parquet(path)
        return _read_jsonl(path, data)
    except InputError:
        raise
    except (ValueError, OSError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise InputError(path, f"cannot be read as {kind[1:].upper()}: {exc}") from exc


def _read_jsonl(path: Path, data: bytes) -> pd.DataFrame:
    rows = []
    with io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", errors="replace") as handle:
        first = handle.read(1)
        handle.seek(0)
        if first == "[":  # a JSON array rather than JSON lines
            return pd.DataFrame(json.load(handle))
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(path, f"line {number} is not valid JSON ({exc.msg})") from exc
            if not isinstance(row, dict):
                raise InputError(path, f"line {number} is not a JSON object")
            rows.append(row)
    return pd.DataFrame(rows)


def _records_from_frame(frame: pd.DataFrame, name: str, text_column: str | None, max_file_mb: float = MAX_FILE_MB) -> tuple[list[dict], list]:
    columns = {str(c).lower(): c for c in frame.columns}
    if text_column is not None:
        if text_column not in frame.columns:
            raise InputError(name, f"no text column {text_column!r}; columns are: {', '.join(map(str, frame.columns))}")
        text_key = text_column
    else:
        text_key = next((columns[c] for c in TEXT_COLUMN_GUESSES if c in columns), None)
        if text_key is None:
            raise InputError(
                name,
                "no text column found (looked for " + "/".join(TEXT_COLUMN_GUESSES) + "); columns are: "
                + ", ".join(map(str, frame.columns)) + "; name one with text_column / --text-column",
            )
    if frame.empty:
        raise InputError(name, "the table has no rows")
    present = frame[text_key].dropna()
    if len(present) and not present.map(lambda v: isinstance(v, str)).any():
        raise InputError(name, f"the text column {text_key!r} holds {present.dtype} values ({type(present.iloc[0]).__name__}), not text")

    def column(key: str) -> pd.Series | None:
        return frame[columns[key]] if key in columns else None

    ids = column("id")
    ids = ids.astype(str) if ids is not None else pd.Series([f"row-{i:06d}" for i in range(len(frame))])
    if ids.duplicated().any():
        raise InputError(name, f"the id column has repeated values, e.g. {ids[ids.duplicated()].iloc[0]!r}")
    titles, dates, labels = column("title"), column("date"), column("label")
    records, skipped, unreadable = [], [], []
    for i, text in enumerate(frame[text_key].tolist()):
        article_id = ids.iloc[i]
        if not isinstance(text, str) or not text.strip():
            skipped.append((f"{name} row {i} (id {article_id})", "empty text"))
            continue
        if len(text) > max_file_mb * 1e6:  # the same limit as for one article file
            skipped.append((f"{name} row {i} (id {article_id})", f"text of {len(text) / 1e6:.1f} M characters is larger than the {max_file_mb:g} MB limit for one article"))
            continue
        given_date = _clean_cell(dates.iloc[i]) if dates is not None else None
        date = _iso_date(given_date)
        if date is None and given_date is not None:
            unreadable.append((i, given_date))
        read, given_title = unescape_markup(text), _clean_cell(titles.iloc[i]) if titles is not None else None
        title = _unescaped(given_title)
        records.append(
            {
                "article_id": article_id,
                "raw_text": read,
                "markup_read": read != text or title != given_title,
                "title": title,
                "date": date,
                "date_unreadable": date is None and given_date is not None,
                "label": _clean_cell(labels.iloc[i]) if labels is not None else None,
                "source": f"{name} row {i}",
                "find_header": False,
            }
        )
    if unreadable:
        # A date the user gave but no reader understands is not the same as no date: say which.
        examples = ", ".join(f"row {i} {value[:40]!r}" for i, value in unreadable[:3])
        warnings.warn(
            f"{name}: {len(unreadable)} of {len(records)} dates could not be read as dates ({examples}); "
            "those articles count as undated (write dates as YYYY-MM-DD)",
            TopicsWarning,
            stacklevel=2,
        )
    return records, skipped


def _clean_cell(value) -> str | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    value = str(value).strip()
    return value or None


def _unescaped(value: str | None) -> str | None:
    return None if value is None else _clean_cell(unescape_markup(value))


def _iso_date(value) -> str | None:
    value = _clean_cell(value)
    if value is None:
        return None
    parsed = pd.to_datetime(value, errors="coerce")
    if pd.isna(parsed):
        # Some pandas versions read years 1677-2262 only; an ISO date outside them is still a date
        # (checked later). Inside them pandas has spoken: "2021-08-01garbage" is not a date.
        try:
            day = datetime.date.fromisoformat(value[:10])
        except ValueError:
            return None
        return day.isoformat() if not 1677 <= day.year <= 2262 else None
    return parsed.date().isoformat()


# ---------------------------------------------------------------- building the corpus


def _repeats(records: list[dict]) -> Repeats:
    """Lines, sentences and templates that stand in several documents: site chrome, not content."""
    for record in records:
        record["blocks"] = split_blocks(record["raw_text"])  # split once, used again by clean_article
    return Repeats.of([record["blocks"] for record in records])


def _build_corpus(records, skipped, name, max_words, near_threshold) -> Corpus:
    repeated = _repeats(records)
    articles, paragraphs, dropped = [], [], []
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
        # A paragraph that is only a reference number or a date ("2011-11-S-034") stays in the article's
        # text but is no unit of its own (release numbers made a topic), unless it is all the article has.
        codes = {position for position, (_, text) in enumerate(pieces) if is_reference_line(text)}
        if len(codes) == len(pieces):
            codes = set()
        for position, (section, text) in enumerate(pieces):
            if position not in codes:
                paragraphs.append((f"{article_id}#p{numbers[position]:03d}", article_id, position, section, text))
        dropped.extend((article_id, line, reason) for line, reason in cleaned.dropped)
        title, title_source, date, date_source = _title_and_date(record, cleaned, page)
        articles.append(
            (
                article_id,
                title or _first_words(next(text for position, (_, text) in enumerate(pieces) if position not in codes)),
                date,
                record["label"],
                record["source"],
                "\n\n".join(text for _, text in pieces),
                "trafilatura" if page is not None else "page text" if record["find_header"] else "table",
                title_source,
                date_source,
                page.author if page is not None else None,
                page.site if page is not None else None,
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

    return Corpus(
        articles=articles_df,
        paragraphs=paragraphs_df,
        dropped_lines=pd.DataFrame(dropped, columns=["article_id", "line", "reason"]),
        duplicates=duplicates,
        skipped=pd.DataFrame(skipped, columns=["source", "reason"]),
        source=name,
    )


def _first_words(text: str, n: int = 12) -> str:
    words = text.split()
    return " ".join(words[:n]) + (" …" if len(words) > n else "")


BYLINE_TITLE = re.compile(r"^by\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}(?:\s*(?:,|and)\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})*$", re.IGNORECASE)


def _counts(articles: pd.DataFrame, column: str) -> dict[str, int]:
    """How many articles per value of ``column`` (how titles or dates were found)."""
    if column not in articles:
        return {}
    counts = {str(k): int(v) for k, v in articles[column].fillna("none").value_counts().items()}
    counts.setdefault("none", 0)  # say so when every article has one
    return counts


def _title_and_date(record: dict, cleaned, page) -> tuple[str | None, str, str | None, str]:
    """Title and date with where each came from; "none" when not found (the title then falls back to the first words)."""
    found_in = "html metadata" if page is not None else "page header"
    if record["title"]:
        title, title_source = record["title"], "given"
        if BYLINE_TITLE.match(title):
            title_source = "given (a byline, not a headline)"
    elif page is not None and page.title:
        title, title_source = page.title, "html page header" if page.title_how == "headline in the page text" else found_in
    elif cleaned.title:
        title, title_source = cleaned.title, found_in
    else:
        title, title_source = None, "none"
    if record["date"]:
        date, date_source = record["date"], "given"
    elif page is not None and page.date:
        date, date_source = page.date, f"{found_in}: {page.date_how}" if page.date_how else found_in
    elif cleaned.date:
        date, date_source = cleaned.date, f"{found_in}: {cleaned.date_how}"
    else:
        date, date_source = None, "unreadable" if record.get("date_unreadable") else "none"
    return title, title_source, date, date_source
