"""Definitions a text makes of its names, and which of them a corpus bears out.

Read by :func:`topics.text.alias_mining.mine_aliases`: "Long Name (LN)", "Long Name, or LN", "ISIS
(Daesh)", "X, also known as Y" (:func:`defined_names`), then kept where the whole corpus reads them as
definitions (:func:`kept_definitions`): not notation, trademark marks, datelines, wire credits or common words,
and not an acronym the corpus gives two names.
"""

from __future__ import annotations

import re
from collections import Counter

from topics.text.wording import MIN_TEMPLATE_UNITS, OPENER, opening_chain

CONNECTORS = frozenset({"of", "the", "for", "and", "in", "on", "al", "so-called", "de", "du", "la"})
MAX_NAME_WORDS = 8
# First words of a clause set off by commas after a name: a relative clause or an apposition. Not "the": "On
# Friday, the Islamic State, also known as Daesh" opens with a phrase, and the name follows it.
RELATIVE_OPENERS = frozenset("who whose whom which a an".split())
GENERIC_TAILS = frozenset("province group organization organisation movement network party front".split())
_ACRONYM = r"[A-Z][A-Za-z]*[A-Z][A-Za-z]*(?:-[A-Z]{1,2})?"
_NAME_WORD = r"[A-Z][\w'-]*"
_BRACKETED = re.compile(rf"\(({_ACRONYM}|{_NAME_WORD})\)")
_OR_ACRONYM = re.compile(rf",\s+or\s+(?:the\s+)?({_ACRONYM})\b")
# Set off from the name by a comma, a bracket or a form of "be": "Myanmar, also known as Burma", "Nu (also known as
# the Salween", "ISIS is also called Daesh"; without one, "called" is a verb ("Trump on Saturday also called Chinese
# leader Xi Jinping smart").
_ALSO_KNOWN = re.compile(rf"(?:,[ \t]*\(?|[ \t]*\(|,?[ \t]+(?:is|are|was|were)[ \t]+)(?:\balso known as|\balso called|\baka\b|\ba\.k\.a\.)[ \t]+(?:the[ \t]+)?((?:{_NAME_WORD}[ \t]?){{1,4}})")
# Where a name defined by "also called" must end: at a clause's end ("Myanmar, also called Burma, held", "(also
# called Daesh)", "... or"). Words after it make "called" a verb with a complement ("also called Putin a war criminal").
_DEFINED_NAME_END = re.compile(r"[\"\u201d]|[ \t]*(?:$|[\n,.;:!?)\]\u2014\u2013]|or\b)")
_BE = re.compile(r"\b(?:is|are|was|were)\b")
_CLAUSE_END = re.compile(r".*[,;:\u2014\u2013()\"\u201c\u201d.!?\n]", re.DOTALL)
_CAMEL_PART = re.compile(r"[A-Z][a-z]*|^[a-z]+")  # the capitalised parts of a word in mixed case ("EverQuest")
_PLAIN_NAME = re.compile(r"[A-Z][a-z]+(?:['-][A-Za-z][a-z]+)*")  # "Daesh", "Al-Shabab"; not "VoIP", "TM"
WORD_FORMS = re.compile(r"\b[A-Za-z][a-z]+\b")  # words in lower case, or capitalised ("rockets", "London")
# An acronym this long or longer is a word in capitals where the corpus also writes it as a word ("YORK":
# "York"); a shorter one may share its letters with a function word ("IS": "is") and still be an acronym.
MIN_WORDLIKE_ACRONYM = 4
# Two names one acronym stands for are one name when they share at least this share of their words
# ("British Chambers of Commerce" / "British Chamber of Commerce"), else two ("Computer Associates" / "Cricket Australia").
SAME_NAME_SHARE = 0.5
_WORDS_BEFORE = re.compile(r"[\w'-]+")


def _initials_match(words: list[str], acronym: str) -> int:
    """How many trailing ``words`` spell ``acronym`` by their initials (0: they do not); failing the words'
    initials, by the initials of their capitalised parts as well ("EverQuest (EQ)", "China MobileSoft (CMS)")."""
    return _initials(words, acronym, camel=False) or _initials(words, acronym, camel=True)


def _initials(words: list[str], acronym: str, camel: bool) -> int:
    letters = [c for c in acronym if c.isalpha()]
    if len(letters) < 2:
        return 0
    wanted = [c.upper() for c in letters]
    i = len(wanted) - 1
    used = 0
    for word in reversed(words[-MAX_NAME_WORDS:]):
        used += 1
        base = word.split("'")[0]
        # "Islamic State Khorasan Province (IS-K)": an acronym may leave out a trailing generic word.
        if used == 1 and base.lower() in GENERIC_TAILS and base[0].upper() != wanted[-1]:
            continue
        if base.lower() in CONNECTORS or not base:
            continue
        if not base[0].isupper():
            return 0
        # A hyphenated word may give one initial per part ("State-Khorasan" -> S, K); with ``camel``, so may a
        # word in mixed case per capital ("EverQuest" -> E, Q; not "NATO", in capitals throughout).
        parts = [p for p in base.split("-") if p]
        if camel:
            parts = [c for p in parts for c in (_CAMEL_PART.findall(p) if p[1:] != p[1:].upper() else [p])]
        parts = parts[::-1]
        for part in parts:
            if i < 0 or part[0].upper() != wanted[i]:
                return 0
            i -= 1
        if i < 0:
            return used
    return 0


