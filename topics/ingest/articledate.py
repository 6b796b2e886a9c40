"""Find the article's publication date among the lines of a page's text.

A date line next to the headline (or another print of it, word for word) or byline, a date under a
"Published:" label, a dateline opening the first paragraph, or a byline that dates the article in so
many words ("Written on Mar 17 by", "Posted on … by …") above the article or in the author's box
under it; a date printed without its year takes the page's own year. Copyright years, "since …" and
dates far from the headline (a masthead's "today") are not the article's.
"""

from __future__ import annotations

import re

from topics.ingest.bylinenames import name_and_role, reads_as_name
from topics.ingest.chromelines import chrome_reason
from topics.ingest.headline import DATED_BYLINE, HEADLINE_MIN_WORDS, headline_copies, looks_like_title, opens_byline, window_before
from topics.ingest.pageend import COMMENTS_START, comment_thread_start
from topics.ingest.pagedates import (
    _TIME as TIME, _WEEKDAY as WEEKDAY, LEAD_DATE_CHARS, NOT_PUBLICATION, date_line, find_dates, is_update_line, leading_date, set_off_date,
    words_beside_date,
)
from topics.ingest.repeats import Repeats
from topics.ingest.yearless import YEARLESS_HOW, complete_date, yearless_date

DATE_LABEL = re.compile(
    r"^(?:published|posted|date|dated|created|publié|publicado|veröffentlicht|pubblicato|gepubliceerd)(?:\s+(?:on|at|le|el))?\s*:?$",
    re.IGNORECASE,
)
# "Published: …", "Veröffentlicht am …": a line that says in so many words that it gives the publication's date.
PUBLISHED_LABEL = re.compile(
    r"^(?:published|posted|publié|publicado|publicada|veröffentlicht|pubblicato|gepubliceerd)(?:\s*:|\s+(?:on|am|le|el|em|il|op)\b)",
    re.IGNORECASE,
)
DATE_BEFORE_TITLE = 4  # a date line this close above the headline is the article's
DATE_AFTER_BODY_START = 6
DATE_NEAR = 16  # blocks from the headline or the body start within which a date line is looked for
FOOTNOTE_MARKS = ("^", "↑", "[")
CITATION = re.compile(r"\b(?:retrieved|accessed|archived)\s+(?:on\s+)?\d", re.IGNORECASE)  # "Retrieved 20 July 2022": a reference
# "— Jane Doe (@janedoe) January 1, 2020": the signature an embedded post prints under its text, the post's date.
EMBEDDED_POST = re.compile(r"^\s*[—–-]\s*[^()\n]{0,80}\(@\w{1,30}\)")
DATE_AFTER_BODY = 5  # blocks under the body searched for a date line
COMMENTS_HEADING_MAX_WORDS = 40  # longest line tested as the heading of the reader comments
DATED_BYLINE_BELOW = 16  # blocks under the body searched for a byline that dates the article (an author's box)
LABELLED_DATE_WINDOW = 60  # blocks before the headline searched for a "Published:" label and its date  # standfirst, byline and share buttons often sit between


def find_date(blocks, title_index: int | None, first: int, last: int, reasons=None, words=None) -> tuple[int | None, str | None, str | None]:
    """(index, ISO date, how found) of the article's publication date. A photo caption's date ("Photo: Oil tankers
    off Rotterdam, 12 May 1998") is the day its picture was taken: it dates the page only where no other rule finds
    a date."""
    found = _find_date(blocks, title_index, first, last, reasons, words)
    captions = set()
    while found[0] is not None and found[1] is not None and found[0] not in captions and _caption(blocks[found[0]]):
        captions.add(found[0])
        other = _find_date(blocks, title_index, first, last, reasons, words, frozenset(captions))
        if other[1] is None:
            break
        found = other
    return found


def _caption(line: str) -> bool:
    return chrome_reason(line, NOTHING_REPEATED) in CAPTION_REASONS


