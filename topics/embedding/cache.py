"""A persistent embedding cache: Parquet shards keyed by (model id, text hash).

Layout, one folder per model::

    <cache_dir>/embeddings/<model slug>/meta.json        {"format": 1, "model_id": ..., "dim": ...}
    <cache_dir>/embeddings/<model slug>/shard-*.parquet  columns text_hash (string), embedding (list<float32>)
    <cache_dir>/indexes/<corpus key>/                    saved search indexes (topics.search.store)
    <cache_dir>/fits/<fit key>/                          fitted topic models (topics.modeling.fitcache)
    <cache_dir>/models/                                  derived models, only when the per-user model folder
                                                         (topics.embedding.onnx_backend) cannot be written

Only this module knows the layout: other modules ask for a folder with the functions below.

A lookup reads each shard's hash column, then only the row groups (``ROW_GROUP_ROWS`` rows each)
that hold the texts asked for: a run costs what its own corpus costs, not what every corpus embedded
before it left in the cache (a whole 125,000-vector cache was read to look up 800 texts). A shard
written before row groups (one group, read whole) is merged into one in row groups by the next write.

Each write adds one shard, written to a temporary file and renamed, so a crash
never leaves a partial shard (and the next write removes the temporary file of a killed writer). Both engines write as they go (the local one at
least every 30 s of embedding and on Ctrl-C, the distributed one every batch),
so an interrupted run keeps what it finished. Merging many shards into one writes the
merged shard before it removes theirs; a reader that finds a shard gone (merged
by another process meanwhile) lists the folder again and reads the merged one.
A shard that cannot be read or does not match the model's dimension is moved
aside (``rejected/``) and its texts are embedded again; it is never trusted.
"""

from __future__ import annotations

import hashlib
import os
import re
import uuid
import warnings
from pathlib import Path

import numpy as np

from topics._atomic import atomic_path, clean_stale_files, write_json
from topics.errors import InputError, TopicsWarning
from topics.validate import not_a_file, open_file, parse_json, read_file_text, user_path

FORMAT_VERSION = 1
MAX_SHARDS = 32  # past this, shards are merged into one on the next write
ROW_GROUP_ROWS = 4_096  # vectors per Parquet row group (6 MB at 384 dimensions): the unit a lookup reads
UNIT_TOLERANCE = 1e-3  # how far from 1 a stored vector's length may be (float32 rounding is ~1e-7)


def text_hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def model_slug(model_id: str) -> str:
    readable = re.sub(r"[^A-Za-z0-9._-]+", "_", model_id)[-60:].strip("_")
    return f"{readable}-{hashlib.sha1(model_id.encode()).hexdigest()[:8]}"


def embeddings_folder(cache_dir: str | Path, model_id: str) -> Path:
    """The folder of one model's embedding shards."""
    return Path(cache_dir) / "embeddings" / model_slug(model_id)


def embeddings_meta_path(cache_dir: str | Path, model_id: str) -> Path:
    """The file recording one model's id and dimension in the cache."""
    return embeddings_folder(cache_dir, model_id) / "meta.json"


def newer_format(meta_path: Path):
    """The format of ``meta_path`` (a cache's meta.json) where a newer version of topics wrote it, else None: such a
    cache is left as it is, so nothing embedded in this run can be kept in it. Read without the model."""
    try:
        meta = parse_json(meta_text(Path(meta_path)))
    except (OSError, ValueError):
        return None
    return meta["format"] if _unknown_format(meta) else None


def meta_text(meta_path: Path) -> str:
    """meta.json's text; an OSError (read as unreadable) where it is a pipe or device, whose read would hang."""
    return read_file_text(meta_path)


def index_folder(cache_dir: str | Path, key: str) -> Path:
    """Where the search index of one corpus (``key``: its files, ingest code and model) is kept."""
    return Path(cache_dir) / "indexes" / key


def models_folder(cache_dir: str | Path) -> Path:
    """Where derived models (the ONNX export, the static table) go when the per-user model folder
    cannot be written."""
    return Path(cache_dir) / "models"


def fits_folder(cache_dir: str | Path) -> Path:
    """The folder of cached topic-model fits."""
    return Path(cache_dir) / "fits"