def defined_names(text: str) -> list[tuple[str, str, str, str]]:
    """(name, other name, evidence, kind) the text defines; kind: "initials" (an acronym by the initials of
    the words before it), "after acronym" (a bracketed name after an acronym) or "aka" (also known as)."""
    found = []
    # Each pattern needs a literal piece of text: most texts hold none, and a substring test skips its regex.
    brackets = _BRACKETED.finditer(text) if "(" in text else ()
    or_acronyms = _OR_ACRONYM.finditer(text) if "," in text and "or" in text else ()
    also_known = _ALSO_KNOWN.finditer(text) if "also" in text or "aka" in text or "a.k.a." in text else ()
    openers = None
    for match in brackets:
        inner = match.group(1)
        # A line opener's bracket holds a credit or a date, not a name's other name: "BASEL (Reuters) - " after a
        # byline ("By Mark Ledsom BASEL (Reuters) - "), "Canadian Press - VANCOUVER (CP) - ", at any line's start.
        openers = _opener_spans(text) if openers is None else openers
        if any(start <= match.start() < end for start, end in openers):
            continue
        before = _words_before(text, match.start())
        n = _initials_match(before, inner)
        if n:
            long_name = " ".join(w for w in before[-n:])
            found.append((_strip_possessive(long_name), inner, text[max(0, match.start() - 80) : match.end()], "initials"))
        elif (len(before) > 1 and re.fullmatch(_ACRONYM, before[-1]) and _mostly_capitals(before[-1])
              and _PLAIN_NAME.fullmatch(inner) and not _in_capitals(before[-2])):
            # "ISIS (Daesh)": a plain name in brackets, a space apart, right after an acronym that is neither
            # the first word of the text (an all-caps dateline: "KABUL (Reuters)") nor in a run of capitals.
            if text[match.start() - len(before[-1]) - 1 : match.start()] == f"{before[-1]} ":
                found.append((before[-1], inner, text[max(0, match.start() - 40) : match.end()], "after acronym"))
    for match in or_acronyms:
        acronym = match.group(1)
        before = _words_before(text, match.start())
        n = _initials_match(before, acronym)
        if n:
            found.append((_strip_possessive(" ".join(before[-n:])), acronym, text[max(0, match.start() - 80) : match.end()],
                          "initials"))
    for match in also_known:
        other = match.group(1).strip()
        head = text[max(0, match.start() - 120) : match.start()]
        head = re.sub(r"\s*\([^)]*\)\s*$", "", head)  # "Islamic State (IS), also known as": the name before the brackets
        words = _WORDS_BEFORE.findall(_CLAUSE_END.sub("", head))
        if "also called" in match.group(0) and not _BE.search(match.group(0)):
            # "called" may be a verb (not after "is": "ISIS is also called Daesh by its enemies" is a naming): "Clapper,
            # who is an analyst at CNN, also called Putin 'unhinged'". A definition ends the name at a clause's end,
            # and its subject is no clause set off by commas after another name.
            if not _DEFINED_NAME_END.match(text, match.start(1) + len(match.group(1).rstrip())):
                continue
            if match.group(0).startswith(",") and _set_off(text, max(0, match.start() - 120), head, words):
                continue
        name_words = []
        for word in reversed(words):
            if word[0].isupper() or (name_words and word.lower() in CONNECTORS - {"the", "and"}):
                name_words.insert(0, word)
            else:
                break
        while name_words and name_words[0].lower() in CONNECTORS:
            name_words.pop(0)
        other = _trim_generic(other)
        if name_words and other:
            found.append((_strip_possessive(" ".join(name_words)), other, text[max(0, match.start() - 60) : match.end()], "aka"))
    return found


def _set_off(text: str, start: int, head: str, words: list[str]) -> bool:
    """Whether the clause ``words`` that ``head`` (``text`` from ``start``) ends with is set off by commas from a
    name before it: a relative clause ("Jim Clapper, who is an analyst at CNN") or an apposition ("Jim Clapper,
    an analyst at CNN"). A verb after its closing comma ("also called") is the name's, not the clause's last
    word's. A capitalised word that opens the sentence is no name ("Yesterday, a spokesman, also called ...")."""
    if not words or words[0].lower() not in RELATIVE_OPENERS:
        return False
    before = head[: len(head) - len(_CLAUSE_END.sub("", head))].rstrip()
    word = re.search(r"[A-Z][\w'-]*,$", before)
    if not word:
        return False
    opening = text[: start + word.start()].rstrip()
    return bool(opening) and not opening.endswith((".", "!", "?", "\n", '"', "\u201c"))


