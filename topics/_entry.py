"""The `topics` console script. It imports the command line inside a guard: a Ctrl-C while the libraries still
load (seconds on a loaded machine, before the command line's own handler is installed) is one line and exit 130,
as an interruption later is, not Python's traceback. Nothing has been written by then."""

from __future__ import annotations

import sys


def main() -> None:
    try:
        from topics.cli import main as command_line
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")  # plain: importing the console helpers could be interrupted too
        raise SystemExit(130) from None
    command_line()


if __name__ == "__main__":
    main()