def _find_date(blocks, title_index, first, last, reasons=None, words=None, captions=frozenset()):
    anchor = title_index if title_index is not None else first
    candidates = []
    window = range(max(0, anchor - DATE_BEFORE_TITLE), min(max(first, anchor) + DATE_AFTER_BODY_START, len(blocks)))
    # Far below the headline and far above the body (in an infobox, a sidebar) a date is not the article's.
    window = [i for i in window if i - anchor <= DATE_NEAR or first - i <= DATE_NEAR]
    def header_line(i: int) -> bool:  # False for a paragraph of the body or a reference: not a date line
        return not (i >= first and i != first and len(blocks[i].split()) >= 25 or blocks[i].startswith(FOOTNOTE_MARKS)
                    or CITATION.search(blocks[i]) or EMBEDDED_POST.match(blocks[i]))

    for i in window:
        if not header_line(i) or i in captions:
            continue
        near = abs(i - anchor) <= 3 or opens_byline(blocks[i])
        iso = date_line(blocks[i], 8 if near else 4) or i == title_index and set_off_date(blocks[i])
        if iso:
            # The headline's own date ("Remembering the Blitz – 7 September 1940 – …") gives way to another line's.
            candidates.append((is_update_line(blocks[i]), i == title_index, abs(i - anchor), i, iso, "date line"))
    if any(candidate[3] == title_index for candidate in candidates):
        # ... to a line that dates the article, not to a caption's or a teaser's ("Photo: 12 May 1998")
        candidates = [(*keys, i, iso, how) for *keys, i, iso, how in candidates if i == title_index or _dates_the_article(blocks[i])]
    if candidates:
        *_, i, iso, how = min(candidates)
        if i == title_index and first < len(blocks) and (opening := wire_dateline(blocks[first])):
            return first, opening, "dateline in first paragraph"  # a wire's dateline in the lead dates it, not the headline
        return i, iso, how
    # A header that sets its fields as label and value on separate lines ("Published:", "2017-08-15").
    for i in range(max(1, anchor - LABELLED_DATE_WINDOW), min(first + DATE_AFTER_BODY_START, len(blocks))):
        if DATE_LABEL.match(blocks[i - 1].strip()) and (iso := date_line(blocks[i], 2)):
            return i, iso, "labelled date line"
    if first < len(blocks) and (iso := leading_date(blocks[first])):
        return first, iso, "dateline in first paragraph"
    # A byline that carries the date ("By Ann Lee March 11, 2015 3:46 PM"), further up than a
    # date line is looked for (a video player's controls can stand between it and the body).
    if reasons is not None and words is not None:
        for i in reversed(window_before(reasons, words, min(anchor, first))):
            if reasons[i] is None and opens_byline(blocks[i]) and (iso := date_line(blocks[i], 8)):
                return i, iso, "date in byline"
    # A date printed without its year ("March 18 at 3:57 PM"), the year from the page's own.
    yearless = None  # the nearest such line when the page gives no year: no date, but said so
    for i in sorted(window, key=lambda i: abs(i - anchor)):
        if header_line(i) and (parts := yearless_date(blocks[i], 8 if abs(i - anchor) <= 3 or opens_byline(blocks[i]) else 4)):
            if iso := complete_date(*parts, blocks):
                return i, iso, "date line without a year"
            yearless = i if yearless is None else yearless
    # The headline printed again (a sticky bar, a print header) may carry the date that its own
    # header gives only as "2 hours ago": a date line next to that copy (below it on a tie), with or
    # without its year.
    for copy in headline_copies(blocks, title_index):
        for i in sorted(range(max(0, copy - DATE_BEFORE_TITLE), min(copy + DATE_BEFORE_TITLE + 1, len(blocks))), key=lambda i: (abs(i - copy), i < copy)):
            if i == copy or i == title_index or not header_line(i) or is_update_line(blocks[i]):
                continue
            if iso := date_line(blocks[i], 8):
                return i, iso, "date line by the headline printed again"
            if (parts := yearless_date(blocks[i], 8)) and (iso := complete_date(*parts, blocks)):
                return i, iso, "date line without a year by the headline printed again"
    for i in _under_the_article(blocks, last, DATE_AFTER_BODY, words):
        if blocks[i].startswith(FOOTNOTE_MARKS) or CITATION.search(blocks[i]) or EMBEDDED_POST.match(blocks[i]):
            continue  # a reference's date ("^ "Title". Publisher. 2012-08-15. Retrieved …"), not the article's
        if (iso := date_line(blocks[i], 8)) and not is_update_line(blocks[i]):
            return i, iso, "date line after the body"
    if (i := _labelled_below(blocks, last, reasons, words)) is not None:
        return i, date_line(blocks[i], 8), "labelled date line after the body"
    for i in _dated_bylines(blocks, first, last, anchor, reasons, words):
        date = DATED_BYLINE.match(blocks[i])["date"]
        if iso := date_line(date, 4):
            return i, iso, "date in byline"
        if parts := yearless_date(date, 4):
            if iso := complete_date(*parts, blocks):
                return i, iso, "date in byline without a year"
            yearless = i if yearless is None else yearless
    if (i := _labelled_in_body(blocks, first, last)) is not None:
        return i, date_line(blocks[i], 8), "labelled date line in the body"
    if yearless is not None:
        return yearless, None, YEARLESS_HOW
    return None, None, None


