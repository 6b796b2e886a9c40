"""Saved search indexes: write and read an ``Index`` folder, and keep one per corpus in the cache.

Owns the index folder format (index.json with the closeness reference, embeddings.npy, units.parquet, lexical/,
article_lexical/, aliases.json, approximate.faiss) and where the cache keeps indexes (asked of :mod:`topics.embedding.cache`).
May import: numpy, pandas, :mod:`topics._atomic`, :mod:`topics.embedding.cache`, :mod:`topics.validate`,
:mod:`topics.ingest.corpus`, :mod:`topics.embedding.embed`, and :mod:`topics.search.index` inside functions.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from topics._atomic import FolderSpec, discard_folder, json_object
from topics.errors import InputError, TopicsError
from topics.validate import check_saved_arrays, check_saved_files, other_version, parse_json, read_file_text, user_path, why_missing

FORMAT_VERSION = 1
# The modules whose code decides what a corpus's units are: a change to them means a new index.


def _is_index(folder: Path) -> bool:
    """A saved index (of any version): its index.json names a model; a user's own index.json does not."""
    return {"format", "model_id", "n_units", "dim"} <= json_object(folder / "index.json").keys()


INDEX_FOLDER = FolderSpec("saved search index", ["index.json", "embeddings.npy", "units.parquet", "lexical", "article_lexical", "aliases.json",
                                                  "approximate.faiss", "approximate.faiss.json"], _is_index)
# The embedding cache's own copy of a corpus's index: replaced whole once the new one is written, whatever its files
# hold (an earlier version wrote one after its record); only a folder in the cache's index folder is saved with it.
CACHED_INDEX_FOLDER = FolderSpec("saved search index", None, _is_index)


def save_index(self, folder: str | Path, spec: FolderSpec = INDEX_FOLDER) -> Path:
    """Write ``self`` (an Index) to ``folder``, replacing an index saved there before (and nothing else); with
    ``CACHED_INDEX_FOLDER``, the cache's own copy whatever it holds (see :func:`save_cached_index`)."""
    from topics.search.params import PARAM_TYPES, plain

    from topics._atomic import atomic_folder, write_json

    folder = user_path(folder)
    with atomic_folder(folder, spec) as staging:
        np.save(staging / "embeddings.npy", np.asarray(self.embeddings), allow_pickle=False)
        units = self.units.copy()
        if self.topic_labels is not None:
            units["__topic__"] = self.topic_labels
        units.to_parquet(staging / "units.parquet", index=False)
        if self._lexical is not None or self._lexical_folder is not None:
            self.lexical.save(staging / "lexical")
        if self._article_lexical is not None or self._article_lexical_folder is not None:
            self.article_lexical.save(staging / "article_lexical")
        if self.aliases:
            write_json(staging / "aliases.json", self.aliases.to_records())
        if self._approximate_index is not None:
            self._approximate_index.save(staging / "approximate.faiss")
        write_json(
            staging / "index.json",
            {
                "format": FORMAT_VERSION,
                "model_id": self.model_id,
                "model": self._model_name,
                "backend": self._backend,
                "n_units": self.n_units,
                "dim": self.dim,
                # A text without a known word may embed as zeros; more such rows on reading are damage.
                "zero_rows": int(np.count_nonzero(np.einsum("ij,ij->i", self.embeddings, self.embeddings) == 0)),
                "params": {name: plain(getattr(self, name)) for name in PARAM_TYPES},
                # What a result's closeness is read against (topics.search.closeness); absent until built.
                **({"closeness_reference": [round(float(c), 5) for c in self._closeness_reference]}
                   if self._closeness_reference is not None else {}),
            },
        )
    self._unsaved.clear()
    return folder


