"""Sibling subtopics told apart by their labels, not only by their keywords.

Two subtopics of one topic can be given labels that do not tell them apart ("Drone strike" beside
"Drone strikes, Air Base"): each is named against its siblings, but the label phrase that best covers
and separates it may still be its sibling's too. A label whose words a sibling's label holds all of
(plurals and case aside) takes one of its keywords (ranked by its own c-TF-IDF against its siblings)
after a comma ("Drone strike, Kabul"): one that neither label says, no sibling was given and no
sibling lists (else one that sibling lacks), that keeps the label within ``MAX_LABEL_WORDS``, the
first the texts write as a name, else the first; a title ("President") is no such keyword, and a word the texts
write mostly right before another content word modifies a noun it leaves out ("sprawling" Azovstal, "Foreign"
Minister) and is passed over where another keyword is left. So does a label that says what its topic's label says.
A label left with a sibling's words and no such keyword takes its number among them ("Drone strike, 2"). Labels that say something their siblings'
do not are left as they are. May import: :mod:`topics.modeling.describe`, :mod:`topics.modeling.people`,
:mod:`topics.modeling.headlines`, :mod:`topics.modeling.phrase_shape`.
"""

from __future__ import annotations

import functools
import re

SPELLING_TEXTS = 200  # texts read for how a subtopic writes its distinguishing keyword


def distinct_labels(labels: list[str], keywords: list[list[str]], texts_of, free=None, above: str | None = None) -> list[str]:
    """``labels`` with every label that says nothing a sibling's does not (the same words, plurals and
    case aside, or some of them: "Drone strike" beside "Drone strikes, Air Base") extended by the
    first of its keywords that its label and those siblings' labels lack, no sibling was given, and
    no sibling lists (else those siblings lack); the first written as a name, where one is. A keyword
    that would take the label past ``MAX_LABEL_WORDS`` is passed over; with none left a label with a
    sibling's words takes its number among the colliding siblings ("Drone strike, 2"), so sibling
    labels always differ.
    Rows are renamed in order, each against its siblings' names so far.
    ``keywords``: per row, best first; ``texts_of(row)``: the row's texts, whose spelling the keyword
    takes; ``free``: the rows that may be renamed (None = all; an update keeps the labels of subtopics
    it does not rename, and a renamed subtopic is told apart from them); ``above``: the label of the topic they are
    parts of, which a label saying the same words (plurals and case aside) is told apart from by a keyword too
    ("Nord Stream, natural gas" under "Nord Stream, natural gas": a card that names a part as the whole says nothing
    of the part); without a keyword that fits it stays as it is."""
    from topics.modeling.headlines import MAX_LABEL_WORDS

    said = [_label_words(label) for label in labels]
    first_said = list(said)
    names = list(labels)
    given: set[str] = set()  # words of the keywords already added to a sibling's label
    parent = _label_words(above) if above else None
    for row, label in enumerate(labels):
        if not said[row] or (free is not None and row not in free):
            continue
        within = [other for other in range(len(labels)) if other != row and said[row] <= said[other]]
        if not within and said[row] != parent:
            continue
        taken = said[row].union(given, *(said[other] for other in within))
        room = MAX_LABEL_WORDS - len(label.split())
        fresh = [k for k in keywords[row] if _label_words(k) and not _label_words(k) & taken and len(k.split()) <= room
                 and not _derived(k, taken) and not _initials_of(k, label) and not _only_titles(k)]
        listed = {k for other in range(len(labels)) if other != row for k in keywords[other]}  # "united" is everyone's
        lacked = {k for other in within for k in keywords[other]}
        # Best a keyword no sibling lists, else one those siblings lack; within that tier one that says something
        # without its noun, else the tier's first as it is (a distinct "nuclear" still beats a shared "talks").
        apart = [k for k in fresh if k not in listed] or [k for k in fresh if k not in lacked] or fresh
        if apart:
            row_texts = texts_of(row)  # read only for a label that takes a keyword
            spelled = _spelled(apart, row_texts)
            # A name says which story it is ("McKenzie", "Niger") where a common word may not ("hours"); only the
            # keyword that would be taken is read for how the texts use it, and the next where it only modifies.
            order = [n for n, k in enumerate(spelled) if not k.islower()] + [n for n, k in enumerate(spelled) if k.islower()]
            pick = next((n for n in order if " " in apart[n] or not _modifier(apart[n], row_texts)), order[0])
            added = spelled[pick]
            # The whole name its word is part of ("Tora Bora", not "Bora").
            added = next((k for k in spelled if len(k.split()) > len(added.split()) and added.lower() in k.lower().split()), added)
            given |= _label_words(added)
        elif within and any(said[row] in (said[other], first_said[other]) for other in within):
            # Nothing left that tells one label from another in words: its place among the siblings does.
            added = _free_number(label, sorted([row, *within]).index(row) + 1, names)
        else:  # a label some sibling's says more than is already its own
            continue
        names[row] = f"{label}, {added}"
        said[row] = _label_words(names[row])
    return names


