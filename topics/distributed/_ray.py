"""Connecting to Ray: one place that imports it and says how to install it when it is missing."""

from __future__ import annotations

import contextlib
import logging
import os
import re
import signal
import socket
import threading
import warnings
from typing import Iterator

from topics.errors import TopicsError, TopicsWarning

INSTALL_HINT = 'pip install "topics[ray]"'
HOST_PORT = re.compile(r"(\[[^\]]+\]|[^:/\s]+):(\d{1,5})")  # a cluster's GCS address, as `ray start` prints it
REACH_TIMEOUT_S = 10.0
EXCEPTION_LINE = re.compile(r"^[A-Za-z_][\w.]*(Error|Exception): ")


def require_ray():
    """The ``ray`` module (with Ray Data), or a TopicsError that says how to install it."""
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError as exc:
        raise TopicsError(f"the Ray engine needs Ray Data, which is not installed here: {INSTALL_HINT}") from exc
    return ray


def connect(address: str | None = None):
    """Ray, connected: an existing connection of this process is reused as it is;
    otherwise ``address`` (or $RAY_ADDRESS) names the cluster, and without either
    a local one-machine cluster is started."""
    ray = require_ray()
    if ray.is_initialized():
        return ray
    # Workers' own logs stay in the cluster's log folder; their errors still reach this process.
    options = {"address": address, "logging_level": logging.WARNING, "log_to_driver": False}
    if address is None and not os.environ.get("RAY_ADDRESS"):
        options["include_dashboard"] = False  # only a cluster this call starts can take this option
    where = address or os.environ.get("RAY_ADDRESS")
    if where:
        check_reachable(where)
    on_term = signal.getsignal(signal.SIGTERM) if threading.current_thread() is threading.main_thread() else None
    try:
        ray.init(**options)
    except Exception as exc:  # Ray raises a bare Exception when its node does not start in time
        raise TopicsError(f"cannot connect to Ray ({where or 'a new local cluster'}): {exc}") from exc
    finally:
        if on_term is not None:  # ray.init sets its own (a bare exit): keep the caller's, the CLI's Ctrl-C path
            signal.signal(signal.SIGTERM, on_term)
    return ray


def check_reachable(address: str, timeout_s: float = REACH_TIMEOUT_S) -> None:
    """A TopicsError at once when nothing listens at a ``host:port`` cluster address: Ray itself
    keeps retrying such an address for minutes. Other forms ("auto", "ray://…", "local") are Ray's to read."""
    match = HOST_PORT.fullmatch(address.strip())
    if match is None:
        return
    host, port = match.group(1).strip("[]"), int(match.group(2))
    try:
        socket.create_connection((host, port), timeout=timeout_s).close()
    except OSError as exc:
        raise TopicsError(
            f"cannot connect to Ray ({address}): nothing answers there ({exc.strerror or exc}); "
            "start the cluster (ray start --head) or give the address `ray status` prints"
        ) from None


# Ray Data's bars and its start-of-execution lines are off: the caller shows its own progress.
QUIET_DATA_SETTINGS = {"enable_progress_bars": False, "enable_operator_progress_bars": False, "print_on_execution_start": False}


@contextlib.contextmanager
def quiet_ray_data(dataset=None) -> Iterator[None]:
    """Ray Data without its bars and execution logs while ``dataset`` runs. A Dataset copies the
    current DataContext when it is built, so its own copy is quieted too (the current one is
    restored afterwards)."""
    import ray.data

    context = ray.data.DataContext.get_current()
    saved = {name: getattr(context, name) for name in QUIET_DATA_SETTINGS}
    for target in (context, getattr(dataset, "context", None)):
        for name, value in QUIET_DATA_SETTINGS.items():
            if target is not None and hasattr(target, name):
                setattr(target, name, value)
    logger = logging.getLogger("ray.data")
    level = logger.level
    # Failures are re-raised as TopicsError with the worker's message; Ray's own copy of
    # the trace stays in its log folder.
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(context, name, value)
        logger.setLevel(level)


