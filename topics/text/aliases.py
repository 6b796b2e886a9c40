"""Lexical evidence for themes: where a theme's name, keywords and aliases occur in a text.

A small embedding model does not know that "IS-K", "ISKP" and "Daesh" name
one group; the analyst does, and says so in the theme file. Each alias is
matched as whole words, case-insensitively, with the hyphen/space spelling
variants news text uses ("al-Qaeda" also finds "al Qaeda", "U.S." finds "US") and a plural or
possessive ending ("drone" finds "drones", "Iran" finds "Iran's"), and a word of four letters or
more its verb endings ("pledge" finds "pledged", "spam" "spammer"). A mention that is negated or avoided ("no
civilians were harmed", "to avoid civilian casualties") is not evidence. Transliterated names
also match the corpus's vowel variants ("al-Qaeda" finds "al-Qaida" where the corpus writes it
so; :func:`corpus_variants`), and a place's name the adjective and people the corpus derive from it
("Iran" finds "Iranian", "China" "Chinese"; :func:`derived_names`). An alias
written in capitals ("ISIS", "ISKP") is an acronym and is matched with its
case, so that "IS" never matches the verb "is".

Word-boundary matching is used rather than BM25: BM25 tokenisers drop short
tokens and stop words ("IS-K" becomes nothing), and on the seed corpus the
regex evidence gave higher accuracy (benchmarks/themes.py measures both).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

import numpy as np

from topics.text.wording import ABBREVIATION

# What may join the parts of a name: spaces, hyphens and dashes, dots ("U.S."), slashes ("Sci/Tech").
_JOINERS = r"[\s\-\u2010\u2011\u2013\u2014./]*"
_ENDING = r"(?:s|es|'s|\u2019s)?"
# A word (not an acronym) of four letters or more also takes its verb endings: "pledge" finds "pledged".
_VERB_ENDING = r"(?:s|es|'s|\u2019s|d|ed|ing)?"
_WORD = re.compile(r"[^\W_]+")
_JOINER_CHARS = " \t\n-\u2010\u2011\u2013\u2014./"
_APOSTROPHES = "'\u2019"


def _symbols(alias: str) -> tuple[str, list[str], str]:
    """What the alias writes before its first word, between its words and after its last, where that is
    more than the joiners every name may be written with: "C#" -> ("", [], "#"), "S&P 500" -> ("", ["&", ""], ""),
    "U.S." -> ("", [""], ""). Those symbols are part of the name and are matched as written."""
    cores = [piece.strip(_JOINER_CHARS) for piece in _WORD.split(alias)]
    return cores[0], cores[1:-1], cores[-1]


def _literal(symbols: str) -> str:
    # An apostrophe matches either way of writing it ("d'Ivoire", "d’Ivoire").
    return "".join(f"[{_APOSTROPHES}]" if c in _APOSTROPHES else re.escape(c) for c in symbols)


@lru_cache(maxsize=4096)
def alias_pattern(alias: str, loose: bool = False, capitals: bool = False) -> re.Pattern | None:
    """The compiled pattern for one alias, or None when it holds no word character (:func:`alias_source`)."""
    found = alias_source(alias, loose, capitals)
    return None if found is None else re.compile(*found)


@lru_cache(maxsize=4096)
def alias_source(alias: str, loose: bool = False, capitals: bool = False) -> tuple[str, int] | None:
    """(the source, the flags) of :func:`alias_pattern`'s pattern, or None when it holds no word character:
    what the alias key and a name's pattern read of it, without compiling a pattern they do not match with.

    ``loose`` (how themes look for their keywords): a phrase written with spaces also matches with
    one word inside it ("Afghan army" finds "Afghan National Army", "Afghan government forces"
    "Afghan forces"), and a plural keyword its singular ("security forces" finds "security force
    members", "casualties" finds "casualty"), as a search engine's phrase slop and stemming do.
    ``capitals``: the alias's capitalised words must be capitalised in the text too ("Labor" finds
    "Labor" and "LABOR", not "labor"; :func:`common_capitals`)."""
    parts = _WORD.findall(alias)
    if not parts:
        return None
    lead, between, trail = _symbols(alias)
    is_acronym = _is_acronym(alias)
    stems, tails = list(parts), [""] * len(parts)
    last = parts[-1]
    ending = _VERB_ENDING if not is_acronym and len(last) >= 4 else _ENDING
    if trail:  # "C#", "C++": the name ends in its symbols, with no ending after them
        ending = ""
    if loose and not is_acronym and len(last) > 3 and last.isalpha():
        if last.casefold().endswith("ies"):
            stems[-1], tails[-1], ending = last[:-3], "(?:y|ies)", _ENDING
        elif last.casefold().endswith("s") and not last.casefold().endswith(("ss", "us", "is", "ws")):
            stems[-1] = last[:-1]
    if ending is _VERB_ENDING and not is_name(alias) and _doubles_its_consonant(last):
        # "spam" finds "spammed", "spamming" and "spammer": the doubled consonant hides the stem.
        ending = rf"(?:{ending}|{re.escape(last[-1])}(?:ed|ing|ers?))"
    capitals = capitals and not is_acronym
    if capitals:
        # A capitalised word's first letter as written, every other letter (and ending) in any case.
        escaped = [(re.escape(stem[0]) + f"(?i:{re.escape(stem[1:])}{tail})" if stem[0].isupper() else f"(?i:{re.escape(stem)}{tail})")
                   for stem, tail in zip(stems, tails)]
        ending = f"(?i:{ending})"
    else:
        escaped = [re.escape(stem) + tail for stem, tail in zip(stems, tails)]
    joiner = _JOINERS
    if loose and len(parts) > 1 and re.search(r"\s", alias.strip()) and not any(between):
        joiner = rf"{_JOINERS}(?:[^\W_]+\s+)?"
    # Between two words, a symbol of the name ("S&P", "AT&T") as written, spaces around it optional; an
    # apostrophe ("d'Ivoire", "players' association") either way of writing it, or left out.
    joiners = [joiner if not symbols else rf"[{_APOSTROPHES}]?{joiner}" if set(symbols) <= set(_APOSTROPHES)
               else rf"\s*{_literal(symbols)}\s*" for symbols in between]
    body = _literal(lead) + escaped[0] + "".join(j + e for j, e in zip(joiners, escaped[1:])) + _literal(trail)
    flags = 0 if is_acronym or capitals else re.IGNORECASE
    return rf"(?<![^\W_]){body}{ending}(?![^\W_])", flags


def _doubles_its_consonant(word: str) -> bool:
    """A word ending in one vowel and one consonant (not w, x or y) doubles it before an ending."""
    lowered = word.casefold()
    vowels = "aeiou"
    return (lowered.isalpha() and lowered[-1] not in vowels + "wxy" and lowered[-2] in vowels
            and lowered[-3] not in vowels)


def is_name(alias: str) -> bool:
    """An acronym or a capitalised name ("ISKP", "al-Qaeda", "Haqqani"): unambiguous wherever it occurs,
    unlike a common word ("season")."""
    return any(part[0].isupper() for part in _WORD.findall(alias))


def alias_key(alias: str) -> tuple:
    """Aliases with one key find the same words ("al-Qaeda"/"al Qaeda", "drone"/"drones")."""
    found = alias_source(alias)
    if found is None:
        return ()
    parts = _WORD.findall(alias)
    if found[1] & re.IGNORECASE:
        parts = [part.casefold() for part in parts]
        if len(parts[-1]) > 3 and parts[-1].endswith("s"):
            parts[-1] = parts[-1][:-1]
    lead, between, trail = _symbols(alias)
    if lead or trail or any(between):  # "C#" and "C++" are two names, neither of them "C"
        return (*parts, (lead, *between, trail))
    return tuple(parts)


def alias_hits(texts: Sequence[str], aliases: Sequence[str], capitals=()) -> np.ndarray:
    """Boolean (n_texts, n_aliases): does alias j occur in text i. ``capitals``: the columns of aliases
    the corpus also writes in lower case as a common word (:func:`common_capitals`): they are found only
    capitalised and inside a sentence, where the capital says it is the name ("the Labor Party", not
    "the labour market" nor "Labour is cheaper there" at a sentence's start)."""
    hits = np.zeros((len(texts), len(aliases)), dtype=bool)
    lowered = [text.casefold() for text in texts]
    capitals = set(capitals)
    for j, alias in enumerate(aliases):
        proper = j in capitals
        pattern = alias_pattern(alias, loose=True, capitals=proper)
        if pattern is None:
            continue
        # A plain substring test on the longest word (less its plural ending) rules out most texts
        # before the regex runs.
        needle = _needle(alias)
        for i, text in enumerate(lowered):
            if needle in text and any(not _negated(texts[i], found.start()) and not (proper and sentence_initial(texts[i], found.start()))
                                      for found in pattern.finditer(texts[i])):
                hits[i, j] = True
    return hits


def _needle(alias: str) -> str:
    """The alias's longest word, case-folded, less its plural ending: a substring every text it occurs in holds."""
    needle = max(_WORD.findall(alias), key=len).casefold()
    return needle[:-3] if needle.endswith("ies") else needle.rstrip("s") or needle


# A word the corpus writes in lower case in at least this many units is a common word to it; one may be a slip.
MIN_LOWER_CASE_UNITS = 2


def common_capitals(texts: Sequence[str], spellings: Sequence[str], folded: Sequence[str] | None = None) -> bool:
    """Is a capitalised name ("Labor", "Parliament", "Opposition"; ``spellings``: its spellings in the
    corpus) also a common word of the corpus: written in lower case, as a word of its own (not inside a
    web address or a hashtag), in at least ``MIN_LOWER_CASE_UNITS`` units ("the labour market", "the
    Zimbabwean opposition")? Acronyms and words written in lower case are not names to begin with.
    ``folded``: the texts case-folded, when the caller has them."""
    names = [spelling for spelling in spellings if is_name(spelling) and not _is_acronym(spelling)]
    if not names:
        return False
    patterns = [(alias_pattern(name, loose=True), _needle(name)) for name in names]
    folded = [text.casefold() for text in texts] if folded is None else folded
    units = 0
    for text, lowered in zip(texts, folded):
        if any(pattern is not None and needle in lowered and any(_lower_case_word(text, found) for found in pattern.finditer(text))
               for pattern, needle in patterns):
            units += 1
            if units >= MIN_LOWER_CASE_UNITS:
                return True
    return False


def _is_acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _lower_case_word(text: str, found: re.Match) -> bool:
    """The match is written in lower case and stands as a word of the text, not part of an address
    ("nytimes.com/world/labor-...", "#labor", "labor@...")."""
    if found.group(0) != found.group(0).lower():
        return False
    before = text[found.start() - 1] if found.start() else " "
    after = text[found.end() : found.end() + 2]
    return before not in "/@#._-" and not re.match(r"[/@_.\-][^\W_]", after)


# What may stand between a sentence's end and its first word: spaces, opening quotes and brackets.
_OPENERS = " \t\r\n\"'\u201c\u2018([\u2014\u2013-"


def sentence_initial(text: str, start: int) -> bool:
    """Does the word at ``start`` open the text, a line or a sentence (after ". ", "? ", ": ", a
    closing quote after them, an opening quote)? There a capital says nothing about a name."""
    before = text[:start].rstrip(_OPENERS)
    if not before or "\n" in text[len(before) : start]:
        return True
    last = before[-1]
    if last in "\"'\u201d\u2019)]":
        before = before[:-1].rstrip()
        last = before[-1] if before else "."
    if last in "!?:;":
        return True
    return last == "." and not ABBREVIATION.search(before)


# "no civilians were harmed", "without civilian casualties", "no reports of injuries to civilians",
# "to avoid civilian casualties", "in an area away from civilians": a mention that says the thing
# did not happen.
_NEGATION = re.compile(
    r"\b(?:no|not|without|never|none|nor|avoid|avoids|avoided|avoiding|away\s+from)\b(?:\W+\w+){0,4}\W*$",
    re.IGNORECASE,
)


def _negated(text: str, start: int) -> bool:
    """Is the match at ``start`` negated by one of the five words before it (in the same clause)?"""
    before = text[max(0, start - 60) : start]
    before = re.split(r"[.;:!?,]", before)[-1]
    return bool(_NEGATION.search(before))


def alias_weights(hits: np.ndarray) -> np.ndarray:
    """Inverse document frequency of each alias in the corpus, scaled to (0, 1].

    An alias found in most units ("Taliban" in a corpus about the Taliban) is
    weak evidence; one found in a few is strong.
    """
    n_texts = hits.shape[0]
    document_frequency = hits.sum(axis=0)
    idf = np.log((n_texts + 1) / (document_frequency + 1)) + 1.0
    return idf / (np.log(n_texts + 1) + 1.0)


def lexical_evidence(hits: np.ndarray, weights: np.ndarray, groups: Sequence[Sequence[int]]) -> np.ndarray:
    """(n_texts, n_themes) evidence in [0, 1): 1 - exp(-sum of the weights of the theme's aliases found).

    ``groups[t]`` lists the columns of ``hits`` that belong to theme t. The
    saturation keeps one more matching alias from outweighing the meaning.
    """
    evidence = np.zeros((hits.shape[0], len(groups)), dtype=np.float64)
    for t, columns in enumerate(groups):
        if len(columns):
            evidence[:, t] = 1.0 - np.exp(-(hits[:, columns] * weights[columns]).sum(axis=1))
    return evidence


def bm25_evidence(texts: Sequence[str], queries: Sequence[Sequence[str]]) -> np.ndarray:
    """(n_texts, n_themes) BM25 score of each theme's aliases as one query, scaled to [0, 1] per theme.

    The alternative to :func:`alias_hits` that benchmarks/themes.py compares
    with; BM25's tokeniser loses short aliases such as "IS-K".
    """
    import bm25s

    tokenized = bm25s.tokenize(list(texts), stopwords="en", show_progress=False)
    retriever = bm25s.BM25()
    retriever.index(tokenized, show_progress=False)
    evidence = np.zeros((len(texts), len(queries)), dtype=np.float64)
    for t, aliases in enumerate(queries):
        query = bm25s.tokenize(" ".join(aliases), stopwords="en", show_progress=False, return_ids=False)[0]
        query = [token for token in query if token in tokenized.vocab]
        if query:
            evidence[:, t] = retriever.get_scores(query)
    top = evidence.max(axis=0)
    return evidence / np.where(top > 0, top, 1.0)


_VOWELS = str.maketrans("", "", "aeiouAEIOU")


def corpus_variants(alias: str, vocabulary: dict[str, str]) -> list[str]:
    """Spellings of ``alias`` that the corpus uses: a transliterated name's vowels vary
    ("al-Qaeda" / "al-Qaida", "Zawahiri" / "Zawahri", "Pakistan" / "Pakistani").

    ``vocabulary`` maps the consonant skeleton of each capitalised corpus word to the words
    with it (see :func:`capitalised_vocabulary`). Only capitalised words of five letters or more
    vary, only by vowels and only inside the word (its first and last letters stay), so that "match"
    never becomes "March", nor "Kabul" "Kabila", nor "China" "Chain".
    """
    parts = _WORD.findall(alias)
    options = []
    for part in parts:
        choices = [part]
        if len(part) >= 5 and part[0].isupper() and not part.isupper():
            for word in vocabulary.get(_skeleton(part), ()):
                if word.casefold() != part.casefold() and word[0] == part[0] and word[-1] == part[-1] and _near_spelling(word, part):
                    choices.append(word)
        options.append(choices)
    variants = []
    for index, choices in enumerate(options):
        for choice in choices[1:]:
            words = [option[0] for option in options]
            words[index] = choice
            variants.append(_rejoin(alias, parts, words))
    return variants


# A keyword's word family is found only through a stem this long: shorter stems join unrelated words
# ("served" and "service" share "serv").
FAMILY_STEM_LETTERS = 5


def corpus_words(texts: Sequence[str]) -> set[str]:
    """The corpus's words, case-folded (for :func:`word_family`)."""
    return {word.casefold() for text in texts for word in _WORD.findall(text)}


def word_family(alias: str, words: set[str]) -> list[str]:
    """The corpus words that share a one-word common keyword's English (Snowball) stem, as it does not
    already find them: "withdrawal" finds "withdraw" and "withdrawing", "evacuation" "evacuate", "negotiations"
    "negotiate". An analyst names a subject by its noun where news reports it by its verb. Names and
    acronyms have no family (they vary by spelling, :func:`corpus_variants`), nor do phrases."""
    if is_name(alias) or not alias.isalpha():
        return []
    stem = english_stemmer().stemWord(alias.casefold())
    if len(stem) < FAMILY_STEM_LETTERS:
        return []
    own = alias_pattern(alias, loose=True)
    return sorted(word for word in words if word.startswith(stem[:3]) and word.isalpha()
                  and english_stemmer().stemWord(word) == stem and not own.fullmatch(word))


def english_stemmer():
    """The English Snowball stemmer, made once (building it costs more than stemming a word)."""
    if _STEMMER is None:
        import Stemmer

        globals()["_STEMMER"] = Stemmer.Stemmer("english")
    return _STEMMER


_STEMMER = None


# English endings that make a place's adjective or people from its name (Iran-ian, Pakistan-i, Chin-ese).
DERIVING_ENDINGS = ("n", "an", "ian", "i", "ese", "ish")


def derived_names(alias: str, vocabulary: dict[str, list[str]]) -> list[str]:
    """The capitalised corpus words derived from a one-word name of four letters or more by an
    adjective ending ("Iran" -> "Iranian", "China" -> "Chinese", "Russia" -> "Russian"): "Iranian
    officials" are evidence for a theme whose keyword is "Iran". Acronyms and phrases derive nothing."""
    parts = _WORD.findall(alias)
    if len(parts) != 1 or len(alias) < 4 or not alias[0].isupper() or alias.isupper():
        return []
    stems = {alias, alias[:-1]} if alias[-1].casefold() in "aeiouy" else {alias}
    words = {word for group in vocabulary.values() for word in group}
    found = {stem + ending for stem in stems for ending in DERIVING_ENDINGS} & words
    return sorted(found - {alias})


def _near_spelling(first: str, second: str) -> bool:
    """At most one letter in four differs (edits; one in any word, two from eight letters): "Qaeda"/"Qaida",
    "Zawahiri"/"Zawahri", not "Labour"/"Liberia", nor "Blair"/"Blur" or "Reaper"/"Roper" (another name)."""
    import difflib

    a, b = first.casefold(), second.casefold()
    if abs(len(a) - len(b)) > 1:
        return False
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    edits = sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal")
    return edits <= max(1, min(len(a), len(b)) // 4)


def mined_spellings(alias: str, groups) -> list[str]:
    """The other names the corpus gives the thing ``alias`` names: the alias groups of
    :func:`topics.text.alias_mining.mine_aliases` ("Islamic State Khorasan Province (ISKP)" makes
    "ISKP" a spelling of the theme keyword "Islamic State Khorasan Province")."""
    key = alias_key(alias)
    if not key:
        return []
    for group in groups:
        if any(alias_key(name) == key for name in group.names):
            return [name for name in group.names if alias_key(name) != key]
    return []


def capitalised_vocabulary(texts: Sequence[str]) -> dict[str, list[str]]:
    """Consonant skeleton -> the capitalised words of the corpus with it (for :func:`corpus_variants`)."""
    words: set[str] = set()
    capitalised = re.compile(r"\b[A-Z][a-z]{3,}\b")
    for text in texts:
        words.update(capitalised.findall(text))
    vocabulary: dict[str, list[str]] = {}
    for word in sorted(words):
        vocabulary.setdefault(_skeleton(word), []).append(word)
    return vocabulary


def _skeleton(word: str) -> str:
    return word.casefold().translate(_VOWELS)


def _rejoin(alias: str, parts: Sequence[str], words: Sequence[str]) -> str:
    """``alias`` with its word parts replaced by ``words``, joiners kept ("al-Qaeda" -> "al-Qaida")."""
    pieces, position = [], 0
    for part, word in zip(parts, words):
        start = alias.index(part, position)
        pieces.append(alias[position:start] + word)
        position = start + len(part)
    return "".join(pieces) + alias[position:]
