"""Join prose that was hard-wrapped at a fixed width back into paragraphs.

Plain-text documents (an IETF draft, a mailing-list post, a ``<pre>`` block in a
page) break lines at a column and mark paragraphs only by a short last line. A
line was broken by the wrapping, not by the writer, when the next line's first
word would not have fitted on it: its length plus that word passes the width
the block is wrapped at (its longest lines). Lines laid out in columns (runs of
spaces inside them: page headers, tables) and program code (a deeper indent, a
line ending in ``;``, ``{`` or ``:``) are never joined.

Prose may instead mark each paragraph by indenting its first line (wire copy, typescripts,
plain-text mail): there every indented line opens a paragraph, and the lines under it at the
block's own indent carry it on.

Text kept on one line may mark its paragraphs by a run of spaces where the line breaks were (pages
scraped into a table's cell: "... the anticipated trip.    Mario Draghi, Emmanuel Macron ..."): a line
with several such runs, most of them after a sentence's end, is split at every run
(:func:`spaced_paragraphs`); a lone run inside a sentence ("Turner   Newall") is spacing, not a break.
It may also keep the rules its writer drew between a story and its notes, or between sections ("... he
said. ___ Follow AP's coverage of the war at https://… ___ Andrew Katell contributed to this report.",
"* * * Day 17: Saturday 12 March …"): the line is cut at each (:func:`ruled_sections`).

A block laid out by its writer (program code, a shell session, a table, lines
indented under others) is a listing: its lines stay together, line breaks and
indents kept, as one block of the article, while prose wrapped inside it is
joined as above.
"""

from __future__ import annotations

import re
import textwrap

from topics.ingest.pagedates import date_alone

MIN_WRAP_WIDTH = 50  # narrower blocks are lists, addresses or verse, not wrapped prose
MIN_LINES = 3
SLACK = 2  # characters a wrapping tool may leave free at the end of a full line
COLUMNS = re.compile(r"\S\s{3,}\S|[│┃┆┊╎║|─━┼╋]")  # "de Jong        [Page 1]", a table row: a laid-out line
FULL_LINE = 0.8  # of the width: a line filled by the wrapping
FULL_SHARE = 0.5  # of the block's lines that are full in wrapped prose
CODE_END = re.compile(r"[;{}:]\s*$|^\s*[})\]]")  # a statement, a block, or a line introducing one
BULLET = re.compile(r"^\s*(?:[-*+•·]|\d{1,3}[.)])\s+")
PROMPT = re.compile(r"^(?:\$|>>>)\s")  # a shell or interpreter session: "$ hg push", ">>> x = 1"
TABLE_RULE = re.compile(r"[│┃┆┊╎║─━┼╋]")  # box drawing: a table printed by a program
# A statement, a block, a call, an assignment or a comment: a line of program code or configuration.
CODE_LINE = re.compile(r"[;{}]\s*$|^\s*[})\]]|\w\.\w+\(|\w\([^()]*\)[;,]?$|\s//\s|^\s*//|=>|\w\s?=\s?[\w\"'\[{(]|\w\s=$")
CODE_SHARE = 1 / 3  # of a block's lines that are code in a listing
MIN_INDENT = 2  # spaces deeper than the block's other lines: a nested line, not a stray space
MAX_PARAGRAPH_INDENT = 8  # a paragraph's first line is set in by a tab's width at most
SPACED_BREAK = re.compile(r"(?<=\S) {3,}(?=\S)")  # where a one-line text had a line break
AFTER_SENTENCE = re.compile(r"[.!?][\"'”’)\]]*$")
MIN_SPACED_BREAKS = 2  # one run of spaces in a text is spacing; paragraphs come in twos and more
# A rule standing as a word: three underscores or asterisks or more, or "* * *" (not dashes: "---" is a dash in prose).
SECTION_RULE = re.compile(r"(?<!\S)(?:_{3,}|\*{3,}|\*(?: \*){2,})(?!\S)")
RULE_HINTS = ("___", "***", "* * *")
OPENS_AFTER_SENTENCE = 0.75  # of the indented lines: after a line ending a sentence (a name in "<…>" may end one)
# A line that ends a paragraph ends a sentence, quoted or bracketed or not.
SENTENCE_CLOSE = re.compile(r"[.!?:][\"'”’)\]]*\s*$")