def check_cache_dir(cache_dir: str | Path) -> Path:
    """``cache_dir`` as a Path; InputError at once if it (or a folder above it) is a file,
    so a run fails before embedding anything rather than after."""
    cache_dir = user_path(cache_dir)
    for path in [cache_dir, *cache_dir.parents]:
        if path.exists() or path.is_symlink():
            if not path.is_dir():
                what = "the cache folder" if path == cache_dir else f"a folder above the cache folder {cache_dir}"
                found = "a symbolic link to nothing" if path.is_symlink() and not path.exists() else "a file"
                raise InputError(path, f"is {found}, but it must be {what}")
            break
    return cache_dir


class EmbeddingCache:
    """Embeddings of one model, looked up by text hash."""

    def __init__(self, cache_dir: str | Path, model_id: str, dim: int):
        self.model_id = model_id
        self.dim = int(dim)
        self.folder = embeddings_folder(cache_dir, model_id)
        self._vectors: dict[str, np.ndarray] = {}  # the vectors read or written so far, by text hash
        self._hash_columns: dict[Path, tuple] = {}  # shard -> (its hashes, its row groups' ends): shards never change
        self._unwritable = False  # a write failed: one warning, then vectors are kept in memory only

    # -- reading
    def _load(self, wanted: set[str]) -> None:
        """Read the vectors of the ``wanted`` hashes that are not in memory yet (those the cache holds). The
        folder's meta.json is checked even when nothing is wanted: shards of another model are set aside."""
        wanted = {h for h in wanted if h not in self._vectors}
        if not self._meta_matches() or not wanted:
            return
        for hashes, vectors in self._shards(wanted):
            self._vectors.update(zip(hashes, vectors))
            wanted.difference_update(hashes)
            if not wanted:
                break

    def _shards(self, wanted: set[str] | None = None):
        """(hashes, vectors) of each readable shard: the rows of the ``wanted`` hashes (None: every row).
        A shard that vanishes was merged by another process into a new one, so the folder is listed
        again for that."""
        seen = set()
        gone = True
        while gone:
            gone = False
            for shard in sorted(self.folder.glob("shard-*.parquet")):
                if shard.name in seen:
                    continue
                seen.add(shard.name)
                try:
                    hashes, vectors = self._read_shard(shard, wanted)
                except FileNotFoundError:
                    gone = True
                    continue
                if hashes:
                    yield hashes, vectors

    def _meta_matches(self) -> bool:
        meta_path = self.folder / "meta.json"
        if not os.path.lexists(meta_path):  # a link to nowhere is no "missing": refused below, as a pipe is
            return not any(self.folder.glob("shard-*.parquet")) or self._reject_all("meta.json is missing")
        meta, problem = None, not_a_file(meta_path)
        if problem:  # not a file this cache wrote (a pipe, a folder): left there, and the shards with it
            raise InputError(meta_path, f"{problem}; the embedding cache is left as it is")
        try:
            meta = parse_json(meta_text(meta_path))
            ok = meta == {"format": FORMAT_VERSION, "model_id": self.model_id, "dim": self.dim}
        except PermissionError as exc:  # the cache may be whole: say so rather than set every shard aside
            raise InputError(meta_path, f"cannot be read ({exc.strerror}); the embedding cache is left as it is") from None
        except (OSError, ValueError):
            ok = False
        if not ok and _unknown_format(meta):
            # Another (newer) version's cache: not ours to set aside or rewrite.
            if not self._unwritable:
                warnings.warn(f"{meta_path}: written by a newer version of topics (format {meta['format']!r}); the cache "
                              "is left as it is and this run's vectors are kept in memory only", TopicsWarning, stacklevel=4)
            self._unwritable = True
            return False
        return ok or self._reject_all("meta.json belongs to another model or format")

    def _reject_all(self, why: str) -> bool:
        if self._unwritable:  # said once already: the shards are not read, and nothing can be moved
            return False
        for shard in self.folder.glob("shard-*.parquet"):
            self._reject(shard, why)
        try:
            (self.folder / "meta.json").unlink(missing_ok=True)
        except OSError as exc:  # a read-only cache: its meta.json cannot be replaced, so no shard can be added
            self._cannot_write(exc)
        return False

    def _read_shard(self, shard: Path, wanted: set[str] | None = None):
        """(hashes, vectors) of the rows of ``shard`` whose hash is ``wanted`` (None: every row), read
        from the row groups that hold them; (None, None) for a shard that cannot be read or holds a
        vector of another dimension or with NaN, which is set aside and never trusted."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        try:
            if not_a_file(shard):  # a pipe or device would hang the read; set aside as any unreadable shard
                raise ValueError(not_a_file(shard))
            parquet = pq.ParquetFile(shard)
            if shard not in self._hash_columns:
                sizes = [parquet.metadata.row_group(g).num_rows for g in range(parquet.metadata.num_row_groups)]
                self._hash_columns[shard] = (parquet.read(columns=["text_hash"]).column("text_hash").combine_chunks(),
                                             np.cumsum(sizes, dtype=np.int64))
            all_hashes, ends = self._hash_columns[shard]
            rows = np.arange(len(all_hashes)) if wanted is None else _rows_holding(all_hashes, wanted)
            if not len(rows):
                return [], np.zeros((0, self.dim), np.float32)
            groups = np.searchsorted(ends, rows, side="right")
            read = np.unique(groups)
            table = parquet.read_row_groups(read.tolist(), columns=["embedding"])
            column = table.column("embedding").combine_chunks()
            width = column.type.list_size if pa.types.is_fixed_size_list(column.type) else None
            flat = column.flatten().to_numpy(zero_copy_only=False)
            if width is None:  # a variable-length list: every row must have the model's dimension
                width = len(flat) // max(len(column), 1)
                if width * len(column) != len(flat):
                    raise ValueError("vectors of unequal dimensions")
            if width != self.dim:
                raise ValueError(f"vectors of dimension {width}, expected {self.dim}")
            # Row r of group g sits after the rows of the groups read before g.
            starts = ends - np.diff(ends, prepend=0)
            read_sizes = (ends - starts)[read]
            offset_of = dict(zip(read.tolist(), (np.cumsum(read_sizes) - read_sizes).tolist()))
            positions = rows - starts[groups] + np.array([offset_of[g] for g in groups.tolist()], dtype=np.int64)
            vectors = np.asarray(flat, dtype=np.float32).reshape(-1, width)[positions]
            if not np.isfinite(vectors).all():
                bad = int((~np.isfinite(vectors).all(axis=1)).sum())
                raise ValueError(f"{bad} of {len(vectors)} vectors hold NaN or infinite values")
            # Every model writes unit vectors here: a scaled row is damage; a zero row (zeroed on disk, or a
            # static model's text without a known word, kept by earlier versions) is no vector: embedded again.
            norms = np.linalg.norm(vectors, axis=1)
            off = (norms != 0) & (np.abs(norms - 1.0) > UNIT_TOLERANCE)
            if off.any():
                raise ValueError(f"{int(off.sum())} of {len(vectors)} vectors are not of length 1 (the first: row {int(rows[np.argmax(off)])})")
            rows, vectors = rows[norms != 0], vectors[norms != 0]
            hashes = all_hashes.take(pa.array(rows)).to_pylist()
        except FileNotFoundError:
            self._hash_columns.pop(shard, None)
            raise
        except Exception as exc:  # any unreadable shard is rebuilt, never trusted
            self._hash_columns.pop(shard, None)
            self._reject(shard, str(exc) if isinstance(exc, ValueError) else f"{type(exc).__name__}: {exc}")
            return None, None
        return hashes, vectors

    def _reject(self, shard: Path, why: str) -> None:
        try:
            rejected = self.folder / "rejected"
            rejected.mkdir(parents=True, exist_ok=True)
            shard.replace(rejected / shard.name)
        except OSError:  # a read-only cache: the shard is ignored for this run, and stays where it is
            warnings.warn(f"{shard}: embedding cache shard ignored for this run ({why})", TopicsWarning, stacklevel=3)
            return
        warnings.warn(f"{shard}: embedding cache shard rejected and will be rebuilt ({why})", TopicsWarning, stacklevel=3)

    def get(self, hashes: list[str]) -> tuple[np.ndarray, list[int]]:
        """Vectors for ``hashes`` (zeros where missing) and the positions that are missing."""
        self._load(set(hashes))
        vectors = self._vectors
        out = np.zeros((len(hashes), self.dim), dtype=np.float32)
        missing = []
        for i, h in enumerate(hashes):
            v = vectors.get(h)
            if v is None:
                missing.append(i)
            else:
                out[i] = v
        return out, missing

    def __len__(self) -> int:
        """How many distinct texts the cache holds (on disk, or in memory where it could not be written)."""
        held = set(self._vectors)
        if self._meta_matches():
            for hashes, _ in self._shards():
                held.update(hashes)
        return len(held)

    def iter_shards(self):
        """(hashes, vectors) of one readable shard at a time, without loading the whole cache:
        for readers of caches larger than memory (shards that fail to read are set aside)."""
        if not self._meta_matches():
            return
        yield from self._shards()

    # -- writing
    @property
    def unwritable(self) -> bool:
        """Whether a write failed in this process: the vectors since are kept in memory only."""
        return self._unwritable

    def put(self, hashes: list[str], vectors: np.ndarray) -> bool:
        """Keep ``vectors`` in memory and on disk; whether they are on disk. A cache that cannot be
        written (read-only, full) costs only the saving: the run goes on with the vectors in memory,
        one warning says so, and later puts of this cache keep theirs in memory only."""
        if not hashes:
            return True
        self._keep(hashes, vectors)
        if self._unwritable:
            return False
        clean_stale_files(self.folder, "shard-*.parquet")  # what a run killed while writing a shard left
        try:
            shards = sorted(self.folder.glob("shard-*.parquet"))
            if len(shards) > MAX_SHARDS or any(map(_read_whole, shards)):
                self._compact(shards)
        except OSError:  # merging only saves reading time: the shards stand as they are
            pass
        return True

    def append(self, hashes: list[str], vectors: np.ndarray) -> Path | None:
        """Add one shard without merging the others: for writers that stream many batches
        (merging on every write would rewrite the whole cache again and again). The shard, or None
        where nothing was written (a cache that cannot be written keeps the vectors in memory)."""
        if not hashes:
            return None
        return self._keep(hashes, vectors)

    def _keep(self, hashes: list[str], vectors: np.ndarray) -> Path | None:
        """What put and append share: the vectors kept in memory and written as one new shard (its path),
        unless the cache cannot be written (None): a newer version's cache is left alone, and a failed
        write is said once. A meta.json of another width than the vectors' is set aside first."""
        vectors = np.asarray(vectors, dtype=np.float32)
        if not self._unwritable:  # first: a newer version's meta.json makes the cache unwritable, whatever its width
            self._meta_matches()  # (another model's is set aside)
        if vectors.shape[1] != self.dim:  # meta.json recorded another width than the model gives: not its vectors
            if not self._unwritable:  # (a newer version's cache is left alone)
                self._reject_all(f"meta.json records vectors of dimension {self.dim}, the model gives {vectors.shape[1]}")
            self.dim, self._vectors, self._hash_columns = vectors.shape[1], {}, {}
        self._vectors.update(zip(hashes, vectors))
        if self._unwritable:
            return None
        path = self.folder / f"shard-{uuid.uuid4().hex}.parquet"
        try:
            self._write_meta()
            self._write_shard(path, hashes, vectors)
        except OSError as exc:
            self._cannot_write(exc)
            return None
        return path if path.exists() else None

    def _cannot_write(self, exc: OSError) -> None:
        """From now on the vectors are kept in memory only; one warning says so."""
        if not self._unwritable:
            warnings.warn(  # the folder: the file named in the error is a temporary one, gone by now
                f"{self.folder}: embedding cache not written ({exc.strerror or exc}); "
                "the new vectors are used for this run only",
                TopicsWarning,
                stacklevel=4,
            )
        self._unwritable = True

    def _write_meta(self) -> None:
        meta_path = self.folder / "meta.json"
        if not meta_path.exists():
            write_json(meta_path, {"format": FORMAT_VERSION, "model_id": self.model_id, "dim": self.dim})

    def _write_shard(self, path: Path, hashes: list[str], vectors: np.ndarray) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        # Only unit vectors are kept (a text without a known word gets a zero vector from a static
        # model): a row that is not one is then always damage when read back.
        unit = np.abs(np.linalg.norm(vectors, axis=1) - 1.0) <= UNIT_TOLERANCE
        if not unit.all():
            hashes, vectors = [h for h, keep in zip(hashes, unit) if keep], vectors[unit]
        if not hashes:
            return
        embedding = pa.FixedSizeListArray.from_arrays(pa.array(vectors.reshape(-1)), self.dim)
        table = pa.table({"text_hash": pa.array(hashes, pa.string()), "embedding": embedding})
        with atomic_path(path) as tmp:
            pq.write_table(table, tmp, row_group_size=ROW_GROUP_ROWS)

    def _compact(self, shards: list[Path]) -> None:
        # What the shards hold on disk, not this process's vectors: another process may have written
        # some of them since this one read the cache.
        merged = {}
        for shard in shards:
            try:
                hashes, vectors = self._read_shard(shard)
            except FileNotFoundError:  # merged by another process, which wrote its merged shard first
                continue
            if hashes is not None:
                merged.update(zip(hashes, vectors))
        if merged:
            self._write_shard(self.folder / f"shard-{uuid.uuid4().hex}.parquet", list(merged), np.stack(list(merged.values())))
        for shard in shards:  # only once the merged shard stands
            shard.unlink(missing_ok=True)
            self._hash_columns.pop(shard, None)