def _labelled_in_body(blocks, first: int, last: int) -> int | None:
    """The one line of the body that labels itself as the date it was published ("PUBLISHED: April 24, 2020 at
    9:06 a.m."): the article's header, where a photo gallery's captions over it were taken for the body's start and
    put it out of reach. A second such line makes them a list's (a live blog's entries, quoted posts)."""
    labelled = [i for i in range(first, min(last + 1, len(blocks)))
                if PUBLISHED_LABEL.match(blocks[i]) and date_line(blocks[i], 8)]
    return labelled[0] if len(labelled) == 1 else None


def _dates_the_article(line: str) -> bool:
    """A byline, a date by itself ("Published 31 January 2023", "Tue 3 Jun 2023 10:14 GMT"), a header line one
    of whose fields is one ("Le Monde | 04.05.2015 à 13h36") or whose fields are a time, a date and a name ("10:14
    BST, 7 September 2020, Jane Doe"), or a place's dateline ("LONDON, Sept. 7, 2020"): a line set there to date
    the article."""
    return bool(opens_byline(line) or date_line(line, 0) or _dated_name_fields(line) or place_dateline(line))


# "LONDON, Sept. 7, 2020 (Reuters) - …", "WASHINGTON, D.C., Sept. 7 -": a place in capitals (and its region) before the date.
PLACE_DATELINE = re.compile(r"^[A-Z][A-Z.'’-]{2,}(?:\s+[A-Z][A-Z.'’-]+)*(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)?,\s+")


def place_dateline(line: str) -> str | None:
    """ISO date of a wire's dateline opening ``line`` ("LONDON, Sept. 7, 2020 (Reuters) - …")."""
    found = PLACE_DATELINE.match(line)
    return leading_date(line[found.end():]) if found else None


# What follows a wire's date: a dash or the agency's name ("LONDON, Sept. 7, 2020 (Reuters) - …", "… 2020 /PRNewswire/ --").
WIRE_AFTER_DATE = re.compile(r"[\s,.]{0,3}(?:[-–—]|\(\w[^()]{0,40}\)|/\w[^/]{0,40}/)")


def wire_dateline(line: str) -> str | None:
    """ISO date of a wire's dateline opening a lead: a place's dateline whose date a dash or the agency's name follows
    ("LONDON, Sept. 7, 2020 (Reuters) - …"), not a note's label before a colon ("EDITOR'S NOTE, Sept. 9, 2020: …",
    "NASA, 20 July 1969: …") nor an update's ("UPDATE, Sept. 9, 2020 – …")."""
    found = PLACE_DATELINE.match(line)
    if found is None or is_update_line(found.group()) or NOT_PUBLICATION.search(found.group()):
        return None
    rest = line[found.end():]
    if (iso := leading_date(rest)) is None:
        return None
    date = next((match for match in find_dates(rest[:LEAD_DATE_CHARS]) if match.iso == iso), None)
    return iso if date is not None and WIRE_AFTER_DATE.match(rest, date.end) else None


def _dated_name_fields(line: str) -> bool:
    """Whether ``line``'s comma-separated fields are a date, times or weekdays, and a name ("10:14 BST, 7 September
    2020, Jane Doe"). The time or weekday is needed: a place and a date ("New York, 11 September 2001") is a line
    of the story's, the day it tells of."""
    dated = timed = 0
    name = None
    for field in (field.strip() for field in line.split(",")):
        if date_line(field, 0, fields=False):
            dated += 1
        elif words_beside_date(field):
            if name is not None:
                return False
            name = field
        elif TIME.search(field) or WEEKDAY.search(field):
            timed += 1
        if dated > 1:
            return False
    return dated == 1 and timed > 0 and name is not None and reads_as_name(name)