def wrap_width(lines: list[str]) -> int:
    """The column a block is wrapped at: the length its longest lines reach (one overlong line aside)."""
    lengths = sorted(len(line.rstrip()) for line in lines)
    return lengths[max(0, len(lengths) - 1 - len(lengths) // 10)]


def unwrap(lines: list[str]) -> list[str] | None:
    """The block's lines with each wrapped run joined into one, or None when nothing was
    wrapped (the block is not hard-wrapped prose)."""
    runs = _runs(lines)
    return None if runs is None else [" ".join(part.strip() for part in run) for run in runs]


def _runs(lines: list[str]) -> list[list[str]] | None:
    """The block's lines grouped into wrapped runs, or None when nothing was wrapped."""
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
    return runs


def wrapped_after(previous: str, line: str, width: int) -> bool:
    """Whether the wrapping, not the writer, broke ``previous`` before ``line``."""
    words = line.split()
    if not words or COLUMNS.search(line.strip()) or COLUMNS.search(previous.strip()):
        return False
    if CODE_END.search(previous) or CODE_END.search(line) or date_alone(line.strip(), previous):
        return False  # code, or a date line of its own (a note's date under its title)
    if BULLET.match(line) or line.lstrip().startswith(("#", ">", "|")):
        return False  # a new list item, a heading, a quote or a table row starts its own line
    # A wrapped line keeps its paragraph's indent (a list item's text indent under its bullet):
    # a deeper indent is a nested block, as in program code.
    indent = len(line) - len(line.lstrip())
    bullet = BULLET.match(previous)
    if indent != len(previous) - len(previous.lstrip()) and not (bullet and indent == bullet.end()):
        return False
    return len(previous.rstrip()) + 1 + len(words[0]) > width - SLACK


def indented_paragraphs(lines: list[str]) -> list[str] | None:
    """The paragraphs of prose that indents each paragraph's first line, each joined into one
    line, or None when the block is not written so.

    Written so: wrapped at a column (:func:`wrap_width`), no program code, a table or a shell
    session, every line set in deeper than the block's own indent (by
    :data:`MAX_PARAGRAPH_INDENT` at most), three in four of them after a line that ends a sentence, and the lines
    carried on under them mostly follow full lines (the wrapping broke there, not the writer)."""
    if len(lines) < MIN_LINES or wrap_width(lines) < MIN_WRAP_WIDTH:
        return None
    if PROMPT.match(lines[0]) or any(TABLE_RULE.search(line) or COLUMNS.search(line.strip()) for line in lines):
        return None
    if sum(bool(CODE_LINE.search(line)) for line in lines) >= CODE_SHARE * len(lines):
        return None
    base = min(_indent(line) for line in lines)
    opens = [i == 0 or base < _indent(line) for i, line in enumerate(lines)]
    if sum(opens) < 2 or any(_indent(line) > base + MAX_PARAGRAPH_INDENT for line in lines):
        return None
    after_sentences = [bool(SENTENCE_CLOSE.search(lines[i - 1])) for i, opened in enumerate(opens) if opened and i]
    if sum(after_sentences) < OPENS_AFTER_SENTENCE * len(after_sentences):
        return None  # indented lines after sentences cut short are nested, not new paragraphs
    width = wrap_width(lines)
    carried = [i for i, opened in enumerate(opens) if not opened]
    full = sum(len(lines[i - 1].rstrip()) + 1 + len(lines[i].split()[0]) > width - SLACK for i in carried)
    if not carried or full < FULL_SHARE * len(carried):
        return None
    paragraphs: list[list[str]] = []
    for line, opened in zip(lines, opens):
        if opened:
            paragraphs.append([])
        paragraphs[-1].append(line.strip())
    return [" ".join(paragraph) for paragraph in paragraphs]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _text_indent(line: str) -> int:
    """Where a line's text starts: after its indent and its bullet (a list item's wrapped lines align there)."""
    bullet = BULLET.match(line)
    return bullet.end() if bullet else _indent(line)


def laid_out(lines: list[str]) -> bool:
    """Whether a multi-line block was laid out by its writer: a line indented under the one
    above it (deeper than that line's text, not a list's bullet), a shell session, a printed table, or a third of its lines code;
    never lines most of which are sentences (prose with a stray space at a line's start)."""
    if len(lines) < 2 or sum(line.rstrip().endswith((".", "!", "?")) for line in lines) * 2 >= len(lines):
        return False
    if PROMPT.match(lines[0]) or any(TABLE_RULE.search(line) for line in lines):
        return True
    if any(_indent(line) >= _text_indent(previous) + MIN_INDENT and not BULLET.match(line) for previous, line in zip(lines, lines[1:])):
        return True
    return sum(bool(CODE_LINE.search(line)) for line in lines) >= CODE_SHARE * len(lines)


def listing_blocks(lines: list[str]) -> list[str] | None:
    """The blocks of a laid-out block, or None when it is not laid out: prose wrapped inside
    it joined into paragraphs, and each run of the other lines kept as one listing
    (its lines joined by line breaks, its common indent removed)."""
    if not laid_out(lines):
        return None
    runs = _runs(lines)
    if runs is None:
        return [_listing(lines)]
    prose_indent = min((_indent(run[0]) for run in runs if len(run) > 1), default=0)
    blocks: list[str] = []
    listing: list[str] = []
    for run in runs:
        if len(run) == 1 and (_indent(run[0]) > prose_indent or CODE_LINE.search(run[0])):
            listing.append(run[0])  # a line set deeper than the prose, or code: part of a listing
            continue
        if listing:
            blocks.append(_listing(listing))
            listing = []
        blocks.append(" ".join(part.strip() for part in run))
    if listing:
        blocks.append(_listing(listing))
    return blocks


def _listing(lines: list[str]) -> str:
    return textwrap.dedent("\n".join(line.rstrip() for line in lines)).strip("\n")


def spaced_paragraphs(line: str) -> list[str] | None:
    """The paragraphs of a one-line text that marks them by runs of three spaces or more, each after a
    sentence's end in most places (a photo caption's credit ends without one: "Photograph: AFP/Getty
    Images   Residents ..."); None for a line with fewer such runs, or most of them inside sentences."""
    breaks = list(SPACED_BREAK.finditer(line))
    if len(breaks) < MIN_SPACED_BREAKS:
        return None
    ends = sum(bool(AFTER_SENTENCE.search(line[: found.start()])) for found in breaks)
    if ends * 2 <= len(breaks):
        return None
    return [part.strip() for part in SPACED_BREAK.split(line) if part.strip()]


def ruled_sections(line: str) -> list[str] | None:
    """The sections of a one-line text cut at the rules drawn between them (:data:`SECTION_RULE`); None for
    a line without one, or that is nothing else. Asterisks between two words in lower case stand for a word
    left out ("What the *** is this?"), not a rule."""
    if not any(hint in line for hint in RULE_HINTS):
        return None
    sections, start = [], 0
    for rule in SECTION_RULE.finditer(line):
        if line[: rule.start()].rstrip()[-1:].islower() and line[rule.end() :].lstrip()[:1].islower():
            continue
        sections.append(line[start : rule.start()])
        start = rule.end()
    sections = [section.strip() for section in [*sections, line[start:]] if section.strip()]
    return sections if len(sections) > 1 or sections and start else None
