"""Line openers: the credits and datelines a wire story or a press release opens a line with ("AP - ",
"LOS ANGELES (Reuters) - ", "KABUL, Afghanistan (Dec. 9) -", "Canadian Press - VANCOUVER (CP) - ").

One detector for keywords and labels (:func:`repeated_openers`, :func:`drop_openers`) and for lookup's
lexical evidence (:mod:`topics.search.furniture`). May import :mod:`topics.text.wording`.
"""

from __future__ import annotations

import re
from collections import Counter

from topics.text.wording import MIN_TEMPLATE_UNITS, TEMPLATE_UNIT_SHARE, plain_apostrophes

# A capital letter of any alphabet ("ÉVIAN", "ÎLE-DE-FRANCE"), which ``[A-Z]`` is not (``re`` has no \p{Lu}).
CAPITAL = "[" + "".join(c for c in map(chr, range(0x10000)) if c.isupper() and c.isalpha()) + "]"
# A line opener: up to four capitalised words (hyphenated ones too: "WINSTON-SALEM"), an optional region after a
# comma ("Kabul, Afghanistan"), an optional "(Reuters)" or date, then a dash ("AP - ", "LOS ANGELES (Reuters) - ",
# "KABUL, Afghanistan (Dec. 9) -", "WASHINGTON—"). One repeated across units is a credit or dateline, not content.
# Openers may follow one another: "Canadian Press - VANCOUVER (CP) - ".
# A double hyphen is a dash ("TORONTO -- A", "WASHINGTON--The", "Sweden --(Business Wire)") unless it starts an
# arrow or a rule ("AUI -->", "X---entry---") or, after a space, a word: an option or an operator ("X\t--col;").
# A single hyphen needs a space after it ("ISIS-K" holds none).
_DASH = r"(?:(?<![ \t])--(?![->])|--(?![\w>-])|-(?=[ \t])|[\u2014\u2013])[ \t]*"
_NAME_WORD = rf"{CAPITAL}[\w.'&]*(?:-[\w.'&]+)*"
# No two runs of spaces touch (each run is followed by what cannot be a space): a long run costs its length, not its square.
_CREDIT = r"[ \t]*(?:(\([^()\n]{0,40}\))[ \t]*)?"
_OPENER = (
    rf"[ \t]*((?:{_NAME_WORD}[ \t]+){{0,3}}{_NAME_WORD}(?:,[ \t]*{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,2}})?)"
    rf"{_CREDIT}{_DASH}"
)
OPENER = re.compile("^" + _OPENER, re.MULTILINE)
NEXT_OPENER = re.compile(_OPENER)  # an opener right where the one before it ended (``match(text, pos)``)


def opener_name(match) -> str:
    """The words of an opener found by :data:`OPENER` or :data:`NEXT_OPENER`, spaced as one: "KABUL, Afghanistan"."""
    return " ".join(match.group(1).replace(",", ", ").split()).replace(" ,", ",")


def is_dateline(match) -> bool:
    """Whether an opener is written as a dateline (as :data:`topics.text.wording.DATELINE` reads one): a place in
    capitals ("LOS ANGELES"), a region after a comma ("Kabul, Afghanistan") or a credit or date after the name
    ("Athens (Reuters)"). "Mr Blair", "Firefox" or "AP" alone are not."""
    words = match.group(1).split()
    return match.group(2) is not None or "," in match.group(1) or (len(words[0]) > 2 and all(w.isupper() for w in words))


def opening_chain(text: str, start: int = 0) -> list:
    """The openers that follow one another from ``start`` (a line's start) of ``text``, as matches ("Canadian
    Press - ", "VANCOUVER (CP) - "); none where no opener is there. Each leaves words on its line: a line that
    is an opener alone ("WINNERS -") is a heading."""
    chain = []
    match = NEXT_OPENER.match(text, start)
    while match is not None:
        end = text.find("\n", match.end())  # only the rest of the line, not of the text
        if not text[match.end(): len(text) if end < 0 else end].strip():
            break
        chain.append(match)
        match = NEXT_OPENER.match(text, match.end())
    return chain


def line_opener_shapes(text) -> dict[str, bool]:
    """Each line opener (:data:`OPENER`) of one text, each of a chain of them at a line's start, with whether
    it is written as a dateline there once or more (:func:`is_dateline`)."""
    text = plain_apostrophes(text)
    shapes: dict[str, bool] = {}
    for line in OPENER.finditer(text):
        for match in opening_chain(text, line.start()):
            name = opener_name(match)
            shapes[name] = shapes.get(name, False) or is_dateline(match)
    return shapes


def line_openers(text) -> frozenset[str]:
    """The line openers (:data:`OPENER`) of one text, each of a chain of them at a line's start."""
    return frozenset(line_opener_shapes(text))


def template_units(n_units: int) -> int:
    """How many of ``n_units`` units a corpus formula is in at least (as template sentences are judged)."""
    return max(MIN_TEMPLATE_UNITS, int(TEMPLATE_UNIT_SHARE * n_units))


def repeated_openers(texts, min_units: int = MIN_TEMPLATE_UNITS, material=None) -> frozenset[str]:
    """Line openers (:data:`OPENER`) that ``min_units`` units or more begin a line with: wire
    credits ("AP", "Reuters") and datelines of any case ("LOS ANGELES", "Iraq"). ``material``:
    remembers each text's :func:`line_openers` (None = found here)."""
    if material is not None:
        return material.repeated("openers", texts, min_units)
    seen: Counter = Counter()
    for text in texts:
        seen.update(line_openers(text))
    return frozenset(opener for opener, n in seen.items() if n >= min_units)


def _name_pattern(name: str) -> str:
    """``name`` (as :func:`opener_name` spaces it) as written: words apart by spaces, a region's comma with or without one."""
    return ",[ \t]*".join(r"[ \t]+".join(map(re.escape, part.split())) for part in name.split(","))


def drop_openers(texts, openers: frozenset[str]) -> list[str]:
    """``texts`` without the ``openers`` that start their lines, the whole chain of them ("Canadian Press -
    OTTAWA (CP) - "), or one without the dash after it: a corpus that writes "LOS ANGELES - " also
    writes "LOS ANGELES NASA will ...".
    """
    if not openers:
        return [str(t) for t in texts]
    names = "|".join(_name_pattern(o) for o in sorted(openers, key=len, reverse=True))
    one = rf"(?:{names})(?![\w'-]){_CREDIT}"
    # A name without its dash only opening a line: after a chain, "TORONTO" of "SPACE.com - TORONTO, Canada -- " is
    # the start of a dateline of its own (:data:`topics.text.wording.DATELINE` takes it whole).
    pattern = re.compile(rf"^[ \t]*(?:(?:{one}{_DASH})+|{one})", re.MULTILINE)
    # Only a text holding an opener's first word can lose it (the words are matched as written).
    firsts = {re.split(r"[ ,]", o)[0] for o in openers}
    plain = [plain_apostrophes(t) for t in texts]
    return [pattern.sub("", t) if any(first in t for first in firsts) else t for t in plain]
