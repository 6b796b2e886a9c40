"""Ctrl-C while the `topics` command still imports its libraries: one line and exit 130, no traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Run in the child before the console script's entry point: the first import of typer (the command line's first
# library) sends the child a SIGINT, as a Ctrl-C landing while the libraries load. No clock: it lands every time.
INTERRUPT_ON_IMPORT = """
import os, signal, sys

class InterruptOnImport:
    def find_spec(self, name, path=None, target=None):
        if name == "typer":
            os.kill(os.getpid(), signal.SIGINT)
        return None

sys.meta_path.insert(0, InterruptOnImport())
"""


def console_script() -> tuple[str, str]:
    """(module, function) the installed `topics` command runs, as pyproject names it."""
    target = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]["topics"]
    module, function = target.split(":")
    return module, function


def interrupted_while_importing(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", INTERRUPT_ON_IMPORT + code, "--help"], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT)},
                          preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))  # as from a terminal


def test_ctrl_c_while_the_console_script_imports_is_one_line_and_exit_130():
    module, function = console_script()
    result = interrupted_while_importing(f"from {module} import {function}; {function}()")
    assert "Traceback" not in result.stderr, result.stderr
    assert (result.returncode, result.stderr) == (130, "interrupted\n")


def test_python_m_topics_is_guarded_the_same_way():
    result = interrupted_while_importing("import runpy; runpy.run_module('topics', run_name='__main__')")
    assert "Traceback" not in result.stderr, result.stderr
    assert (result.returncode, result.stderr) == (130, "interrupted\n")


def test_without_an_interruption_the_console_script_runs_the_command_line():
    module, function = console_script()
    result = subprocess.run([sys.executable, "-c", f"from {module} import {function}; {function}()", "--help"], cwd=ROOT,
                            capture_output=True, text=True, timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0 and "embed" in result.stdout, result.stderr
