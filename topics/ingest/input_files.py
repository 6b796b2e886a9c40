"""Finding and opening the user's input files: which files in a folder are articles, how to decode
them, and how to open a compressed table.

Kept apart from :mod:`topics.ingest.corpus` (which turns what is read into articles):
this module decides what is read at all. It never follows a folder that holds
a topics report (a damaged one too), a saved model or index, or an embedding
cache (the report written into the corpus folder must not come back as an
article), refuses such a folder given as the corpus itself, never opens anything
but regular files (a FIFO would block the run forever), and decodes text by its
byte-order mark (UTF-8, UTF-16, UTF-32) before calling anything binary.
"""

from __future__ import annotations

import bz2
import codecs
import gzip
import io
import json
import lzma
import os
import re
import stat
from pathlib import Path
from typing import BinaryIO

from topics.errors import InputError

REPORT_SCHEMA = "topics-report"  # the "schema" of a report's topics.json (see topics.report.tables)
# How the files of a report begin (topics.report): a report whose topics.json is missing or damaged is
# still known by two of them. The page alone would not do: a user's index.html is an article.
REPORT_STARTS = {
    "topics.json": f'"schema": "{REPORT_SCHEMA}"'.encode(),
    "index.html": b'<meta name="generator" content="topics ',
    "report.md": b"# Topics in ",
    "topics.csv": b"topic_id,label,size,share,keywords",
    "assignments.csv": b"unit_id,article_id,date,topic_id,topic_label",
}
# The files a saved topic model and a saved search index always hold (topics.modeling.persist, topics.search.store).
SAVED_FILES = {
    "saved topic model": ("model.json", "units.parquet", "labels.npy"),
    "saved search index": ("index.json", "embeddings.npy", "units.parquet"),
}
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")  # a byte that was not UTF-8, as surrogateescape keeps it
COMPRESSIONS = {".gz": "gzip", ".bz2": "bzip2", ".xz": "xz", ".zst": "zstd"}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def is_regular_file(path: Path) -> bool:
    """A regular file (a symbolic link to one counts); not a FIFO, socket or device."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def written_by_topics(folder: Path) -> str | None:
    """What ``folder`` is when the toolkit wrote it ("topics report", "damaged topics report",
    "saved topic model", "saved search index"), else None."""
    try:
        document = json.loads((folder / "topics.json").read_text(encoding="utf-8"))
        if isinstance(document, dict) and document.get("schema") == REPORT_SCHEMA:
            return "topics report"
    except (OSError, ValueError):
        pass
    if sum(_starts_with(folder / name, start) for name, start in REPORT_STARTS.items()) >= 2:
        return "damaged topics report"
    for kind, names in SAVED_FILES.items():
        if all(is_regular_file(folder / name) for name in names):
            return kind
    return None


def _starts_with(path: Path, start: bytes) -> bool:
    """Whether the file's first 4 KB hold ``start`` (at the very start for a table or Markdown)."""
    if not is_regular_file(path):
        return False
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return start in head if path.suffix in (".html", ".json") else head.startswith(start)


def skipped_folder_reason(folder: Path) -> str | None:
    """Why ``folder`` is not read as part of a corpus, or None to read it."""
    kind = written_by_topics(folder)
    if kind:
        return f"holds a {kind} (its files are not articles)"
    if (folder / "embeddings").is_dir() and any((folder / "embeddings").glob("*/meta.json")):
        return "holds a topics embedding cache"
    if folder.name == "cache" and any((folder / name).is_dir() for name in ("embeddings", "indexes", "models")):
        return "is named like a topics cache"
    return None


