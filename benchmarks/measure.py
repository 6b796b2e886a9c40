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
