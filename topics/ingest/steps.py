"""Numbered steps of a how-to or a recipe: the page's own structure, not chrome.

"Step 1", "Step 2", … (or "Part 1: Prepare the soil", "1. Take any blankets off the bed")
each head a paragraph or two, a photo and its caption. One such heading over a short
paragraph looks like a teaser; a run of them numbered in order, each a few blocks after
the one before, is the article's sequence of steps.
"""

from __future__ import annotations

import re

# A short line of a label and a number, or a number and its heading.
STEP_HEADING = re.compile(r"^(?:(?P<label>[^\W\d_]{2,12})\s+)?(?P<number>\d{1,2})(?:[.):]\s*(?:\S.*)?|\s*)$")
STEP_MAX_WORDS = 10
MIN_STEPS = 3  # numbered in order, from 1
STEP_GAP = 6  # most blocks between one step heading and the next


def step_headings(blocks: list[str], words: list[int], prose: list[bool]) -> frozenset[int]:
    """Indices of the headings of a run of numbered steps (1, 2, 3, … in order, one label), each
    right over prose. A bare number (a page of a pagination bar) heads nothing."""
    found: set[int] = set()
    open_runs: dict[str, list[int]] = {}  # label -> the run's heading indices so far
    for i, block in enumerate(blocks):
        if words[i] > STEP_MAX_WORDS or not block[:1].isalnum() or i + 1 == len(blocks) or not prose[i + 1]:
            continue
        if not (match := STEP_HEADING.match(block)) or not match["label"] and block.rstrip(" .):").isdigit():
            continue
        label, number = (match["label"] or "").lower(), int(match["number"])
        run = open_runs.get(label, [])
        if run and number == len(run) + 1 and i - run[-1] <= STEP_GAP:
            run.append(i)
        elif number == 1:
            run = [i]
        else:
            continue
        open_runs[label] = run
        if len(run) >= MIN_STEPS:
            found.update(run)
    return frozenset(found)
