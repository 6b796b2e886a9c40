"""Where an article on a web page ends, by signs the page itself repeats.

Many pages set a toolbar by the headline ("Share article", "Facebook Twitter"; "Tweet", "Share")
and the same toolbar again under the article. What follows the second copy (related links,
advertising, the next article of a page that prints two) is not the article, whatever its
language: the toolbar is recognised by its repeat, not by its words. A thread of reader
comments (headers of a name and a date with a clock time) and a ticker of the latest news
(lines opening with a clock time) are found by their shape too.

The other way round, the body's end (its last full sentence) can cut off a list that closes
the article: items in sentence case ("Fixed a bug where … (Bug 1675624)") carry it on, where
teasers are headlines in title case, cut off with an ellipsis, dated, or links set between
separators.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from topics.ingest.lines import normalise_line
from topics.ingest.pagedates import date_line, find_dates

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
# A reader comment's header: a name and the date with a clock time ("Rarst · March 10, 2017 at 1:26 AM").
CLOCK_TIME = re.compile(r"\b\d{1,2}[:.h]\d{2}\b|\b\d{1,2}\s*[ap]\.?m\.?(?!\w)", re.IGNORECASE)
COMMENT_HEADER_MAX_WORDS = 14
COMMENT_THREAD_MIN = 3  # comment headers that make a thread
COMMENT_HEADER_GAP = 12  # most blocks between two headers of one thread (a comment and its replies)
DIGIT = re.compile(r"\d")
TICKER_STAMP = re.compile(r"^(?:[01]?\d|2[0-3])[:h.][0-5]\d(?:\s|$)")
TICKER_MIN, TICKER_GAP = 5, 6
LETTER = re.compile(r"[^\W\d_]")
TOOLBAR_LINE_WORDS = 4  # longest line of a toolbar
TOOLBAR_ZONE = 10  # blocks above the headline searched for the toolbar (it may stand over it)
TOOLBAR_AFTER_PROSE = 40  # words of article prose above the second copy for it to end the article
TRAILING_ITEM_MIN_WORDS = 8  # a shorter line under the article is a link or a heading
LINK_SEPARATOR = re.compile(r"\s[|·•]\s|\s[—–]\s.*\s[—–]\s")  # "Part 1 | Part 2", "Name — 2013-09-29 — in Code — Permalink"


# A list of names written out as a sentence: "Murphy; Rabeni, Smith, Gibson, Healey; …; Corry.", "Replacements: Fortey,
# Murphy, Daly." (a team sheet, a squad, a draw's pools under a sports report). Capitalised, as teasers are, but set
# off by commas and semicolons and closed by a full stop, as no menu or headline is.
NAME_LIST_MIN_ITEMS = 4
NAME_ITEM_MAX_WORDS = 4
NAME_SEPARATOR = re.compile(r"[,;:]\s*|\.\s+")  # "…, Barker. Subs not used: White, …"


def name_list(block: str, lower_words: frozenset[str] = frozenset()) -> bool:
    """Whether ``block`` is a list of names closed by a full stop (:data:`NAME_SEPARATOR`): most of its items
    names, no word of which the page writes in lower case (``lower_words``, :func:`lower_case_words`). A list of
    topics in title case ("Related Topics: Climate Change, Renewable Energy, Wind Power.") is made of words the
    article writes in lower case ("climate change"); a team sheet's surnames and clubs are not. A list labelled as a
    related-content box ("Related Topics: Brexit, European Union, Theresa May, Boris Johnson.") is links, names or not."""
    if not block.rstrip().endswith(".") or box_label(block):
        return False
    items = [item for item in NAME_SEPARATOR.split(block.rstrip(" .")) if item]
    if len(items) < NAME_LIST_MIN_ITEMS or any(len(item.split()) > NAME_ITEM_MAX_WORDS for item in items):
        return False
    names = sum(not any(word in lower_words for word in WORD.findall(item.lower())) for item in items)
    return names * 2 > len(items)


LABEL = re.compile(r"^([^\W\d_][^:]{0,40}):\s*\S")


def box_label(block: str) -> bool:
    """Whether ``block`` opens with a related-content box's heading as its label ("Related Topics: …", "More from
    Politics: …"): the box's links set on one line."""
    label = LABEL.match(block)
    return bool(label and ARTICLE_END.match(label.group(1).strip()))


WORD = re.compile(r"[^\W\d_]{3,}")  # a word of three letters or more ("R McBryde": the surname)


