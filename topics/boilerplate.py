"""Separate an article's body from the web chrome scraped along with it.

Rules are general, never written for one file: known form and navigation
text, photo captions, publisher blurbs, lines repeated across documents,
and the position of short non-sentence lines (before the body they are
header chrome, after it footer chrome, between body paragraphs they are
sub-headings that give the following paragraphs their section).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dateutil import parser as date_parser

# Navigation, comment-form and advertising text, matched against a whole
# line after normalisation (lower case, edge punctuation removed).
KNOWN_CHROME = re.compile(
    r"""^(?:
      advertisement|advertisements|ad|ads|sponsored(?:\ content)?|promoted
    | most\ (?:read|popular|viewed|shared)|trending(?:\ now)?|editor'?s?\ picks?
    | exit\ mobile\ version|skip\ to\ (?:main\ )?content|toggle\ navigation|menu|home|search
    | leave\ a\ (?:reply|comment)|cancel\ reply|post\ comment|submit(?:\ comment)?|comments?|\d+\ comments?
    | (?:please\ )?enter\ your\ (?:comment|name|email|e-mail)(?:\ address)?(?:\ here)?
    | .*captcha.*
    | save\ my\ name.*|notify\ me\ of\ .*|your\ email\ address\ will\ not\ be\ published.*
    | required\ fields\ are\ marked.*
    | more\ (?:articles|stories(?:\ today)?|from(?:\ category|\ author)?|news|on\ this\ topic)
    | related(?:\ (?:articles|posts|stories|news|topics))?|read\ (?:more|next|also)(?:\ .{0,60})?
    | you\ (?:may|might)\ also\ like|recommended(?:\ for\ you)?|latest(?:\ news|\ stories)?
    | share(?:\ this)?(?:\ (?:article|story|post))?(?:\ on\ .{0,40})?|follow\ (?:us\ )?(?:\w+\ ){0,3}on.*
    | subscribe.*|sign\ (?:up|in).*|log\ ?in|newsletter
    | published|updated|posted|published\ on|updated\ on|posted\ (?:on|in)|on|by|print|email|e-mail
    | tags?:.*|filed\ under.*|categories:.*
    | all\ rights\ reserved.*|copyright.*|©.*
    | loading.*|click\ here.*|continue\ reading.*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)

# Photo captions: "(left)", "(right)", "Photo: …", "File photo" …
CAPTION = re.compile(
    r"\((?:left|right|centre|center|top|bottom|above|below|file|pictured)\)"
    r"|^(?:photos?|images?|pictures?|file\ photo|credit|source)\s*[:|/–—-]",
    re.IGNORECASE | re.VERBOSE,
)

# "X is a Kabul-based independent news organisation …"
PUBLISHER_BLURB = re.compile(
    r"^[\w .&'’-]{2,60}\bis an?\b.{0,160}\b(?:news|media|press|publication|publisher|newspaper|"
    r"magazine|outlet|organi[sz]ation|agency|website|portal|broadcaster)\b",
    re.IGNORECASE,
)

MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
DATE_IN_LINE = re.compile(
    rf"(?:\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?"
    rf"(?:\b{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH},?\s+\d{{4}}"
    rf"|\b\d{{4}}-\d{{2}}-\d{{2}})\b",
    re.IGNORECASE,
)

TERMINAL = re.compile(r"[.!?…。！？]$")
CLOSERS = "\"'”’»)]*"

HEADING_MAX_WORDS = 12
BODY_MIN_WORDS = 15  # the first real paragraph of an article
SENTENCE_MIN_WORDS = 6  # the last real paragraph of an article


def normalise_line(line: str) -> str:
    """Key used to compare lines: lower case, single spaces, no edge punctuation."""
    line = re.sub(r"\s+", " ", line).strip().lower()
    return line.strip(" -–—|•·*_=#:!.,")


