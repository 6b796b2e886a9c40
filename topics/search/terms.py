"""Terms a corpus defines by their initials in lower case ("improvised explosive device (IED)", "gross
domestic product (GDP)"), made one token with their acronym for lexical search.

A question may write the acronym where the texts write the words, or the reverse; BM25 and the word shares
read them as different words. The name aliases (:mod:`topics.text.alias_mining`) join names, written
capitalised; a term written in lower case is no name and is left to this module, which serves lookup
alone. :meth:`Terms.find` reads the definitions the texts make: an acronym in capitals, in brackets,
after words whose initials spell it. :meth:`Terms.join` then writes every use of a defined term and of its
acronym as one token, in the texts when an index is built and in each query. Nothing is built in.

May import: :mod:`topics.text.alias_definitions` (wire credits), :mod:`topics.text.wording` (function words).
"""

from __future__ import annotations

import re
from collections import Counter

# "Long words (LW)", "... devices (IEDs)": two to six capitals, an optional plural "s", a space before the bracket.
_DEFINED = re.compile(r"(?<=[a-z] )\(([A-Z]{2,6})(s?)\)")
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
# Between the initials: words an acronym leaves out ("weapons of mass destruction (WMD)").
CONNECTORS = frozenset({"of", "and", "for", "the", "in", "on", "to"})


class Terms:
    """Acronyms with the lower-case term each stands for, both written as one token by :meth:`join`.

    ``defined``: (acronym, term) pairs, the term's last word singular. Compared and hashed by identity
    (a query's words are cached per index)."""

    def __init__(self, defined=()):
        self.defined = tuple(sorted({(str(a), str(t).lower()) for a, t in defined}))
        self._pattern = None

    def __len__(self) -> int:
        return len(self.defined)

    def __repr__(self) -> str:
        return f"Terms({len(self.defined)} defined)"

    @classmethod
    def find(cls, texts) -> Terms:
        """The terms ``texts`` define: words spelling, by their initials in order (connectors aside), an
        acronym in capitals bracketed right after them, the term most often so defined for each acronym.
        Left out: an acronym whose term the texts never write in lower case (a name, the aliases' concern:
        "Advanced Micro Devices (AMD)" is no "age-related macular degeneration (AMD)"), or define as two terms
        as often (which one a text means cannot be told); an acronym that is a function word in lower case
        ("information technology (IT)" would become the stop word "it"); a wire credit the line openers repeat."""
        from topics.search.compounds import _bm25s_stopwords
        from topics.search.lexical import STOPWORDS
        from topics.text.alias_definitions import wire_credits
        from topics.text.wording import language_function_words

        texts = [str(t) for t in texts]
        unwanted = frozenset(_bm25s_stopwords(STOPWORDS)) | language_function_words("english")
        seen: dict[str, Counter] = {}
        for text in texts:
            if "(" not in text:
                continue
            for match in _DEFINED.finditer(text):
                acronym, plural = match.group(1), bool(match.group(2))
                if acronym.lower() in unwanted:
                    continue
                words = _initial_words(_WORD.findall(text[max(0, match.start() - 120) : match.start()]), acronym)
                if words:
                    lower = all(w.islower() for w in words[1:])  # the first may open a sentence
                    seen.setdefault(acronym, Counter())[(tuple(w.lower() for w in words), plural, lower)] += 1
        if not seen:
            return cls()
        credits = wire_credits(texts)
        vocabulary = {w.lower() for text in texts for w in _WORD.findall(text)}
        defined = []
        for acronym, forms in seen.items():
            singular: Counter = Counter()
            in_lower_case = set()
            for (words, plural, lower), n in forms.items():
                last = words[-1]
                if (plural or (last.endswith("s") and not last.endswith("ss"))) and last[:-1] in vocabulary:
                    last = last[:-1]  # "devices (IEDs)": "device"; "sclerosis (MS)" stays
                singular[" ".join([*words[:-1], last])] += n
                if lower:
                    in_lower_case.add(" ".join([*words[:-1], last]))
            (term, n), *rest = singular.most_common()
            if term in in_lower_case and acronym not in credits and not (rest and rest[0][1] == n):
                defined.append((acronym, term))
        return cls(defined)

    def join(self, texts: list[str]) -> list[str]:
        """``texts`` with every use of a defined term (any case, its last word singular or plural) and of its
        acronym (in capitals, singular or plural) written as one token, :func:`token` ("improvised explosive
        devices", "IEDs" and "IED" → "ied_acronym")."""
        if not self.defined:
            return texts
        if self._pattern is None:
            self._tokens = {term: token(acronym) for acronym, term in self.defined} | {a: token(a) for a, _ in self.defined}
            terms = "|".join(_term_pattern(term) for _, term in sorted(self.defined, key=lambda d: -len(d[1])))
            acronyms = "|".join(sorted({re.escape(a) for a, _ in self.defined}, key=len, reverse=True))
            self._pattern = re.compile(rf"(?<![\w-])(?i:{terms})(?![\w-])|(?<!\w)(?:{acronyms})s?(?!\w)")
        tokens, pattern = self._tokens, self._pattern

        def one_token(match: re.Match) -> str:
            words = re.split(r"[\s-]+", match.group(0))
            if len(words) == 1:  # the acronym
                return tokens.get(words[0]) or tokens[words[0][:-1]]
            words = [w.lower() for w in words]
            for cut in (0, 1, 2):  # the last word as the term writes it, or less a plural ending
                term = " ".join([*words[:-1], words[-1][: len(words[-1]) - cut]])
                if term in tokens:
                    return tokens[term]
            return match.group(0)

        return [pattern.sub(one_token, t) for t in texts]

    def to_json(self) -> list[list[str]]:
        return [list(pair) for pair in self.defined]

    @classmethod
    def from_json(cls, value, where: str = "terms") -> Terms:
        """Terms saved by :meth:`to_json`; ValueError unless a list of (acronym, term) pairs."""
        if not isinstance(value, list) or not all(
            isinstance(p, list) and len(p) == 2 and all(isinstance(w, str) and w for w in p) for p in value
        ):
            raise ValueError(f"{where}: terms must be a list of pairs of an acronym and its term")
        return cls(tuple(p) for p in value)


def token(acronym: str) -> str:
    """The one token of an acronym and its term: one word to the tokenizer, and one the stemmer leaves whole
    (it takes "IED" to "ie" and "IEDs" to "i", as it takes "tied" to "tie")."""
    return f"{acronym.lower()}_acronym"


def _initial_words(before: list[str], acronym: str) -> list[str] | None:
    """The trailing ``before`` words whose initials spell ``acronym`` (connectors between them aside), or None."""
    wanted = list(acronym.lower())
    taken: list[str] = []
    for word in reversed(before):
        if not wanted:
            break
        if word[0].lower() == wanted[-1]:
            wanted.pop()
            taken.insert(0, word)
        elif taken and word in CONNECTORS:
            taken.insert(0, word)
        else:
            return None
    return taken if not wanted and taken[0] not in CONNECTORS else None


def _term_pattern(term: str) -> str:
    """A term's words with any spaces or a hyphen between them, the last word with an optional plural ending."""
    words = [re.escape(w) for w in term.split()]
    return r"[\s-]+".join([*words[:-1], words[-1] + "(?:e?s)?"])
