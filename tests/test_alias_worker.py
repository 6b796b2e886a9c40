"""The alias worker's BLAS limit: the fit's BLAS threads leave the worker its core while it runs, and
are given back once its result is read; a limit that cannot be set never fails the fit."""

from __future__ import annotations

import os
import sys
import time

import numpy as np
import pytest


def _blas_threads() -> list[int]:
    from threadpoolctl import threadpool_info
    return [pool["num_threads"] for pool in threadpool_info() if pool.get("user_api") == "blas"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the alias worker is a fork")
def test_blas_takes_the_cores_the_alias_worker_leaves_and_gets_its_threads_back(seeds_corpus, seeds_paragraph_embeddings, monkeypatch):
    from threadpoolctl import threadpool_limits
    from topics.modeling import alias_worker, reduce
    from topics.modeling.model import TopicModel
    if (cores := len(os.sched_getaffinity(0))) < 2:
        pytest.skip("one core: no worker")
    units, seen, search = seeds_corpus.units("paragraph"), [], reduce.neighbour_graph  # seen: BLAS threads in the search
    monkeypatch.setattr(reduce, "neighbour_graph", lambda *args: seen.append(_blas_threads()) or search(*args))
    naming, assign = [], TopicModel.assign  # naming: BLAS threads once the worker's aliases are read
    monkeypatch.setattr(TopicModel, "assign", lambda self, *args: naming.append(_blas_threads()) or assign(self, *args))
    here = TopicModel(random_state=7).fit(units, embeddings=seeds_paragraph_embeddings)  # too few texts: mined here
    monkeypatch.setattr(alias_worker, "MIN_WORKER_TEXTS", 0)
    for threads, during in ((cores + 1, cores - 1), (1, 1)):  # more threads than the cores left; a lower limit stays
        with threadpool_limits(threads, user_api="blas"):
            model = TopicModel(random_state=7).fit(units, embeddings=seeds_paragraph_embeddings)
            assert set(seen[-1]) == {during} and set(naming[-1]) == {threads} and set(_blas_threads()) == {threads}
        assert np.array_equal(model.labels_, here.labels_) and np.array_equal(model.coords_2d_, here.coords_2d_)
        assert model.descriptions_ == here.descriptions_
    assert seen[0] == _blas_threads()  # the fit without a worker leaves BLAS as it is


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the alias worker is a fork")
def test_alias_workers_side_by_side_keep_the_blas_limit_until_the_last_result_is_read(seeds_corpus, monkeypatch):
    import concurrent.futures
    from threadpoolctl import threadpool_limits
    from topics.modeling import alias_worker
    if (cores := len(os.sched_getaffinity(0))) < 2:
        pytest.skip("one core: no worker")
    monkeypatch.setattr(alias_worker, "MIN_WORKER_TEXTS", 0)
    texts = seeds_corpus.units("paragraph")["text"].tolist()
    with concurrent.futures.ThreadPoolExecutor(1) as threads, threadpool_limits(cores + 1, user_api="blas"):
        first = alias_worker.AliasesBeside(threads, True, texts)  # as two fits on two threads
        second = alias_worker.AliasesBeside(threads, True, texts)
        assert first._worker is not None and second._worker is not None
        assert set(_blas_threads()) == {cores - 1}
        table = first.result()
        first.close()
        assert set(_blas_threads()) == {cores - 1}  # the second worker still runs
        assert second.result() == table
        assert set(_blas_threads()) == {cores + 1}  # back once the last worker's result is read
        second.close()
        first.close()  # closing again changes nothing
        assert set(_blas_threads()) == {cores + 1}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the alias worker is a fork")
def test_a_blas_limit_that_cannot_be_set_leaves_the_fit_to_go_on_with_its_worker(seeds_corpus, seeds_paragraph_embeddings, monkeypatch):
    import threadpoolctl
    from topics.modeling import alias_worker, fitting
    from topics.modeling.model import TopicModel
    if len(os.sched_getaffinity(0)) < 2:
        pytest.skip("one core: no worker")

    def failing_info(*args, **kwargs):
        raise ValueError("no thread pools to read")

    units, before, spent = seeds_corpus.units("paragraph"), _blas_threads(), alias_worker.worker_cpu_seconds
    monkeypatch.setattr(alias_worker, "MIN_WORKER_TEXTS", 0)
    monkeypatch.setattr(threadpoolctl, "threadpool_info", failing_info)
    model = TopicModel(random_state=7).fit(units, embeddings=seeds_paragraph_embeddings)
    monkeypatch.undo()
    assert alias_worker.worker_cpu_seconds > spent  # the worker did the mining all the same
    assert model.aliases_ == fitting.fit_aliases(True, units["text"].tolist())
    assert _blas_threads() == before


class _Stop(BaseException):
    """An interrupt while the worker starts."""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the alias worker is a fork")
def test_an_alias_worker_whose_start_is_interrupted_is_shut_down(seeds_corpus, monkeypatch):
    import concurrent.futures
    import multiprocessing
    import threadpoolctl
    from topics.modeling import alias_worker
    if len(os.sched_getaffinity(0)) < 2:
        pytest.skip("one core: no worker")

    def interrupted_info(*args, **kwargs):
        raise _Stop()

    monkeypatch.setattr(alias_worker, "MIN_WORKER_TEXTS", 0)
    monkeypatch.setattr(threadpoolctl, "threadpool_info", interrupted_info)
    texts, running = seeds_corpus.units("paragraph")["text"].tolist(), set(multiprocessing.active_children())
    # The interrupt is kept, as a caller reporting it would: its traceback holds the half-made object.
    with concurrent.futures.ThreadPoolExecutor(1) as threads, pytest.raises(_Stop) as interrupt:
        alias_worker.AliasesBeside(threads, True, texts)
    started = [child for child in multiprocessing.active_children() if child not in running]
    assert started  # the worker had been forked
    for child in started:
        child.join(timeout=60)  # a worker left running waits on its queue for good
        # The pool's own thread may reap the worker while this join waits for it: the join then reads no exit
        # status and returns at once, and the status lands a moment later.
        deadline = time.monotonic() + 60
        while child.is_alive() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not child.is_alive()
    assert interrupt.type is _Stop and alias_worker._blas_holders == 0


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the alias worker is a fork")
def test_an_alias_workers_result_read_again_is_the_same_table_counted_once(seeds_corpus, monkeypatch):
    # Before: a second read adopted the cleaning and counted the worker's CPU again, and one after
    # close() returned the worker's raw (table, cleaning, seconds).
    import concurrent.futures
    from topics.modeling import alias_worker
    from topics.modeling.model import TopicModel
    from topics.modeling.text_material import material_of
    from topics.text.alias_mining import AliasTable
    if len(os.sched_getaffinity(0)) < 2:
        pytest.skip("one core: no worker")
    monkeypatch.setattr(alias_worker, "MIN_WORKER_TEXTS", 0)
    texts = seeds_corpus.units("paragraph")["text"].tolist()
    material = material_of(TopicModel())
    adopted, adopt = [], material.adopt_cleaning
    monkeypatch.setattr(material, "adopt_cleaning", lambda *args: adopted.append(1) or adopt(*args))
    with concurrent.futures.ThreadPoolExecutor(1) as threads:
        beside = alias_worker.AliasesBeside(threads, True, texts, material)
        assert beside._worker is not None and beside._cleans
        spent = alias_worker.worker_cpu_seconds
        table = beside.result()
        once = alias_worker.worker_cpu_seconds
        assert isinstance(table, AliasTable) and once > spent and adopted == [1]
        assert beside.result() is table
        beside.close()
        assert beside.result() is table
        assert alias_worker.worker_cpu_seconds == once and adopted == [1]
