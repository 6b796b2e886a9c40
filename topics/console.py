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

import re
import sys
from typing import TextIO

# C0 and C1 controls (tab and newline kept where allowed), DEL, and Unicode
# format characters that change how a line is shown (bidi overrides, isolates, zero-width marks).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]")
_CONTROL_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text, *, multiline: bool = False) -> str:
    r"""``text`` with control and invisible format characters shown as escapes (``\\x1b``, ``\\u202e``).

    With ``multiline``, newlines and tabs are kept; otherwise they are escaped too.
    Unpaired surrogates (from undecodable file names) become ``\udcNN`` escapes.
    """
    text = str(text)
    if any("\ud800" <= c <= "\udfff" for c in text):
        text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    pattern = _CONTROL if multiline else _CONTROL_ONE_LINE
    return pattern.sub(_escape, text)


# What a page must not render as it stands: C0 controls but line breaks and tabs (a NUL, an escape
# sequence), DEL, C1 controls and the bidi embeddings, overrides and isolates that reorder what
# follows them ("\u202egnp.exe" shows as "exe.png"). Joiners and direction marks stay: Persian,
# Arabic and Indic text needs them.
_UNSHOWN_ON_A_PAGE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def shown_on_a_page(text: str) -> str:
    r"""``text`` with the characters a web page would act on (controls, bidi overrides) as visible
    ``\xNN`` / ``\uNNNN`` escapes; everything a script needs to be read is kept."""
    return _UNSHOWN_ON_A_PAGE.sub(_escape, text) if _UNSHOWN_ON_A_PAGE.search(text) else text


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


# json.dumps escapes C0 controls in strings itself; the line breaks and indents between values stay.
_JSON_INVISIBLE = re.compile("[\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]")


def escape_json_invisibles(document: str) -> str:
    """A JSON text with C1 controls and format characters written as ``\\uNNNN`` (same JSON value)."""
    return _JSON_INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", document)