def cluster_resources(ray) -> dict[str, float]:
    return {key: float(value) for key, value in ray.cluster_resources().items()}


def pool_size(resources: dict[str, float], num_workers: int | None, n_batches: int, num_gpus: float = 0, cpus_per_worker: float = 1) -> int:
    """Actors to start: as asked, else as many as the cluster holds; never more than batches."""
    if num_workers is not None:
        if num_workers < 1:
            raise ValueError(f"num_workers must be at least 1, not {num_workers}")
        wanted = int(num_workers)
        if num_gpus and resources.get("GPU", 0) < num_gpus:
            # Ray waits for resources it may never get: only an autoscaler adds GPUs to such a cluster.
            warnings.warn(f"the Ray cluster has {resources.get('GPU', 0):g} GPUs now, and each of the {wanted} workers asks "
                          f"for {num_gpus:g}: they wait until an autoscaler adds GPUs (Ctrl-C to stop; without GPUs, "
                          "leave out --gpus / num_gpus)", TopicsWarning, stacklevel=3)
    elif num_gpus:
        wanted = int(resources.get("GPU", 0) // num_gpus)
        if wanted < 1:
            raise TopicsError(
                f"workers with {num_gpus} GPU each were asked for, but the Ray cluster has "
                f"{resources.get('GPU', 0):g} GPUs: leave out --gpus (num_gpus), or for an autoscaling cluster that adds "
                "GPUs name how many workers to wait for with --workers (num_workers)"
            )
    else:
        wanted = max(1, int(resources.get("CPU", 1) // cpus_per_worker))
    return max(1, min(wanted, n_batches))


def job_failed(exc: BaseException) -> TopicsError:
    """A TopicsError for a failed Ray job, carrying the workers' own message.

    Ray wraps a worker's exception (an actor that failed to start arrives as
    text inside an ActorDiedError), so the message is found by walking the
    chain and, failing that, by reading the last exception line of its text.
    """
    chain, seen, pending = [], set(), [exc]
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        chain.append(current)
        if isinstance(current, TopicsError):
            return _on_a_worker(current)
        linked = (getattr(current, "cause", None), current.__cause__, current.__context__)
        pending += [error for error in linked if isinstance(error, BaseException)]
    text = "\n".join(str(error) for error in chain)
    raised = [line.strip() for line in text.splitlines() if EXCEPTION_LINE.match(line.strip())]
    if raised:
        name, _, message = raised[-1].partition(": ")
        if name.startswith("topics.errors."):
            return TopicsError(message if "Ray worker" in message else f"on a Ray worker: {message}")
        return TopicsError(f"the Ray job failed: {name.rsplit('.', 1)[-1]}: {message}")
    return TopicsError(f"the Ray job failed: {type(exc).__name__}: {text.strip().splitlines()[-1] if text.strip() else ''}")


def _on_a_worker(error: TopicsError) -> TopicsError:
    """A worker's own error, saying where it arose: a path it names may well exist on this machine."""
    from topics.errors import InputError

    if "Ray worker" in str(error):
        return error
    if isinstance(error, InputError) and error.source:
        return InputError(f"{error.source} on a Ray worker", error.problem)
    try:  # the same kind of error (a ModelMismatchError stays one), its message tagged
        return type(error)(f"on a Ray worker: {error}")
    except TypeError:
        return TopicsError(f"on a Ray worker: {error}")


def stream_batches(dataset) -> Iterator[dict]:
    """The output blocks of a Ray Dataset as numpy batches, as they finish; a failure
    in the job arrives as a TopicsError with the worker's message."""
    try:
        with quiet_ray_data(dataset):
            yield from dataset.iter_batches(batch_size=None, batch_format="numpy")
    except TopicsError:
        raise
    except Exception as exc:  # Ray's many wrappers around a worker's error
        raise job_failed(exc) from exc
