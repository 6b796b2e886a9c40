"""Separate an article's body from the web chrome scraped along with it.

Rules are general, never written for one file: the lines that are chrome by
their own text or by repetition (``topics.ingest.chromelines``), and the
position of short non-sentence lines (before the body they are header
chrome, after it footer chrome, between body paragraphs they are
sub-headings that give the following paragraphs their section).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from topics.ingest.captions import split_captions
from topics.ingest.chromelines import (
    CAPTION_MAX_WORDS, REPEATED_REASONS, chrome_reason, is_reporting_credit, split_credit_sentences, split_trailing_copyright,
    split_trailing_credit,
)
from topics.ingest.headline import STANDFIRST_MIN_WORDS, headline_as_printed, opens_byline, signs
from topics.ingest.lines import clean_whitespace, is_sentence, normalise_line, word_count
from topics.ingest.ownheader import own_header
from topics.ingest.pageboxes import box_reasons
from topics.ingest.pagedates import date_alone
from topics.ingest.pagetext import ARTICLE_END, BULLET, ERROR_HEADLINE, LIST_ITEM_MIN_WORDS, page_layout, saved_article
from topics.ingest.prose import is_code, is_prose, title_case
from topics.ingest.repeats import Repeats, sign_off_key, split_sign_off, split_trailer
from topics.ingest.tables import heads_a_heading, listing_runs, table_runs
from topics.ingest.teasers import mark_dated_teasers
from topics.ingest.unwrap import indented_paragraphs, listing_blocks, ruled_sections, spaced_paragraphs, unwrap

HEADING_MAX_WORDS = 12

_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
_BLANK_LINE = re.compile(r"\n\s*\n")


def split_blocks(text: str) -> list[str]:
    """Paragraph blocks: blank-line separated; a block of short separate lines
    is split into lines, while hard-wrapped prose is joined back together."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks: list[str] = []
    for raw_block in _BLANK_LINE.split(text):
        if "\n" not in raw_block:  # most blocks of a page dump are one line
            spaced = spaced_paragraphs(raw_block.strip()) if "   " in raw_block else None
            ruled = [section for line in spaced or [raw_block] for section in ruled_sections(line) or [line]]
            for line in map(clean_whitespace, ruled):
                if line:
                    blocks.append(_MARKDOWN_HEADING.sub("", line) if line[0] == "#" else line)
            continue
        lines = [clean_whitespace(line) for line in raw_block.split("\n")]
        lines = [_MARKDOWN_HEADING.sub("", line) if line[0] == "#" else line for line in lines if line]  # Markdown headings
        if not lines:
            continue
        if len(lines) > 1 and _heading_over_paragraph(lines):  # "Keep a changelog" right over its paragraph
            blocks.append(lines[0])
            lines, raw_block = lines[1:], raw_block.split("\n", 1)[1]
        wrapped = len(lines) > 1 and all(
            len(line) >= 40 and not is_sentence(line) for line in lines[:-1]
        )
        raw_lines = [line for line in raw_block.split("\n") if line.strip()]
        if wrapped:
            blocks.extend(joined_apart_from_dates(lines))
        elif (paragraphs := indented_paragraphs(raw_lines)) is not None:  # each paragraph's first line set in
            blocks.extend(clean_whitespace(paragraph) for paragraph in paragraphs)
        elif (listing := listing_blocks(raw_lines)) is not None:  # code, a shell session, a table: kept as laid out
            blocks.extend(block if "\n" in block else clean_whitespace(block) for block in listing)
        elif len(lines) >= 3 and (runs := unwrap(raw_lines)):
            blocks.extend(clean_whitespace(run) for run in runs)  # prose wrapped at a column, paragraphs by short lines
        else:
            blocks.extend(lines)
    return blocks


