"""Whether a title names a happening: a source's title field can hold the byline ("By Matthew Rosenberg
and Adam Nossiter") or a dateline ("KABUL, Afghanistan —", "Aug. 16, 2021") in its place, which tell a
reader nothing of what the article reports. A list of names without "By" is not told apart: in title
case "Musicians Flee Afghanistan, Fearing Taliban Rule" reads as one. Pure functions over strings.
"""

from __future__ import annotations

import re

from topics.text.codes import only_codes
from topics.text.wording import DATELINE, MONTHS, WEEKDAYS

BYLINE_OPENING = re.compile(r"^(?:(?:written|posted|story|words|reported)\s+)?by\s+", re.IGNORECASE)
# The joints of a list of names: "A, B and C", "A & B".
NAME_JOINTS = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*", re.IGNORECASE)
# A word of a written name: capitalised ("Rosenberg", "O'Neil", "Al-Hassan"), an initial ("J." "J.R."),
# or a lower-case particle ("de", "van", "bin").
NAME_WORD = re.compile(r"(?:[A-Z][\w'’.-]*|(?:[A-Z]\.)+|de|da|di|du|del|der|den|van|von|bin|al|la|le|el|ibn)$")
NAME_WORDS = 4  # most words of one person's name (given names, particles and family names)
# News agencies whose name alone is a byline.
WIRES = frozenset("reuters afp ap upi bloomberg xinhua dpa efe ansa pti ians aap kyodo yonhap tass interfax".split())


def is_headline(title) -> bool:
    """Whether ``title`` can stand for what an article reports: not empty and not only a byline, a
    dateline or a date."""
    text = " ".join(str(title or "").split()).strip(" |·•-–—:")
    if not text:
        return False
    return not is_byline(text) and not _dateline(text)


def is_byline(title) -> bool:
    """Whether ``title`` is only a byline: "By" and one or more people's names (or one agency's)."""
    text = " ".join(str(title or "").split()).strip(" |·•-–—:")
    byline = BYLINE_OPENING.match(text)
    return bool(byline) and _names(text[byline.end():])


def _names(text: str) -> bool:
    """Whether ``text`` is a list of people's names, or one name ("Reuters"); written in one case throughout
    ("BY JOHN SMITH", "by john smith") it is read as names are written. A last part of one word after a name is
    the writer's place ("By Sami Yousafzai, Kabul")."""
    text = text.strip(" .")
    if text.isupper() or text.islower():
        text = " ".join(word if word.lower() in WIRES else word.capitalize() for word in text.split())
    parts = [part for part in NAME_JOINTS.split(text) if part]
    if len(parts) > 1 and len(parts[-1].split()) == 1 and len(parts[-2].split()) > 1 and parts[-1][:1].isupper():
        parts = parts[:-1]
    if not parts:
        return False
    for part in parts:
        words = part.split()
        # A single word only for one name alone ("By Reuters"): "By Land and Sea" is a headline.
        if not (2 if len(parts) > 1 else 1) <= len(words) <= NAME_WORDS or not all(NAME_WORD.match(w) for w in words):
            return False
        if words[0].lower() in ("the", "a", "an"):  # no name opens with an article ("By The Numbers")
            return False
        # One word alone is an agency's name only as agencies write it ("By AFP", "By Reuters"): a title-case
        # headline opens with a capital too ("By Design", "By the Numbers").
        if len(words) == 1 and not (words[0].strip(".").lower() in WIRES or (words[0].isupper() and len(words[0]) > 1)):
            return False
        if not any(w[0].isupper() for w in words):
            return False
    return True


def _dateline(text: str) -> bool:
    """Whether ``text`` is only a dateline or a date ("WASHINGTON —", "Monday, Aug. 16, 2021")."""
    if (line := DATELINE.match(text)) and line.end() == len(text):
        return True
    words = re.findall(r"[^\W\d_]+", text.lower())
    return only_codes(text) or (bool(words) and bool(re.search(r"\d", text)) and all(w in MONTHS or w in WEEKDAYS for w in words))
