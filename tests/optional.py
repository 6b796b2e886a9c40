"""Optional dependencies in tests: skipped on a developer's machine without them, a failure under CI.

CI installs every extra, so a missing ``ray`` or ``faiss`` there means a broken install, not a
test to skip (CI sets ``CI=true``).
"""

from __future__ import annotations

import importlib
import os

import pytest


def need(module: str):
    """The imported module; without it, skip the test (fail under CI)."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        return importlib.import_module(module)
    return pytest.importorskip(module)
