"""Finding and opening the user's input files: which files in a folder are articles, how to decode
them, and how to open a compressed table.

Kept apart from :mod:`topics.ingest.corpus` (which turns what is read into articles):
this module decides what is read at all. It never follows a folder that holds
a topics report (a damaged one too), a saved model or index, or an embedding
cache (the report written into the corpus folder must not come back as an
article), refuses such a folder given as the corpus itself, never opens anything
but regular files (a FIFO would block the run forever), and decodes text by its
byte-order mark (UTF-8, UTF-16, UTF-32) before calling anything binary, and a page by
the charset it declares (the WHATWG labels and prescan, as browsers read it).
"""

from __future__ import annotations

import bz2
import codecs
import gzip
import io
import lzma
import os
import re
import stat
from pathlib import Path
from typing import BinaryIO

from topics.errors import InputError
from topics.validate import parse_json, read_file_text

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
_NOT_ASCII = re.compile(rb"[\x80-\xff]")
# Latin-1 read again as Windows-1252: its bytes 0x80-0x9F are letters and punctuation, but for five left as C1 controls.
_WINDOWS_1252_OVER_LATIN_1 = {
    byte: bytes([byte]).decode("cp1252") for byte in range(0x80, 0xA0) if byte not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}
COMPRESSIONS = {".gz": "gzip", ".bz2": "bzip2", ".xz": "xz", ".zst": "zstd"}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# The labels of the WHATWG Encoding Standard (encoding.spec.whatwg.org), grouped under the Python codec
# that decodes them. A page of bytes that declares UTF-16 is UTF-8 there, and "iso-8859-1", "latin1" and
# "ascii" are Windows-1252; its "replacement" labels (ISO-2022-KR, HZ) count as unknown.
_WHATWG_LABELS = {
    "utf-8": "unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8 unicodefffe utf-16be "
             "csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff utf-16 utf-16le",
    "cp1252": "ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 iso8859-1 iso88591 "
              "iso_8859-1 iso_8859-1:1987 l1 latin1 us-ascii windows-1252 x-cp1252 x-user-defined",
    "cp866": "866 cp866 csibm866 ibm866",
    "iso8859_2": "csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2 iso_8859-2:1987 l2 latin2",
    "iso8859_3": "csisolatin3 iso-8859-3 iso-ir-109 iso8859-3 iso88593 iso_8859-3 iso_8859-3:1988 l3 latin3",
    "iso8859_4": "csisolatin4 iso-8859-4 iso-ir-110 iso8859-4 iso88594 iso_8859-4 iso_8859-4:1988 l4 latin4",
    "iso8859_5": "csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5 iso88595 iso_8859-5 iso_8859-5:1988",
    "iso8859_6": "arabic asmo-708 csiso88596e csiso88596i csisolatinarabic ecma-114 iso-8859-6 iso-8859-6-e "
                 "iso-8859-6-i iso-ir-127 iso8859-6 iso88596 iso_8859-6 iso_8859-6:1987",
    "iso8859_7": "csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 iso-ir-126 iso8859-7 iso88597 "
                 "iso_8859-7 iso_8859-7:1987 sun_eu_greek",
    "iso8859_8": "csiso88598e csisolatinhebrew hebrew iso-8859-8 iso-8859-8-e iso-ir-138 iso8859-8 iso88598 "
                 "iso_8859-8 iso_8859-8:1988 visual csiso88598i iso-8859-8-i logical",
    "iso8859_10": "csisolatin6 iso-8859-10 iso-ir-157 iso8859-10 iso885910 l6 latin6",
    "iso8859_13": "iso-8859-13 iso8859-13 iso885913",
    "iso8859_14": "iso-8859-14 iso8859-14 iso885914",
    "iso8859_15": "csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9",
    "iso8859_16": "iso-8859-16",
    "koi8_r": "cskoi8r koi koi8 koi8-r koi8_r",
    "koi8_u": "koi8-ru koi8-u",
    "mac_roman": "csmacintosh mac macintosh x-mac-roman",
    "mac_cyrillic": "x-mac-cyrillic x-mac-ukrainian",
    "cp874": "dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874",
    "cp1250": "cp1250 windows-1250 x-cp1250",
    "cp1251": "cp1251 windows-1251 x-cp1251",
    "cp1253": "cp1253 windows-1253 x-cp1253",
    "cp1254": "cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 iso_8859-9 iso_8859-9:1989 l5 latin5 "
              "windows-1254 x-cp1254",
    "cp1255": "cp1255 windows-1255 x-cp1255",
    "cp1256": "cp1256 windows-1256 x-cp1256",
    "cp1257": "cp1257 windows-1257 x-cp1257",
    "cp1258": "cp1258 windows-1258 x-cp1258",
    "gb18030": "chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk iso-ir-58 x-gbk gb18030",
    "big5hkscs": "big5 big5-hkscs cn-big5 csbig5 x-x-big5",
    "euc_jp": "cseucpkdfmtjapanese euc-jp x-euc-jp",
    "iso2022_jp": "csiso2022jp iso-2022-jp",
    "cp932": "csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis",
    "cp949": "cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987 ks_c_5601-1989 ksc5601 ksc_5601 windows-949",
}
_CODEC_OF_LABEL = {label: codec for codec, labels in _WHATWG_LABELS.items() for label in labels.split()}
# What the WHATWG prescan reads in a page's first 1024 bytes: <meta charset>, <meta http-equiv="Content-Type"
# content="…; charset=…">, then an XML declaration's encoding; comments hide what they hold.
_COMMENT = re.compile(rb"<!--.*?(?:-->|\Z)", re.S)
_META = re.compile(rb"""<meta[\s/]((?:"[^"]*"|'[^']*'|[^"'>])*)""", re.I)
_ATTRIBUTE = re.compile(rb"""([^\s/=>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]*))?""")
_CHARSET_IN_CONTENT = re.compile(rb"""charset\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s;"']+))""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]*?encoding\s*=\s*["']([^"'>]*)["']""")


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
        document = parse_json(read_file_text(folder / "topics.json"))
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


