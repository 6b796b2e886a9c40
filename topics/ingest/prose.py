"""Whether a block of page text is prose, a line in headline capitals, or a line of code.

The shape tests every page rule shares: the body is a run of prose, a headline is a short
title-cased line, and a program listing is kept as laid out.
"""

from __future__ import annotations

import functools
import re

from topics.ingest.lines import CJK, is_sentence

LETTER = re.compile(r"[^\W\d_]")
# A line of program code inside an article: ends like a statement or a block, calls a method, or holds a comment.
CODE_HINT = re.compile(r"[;{}()=/]")  # a cheap test first: most lines hold none of these
CODE_LINE = re.compile(r"[;{}]\s*$|^\s*[})\]]|\w\.\w+\(|\w\([^()]*\)[;,]?$|\s//\s|=>|\w\s?=\s?[\w\"'\[{(]")
NO_OPENING_QUOTES = str.maketrans("", "", "«‹“‘\"'([")  # «Vape Wave» reads as a capitalised word


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


# Encoded data (a uuencoded or base64 attachment, a key or hash block): most of its characters lie in
# runs of this many or more without a space, which no language written in Latin letters has (a German
# compound stops well short). Chinese, Japanese and Thai go without spaces too: only ASCII runs count.
ENCODED_RUN_CHARS = 25
ENCODED_MIN_CHARS = 40  # an attachment's line (uuencode writes 61 characters, base64 64 or 76)
ENCODED_SHARE = 0.6
# A run holds words where this share of its letters are in lower-case stretches of three or more, a capital
# allowed before them: code ("XOpenDisplay(display)"), paths and hosts ("xmosaic-binaries/xmosaic-sun.Z").
# Encoded data has none (uuencode writes no lower case) or few (base64 mixes the cases at random).
WORDLIKE_SHARE = 0.4
_WORDLIKE = re.compile(r"[A-Z]?[a-z]{3,}")
_LINK = re.compile(r"^(?:\w+://|www\.)")


def _encoded_run(token: str) -> bool:
    if len(token) < ENCODED_RUN_CHARS or not token.isascii() or _LINK.match(token) or len(set(token)) < 4:
        return False  # a rule line ("-----", "+=====") repeats a character or two
    letters = sum(c.isalpha() for c in token)
    return sum(map(len, _WORDLIKE.findall(token))) < WORDLIKE_SHARE * max(letters, 1)


@functools.lru_cache(maxsize=65536)
def is_encoded(block: str) -> bool:
    """A block of encoded data, not text: ``ENCODED_SHARE`` of its characters (``ENCODED_MIN_CHARS`` or
    more, spaces left out) lie in ASCII runs of ``ENCODED_RUN_CHARS`` or more without a space that hold
    no words (not links, code or paths) and are no rule lines."""
    tokens = block.split()
    total = sum(map(len, tokens))
    if total < ENCODED_MIN_CHARS:
        return False
    return sum(len(t) for t in tokens if _encoded_run(t)) >= ENCODED_SHARE * total
