"""Reuse a fitted topic model when nothing it depends on changed.

``fit_cached(model, units, embeddings, cache_dir)`` does what
``model.fit(units, embeddings)`` does, but first looks for a model fitted on
the very same inputs: the same embeddings (bytes), the same units table,
the same parameters, the same ``topics`` source code and the same versions of
the libraries the fit runs on. A re-run of an unchanged report then skips
UMAP and HDBSCAN (and their imports) entirely. Fits are only reused when
``random_state`` is fixed: an unseeded fit is meant to differ each time.

Entries are saved with the model's own ``save`` (JSON, Parquet, .npy; no
pickle) under ``<cache_dir>/fits/<key>/``, written to a temporary folder and
renamed. An entry that cannot be loaded, or that lacks an attribute a fresh
fit sets, is ignored and refitted. Only the most recent ``MAX_ENTRIES`` are kept.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import warnings
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import numpy as np

from topics._atomic import discard_folder
from topics.errors import InputError
from topics.validate import parse_json, read_file_text

FORMAT_VERSION = 1
MAX_ENTRIES = 16
_KEY = re.compile(r"[0-9a-f]{32}")  # an entry's name: fit_key's digest
ATTRIBUTES_FILE = "fitcache.json"
# The fit's results depend on these libraries' versions as much as on our code.
FIT_LIBRARIES = ("numpy", "scipy", "scikit-learn", "umap-learn", "pynndescent", "numba", "pandas")


@lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """Hash of the package's modules: a changed algorithm never reuses an old fit."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    for name in FIT_LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=-".encode())
    return digest.hexdigest()


def _units_digest(units) -> bytes:
    import pandas as pd

    digest = hashlib.sha256()
    digest.update(json.dumps([str(c) for c in units.columns]).encode())
    digest.update(np.asarray(units.shape, dtype=np.int64).tobytes())
    for column in units.columns:
        values = units[column]
        try:
            hashed = pd.util.hash_pandas_object(values, index=False).to_numpy()
        except TypeError:  # unhashable cells (lists): hash their text form
            hashed = pd.util.hash_pandas_object(values.map(repr), index=False).to_numpy()
        digest.update(hashed.tobytes())
    return digest.digest()


def fit_key(model, units, embeddings) -> str | None:
    """The cache key of fitting ``model`` on these inputs; None when the fit must not be reused."""
    params = model.get_params()
    if params.get("random_state") is None or params.get("themes") is not None:
        return None
    try:
        params_text = json.dumps(params, sort_keys=True, default=repr)
    except (TypeError, ValueError):
        return None
    vectors = np.ascontiguousarray(embeddings)
    digest = hashlib.sha256()
    digest.update(f"{FORMAT_VERSION}|{type(model).__module__}.{type(model).__qualname__}|{params_text}".encode())
    digest.update(_code_fingerprint().encode())
    digest.update(f"{vectors.dtype.str}{vectors.shape}".encode())
    digest.update(hashlib.sha256(vectors.view(np.uint8).reshape(-1)).digest())
    digest.update(_units_digest(units))
    return digest.hexdigest()[:32]


def _learned(model) -> dict:
    return {name: value for name, value in vars(model).items() if name.endswith("_") and not name.startswith("_")}


def fit_cached(model, units, embeddings, cache_dir: str | Path | None = None):
    """``model.fit(units, embeddings)``, or the identical fitted state from the cache; returns ``model``."""
    from topics.embedding.embed import default_cache_dir

    key = fit_key(model, units, embeddings)
    if key is None:
        return model.fit(units, embeddings=embeddings)
    from topics.embedding.cache import fits_folder

    root = fits_folder(cache_dir if cache_dir is not None else default_cache_dir())
    entry = root / key
    if _load_into(model, entry, units, embeddings):
        return model
    model.fit(units, embeddings=embeddings)
    _store(model, entry)
    _prune(root)
    return model


def _load_into(model, entry: Path, units, embeddings) -> bool:
    try:
        expected = parse_json(read_file_text(entry / ATTRIBUTES_FILE))["attributes"]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            loaded = type(model).load(entry)
    except Exception:  # missing, half-pruned or damaged: fit afresh
        return False
    learned = _learned(loaded)
    if not set(expected) <= set(learned):
        return False  # saved before the model learned something new: refit
    for name, value in learned.items():
        setattr(model, name, value)
    # The caller's own objects: equal by the key, and identical in dtype and identity; the vectors
    # only where the fit clustered them as given (not with the corpus's formulas left out).
    model.units_ = units
    if np.array_equal(loaded.embeddings_, embeddings):
        model.embeddings_ = embeddings
    try:
        entry.touch()  # most recently used survives pruning
    except OSError:
        pass
    return True


def _store(model, entry: Path) -> None:
    saved = False
    try:
        if _is_entry(entry):  # a damaged entry of ours: what save records must be all it holds
            discard_folder(entry)
        model.save(entry)
        saved = True
        (entry / ATTRIBUTES_FILE).write_text(
            json.dumps({"format": FORMAT_VERSION, "attributes": sorted(_learned(model))}), encoding="utf-8"
        )
    except Exception as exc:  # a full disk or a read-only cache must not fail the fit itself
        if saved:  # only what this call wrote: a folder the save refused as not ours is left as it is
            discard_folder(entry)
        # An InputError names the entry already: its problem alone, not the path twice and the class's name.
        problem = exc.problem if isinstance(exc, InputError) else f"{type(exc).__name__}: {exc}"
        warnings.warn(f"{entry}: fitted model not cached ({problem})", stacklevel=3)


def _is_entry(path: Path) -> bool:
    """A folder this cache wrote: a key's name and a saved model in it (a folder of the user's is never pruned)."""
    return bool(_KEY.fullmatch(path.name)) and path.is_dir() and not path.is_symlink() and (path / "model.json").is_file()


def _prune(root: Path) -> None:
    try:
        entries = sorted((p for p in root.iterdir() if _is_entry(p)), key=lambda p: p.stat().st_mtime)
    except OSError:
        return
    for stale in entries[:-MAX_ENTRIES]:
        shutil.rmtree(stale, ignore_errors=True)
