"""Checks of the arrays every stage takes in (embeddings, saved arrays read back from disk), and
the one row normalisation they all use.

One place, so that the topic model, guided themes, the search index and the
Ray path accept and refuse the same things with the same messages, and a file
that was damaged on disk (NaN vectors, wrong shapes, repeated ids) is caught
when it is read, not when it answers a question wrongly.
"""

from __future__ import annotations

import codecs
import errno
import io
import json
import os
import stat
from pathlib import Path

import numpy as np
import pandas as pd

from topics.errors import InputError
from topics.console import visible
from topics.controls import SHOWS_NOTHING

NORM_TOLERANCE = 1e-3  # saved vectors are L2-normalised float32
# A theme file or a file of queries is small; past this it is not one (and is not read into memory).
SMALL_FILE_BYTES = 64_000_000


def unit_rows(vectors) -> np.ndarray:
    """Each row (or a single vector) scaled to length 1, in its own dtype; an all-zero row stays zero.

    The one row normalisation of the package: every stage computes it the same way, so the
    same input gives bit-identical vectors wherever it is normalised (UMAP reacts to 1e-8).
    """
    vectors = np.asarray(vectors)
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return vectors / np.where(norms == 0, 1, norms)


def check_embeddings(
    embeddings,
    *,
    n_rows: int | None = None,
    dim: int | None = None,
    zero_rows: bool = False,
    normalise: bool = True,
    dtype=np.float32,
    name: str = "embeddings",
) -> np.ndarray:
    """``embeddings`` as a finite 2-D array of ``dtype``, L2-normalised unless ``normalise=False``.

    ``n_rows``: rows expected (one per unit); ``dim``: columns expected (the model's);
    ``zero_rows``: whether all-zero rows are allowed (kept as zeros). Raises InputError naming ``name``.
    """
    try:
        array = np.asarray(embeddings, dtype=np.float64 if normalise else None)
    except (TypeError, ValueError) as exc:
        raise InputError(name, f"not a numeric array: {exc}") from None
    if not np.issubdtype(array.dtype, np.number) or np.issubdtype(array.dtype, np.complexfloating):
        raise InputError(name, f"not a numeric array (dtype {array.dtype})")
    if array.ndim != 2:
        raise InputError(name, f"expected a 2-D array (units x dimensions), got shape {array.shape}")
    if n_rows is not None and len(array) != n_rows:
        raise InputError(name, f"{len(array)} rows, but there are {n_rows} units; they must be row-aligned (one row per unit)")
    if array.shape[1] == 0:
        raise InputError(name, "vectors have no dimensions")
    if dim is not None and array.shape[1] != dim:
        raise InputError(name, f"vectors have {array.shape[1]} dimensions, expected {dim}")
    bad = ~np.isfinite(array).all(axis=1)
    if bad.any():
        raise InputError(name, f"{int(bad.sum())} rows contain NaN or infinity (first: row {int(np.argmax(bad))})")
    norms = np.linalg.norm(array.astype(np.float64, copy=False), axis=1)
    if not zero_rows and (norms == 0).any():
        raise InputError(name, f"{int((norms == 0).sum())} rows are all zeros (first: row {int(np.argmax(norms == 0))})")
    if normalise:
        array = array / np.where(norms == 0, 1, norms)[:, None]
    return np.ascontiguousarray(array, dtype=dtype) if dtype is not None else array


def check_embedder_width(embeddings, embedder, *, load: bool = False, name: str = "embeddings") -> None:
    """InputError naming both widths when the rows of ``embeddings`` are not as wide as ``embedder``'s vectors
    (it must be the model that made them). Its width is read where it is known without loading its model
    (``known_dim``: recorded in its cache), or with ``load`` in any way (``dim``: where the model is used anyway)."""
    width = getattr(embedder, "dim" if load else "known_dim", None) if embedder is not None else None
    width = width() if callable(width) else width
    shape = np.shape(embeddings)
    if isinstance(width, (int, np.integer)) and len(shape) == 2 and shape[1] != width:
        model = getattr(embedder, "model_id", None) or type(embedder).__name__
        raise InputError(name, f"vectors have {shape[1]} dimensions, but the embedder's model {model!r} makes vectors of "
                               f"{width}: give the vectors that model made, or the embedder of the model that made these")


