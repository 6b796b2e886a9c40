"""The headline and date line a text file marks as its own.

A file that opens with a Markdown "# " heading names its headline; a line that is only a complete date
right under that heading (or right above it) is its date. Other files may print the same lines (an
analyst's notes on one event share a headline and a date, a wire's release is saved twice), and a line
that repeats across documents is otherwise taken for site chrome: these are not, for they are where the
file itself says its headline and date stand. A page's own chrome lines (a menu, a share bar) never are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from topics.ingest.lines import normalise_line
from topics.ingest.pagedates import date_alone, date_line
from topics.text.dates import written_precision

MARKED_HEADING = re.compile(r"#[ \t]+(?P<text>\S[^\n]*)")  # level one only: "## …" heads a section
HEAD_CHARS = 2_000  # a file's header stands in its first lines: the rest is not read for it


@dataclass(frozen=True)
class OwnHeader:
    title_index: int | None = None  # the block holding the marked headline
    date_index: int | None = None  # the block that is only a complete date by it

    @property
    def indices(self) -> frozenset[int]:
        return frozenset(i for i in (self.title_index, self.date_index) if i is not None)


def own_header(text: str, blocks: list[str]) -> OwnHeader:
    """Where in ``blocks`` (the file's text split into blocks) the file's marked headline and its date
    line stand: the headline is a "# " heading on the first line, or on the second under a date line."""
    lines = [line.strip() for line in text.lstrip("\ufeff")[:HEAD_CHARS].split("\n") if line.strip()][:2]
    for title_index, line in enumerate(lines):
        if (found := MARKED_HEADING.fullmatch(line)) is not None:
            break
        if title_index > 0 or not _complete_date(line):
            return OwnHeader()  # only a date line may stand above the headline
    else:
        return OwnHeader()
    heading = normalise_line(found["text"])
    if title_index >= len(blocks) or not heading or normalise_line(blocks[title_index]) != heading:
        return OwnHeader()  # the heading was not split off as a block of its own
    nearby = [title_index - 1, title_index + 1]
    date_index = next((i for i in nearby if 0 <= i < len(blocks) and _complete_date(blocks[i])), None)
    return OwnHeader(title_index, date_index)


def _complete_date(line: str) -> bool:
    """A line that is a date by itself, naming its day and year ("2011-02-19", "19 February 2011")."""
    return date_alone(line) and written_precision(date_line(line, 0, fields=False)) == "day"
