"""Wall time, CPU time and peak memory of one call, measured in this process."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass


@dataclass
class Measured:
    result: object
    seconds: float
    cpu_seconds: float
    peak_extra_gib: float  # resident memory above what the process held before the call


def measured(function, *args, **kwargs) -> Measured:
    """Call ``function``; sample the process's resident memory every 20 ms while it runs."""
    import psutil

    process = psutil.Process()
    baseline = process.memory_info().rss
    peak = [baseline]
    done = threading.Event()

    def sample():
        while not done.wait(0.02):
            peak[0] = max(peak[0], process.memory_info().rss)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    cpu0, wall0 = time.process_time(), time.perf_counter()
    try:
        result = function(*args, **kwargs)
    finally:
        wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
        done.set()
        sampler.join()
    peak[0] = max(peak[0], process.memory_info().rss)
    return Measured(result, wall, cpu, (peak[0] - baseline) / 2**30)


class StagePeaks:
    """Peak resident memory inside named stages (nested stages allowed), sampled every 20 ms.

    ``wrap(function, name)`` returns ``function`` recording, under ``name``, the highest RSS
    (GiB, the whole process) seen while it ran; a stage run several times keeps its highest.
    """

    def __init__(self):
        import psutil

        self._process = psutil.Process()
        self._open: list[list[int]] = []
        self._lock = threading.Lock()
        self.peak_gib: dict[str, float] = {}
        self._done = threading.Event()
        self._sampler = threading.Thread(target=self._sample, daemon=True)
        self._sampler.start()

    def _rss(self) -> int:
        return self._process.memory_info().rss

    def _sample(self):
        while not self._done.wait(0.02):
            rss = self._rss()
            with self._lock:
                for slot in self._open:
                    slot[0] = max(slot[0], rss)

    def wrap(self, function, name: str):
        def wrapper(*args, **kwargs):
            slot = [self._rss()]
            with self._lock:
                self._open.append(slot)
            try:
                return function(*args, **kwargs)
            finally:
                with self._lock:
                    # By identity: nested stages can hold equal values, and list.remove compares them.
                    self._open = [open_slot for open_slot in self._open if open_slot is not slot]
                peak = max(slot[0], self._rss()) / 2**30
                self.peak_gib[name] = max(self.peak_gib.get(name, 0.0), peak)

        return wrapper

    def stop(self):
        self._done.set()
        self._sampler.join()