def _labelled_below(blocks, last: int, reasons, words) -> int | None:
    """The one line under the article, as far down as the reader comments, that labels itself as the date
    it was published ("Published: 03 December 2019"): the page's own, where a body that ended early (at a
    code block, a table) leaves it far below. A second such line makes them a list's (related articles), and
    so does a headline standing right over the one (a single teaser's title)."""
    labelled = [i for i in _under_the_article(blocks, last, len(blocks), words)
                if PUBLISHED_LABEL.match(blocks[i]) and not is_update_line(blocks[i]) and date_line(blocks[i], 8)]
    if len(labelled) != 1 or _under_a_headline(blocks, labelled[0], last, reasons):
        return None
    return labelled[0]


LABEL = re.compile(r"^[^\W\d_][\w ]{0,20}:\s")  # "Author: ", "Related: "
NOTHING_REPEATED = Repeats()  # a line's own text alone says whether it is chrome
TEASER = "related-content teaser"  # the chrome reason of a related story's blurb ("… Read more")
CAPTION_REASONS = ("photo caption", "photo credit")  # the chrome reasons of a photo's caption and credit
SENTENCES = re.compile(r"[.!?]\s+[A-Z]")  # "A professor at … . View all posts by …": an author's box, not one headline


def _under_a_headline(blocks, i: int, last: int, reasons) -> bool:
    """Whether the nearest line over block ``i`` (lines named chrome passed over) is shaped as a headline: a
    teaser's title, not an author's credit ("Author: Pat Doe", its label not counted) nor a line of more than
    one sentence; none is where a line of an author's box (:func:`_authors_box_line`) stands over the date first."""
    above = i - 1
    while above > last:
        if _authors_box_line(blocks[above]):
            return False
        if reasons is None or reasons[above] is None:
            break
        above -= 1
    if above <= last:
        return False
    line = blocks[above]
    return (looks_like_title(line, len(line.split()), None) and len(LABEL.sub("", line).split()) >= HEADLINE_MIN_WORDS
            and not SENTENCES.search(line))


def _authors_box_line(line: str) -> bool:
    """A line an author's box or an article's foot sets by its date: chrome by its own text (a bio, share buttons,
    "Filed under …"; a related story's teaser is none) or a name with its role ("Jane Doe, Senior Energy Reporter"):
    two to four capitalised words before the comma, a role that opens with a capital or a rank after it."""
    own = chrome_reason(line, NOTHING_REPEATED)
    if own is not None:
        return own != TEASER
    return name_and_role(line)


def _dated_bylines(blocks, first: int, last: int, anchor: int, reasons, words) -> list[int]:
    """The bylines that date the article in so many words ("Written on Mar 17 by", "Posted on … by
    …"; :data:`topics.ingest.headline.DATED_BYLINE`) that the rules above pass over: above the
    article, as far up as its headline is looked for, nearest first, and under it, where a page sets
    the author's box past its share buttons (as far down as DATED_BYLINE_BELOW blocks and before the reader
    comments, whose headers can be bylines too), publication before update."""
    above = reversed(window_before(reasons, words, min(anchor, first))) if reasons is not None and words is not None else ()
    below = _under_the_article(blocks, last, DATED_BYLINE_BELOW, words)
    found = [i for i in (*above, *below) if (reasons is None or reasons[i] is None) and DATED_BYLINE.match(blocks[i])]
    return sorted(found, key=lambda i: is_update_line(blocks[i]))  # stable: nearest above, then below


def _under_the_article(blocks, last: int, n: int, words) -> list[int]:
    """The ``n`` blocks under the body, up to the reader comments (a heading such as "3 Comments", or
    a thread of comment headers): a commenter's signature and date are not the article's."""
    thread = comment_thread_start(blocks, words) if words is not None else None
    below = []
    for i in range(last + 1, min(last + 1 + n, len(blocks))):
        if i == thread or len(blocks[i].split()) <= COMMENTS_HEADING_MAX_WORDS and COMMENTS_START.match(blocks[i].strip(" :.-–—|").strip()):
            break
        below.append(i)
    return below
