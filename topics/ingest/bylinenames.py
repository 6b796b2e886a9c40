"""The people an extractor's author field names, less what a byline prints beside them.

trafilatura reads the byline as it stands and splits it at its commas and slashes: a German page's
"Aktualisiert am 2. Dezember 2021, 18:12 Uhr Quelle: …, dpa, AFP, ces" gives "Aktualisiert; Dpa; AFP;
Ces", a "mfh/dpa/AFP" signature "Mfh; Dpa; AFP", "By Jane Smith, Transport Reporter | Published: …" gives
"Jane Smith; Transport Reporter; Published". A part is kept when it reads as a name: not the label of a date
line ("Published", "Aktualisiert", "Mis à jour"), not a role alone ("Transport Reporter"), not a single word
of four letters or fewer written as a code is (an agency's code or a writer's initials: "dpa", "AFP", "AP",
"ces"), while a short given name ("Ian", "Ana") stays where the page writes it as a name; a role set
after a name goes, with the desk or rank before it ("Jane Smith Reporter", "Dale Peterson Staff Writer"). The byline's
opening word ("By", "Par", "Von") and a separator left at its end ("Wei Lin ·") go too. Owns nothing else.
"""

from __future__ import annotations

import re

from topics.ingest.pagedates import BYLINE_OPENING, date_line

# The label a date line opens with, in the languages the date rules read (topics.ingest.pagedates).
DATE_LABEL = re.compile(
    r"^(?:posted|published|updated|last\s+updated|modified|publié|mis\s+à\s+jour|publicado|actualizado|atualizado"
    r"|veröffentlicht|aktualisiert|pubblicato|aggiornato|gepubliceerd|bijgewerkt)(?:\s+(?:on|at|le|am|el|em|op|il))?$",
    re.IGNORECASE,
)
BYLINE_WORD = re.compile(r"(?:^|\s)(?i:by|par|por|von|door)\s+(?=[A-ZÀ-Þ])")  # anywhere in a line: "Posted by Geoff"
# What a byline sets after a name: the writer's role ("Staff Writer", "Business Editor").
ROLE = re.compile(
    r"\b(?:reporter|writer|editor|correspondent|columnist|journalist|contributor|photographer|critic|producer"
    r"|redakteur(?:in)?|korrespondent(?:in)?|journaliste|correspondant(?:e)?|periodista|corresponsal)$",
    re.IGNORECASE,
)
CODE_MAX_LETTERS = 4
# The desk or rank a role may carry before it ("Staff Writer", "Games Editor", "Senior Correspondent").
ROLE_QUALIFIERS = frozenset(
    "staff senior chief deputy associate assistant managing executive contributing special business political foreign"
    " sports games science health transport education economics technology tech culture arts investigative national"
    " local data video digital social media news city legal security defence defense environment climate".split()
)
EDGE = " ·•|,;:-–—/"


def author_names(author: str | None, page_text: str | None = None) -> str | None:
    """``author`` (parts joined by "; ") less the parts that name no person, or None when none is left.
    ``page_text``: the page's own writing (its visible text, its author tags), which tells a short given name
    from a code the extractor capitalised; without it every short one-word part goes."""
    if not author:
        return author
    kept: list[str] = []
    for part in author.split(";"):
        name = BYLINE_OPENING.sub("", part.strip(EDGE)).strip(EDGE)
        words = name.split()
        if not words or DATE_LABEL.match(name) or date_line(name):
            continue
        if len(words) == 1 and len(name) <= CODE_MAX_LETTERS and name.isascii() and not _written_as_name(name, page_text):
            continue  # "dpa", "AFP", "ces": an agency's code or initials (a Chinese name of two or three characters stays)
        if ROLE.search(name):
            words = words[:-1]  # "Jane Smith Reporter"; "Dale Peterson Staff Writer": the role, then its desk or rank
            while words and words[-1].lower() in ROLE_QUALIFIERS:
                words = words[:-1]
            name = " ".join(words)  # "Transport Reporter": the role alone, nothing left
        if name and name.lower() not in {k.lower() for k in kept}:
            kept.append(name)
    return "; ".join(kept) or None


def _written_as_name(word: str, page_text: str | None) -> bool:
    """Whether the short word ``word`` is a name ("Ian", "Ana") rather than a code ("dpa", "AFP", "ces"): a name is
    written capitalised, a code all in capitals or all in lower case. The extractor capitalises a part written in
    lower case ("dpa" gives "Dpa"), so a capitalised part is a name only where the page writes it so, as a word of
    its own, and nowhere in lower case ("Ces" at a French sentence's start beside the code "ces" stays a code)."""
    if page_text is None or not (word[:1].isupper() and word[1:].islower()):
        return False
    written = set(re.findall(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])", page_text, flags=re.IGNORECASE))
    return word in written and word.lower() not in written


NAME_MAX_WORDS = 4
ROLE_MAX_WORDS = 4  # "Senior Energy Reporter", "Deputy Political Editor"


def reads_as_name(text: str) -> bool:
    """Two to four capitalised words and nothing else ("Jane Doe", "Ana María López")."""
    words = text.split()
    return 2 <= len(words) <= NAME_MAX_WORDS and all(word[:1].isupper() and not any(c.isdigit() for c in word) for word in words)


def name_and_role(line: str) -> bool:
    """A name with its role ("Jane Doe, Senior Energy Reporter"): two to four capitalised words before the comma, a
    role that opens with a capital or a rank after it."""
    *name, role = line.rstrip(" .").rsplit(",", 1)
    return (len(name) == 1 and reads_as_name(name[0]) and _opens_a_role(role.split()) and len(role.split()) <= ROLE_MAX_WORDS
            and bool(ROLE.search(role)))


def _opens_a_role(words: list[str]) -> bool:
    """Whether a role opens with a capital or its desk or rank ("Senior Energy Reporter", "staff writer"); "our new
    sports editor" is a sentence's (a related story's title: "Meet Ana Lopez, our new sports editor")."""
    return bool(words) and (words[0][:1].isupper() or words[0].lower() in ROLE_QUALIFIERS or bool(ROLE.search(words[0])))
