"""Corpus strings on a terminal: plain text, control characters made visible.

Titles, ids and texts come from the corpus and may hold anything: console
markup (``[link=...]``, ``[/]``), ANSI escape sequences (``\\x1b[2J`` clears
the screen, OSC 8 makes hyperlinks), carriage returns that overwrite a line,
bidirectional overrides that reorder it. Every command prints such strings
through this module: :func:`visible` turns each control or format character
into a visible ``\\xNN`` / ``\\uNNNN`` escape, and the printers write text
without markup interpretation.
"""

from __future__ import annotations

import sys
from typing import TextIO

from topics.controls import ON_A_LINE, ON_A_LINE_BUT_BREAKS, escaped


def visible(text, *, multiline: bool = False) -> str:
    r"""``text`` with control and invisible format characters shown as escapes (``\\x1b``, ``\\u202e``).

    With ``multiline``, newlines and tabs are kept; otherwise they are escaped too.
    The bytes of a file name that are not UTF-8 (which Python keeps as lone surrogates) show as the ``\xNN``
    they are; other unpaired surrogates as ``\udNNN`` escapes.
    """
    text = str(text)
    if any("\ud800" <= c <= "\udfff" for c in text):
        try:
            text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:  # a surrogate no file name holds
            text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return escaped(text, ON_A_LINE_BUT_BREAKS if multiline else ON_A_LINE)


def text(value):
    r"""A rich ``Text`` of ``value`` (for table cells): never parsed as markup, controls visible."""
    from rich.text import Text

    return Text(visible(value, multiline=True))


def print_plain(line: str = "", *, stream: TextIO | None = None) -> None:
    """Write ``line`` (already built from :func:`visible` parts or trusted text) and a newline."""
    stream = stream or sys.stdout
    stream.write(visible(line, multiline=True) + "\n")
    stream.flush()


def print_error(message: str) -> None:
    """``message`` on stderr, as one plain line (for ``error: <path>: <problem>`` and warnings)."""
    sys.stderr.write(visible(" ".join(str(message).split("\n"))) + "\n")
    sys.stderr.flush()

