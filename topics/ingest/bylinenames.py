"""The people an extractor's author field names, less what a byline prints beside them.

trafilatura reads the byline as it stands and splits it at its commas and slashes: a German page's
"Aktualisiert am 2. Dezember 2021, 18:12 Uhr Quelle: …, dpa, AFP, ces" gives "Aktualisiert; Dpa; AFP;
Ces", a "mfh/dpa/AFP" signature "Mfh; Dpa; AFP", "By Jane Smith, Transport Reporter | Published: …" gives
"Jane Smith; Transport Reporter; Published". A part is kept when it reads as a name: not the label of a date
line ("Published", "Aktualisiert", "Mis à jour"), not a role alone ("Transport Reporter"), not a single word
of four letters or fewer (an agency's code or a writer's initials: "dpa", "AFP", "AP", "ces"); a role set
after a name goes with the word before it ("Dale Peterson Staff Writer", "Ben Silverman Games Editor"). The byline's
opening word ("By", "Par", "Von") and a separator left at its end ("Wei Lin ·") go too. Owns nothing else.
"""

from __future__ import annotations

import re

from topics.ingest.pagedates import date_line

# The label a date line opens with, in the languages the date rules read (topics.ingest.pagedates).
DATE_LABEL = re.compile(
    r"^(?:posted|published|updated|last\s+updated|modified|publié|mis\s+à\s+jour|publicado|actualizado|atualizado"
    r"|veröffentlicht|aktualisiert|pubblicato|aggiornato|gepubliceerd|bijgewerkt)(?:\s+(?:on|at|le|am|el|em|op|il))?$",
    re.IGNORECASE,
)
BYLINE_OPENING = re.compile(r"^(?:by|par|por|von|di|door|de)\s+(?=[A-ZÀ-Þ])", re.IGNORECASE)
# What a byline sets after a name: the writer's role ("Staff Writer", "Business Editor").
ROLE = re.compile(
    r"\b(?:reporter|writer|editor|correspondent|columnist|journalist|contributor|photographer|critic|producer"
    r"|redakteur(?:in)?|korrespondent(?:in)?|journaliste|correspondant(?:e)?|periodista|corresponsal)$",
    re.IGNORECASE,
)
CODE_MAX_LETTERS = 4
EDGE = " ·•|,;:-–—/"


def author_names(author: str | None) -> str | None:
    """``author`` (parts joined by "; ") less the parts that name no person, or None when none is left."""
    if not author:
        return author
    kept: list[str] = []
    for part in author.split(";"):
        name = BYLINE_OPENING.sub("", part.strip(EDGE)).strip(EDGE)
        words = name.split()
        if not words or DATE_LABEL.match(name) or date_line(name):
            continue
        if len(words) == 1 and len(name) <= CODE_MAX_LETTERS:
            continue  # "dpa", "AFP", "ces": an agency's code or initials
        if ROLE.search(name):
            if len(words) <= 3:
                continue  # "Transport Reporter": the role alone
            name = " ".join(words[:-2])  # "Dale Peterson Staff Writer": the role and its desk or rank
        if name and name.lower() not in {k.lower() for k in kept}:
            kept.append(name)
    return "; ".join(kept) or None
