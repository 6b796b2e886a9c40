"""Which process wrote a leftover, where it ran, and whether it still runs: the proof :mod:`topics._atomic` asks
before it removes a staging folder, a backup or a temporary file that a killed run left.

A process id means something only in one PID namespace on one host, so where a writer ran (host, the machine's
boot, PID namespace) is recorded with it and a leftover is judged only there. Without an existence check of a
process (Windows: ``os.kill(pid, 0)`` sends CTRL_C_EVENT) a writer counts as running.
Owns that test. Imports nothing of the package.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import socket
from pathlib import Path


def boot_id() -> str | None:
    try:
        with open("/proc/sys/kernel/random/boot_id", encoding="ascii") as handle:
            return handle.read().strip()
    except OSError:  # not Linux: the process id alone says whether the writer runs
        return None


def pid_namespace() -> int | None:
    """The inode of this process's PID namespace (two containers on one host differ), or None where not readable."""
    with contextlib.suppress(OSError):
        return os.stat("/proc/self/ns/pid").st_ino
    return None


def place_of(host, boot, namespace) -> str:
    """Where a process runs, in 20 hex digits (for a file name): host (8), the machine's boot (4), PID namespace (8)."""
    return "".join(hashlib.blake2b(str(value).encode(), digest_size=4).hexdigest()[:width]
                   for value, width in ((host, 8), (boot, 4), (namespace, 8)))


def host_name() -> str:
    """This machine: its host name and, where there is one, its machine id (two machines may share a name:
    "localhost", clones)."""
    machine = ""
    with contextlib.suppress(OSError):
        with open("/etc/machine-id", encoding="ascii") as handle:
            machine = handle.read().strip()
    return f"{socket.gethostname()}/{machine}" if machine else socket.gethostname()


def place_here() -> str:
    """Where this process runs (:func:`place_of`)."""
    return place_of(host_name(), boot_id(), pid_namespace())


def elsewhere(place: str | None) -> bool:
    """Whether a writer at ``place`` ran on another host or in another PID namespace (or where was not recorded)."""
    current = place_here()
    return place is None or place[:8] != current[:8] or place[12:] != current[12:]


def marker_place(marker: dict | None) -> str | None:
    """Where the writer of ``marker`` ran (a marker of before it was recorded: nowhere known, never here)."""
    return None if marker is None else place_of(marker.get("host"), marker.get("boot"), marker.get("pid_namespace"))


def start_time(pid: int) -> str | None:
    """When the process ``pid`` started (clock ticks since boot), or None where it cannot be read."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
        return stat.rsplit(")", 1)[1].split()[19]  # field 22; the command in parentheses may hold spaces
    except (OSError, IndexError):
        return None


def writer_gone(pid: int, started: str | None, place: str | None) -> bool:
    """Whether the process ``pid`` (started at ``started``, where known) that wrote a leftover no longer runs.
    ``place``: where it ran (:func:`place_here`); None where not recorded (a folder without a marker, where only what
    loses nothing is done), judged by the process id alone."""
    if place is not None:
        current = place_here()
        if place[:8] != current[:8]:
            return False  # another machine's (or container's) writer: its ids mean nothing here
        if place[8:12] != current[8:12]:
            return True  # this machine restarted since: no writer of then runs, whatever process has the id now
        if place[12:] != current[12:]:
            return False  # another PID namespace on this host: its ids mean nothing here
    if os.name == "nt":
        return False  # os.kill(pid, 0) sends CTRL_C_EVENT there: no existence check, so no proof
    if pid != os.getpid():
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        except OSError:  # exists, owned by someone else
            pass
    now = start_time(pid)
    return started is not None and now is not None and now != started  # the id is another process's now
