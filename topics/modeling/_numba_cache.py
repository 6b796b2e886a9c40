"""Keep UMAP's numba-compiled code on disk, so a new process does not compile it again.

umap-learn compiles ~15 s of numba code in every new process because most of
its functions are jitted without ``cache=True`` (pynndescent's already
cache). :func:`umap_caching` adds ``cache=True`` to the functions that umap
and pynndescent jit while it is active: wrap the ``import umap`` in it (or
write ``from topics.modeling._numba_cache import umap``). The compiled code goes where
numba keeps its caches: ``$NUMBA_CACHE_DIR`` when set, else next to the
library's source (``__pycache__``, as pynndescent's own caches) when that is
writable, else the user's cache folder. Numba checks each entry against the
source file's timestamp and the CPU, so an upgraded umap or another machine
simply compiles afresh.

Default fits of fewer than ``topics.modeling.louvain.COMPILED_MIN_NODES`` units run no numba code
at all (numpy neighbour-graph weights and map layout, the map of a larger corpus laid out on a
``topics.modeling.map_layout.SAMPLE_UNITS`` sample), so a first small run compiles nothing; larger
ones compile the community search's pass and the map's epochs (~1 s of CPU each, once per install); ``clustering="umap"`` compiles ~20 s of CPU once per install. ``python -m topics.modeling._numba_cache``
(run by ``make install``) does it ahead of time; :func:`warm_up_in_background`
does it in a separate process (``TOPICS_COMPILE_AHEAD=0`` turns that off), for a caller that knows
its fit will need UMAP while it does something else first. A fit that needs UMAP before that
process is done waits for it rather than compiling the same code a second time.

A function jitted twice is cached only the first time: numba keys its cache
by function and signature, not by options, so a ``parallel=True`` copy would
share the entry of its serial twin (UMAP jits
``_optimize_layout_euclidean_single_epoch`` both ways at import, serial
first) and a seeded, single-threaded run could load threaded code.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.util
import os
import subprocess
import sys
import threading
from importlib import metadata
from pathlib import Path
from typing import Iterator

PATCHED_PACKAGES = ("umap", "pynndescent")
_lock = threading.RLock()
_depth = 0
_cached_functions: set = set()  # Python functions already given a disk cache in this process


def _ours(func) -> bool:
    module = getattr(func, "__module__", None) or ""
    return module.split(".")[0] in PATCHED_PACKAGES


def _with_cache(decorator):
    """numba.njit / numba.jit, adding cache=True to the first jit of each umap/pynndescent function."""

    def options_for(func, kwargs):
        if "cache" in kwargs or not _ours(func) or func in _cached_functions:
            return kwargs
        _cached_functions.add(func)
        return {**kwargs, "cache": True}

    def patched(*args, **kwargs):
        if args and callable(args[0]) and not isinstance(args[0], (str, list, tuple)) and not _is_signature(args[0]):
            return decorator(*args, **options_for(args[0], kwargs))

        def decorate(func):
            return decorator(*args, **options_for(func, kwargs))(func)

        return decorate

    patched.__wrapped__ = decorator
    return patched


def _is_signature(value) -> bool:
    from numba.core import types

    return isinstance(value, types.Type)


@contextlib.contextmanager
def umap_caching() -> Iterator[None]:
    """While active, umap/pynndescent functions jitted anew are cached on disk."""
    global _depth
    import numba

    with _lock:
        if _depth == 0:
            numba.njit = _with_cache(numba.njit)
            numba.jit = _with_cache(numba.jit)
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                numba.njit = numba.njit.__wrapped__
                numba.jit = numba.jit.__wrapped__


def import_umap():
    """``import umap`` with its module-level functions cached on disk."""
    if "umap" in sys.modules:
        return sys.modules["umap"]
    _wait_for_warm_up()
    with umap_caching():
        import umap

    return umap


@functools.cache
def compiled(func):
    """``func`` jitted by numba, its machine code cached on disk (compiled once per install, loaded once
    per process). ``nogil``: a fit runs it while another thread does Python work (the community search's
    pass beside the alias mining, the map's epochs beside the naming)."""
    import numba

    return numba.njit(cache=True, nogil=True)(func)


# -- compiling ahead of the first fit --------------------------------------------------------------
_warm_up_started = False


def _stamp_path() -> Path | None:
    """The mark of a compiled cache for these library versions, in the numba cache folder (None: not writable)."""
    spec = importlib.util.find_spec("umap")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(os.environ.get("NUMBA_CACHE_DIR") or Path(list(spec.submodule_search_locations)[0]) / "__pycache__")
    versions = [sys.executable]  # the folder is where the stamp lives: a copied cache keeps its mark
    for package in ("umap-learn", "pynndescent", "numba", "topics"):
        try:
            versions.append(metadata.version(package))
        except metadata.PackageNotFoundError:
            versions.append("-")
    key = hashlib.sha1("|".join(versions).encode()).hexdigest()[:12]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder / f"topics-compiled-{key}" if os.access(folder, os.W_OK) else None


def is_compiled() -> bool:
    stamp = _stamp_path()
    return stamp is None or stamp.exists()


def compile_all() -> None:
    """Compile (and cache on disk) the numba code a fit runs: UMAP's import, both reductions, both graphs,
    the community search's pass and the map's epochs on large graphs."""
    import numpy as np

    stamp = _stamp_path()
    with _exclusive(stamp):
        from topics.modeling.louvain import compile_louvain_pass
        from topics.modeling.map_layout import compile_layout
        from topics.modeling.reduce import exact_neighbour_graph, reduce_embeddings, reduction_params, umap_layout_2d

        import_umap()
        vectors = np.random.default_rng(0).normal(size=(60, 8)).astype(np.float32)
        params = reduction_params(len(vectors))
        for graph in (None, exact_neighbour_graph(vectors, params.n_neighbors)):
            reduce_embeddings(vectors, params, 0, graph)
            umap_layout_2d(vectors, params, 0, graph)
        compile_louvain_pass()
        compile_layout()
        if stamp is not None:
            stamp.write_text("compiled\n", encoding="utf-8")


def warm_up_in_background(n_units: int | None = None) -> subprocess.Popen | None:
    """Start compiling in another process unless the cache is already compiled (or started here),
    or the fit of ``n_units`` units runs no numba code (a map small enough for the numpy layout:
    the compiling process would only take a core from the embedding)."""
    from topics.modeling.map_layout import MAX_UNITS

    global _warm_up_started
    if os.environ.get("TOPICS_COMPILE_AHEAD", "1") == "0":
        return None
    if n_units is not None and n_units <= MAX_UNITS:
        return None
    if _warm_up_started or "umap" in sys.modules or is_compiled():
        return None
    _warm_up_started = True
    return subprocess.Popen(
        [sys.executable, "-m", "topics.modeling._numba_cache"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # not interrupted with the caller's Ctrl-C; it only fills a cache
    )


@contextlib.contextmanager
def _exclusive(stamp: Path | None) -> Iterator[None]:
    """Hold the compile lock next to ``stamp`` (POSIX; elsewhere no lock is taken)."""
    try:
        import fcntl
    except ImportError:
        fcntl = None
    if stamp is None or fcntl is None:
        yield
        return
    with open(stamp.with_suffix(".lock"), "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _wait_for_warm_up() -> None:
    """Block while another process compiles the same cache (it started first, so it finishes first)."""
    if not _warm_up_started or is_compiled():
        return
    with _exclusive(_stamp_path()):
        pass


def __getattr__(name: str):
    # ``from topics.modeling._numba_cache import umap``: the umap module, imported with caching on.
    if name == "umap":
        return import_umap()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


if __name__ == "__main__":
    compile_all()
