"""What the benchmarks ran on: CPU, cores, clock, fp32 peak, library versions.

The fp32 peak is an estimate from the clock the OS reports::

    peak GFLOP/s = cores x clock (GHz) x FLOPs per cycle per core
    FLOPs per cycle per core = FMA units x fp32 lanes per vector x 2 (an FMA is 2 FLOPs)

With AVX2 + FMA (256-bit vectors: 8 fp32 lanes) and two FMA pipes per core
(Zen 2-4, Haswell and later) that is 2 x 8 x 2 = 32 FLOPs per cycle. Zen 4
runs AVX-512 as two 256-bit halves, so its peak is the same.
"""

from __future__ import annotations

import os
import platform
import re
from functools import lru_cache
from importlib import metadata
from pathlib import Path

FMA_UNITS_PER_CORE = 2
FP32_LANES_AVX2 = 8
FLOPS_PER_FMA = 2

LIBRARIES = (
    "topics", "numpy", "scipy", "scikit-learn", "torch", "sentence-transformers", "transformers",
    "onnxruntime", "optimum", "umap-learn", "pynndescent", "numba", "hdbscan", "bertopic", "pandas",
    "pyarrow",
)


def _cpuinfo() -> str:
    try:
        return Path("/proc/cpuinfo").read_text()
    except OSError:
        return ""


def cpu_model() -> str:
    match = re.search(r"^model name\s*:\s*(.+)$", _cpuinfo(), re.M)
    return match.group(1).strip() if match else (platform.processor() or platform.machine())


def cpu_flags() -> set[str]:
    match = re.search(r"^flags\s*:\s*(.+)$", _cpuinfo(), re.M)
    return set(match.group(1).split()) if match else set()


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def clock_ghz() -> tuple[float, str]:
    """The highest clock the OS reports, and where it was read."""
    max_freq = Path("/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq")
    try:
        return int(max_freq.read_text()) / 1e6, str(max_freq)
    except (OSError, ValueError):
        pass
    mhz = [float(m) for m in re.findall(r"^cpu MHz\s*:\s*([\d.]+)$", _cpuinfo(), re.M)]
    if mhz:
        return max(mhz) / 1000, "/proc/cpuinfo 'cpu MHz'"
    return float("nan"), "unknown"


def fp32_peak_gflops(cores: int | None = None) -> dict:
    cores = cores or usable_cores()
    ghz, source = clock_ghz()
    flags = cpu_flags()
    lanes = FP32_LANES_AVX2 if {"avx2", "fma"} <= flags else 4  # SSE: 4 lanes, no FMA assumed
    fma_units = FMA_UNITS_PER_CORE if "fma" in flags else 1
    per_cycle = fma_units * lanes * FLOPS_PER_FMA
    return {
        "fp32_peak_gflops": round(cores * ghz * per_cycle, 1),
        "peak_formula": f"{cores} cores x {ghz:.3f} GHz x {per_cycle} FLOP/cycle "
        f"({fma_units} FMA units x {lanes} fp32 lanes x 2)",
        "clock_ghz": round(ghz, 3),
        "clock_source": source,
    }


def library_versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def memory_gib() -> float:
    try:
        match = re.search(r"^MemTotal:\s*(\d+) kB", Path("/proc/meminfo").read_text(), re.M)
        return round(int(match.group(1)) / 2**20, 1)
    except (OSError, AttributeError):
        return float("nan")


def load_average() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


@lru_cache(maxsize=1)
def _static_description() -> dict:
    flags = cpu_flags()
    return {
        "cpu_model": cpu_model(),
        "cores": usable_cores(),
        "simd": sorted(flags & {"avx2", "fma", "avx512f", "avx512_vnni", "avx512_bf16", "avx_vnni"}),
        **fp32_peak_gflops(),
        "memory_gib": memory_gib(),
        "os": platform.platform(),
        "versions": library_versions(),
    }


def describe() -> dict:
    """The machine, with the load average at the time of the call (others may share the cores)."""
    return {**_static_description(), "load_average_1_5_15min": load_average()}