def _unknown_format(meta) -> bool:
    """Whether ``meta`` (meta.json as read) names a later format than this version's: a number above it, or a
    version written as words ("2", "2.0-beta"), whatever its keys. meta.json without a format, or with one no
    version writes (null, true, 0.5), is garbled and replaced, as an older format's is."""
    if not isinstance(meta, dict) or "format" not in meta:
        return False
    fmt = meta["format"]
    if isinstance(fmt, str):
        try:
            return float(fmt) > FORMAT_VERSION
        except ValueError:
            return bool(fmt.strip())
    return type(fmt) in (int, float) and fmt > FORMAT_VERSION


def _read_whole(shard: Path) -> bool:
    """Whether ``shard`` was written before row groups: one group of more than ``ROW_GROUP_ROWS`` rows, which
    every lookup of any of its texts reads whole. The next write merges it (once) into a shard in row groups."""
    import pyarrow.parquet as pq

    try:
        with open_file(shard) as handle:  # a pipe or device is refused, not read
            metadata = pq.ParquetFile(handle).metadata  # the footer only
    except FileNotFoundError:
        return False  # merged by another process meanwhile
    except Exception:  # an unreadable shard is set aside by the next lookup, not merged here
        return False
    return metadata.num_row_groups == 1 and metadata.num_rows > ROW_GROUP_ROWS


def _rows_holding(hashes, wanted: set[str]) -> np.ndarray:
    """Positions in ``hashes`` (an Arrow string array) of the ``wanted`` hashes. Hashes of one length (every
    :func:`text_hash` has 32 hex digits) are compared as fixed-width bytes in one numpy call on the Arrow
    buffer (pyarrow's ``is_in`` spent a quarter second setting itself up on its first call); others one by one."""
    import pyarrow as pa

    if pa.types.is_string(hashes.type) and len(hashes) and hashes.null_count == 0:
        offsets = np.frombuffer(hashes.buffers()[1], dtype=np.int32)[hashes.offset : hashes.offset + len(hashes) + 1]
        widths = np.diff(offsets)
        width = int(widths[0])
        if width > 0 and (widths == width).all():
            held = np.frombuffer(hashes.buffers()[2], dtype=f"S{width}", count=len(hashes), offset=int(offsets[0]))
            asked = np.array([h.encode() for h in wanted if len(h) == width and h.isascii()], dtype=f"S{width}")
            return np.flatnonzero(np.isin(held, asked)) if len(asked) else np.zeros(0, np.int64)
    return np.array([row for row, h in enumerate(hashes.to_pylist()) if h in wanted], dtype=np.int64)
