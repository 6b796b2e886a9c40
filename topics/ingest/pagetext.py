"""Find the article in the text of a whole web page: its body, headline and date.

A scraped page is a list of text blocks: navigation, masthead, the article,
then related links, comments and footer. The rules here are about page
shape, never about one site:

- body: the run of blocks with the most prose in it, where prose counts for
  its words and every non-prose block costs a little (a maximum-sum
  segment), and where comment threads and related-content lists end it;
- headline: the line before the body that looks most like one
  (``topics.ingest.headline``);
- date: a date line next to the headline or byline, or a dateline opening the
  first paragraph (``topics.ingest.articledate``);
- whether the page is one article at all (a section front, an error page), and whether the text
  is a page at all or an article saved as a file, with no page around it (:func:`saved_article`).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from topics.ingest.articledate import DATE_BEFORE_TITLE, find_date
from topics.ingest.pagedates import page_date_order
from topics.ingest.headline import WIDGET_LINE_WORDS, find_title, looks_like_title, opens_byline, signs
from topics.ingest.chromelines import REPEATED_REASONS
from topics.ingest.pageend import (
    ARTICLE_END, COMMENTS_START, box_label, closing_toolbar, comment_thread_start, ticker_start, trailing_items,
)
from topics.ingest.prose import LETTER, is_code, is_prose, title_case
from topics.ingest.steps import step_headings

THREAD_AFTER_PROSE = 40.0  # words of article prose above a thread for it to end the article

HEADING_LINE_MAX_WORDS = 40  # longest line tested as a comments or related-links heading
ISOLATED_PROSE_WEIGHT = 0.25
ARTICLE_END_COST = 120.0  # in words of prose
TOOLBAR_END_COST = 2 * ARTICLE_END_COST  # the toolbar set by the headline, again under the article
BOX_BLOCKS = 8  # blocks under a related-links heading weighed as isolated teasers ...
BOX_END_WORDS = 50  # ... until a paragraph longer than a teaser's headline and blurb
WIDGET_RUN_COST = 40.0  # most a run of very short lines between prose costs
# Chrome set inside articles, which the article goes on past: a photo gallery, a newsletter box.
IN_ARTICLE_CHROME = frozenset({"gallery caption", "newsletter prompt"})
LIST_ITEM_MIN_WORDS = 4  # a shorter line between paragraphs is a heading or chrome
LEDE_MIN_WORDS = 60  # a paragraph this long, standing alone as the nearest prose above the body, ...
LEDE_WINDOW = 25  # ... within this many blocks (a review's score box, a related-links box between), opens the article


@dataclass(frozen=True)
class PageLayout:
    first: int  # first block of the article body
    last: int  # last block of the article body
    title_index: int | None
    date_index: int | None
    date: str | None
    date_how: str | None  # "date line", "dateline in first paragraph", "date line after the body"
    no_article: str | None = None  # why the page holds no single article (a section front, an error page)
    lede_index: int | None = None  # the article's opening paragraph, set above the body across a box


def body_span(blocks: list[str], reasons: list[str | None], words: list[int], stops=frozenset()) -> tuple[int, int] | None:
    """(first, last) of the segment of blocks with the most prose, or None when no block is prose;
    ``stops``: more blocks that end an article like a related-links heading."""
    prose = [is_prose(block, words[i], reasons[i]) for i, block in enumerate(blocks)]
    # Short lines cut off with an ellipsis next to others like them: a list of teasers, not prose.
    cut = [words[i] < 25 and block.endswith(("…", "...")) for i, block in enumerate(blocks)]
    for i in [i for i, c in enumerate(cut) if c and prose[i]]:
        if any(cut[j] for j in range(max(0, i - 2), min(len(blocks), i + 3)) if j != i):
            prose[i] = False
    bulleted = _bulleted_runs(blocks)
    steps = step_headings(blocks, words, prose)
    thread = comment_thread_start(blocks, words)
    ticker = ticker_start(blocks)
    best, best_span = 0.0, None
    running, start = 0.0, 0
    widget_run = 0.0  # cost taken so far by the current run of very short lines
    boxed_until = -1  # the blocks just under a related-links heading are teasers, each on its own
    for i, block in enumerate(blocks):
        # Box and thread headings are short: a paragraph is not tested against them.
        key = block.strip(" :.-–—|").strip() if words[i] <= HEADING_LINE_MAX_WORDS else ""
        if i == thread and best >= THREAD_AFTER_PROSE:
            break  # reader comments follow an article: however long, they are not it
        if i == thread or (key and COMMENTS_START.match(key)):
            running, start = 0.0, i + 1  # reader comments follow: the article has ended
            continue
        if (key and ARTICLE_END.match(key)) or i == ticker or i in stops:
            # Related links start here; an article goes on past such a box only with much more prose.
            running -= TOOLBAR_END_COST if i in stops else ARTICLE_END_COST
            boxed_until = i + BOX_BLOCKS
            if running <= 0:
                running, start = 0.0, i + 1
            continue
        if prose[i]:
            score = float(words[i])
            if i <= boxed_until and words[i] >= BOX_END_WORDS:
                boxed_until = -1  # a paragraph longer than a teaser: the article goes on past the box
            if i <= boxed_until or (
                not (i > 0 and (prose[i - 1] or i - 1 in steps)) and not (i + 1 < len(blocks) and prose[i + 1])
            ):
                score = ISOLATED_PROSE_WEIGHT * score - 1  # a teaser's blurb or a caption, seldom the article
        elif reasons[i] in IN_ARTICLE_CHROME or (reasons[i] is None and ("\n" in block or is_code(block))) or i in steps:
            score = 0.0  # a photo gallery or a listing set inside the article: the article may go on after it
        elif reasons[i] is None and (words[i] >= LIST_ITEM_MIN_WORDS or bulleted[i]):
            # A list item, a table row or a line of code: may be the article's; a written-out
            # bulleted list ("+ Added …", "• …") is text, worth half its words.
            score = 0.5 * words[i] if bulleted[i] else -0.5
        elif words[i] <= WIDGET_LINE_WORDS:
            # Runs of one-to-three-word lines are a menu or a player's controls: past a point
            # their length says nothing more, so a video set inside an article does not cut it.
            score = -max(0.0, min(2.0 + 0.2 * words[i], WIDGET_RUN_COST - widget_run))
            widget_run += -score
        else:
            score = -(2.0 + 0.2 * min(words[i], 40))
        if prose[i]:
            widget_run = 0.0
        if running <= 0 and not (start == i - 1 and start in steps):  # a step's heading starts the article with its step
            running, start = 0.0, i
        running += score
        if running > best:
            best, best_span = running, (start, i)
    return best_span


BULLET = re.compile(r"^(?:[-+*•–·]|\d{1,2}[.)])\s+\S")
BULLET_RUN = 5  # consecutive bulleted lines that make a list, not a menu of two or three


def _bulleted_runs(blocks: list[str]) -> list[bool]:
    """Blocks inside a run of at least BULLET_RUN lines that start with a written bullet,
    unless most of them are capitalised names (a numbered table of contents is a menu) and
    no sentence ending in a colon introduces them ("The rankings were as follows:")."""
    marked = [bool(BULLET.match(block)) for block in blocks]
    out = [False] * len(blocks)
    i = 0
    while i < len(blocks):
        j = i
        while j < len(blocks) and marked[j]:
            j += 1
        if j - i >= BULLET_RUN:
            introduced = i > 0 and blocks[i - 1].rstrip().endswith(":") and len(blocks[i - 1].split()) >= 5
            if introduced or sum(_capitalised_name(b) for b in blocks[i:j]) < 0.7 * (j - i):
                out[i:j] = [True] * (j - i)
        i = max(j, i + 1)
    return out


def _capitalised_name(item: str) -> bool:
    """"3. Embracing Risk", "15. Postmortem Culture: Learning from Failure": every longer word capitalised."""
    longer = [w for w in item.split()[1:] if len(w) >= 5 and LETTER.match(w)]
    return bool(longer) and all(w[0].isupper() for w in longer) and not item.rstrip().endswith(".")


def page_layout(blocks: list[str], reasons: list[str | None], words: list[int], marked_title: int | None = None) -> PageLayout | None:
    """``marked_title``: the block the text marks as its headline (a Markdown "# " heading), taken as it is
    unless a chrome rule names it by its own text."""
    with page_date_order(blocks):
        return _page_layout(blocks, reasons, words, marked_title)


def _page_layout(blocks: list[str], reasons: list[str | None], words: list[int], marked_title: int | None) -> PageLayout | None:
    span = body_span(blocks, reasons, words)
    if span is None:
        return None
    first, last = span
    if marked_title is not None and reasons[marked_title] is None and marked_title < last:
        title_index = marked_title
    else:
        title_index = find_title(blocks, reasons, words, first, last)
    if title_index is not None and title_index >= first:
        first = title_index + 1  # what stood above the headline was a lead-in, not the article
    prose = functools.lru_cache(maxsize=None)(lambda i: is_prose(blocks[i], words[i], reasons[i]))
    if (end := closing_toolbar(blocks, words, prose, title_index, first, last, signs)) is not None:
        # The toolbar set by the headline, again under the article: like a related-links box, it
        # ends the article unless much more prose follows (a media player's controls recur too).
        span = body_span(blocks, reasons, words, stops=frozenset({end}))
        if span is not None and span[0] <= first <= span[1]:
            last = min(last, span[1])
    last = trailing_items(blocks, reasons, words, last, title_case)  # a list closing the article, cut off at its last sentence
    date_index, date, how = find_date(blocks, title_index, first, last, reasons, words)
    # The line over the byline that dates the article is its headline, when a line far from it was taken (a video's title).
    over = date_index - 1 if how == "date in byline" and date_index > 0 else None
    if over is not None and title_index is not None and abs(over + 1 - title_index) > DATE_BEFORE_TITLE and looks_like_title(
            blocks[over], words[over], reasons[over]):
        title_index = over
    no_article = not_an_article(blocks, reasons, words, title_index, first, last)
    lede = lede_above(blocks, words, prose, first, title_index)
    return PageLayout(first, last, title_index, date_index, date, how, no_article, lede)


def lede_above(blocks, words, prose, first: int, title_index: int | None) -> int | None:
    """The article's opening paragraph cut off from the body by a box of short lines (a review's
    scores, "Other people are reading", a list of things needed), or None: a long paragraph
    standing alone that is the nearest prose above the body. A teaser's blurb is shorter, or has
    others like it nearby."""
    for i in range(first - 1, max(-1, first - 1 - LEDE_WINDOW), -1):
        if prose(i):
            alone = not (i > 0 and prose(i - 1))
            return i if alone and i != title_index and words[i] >= LEDE_MIN_WORDS else None
    return None


# Lines chrome rules name that say nothing of a page: those only repeated across the corpus, and rules ("---").
NO_PAGE_SIGN = REPEATED_REASONS | {"punctuation only"}


def saved_article(blocks: list[str], reasons: list[str | None], words: list[int], layout: PageLayout) -> bool:
    """Whether the text is an article saved as a file rather than the dump of a web page: it opens with its
    headline (or its body), nothing above but a byline or a date line, and shows no page anywhere: no line
    chrome by its own text (a menu, a share button, a caption, a notice), no related-links or comments
    heading, no comment thread, no news ticker. Lines that only repeat across the corpus are no sign: an
    analyst's files share a kick-off time or a date line as a site's pages share their menus, and a rule
    ("---") sets off a file's parts as well as a page's. In such a file
    no line is furniture for where it stands: a match's details over the report and its score lines under it
    are the article's."""
    top = layout.title_index if layout.title_index is not None else layout.first
    if not all(signs(blocks[i]) for i in range(top)):
        return False  # a masthead, a menu or a teaser stands above the headline
    if any(reason is not None and reason not in NO_PAGE_SIGN for reason in reasons):
        return False
    for block, n in zip(blocks, words):
        key = block.strip(" :.-–—|").strip() if n <= HEADING_LINE_MAX_WORDS else ""
        if key and (ARTICLE_END.match(key) or COMMENTS_START.match(key) or box_label(block)):
            return False
    return comment_thread_start(blocks, words) is None and ticker_start(blocks) is None


