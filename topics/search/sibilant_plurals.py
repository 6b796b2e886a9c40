"""Plurals in "-es" of short words that end in "s" ("buses", "gases"), taken to their singular where a corpus's
own words say which is which, before the stemmer runs.

The English Snowball stemmer joins "boxes" to "box" and "viruses" to "virus", but takes "buses" to "buse" and
"bus" to "bus": from the word alone it cannot tell "bus" + "es" from "use" + "s". The vocabulary of a corpus
tells: it writes "bus" and never "buse", but "use". :func:`find` reads that once, when a lexical index is built,
and the index keeps what it found, so a question is read as its texts were. Nothing is built in.
Left alone: "lenses" and "lens" (stemmed "lens" and "len"), as "corpses" and "corps": a corpus that never writes
"corpse" would join the dead to the Marine Corps, and the words cannot tell the two cases apart.
"""

from __future__ import annotations


class Singulars(dict):
    """Plural → singular, as :func:`find` reads them. Hashed and compared by identity: a query's words are
    cached per index (:mod:`topics.search.lexical`)."""

    __hash__ = object.__hash__

    def __eq__(self, other) -> bool:
        return self is other


def find(words, stem) -> Singulars:
    """The "-es" plurals of ``words`` (a corpus's lower-case words) that ``stem`` (a word's stem) does not join to
    their singular, each with that singular: a plural the corpus writes where it also writes the word less "es"
    and never the word less "s" ("buses" with "bus", no "buse"); and, for a word in "s" the stemmer leaves whole
    ("bus", "gas"; not "abusers", stemmed "abus"), the plural it would be written as, so a question that writes it
    where the texts do not is read alike (a name or an acronym gets a plural no one writes: harmless)."""
    words = set(words)
    found = Singulars()
    for word in words:
        if not word.isalpha():  # "47s": a number, no noun
            continue
        # The stemmer kept the "e" ("buses" → "buse"; "corpses" → "corps" is another case, left alone).
        if (len(word) > 4 and word.endswith("ses") and word[:-2] in words and word[:-1] not in words and stem(word) == word[:-1]
                and stem(word[:-2]) != word[:-1]):
            found[word] = word[:-2]
        plural = word + "es"
        if (word.endswith("s") and not word.endswith(("ss", "es")) and len(word) > 2 and plural not in words and word + "e" not in words
                and stem(word) == word and stem(plural) != word):
            found[plural] = word
    return found
