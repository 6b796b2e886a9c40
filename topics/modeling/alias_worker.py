"""Alias mining in a worker process while the clustering runs.

Mining the aliases is Python text work that holds the interpreter lock; on a thread beside the
clustering it takes turns with the clustering's own Python work, so a fit's wall time was its CPU
time. In a worker process it runs on another core. The mined table is the same (mining reads the
texts only). The worker goes on to clean the texts for naming under the mined aliases
(:func:`topics.text.wording.keyword_texts`), which does not depend on the topics either: the fit's
naming store takes the cleaned texts and what the cleaning read of each text, as if it had cleaned them. A small corpus is mined on the fit's thread: starting a worker costs more than it saves.
While the worker holds a core, the fit's BLAS products get the other cores only: OpenBLAS's threads wait
for one another by spinning, and a thread on the worker's core took its CPU from the worker (the neighbour
search's products are re-scored exactly, :mod:`topics.modeling.neighbours`, so no result depends on the threads).
The limits are given back once the worker's result is read, so the naming and the map have every core; a
limit that cannot be set leaves BLAS as it is. BLAS limits are process-wide: fits on several threads share
one limit, set by the first worker and given back when the last worker's result is read. Other code on
another thread that sets its own limits meanwhile (threadpoolctl's ``threadpool_limits``) may find them
changed when the shared limit is set or given back, as with any two threads that set limits at once.
Owns that worker. May import: :mod:`topics.modeling.fitting`, :mod:`topics.text.alias_mining`.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
import sys
import threading
import time
from concurrent.futures.process import BrokenProcessPool

# Fewer texts than this are mined on the fit's thread: below about 500 paragraphs the fork and the hand-over
# cost about what mining beside the clustering saves (docs/benchmarks.md, "The alias worker from 500 texts").
MIN_WORKER_TEXTS = 500
# CPU seconds the worker processes spent mining, summed over the fits of this process: CPU time that the
# process's own clock does not see (benchmarks add it to the fit's).
worker_cpu_seconds = 0.0


def _mine(texts: list[str], clean: bool):
    """(the mined AliasTable, the texts cleaned for naming and what the cleaning read of each (None when
    not ``clean``), the CPU seconds it took), in the worker."""
    from topics.text.alias_mining import mine_aliases

    start = time.process_time()
    table = mine_aliases(texts)
    cleaning = None
    if clean:
        from topics.modeling.text_material import CLEANING_KINDS, TextMaterial
        from topics.text.wording import keyword_texts

        material = TextMaterial()
        cleaned = keyword_texts(texts, table, material)
        cleaning = cleaned, {kind: material.found[kind] for kind in CLEANING_KINDS}
    return table, cleaning, time.process_time() - start


def _can_fork() -> bool:
    """Linux, where forking is the default and cheap (macOS's system libraries do not survive a fork)."""
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def _blas_beside_worker():
    """BLAS limited to the cores the worker leaves (at least one), where it would use more; the limits
    object to restore, or None."""
    from threadpoolctl import threadpool_limits, threadpool_info  # a scikit-learn dependency

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    left = max(1, cores - 1)
    # Each library at the fewer of its threads and the cores left: a limit set lower stays.
    pools = [dict(pool, num_threads=left) for pool in threadpool_info() if pool.get("user_api") == "blas" and pool["num_threads"] > left]
    return threadpool_limits(pools) if pools else None


# The BLAS limit shared by the workers running in this process (the limits are process-wide): set by the
# first, restored when the last lets go, so that one fit's end does not lift another's limit.
_blas_lock = threading.Lock()
_blas_holders = 0
_blas_limits = None


def _hold_blas() -> None:
    """One more worker running: BLAS limited to the cores the workers leave while any runs."""
    global _blas_holders, _blas_limits
    with _blas_lock:
        if _blas_holders == 0:
            try:
                _blas_limits = _blas_beside_worker()
            except Exception:  # a missing or failing threadpoolctl only costs the speed-up
                _blas_limits = None
        _blas_holders += 1


def _let_go_blas() -> None:
    """One worker fewer: the last one restores the limits found before the first."""
    global _blas_holders, _blas_limits
    with _blas_lock:
        _blas_holders -= 1
        if _blas_holders == 0 and _blas_limits is not None:
            limits, _blas_limits = _blas_limits, None
            try:
                limits.restore_original_limits()
            except Exception:  # as when setting: a limit left is slower, never wrong
                pass


class AliasesBeside:
    """The fit's aliases, found beside the clustering: ``result()`` waits for them.

    Mined in a worker process when ``aliases`` is True, the corpus holds ``MIN_WORKER_TEXTS`` texts or
    more and the machine has a second core (on Linux); otherwise by :func:`topics.modeling.fitting.fit_aliases`
    on ``threads``. A worker that cannot start, or dies, leaves the mining to this process."""

    def __init__(self, threads: concurrent.futures.Executor, aliases, texts: list[str], material=None):
        from topics.modeling import fitting
        from topics.modeling.describe import DESCRIBE_MAX_UNITS
        from topics.modeling.text_material import MAX_TEXTS
        from topics.text.alias_mining import read_texts

        self._aliases, self._texts, self._material = aliases, texts, material
        self._worker = None
        self._future = None
        self._from_worker = False  # the future is the worker's: it returns (table, cleaning, cpu seconds)
        self._table = None  # the table once read: later reads return it (the cleaning adopted, the CPU counted, once)
        self._cleans = False  # the worker cleans the texts for naming
        self._holds_blas = False  # this worker holds the shared BLAS limit (given back by ``result`` or ``close``)
        if aliases is True and len(texts) >= MIN_WORKER_TEXTS and (os.cpu_count() or 1) > 1 and _can_fork():
            try:
                # A fork: the worker has the mining code and starts in milliseconds. A fresh process
                # ("spawn", "forkserver") would import the caller's main script again, running a script
                # without a ``__main__`` guard twice. The worker runs Python code only (no thread pools).
                context = multiprocessing.get_context("fork")
                self._worker = concurrent.futures.ProcessPoolExecutor(1, mp_context=context)
                # The naming cleans these very texts unless it reads a sample of them.
                clean = self._cleans = material is not None and len(texts) <= min(DESCRIBE_MAX_UNITS, MAX_TEXTS)
                # Otherwise only the texts the mining reads are sent (a million paragraphs are half a gigabyte).
                self._future = self._worker.submit(_mine, texts if clean else read_texts(texts), clean)
                self._from_worker = True
                _hold_blas()
                self._holds_blas = True
            except (OSError, RuntimeError, BrokenProcessPool):
                self.close()
            except BaseException:  # the caller never gets this object to close: the worker goes now
                self.close()
                raise
        if self._future is None:
            self._future = threads.submit(fitting.fit_aliases, aliases, texts)

    def result(self, meanwhile=None):
        """The mined table. ``meanwhile(waiting)``: work for this process while the worker cleans the
        texts for naming, which stops once ``waiting()`` is false (the worker is done). Read once: later
        calls (after ``close`` too) return the same table."""
        if self._table is None:
            self._table = self._read(meanwhile)
        return self._table

    def _read(self, meanwhile):
        global worker_cpu_seconds
        from topics.modeling import fitting

        if not self._from_worker:
            return self._future.result()
        if meanwhile is not None and self._cleans and not self._future.done():
            future = self._future
            meanwhile(lambda: not future.done())
        try:
            table, cleaning, cpu_seconds = self._future.result()
        except (BrokenProcessPool, concurrent.futures.CancelledError):  # the worker died, or was let go unread: mined here
            self.close()
            return fitting.fit_aliases(self._aliases, self._texts)
        finally:  # the worker is done: the naming and the map get every core
            self._give_back_blas()
        worker_cpu_seconds += cpu_seconds
        if cleaning is not None:
            self._material.adopt_cleaning(self._texts, table, *cleaning)
        return table

    def _give_back_blas(self) -> None:
        """Give back this worker's hold on the BLAS limit, once."""
        if self._holds_blas:
            self._holds_blas = False
            _let_go_blas()

    def close(self) -> None:
        """Let the worker go; mining still under way finishes unread. The BLAS threads are as they were
        (unless another fit's worker still runs). Closing again does nothing."""
        self._give_back_blas()
        if self._worker is not None:
            if self._future is not None:
                self._future.cancel()
            self._worker.shutdown(wait=False, cancel_futures=True)
            self._worker = None