def clean_whitespace(text: str) -> str:
    return re.sub(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+", " ", text).strip()


def is_sentence(text: str) -> bool:
    """Ends like a sentence (closing quotes and brackets allowed after the stop)."""
    stripped = text.rstrip(CLOSERS + " ")
    if not stripped:
        return False
    return bool(TERMINAL.search(stripped)) or (
        text.rstrip().endswith(("”", '"')) and len(text.split()) >= SENTENCE_MIN_WORDS
    )


CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def word_count(text: str) -> int:
    # Scripts written without spaces (Chinese, Japanese) count about two characters a word.
    return len(text.split()) + len(CJK.findall(text)) // 2


def split_blocks(text: str) -> list[str]:
    """Paragraph blocks: blank-line separated; a block of short separate lines
    is split into lines, while hard-wrapped prose is joined back together."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks: list[str] = []
    for raw_block in re.split(r"\n\s*\n", text):
        lines = [clean_whitespace(line) for line in raw_block.split("\n")]
        lines = [re.sub(r"^#{1,6}\s+", "", line) for line in lines if line]  # Markdown headings
        if not lines:
            continue
        wrapped = len(lines) > 1 and all(
            len(line) >= 40 and not is_sentence(line) for line in lines[:-1]
        )
        if wrapped:
            blocks.append(" ".join(lines))
        else:
            blocks.extend(lines)
    return blocks


def chrome_reason(block: str, repeated_lines: set[str]) -> str | None:
    """Why a block is chrome wherever it stands, or None."""
    key = normalise_line(block)
    if not key:
        return "punctuation only"
    if KNOWN_CHROME.match(key):
        return "navigation or form text"
    if CAPTION.search(block) and not is_sentence(block):  # captions rarely end like sentences
        return "photo caption"
    if PUBLISHER_BLURB.match(block):
        return "publisher blurb"
    if key in repeated_lines and not (is_sentence(block) and word_count(block) >= SENTENCE_MIN_WORDS):
        return "line repeated across documents"
    return None


def parse_date(block: str) -> str | None:
    """ISO date if the block is a date line ("Saturday, July 13, 2024", "Published on 3 May 2021")."""
    match = DATE_IN_LINE.search(block)
    if not match:
        return None
    rest = (block[: match.start()] + block[match.end() :]).strip(" ,|-–—:")
    if word_count(rest) > 3:
        return None
    try:
        return date_parser.parse(match.group(0), fuzzy=True).date().isoformat()
    except (ValueError, OverflowError):
        return None


@dataclass
class CleanArticle:
    title: str | None = None
    date: str | None = None
    paragraphs: list[tuple[str | None, str]] = field(default_factory=list)  # (section, text)
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (line, reason)


def clean_article(text: str, repeated_lines: set[str], *, find_header: bool) -> CleanArticle:
    """Split raw article text into title, date, sectioned paragraphs and dropped chrome.

    ``find_header`` is for scraped files whose first lines hold the title and
    date; text from a table column is body only.
    """
    result = CleanArticle()
    blocks = split_blocks(text)
    reasons = [chrome_reason(block, repeated_lines) for block in blocks]

    def is_body(i: int, min_words: int) -> bool:
        block = blocks[i]
        return reasons[i] is None and (
            (is_sentence(block) and word_count(block) >= min_words) or word_count(block) >= 2 * BODY_MIN_WORDS
        )

    body_indices = [i for i in range(len(blocks)) if is_body(i, SENTENCE_MIN_WORDS)]
    if not body_indices:  # nothing reads like prose: keep every non-chrome block
        first = 1 if find_header and len(blocks) > 1 else 0
        last = len(blocks) - 1
    else:
        # The body starts at the first sentence-like paragraph; what precedes it is title, date and chrome.
        first = body_indices[0] if find_header else 0
        last = body_indices[-1]

    for i, block in enumerate(blocks[:first]):
        if result.date is None and (date := parse_date(block)):
            result.date = date
            result.dropped.append((block, "date line"))
        elif (
            result.title is None
            and reasons[i] is None
            and 3 <= word_count(block) <= 40
        ):
            result.title = block.rstrip(" .")
        else:
            result.dropped.append((block, reasons[i] or "header chrome (before the article body)"))

    section: str | None = None
    for i in range(first, last + 1):
        block = blocks[i]
        if reasons[i]:
            result.dropped.append((block, reasons[i]))
        elif not body_indices and not find_header:
            result.paragraphs.append((None, block))  # a table cell that is all short lines: it is the text
        elif is_sentence(block) or word_count(block) > HEADING_MAX_WORDS:
            result.paragraphs.append((section, block))
        elif i < last and is_body(i + 1, SENTENCE_MIN_WORDS):
            section = block  # a sub-heading: context for the paragraphs under it
        elif find_header and result.date is None and (date := parse_date(block)):
            result.date = date
            result.dropped.append((block, "date line"))
        else:
            result.dropped.append((block, "short non-sentence line"))

    for block, reason in zip(blocks[last + 1 :], reasons[last + 1 :]):
        result.dropped.append((block, reason or "footer chrome (after the article body)"))
    return result
