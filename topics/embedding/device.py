"""Where the torch backend runs: a CUDA GPU when torch can use one, else the CPU.

Only torch can say whether it sees a GPU, and importing it takes a second or two, which a CPU
machine's first run should not pay: torch is asked only where an NVIDIA driver is installed.
"""

from __future__ import annotations

import functools
import shutil
from pathlib import Path

NVIDIA_GPUS = Path("/proc/driver/nvidia/gpus")  # one folder per GPU where Linux has the driver loaded


def resolve_device(device: str | None) -> str:
    """``device`` as given, or for None the GPU torch can use ("cuda"), else "cpu"."""
    if device is None:
        return "cuda" if cuda_available() else "cpu"
    return device


@functools.cache
def cuda_available() -> bool:
    if not _nvidia_driver_installed():
        return False
    try:
        import torch
    except ImportError:
        return False
    return bool(torch.cuda.is_available())


def _nvidia_driver_installed() -> bool:
    try:
        if any(NVIDIA_GPUS.iterdir()):
            return True
    except OSError:
        pass
    return shutil.which("nvidia-smi") is not None
