"""Characters that act instead of showing, and their visible escapes: one definition for every output.

Corpus text may hold control characters (a NUL, an ANSI escape sequence, a carriage return that
overwrites a line), bidi embeddings, overrides and isolates that reorder what follows them
("\\u202egnp.exe" shows as "exe.png"), and invisible format characters (zero-width spaces, the
byte order mark). Each output has its own set of what it must not let through as it stands; every set
is built here from the same ranges, and every escape is written the same way (``\\x1b``, ``\\u202e``):

- :data:`ON_A_LINE`: a terminal line (topics.console), report.md;
- :data:`ON_A_PAGE`: a web page or a spreadsheet cell, which need line breaks, and joiners and
  direction marks for Persian, Arabic and Indic text (topics.report.html, topics.report.csv_safe);
- :data:`IN_JSON`: what ``json.dumps`` leaves raw (it escapes C0 controls itself);
- :data:`IN_A_NAME`: what a theme name or keyword may not hold;
- :data:`SHOWS_NOTHING`: characters without a visible glyph (an "empty" query).
"""

from __future__ import annotations

import re

C0 = "\x00-\x1f"
C0_BUT_LINE_BREAKS = "\x00-\x08\x0b\x0c\x0e-\x1f"  # tab, line feed and carriage return kept
DEL_AND_C1 = "\x7f-\x9f"
BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"  # embeddings, overrides, isolates
# Zero-width space/joiners, direction marks, line and paragraph separators, word joiner and
# invisible operators, byte order mark, interlinear annotation marks.
FORMAT_MARKS = "\u200b-\u200f\u2028\u2029\u2060-\u2065\ufeff\ufff9-\ufffb"
SOFT_HYPHEN = "\u00ad"


def _any_of(*ranges: str) -> re.Pattern:
    return re.compile("[" + "".join(ranges) + "]")


ON_A_LINE = _any_of(C0, DEL_AND_C1, BIDI_CONTROLS, FORMAT_MARKS)
ON_A_LINE_BUT_BREAKS = _any_of("\x00-\x08\x0b-\x1f", DEL_AND_C1, BIDI_CONTROLS, FORMAT_MARKS)  # tab, newline kept
ON_A_PAGE = _any_of(C0_BUT_LINE_BREAKS, DEL_AND_C1, BIDI_CONTROLS)
IN_JSON = _any_of(DEL_AND_C1, BIDI_CONTROLS, FORMAT_MARKS)
IN_A_NAME = _any_of(C0, DEL_AND_C1, BIDI_CONTROLS)
SHOWS_NOTHING = _any_of(C0, DEL_AND_C1, SOFT_HYPHEN, BIDI_CONTROLS, FORMAT_MARKS)


def escape(match: re.Match) -> str:
    r"""The visible escape of one matched character: ``\xNN`` below U+0100, else ``\uNNNN``."""
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escaped(text: str, pattern: re.Pattern = ON_A_PAGE) -> str:
    """``text`` with every character ``pattern`` matches written as its visible escape. An escape
    is plain ASCII, so escaping twice changes nothing (an escaped text compares with a raw one
    after escaping both)."""
    return pattern.sub(escape, text) if pattern.search(text) else text


def shown_on_a_page(text: str) -> str:
    """``text`` with what a web page or a spreadsheet would act on (controls, bidi overrides) as
    visible escapes; line breaks, joiners and direction marks, which scripts need, are kept."""
    return escaped(text, ON_A_PAGE)


# A notebook's MathJax typesets "$...$" in HTML output ("$1.36 ... $2" as a formula) except inside an
# element of these classes (Jupyter Notebook's and JupyterLab's): every HTML repr of corpus text uses them.
NOTEBOOK_NO_MATH = "tex2jax_ignore mathjax_ignore"


def json_escaped(document: str) -> str:
    """A JSON text with the characters of :data:`IN_JSON` written as ``\\uNNNN``: the same JSON
    value (outside strings JSON holds only ASCII, and no escape of ``json.dumps`` ends in one)."""
    return IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", document)
