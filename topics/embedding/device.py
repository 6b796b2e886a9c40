"""Where the torch backend runs: a CUDA GPU when torch can use one, else the CPU.

Importing torch to ask it takes seconds (about 4 s with CUDA's start on a GPU machine), which neither
a CPU machine's first run nor a cached re-run anywhere should pay: the choice is read from what is
installed (an NVIDIA driver, a torch build that is not the CPU-only one), and torch itself confirms it
only when the model is loaded (:func:`torch_sees_gpu`), falling back to the CPU where it cannot.
"""

from __future__ import annotations

import functools
import os
import shutil
from importlib import metadata
from pathlib import Path

NVIDIA_GPUS = Path("/proc/driver/nvidia/gpus")  # one folder per GPU where Linux has the driver loaded
# Local version labels of torch builds without CUDA ("2.13.0+cpu"); PyPI's Linux wheels carry none and hold CUDA.
NO_CUDA_BUILDS = ("+cpu", "+rocm")


def resolve_device(device: str | None) -> str:
    """``device`` as given, or for None "cuda" where a GPU looks usable (:func:`cuda_available`), else "cpu"."""
    if device is None:
        return "cuda" if cuda_available() else "cpu"
    return device


@functools.cache
def cuda_available() -> bool:
    """Whether torch should be able to use an NVIDIA GPU here, read without importing torch: a driver is
    installed, CUDA_VISIBLE_DEVICES does not hide every GPU, and the installed torch is a CUDA build."""
    if not _nvidia_driver_installed() or os.environ.get("CUDA_VISIBLE_DEVICES", "0").strip() in ("", "-1"):
        return False
    try:
        return cuda_build(metadata.version("torch"))
    except metadata.PackageNotFoundError:
        return False


def cuda_build(torch_version: str) -> bool:
    """Whether a torch release of this version string may hold CUDA (not a CPU-only or ROCm build)."""
    return not any(label in torch_version for label in NO_CUDA_BUILDS)


def confirmed_device(device: str, model_name: str) -> str:
    """``device``, a GPU chosen from what is installed, where torch can use it; else "cpu", with a note:
    the model runs with torch on the CPU (its vectors, under the same model id)."""
    if torch_sees_gpu():
        return device
    from topics.console import print_error

    print_error(f"note: torch cannot use a GPU here, so {model_name} runs with torch on the CPU (--backend onnx is faster there)")
    return "cpu"


def torch_sees_gpu() -> bool:
    """torch's own answer (imports torch and starts CUDA): asked when a model is loaded for the GPU."""
    import torch

    return bool(torch.cuda.is_available())


def _nvidia_driver_installed() -> bool:
    try:
        if any(NVIDIA_GPUS.iterdir()):
            return True
    except OSError:
        pass
    return shutil.which("nvidia-smi") is not None