def same_ids(left, right) -> np.ndarray:
    """Element by element, whether two id columns hold the same id, compared as the Python values they are (1 is
    not "1"): pandas compares a text column with one mixing numbers and text through Arrow, which refuses the mix."""
    left, right = np.asarray(left, dtype=object), np.asarray(right, dtype=object)
    return np.fromiter((bool(a == b) for a, b in zip(left, right)), dtype=bool, count=len(left))


def check_unit_ids(units: pd.DataFrame, name: str = "units", column: str = "unit_id") -> None:
    """Unit ids must be present and unique."""
    if column not in units.columns:
        raise InputError(name, f"has no {column!r} column")
    ids = units[column]
    if ids.isna().any():
        raise InputError(name, f"{int(ids.isna().sum())} rows have no {column}")
    repeated = ids.duplicated()
    if repeated.any():
        raise InputError(name, f"{column} values repeat (e.g. {ids[repeated].iloc[0]!r})")


def check_saved_arrays(
    folder: str | Path,
    units: pd.DataFrame,
    embeddings: np.ndarray,
    *,
    dim: int | None = None,
    labels: np.ndarray | None = None,
    coords: np.ndarray | None = None,
    id_columns: tuple[str, ...] = ("unit_id", "article_id"),
    text_ids: bool = False,
    zero_rows: bool = False,
) -> int:
    """Raise InputError naming ``folder`` unless what was read back from it is whole and consistent.

    Embeddings: float32, one row per unit, ``dim`` columns, finite and of unit length
    (``zero_rows``: or all zeros; checked in blocks, so a memory-mapped file is read once without
    a copy); ids: present (``text_ids``: strings) and unique; labels and coordinates: one per unit.
    Returns how many embedding rows are all zeros.
    """
    folder = Path(folder)
    if not isinstance(units, pd.DataFrame):
        raise InputError(folder, "saved units are not a table")
    missing = [c for c in id_columns if c not in units.columns]
    if missing:
        raise InputError(folder, f"saved units lack column(s) {', '.join(missing)}")
    for column in id_columns if text_ids else ():
        if len(units) and pd.api.types.infer_dtype(units[column], skipna=False) != "string":
            raise InputError(folder, f"saved {column} values are not all text")
    try:
        check_unit_ids(units, name=str(folder))
    except InputError as exc:
        raise InputError(folder, f"saved units: {exc.problem}") from None
    if not isinstance(embeddings, np.ndarray) or embeddings.ndim != 2 or embeddings.dtype != np.float32:
        shape = getattr(embeddings, "shape", None)
        raise InputError(folder, f"saved embeddings must be a 2-D float32 array, found {getattr(embeddings, 'dtype', type(embeddings).__name__)} {shape}")
    if len(embeddings) != len(units):
        raise InputError(folder, f"{len(embeddings)} saved embeddings for {len(units)} units")
    if dim is not None and embeddings.shape[1] != dim:
        raise InputError(folder, f"saved embeddings have {embeddings.shape[1]} dimensions, the index says {dim}")
    block = max(1, 4_000_000 // max(embeddings.shape[1], 1))
    n_zero = 0
    for start in range(0, len(embeddings), block):
        rows = np.asarray(embeddings[start:start + block])
        norms = np.sqrt(np.einsum("ij,ij->i", rows, rows))
        n_zero += int((norms == 0).sum())
        bad = ~((np.abs(norms - 1.0) <= NORM_TOLERANCE) | (zero_rows & (norms == 0)))  # NaN and infinity fail
        if bad.any():
            row = start + int(np.argmax(bad))
            what = "NaN or infinite values" if not np.isfinite(norms[bad]).all() else "a length other than 1"
            raise InputError(folder, f"saved embeddings are damaged: {int(bad.sum())}+ rows with {what} (first: row {row})")
    for array, what in ((labels, "labels"), (coords, "map coordinates")):
        if array is not None and len(array) != len(units):
            raise InputError(folder, f"{len(array)} saved {what} for {len(units)} units")
    # Topic ids are whole numbers from -1 (outliers) up; a map point is two finite numbers.
    if labels is not None and np.asarray(labels).dtype.kind not in "iu":
        raise InputError(folder, f"saved labels are damaged: expected topic ids (whole numbers from -1), found {np.asarray(labels).dtype} values")
    if labels is not None and len(labels) and np.min(labels) < -1:
        raise InputError(folder, f"saved labels are damaged: expected topic ids (whole numbers from -1), found {int(np.min(labels))}")
    if coords is not None:
        coords = np.asarray(coords)
        if coords.ndim != 2 or coords.shape[1] != 2 or coords.dtype.kind != "f" or not np.isfinite(coords).all():
            raise InputError(folder, "saved map coordinates are damaged: expected two finite numbers per unit")
    return n_zero


def check_units(units, *, name: str = "units", what: str = "units") -> pd.DataFrame:
    """``units`` (a DataFrame from ``corpus.units(level)``, or a list, 1-D array or Series of texts) as a fresh
    DataFrame with a 0..n-1 index, text as strings, unique ``unit_id`` and ``article_id``
    (each unit its own article when absent) and ``title``/``date`` columns (None when absent)."""
    listed = isinstance(units, (list, tuple)) or (isinstance(units, np.ndarray) and units.ndim == 1)
    other = next((i for i, unit in enumerate(units) if not isinstance(unit, str)), None) if listed else None
    if other is not None:
        raise InputError(name, f"expected a list of texts, but item {other} is {type(units[other]).__name__}, not a text")
    if listed or isinstance(units, pd.Series):
        texts = list(units)  # checked as a text column is, below: a missing text is empty, never "nan"
        units = pd.DataFrame({"unit_id": [str(i) for i in range(len(texts))], "text": pd.Series(texts, dtype=object)})
    if not isinstance(units, pd.DataFrame):
        raise InputError(name, f"expected a DataFrame from corpus.units(level) or a list of texts, got {type(units).__name__}")
    if "text" not in units.columns:
        raise InputError(name, "has no 'text' column")
    if len(units) == 0:
        raise InputError(name, f"no {what}")
    units = units.reset_index(drop=True).copy()
    if "unit_id" not in units.columns:
        units["unit_id"] = [str(i) for i in range(len(units))]
    if "article_id" not in units.columns:
        units["article_id"] = units["unit_id"]
    for column in ("title", "date"):
        if column not in units.columns:
            units[column] = None
    check_unit_ids(units, name=name)
    # A missing text is an empty unit; a number, a list or bytes is no text (it would be clustered as "0" or "['a']").
    missing = units["text"].map(_missing).to_numpy(dtype=bool)
    other = ~missing & ~units["text"].map(lambda v: isinstance(v, str)).to_numpy(dtype=bool)
    if other.any():
        first = int(other.argmax())
        raise InputError(name, f"text must be strings: {int(other.sum())} rows hold other values (first: row {first}, "
                               f"{type(units['text'].iloc[first]).__name__})")
    units["text"] = units["text"].where(~missing, "").astype(str)
    return units


def _missing(value) -> bool:
    """None, NaN or pandas' NA: no value (not a list or an array, which are values)."""
    return value is None or value is pd.NA or (isinstance(value, (float, np.floating)) and bool(np.isnan(value)))


def shows_nothing(text: str) -> bool:
    """Whether ``text`` holds no visible character (only whitespace, controls, zero-width or bidi marks)."""
    return not SHOWS_NOTHING.sub("", text).strip()


def check_count(value, name: str, *, minimum: int = 0) -> int:
    """``value`` as a whole number of at least ``minimum`` (a count of 0 asks for nothing: an empty
    answer); InputError naming ``name`` otherwise. A bool or a float is no count, and a negative one
    would slice silently ("all but the last")."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < minimum:
        what = {0: "a whole number, 0 or more", 1: "a positive whole number"}.get(minimum, f"a whole number, at least {minimum}")
        raise InputError(name, f"must be {what}, not {value!r}")
    return int(value)


def check_query_text(query: str, name: str = "query") -> str:
    """``query`` without its surrounding whitespace; InputError when nothing visible is left (a
    query of zero-width or bidi marks alone would be answered as if it said something)."""
    text = query.strip()
    if shows_nothing(text):
        raise InputError(name, "is empty: give a text, an article id or a paragraph id")
    return text


def why_missing(path: Path) -> str:
    """Why ``path`` cannot be read although it was named: it does not exist, or it is a symbolic link that
    leads nowhere (dangling, or a loop of links), which ``Path.exists`` also reports as missing."""
    import errno

    if not os.path.islink(path):
        return "does not exist"
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "is a loop of symbolic links"
    return f"is a symbolic link to {visible(os.readlink(path))}, which does not exist"  # the target on one line, inert


def not_a_file(path: Path) -> str | None:
    """Why the entry at ``path``, where a file is to be read, is not one: a folder, a pipe, socket or device
    (reading a FIFO blocks for ever, /dev/zero never ends: in a saved folder or a cache they hang the run, not
    fail it) or a symbolic link that leads nowhere. None where it is a regular file (or a link to one) or where
    nothing is there (the caller says what is missing, in its own words)."""
    if not os.path.lexists(path):
        return None
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return why_missing(path)
    if stat.S_ISREG(mode):
        return None
    return "is a folder, not a file" if stat.S_ISDIR(mode) else "is a pipe, socket or device, not a file"


class NotAFileError(OSError):
    """A pipe, socket, device or folder where a file is read (an OSError: read as any file that cannot be read)."""

    def __str__(self) -> str:  # "PATH is a folder, not a file": the path and what it is, no errno in the user's words
        # The path on one line and inert (a newline or ESC in it escaped), as InputError shows its source.
        return f"{visible(str(self.filename))} {self.strerror}" if self.filename is not None else str(self.strerror)


class BrokenLinkError(NotAFileError, FileNotFoundError):
    """A symbolic link that leads nowhere (dangling, or a loop) where a file is read. A FileNotFoundError too, so a
    reader that takes a missing file as "none yet" still does; one that catches NotAFileError first names the link."""


def _refuse_unless_regular(path, mode: int) -> None:
    if not stat.S_ISREG(mode):
        problem = "is a folder, not a file" if stat.S_ISDIR(mode) else "is a pipe, socket or device, not a file"
        raise NotAFileError(errno.EISDIR if stat.S_ISDIR(mode) else errno.ENODEV, problem, str(path))


def open_file(path: str | os.PathLike, mode: str = "rb", encoding: str | None = None):
    """``path`` opened for reading ("rb" or "r"), an OSError naming it (NotAFileError) where it is not a regular file:
    opened without blocking (a FIFO with no writer opens at once) and checked on the open descriptor, so a pipe or
    device put there before or after any earlier check is never read (a read from it blocks for ever or never ends)."""
    if mode not in ("rb", "r"):
        raise ValueError(f"open_file reads: mode 'rb' or 'r', not {mode!r}")
    non_blocking = getattr(os, "O_NONBLOCK", 0)  # none on Windows, which has no FIFO to block on
    # O_BINARY (Windows): the bytes as they are, line ends translated only by the text layer, as open() reads them.
    flags = os.O_RDONLY | non_blocking | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ELOOP) and os.path.islink(path):  # not "missing": a link to nowhere, named
            raise BrokenLinkError(errno.ENOENT, why_missing(Path(path)), str(path)) from None
        if exc.errno in (errno.ENXIO, errno.EOPNOTSUPP):  # a socket cannot be opened at all: named as what it is
            try:
                kind = os.stat(path).st_mode
            except OSError:
                raise exc from None
            _refuse_unless_regular(path, kind)
        raise
    try:
        _refuse_unless_regular(path, os.fstat(descriptor).st_mode)
        if non_blocking:
            os.set_blocking(descriptor, True)
        raw = io.FileIO(descriptor, "r")  # owns the descriptor from here: it closes it, once
    except BaseException:
        os.close(descriptor)
        raise
    try:
        buffered = io.BufferedReader(raw)
        return buffered if mode == "rb" else io.TextIOWrapper(buffered, encoding=encoding)
    except BaseException:  # an unknown encoding: the file closed once, the LookupError told
        raw.close()
        raise


def read_file_text(path: str | os.PathLike) -> str:
    """The UTF-8 text of the file ``path``, as ``Path.read_text`` reads it; NotAFileError where it is no regular file."""
    with open_file(path, "r", encoding="utf-8") as handle:
        return handle.read()


def check_saved_files(folder: Path, names, kind: str, folders=()) -> None:
    """InputError naming the first of ``names`` in ``folder`` (a saved model, index or report: ``kind``) that is there
    but is a folder, a pipe, socket, device or a link to nowhere, before anything is read: read, they hang or mislead
    ("missing"; an empty folder read as a Parquet table of no rows). ``names`` are the files read
    ("lexical/params.index.json" for one in a folder), ``folders`` those of them that are folders: any other entry,
    never read, is left alone."""
    for name in sorted(names):
        path = folder / name
        problem = not_a_file(path)
        if problem and not (name in folders and path.is_dir()):
            raise InputError(path, f"{problem}: a {kind} holds files here")


def user_path(path: str | os.PathLike) -> Path:
    """A path the user gives (a file or folder to read or write), ``~`` read as their home folder, as a shell would."""
    return Path(path).expanduser()


def readable_name(name: str) -> str:
    """A file name as text any output takes: bytes the file system holds that are not UTF-8 (a Latin-1 name
    from an old archive) shown as \\xe9 escapes. Python keeps them as lone surrogates, which no UTF-8
    writer (a table, JSON, the terminal) accepts."""
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate from elsewhere than a file name
        return name.encode("utf-8", "backslashreplace").decode("utf-8")


def parse_json(text, **options):
    """``json.loads``; a document nested deeper than Python's recursion allows (thousands of brackets: damage,
    or hostile text) fails as other bad JSON does, with a JSONDecodeError, not a RecursionError traceback."""
    try:
        return json.loads(text, **options)
    except RecursionError:
        raise json.JSONDecodeError("nested too deeply", text if isinstance(text, str) else "", 0) from None


# Byte order marks, UTF-32's first: UTF-32-LE's opens with UTF-16-LE's (FF FE), so a UTF-32 file read as UTF-16 is garbage.
_BYTE_ORDER_MARKS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                     (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"), (codecs.BOM_UTF8, "utf-8"))


def small_file_text(data: bytes) -> str:
    """A small file's text: UTF-8 (an editor's byte order mark dropped), or UTF-16 or UTF-32 where the file opens with
    its byte order mark (as Windows PowerShell's ``>`` and Notepad save UTF-16); else a UnicodeDecodeError, which
    :func:`not_text_reason` words. Text holding a NUL character is refused too: no text file holds one (a UTF-16 file
    without its mark read as UTF-8 would)."""
    start, encoding = next(((len(bom), name) for bom, name in _BYTE_ORDER_MARKS if data.startswith(bom)), (0, "utf-8"))
    try:
        text = data[start:].decode(encoding)
    except UnicodeDecodeError as exc:  # where in the file, the mark counted
        raise UnicodeDecodeError(encoding, data, start + exc.start, start + exc.end, exc.reason) from None
    nul = text.find("\x00")
    if nul >= 0:
        at = start + len(text[:nul].encode(encoding))
        raise UnicodeDecodeError(encoding, data, at, at + 1, "a NUL character")
    return text


def not_text_reason(exc: UnicodeDecodeError) -> str:
    """Why :func:`small_file_text` refused a file, in the words of the encoding it was read in ("not UTF-16 text ...")."""
    name = exc.encoding.upper().removesuffix("-LE").removesuffix("-BE")
    if exc.reason == "a NUL character":
        return f"holds a NUL character at byte {exc.start}: not a text file"
    return f"not {name} text (byte {exc.start})"


def read_small_file(path: Path, what: str, limit: int = SMALL_FILE_BYTES) -> bytes:
    """The bytes of ``path``, a file the user names (a theme file, a file of queries): InputError
    naming it when it is a pipe, socket or device (reading /dev/zero or a FIFO would never end) or
    larger than ``limit``. Whether it exists and is not a folder, the caller says in its own words."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise InputError(path, f"is not a regular file (a pipe, socket or device); give {what} as a file")
        if info.st_size > limit:
            raise InputError(path, f"{info.st_size:,} bytes is too large for {what} (at most {limit:,})")
        return path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read {what}: {exc.strerror or exc}") from None


def other_version(what: str, found, reads: int) -> str:
    """Why a saved file whose format version is ``found`` is not read by this version (which reads ``reads``): a
    later version number is a newer version's file, said as such (the user has two versions, not a damaged file)."""
    if isinstance(found, int) and not isinstance(found, bool) and found > reads:
        return (f"written by a newer version of topics ({what} version {found}; this version reads {reads}): "
                "read it with that version, or upgrade topics")
    return f"not a {what} version {reads} file (version {found!r})"


def check_named_sizes(values, source: str | Path, names) -> list[int | None]:
    """The saved sizes at which topics or subtopics (``names``: "topic 3", ...) were last named: each a
    whole number of units, at least 1, or missing (None: saved before the size was kept; the earlier
    size stands in). InputError naming ``source`` for anything else: an update would compare with it."""
    checked = []
    for value, name in zip(values, names):
        if value is None or (isinstance(value, (float, np.floating)) and np.isnan(value)):
            checked.append(None)
            continue
        number = isinstance(value, (int, np.integer, float, np.floating)) and not isinstance(value, (bool, np.bool_))
        if not number or not float(value).is_integer() or value < 1:
            raise InputError(source, f"{name}: named_size must be a whole number of units, at least 1, not {value!r}")
        checked.append(int(value))
    return checked


def check_grown_marks(values, source: str | Path, names) -> list[bool]:
    """The saved marks of whether subtopics (``names``: "topic 3, subtopic 1", ...) grew from a burst: each a
    boolean, or missing (None or NaN: saved before the mark was kept, read as True so that an update tests it
    as then). InputError naming ``source`` for anything else: the text "false" would read as true."""
    checked = []
    for value, name in zip(values, names):
        if value is None or (isinstance(value, (float, np.floating)) and np.isnan(value)):
            checked.append(True)
        elif isinstance(value, (bool, np.bool_)):
            checked.append(bool(value))
        else:
            raise InputError(source, f"{name}: grown_from_burst must be true, false or null, not {repr(value)[:40]}")
    return checked


def check_terms(terms, source: str | Path) -> list[str]:
    """A saved vocabulary: a list of distinct strings, one per column of the arrays beside it.
    InputError naming ``source`` otherwise (a repeated term would fail later, in the vectoriser)."""
    if not (isinstance(terms, list) and all(isinstance(t, str) for t in terms)):
        raise InputError(source, "must be a JSON list of terms")
    seen: set[str] = set()
    for term in terms:
        if term in seen:
            raise InputError(source, f"terms repeat (e.g. {term!r})")
        seen.add(term)
    return terms
