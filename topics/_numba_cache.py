"""Keep UMAP's numba-compiled code on disk, so a new process does not compile it again.

umap-learn compiles ~15 s of numba code in every new process because most of
its functions are jitted without ``cache=True`` (pynndescent's already
cache). :func:`umap_caching` adds ``cache=True`` to the functions that umap
and pynndescent jit while it is active: wrap the ``import umap`` in it (or
write ``from topics._numba_cache import umap``). The compiled code goes where
numba keeps its caches: ``$NUMBA_CACHE_DIR`` when set, else next to the
library's source (``__pycache__``, as pynndescent's own caches) when that is
writable, else the user's cache folder. Numba checks each entry against the
source file's timestamp and the CPU, so an upgraded umap or another machine
simply compiles afresh.

A function jitted twice is cached only the first time: numba keys its cache
by function and signature, not by options, so a ``parallel=True`` copy would
share the entry of its serial twin (UMAP jits
``_optimize_layout_euclidean_single_epoch`` both ways at import, serial
first) and a seeded, single-threaded run could load threaded code.
"""

from __future__ import annotations

import contextlib
import sys
import threading
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
    with umap_caching():
        import umap

    return umap


def __getattr__(name: str):
    # ``from topics._numba_cache import umap``: the umap module, imported with caching on.
    if name == "umap":
        return import_umap()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
