"""Tables inside an article that a page dump prints one cell a line.

A page's text dump breaks a table into short lines: "Herbert Dürr", "63", "16.6%",
"Jürgen Schmidt", "56", … Each alone reads as chrome (short, no sentence), but a long
run of them inside the article body, many holding figures, is the article's table
(statistics, results, a timetable): kept whole, one cell a line, as a listing.
A table of contents ("1 History", "1.1 Founding", "2 Values") is a menu, not a table; nor is
a chart's text: its axes print evenly spaced tick labels ("100", "80", "60", "40" or "’17",
"’18", "’19"), which a table, printed row by row, does not.

A shorter run of very short lines inside the article (a table of words, a list of names or
of methods) is the article's listing too when it stands next to
the article's own lines and each of its lines is printed once on the page: a menu, a
player's controls or a chart's labels repeat their lines ("Black", "Red", … once per
setting) or stand among other chrome, a list of dated links holds dates, and a table of
contents is a menu here too.

A short line right over such a sub-heading names the section with it ("Groundhog Day › 1993").
"""

from __future__ import annotations

import re

from collections import Counter

from topics.ingest.headline import opens_byline
from topics.ingest.lines import is_sentence, normalise_line
from topics.ingest.pagedates import find_dates
from topics.ingest.pagetext import BULLET, LIST_ITEM_MIN_WORDS
from topics.ingest.prose import is_code, is_prose

TABLE_MIN_CELLS = 9  # three rows of three cells: a shorter run is a heading, a byline or a few links
TABLE_CELL_MAX_WORDS = 6
TABLE_FIGURE_SHARE = 1 / 3  # of a run's cells holding a figure: a table of data, not a menu of links
FIGURE = re.compile(r"\d")
AXIS_TICKS = 4  # evenly spaced numbers in a row: a chart's axis
TICK = re.compile(r"^[’'$€£+-]?\d[\d,]*(?:\.\d+)?\s*%?$")
CONTENTS_IN_ORDER = 2 / 3  # of steps between entries that go up
CONTENTS_ENTRY = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s+[^\W\d_]")  # "1.1 Eich CEO promotion controversy"
# A cell that other pages print too ("7", "6.6%") is still a cell: the corpus repeats figures.
CELL_REASONS = frozenset({None, "line repeated across documents"})


def table_runs(blocks: list[str], reasons: list[str | None], words: list[int], first: int, last: int) -> dict[int, int]:
    """{first block: last block} of each table printed one cell a line between ``first`` and ``last``."""
    runs: dict[int, int] = {}
    i = first
    while i <= last:
        j = i
        while j <= last and _cell(blocks[j], reasons[j], words[j]):
            j += 1
        cells = blocks[i:j]
        if len(cells) >= TABLE_MIN_CELLS and sum(bool(FIGURE.search(c)) for c in cells) >= TABLE_FIGURE_SHARE * len(cells):
            if not _has_axis(cells) and not _contents(cells):
                runs[i] = j - 1
        i = max(j, i + 1)
    return runs


LISTING_MIN_LINES = 3
LISTING_LINE_MAX_WORDS = 3  # a longer line between paragraphs is kept as a list item already


def listing_runs(blocks: list[str], reasons: list[str | None], words: list[int], first: int, last: int,
                 prose) -> dict[int, int]:
    """{first block: last block} of each run of very short lines between ``first`` and ``last``
    that is the article's own listing (see the module's note); ``prose(i)`` says whether block
    ``i`` is prose (a short line right over prose is its sub-heading, not part of the run)."""
    runs: dict[int, int] = {}
    counts = None
    i = first
    while i <= last:
        j = i
        while j <= last and _listed(blocks[j], reasons[j], words[j]):
            j += 1
        end = j - 1 if j <= last and prose(j) else j  # the last line heads the prose under it
        if end - i >= LISTING_MIN_LINES and _beside_article(reasons, i, end):
            counts = counts or Counter(normalise_line(b) for b in blocks)
            lines = blocks[i:end]
            if (all(counts[normalise_line(b)] == 1 for b in lines) and not _has_axis(lines)
                    and not any(find_dates(b) for b in lines) and not _contents(lines)):
                runs[i] = end - 1
        i = max(j, i + 1)
    return runs


def _listed(block: str, reason: str | None, words: int) -> bool:
    # A bulleted item ("3. Australia") or a line of code is kept on its own already.
    return (reason is None and 0 < words <= LISTING_LINE_MAX_WORDS and "\n" not in block and not is_sentence(block)
            and not BULLET.match(block) and not is_code(block))


def _beside_article(reasons: list[str | None], start: int, end: int) -> bool:
    """The line above or below the run is the article's (no chrome rule names it)."""
    return (start > 0 and reasons[start - 1] is None) or (end < len(reasons) and reasons[end] is None)


def _cell(block: str, reason: str | None, words: int) -> bool:
    return reason in CELL_REASONS and 0 < words <= TABLE_CELL_MAX_WORDS and "\n" not in block and not is_sentence(block)


def _contents(lines: list[str]) -> bool:
    """Most lines are numbered entries, mostly numbered in order ("2 Values", "2.1 Pledge", "3 Software"):
    a table of contents. Figures with a unit ("71.1 MB", "13.4 MB", "8.0 MB") do not run in order."""
    numbers = [tuple(int(n) for n in m.group(1).split(".") if n) for line in lines if (m := CONTENTS_ENTRY.match(line))]
    steps = list(zip(numbers, numbers[1:]))
    return len(numbers) >= len(lines) / 2 and sum(a < b for a, b in steps) >= CONTENTS_IN_ORDER * len(steps)


def _has_axis(cells: list[str]) -> bool:
    """AXIS_TICKS or more numbers in a row, evenly spaced (the labels of a chart's axis)."""
    ticks: list[float] = []
    for cell in cells:
        if not TICK.match(cell.strip()):
            ticks = []
            continue
        ticks.append(float(re.sub(r"[^\d.]", "", cell) or 0))
        last = ticks[-AXIS_TICKS:]
        steps = {round(b - a, 6) for a, b in zip(last, last[1:])}
        if len(last) == AXIS_TICKS and len(steps) == 1 and 0 not in steps:
            return True
    return False


def heads_a_heading(blocks, reasons, words, i: int) -> bool:
    """Block ``i`` stands right over a sub-heading (a short line over prose); neither is a date or a
    byline (a teaser's name and date over its blurb)."""
    below = blocks[i + 1]
    return (reasons[i + 1] is None and words[i + 1] < LIST_ITEM_MIN_WORDS and not is_sentence(below) and "\n" not in below
            and is_prose(blocks[i + 2], words[i + 2], reasons[i + 2])
            and not any(find_dates(b) or opens_byline(b) for b in (blocks[i], below)))
