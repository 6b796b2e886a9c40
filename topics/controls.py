"""Characters that act instead of showing, and their visible escapes: one definition for every output.

Corpus text may hold control characters (a NUL, an ANSI escape sequence, a carriage return that
overwrites a line), bidi embeddings, overrides and isolates that reorder what follows them
("\\u202egnp.exe" shows as "exe.png"), and invisible format characters (zero-width spaces, the
byte order mark, the word joiner, tag characters that can carry a whole hidden text). Each output has
its own set of what it must not let through as it stands; every set is built here from the same ranges,
and every escape is written the same way (``\\x1b``, ``\\u202e``, ``\\U000e0041``):

- :data:`ON_A_LINE`: a terminal line (topics.console), report.md;
- :data:`ON_A_PAGE`: a web page or a spreadsheet cell, which need line breaks, and joiners and
  direction marks for Persian, Arabic and Indic text (topics.report.html, topics.report.csv_safe);
  every other invisible format character shows as its escape there, as on a terminal, so that a
  "Ka\\u200bbul" is told apart from "Kabul" and no hidden text rides along; the tag characters of a
  flag emoji (a black flag, tags, a cancel tag: England's) stay, as they draw the flag;
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
# The joiners and direction marks that Persian, Arabic and Indic text needs (ZWNJ, ZWJ, LRM, RLM, ALM).
SCRIPT_MARKS = "\u200c-\u200f\u061c"
# Every other format character (Unicode category Cf) that draws nothing: the Mongolian vowel separator, the
# zero-width space, the word joiner and invisible operators, the deprecated format controls, the byte order mark,
# interlinear annotation marks, Egyptian, shorthand and musical format controls, language tag and tag characters.
# Left out: the soft hyphen (a hyphenation point, kept as written) and the number and end-of-ayah signs of
# Arabic, Syriac and Kaithi, which draw a sign over the digits that follow (tests/test_bad_input.py checks
# that every Cf character of this Python's Unicode is in one of these sets).
INVISIBLE_FORMAT = ("\u180e\u200b\u2060-\u2065\u206a-\u206f\ufeff\ufff9-\ufffb\U00013430-\U0001343f"
                    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f")
LINE_SEPARATORS = "\u2028\u2029"
FORMAT_MARKS = SCRIPT_MARKS + INVISIBLE_FORMAT + LINE_SEPARATORS
SOFT_HYPHEN = "\u00ad"
SIGNS_OVER_DIGITS = "\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\U000110bd\U000110cd"
# A subdivision flag emoji: a black flag, its region as tag letters and digits, a cancel tag (England's, Wales's).
FLAG_TAGS = "\U0001f3f4[\U000e0020-\U000e007e]{1,31}\U000e007f"


def _any_of(*ranges: str) -> re.Pattern:
    return re.compile("[" + "".join(ranges) + "]")


ON_A_LINE = _any_of(C0, DEL_AND_C1, BIDI_CONTROLS, FORMAT_MARKS)
ON_A_LINE_BUT_BREAKS = _any_of("\x00-\x08\x0b-\x1f", DEL_AND_C1, BIDI_CONTROLS, FORMAT_MARKS)  # tab, newline kept
# A flag's tags match whole first and are given back as they are (:func:`escape`).
ON_A_PAGE = re.compile(f"{FLAG_TAGS}|[{C0_BUT_LINE_BREAKS}{DEL_AND_C1}{BIDI_CONTROLS}{INVISIBLE_FORMAT}]")
IN_JSON = _any_of(DEL_AND_C1, BIDI_CONTROLS, FORMAT_MARKS)
IN_A_NAME = _any_of(C0, DEL_AND_C1, BIDI_CONTROLS)
SHOWS_NOTHING = _any_of(C0, DEL_AND_C1, SOFT_HYPHEN, BIDI_CONTROLS, FORMAT_MARKS)


def escape(match: re.Match) -> str:
    r"""The visible escape of one matched character: ``\xNN`` below U+0100, ``\uNNNN`` below U+10000, else
    ``\UNNNNNNNN``; a match of several characters (a flag's tags, :data:`ON_A_PAGE`) stays as it is."""
    found = match.group()
    if len(found) != 1:
        return found
    code = ord(found)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def escaped(text: str, pattern: re.Pattern = ON_A_PAGE) -> str:
    """``text`` with every character ``pattern`` matches written as its visible escape. An escape
    is plain ASCII, so escaping twice changes nothing (an escaped text compares with a raw one
    after escaping both)."""
    return pattern.sub(escape, text) if pattern.search(text) else text


def shown_on_a_page(text: str) -> str:
    """``text`` with what a web page or a spreadsheet would act on (controls, bidi overrides) or hide (zero-width
    and other invisible format characters) as visible escapes; line breaks, joiners and direction marks, which
    scripts need, and a flag emoji's tags are kept."""
    return escaped(text, ON_A_PAGE)


# A notebook's MathJax typesets "$...$" in HTML output ("$1.36 ... $2" as a formula) except inside an
# element of these classes (Jupyter Notebook's and JupyterLab's): every HTML repr of corpus text uses them.
NOTEBOOK_NO_MATH = "tex2jax_ignore mathjax_ignore"


def json_escaped(document: str) -> str:
    """A JSON text with the characters of :data:`IN_JSON` written as ``\\uNNNN``: the same JSON
    value (outside strings JSON holds only ASCII, and no escape of ``json.dumps`` ends in one)."""
    return IN_JSON.sub(_json_escape, document)


def _json_escape(match: re.Match) -> str:
    code = ord(match.group())
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000  # past the Basic Multilingual Plane: JSON writes the UTF-16 surrogate pair
    return f"\\u{0xd800 + (code >> 10):04x}\\u{0xdc00 + (code & 0x3ff):04x}"