def _only_titles(keyword: str) -> bool:
    """A keyword of titles only ("president", "prime minister"): every story's people hold one, so it
    tells no sibling apart, though the texts write it capitalised ("President Biden")."""
    from topics.modeling.people import TITLES

    return all(word in TITLES for word in keyword.lower().split())


def _derived(keyword: str, said: frozenset[str]) -> bool:
    """A keyword of one word that a said word begins ("Israeli" beside "Israel"): it says the label's word again."""
    words = keyword.lower().split()
    return len(words) == 1 and any(words[0].startswith(word) for word in said if len(word) >= 4)


def _initials_of(keyword: str, label: str) -> bool:
    """A keyword of one word that spells a run of the label's capitalised words by their initials, a word
    in capitals standing for itself ("UKIP" beside "UK Independence Party", "NATO"): it names the label's name again."""
    if " " in keyword or len(keyword) < 2:
        return False
    initials = "".join(word if word.isupper() else word[0] for word in re.findall(r"[^\W\d_][\w'’-]*", label) if word[0].isupper())
    return keyword.upper() in initials.upper()


def _modifier(keyword: str, texts: list[str]) -> bool:
    """A keyword of one word that most of its uses in ``texts`` (a sample, as :func:`_spelled` reads) write right
    before a content word that is no past tense, in lower case or capitalised ("the sprawling Azovstal steel plant",
    "Foreign Minister"): an adjective or a noun that only modifies, which says nothing without its noun. A subject
    before its verb ("protesters marched") is none; nor is a name, which the texts seldom write in lower case
    ("Kherson region"): at least a third of the uses are lower case ("Foreign Minister", "Foreign Ministry", "foreign
    policy"). A sample most of whose texts hold no capital (a lower-cased corpus) cannot tell a name: none there."""
    from topics.modeling.phrase_shape import is_participle

    if " " in keyword:
        return False
    word, stops = keyword.lower(), _stop_words()
    sample = texts[:: max(1, len(texts) // SPELLING_TEXTS)][:SPELLING_TEXTS]
    if 2 * sum(text.islower() for text in sample) > len(sample):  # most texts without a capital
        return False
    uses = modifying = lower = 0
    pattern = re.compile(r"(?<![\w'’-])(" + re.escape(word) + r")(?![\w'’-])(?:[ \t]+([^\W\d_][\w'’-]*))?", re.IGNORECASE)
    for text in sample:
        if word not in text.lower():  # most texts do not write it: no pattern search
            continue
        for match in pattern.finditer(text):
            uses += 1
            lower += match.group(1).islower()
            after = match.group(2) or ""
            modifying += bool(after) and after.lower() not in stops and not (after.islower() and is_participle(after))
    return 3 * lower >= uses and uses >= 2 and modifying > uses / 2


@functools.lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from topics.text.wording import stop_words

    return stop_words()  # built from several lists: once, not once per keyword


def _free_number(label: str, number: int, names: list[str]) -> str:
    """The first number from ``number`` on whose ``"label, number"`` no name in ``names`` already is."""
    while f"{label}, {number}" in names:
        number += 1
    return str(number)


def _label_words(label: str) -> frozenset[str]:
    """The words of a label or keyword, lower case and singular."""
    from topics.modeling.describe import _singular

    return frozenset(_singular(w) for w in re.findall(r"[^\W_][\w'’-]*", label.lower()))


def _spelled(keywords: list[str], texts: list[str]) -> list[str]:
    """``keywords`` as the texts write them (their words in their usual case)."""
    from topics.modeling.describe import _surface_forms

    sample = texts[:: max(1, len(texts) // SPELLING_TEXTS)][:SPELLING_TEXTS]
    spelling = _surface_forms(sample, {w for k in keywords for w in k.split()})
    return [" ".join(spelling.get(w, w) for w in k.split()) for k in keywords]
