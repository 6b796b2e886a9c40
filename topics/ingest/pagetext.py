"""Find the article in the text of a whole web page: its body, headline and date.

A scraped page is a list of text blocks: navigation, masthead, the article,
then related links, comments and footer. The rules here are about page
shape, never about one site:

- body: the run of blocks with the most prose in it, where prose counts for
  its words and every non-prose block costs a little (a maximum-sum
  segment), and where comment threads and related-content lists end it;
- headline: the line before the body that looks most like one (length, no
  full stop, not a byline or date, not repeated across pages), near the
  body, and preferred when the page repeats it elsewhere (as pages repeat
  their <title> in share links or breadcrumbs);
- date: a date line next to the headline (or another print of it, word for
  word) or byline, or a dateline opening the first paragraph; copyright years, "since …" and dates far from the
  headline (a masthead's "today") are not the article's.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from dataclasses import dataclass

from topics.ingest.lines import CJK, is_sentence, normalise_line
from topics.ingest.pageend import closing_toolbar, comment_thread_start, ticker_start, trailing_items
from topics.ingest.pagedates import date_line, is_update_line, leading_date
from topics.ingest.steps import step_headings
from topics.ingest.titlecues import breadcrumb_trails, names_subject, trail_key
from topics.ingest.yearless import YEARLESS_HOW, complete_date, yearless_date

# A line that starts a related-content box: the article ends before it, or goes on past it
# only with much more prose (a "Most read" box set inside an article).
ARTICLE_END = re.compile(
    r"""^(?:
      (?:related|recommended|similar|popular|trending|more|latest|top)\s+(?:[\w-]+\s+)?
      (?:articles|stories|posts|reading|reads|content|coverage|videos?|links|news|topics|headlines)(?:\s+for\s+you)?
    | you\s+(?:may|might)\s+also\s+(?:like|enjoy|be\ interested\ in).*
    | related
    | (?:most\s+(?:read|popular|viewed|shared|commented)).*
    | what\s+to\s+read\s+next | read\s+next | up\s+next | next\s+up(?:\s+in\s+.{1,40})? | more\s+from\s+.{1,40}
    | more\s+(?:stories|on\s+this\s+story)
    | share\s+(?:this|the)\s+(?:article|story|post)
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# A line that starts the reader comments: the article has ended.
COMMENTS_START = re.compile(
    r"""^(?:
      (?:there\s+(?:are|is)\s+)?(?:\d+\s+)?(?:comments|responses|replies|reactions)(?:\s*\(\d+\))?(?:\s+(?:on|to)\s+.{1,80})?
    | (?:there\s+(?:are|is)\s+)?(?:one|\d+)\s+(?:comment|response|reply)(?:\s+(?:on|to)\s+.{1,80})?
    | (?:reader\s+)?comments?\s*\(\d+\)
    | (?:leave|post|add|write|submit)\s+(?:a|your)\s+(?:comment|reply|response).*
    | join\s+the\s+(?:discussion|conversation).* | by\s+posting\s+a\s+comment.*
    | (?:\d+\s+)?(?:comentarios|comentários|commentaires|kommentare|komentáře|commenti|reacties)(?:\s*\(\d+\))?
    | (?:enviá|envía|deja|dejá|escribe|deixe|laissez|laisser|écrire|schreiben\s+sie|lascia)\s+(?:tu|un|seu|um|votre|un|einen|il\s+tuo)\s+
      (?:comentario|comentário|commentaire|kommentar|commento)
    | (?:show|view|load|read|see)\s+(?:all\s+)?(?:\d+\s+)?(?:comments|responses|replies).*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
BYLINE = re.compile(r"^(?:by|par|por|von|di|door|written\s+by|posted\s+by|story\s+by|words\s+by)\b", re.IGNORECASE)
SPACED_CAPITALS = re.compile(r"(?:\b[A-Z]\s){2,}")  # "V OICE OF A MERICA": a letter-spaced masthead
BREADCRUMB = re.compile(r"\s(?:>>?|»|›|/|\\)\s|\s?(?:>>|»|›)\s?")  # "Home > News > World"
# «Vape Wave»: a quotation, not a breadcrumb; a list of quoted titles is a headline, not a list of tags.
GUILLEMET_QUOTE = re.compile(r"«[^«»]{1,80}»|‹[^‹›]{1,80}›")
LABELLED_LIST = re.compile(r"^[^\W\d_][\w ]{0,20}:\s*[^\s,]+(?:\s[^\s,]+){0,2}(?:,\s*[^\s,]+(?:\s[^\s,]+){0,2}){2,}$")  # "Topics: uber, libertarians, Sydney"
DATE_LABEL = re.compile(
    r"^(?:published|posted|date|dated|created|publié|publicado|veröffentlicht|pubblicato|gepubliceerd)(?:\s+(?:on|at|le|el))?\s*:?$",
    re.IGNORECASE,
)
ARROWS = ("→", "←", "⟶", "⟵", "⇒", "⇐", "»»", "««")  # a link to the next or previous page
LETTER = re.compile(r"[^\W\d_]")
WORD = re.compile(r"\w+")
# A line of program code inside an article: ends like a statement or a block, calls a method, or holds a comment.
CODE_HINT = re.compile(r"[;{}()=/]")  # a cheap test first: most lines hold none of these
CODE_LINE = re.compile(r"[;{}]\s*$|^\s*[})\]]|\w\.\w+\(|\w\([^()]*\)[;,]?$|\s//\s|=>|\w\s?=\s?[\w\"'\[{(]")
NO_OPENING_QUOTES = str.maketrans("", "", "«‹“‘\"'([")  # «Vape Wave» reads as a capitalised word

THREAD_AFTER_PROSE = 40.0  # words of article prose above a thread for it to end the article

HEADING_LINE_MAX_WORDS = 40  # longest line tested as a comments or related-links heading
ISOLATED_PROSE_WEIGHT = 0.25
ARTICLE_END_COST = 120.0  # in words of prose
TOOLBAR_END_COST = 2 * ARTICLE_END_COST  # the toolbar set by the headline, again under the article
BOX_BLOCKS = 8  # blocks under a related-links heading weighed as isolated teasers ...
BOX_END_WORDS = 50  # ... until a paragraph longer than a teaser's headline and blurb
WIDGET_LINE_WORDS = 3
WIDGET_RUN_COST = 40.0  # most a run of very short lines between prose costs
# Chrome set inside articles, which the article goes on past: a photo gallery, a newsletter box.
IN_ARTICLE_CHROME = frozenset({"gallery caption", "newsletter prompt"})
LIST_ITEM_MIN_WORDS = 4  # a shorter line between paragraphs is a heading or chrome
TITLE_WINDOW = 40  # blocks before the body searched for the headline (lines named chrome not counted)
TITLE_INSIDE_BODY = 3  # first blocks of the body searched for the headline too
TITLE_INSIDE_MAX_WORDS = 40  # words of lead-in allowed above a headline found inside the body
SHORT_LINE_DISTANCE = 0.25  # a line of at most WIDGET_LINE_WORDS words, in blocks of distance
TITLE_DISTANCE_COST = 0.3  # per block between a candidate headline and the body (lines named chrome not counted)
TITLE_BODY_WEIGHT = 4  # for a headline whose words all come back somewhere in the body
TITLE_LEAD_WEIGHT = 8  # for a headline whose words all come back in the lead
TITLE_REPEATS, TITLE_SIGNED = 3, 4  # for a headline the page repeats; one a byline or date line follows
TITLE_CRUMB = 12  # for a headline a breadcrumb trail ends on (the page's own name): outweighs a longer line's shape
# A line naming what the lead opens by defining ("Mozilla" over "Mozilla is a …") outranks every line that does not.
TITLE_SUBJECT = 1000
SIGNED_SKIP = 16  # most lines named chrome (share buttons) passed over between a headline and its byline
# The most these add (the crumb and subject cues are in a line's plain score already).
TITLE_SCORE_EVIDENCE = TITLE_REPEATS + TITLE_SIGNED + TITLE_LEAD_WEIGHT + TITLE_BODY_WEIGHT
DATE_BEFORE_TITLE = 4  # a date line this close above the headline is the article's
DATE_AFTER_BODY_START = 6
DATE_NEAR = 16  # blocks from the headline or the body start within which a date line is looked for
FOOTNOTE_MARKS = ("^", "↑", "[")
CITATION = re.compile(r"\b(?:retrieved|accessed|archived)\s+(?:on\s+)?\d", re.IGNORECASE)  # "Retrieved 20 July 2022": a reference
LEDE_MIN_WORDS = 60  # a paragraph this long, standing alone as the nearest prose above the body, ...
LEDE_WINDOW = 25  # ... within this many blocks (a review's score box, a related-links box between), opens the article
LABELLED_DATE_WINDOW = 60  # blocks before the headline searched for a "Published:" label and its date  # standfirst, byline and share buttons often sit between


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


def is_prose(block: str, words: int, reason: str | None) -> bool:
    if reason is not None:
        return False
    if words >= 25:
        return True
    # A short line in title case is a headline or a teaser, even when it ends with "!" or "?".
    return words >= 6 and is_sentence(block) and not title_case(block) or (not block.isascii() and _cjk_clauses(block))


CJK_PROSE_CHARACTERS = 16


@functools.lru_cache(maxsize=65536)
def _cjk_clauses(block: str) -> bool:
    """A line of Chinese or Japanese clauses set off by spaces, as some writers do in place of
    punctuation: prose, although it ends without a stop."""
    if " " not in block.strip() or max(block) < "\u3040":
        return False
    return len(CJK.findall(block)) >= CJK_PROSE_CHARACTERS and not any(c in block for c in "|>»›：:【】『』[]")


@functools.lru_cache(maxsize=65536)
def title_case(block: str) -> bool:
    """Most of the line's words (beyond the first) start with a capital, as headlines do and prose does not."""
    words = [w for w in block.translate(NO_OPENING_QUOTES).split()[1:] if LETTER.match(w)]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def is_code(block: str) -> bool:
    """A line of a program listing."""
    return bool(CODE_HINT.search(block) and CODE_LINE.search(block))


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


def looks_like_title(block: str, words: int, reason: str | None) -> bool:
    if reason is not None or not 2 <= words <= 30 or "\n" in block:  # a listing is no headline
        return False
    if BYLINE.match(block) or date_line(block, publication=False) or SPACED_CAPITALS.search(block + " "):
        return False
    if block.startswith(ARROWS) or block.endswith(ARROWS):
        return False  # "Next Work →", "← Older posts": a link to another page
    unquoted = GUILLEMET_QUOTE.sub("", block)
    if len(BREADCRUMB.findall(unquoted)) >= 2 or (unquoted == block and LABELLED_LIST.match(block)):
        return False
    letters = len(LETTER.findall(block))
    if letters < 0.6 * len(block.replace(" ", "")):
        return False
    return not block.rstrip().endswith((":", ",", ";"))


def title_score(block: str, words: int, distance: int, repeats: bool, signed: bool, bylined: bool = False) -> float:
    """Higher for a more headline-like line; ``signed``: a byline or date line follows it closely;
    ``bylined``: the very next line is a byline ("By …", "Written by …")."""
    score = min(words, 10) - max(0, words - 16) - TITLE_DISTANCE_COST * distance
    if repeats:
        score += TITLE_REPEATS
    if signed:
        score += TITLE_SIGNED
    if is_sentence(block) and block.rstrip().endswith("."):
        score -= 6  # standfirsts and captions end with a full stop; headlines seldom do
    if words <= 3:
        score -= 3
        if all(word[:1].isupper() for word in block.split()) and not bylined:
            score -= 3  # a name ("Joseph Cox") or a section ("World News"); over a byline, a short headline
    if block[:1].islower():
        score -= 4
    return score


def find_title(blocks, reasons, words, first: int, last: int | None = None) -> int | None:
    """Index of the headline: before the body, or among its first blocks when a short
    lead-in (a tagline, a kicker) was taken for the start of the body."""
    last = first if last is None else last
    keys = list(map(normalise_line, blocks))
    counts = Counter(keys)
    best, best_index = None, None
    body_text: dict[int, str] = {}  # body text from each start, for the echo of a headline
    by_length = lengths = None
    inside = [i for i in range(first, min(first + TITLE_INSIDE_BODY, last)) if sum(words[first:i]) <= TITLE_INSIDE_MAX_WORDS]
    trails = breadcrumb_trails(blocks[:first], words)  # a trail is printed over the article
    lead_paragraph = next((blocks[j] for j in range(first, min(first + TITLE_INSIDE_BODY, last + 1)) if words[j] >= 25), "")
    # Nearest first, so that a good headline is met early and far lines that cannot beat it
    # are skipped before the costlier tests; ">=" keeps the farthest of equal scores, as before.
    window = _window_before(reasons, words, first)
    gaps, gap = {}, 0.0  # blocks of distance between each line of the window and the body
    for j in reversed(window):
        gaps[j] = gap
        gap += (SHORT_LINE_DISTANCE if words[j] <= WIDGET_LINE_WORDS else 1.0) if reasons[j] is None else 0.0
    for i in reversed([*window, *inside]):
        # A subject's name may recur on other pages of the corpus (pages about the same thing).
        subject = reasons[i] in (None, "line repeated across documents") and names_subject(blocks[i], lead_paragraph)
        if not (subject or looks_like_title(blocks[i], words[i], reasons[i])) or trails.is_section(crumb := trail_key(blocks[i])):
            continue  # not a headline's shape, or a section of the page's breadcrumb trail
        cues = TITLE_CRUMB * trails.names_page(crumb) + TITLE_SUBJECT * subject
        if i >= first and (is_prose(blocks[i], words[i], reasons[i]) or not is_prose(blocks[i + 1], words[i + 1], reasons[i + 1])):
            continue  # inside the body only a line that heads prose can be the headline
        bylined = i + 1 < len(blocks) and bool(BYLINE.match(blocks[i + 1]))
        # Lines a chrome rule named (share buttons, a player's controls) do not set a headline apart.
        # A run of one-to-three-word lines (a video player's controls) counts for little, as in body_span.
        distance = gaps[i] if i < first else i - first + 1
        plain = title_score(blocks[i], words[i], distance, False, False, bylined) + cues
        if best is not None and plain + TITLE_SCORE_EVIDENCE < best:
            continue  # even repeated, signed and echoed in the body it would not win
        body_start = max(first, i + 1)
        lead = " ".join(blocks[body_start : body_start + 3]).lower()  # a headline's words come back in the lead
        if body_start not in body_text:
            body_text[body_start] = " ".join(blocks[body_start : last + 1]).lower()
        if by_length is None:  # the lines above the body, shortest first: a headline is looked for in those a little longer
            by_length = sorted(set(keys[: first + 1]), key=len)
            lengths = [len(k) for k in by_length]
        candidates = by_length[bisect.bisect_left(lengths, len(keys[i])) : bisect.bisect_left(lengths, 2 * len(keys[i]) + 40)]
        repeats = counts[keys[i]] > 1 or any(keys[i] in other and other != keys[i] for other in candidates)
        # A byline or date line among the next few lines, or as the next line past a row of lines a
        # chrome rule named (share buttons).
        after_chrome = next((j for j in range(i + 1, min(i + 1 + SIGNED_SKIP, len(blocks))) if reasons[j] is None), None)
        signed = any(_signs(blocks[j]) for j in range(i + 1, min(i + 5, len(blocks)))) or (
            after_chrome is not None and _signs(blocks[after_chrome])
        )
        score = title_score(blocks[i], words[i], distance, repeats, signed, bylined) + cues
        score += TITLE_LEAD_WEIGHT * _overlap(blocks[i], lead)
        score += TITLE_BODY_WEIGHT * _overlap(blocks[i], body_text[body_start])
        if best is None or score >= best:
            best, best_index = score, i
    return best_index


def _window_before(reasons: list[str | None], words: list[int], first: int) -> range:
    """The blocks before the body searched for its headline: TITLE_WINDOW of them, not counting
    lines a chrome rule named and a one-to-three-word line as a quarter (a video player's
    settings menu can stand between headline and body)."""
    start, seen = first, 0.0
    while start > 0 and seen < TITLE_WINDOW:
        start -= 1
        if reasons[start] is None:
            seen += SHORT_LINE_DISTANCE if words[start] <= WIDGET_LINE_WORDS else 1.0
    return range(start, first)


@functools.lru_cache(maxsize=4096)
def _signs(block: str) -> bool:
    """A byline or a date line: what follows a headline."""
    return bool(BYLINE.match(block) or date_line(block, 8))


def _overlap(line: str, lead: str) -> float:
    """Share of the line's longer words that the lead paragraphs use too (half of it for a
    line of one such word: "Top post" recurring in "posted on …" says little)."""
    content = [w for w in WORD.findall(line.lower()) if len(w) >= 4]
    if not content:
        return 0.0
    return sum(w in lead for w in content) / len(content) * (0.5 if len(content) == 1 else 1.0)


def _headline_copies(blocks: list[str], title_index: int | None) -> list[int]:
    """Other lines that print the headline word for word."""
    if title_index is None:
        return []
    key = normalise_line(blocks[title_index])
    return [i for i, block in enumerate(blocks) if i != title_index and len(block) == len(blocks[title_index]) and normalise_line(block) == key]


def find_date(blocks, title_index: int | None, first: int, last: int, reasons=None, words=None) -> tuple[int | None, str | None, str | None]:
    """(index, ISO date, how found) of the article's publication date."""
    anchor = title_index if title_index is not None else first
    candidates = []
    window = range(max(0, anchor - DATE_BEFORE_TITLE), min(max(first, anchor) + DATE_AFTER_BODY_START, len(blocks)))
    # Far below the headline and far above the body (in an infobox, a sidebar) a date is not the article's.
    window = [i for i in window if i - anchor <= DATE_NEAR or first - i <= DATE_NEAR]
    def header_line(i: int) -> bool:  # False for a paragraph of the body or a reference: not a date line
        return not (i >= first and i != first and len(blocks[i].split()) >= 25 or blocks[i].startswith(FOOTNOTE_MARKS)
                    or CITATION.search(blocks[i]))

    for i in window:
        if not header_line(i):
            continue
        near = abs(i - anchor) <= 3 or BYLINE.match(blocks[i])
        iso = date_line(blocks[i], 8 if near else 4)
        if iso:
            candidates.append((is_update_line(blocks[i]), abs(i - anchor), i, iso, "date line"))
    if candidates:
        _, _, i, iso, how = min(candidates)
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
        for i in reversed(_window_before(reasons, words, min(anchor, first))):
            if reasons[i] is None and BYLINE.match(blocks[i]) and (iso := date_line(blocks[i], 8)):
                return i, iso, "date in byline"
    # A date printed without its year ("March 18 at 3:57 PM"), the year from the page's own.
    yearless = None  # the nearest such line when the page gives no year: no date, but said so
    for i in sorted(window, key=lambda i: abs(i - anchor)):
        if header_line(i) and (parts := yearless_date(blocks[i], 8 if abs(i - anchor) <= 3 or BYLINE.match(blocks[i]) else 4)):
            if iso := complete_date(*parts, blocks):
                return i, iso, "date line without a year"
            yearless = i if yearless is None else yearless
    # The headline printed again (a sticky bar, a print header) may carry the date that its own
    # header gives only as "2 hours ago": a date line next to that copy (below it on a tie), with or
    # without its year.
    for copy in _headline_copies(blocks, title_index):
        for i in sorted(range(max(0, copy - DATE_BEFORE_TITLE), min(copy + DATE_BEFORE_TITLE + 1, len(blocks))), key=lambda i: (abs(i - copy), i < copy)):
            if i == copy or i == title_index or not header_line(i) or is_update_line(blocks[i]):
                continue
            if iso := date_line(blocks[i], 8):
                return i, iso, "date line by the headline printed again"
            if (parts := yearless_date(blocks[i], 8)) and (iso := complete_date(*parts, blocks)):
                return i, iso, "date line without a year by the headline printed again"
    for i in range(last + 1, min(last + 6, len(blocks))):
        if blocks[i].startswith(FOOTNOTE_MARKS) or CITATION.search(blocks[i]):
            continue  # a reference's date ("^ "Title". Publisher. 2012-08-15. Retrieved …"), not the article's
        if (iso := date_line(blocks[i], 8)) and not is_update_line(blocks[i]):
            return i, iso, "date line after the body"
    if yearless is not None:
        return yearless, None, YEARLESS_HOW
    return None, None, None


def page_layout(blocks: list[str], reasons: list[str | None], words: list[int]) -> PageLayout | None:
    span = body_span(blocks, reasons, words)
    if span is None:
        return None
    first, last = span
    title_index = find_title(blocks, reasons, words, first, last)
    if title_index is not None and title_index >= first:
        first = title_index + 1  # what stood above the headline was a lead-in, not the article
    prose = functools.lru_cache(maxsize=None)(lambda i: is_prose(blocks[i], words[i], reasons[i]))
    if (end := closing_toolbar(blocks, words, prose, title_index, first, last, _signs)) is not None:
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
        if reasons[i] is None and words[i] <= 12 and BYLINE.match(block) and any(prose[max(0, i - TEASER_BYLINE_GAP) : i])
    )
    if teasers >= FRONT_MIN_TEASERS:
        return f"a list of {teasers} signed teasers (a section front or an index)"
    return None
