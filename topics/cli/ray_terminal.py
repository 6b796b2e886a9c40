"""Keeping Ray's own output out of the terminal of a command run with ``--engine ray``.

Ray writes to the process's stderr from several places: its C++ core (straight to file
descriptor 2), its Python loggers (bound to ``sys.stderr`` when Ray is imported), and
warnings; and it prints the cluster's error reports on ``sys.stdout``. Inside
:class:`RayTerminal`, file descriptor 2 and ``sys.stdout`` go to a file, while ``sys.stderr``
(our messages, our progress bar) still reaches the user's terminal:

- until the job starts, Ray's output is held in a temporary file; once it starts, that is
  moved into ``topics-<command>-<pid>.log`` in the log folder of the Ray cluster, where Ray's
  later output goes too, and one line on stderr says where;
- warnings of the toolkit are shown as usual, everybody else's (Ray's) go to the log;
- on leaving, Ray is shut down (unless this process was connected before) while its output
  still goes to the log, and only then is the terminal given back, so the command's last
  line is its own.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import warnings
from pathlib import Path

LOG_NAME = "topics-{command}-{pid}.log"


def ray_log_folder(ray) -> Path:
    """The log folder Ray keeps for the cluster this process is connected to (a temporary folder for a
    Ray Client connection, whose logs are kept on another machine)."""
    node = getattr(getattr(ray, "_private", None), "worker", None)
    node = getattr(node, "_global_node", None)
    try:
        return Path(node.get_logs_dir_path())
    except (AttributeError, OSError, TypeError):
        folder = Path(tempfile.gettempdir()) / "topics-ray-logs"
        folder.mkdir(parents=True, exist_ok=True)
        return folder


class RayTerminal:
    """Context manager: Ray's stderr into a log file while a Ray job runs (see the module notes).

    ``job_started()`` is called once the cluster is connected and the job is under way (the
    first progress report does it); ``log_path`` is then the file Ray's output goes to.
    """

    def __init__(self, command: str):
        self.command = command
        self.log_path: Path | None = None
        self._log = None
        self._held = None

    def __enter__(self) -> RayTerminal:
        from topics.distributed._ray import require_ray

        # Imported first: Ray's loggers bind to the sys.stderr of that moment, which keeps writing
        # to descriptor 2 (the log) once sys.stderr below is the terminal.
        self._ray = require_ray()
        self._connected_before = self._ray.is_initialized()  # a connection of the caller's is left open
        sys.stdout.flush()
        sys.stderr.flush()
        self._process_stderr = sys.stderr
        self._terminal_fd = os.dup(2)
        if _writes_to_fd2(sys.stderr):
            self._terminal = os.fdopen(os.dup(self._terminal_fd), "w", encoding=getattr(sys.stderr, "encoding", None) or "utf-8",
                                       errors="backslashreplace", buffering=1)
            sys.stderr = self._terminal
        else:  # stderr already captured in Python (a test runner, a notebook): it stays as it is
            self._terminal = sys.stderr
        self._held = tempfile.TemporaryFile()
        os.dup2(self._held.fileno(), 2)
        # Ray prints its cluster's error reports ("(raylet) Task ... failed") on sys.stdout from a thread
        # of its own; stdout is the command's results, so while Ray runs it writes to descriptor 2 too.
        self._process_stdout = sys.stdout
        sys.stdout = open(2, "w", encoding="utf-8", errors="backslashreplace", buffering=1, closefd=False)
        self._show_warning, warnings.showwarning = warnings.showwarning, self._route_warning
        return self

    @property
    def terminal(self):
        """The user's stderr (what ``sys.stderr`` is inside the block)."""
        return self._terminal

    def job_started(self) -> None:
        """From now on Ray's output goes to its log file (once: later calls do nothing)."""
        if self._log is not None or self._held is None:
            return
        try:
            self.log_path = ray_log_folder(self._ray) / LOG_NAME.format(command=self.command, pid=os.getpid())
            self._log = open(self.log_path, "ab")
        except OSError as exc:
            self._terminal.write(f"note: Ray's messages are dropped: no log file can be written ({exc.strerror or exc})\n")
            self.log_path, self._log = None, open(os.devnull, "ab")
        self._process_stderr.flush()
        sys.stdout.flush()
        self._held.seek(0)
        shutil.copyfileobj(self._held, self._log)
        self._log.flush()
        os.dup2(self._log.fileno(), 2)
        self._held.close()
        self._held = None
        if self.log_path is not None:
            from topics.console import print_error

            print_error(f"note: Ray's messages go to {self.log_path}")

    def _route_warning(self, message, category, filename, lineno, file=None, line=None) -> None:
        from topics.errors import TopicsWarning

        if issubclass(category, TopicsWarning):
            self._show_warning(message, category, filename, lineno, file, line)
        else:
            os.write(2, warnings.formatwarning(message, category, filename, lineno, line).encode("utf-8", "backslashreplace"))

    def __exit__(self, *exc_info) -> None:
        try:
            if self._ray.is_initialized():
                self.job_started()  # a job that failed before its first batch still has its log
                if not self._connected_before:
                    self._ray.shutdown()  # its last words still go to the log
        finally:
            self._process_stderr.flush()
            ray_stdout, sys.stdout = sys.stdout, self._process_stdout
            ray_stdout.close()  # flushed into the log; descriptor 2 stays open
            os.dup2(self._terminal_fd, 2)
            os.close(self._terminal_fd)
            if self._held is not None:
                # Ray never came up (no log folder): what it printed may explain why, so it is shown.
                self._held.seek(0)
                held = self._held.read()
                self._held.close()
                if held:
                    self._terminal.write(held.decode("utf-8", "backslashreplace"))
            warnings.showwarning = self._show_warning
            self._terminal.flush()
            if self._terminal is not self._process_stderr:
                sys.stderr = self._process_stderr
                self._terminal.close()
            if self._log is not None:
                self._log.close()


def _writes_to_fd2(stream) -> bool:
    try:
        return stream.fileno() == 2
    except (AttributeError, OSError, ValueError):
        return False