def lower_case_words(blocks: list[str]) -> frozenset[str]:
    """The words of three letters or more that ``blocks`` write in lower case somewhere."""
    return frozenset(word for block in blocks for word in WORD.findall(block) if word.islower())


def trailing_items(blocks: list[str], reasons: list[str | None], words: list[int], last: int,
                   headline_case: Callable[[str], bool]) -> int:
    """The last block of the article once the list items right under ``last`` are counted in
    (``last`` when there are none): lines no chrome rule names, of TRAILING_ITEM_MIN_WORDS or more
    words, not in headline case (``headline_case``) unless a list of names (:func:`name_list`: a team
    sheet), not cut off, holding no date and no separators."""
    j = last + 1
    lower_words = lower_case_words(blocks) if j < len(blocks) else frozenset()
    while (j < len(blocks) and reasons[j] is None and words[j] >= TRAILING_ITEM_MIN_WORDS
           and (not headline_case(blocks[j]) or name_list(blocks[j], lower_words))
           and not blocks[j].endswith(("…", "...")) and not LINK_SEPARATOR.search(blocks[j]) and not find_dates(blocks[j])):
        j += 1
    return j - 1


def closing_toolbar(blocks: list[str], words: list[int], prose: Callable[[int], bool], title_index: int | None, first: int,
                    last: int, signature: Callable[[str], bool] = lambda line: False) -> int | None:
    """Index of the first line of a toolbar that stands by the headline and again inside the body
    span, after some of the article's prose; None when there is none. ``prose(i)`` says whether
    block ``i`` is prose (asked only where needed); ``signature`` names the
    lines that are not a toolbar's (a byline, a date line)."""
    if title_index is None or first >= last:
        return None

    def short(i: int) -> bool:
        return (i != title_index and 0 < words[i] <= TOOLBAR_LINE_WORDS and any(c.isalpha() for c in blocks[i]) and not prose(i)
                and not signature(blocks[i]))  # a byline and date again: another article of an edition page

    lo = max(0, title_index - TOOLBAR_ZONE)
    pairs = {
        (normalise_line(blocks[i]), normalise_line(blocks[i + 1])) for i in range(lo, first - 1) if short(i) and short(i + 1)
    }
    if not pairs:
        return None
    heads = {head for head, _ in pairs}
    seen = 0
    for i in range(first, last):
        if prose(i):
            seen += words[i]
        elif seen >= TOOLBAR_AFTER_PROSE and words[i] <= TOOLBAR_LINE_WORDS and normalise_line(blocks[i]) in heads:
            if (normalise_line(blocks[i]), normalise_line(blocks[i + 1])) in pairs and short(i) and short(i + 1):
                return i
    return None


def comment_thread_start(blocks: list[str], words: list[int]) -> int | None:
    """Where a thread of reader comments starts: the first of COMMENT_THREAD_MIN or more comment
    headers standing close together, or None."""
    headers = [
        i for i, block in enumerate(blocks)
        if words[i] <= COMMENT_HEADER_MAX_WORDS and DIGIT.search(block) and CLOCK_TIME.search(block) and _comment_header(block)
    ]
    for k in range(len(headers) - COMMENT_THREAD_MIN + 1):
        run = headers[k : k + COMMENT_THREAD_MIN]
        if all(b - a <= COMMENT_HEADER_GAP for a, b in zip(run, run[1:])):
            return run[0]
    return None


def ticker_start(blocks: list[str]) -> int | None:
    """Where a ticker of the latest news starts ("14:44 Headline", "14:32 …"): the first of
    TICKER_MIN lines opening with a clock time close together, or None. Like a related-links
    box, it ends an article unless much more prose follows (a live blog is all ticker)."""
    stamps = [i for i, block in enumerate(blocks) if TICKER_STAMP.match(block)]
    for k in range(len(stamps) - TICKER_MIN + 1):
        run = stamps[k : k + TICKER_MIN]
        if all(b - a <= TICKER_GAP for a, b in zip(run, run[1:])):
            return run[0]
    return None


def _comment_header(block: str) -> bool:
    """A name with a date and a clock time: not a bare date line (the article's own, a teaser's)
    and not a table row of numbers."""
    if not CLOCK_TIME.search(block):  # the cheaper test first: few lines hold a clock time
        return False
    dates = find_dates(block)
    if not dates or date_line(block, 0, fields=False):
        return False
    rest = block
    for match in reversed(dates):
        rest = rest[: match.start] + " " + rest[match.end :]
    return len(LETTER.findall(CLOCK_TIME.sub(" ", rest))) >= 2
