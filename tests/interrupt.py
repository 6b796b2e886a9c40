"""Ctrl-C to a real `topics embed` once its cache holds a shard, as the interruption tests of both engines do."""

from __future__ import annotations

import re
import signal
import subprocess
import time

# The one line an interrupted embedding prints: how many texts the cache keeps.
KEPT_LINE = re.compile(r"^interrupted: (\d+) of (\d+) texts embedded and kept in the cache; run again to continue$", re.M)


def interrupt_once_a_shard_is_written(command, shards, *, env, cwd=None, wait_s: float = 120, poll_s: float = 0.02,
                                      stop: int = signal.SIGINT):
    """Run ``command``; SIGINT (or ``stop``) as soon as ``shards()`` lists a file. (return code, stdout, stderr).

    The command starts with SIGINT at its default, as from a terminal: a test run started in the background
    of a non-interactive shell ignores SIGINT, and a child would inherit that and never be interrupted."""
    run = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                           preexec_fn=_default_interrupt)
    deadline = time.monotonic() + wait_s
    while not shards():
        assert run.poll() is None, run.communicate()
        assert time.monotonic() < deadline, "no shard written"
        time.sleep(poll_s)
    run.send_signal(stop)
    out, err = run.communicate(timeout=120)
    return run.returncode, out, err


def _default_interrupt() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)
