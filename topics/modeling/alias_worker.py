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
Owns that worker. May import: :mod:`topics.modeling.fitting`, :mod:`topics.text.alias_mining`.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
import sys
import time
from concurrent.futures.process import BrokenProcessPool

# Fewer texts than this are mined on the fit's thread (mining 1,000 paragraphs takes a few tenths of a second).
MIN_WORKER_TEXTS = 2_000
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
        self._cleans = False  # the worker cleans the texts for naming
        self._blas = None  # the BLAS thread limits set while the worker runs (restored by ``close``)
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
                self._blas = _blas_beside_worker()
            except (OSError, RuntimeError, BrokenProcessPool):
                self.close()
        if self._future is None:
            self._future = threads.submit(fitting.fit_aliases, aliases, texts)

    def result(self, meanwhile=None):
        """The mined table. ``meanwhile(waiting)``: work for this process while the worker cleans the
        texts for naming, which stops once ``waiting()`` is false (the worker is done)."""
        global worker_cpu_seconds
        from topics.modeling import fitting

        if self._worker is None:
            return self._future.result()
        if meanwhile is not None and self._cleans and not self._future.done():
            future = self._future
            meanwhile(lambda: not future.done())
        try:
            table, cleaning, cpu_seconds = self._future.result()
        except BrokenProcessPool:  # the worker died (memory, a signal): mined here instead
            self.close()
            return fitting.fit_aliases(self._aliases, self._texts)
        worker_cpu_seconds += cpu_seconds
        if cleaning is not None:
            self._material.adopt_cleaning(self._texts, table, *cleaning)
        return table

    def close(self) -> None:
        """Let the worker go; mining still under way finishes unread. The BLAS threads are as they were."""
        if self._blas is not None:
            self._blas.restore_original_limits()
            self._blas = None
        if self._worker is not None:
            if self._future is not None:
                self._future.cancel()
            self._worker.shutdown(wait=False, cancel_futures=True)
            self._worker = None