def article_files(folder: Path, suffixes: set[str]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Article files under ``folder`` (sorted) and (path, reason) of what was passed over.

    Hidden files and folders are left out silently; report and cache folders, and
    entries with an article suffix that are not regular files, are listed with a reason.
    ``folder`` itself written by the toolkit (a report, a saved model or index) is an InputError.
    """
    kind = written_by_topics(folder)
    if kind:
        raise InputError(folder, f"is a {kind} folder, not a corpus; give the articles it was made from")
    files: list[Path] = []
    skipped: list[tuple[str, str]] = []
    for root, dirs, names in os.walk(folder, followlinks=False):
        here = Path(root)
        kept = []
        for name in sorted(dirs):
            if name.startswith("."):
                continue
            reason = skipped_folder_reason(here / name)
            if reason:
                skipped.append((str(here / name), reason))
            else:
                kept.append(name)
        dirs[:] = kept
        for name in names:
            path = here / name
            if name.startswith(".") or path.suffix.lower() not in suffixes:
                continue
            if is_regular_file(path):
                files.append(path)
            else:
                skipped.append((str(path), "not a regular file (a pipe, socket, device or broken link); not read"))
    return sorted(files), skipped


def decode_text(data: bytes, nul_is_binary: bool = True) -> tuple[str | None, str | None]:
    """(text, note) of a text file's (or table's) bytes; (None, problem) when it is binary (NUL bytes in
    its start, unless not ``nul_is_binary``: a table's cell may hold one, shown escaped like any control).

    A byte-order mark decides the encoding (UTF-8, UTF-16, UTF-32); without one, UTF-8, and each byte
    that is not UTF-8 is read as Windows-1252 (what non-UTF-8 scraped news nearly always is: Latin-1's
    letters are its letters), so a file of either, or one that mixes them, reads as written. The note
    then says how many bytes were read so and where the first stands (offset, line).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), None if encoding == "utf-8-sig" else f"{encoding.upper()} with byte-order mark"
            except UnicodeDecodeError:
                return None, f"starts with a {encoding.upper()} byte-order mark but is not valid {encoding.upper()}"
    if nul_is_binary and b"\x00" in data[:8192]:
        return None, "binary file (NUL bytes), not text"
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as first:
        # Each byte that is not UTF-8 comes out as a lone surrogate (U+DC80 + byte), read again as Windows-1252.
        escaped = data.decode("utf-8", errors="surrogateescape")
        n_bytes = len(_ESCAPED_BYTE.findall(escaped))
        text = _ESCAPED_BYTE.sub(lambda found: bytes([ord(found.group()) - 0xDC00]).decode("cp1252", errors="replace"), escaped)
        offset = first.start
        line = data.count(b"\n", 0, offset) + 1
        return text, (f"not UTF-8: {n_bytes} byte{'s' * (n_bytes != 1)} read as Windows-1252, the first 0x{data[offset]:02X} "
                      f"at byte offset {offset} (line {line})")


def warn_not_utf8(decoded: list[tuple[str, str]], shown: int = 3) -> None:
    """One warning for the inputs (file, note of :func:`decode_text`) not read as UTF-8 throughout."""
    if not decoded:
        return
    import warnings

    from topics.errors import TopicsWarning

    named = "; ".join(f"{source}: {note}" for source, note in decoded[:shown]) + ("; …" if len(decoded) > shown else "")
    many = f"{len(decoded)} files are not UTF-8 throughout: " if len(decoded) > 1 else ""
    warnings.warn(f"{many}{named} (check that they read as written, or save them as UTF-8)", TopicsWarning, stacklevel=3)


def compression_of(path: Path) -> str | None:
    return COMPRESSIONS.get(path.suffix.lower())


def open_binary(path: Path) -> BinaryIO:
    """``path`` opened for reading, decompressed by its suffix (.gz, .bz2, .xz, .zst)."""
    if not is_regular_file(path):
        raise InputError(path, "is not a regular file (a pipe, socket or device); give a file")
    kind = compression_of(path)
    if kind == "gzip":
        return gzip.open(path, "rb")
    if kind == "bzip2":
        return bz2.open(path, "rb")
    if kind == "xz":
        return lzma.open(path, "rb")
    if kind == "zstd":
        try:
            import zstandard
        except ImportError:
            raise InputError(path, "is zstd-compressed: decompress it first (zstd -d) or pip install zstandard") from None
        return io.BufferedReader(zstandard.ZstdDecompressor().stream_reader(open(path, "rb"), closefd=True))
    return open(path, "rb")


def read_decompressed(path: Path, what: str) -> bytes:
    """All bytes of ``path`` after decompression; a damaged archive is an InputError naming it."""
    try:
        with open_binary(path) as handle:
            return handle.read()
    except InputError:
        raise
    except Exception as exc:  # each decompressor has its own error types; all mean a damaged file
        raise InputError(path, f"cannot be decompressed as {compression_of(path) or what}: {exc}") from None
