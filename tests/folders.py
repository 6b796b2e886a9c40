"""Folders in tests: whether one can really be written (root writes through chmod)."""

from __future__ import annotations

from pathlib import Path


def writable(folder: Path) -> bool:
    """True when a folder can be made inside ``folder`` (the probe is removed again)."""
    probe = Path(folder) / ".topics-probe"
    try:
        probe.mkdir()
    except OSError:
        return False
    probe.rmdir()
    return True
