"""Join prose that was hard-wrapped at a fixed width back into paragraphs.

Plain-text documents (an IETF draft, a mailing-list post, a ``<pre>`` block in a
page) break lines at a column and mark paragraphs only by a short last line. A
line was broken by the wrapping, not by the writer, when the next line's first
word would not have fitted on it: its length plus that word passes the width
the block is wrapped at (its longest lines). Lines laid out in columns (runs of
spaces inside them: page headers, tables) and program code (a deeper indent, a
line ending in ``;``, ``{`` or ``:``) are never joined.
"""

from __future__ import annotations

import re

MIN_WRAP_WIDTH = 50  # narrower blocks are lists, addresses or verse, not wrapped prose
MIN_LINES = 3
SLACK = 2  # characters a wrapping tool may leave free at the end of a full line
COLUMNS = re.compile(r"\S\s{3,}\S|[│┃┆┊╎║|─━┼╋]")  # "de Jong        [Page 1]", a table row: a laid-out line
FULL_LINE = 0.8  # of the width: a line filled by the wrapping
FULL_SHARE = 0.5  # of the block's lines that are full in wrapped prose
CODE_END = re.compile(r"[;{}:]\s*$|^\s*[})\]]")  # a statement, a block, or a line introducing one
BULLET = re.compile(r"^\s*(?:[-*+•·]|\d{1,3}[.)])\s+")


def wrap_width(lines: list[str]) -> int:
    """The column a block is wrapped at: the length its longest lines reach (one overlong line aside)."""
    lengths = sorted(len(line.rstrip()) for line in lines)
    return lengths[max(0, len(lengths) - 1 - len(lengths) // 10)]


def unwrap(lines: list[str]) -> list[str] | None:
    """The block's lines with each wrapped run joined into one, or None when nothing was
    wrapped (the block is not hard-wrapped prose)."""
    if len(lines) < MIN_LINES:
        return None
    width = wrap_width(lines)
    if width < MIN_WRAP_WIDTH:
        return None
    # Wrapped prose fills most of its lines to near the width; code and listings vary.
    if sum(len(line.rstrip()) >= FULL_LINE * width for line in lines) < FULL_SHARE * len(lines):
        return None
    runs: list[list[str]] = []
    for line in lines:
        if runs and wrapped_after(runs[-1][-1], line, width):
            runs[-1].append(line)
        else:
            runs.append([line])
    if len(runs) == len(lines):
        return None
    return [" ".join(part.strip() for part in run) for run in runs]


def wrapped_after(previous: str, line: str, width: int) -> bool:
    """Whether the wrapping, not the writer, broke ``previous`` before ``line``."""
    words = line.split()
    if not words or COLUMNS.search(line.strip()) or COLUMNS.search(previous.strip()):
        return False
    if CODE_END.search(previous) or CODE_END.search(line):
        return False
    if BULLET.match(line) or line.lstrip().startswith(("#", ">", "|")):
        return False  # a new list item, a heading, a quote or a table row starts its own line
    # A wrapped line keeps its paragraph's indent (a list item's text indent under its bullet):
    # a deeper indent is a nested block, as in program code.
    indent = len(line) - len(line.lstrip())
    bullet = BULLET.match(previous)
    if indent != len(previous) - len(previous.lstrip()) and not (bullet and indent == bullet.end()):
        return False
    return len(previous.rstrip()) + 1 + len(words[0]) > width - SLACK