def _opener_spans(text: str) -> list[tuple[int, int]]:
    """Where the line openers of ``text`` stand: each of a chain of them at a line's start (:data:`OPENER`)."""
    return [(m.start(), m.end()) for line in OPENER.finditer(text) for m in opening_chain(text, line.start())]


def wire_credits(texts, min_units: int = MIN_TEMPLATE_UNITS) -> frozenset[str]:
    """What the brackets of line openers hold in ``min_units`` texts or more: the corpus's wire credits ("LONDON
    (Reuters) - ", "OTTAWA (CP) - "), and dates some texts share. A credit in brackets out of a line's start (a
    headline run into the text: "Henman Sails at the Swiss Indoors BASEL (Reuters) - ") is the credit again, no
    other name of the word before it."""
    seen: Counter = Counter()
    for text in texts:
        if "(" in text:  # most texts' openers hold no bracket, and the opener search is the cost
            seen.update({inner.group(1).strip() for start, end in _opener_spans(text)
                         for inner in re.finditer(r"\(([^()]*)\)", text[start:end])})
    return frozenset(credit for credit, n in seen.items() if n >= min_units)


def _in_capitals(word: str) -> bool:
    """A word of two letters or more, all in capitals."""
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _mostly_capitals(word: str) -> bool:
    """An acronym's letters are capitals at least half of them ("ISIS", "IS-K"; not the names "McBryde", "MobileSoft")."""
    letters = [c for c in word if c.isalpha()]
    return 2 * sum(c.isupper() for c in letters) >= len(letters)


def kept_definitions(definitions: list[tuple], word_forms: set[str], credits: frozenset[str] = frozenset()) -> list[tuple]:
    """The (name, other name, evidence, kind) ``definitions`` to believe, by what the whole corpus writes
    (``word_forms``: its words in lower case or capitalised, :data:`WORD_FORMS`; ``credits``: its
    :func:`wire_credits`): a name after an acronym only where the acronym is not a word in capitals and the
    name neither a common word nor a credit ("BASEL (Reuters)"), a name known as another only where neither is
    a common word, and a name built on the acronym ("IP (Voip)") never; an acronym defined for two different
    names none. Initials that spell a credit define it ("Agence France-Presse (AFP)")."""
    def common(name: str) -> bool:  # a one-word name the corpus also writes in lower case
        return " " not in name and not _in_capitals(name) and name.lower() in word_forms

    def wordlike(acronym: str) -> bool:  # "ROCKETS": "rockets"; "LONDON": "London"
        return len(acronym) >= MIN_WORDLIKE_ACRONYM and (acronym.lower() in word_forms or acronym.capitalize() in word_forms)

    def compound(acronym: str, name: str) -> bool:  # "Voice over IP (Voip)", "UN (Unesco)": a name built on the acronym
        return acronym.casefold() in name.casefold()

    kept = [d for d in definitions if d[3] == "initials"
            or (d[3] == "after acronym" and not wordlike(d[0]) and not common(d[1]) and not compound(d[0], d[1])
                and d[1] not in credits)
            or (d[3] == "aka" and not common(d[0]) and not common(d[1]))]
    long_names: dict[str, set[str]] = {}
    for name, acronym, _, kind in kept:
        if kind == "initials":
            long_names.setdefault(acronym, set()).add(name)
    ambiguous = {acronym for acronym, names in long_names.items() if not _one_name(names)}
    return [d for d in kept if not (d[0] in ambiguous or d[1] in ambiguous)]


def _one_name(names: set[str]) -> bool:
    """Whether every two of ``names`` share ``SAME_NAME_SHARE`` of their words (a word by its first four
    letters, case aside): spellings of one name, not two names with the same initials."""
    def stems(name: str) -> set[str]:
        return {w[:4].casefold() for w in _WORDS_BEFORE.findall(name) if w.casefold() not in CONNECTORS}

    listed = [stems(n) for n in names]
    return all(len(a & b) >= SAME_NAME_SHARE * min(len(a), len(b)) for i, a in enumerate(listed) for b in listed[i + 1 :])


def _words_before(text: str, end: int) -> list[str]:
    """The words of the clause that ends at ``end`` (a name does not run across punctuation)."""
    head = text[max(0, end - 120) : end]
    return _WORDS_BEFORE.findall(_CLAUSE_END.sub("", head))


def _strip_possessive(name: str) -> str:
    return re.sub(r"'s\b", "", name).replace(" so-called", "").strip()


def _trim_generic(name: str) -> str:
    """"Daesh Terrorist Group" keeps its capitalised name words only while they are names."""
    words = name.split()
    while len(words) > 1 and words[-1].lower() in {"group", "groups", "movement", "organisation", "organization"}:
        words.pop()
    return " ".join(words)
