"""Lists of teasers known by their shape: links to other stories, each stamped with its date.

"Verizon Announces $4.8 Billion Deal for Yahoo's Internet Business JULY 25, 2016", "Henry
Gilbert • February 15, 2017": three or more short lines close together that end in a date, with
a headline or a name before it, are a list of related stories, not the article, wherever they
stand. A reference list ("^ Hartl, John (1998). … Retrieved May 15, 2017.") is not one: its
lines start with a footnote mark or a stop, or name a retrieval date; a sentence ending with
its date ends with a stop, not a digit.
"""

from __future__ import annotations

import re

from topics.ingest.pagedates import find_dates

TEASER_MAX_WORDS = 25
DATED_LIST_MIN = 3  # dated lines that make a list
DATED_LIST_GAP = 3  # most blocks between two of them
_CITATION = re.compile(r"\b(?:retrieved|accessed|archived)\b", re.IGNORECASE)
_SEPARATORS = " •|·–—-"


def dated_teaser(line: str) -> bool:
    """A short line that ends in a date, after a headline or a name."""
    if not line.rstrip(" )")[-1:].isdigit():
        return False  # the cheap test first: most lines do not end in a year
    line = line.strip()
    if len(line.split()) > TEASER_MAX_WORDS or not (line[0].isupper() or line[0].isdigit()):
        return False
    dates = find_dates(line)
    if not dates or dates[-1].end < len(line.rstrip(" )")) - 1 or _CITATION.search(line):
        return False
    before = line[: dates[-1].start].rstrip(_SEPARATORS)
    return len(before.split()) >= 2 and (before[-1].isalnum() or before[-1] in "’”\"?!")


def mark_dated_teasers(blocks: list[str], reasons: list[str | None]) -> list[str | None]:
    """Name "dated teaser" the lines of every run of DATED_LIST_MIN or more dated teasers."""
    # The cheap test inline: most lines do not end in a digit, and calls cost more than it.
    hits = [i for i, block in enumerate(blocks) if reasons[i] is None and block.rstrip(" )")[-1:].isdigit() and dated_teaser(block)]
    runs: list[list[int]] = []
    for i in hits:
        if runs and i - runs[-1][-1] <= DATED_LIST_GAP:
            runs[-1].append(i)
        else:
            runs.append([i])
    runs = [run for run in runs if len(run) >= DATED_LIST_MIN]
    if not runs:
        return reasons
    reasons = list(reasons)
    for run in runs:
        for i in run:
            reasons[i] = "dated teaser"
    return reasons
