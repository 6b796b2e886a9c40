"""The `topics` command line: thin wrappers over the library.

Exit codes: 0 success, 1 bad input or a failed step (the message names the
file and the problem), 2 wrong command-line usage, 130 interrupted (Ctrl-C, or SIGTERM as
`docker stop`, systemd and CI runners send it).
"""

from __future__ import annotations

import signal
import sys

import typer

from topics.errors import TopicsError

app = typer.Typer(
    name="topics",
    help="Semantic similarity and topic clustering for news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def _options(
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress lines on stderr where it is not a terminal (a log); warnings and errors still."),
) -> None:
    from topics.cli._common import QUIET

    QUIET["on"] = quiet


# Each command lives in its own module and registers itself on `app`.
from topics.cli import embed_cmd, ingest_cmd, prepare_cmd, report_cmd, similar_cmd, themes_cmd  # noqa: E402,F401


def main() -> None:
    import warnings

    from topics.console import print_error

    warnings.showwarning = _show_warning
    _usage_errors_as_error_lines()
    signal.signal(signal.SIGTERM, _stop_on_term)
    _outputs_take_any_text()
    try:
        try:
            app()
        finally:
            _flush_results()  # what is still buffered is written here, where a failure can be reported
    except StandardOutputFailed as exc:
        print_error(f"error: cannot write to standard output: {exc.reason}")
        raise SystemExit(1) from None
    except TopicsError as exc:
        # Plain text: the message may hold brackets or control characters from user data.
        print_error(f"error: {exc}")
        raise SystemExit(1) from None
    except OSError as exc:
        # The file system said no (a read-only folder, a file in the way, a full disk): name the path.
        where = f"{exc.filename}: " if exc.filename else ""
        print_error(f"error: {where}{exc.strerror or exc}")
        raise SystemExit(1) from None
    except KeyboardInterrupt as stop:
        print_error(str(stop) or "interrupted")
        raise SystemExit(130) from None
    except SystemExit as exc:
        # typer turns Ctrl-C into a silent exit 130; the interruption is the exit's cause.
        stop = _interruption(exc) if exc.code == 130 else None
        if stop is not None:
            print_error(str(stop) or "interrupted")
        raise


def _usage_errors_as_error_lines() -> None:
    """Wrong usage (exit 2) said as every other failure is, ``error: <problem>`` after the usage line, not in
    typer's "Error" box: one form for a script to grep and for a reader to recognise."""
    try:  # typer's error printer, where this typer has one (without rich, or in another layout: typer's own way)
        from typer import rich_utils

        shown_by_typer = rich_utils.rich_format_error
    except (ImportError, AttributeError):
        return

    def show(exc) -> None:
        from topics.console import print_error

        if type(exc).__name__ == "NoArgsIsHelpError":  # the help was printed: typer's own way (it prints nothing)
            return shown_by_typer(exc)
        ctx = getattr(exc, "ctx", None)
        if ctx is not None:
            print_error(ctx.get_usage())
            if ctx.command.get_help_option(ctx) is not None:
                print_error(f"Try '{ctx.command_path} {ctx.help_option_names[0]}' for help.")
        print_error(f"error: {exc.format_message()}")

    rich_utils.rich_format_error = show


def _outputs_take_any_text() -> None:
    """Corpus text reaches stdout and stderr: a character their encoding cannot hold (an ASCII locale, a Windows
    console) is written as an escape, not a traceback after the work. A closed stdout (``>&-``) is refused."""
    from topics.console import print_error

    if sys.stdout is None:
        if sys.stderr is not None:
            print_error("error: standard output is closed: nowhere to write the results")
        raise SystemExit(1)
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    sys.stdout = _StandardOutput(sys.stdout)


class StandardOutputFailed(OSError):
    """Standard output could not be written (a full disk behind ``> file``, /dev/full, an I/O error): said as such,
    not as a failure of the work. A reader that stopped early (EPIPE, ``| head``) stays a plain OSError: silent."""

    def __init__(self, exc: OSError):
        from topics._atomic import os_problem

        super().__init__(exc.errno, exc.strerror)
        self.reason = os_problem(exc)


class _StandardOutput:
    """``sys.stdout``, whose write and flush failures are :class:`StandardOutputFailed`; all else as the stream's."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text):
        try:
            return self._stream.write(text)
        except OSError as exc:
            raise _output_error(exc) from None

    def flush(self):
        try:
            return self._stream.flush()
        except OSError as exc:
            raise _output_error(exc) from None

    def __getattr__(self, name):
        return getattr(self._stream, name)


def _output_error(exc: OSError) -> OSError:
    import errno

    return exc if exc.errno == errno.EPIPE or isinstance(exc, StandardOutputFailed) else StandardOutputFailed(exc)


def _flush_results() -> None:
    """Flush stdout before the interpreter does at exit, where a failure would be an "Exception ignored" report."""
    import errno
    import os

    try:
        sys.stdout.flush()
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise
        # The reader stopped early: nothing more to say to it, and nothing left for the exit to flush.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _stop_on_term(signum, frame) -> None:
    # A polite stop is a Ctrl-C: what embedding finished is kept in the cache, no output is half written.
    raise KeyboardInterrupt


def _interruption(exc: BaseException) -> KeyboardInterrupt | None:
    """The KeyboardInterrupt (an EmbeddingInterrupted says what was kept) behind ``exc``, if any."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, KeyboardInterrupt):
            return exc
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return None


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """Warnings as one clean line (``warning: ...``), not Python's file:line report with source."""
    from topics.console import print_error

    print_error(f"warning: {message}")