def _heading_over_paragraph(lines: list[str]) -> bool:
    """Whether the block's first line is a sub-heading set right over its paragraph with no blank line
    between (a Medium post's dump): short, no sentence, and far shorter than the block's width, so that
    the next line's first word would have fitted on it had the text been wrapped at a column."""
    first, rest = lines[0], lines[1:]
    width = max(len(line) for line in rest)
    next_word = rest[0].split()[0]
    return (
        word_count(first) <= HEADING_MAX_WORDS and not is_sentence(first) and not first.endswith((":", ",", ";", "-"))
        and len(first) + 1 + len(next_word) <= width // 2 and next_word[:1].isupper() and is_sentence(rest[-1])
        and not date_alone(first)
    )


def joined_apart_from_dates(lines: list[str]) -> list[str]:
    """Wrapped lines joined into one, but a line that is a date by itself (a note's "Headline" over
    "6 December 2021") stands alone: it is the article's date, not the end of its title."""
    runs: list[list[str]] = []
    for i, line in enumerate(lines):
        alone = date_alone(line, lines[i - 1] if i else None)
        if not runs or alone or date_alone(lines[i - 1], lines[i - 2] if i > 1 else None):
            runs.append([line])
        else:
            runs[-1].append(line)
    return [" ".join(run) for run in runs]


GALLERY_MIN_SLIDES = 3
SLIDE_MAX_BLOCKS = 3  # text blocks under one slide counter: its title and caption
SLIDE_CAPTION_MAX_WORDS = CAPTION_MAX_WORDS  # a slide's caption may run to a short story of its own


SLIDE_LINES = {None, "photo caption", "photo credit"}


