"""Acronyms a corpus writes in capitals only ("IED", "MPs", "NGOs"), each one token with its plural, that the
stemmer leaves whole.

The tokenizer lower-cases words before the Snowball stemmer reads them, and the stemmer then takes "IED" to "ie"
and "IEDs" to "i" (as "tied" to "tie"), keeps "MPs" apart from "MP" and "NGOs" from "NGO"; the paragraph BM25,
on the words as written, keeps every plural apart. :func:`find` reads, when a lexical index is built, the words
its texts write in capitals alone, never in lower case nor capitalised, singular or plural ("AIDS" beside "aids",
"US" beside "us", "KABUL" beside "Kabul" are no such words); :func:`join` writes each of them, and its plural, as
the one token :mod:`topics.search.terms` gives a defined acronym. A question may write one in any case ("ied"):
the texts spell no other word so. Nothing is built in.
"""

from __future__ import annotations

import re

# Two to six capitals, an optional plural "s" ("IEDs"; "IEDS" in a headline in capitals is read below).
_IN_CAPITALS = re.compile(r"(?<!\w)[A-Z]{2,6}s?(?!\w)")
_ANY_CASE = re.compile(r"(?<!\w)[A-Za-z]{2,7}(?!\w)")
_WORD = re.compile(r"(?<!\w)[A-Za-z]+(?!\w)")  # "mp3" writes no "mp"


def find(texts) -> frozenset[str]:
    """The acronyms ``texts`` write in capitals (two to six, with or without a plural "s") and in no other case,
    singular or plural; none that is an English function word in lower case (a text in capitals writes "IT")."""
    from topics.search.compounds import _bm25s_stopwords
    from topics.search.lexical import STOPWORDS
    from topics.text.wording import language_function_words

    written = {w for text in texts for w in _WORD.findall(str(text))}
    capitals = {w.rstrip("s") for w in written if _IN_CAPITALS.fullmatch(w)}
    unwanted = frozenset(_bm25s_stopwords(STOPWORDS)) | language_function_words("english")
    return frozenset(
        a for a in capitals
        if len(a) > 1 and a.lower() not in unwanted
        and not {a.lower(), a.capitalize(), a.lower() + "s", a.capitalize() + "s"} & written
    )


def join(texts: list[str], acronyms: frozenset[str], query: bool = False) -> list[str]:
    """``texts`` with each of ``acronyms``, singular or plural, written as its one token
    (:func:`topics.search.terms.token`: "IEDs" and "IED" → "ied_acronym"); in a ``query`` in any case ("ieds")."""
    if not acronyms:
        return texts
    from topics.search.terms import token

    def one_token(match: re.Match) -> str:
        word = match.group(0).upper()
        for acronym in (word, word[:-1] if word.endswith("S") else None):  # "IEDs", "IEDS", a question's "ieds"
            if acronym in acronyms:
                return token(acronym)
        return match.group(0)

    pattern = _ANY_CASE if query else _IN_CAPITALS
    return [pattern.sub(one_token, t) for t in texts]