# A page that says it has nothing to show: an HTTP error or a "not found" notice as its headline.
ERROR_HEADLINE = re.compile(
    r"^(?:(?:http\s+)?error\s*)?(?:40[0-4]|410|50[0-3])(?:\s*[-–—:|.]?\s*(?:error|(?:page\s+)?not\s+found|forbidden|gone|"
    r"unauthori[sz]ed|bad\s+request|internal\s+server\s+error|service\s+unavailable|bad\s+gateway))?$"
    r"|\b(?:page|article|story|content)\s+(?:was\s+|is\s+)?(?:not\s+found|unavailable|(?:could|can)\s*not\s+be\s+found|"
    r"(?:does\s*n[o']t|no\s+longer)\s+exists?)|^not\s+found$",
    re.IGNORECASE,
)  # "404", "Error 404", "404 - Page not found", "Sorry, this page doesn't exist"; not "500 people evacuated"
ERROR_PAGE_MAX_PROSE = 80  # words of prose under such a headline: a notice, not an article
FRONT_MIN_TEASERS = 5  # blurbs with their own byline under them that make a page a list of teasers ...
FRONT_MAX_RUN_SHARE = 0.5  # ... when most of the body's prose stands alone (a blurb), not in runs of paragraphs
TEASER_BYLINE_GAP = 2  # most blocks between a blurb and its byline