def walk_down(folder: Path, onerror):
    """(folder, its sub-folders, its other entries) from ``folder`` down, as ``os.walk`` gives them top-down
    without following links (a caller may prune the sub-folders in place), but walked with a list, not by
    recursion: before Python 3.12 ``os.walk`` recurses once a level, so a tree over a thousand folders deep
    stopped the reading with a RecursionError."""
    pending = [os.fspath(folder)]
    while pending:
        root = pending.pop()
        try:
            with os.scandir(root) as listing:
                entries = list(listing)
        except OSError as exc:
            onerror(exc)
            continue
        dirs, names = [], []
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            (dirs if is_dir else names).append(entry.name)
        yield root, dirs, names
        for name in reversed(dirs):
            if not os.path.islink(os.path.join(root, name)):
                pending.append(os.path.join(root, name))


def article_files(folder: Path, suffixes: set[str], passed_over=lambda path: None) -> tuple[list[Path], list[tuple[str, str]]]:
    """Article files under ``folder`` (sorted) and (path, reason) of what was passed over.

    Hidden files and folders are left out silently; report and cache folders, entries with an
    article suffix that are not regular files, and files for which ``passed_over`` gives a reason
    (a table, which is read on its own) are listed with a reason.
    ``folder`` itself written by the toolkit (a report, a saved model or index) is an InputError.
    """
    kind = written_by_topics(folder)
    if kind:
        raise InputError(folder, f"is a {kind} folder, not a corpus; give the articles it was made from")
    files: list[Path] = []
    skipped: list[tuple[str, str]] = []
    def unreadable(exc: OSError) -> None:
        skipped.append((str(exc.filename or folder), f"cannot be read ({exc.strerror or exc}); not read"))

    for root, dirs, names in walk_down(folder, onerror=unreadable):
        here = Path(root)
        kept = []
        for name in sorted(dirs):
            if name.startswith("."):
                continue
            if (here / name).is_symlink():  # not followed: a link may point back up, or anywhere
                skipped.append((str(here / name), "a symbolic link to a folder; not followed (give that folder to read it)"))
                continue
            if not os.access(here / name, os.R_OK | os.X_OK):
                skipped.append((str(here / name), "cannot be read (permission denied); not read"))
                continue
            reason = skipped_folder_reason(here / name)
            if reason:
                skipped.append((str(here / name), reason))
            else:
                kept.append(name)
        dirs[:] = kept
        for name in names:
            path = here / name
            if name.startswith("."):
                continue
            if path.suffix.lower() not in suffixes:
                if reason := passed_over(path):
                    skipped.append((str(path), reason))
                continue
            if is_regular_file(path):
                files.append(path)
            else:
                skipped.append((str(path), "not a regular file (a pipe, socket, device or broken link); not read"))
    return sorted(files), skipped


