"""Sectioned paragraphs from an extractor's blocks, with the headings' outline kept.

An extractor gives headings with their rank (``h1`` … ``h6``). A heading with nothing of its
own under it stands over a deeper one ("Project Updates" over "Add-ons"): it names the part
the next heading opens, so the two make one section ("Project Updates › Add-ons") rather
than the outer one being lost. A heading followed by one of its own rank or higher, or by
the end of the article, has no text at all: it is recorded as dropped with that reason.
"""

from __future__ import annotations

import re

from topics.ingest.boilerplate import CleanArticle, chrome_reason, keep_paragraph
from topics.ingest.repeats import Repeats

HEADING_KIND = re.compile(r"^h([1-6])$")
SECTION_JOIN = " › "


def heading_rank(kind: str) -> int | None:
    """1-6 for a heading of known rank, 7 for one of unknown rank ("heading"), None for text."""
    if kind == "text":
        return None
    match = HEADING_KIND.match(kind)
    return int(match.group(1)) if match else 7


def clean_extracted(blocks: list[tuple[str, str]], repeated: Repeats) -> CleanArticle:
    """Sectioned paragraphs from an extractor's blocks ((kind, text): kind "text", "h1" … "h6",
    or "heading" when the rank is unknown), less the chrome an extractor keeps (captions,
    credits, notices, repeated lines)."""
    result = CleanArticle()
    section: str | None = None
    open_headings: list[tuple[int, str]] = []  # headings with no text under them yet, outermost first
    for kind, text in blocks:
        if reason := chrome_reason(text, repeated):
            result.dropped.append((text, reason))
            continue
        rank = heading_rank(kind)
        if rank is None:
            keep_paragraph(result, section, text)
            open_headings.clear()
            continue
        # An open heading of this rank or deeper ends here with nothing under it; one of unknown
        # rank nests nothing, since its place in the outline is not known.
        while open_headings and (open_headings[-1][0] >= rank or rank == 7):
            result.dropped.append((open_headings.pop()[1], "heading with no text under it"))
        open_headings.append((rank, text))
        section = SECTION_JOIN.join(heading for _, heading in open_headings)
    for _, heading in open_headings:
        result.dropped.append((heading, "heading with no text under it"))
    return result