def not_an_article(blocks, reasons, words, title_index: int | None, first: int, last: int) -> str | None:
    """Why the page is not one article, or None. A section front or an index is a list of
    teasers, each a headline, a blurb and its own byline, with no run of paragraphs; an error
    page heads a short notice with "404" or "Page not found"."""
    lo, hi = max(0, first - 1), min(len(blocks), last + 2)
    prose = [False] * len(blocks)
    prose[lo:hi] = [is_prose(blocks[i], words[i], reasons[i]) for i in range(lo, hi)]
    body = [i for i in range(first, last + 1) if prose[i]]
    prose_words = sum(words[i] for i in body)
    heads = [blocks[i] for i in (title_index, first) if i is not None and words[i] <= 12]
    if prose_words <= ERROR_PAGE_MAX_PROSE and any(ERROR_HEADLINE.search(h.strip(" .!:")) for h in heads):
        return "an error page (\"404\", \"not found\")"
    in_runs = sum(words[i] for i in body if (i > 0 and prose[i - 1]) or (i + 1 < len(blocks) and prose[i + 1]))
    if in_runs >= FRONT_MAX_RUN_SHARE * prose_words:
        return None  # the article's paragraphs follow one another
    prose = [is_prose(block, words[i], reasons[i]) for i, block in enumerate(blocks)]
    teasers = sum(
        1 for i, block in enumerate(blocks)
        if reasons[i] is None and words[i] <= 12 and opens_byline(block) and any(prose[max(0, i - TEASER_BYLINE_GAP) : i])
    )
    if teasers >= FRONT_MIN_TEASERS:
        return f"a list of {teasers} signed teasers (a section front or an index)"
    return None