def mark_gallery_slides(blocks: list[str], reasons: list[str | None]) -> list[str | None]:
    """In a photo gallery ("1/50 …", "2/50 …"), the text under each slide counter is its caption
    (a line already named a photo's caption or credit too: it is the slide's, inside the gallery)."""
    counters = [i for i, reason in enumerate(reasons) if reason == "gallery caption"]
    if len(counters) < GALLERY_MIN_SLIDES:
        return reasons
    reasons = list(reasons)
    gaps = sorted(b - a - 1 for a, b in zip(counters, counters[1:]))
    last_slide = min(gaps[len(gaps) // 2], SLIDE_MAX_BLOCKS)  # the last slide is as long as most
    for start, end in zip(counters, [*counters[1:], None]):
        stop = start + 1 + last_slide if end is None else min(end, start + 1 + SLIDE_MAX_BLOCKS)
        for i in range(start + 1, min(stop, len(blocks))):
            if reasons[i] in SLIDE_LINES and word_count(blocks[i]) <= SLIDE_CAPTION_MAX_WORDS:
                reasons[i] = "gallery caption"
    return reasons


REJOINED_MIN_WORDS = 8


def rejoin_split_paragraphs(blocks: list[str], reasons: list[str | None], adjacent: bool = False) -> tuple[list[str], list[str | None]]:
    """Join a paragraph that an advertisement or other chrome line cut in two.

    The first half does not end like a sentence and the second half starts in
    lower case; the chrome lines between them move before the joined paragraph.
    ``adjacent``: also join halves with nothing between them, when the first stops on a
    lower-case word (a line broken mid-sentence in a table's text; on a page, a headline
    over a "posted on ..." line would be joined to it).
    """
    out_blocks: list[str] = []
    out_reasons: list[str | None] = []
    i = 0
    while i < len(blocks):
        block, reason = blocks[i], reasons[i]
        if reason is None and word_count(block) >= 4 and not is_sentence(block):
            j = i + 1
            while j < len(blocks) and j - i <= 3 and reasons[j] is not None:
                j += 1
            cut_short = i + 1 < j or (adjacent and block.split()[-1][:1].islower())
            # The second half ends the sentence: a short lower-case line that ends none is a box's label
            # ("after newsletter promotion"), not the rest of the paragraph.
            rest = j < len(blocks) and (is_sentence(blocks[j]) or word_count(blocks[j]) >= REJOINED_MIN_WORDS)
            if cut_short and rest and reasons[j] is None and blocks[j][:1].islower():
                out_blocks.extend(blocks[i + 1 : j])
                out_reasons.extend(reasons[i + 1 : j])
                out_blocks.append(block + " " + blocks[j])
                out_reasons.append(None)
                i = j + 1
                continue
        out_blocks.append(block)
        out_reasons.append(reason)
        i += 1
    return out_blocks, out_reasons


@dataclass
class CleanArticle:
    title: str | None = None
    date: str | None = None
    date_how: str | None = None  # how the date was found ("date line", …), None when not found
    date_written: str | None = None  # a date line without a year, when the page gives none (the date stays None)
    date_line: str | None = None  # the line the date was read from (its printed weekday, when it has no year)
    no_article: str | None = None  # why a page was not read as an article (a section front, an error page)
    paragraphs: list[tuple[str | None, str]] = field(default_factory=list)  # (section, text)
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (line, reason)


def clean_article(text: str, repeated: Repeats, *, find_header: bool, blocks: list[str] | None = None) -> CleanArticle:
    """Split raw article text into title, date, sectioned paragraphs and dropped chrome.

    ``find_header`` is for scraped files and page dumps whose text holds the
    title and date among web chrome; text from a table column is body only.
    """
    blocks = split_blocks(text) if blocks is None else blocks
    sign_off = None
    if repeated.sign_offs and blocks:
        body, sign_off = split_sign_off(blocks[-1])
        if sign_off is not None and sign_off_key(sign_off) in repeated.sign_offs:
            blocks = [*blocks[:-1], body]
        else:
            sign_off = None
    trailer = None
    if repeated.trailers and len(blocks) == 1:  # an article scraped as one line (:class:`Repeats`)
        body, trailer = split_trailer(blocks[0], repeated.trailers)
        blocks = [body]
    reasons = mark_dated_teasers(blocks, mark_gallery_slides(blocks, [chrome_reason(block, repeated) for block in blocks]))
    marked = own_header(text, blocks) if find_header else None
    if marked is not None:  # the file's own headline and date line are not chrome for standing in other files too
        reasons = [None if i in marked.indices and reason in REPEATED_REASONS else reason for i, reason in enumerate(reasons)]
    headline = blocks[marked.title_index] if marked is not None and marked.title_index is not None else None
    blocks, reasons = rejoin_split_paragraphs(blocks, reasons, adjacent=not find_header)
    words = [word_count(block) for block in blocks]
    # The marked headline where it still stands as it was (no paragraph was joined across it).
    title_index = marked.title_index if headline is not None and blocks[marked.title_index:][:1] == [headline] else None
    result = _clean_page(blocks, reasons, words, title_index) if find_header else _clean_body(blocks, reasons, words)
    if trailer is not None:
        result.dropped.append((trailer, "sentences repeated at the end of articles"))
    if sign_off is not None:
        result.dropped.append((sign_off, "sign-off repeated at the end of articles"))
    return result


def _clean_page(blocks: list[str], reasons: list[str | None], words: list[int], marked_title: int | None = None) -> CleanArticle:
    """``marked_title``: the block the file marks as its headline (:mod:`topics.ingest.ownheader`), if any."""
    result = CleanArticle()
    layout = page_layout(blocks, reasons, words, marked_title)
    if layout is None and any(ERROR_HEADLINE.search(b.strip(" .!:")) for b, w in zip(blocks, words) if w <= 12):
        result.no_article = "an error page (\"404\", \"not found\")"  # "404", "Page not found" and no prose under it
        return result
    if layout is None:  # nothing reads like prose: the first line is the title, the rest is kept
        top = marked_title if marked_title is not None and reasons[marked_title] is None else 0
        if blocks and reasons[top] is None:
            result.title = blocks[top].rstrip(" .")
        for i in range(len(blocks)):
            if i == top and result.title:
                continue
            if reasons[i]:
                result.dropped.append((blocks[i], reasons[i]))
            else:
                result.paragraphs.append((None, blocks[i]))
        return result
    if layout.no_article:
        result.no_article = layout.no_article  # skipped by name rather than read as a wrong article
        return result
    if saved_article(blocks, reasons, words, layout):
        return _clean_saved(blocks, reasons, words, layout)
    first, last = layout.first, layout.last
    reasons = [*reasons[:first], *box_reasons(blocks[first : last + 1], reasons[first : last + 1]), *reasons[last + 1 :]]
    result.date, result.date_how = layout.date, layout.date_how
    result.date_written = blocks[layout.date_index] if layout.date is None and layout.date_index is not None else None
    result.date_line = blocks[layout.date_index] if layout.date_index is not None else None
    date_line_index = layout.date_index if layout.date_how != "dateline in first paragraph" else None
    for i in range(first):
        if i == layout.title_index:
            result.title = headline_as_printed(blocks, i, layout.first).rstrip(" .")
        elif i == date_line_index:
            result.dropped.append((blocks[i], "date line"))
        elif i == layout.lede_index:
            result.paragraphs.append((None, blocks[i]))  # the article's opening, set above a box
        elif i == first - 1 and reasons[i] is None and is_standfirst(blocks[i], words[i]) and under_headline(blocks, reasons, layout, i):
            result.paragraphs.append((None, blocks[i]))  # the summary under the headline opens the article
        else:
            result.dropped.append((blocks[i], reasons[i] or "header chrome (before the article body)"))
    headline = normalise_line(blocks[layout.title_index].rstrip(" .")) if result.title else None
    _keep_body(blocks, reasons, words, first, last, result, date_line_index, headline)
    for i in range(last + 1, len(blocks)):
        if i == date_line_index:
            result.dropped.append((blocks[i], "date line"))
        else:
            result.dropped.append((blocks[i], reasons[i] or "footer chrome (after the article body)"))
    return result


def _clean_saved(blocks: list[str], reasons: list[str | None], words: list[int], layout) -> CleanArticle:
    """An article saved as a file (:func:`topics.ingest.pagetext.saved_article`): headline and date as a page's,
    a byline under the headline dropped, and the rest kept as a table's cell is (:func:`_clean_body`)."""
    result = CleanArticle(date=layout.date, date_how=layout.date_how)
    result.date_written = blocks[layout.date_index] if layout.date is None and layout.date_index is not None else None
    result.date_line = blocks[layout.date_index] if layout.date_index is not None else None
    date_line_index = layout.date_index if layout.date_how != "dateline in first paragraph" else None
    top = layout.title_index if layout.title_index is not None else layout.first
    rest = []
    for i, block in enumerate(blocks):
        if i == layout.title_index:
            result.title = headline_as_printed(blocks, i, layout.first).rstrip(" .")
        elif i == date_line_index:
            result.dropped.append((block, "date line"))
        elif i < top or (i < layout.first and opens_byline(block)):
            result.dropped.append((block, "byline or date line"))  # above the headline only these stand
        else:
            rest.append(i)
    body = _clean_body([blocks[i] for i in rest], [reasons[i] for i in rest], [words[i] for i in rest])
    result.paragraphs = body.paragraphs
    result.dropped.extend(body.dropped)
    return result


def _keep_body(blocks, reasons, words, first, last, result: CleanArticle, date_line_index=None, headline=None) -> None:
    section: str | None = None
    in_box = False  # under a "Most read" / "Related" heading set inside the article, until its prose goes on
    tables, table_end = table_runs(blocks, reasons, words, first, last), -1
    for start, end in listing_runs(blocks, reasons, words, first, last, lambda j: is_prose(blocks[j], words[j], reasons[j])).items():
        tables.setdefault(start, end)  # a run of very short lines kept whole too, unless a table starts there
    outer = -1  # a short line standing right over a sub-heading
    for i in range(first, last + 1):
        block = blocks[i]
        if i <= table_end or i in tables:  # a table printed one cell a line: kept whole, as a listing
            if i > table_end:
                table_end = tables[i]
                result.paragraphs.append((section, "\n".join(blocks[i : table_end + 1])))
            continue
        if in_box and not is_prose(block, words[i], reasons[i]):
            result.dropped.append((block, reasons[i] or "related link (a box inside the article)"))
            continue
        in_box = False
        if i == date_line_index:
            result.dropped.append((block, "date line"))
        elif reasons[i]:
            result.dropped.append((block, reasons[i]))
        elif words[i] <= HEADING_MAX_WORDS and ARTICLE_END.match(block.strip(" :.-–—|").strip()):
            result.dropped.append((block, "related-links heading"))
            in_box = True
        elif headline and words[i] <= 40 and normalise_line(block) == headline:
            result.dropped.append((block, "the headline repeated (a share bar, a list of links)"))
        elif "\n" in block:
            result.paragraphs.append((section, block))  # a listing (code, a table) laid out by its writer
        elif is_sentence(block) or words[i] > HEADING_MAX_WORDS:
            keep_paragraph(result, section, block)
        elif is_code(block):
            result.paragraphs.append((section, block))  # a line of a program listing
        elif BULLET.match(block) and i > first and BULLET.match(blocks[i - 1]):
            result.paragraphs.append((section, block))  # the last item of a list, not a heading over what follows
        elif i < last and is_prose(blocks[i + 1], words[i + 1], reasons[i + 1]):
            # A sub-heading: context for the paragraphs under it, with the heading right over it, if any.
            section = f"{blocks[i - 1]} › {block}" if outer == i - 1 else block
        elif words[i] >= LIST_ITEM_MIN_WORDS or block.rstrip().endswith(":") or BULLET.match(block):
            result.paragraphs.append((section, block))  # a list item or a line introducing one
        elif i + 1 < last and heads_a_heading(blocks, reasons, words, i):
            outer = i  # "The Incident" over "2014" over the film's summary: kept in the section
        else:
            result.dropped.append((block, "short non-sentence line"))


def under_headline(blocks: list[str], reasons: list[str | None], layout, i: int) -> bool:
    """Whether block ``i`` stands right under the headline: nothing between but its byline, its date line
    and lines a chrome rule named (a photo's caption or a teaser set over the body is not there)."""
    title = layout.title_index
    return title is not None and title < i and all(
        reasons[j] is not None or j == layout.date_index or signs(blocks[j]) for j in range(title + 1, i))


def is_standfirst(block: str, words: int) -> bool:
    """A stand-first: the summary that opens an article under its headline, often without a full stop
    ("Japanese brewers are increasingly making money from beer-flavoured drinks rather than beer itself").
    Longer than a sub-heading or a headline runs, written as a sentence (not in title case)."""
    return words >= STANDFIRST_MIN_WORDS and block[:1].isupper() and not title_case(block) and not opens_byline(block)


def _clean_body(blocks: list[str], reasons: list[str | None], words: list[int]) -> CleanArticle:
    """Text from a table cell: all of it is the article, less the lines a chrome rule names.

    A cell holds no page around the article, so no line is dropped for where it stands
    (before or after the prose) or for its shape: a team sheet, a score line or a list of
    names stays. A short line over prose is the section of the paragraphs under it, but for a stand-first
    opening the text."""
    result = CleanArticle()
    section: str | None = None
    for i, block in enumerate(blocks):
        if reasons[i]:
            result.dropped.append((block, reasons[i]))
        elif (
            words[i] <= HEADING_MAX_WORDS and not is_sentence(block) and not (i == 0 and is_standfirst(block, words[i]))
            and i + 1 < len(blocks) and is_prose(blocks[i + 1], words[i + 1], reasons[i + 1])
        ):
            section = block
        else:
            keep_paragraph(result, section, block)
    return result


def keep_paragraph(result: CleanArticle, section: str | None, text: str) -> None:
    """Keep a body paragraph, less the photo captions set inside it and a copyright notice and a reporting
    credit that trail it (recorded as dropped)."""
    text, captions = split_captions(text)
    result.dropped.extend((caption, "photo caption") for caption in captions)
    if not text:
        return
    if captions and is_reporting_credit(text):  # "… contributed to this report. <a photo's caption>"
        result.dropped.append((text, "reporting credit"))
        return
    text, credits = split_credit_sentences(text)
    result.dropped.extend((credit, "reporting credit") for credit in credits)
    if not text:
        return
    text, notice = split_trailing_copyright(text)
    text, credit = split_trailing_credit(text)
    result.paragraphs.append((section, text))
    if credit:
        result.dropped.append((credit, "reporting credit"))
    if notice:
        result.dropped.append((notice, "copyright notice"))
