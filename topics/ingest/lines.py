"""Single lines of text: how they are compared, counted and told apart from sentences.

Shared by the page-text rules and the chrome rules; cached, as menus and
footers repeat on every page of a site.
"""

from __future__ import annotations

import functools
import re

TERMINAL = re.compile(r"[.!?…。！？]$")
# A sentence signed by its writer's or agency's short tag: "… voraus. (bsc)", "… on Friday. (AP)".
SIGNED_END = re.compile(r"[.!?…]\s+\([\w./-]{1,12}\)$")
CLOSERS = "\"'”’»)]*"
SENTENCE_MIN_WORDS = 6  # the last real paragraph of an article
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


@functools.lru_cache(maxsize=65536)
def normalise_line(line: str) -> str:
    """Key used to compare lines: lower case, single spaces, no edge punctuation."""
    line = " ".join(line.split()).lower()
    return line.strip(" -–—|•·*_=#:!.,")


def clean_whitespace(text: str) -> str:
    """Every run of spaces (no-break and other Unicode spaces too) as one space, none at the ends."""
    if "\u200b" in text:
        text = text.replace("\u200b", " ")  # a zero-width space separates words too
    return " ".join(text.split())


@functools.lru_cache(maxsize=65536)
def is_sentence(text: str) -> bool:
    """Ends like a sentence (closing quotes and brackets allowed after the stop)."""
    stripped = text.rstrip(CLOSERS + " ")
    if not stripped:
        return False
    return bool(TERMINAL.search(stripped)) or (
        text.rstrip().endswith(("”", '"')) and len(text.split()) >= SENTENCE_MIN_WORDS
    ) or (text.rstrip().endswith(")") and bool(SIGNED_END.search(text.rstrip())))


@functools.lru_cache(maxsize=65536)
def word_count(text: str) -> int:
    """Words in the line; scripts written without spaces (Chinese, Japanese) count about two characters a word."""
    # max() is a quick test: a line whose highest character comes before the CJK blocks holds none of them.
    return len(text.split()) + (0 if text.isascii() or max(text) < "\u3040" else len(CJK.findall(text)) // 2)


# A line of one to three codes ("2011-11-S-034", "2017-08-15", "08.04.2015 12:46"): a release's
# reference number or a bare date, which says nothing a reader or a topic could use. A code's letters
# are short runs ("S", "CA"); a word is a longer run.
REFERENCE_LINE_MAX_TOKENS = 3
_CODE = re.compile(r"(?=\S*\d)(?:[^\W\d_]{1,3}(?![^\W\d_])|[\W\d_])+")


def is_reference_line(text: str) -> bool:
    """Whether ``text`` is one short line of codes and numbers only, no word of letters."""
    tokens = text.split()
    return 0 < len(tokens) <= REFERENCE_LINE_MAX_TOKENS and all(_CODE.fullmatch(token) for token in tokens)