def declared_encoding(data: bytes) -> tuple[str | None, str | None]:
    """(Python codec, label) of the charset a page declares in its first 1024 bytes, found as the WHATWG
    prescan finds it (the first known label wins; one the standard does not know is passed over);
    (None, label) when the only labels are unknown, (None, None) when it declares none."""
    head = _COMMENT.sub(b"", data[:1024])
    labels = []
    for meta in _META.finditer(head):
        attributes: dict[bytes, bytes] = {}
        for name, value in _ATTRIBUTE.findall(meta.group(1)):
            attributes.setdefault(name.lower(), value[1:-1] if value[:1] in (b'"', b"'") else value)
        if b"charset" in attributes:
            labels.append(attributes[b"charset"])
        elif attributes.get(b"http-equiv", b"").lower() == b"content-type":
            if found := _CHARSET_IN_CONTENT.search(attributes.get(b"content", b"")):
                labels.append(b"".join(found.groups(b"")))
    if not labels and (xml := _XML_ENCODING.match(head)):
        labels.append(xml.group(1))
    labels_read = [label.decode("ascii", errors="replace").strip().lower() for label in labels]
    for label in labels_read:
        if label in _CODEC_OF_LABEL:
            return _CODEC_OF_LABEL[label], label
    return None, labels_read[0] if labels_read else None


def byte_order_mark_encoding(data: bytes) -> str | None:
    """The Python codec the byte-order mark ``data`` starts with names, or None without one."""
    return next((encoding for bom, encoding in _BOMS if data.startswith(bom)), None)


def windows_1252(data: bytes) -> str:
    """``data`` read as Windows-1252 as browsers read it (WHATWG): the five bytes the code page leaves
    unassigned (0x81, 0x8D, 0x8F, 0x90, 0x9D) are the C1 controls of the same number, which every output
    shows escaped as it does any control (:mod:`topics.controls`)."""
    return data.decode("latin-1").translate(_WINDOWS_1252_OVER_LATIN_1)


def decode_text(data: bytes, nul_is_binary: bool = True, page: bool = False) -> tuple[str | None, str | None]:
    """(text, note) of a text file's (or table's) bytes; (None, problem) when it is binary (NUL bytes in
    its start, unless they are a few strays in UTF-8 text, :func:`stray_nuls`, or not ``nul_is_binary``: a
    table's). Stray NUL bytes are dropped, and the note says how many; UTF-16 without a byte-order mark is
    told by its NULs (:func:`utf16_without_mark`).

    A byte-order mark decides the encoding (UTF-8, UTF-16, UTF-32); without one, UTF-8. Bytes that are not
    valid UTF-8 are Windows-1252 (what non-UTF-8 scraped news nearly always is: Latin-1's letters are its
    letters), read by :func:`windows_1252`. Text in Windows-1252 holds valid UTF-8 pairs by chance (an
    accented capital or ß before a curly quote, » or a dash) but many more bytes that are not, while a UTF-8
    file with some Windows-1252 pasted in holds more of its own multi-byte sequences than stray bytes. So:
    when the valid multi-byte UTF-8 sequences outnumber the bytes that are not UTF-8, the sequences are kept
    and each other byte is read as Windows-1252; otherwise the whole file is Windows-1252. The note then
    says how it was read, how many bytes, and where the first stands (offset, line).

    A ``page`` (HTML, XML) without a byte-order mark reads in the charset it declares
    (:func:`declared_encoding`), as browsers read it: one that declares Windows-1252 (or Latin-1, ASCII)
    and is not valid UTF-8 is Windows-1252 throughout, without a note; one it declares that no label names
    is noted.
    """
    if encoding := byte_order_mark_encoding(data):
        try:
            return data.decode(encoding), None if encoding == "utf-8-sig" else f"{encoding.upper()} with byte-order mark"
        except UnicodeDecodeError:
            return None, f"starts with a {encoding.upper()} byte-order mark but is not valid {encoding.upper()}"
    if b"\x00" in data[:8192]:
        if (utf16 := utf16_without_mark(data)) is not None:
            return utf16
        if nul_is_binary and not stray_nuls(data):
            return None, "binary file (NUL bytes), not text"
        text, note = decode_text(data.replace(b"\x00", b""), page=page)
        n_nuls = data.count(b"\x00")
        return text, "; ".join(filter(None, [f"{n_nuls} NUL byte{'s' * (n_nuls != 1)} dropped", note]))
    codec, label = declared_encoding(data) if page else (None, None)
    if codec not in (None, "utf-8", "cp1252"):
        return _decoded_as_declared(data, codec, label)
    shown = label if label is None or len(label) <= 40 else label[:40] + "…"  # the page's own text, in a warning
    unknown = f"declares the charset {shown!r}, which is not known: " if codec is None and label and not data.isascii() else ""
    try:
        return data.decode("utf-8"), f"{unknown}read as UTF-8" if unknown else None
    except UnicodeDecodeError as first:
        if codec == "cp1252":
            return windows_1252(data), None  # the page says so itself
        # Each byte that is not UTF-8 comes out as a lone surrogate (U+DC80 + byte).
        escaped = data.decode("utf-8", errors="surrogateescape")
        n_bytes = len(_ESCAPED_BYTE.findall(escaped))
        n_sequences = len(escaped) - len(escaped.encode("ascii", errors="ignore")) - n_bytes
        if n_sequences > n_bytes:  # UTF-8 with some Windows-1252 pasted in
            text = _ESCAPED_BYTE.sub(lambda found: windows_1252(bytes([ord(found.group()) - 0xDC00])), escaped)
            offset, how = first.start, f"{n_bytes} byte{'s' * (n_bytes != 1)} read as Windows-1252"
        else:
            text = windows_1252(data)
            offset = _NOT_ASCII.search(data).start()
            n_bytes = len(_NOT_ASCII.findall(data))
            how = f"read as Windows-1252 throughout, {n_bytes} byte{'s' * (n_bytes != 1)} not ASCII"
        line = data.count(b"\n", 0, offset) + 1
        return text, f"{unknown}not UTF-8: {how}, the first 0x{data[offset]:02X} at byte offset {offset} (line {line})"