def load_index(cls, folder: str | Path, embedder=None, *, mmap: bool = True):
    """The ``cls`` (Index) saved in ``folder``; every part read is checked."""
    from topics.search.params import PARAM_DEFAULTS

    from topics.search.lexical import READ_FILES as LEXICAL_FILES

    folder = user_path(folder)
    if folder.is_dir():  # the files read, not a stray entry in lexical/ that nothing reads
        read = [*INDEX_FOLDER.names, *(f"{part}/{name}" for part in ("lexical", "article_lexical") for name in LEXICAL_FILES)]
        check_saved_files(folder, read, INDEX_FOLDER.kind, folders=("lexical", "article_lexical"))
    try:
        meta = parse_json(read_file_text(folder / "index.json"))
    except (OSError, ValueError) as exc:
        raise InputError(folder, f"not a saved search index ({exc})") from None
    meta = _check_meta(folder, meta)
    try:
        embeddings = np.load(folder / "embeddings.npy", mmap_mode="r" if mmap else None, allow_pickle=False)
        units = pd.read_parquet(folder / "units.parquet")
    except Exception as exc:  # unreadable files: say which folder, never a raw traceback
        raise InputError(folder, f"cannot read the saved index: {exc}") from None
    if embeddings.shape != (meta["n_units"], meta["dim"]) or len(units) != meta["n_units"] or embeddings.dtype != np.float32:
        raise InputError(folder, f"embeddings {embeddings.shape} / {len(units)} units do not match index.json")
    labels = units.pop("__topic__").to_numpy() if "__topic__" in units else None
    n_zero = check_saved_arrays(folder, units, embeddings, dim=meta["dim"], text_ids=True, zero_rows=True)
    if n_zero != meta.get("zero_rows", n_zero):  # an index saved before the count was kept: not checked
        raise InputError(folder, f"saved embeddings are damaged: {n_zero} rows are all zeros, index.json says {meta['zero_rows']}")
    self = cls.__new__(cls)
    for name, value in {**PARAM_DEFAULTS, **meta["params"]}.items():
        setattr(self, name, value)
    self.aliases = _load_aliases(folder / "aliases.json")
    self.model_id = meta["model_id"]
    self._model_name = meta["model"]
    self._backend = meta.get("backend")
    self._embedder = None
    try:
        self._setup(units, embeddings, labels)
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        raise InputError(folder, f"saved units are damaged ({type(exc).__name__}: {exc})") from None
    self._saved_in = folder
    if "closeness_reference" in meta:  # an index saved before it was kept builds it on its first search
        self._closeness_reference = meta["closeness_reference"]
    if (folder / "lexical").exists():
        self._lexical_folder = folder / "lexical"  # read when a text query first needs it
    if (folder / "article_lexical").exists():
        self._article_lexical_folder = folder / "article_lexical"
    from topics.search.ann import ApproximateIndex, approximate_available

    if (folder / "approximate.faiss").exists() and approximate_available():  # without faiss, search is exact
        try:
            self._approximate_index = ApproximateIndex.load(folder / "approximate.faiss")
        except (ValueError, KeyError, OSError, RuntimeError, TypeError) as exc:
            raise InputError(folder / "approximate.faiss", f"cannot read the approximate index: {exc}") from None
        if self._approximate_index.n_vectors != self.n_units:
            raise InputError(folder / "approximate.faiss", f"holds {self._approximate_index.n_vectors} vectors for {self.n_units} units")
    if embedder is not None:
        self.embedder = embedder
    return self


def _load_aliases(path: Path):
    """The alias table saved with an index (None when there is none); a damaged one raises InputError."""
    from topics.text.alias_mining import AliasTable

    if not path.exists():
        return None
    try:
        records = parse_json(read_file_text(path))
    except (OSError, ValueError) as exc:
        raise InputError(path, f"cannot read the aliases ({exc})") from None
    return AliasTable.from_records(records, path)


def _check_meta(folder: Path, meta) -> dict:
    """index.json with every field of the right type (InputError naming the file otherwise)."""
    from topics.search.params import PARAM_TYPES

    path = folder / "index.json"
    if not isinstance(meta, dict) or meta.get("format") != FORMAT_VERSION:
        found = meta.get("format") if isinstance(meta, dict) else None
        raise InputError(folder / "index.json", other_version("search index", found, FORMAT_VERSION))
    if not all(key in meta for key in ("model_id", "n_units", "dim")):
        raise InputError(folder, "index.json lacks model_id, n_units or dim")
    for key in ("n_units", "dim"):
        if not isinstance(meta[key], int) or isinstance(meta[key], bool) or meta[key] < 1:
            raise InputError(path, f"{key} must be a positive whole number, not {meta[key]!r}")
    zero_rows = meta.get("zero_rows", 0)
    if not isinstance(zero_rows, int) or isinstance(zero_rows, bool) or not 0 <= zero_rows <= meta["n_units"]:
        raise InputError(path, f"zero_rows must be a whole number from 0 to n_units, not {zero_rows!r}")
    for key in ("model_id", "model", "backend"):
        if meta.get(key) is not None and not isinstance(meta[key], str):
            raise InputError(path, f"{key} must be text, not {meta[key]!r}")
    if "closeness_reference" in meta:
        from topics.search.closeness import check_reference

        try:
            meta = {**meta, "closeness_reference": check_reference(meta["closeness_reference"])}
        except (TypeError, ValueError) as exc:
            raise InputError(path, f"closeness_reference is damaged ({exc})") from None
    params = meta.get("params", {})
    if not isinstance(params, dict):
        raise InputError(path, f"params must be an object, not {params!r}")
    for name, value in params.items():
        if name in PARAM_TYPES and not PARAM_TYPES[name](value):
            raise InputError(path, f"parameter {name} has a wrong value {value!r}")
    return {**meta, "params": {k: v for k, v in params.items() if k in PARAM_TYPES}}




# ---------------------------------------------------------------- one index per corpus, in the cache

KEPT_INDEXES = 8  # corpus indexes kept in a cache's indexes/ folder, the most recent


