"""Codes, numbers and dates in a line, collapsed to placeholders, so that template lines compare equal.

Press releases and newsletters repeat lines that differ only in what is filled in:
"RELEASE No. 2010-03-CA-123", "2011-11-S-034 For Immediate Release", "ISAF Joint Command Morning
Operational Update, March 18, 2011". With its codes, numbers and dates collapsed each is one line
("RELEASE No. <code>", "<code> For Immediate Release", "… Operational Update, <date>"), which the
corpus can be seen to repeat. :func:`collapse_codes` gives that form; callers compare it (lower-cased,
spaces normalised) as they compare lines. Names stay: "Kabul" and "Kandahar" are content, not fill.
Pure functions over strings.
"""

from __future__ import annotations

import re

DATE = "<date>"
CODE = "<code>"
NUMBER = "<num>"

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATES = re.compile(
    # (The look-ahead lets most word starts fail at once: a third of the time of the whole pattern.)
    rf"\b(?=[jfmasond\d])(?:{_MONTH},?\s+(?:{_DAY}(?:,?\s+\d{{4}})?|\d{{4}})"  # March 18, 2011 / Jan. 10 2011 / May 7 / March 2011
    rf"|{_DAY}\s+{_MONTH}(?:,?\s+\d{{4}})?"  # 18 March 2011
    r"|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2}))(?![\w/-])",  # 2011-03-18, 18/03/2011
    re.IGNORECASE,
)
# A token holding a digit: a plain number ("1,314", "3.5", "12:30") or a code (letters or dashes
# with the digits: "2010-03-CA-123", "S-034", "B52", "COVID-19").
# A run of words joined by those marks is read once and left as it is when it holds no digit (a look-ahead for
# the digit read the rest of the run again from each of its words: square in "A.A.A. …").
_TOKEN = re.compile(r"(?<![\w<-])\w+(?:[-/.,:]\w+)*")
_PLAIN_NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")
# Placeholders in a row ("<num>, <num>, <num>"): one, so that lists of any length compare equal.
_RUN = re.compile(r"(<(?:date|code|num)>)(?:[\s,;/&+–—-]+\1)+")
_DIGIT = re.compile(r"\d")


def _token_placeholder(match: re.Match) -> str:
    token = match.group()
    if not _DIGIT.search(token):
        return token
    return NUMBER if _PLAIN_NUMBER.fullmatch(token) else CODE


def collapse_codes(text: str) -> str:
    """``text`` with its dates, codes and numbers as ``<date>``, ``<code>`` and ``<num>`` (a run of
    one kind as one); a text without a digit is returned as it is."""
    text = str(text)
    if not _DIGIT.search(text):
        return text
    text = _DATES.sub(DATE, text)
    text = _TOKEN.sub(_token_placeholder, text)
    return _RUN.sub(r"\1", text)


_PLACEHOLDER = re.compile(r"<(?:date|code|num)>")
_WORD = re.compile(r"[^\W\d_]{2,}")


def has_words(collapsed: str) -> bool:
    """Whether a collapsed line keeps a word of two letters or more besides its placeholders."""
    return bool(_WORD.search(_PLACEHOLDER.sub(" ", collapsed)))


# A word that no code or date can take in: joined to no other word by "-", "/", ".", "," or ":", not a month.
_LONE_WORD = re.compile(r"(?<![\w-])(?<!\w[/.,:])[^\W\d_]{2,}(?![\w-]|[/.,:]\w)")
_MONTH_WORD = re.compile(_MONTH + "$", re.IGNORECASE)


def only_codes(text: str) -> bool:
    """Whether ``text`` holds a code, number or date and no word besides ("1314,1198, 1173, 1341",
    "2011-11-S-034", "12/03/2011 14:05"): nothing a reader or a topic could use."""
    text = str(text)
    if not _DIGIT.search(text) or any(not _MONTH_WORD.match(m.group()) for m in _LONE_WORD.finditer(text)):
        return False  # told without collapsing: a paragraph's first words say so
    collapsed = collapse_codes(text)
    return collapsed != text and not has_words(collapsed)