BINARY_SAMPLE = 8192  # bytes at the start of a file looked at to tell text from binary
MAX_CONTROL_SHARE = 0.01  # of them NUL or another control: text with a few stray NULs, not a binary format
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
UTF16_NUL_SHARE = 0.3  # of the bytes on one side of each pair: UTF-16 text in a Latin script has a NUL there
# Controls that text does not hold, C1 ones included: 16-bit numbers under 256 read as UTF-16 give them.
_UTF16_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x80-\x9f]")


def stray_nuls(data: bytes) -> bool:
    """Whether the NUL bytes in ``data`` are a few strays in UTF-8 text (a copy that went wrong): under
    MAX_CONTROL_SHARE of its start NUL or another control, and valid UTF-8 without them. A binary file
    (an image, a PDF, an archive) holds many more, and bytes that are no UTF-8."""
    sample = data[:BINARY_SAMPLE]
    if len(_CONTROL_BYTES.findall(sample)) > MAX_CONTROL_SHARE * len(sample):
        return False
    try:
        data.replace(b"\x00", b"").decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def utf16_without_mark(data: bytes) -> tuple[str, str] | None:
    """(text, note) of UTF-16 written without a byte-order mark (as some spreadsheet exports do), told by the
    NUL bytes on one side of each pair of bytes (the high byte of every Latin letter); None when it is not.
    One byte left over at the end (a newline a tool appended in its own encoding) is dropped, and said."""
    sample = data[: BINARY_SAMPLE - BINARY_SAMPLE % 2]
    evens, odds = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if not half or min(evens, odds) > 0.01 * half or max(evens, odds) < UTF16_NUL_SHARE * half:
        return None
    codec = "utf-16-le" if odds > evens else "utf-16-be"
    try:
        text = data[: len(data) - len(data) % 2].decode(codec)
    except UnicodeDecodeError:
        return None
    if len(_UTF16_CONTROLS.findall(text[:BINARY_SAMPLE])) > MAX_CONTROL_SHARE * min(len(text), BINARY_SAMPLE):
        return None  # pairs of bytes, but no text (a binary format of 16-bit numbers)
    return text, f"{codec.upper()} without byte-order mark" + (", its one trailing byte dropped" if len(data) % 2 else "")



def _decoded_as_declared(data: bytes, codec: str, label: str) -> tuple[str, str | None]:
    """A page's text in the charset it declares. Valid UTF-8 that is not ASCII is UTF-8 all the same: a page
    saved again as UTF-8 under its old declaration (text in a legacy charset is not valid UTF-8 by chance)."""
    if not data.isascii():
        try:
            return data.decode("utf-8"), None
        except UnicodeDecodeError:
            pass
    text = data.decode(codec, errors="replace")
    n_bad = text.count("\ufffd")
    return text, (f"{n_bad} byte sequence{'s' * (n_bad != 1)} not valid {label}, shown as U+FFFD" if n_bad else None)


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