def source_key(source: str | Path, columns: dict | None, embedder) -> str:
    """A key that changes when the corpus files, the table columns read (``columns``: load_corpus's
    ``text_column``, ``id_column``, ...), the ingest code or the model change.

    Built from the names and file-system stamps of the files a corpus folder is read from (not of a
    report or cache inside it), so a re-run finds its saved index without reading (or re-ingesting)
    the corpus. The stamps include the change time, which no copy or ``touch`` can set back: a file
    edited and given its old modification time again still changes the key.
    """
    import topics
    from topics.ingest.corpus import HTML_SUFFIXES, TEXT_SUFFIXES
    from topics.ingest.input_files import article_files

    named = {role: column for role, column in (columns or {}).items() if column is not None}
    digest = hashlib.sha1(f"{embedder.model_id}\x00{json.dumps(named, sort_keys=True)}\x00{topics.__version__}".encode())
    package = Path(topics.__file__).parent
    files = sorted((package / "ingest").glob("*.py"))  # how the corpus is read decides the units
    path = Path(source).resolve()
    if path.is_dir():
        files += article_files(path, TEXT_SUFFIXES | HTML_SUFFIXES)[0]
    elif path.exists():
        files.append(path)
    for file in files:
        stat = file.stat()
        entry = f"{file}\x00{stat.st_size}\x00{stat.st_mtime_ns}\x00{stat.st_ctime_ns}\x00{stat.st_ino}\x01"
        digest.update(entry.encode("utf-8", "surrogateescape"))  # a file name's bytes that are not UTF-8, as they are
    return digest.hexdigest()[:20]


def corpus_index_folder(source: str | Path, embedder, columns: dict | None = None) -> Path:
    """Where :func:`open_or_build` keeps the index of the corpus at ``source``."""
    from topics.embedding.cache import index_folder

    return index_folder(embedder.cache_dir, source_key(source, columns, embedder))


def save_cached_index(index, folder: str | Path, embedder) -> Path:
    """Save ``index`` as the embedding cache's own copy in ``folder`` (checked by :func:`check_cached_index_folder`):
    an index saved there is replaced whole, even where its files differ from what was written, but only once the
    new one is written, so a save that fails (a full disk, an interruption) keeps it."""
    check_cached_index_folder(folder, embedder)
    return save_index(index, folder, CACHED_INDEX_FOLDER)


def check_cached_index_folder(folder: str | Path, embedder) -> None:
    """Raise InputError unless ``folder`` lies in ``embedder``'s cache's index folder (a :func:`corpus_index_folder`):
    a user's folder is replaced only as ``Index.save`` does, never with files of theirs in it."""
    from topics.embedding.cache import index_folder

    folder, indexes = Path(folder), index_folder(embedder.cache_dir, "key").parent
    if folder.resolve().parent != indexes.resolve():
        raise InputError(folder, f"is not a corpus index folder of the embedding cache ({indexes}); "
                                 "only the cache's own copy is replaced whatever it holds")


def open_or_build(cls, source: str | Path, embedder=None, *, columns: dict | None = None, hybrid: bool = True, log=None):
    """See :meth:`topics.search.index.Index.open_or_build`."""
    from topics.ingest.corpus import load_corpus
    from topics.embedding.embed import Embedder

    log = log or _warn
    source = user_path(source)
    if not source.exists():
        raise InputError(source, why_missing(source))
    embedder = embedder if embedder is not None else Embedder()
    folder = corpus_index_folder(source, embedder, columns)
    index = None
    if (folder / "index.json").exists():
        try:
            index = cls.load(folder, embedder)
            index.hybrid = hybrid
            with contextlib.suppress(OSError):
                os.utime(folder)  # used now: the pruning of old indexes keeps it
        except InputError as exc:
            log(f"rebuilding the search index ({exc})")
            index = None
    was_saved = index is not None
    if index is None:
        corpus = load_corpus(source, **(columns or {}))
        index = cls.from_corpus(corpus, embedder, hybrid=hybrid)
    index._kept_in = (folder, was_saved)
    return index


def keep(index, log=None) -> None:
    """Save an index opened by :func:`open_or_build` back to its folder when it was built or changed."""
    log = log or _warn
    folder, was_saved = getattr(index, "_kept_in", (None, False))
    if folder is None:
        raise TopicsError("keep() is for an index from Index.open_or_build; use save(folder) for others")
    if was_saved and not index.unsaved_parts:
        return
    if not was_saved and _is_index(folder):
        # Our cache's copy could not be used (damaged, or of another version): it is replaced, even
        # where its files differ from what was written (which a folder of the user's is not).
        discard_folder(folder)
    try:
        index.save(folder)
    except (OSError, TopicsError) as exc:  # e.g. another run saving the same index: the answers stand, the next run rebuilds
        log(f"warning: search index not saved ({exc})")
        return
    index._kept_in = (folder, True)
    _prune(folder.parent)


def _prune(indexes: Path) -> None:
    """Keep the ``KEPT_INDEXES`` most recently used corpus indexes (a corpus that changed leaves its
    old one behind); only folders that are saved indexes are removed."""
    try:
        saved = sorted((p for p in indexes.iterdir() if p.is_dir() and not p.is_symlink() and _is_index(p)),
                       key=lambda p: p.stat().st_mtime)
    except OSError:
        return
    for stale in saved[:-KEPT_INDEXES]:
        shutil.rmtree(stale, ignore_errors=True)


def _warn(message: str) -> None:
    warnings.warn(message, stacklevel=3)
