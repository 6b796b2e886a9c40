"""The parts a label is built of after its lead: a second phrase or keyword that adds to it, and the tests
of what two parts may be (names, shared words, a word's family).

Owns those tests. May import: :mod:`topics.modeling.people`, :mod:`topics.text.aliases`.
"""

from __future__ import annotations

from topics.modeling.people import TITLES

MAX_LABEL_WORDS = 6
KEYWORDS_FOR_PHRASES = 3  # a label phrase holds one of the topic's first keywords


def _singular(word: str) -> str:
    word = word.lower()
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _second_part(head: str, best: list[tuple], keywords: list[str], reads_well, is_proper) -> str | None:
    """The best phrase of two words or more that names a first keyword ``head`` leaves out, holds none of
    ``head``'s words and reads well, or None; after a name, no other name."""
    used = {_singular(w) for w in head.split()}
    missing = {_singular(w) for k in keywords[:KEYWORDS_FOR_PHRASES] for w in k.split()} - used
    for _, phrase, _ in best:
        forms = {_singular(w) for w in phrase.split()}
        if (1 < len(phrase.split()) < MAX_LABEL_WORDS and forms & missing and not forms & used
                and not (_is_name(head, is_proper) and _is_name(phrase, is_proper)) and reads_well(phrase)):
            return phrase
    return None


def _written_keywords(head: str, keywords: list[str], member_words, reads_well, is_proper, leads_with_person):
    """The keywords after ``head`` that share no word (nor a word's family) with it, that two of the group's
    units write (``member_words``: the words of each member's phrases), that read whole and name no
    person; after a name, no other name."""
    used = {_singular(w) for w in head.split()}
    for keyword in keywords:
        forms = {_singular(w) for w in keyword.split()}
        if forms & used or len(list(_distinct_words([head, keyword]))) < 2 or set(keyword.split()) <= TITLES:
            continue  # a title alone says no topic ("Authorities, Minister")
        writers = sum(all(w in words for w in keyword.split()) for words in member_words)
        if writers >= min(2, len(member_words)) and not (_is_name(head, is_proper) and _is_name(keyword, is_proper)) \
                and not leads_with_person(keyword) and reads_well(keyword):
            yield keyword


def _apart(keywords) -> list[str]:
    """The first of ``keywords`` and the next that shares no word, nor a word's family, with it ("Defense
    Secretary", not "Defense Secretary, Secretary"; "Supply", not "Supply, supplying")."""
    chosen, used = [], set()
    for keyword in keywords:
        forms = {_family(w) for w in keyword.split()}
        if not forms & used:
            chosen.append(keyword)
            used |= forms
            if len(chosen) == 2:
                break
    return chosen


def _is_name(phrase: str, is_proper) -> bool:
    """A name: its last word is written capitalised, and so is every other but short particles and joining
    words ("Osama bin Laden", "bin Laden", "Court of Human Rights"; not "Al Qaeda fighters", "US president")."""
    words = phrase.split()
    return bool(words) and is_proper(words[-1]) and all(len(w) <= 3 or is_proper(w) for w in words[:-1])


def _distinct_words(words):
    """``words`` without those of an earlier one's family ("humans" after "human", "playing" after "play",
    "e-mail" after "email": a hyphen splits no family)."""
    seen = set()
    for word in words:
        stem = _family(word)
        if stem not in seen:
            seen.add(stem)
            yield word


def _family(word: str) -> str:
    """The English (Snowball) stem a word's family shares, a hyphen aside ("supply", "supplying")."""
    from topics.text.aliases import english_stemmer

    return english_stemmer().stemWord(word.casefold().replace("-", ""))
