"""Sectioned paragraphs from an extractor's blocks, with the headings' outline kept.

An extractor gives headings with their rank (``h1`` … ``h6``). A heading with nothing of its
own under it stands over a deeper one ("Project Updates" over "Add-ons"): it names the part
the next heading opens, so the two make one section ("Project Updates › Add-ons") rather
than the outer one being lost. A heading followed by one of its own rank or higher, or by
the end of the article, has no text at all: it is recorded as dropped with that reason.
"""

from __future__ import annotations

import re

from topics.ingest.boilerplate import HEADING_MAX_WORDS, CleanArticle, chrome_reason, keep_paragraph
from topics.ingest.bylinenames import BYLINE_WORD
from topics.ingest.htmlmeta import link_key
from topics.ingest.lines import is_sentence, word_count
from topics.ingest.pageboxes import box_reasons
from topics.ingest.pagedates import date_line
from topics.ingest.repeats import Repeats

HEADING_KIND = re.compile(r"^h([1-6])$")
SECTION_JOIN = " › "


def heading_rank(kind: str) -> int | None:
    """1-6 for a heading of known rank, 7 for one of unknown rank ("heading"), None for text."""
    if kind == "text":
        return None
    match = HEADING_KIND.match(kind)
    return int(match.group(1)) if match else 7


def clean_extracted(blocks: list[tuple[str, str]], repeated: Repeats, labelled_links: frozenset[str] = frozenset()) -> CleanArticle:
    """Sectioned paragraphs from an extractor's blocks ((kind, text): kind "text", "h1" … "h6",
    or "heading" when the rank is unknown), less the chrome an extractor keeps (captions,
    credits, notices, repeated lines, the page's boxes: :func:`page_chrome`)."""
    result = CleanArticle()
    section: str | None = None
    open_headings: list[tuple[int, str]] = []  # headings with no text under them yet, outermost first
    for (kind, text), reason in zip(blocks, page_chrome(blocks, repeated, labelled_links)):
        if reason:
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


CONTENTS_PREFIX_WORDS = 4  # "3h ago", "10.31 GMT" before a heading's words in a live blog's list of key events
TAG_MAX_WORDS = 4
TAG_LIST_MIN = 3
# Lists a heading may name ("Key events", "Related topics", "Read more"): the heading goes with them.
LIST_REASONS = ("contents list", "list of topics", "related link")


def page_chrome(blocks: list[tuple[str, str]], repeated: Repeats, labelled_links: frozenset[str] = frozenset()) -> list[str | None]:
    """Why each block is chrome, or None: by its own text or repetition (:func:`chrome_reason`), a line that is
    a label and a link (``labelled_links``: "Our Standards: <a>…</a>"), a date line above the article's first
    paragraph, an item that repeats a heading further down after its time ("3h ago UK records 78,610 cases":
    a live blog's list of key events), the page's boxes (:func:`box_reasons`: a paywall's offer, an appeal to readers), and a
    run of three or more short lines after the last sentence (a list of the article's topics)."""
    texts = [text for _, text in blocks]
    reasons = [chrome_reason(text, repeated) for text in texts]
    for i, text in enumerate(texts):
        if reasons[i] is None and labelled_links and word_count(text) <= 25 and link_key(text) in labelled_links:
            reasons[i] = "related link (a label and a link)"
    for i, (kind, text) in enumerate(blocks):  # above the first paragraph: "Posted: 12/06/2021 04:30 PM"
        if reasons[i] is None and kind == "text" and (is_sentence(text) or word_count(text) > HEADING_MAX_WORDS):
            break
        # A dated byline ("By Jane Doe, March 3, 2021", "Von Anna Schmidt, 3. März 2021") stays, as the extractor gives it.
        if reasons[i] is None and not BYLINE_WORD.search(text) and date_line(text):
            reasons[i] = "date line"
    headings = [(i, link_key(text)) for i, (kind, text) in enumerate(blocks) if kind != "text" and reasons[i] is None]
    for i, (kind, text) in enumerate(blocks):
        if kind == "text" and reasons[i] is None and word_count(text) <= HEADING_MAX_WORDS + CONTENTS_PREFIX_WORDS:
            key = link_key(text)
            if any(h > i and len(heading.split()) >= 2 and key.endswith(" " + heading)
                   and _time_stamp(key[: -len(heading)]) for h, heading in headings):
                reasons[i] = "contents list (links to the article's own sections)"
    reasons = box_reasons(texts, reasons)
    kept = [i for i, reason in enumerate(reasons) if reason is None]
    tail = []
    for i in reversed(kept):
        if blocks[i][0] != "text" or is_sentence(texts[i]) or word_count(texts[i]) > TAG_MAX_WORDS:
            break
        tail.append(i)
    if len(tail) >= TAG_LIST_MIN and len(tail) < len(kept):
        for i in tail:
            reasons[i] = "list of topics (short lines after the article)"
    for i, (kind, _) in enumerate(blocks):  # "Key events" over its list: the list's name, no section of the article
        if kind != "text" and reasons[i] is None and i + 1 < len(blocks) and (reasons[i + 1] or "").startswith(LIST_REASONS):
            reasons[i] = "heading of a list that is chrome"
    return reasons



def _time_stamp(prefix: str) -> bool:
    """A live blog's time before a post's heading: a few words holding a number ("3h ago", "10 31 gmt")."""
    words = prefix.split()
    return 1 <= len(words) <= CONTENTS_PREFIX_WORDS and any(ch.isdigit() for ch in prefix)
