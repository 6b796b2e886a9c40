"""What a page says its own name is, besides its headline's shape and place.

- A breadcrumb trail ("Home > Fables > January > The Greedy Dog") names the page's
  sections from the site down and ends with the page's own name: its last item is the
  headline, the items before it are sections (not headlines).
- A reference page opens its lead by defining its subject ("Mozilla is a free-software
  community …", "New Zealand (Māori: Aotearoa) is …"): a line that names that subject
  is the page's title, however short.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from topics.ingest.lines import normalise_line

# The separators of a trail (no "/" or "|": dates, fractions and title suffixes use them).
TRAIL_SEPARATOR = re.compile(r"\s(?:>>?|»|›)\s")
TRAIL_MIN_SEPARATORS = 2  # "Home > News > Headline": one separator may be a headline's own "»"
TRAIL_MAX_WORDS = 40
# After the subject at the start of the lead: an optional gloss in brackets, then "is a", "was the", … (a
# definition, not news: "Mozilla is a free-software community", not "Ann Lee is expected to …").
DEFINITION = re.compile(r"\s*(?:\([^()]{0,200}\)\s*)?(?:is|are|was|were)\s+(?:a|an|the|one)\s")
SUBJECT_MAX_WORDS = 8


@dataclass(frozen=True)
class Trails:
    last_items: frozenset[str]  # normalised: the pages the trails end on
    sections: frozenset[str]  # normalised: every item before the last, alone or as a leading run

    def names_page(self, key: str) -> bool:
        """The line is the last item of a trail and no section of one."""
        return key in self.last_items and key not in self.sections

    def is_section(self, key: str) -> bool:
        """The line is a section of a trail, or a run of its sections ("Site > Section")."""
        return key in self.sections


def breadcrumb_trails(blocks: list[str], words: list[int]) -> Trails:
    last_items: set[str] = set()
    sections: set[str] = set()
    for block, count in zip(blocks, words):
        if count > TRAIL_MAX_WORDS or ">" not in block and "»" not in block and "›" not in block:
            continue  # the cheap test first: few lines hold a separator
        items = [normalise_line(item) for item in TRAIL_SEPARATOR.split(block)]
        if len(items) <= TRAIL_MIN_SEPARATORS or not all(items):
            continue
        last_items.add(items[-1])
        sections.update(items[:-1])
        # "Site > Section" set on a line of its own is the trail's start, not a headline.
        sections.update(" > ".join(items[:k]) for k in range(2, len(items)))
    return Trails(frozenset(last_items), frozenset(sections))


def trail_key(line: str) -> str:
    """A line's key in the form trails are compared in (its separators written " > ")."""
    return " > ".join(normalise_line(item) for item in TRAIL_SEPARATOR.split(line))


def names_subject(line: str, lead: str) -> bool:
    """The lead paragraph starts by defining what the line names ("Mozilla" over "Mozilla is a …")."""
    line = line.strip()
    if not line or not lead.startswith(line) or len(line.split()) > SUBJECT_MAX_WORDS:
        return False
    return bool(DEFINITION.match(lead, len(line)))
