"""Plurals in "-es" of short words that end in "s" ("buses", "gases"), taken to their singular where a corpus's
own words say which is which, before the stemmer runs.

The English Snowball stemmer joins "boxes" to "box" and "viruses" to "virus", but takes "buses" to "buse" and
"bus" to "bus": from the word alone it cannot tell "bus" + "es" from "use" + "s". The vocabulary of a corpus
tells: it writes "bus" and never "buse", but "use". :func:`find` reads that once, when a lexical index is built,
and the index keeps what it found, so a question is read as its texts were. Nothing is built in.
Left alone: "lenses" and "lens" (stemmed "lens" and "len"), as "corpses" and "corps": a corpus that never writes
"corpse" would join the dead to the Marine Corps, and the words cannot tell the two cases apart.
Only words the texts write in lower case, outside a name, are joined: "Los Angeles", "POS" and "Isabel dos Santos"
are no "lose", "pose" or "dose" of a corpus that never writes those (:func:`written_lower`).
"""

from __future__ import annotations

import re

# A word outside an address ("cris@cm.deakin.oz.au", "example.com/loses"), and whether the next word (after
# spaces alone) opens with a capital: "dos" in "dos Santos" is a name's.
_WORD = re.compile(r"(?<![\w@/.])([^\W\d_]+)(?![\w@/]|\.\w)(?=(\s+[A-Z])?)")


class Singulars(dict):
    """Plural → singular, as :func:`find` reads them. Hashed and compared by identity: a query's words are
    cached per index (:mod:`topics.search.lexical`)."""

    __hash__ = object.__hash__

    def __eq__(self, other) -> bool:
        return self is other


def written_lower(texts) -> set[str]:
    """The words ``texts`` write in lower case at least once, not as part of a name (right before a capitalised
    word: "dos Santos", "bin Laden") or of an address. A word written only capitalised (a name, an acronym, a
    sentence's first word) is left out."""
    found: set[str] = set()
    for text in texts:
        found.update(word for word, before_capital in _WORD.findall(str(text)) if not before_capital and word.islower())
    return found


def find(words, stem, lower_case) -> Singulars:
    """The "-es" plurals of ``words`` (a corpus's lower-case words) that ``stem`` (a word's stem) does not join to
    their singular, each with that singular: a plural the corpus writes where it also writes the word less "es"
    and never the word less "s" ("buses" with "bus", no "buse"); and, for a word in "s" the stemmer leaves whole
    ("bus", "gas"; not "abusers", stemmed "abus"), the plural it would be written as, so a question that writes it
    where the texts do not is read alike. Both only for words of ``lower_case`` (:func:`written_lower` of the
    texts): a corpus that never writes "lose" would otherwise read "loses" as "Los" (Angeles), and a question's
    "crises" as the name "Cris"."""
    words, lower_case = set(words), set(lower_case)
    found = Singulars()
    for word in words & lower_case:
        if not word.isalpha():  # "47s": a number, no noun
            continue
        # The stemmer kept the "e" ("buses" → "buse"; "corpses" → "corps" is another case, left alone).
        if (len(word) > 4 and word.endswith("ses") and word[:-2] in lower_case and word[:-1] not in words
                and stem(word) == word[:-1] and stem(word[:-2]) != word[:-1]):
            found[word] = word[:-2]
        plural = word + "es"
        if (word.endswith("s") and not word.endswith(("ss", "es")) and len(word) > 2 and plural not in words and word + "e" not in words
                and stem(word) == word and stem(plural) != word):
            found[plural] = word
    return found
