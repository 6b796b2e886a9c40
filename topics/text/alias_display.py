"""How an alias group is shown to the analyst: which name leads it, which are spellings of one word.

A group's ``canonical`` name is its most frequent spelling, the one keywords and labels write; led by it,
a list of groups reads as chance ("NATO = North Atlantic Treaty Organization" but "Organization for Security
and Cooperation in Europe = OSCE", where the corpus spells the long name out more often). The list is led
instead by one rule: the full name where the corpus defines an acronym by it ("Long Name (LN)"), else the
canonical name; the other names follow by frequency. A name that another shown name already finds as a
word form of it ("de-Nazify" finds "de-Nazifying": the verb endings of :func:`topics.text.aliases.alias_pattern`)
is a spelling, not an alias, and is shown apart. Only the showing changes: the group, and what it unifies, do not.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ShownGroup:
    """``main``: the name the group is shown by; ``names``: ``main`` then the group's other names (aliases);
    ``word_forms``: the names that are word forms of a shown name ("de-Nazifying" of "de-Nazify")."""

    main: str
    names: tuple[str, ...]
    word_forms: tuple[str, ...]

    @property
    def spellings_only(self) -> bool:
        """One name in several word forms: nothing here is an alias of anything."""
        return len(self.names) < 2


def shown_group(canonical: str, names) -> ShownGroup:
    """The group of ``names`` (most frequent first) and ``canonical`` as the analyst is shown it."""
    names = list(names)
    main = defined_long_name(names) or canonical
    shown: list[str] = []
    forms: list[str] = []
    for name in [main, *(n for n in names if n != main)]:
        (forms if any(is_word_form(name, other) for other in shown) else shown).append(name)
    return ShownGroup(main, tuple(shown), tuple(forms))


def defined_long_name(names) -> str | None:
    """The most frequent of ``names`` whose words' initials spell, all of them, an acronym of ``names``
    ("North Atlantic Treaty Organization" for "NATO"); None where none does."""
    from topics.text.alias_definitions import _initials_match
    from topics.text.aliases import _is_acronym

    acronyms = [name for name in names if _is_acronym(name)]
    for name in names:
        words = name.split()
        if len(words) > 1 and any(_initials_match(words, acronym) == len(words) for acronym in acronyms):
            return name
    return None


def is_word_form(name: str, other: str) -> bool:
    """Does one of the two names find the other whole, as a plural, possessive or verb ending of it?"""
    from topics.text.aliases import alias_pattern

    if name.casefold() == other.casefold():
        return True
    return any((pattern := alias_pattern(a)) is not None and pattern.fullmatch(b) is not None
               for a, b in ((name, other), (other, name)))
