"""Terms a corpus defines by their initials in lower case ("improvised explosive device (IED)", "gross
domestic product (GDP)"), made one token with their acronym for lexical search.

A question may write the acronym where the texts write the words, or the reverse; BM25 and the word shares
read them as different words. The name aliases (:mod:`topics.text.alias_mining`) join names, written
capitalised; a term written in lower case is no name and is left to this module, which serves lookup
alone. :meth:`Terms.find` reads the definitions the texts make: an acronym in capitals, in brackets,
after words whose initials spell it. :meth:`Terms.join` then writes every use of a defined term and of its
acronym as one token, in the texts when an index is built and in each query. A text's acronym is one in
capitals; a question's may be in any case ("ied") where the texts write no other word so.
Nothing is built in.

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

    ``defined``: (acronym, term) pairs, the term's last word singular; ``any_case``: the acronyms the texts
    never write in lower case or capitalised (another word: "aids", "Ms"), so a question's "ied" or "Gdp" is
    the acronym. Compared and hashed by
    identity (a query's words are cached per index)."""

    def __init__(self, defined=(), any_case=()):
        self.defined = tuple(sorted({(str(a), str(t).lower()) for a, t in defined}))
        self.any_case = frozenset(str(a) for a in any_case) & {a for a, _ in self.defined}
        self._patterns: dict = {}

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
        ("information technology (IT)" would become the stop word "it"); a wire credit the line openers repeat.
        The term's last word is written singular where the acronym is ("devices (IEDs)") or the texts write the
        term so ("fake news (FN)" stays: no text writes "fake new")."""
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
                    parts = [p for w in words for p in w.split("-") if p]  # "Coca-Cola (CC)" is a name
                    lower = all(p.islower() for p in parts[1:])  # the first may open a sentence
                    seen.setdefault(acronym, Counter())[(tuple(w.lower() for w in words), plural, lower)] += 1
        if not seen:
            return cls()
        credits = wire_credits(texts)
        written = {w for text in texts for w in _WORD.findall(text)}
        vocabulary = {w.lower() for w in written}
        singulars = {}  # (words, plural) -> the words with the last singular
        for forms in seen.values():
            for words, plural, _ in forms:
                one = _singular(words[-1], vocabulary)  # "sclerosis (MS)" stays
                singulars[words, plural] = words if one is None else (*words[:-1], one)
        # Singular where the acronym is plural, or where the texts write the singular term too ("fake news" stays).
        unsure = {w for (words, plural), w in singulars.items() if not plural and w != words}
        written_singular = _written(texts, unsure)
        defined = []
        for acronym, forms in seen.items():
            singular: Counter = Counter()
            in_lower_case = set()
            for (words, plural, lower), n in forms.items():
                one = singulars[words, plural]
                term = " ".join(one if plural or one in written_singular else words)
                singular[term] += n
                if lower:
                    in_lower_case.add(term)
            (term, n), *rest = singular.most_common()
            if term in in_lower_case and acronym not in credits and not (rest and rest[0][1] == n):
                defined.append((acronym, term))
        # Any case where no other word is spelt so: "ied", "Ied"; not "aids" (a verb), "Ms" (a title).
        spelt = {a: {a.lower(), a.capitalize(), a.lower() + "s", a.capitalize() + "s"} for a, _ in defined}
        unique = {a for a, forms in spelt.items() if not forms & written}
        return cls(defined, unique)

    def join(self, texts: list[str], query: bool = False) -> list[str]:
        """``texts`` with every use of a defined term (any case, spaces or hyphens between its words, its last word
        singular or plural) and of its acronym (singular or plural) written as one token, :func:`token`
        ("improvised explosive devices", "IEDs" and "IED" → "ied_acronym"). The acronym is one in capitals, or
        in a ``query`` one of :attr:`any_case` in any case; not one right after a number ("3 PM") nor, unless
        of :attr:`any_case`, one among words in capitals ("SAD NEWS": a headline's capitals say nothing)."""
        if not self.defined:
            return texts
        if query not in self._patterns:
            self._tokens = {_key(term): token(acronym) for acronym, term in self.defined} | {a: token(a) for a, _ in self.defined}
            terms = "|".join(_term_pattern(term) for _, term in sorted(self.defined, key=lambda d: -len(d[1])))
            capitals = _alternatives(a for a, _ in self.defined if not (query and a in self.any_case))
            acronyms = [rf"(?<!\w)(?:{capitals})s?(?!\w)"] if capitals else []
            if query and self.any_case:
                acronyms.append(rf"(?<!\w)(?i:{_alternatives(self.any_case)})(?i:s)?(?!\w)")
            self._patterns[query] = re.compile("|".join([rf"(?<![\w-])(?i:{terms})(?![\w-])", *acronyms]))
        tokens, pattern, any_case = self._tokens, self._patterns[query], self.any_case

        def one_token(match: re.Match) -> str:
            words = re.split(r"[\s-]+", match.group(0).lower())
            if len(words) == 1:  # the acronym
                acronym = match.group(0).upper()
                acronym = acronym if acronym in tokens else acronym[:-1]
                if _after_a_number(match) or (acronym not in any_case and _among_capitals(match)):
                    return match.group(0)
                return tokens[acronym]
            last = words[-1]  # as the term writes it, or less a plural ending
            for ending in (last, last[:-1], last[:-2], last[:-3] + "y" if last.endswith("ies") else ""):
                term = " ".join([*words[:-1], ending])
                if ending and term in tokens:
                    return tokens[term]
            return match.group(0)

        return [pattern.sub(one_token, t) for t in texts]

    def to_json(self) -> dict:
        return {"defined": [list(pair) for pair in self.defined], "any_case": sorted(self.any_case)}

    @classmethod
    def from_json(cls, value, where: str = "terms") -> Terms:
        """Terms saved by :meth:`to_json`, or as a list of the pairs alone (saved before :attr:`any_case` was
        found: a query's acronym is then one in capitals, as it was); ValueError unless so."""
        any_case = []
        if isinstance(value, dict):
            value, any_case = value.get("defined"), value.get("any_case", [])
            if not isinstance(any_case, list) or not all(isinstance(a, str) for a in any_case):
                raise ValueError(f"{where}: any_case must be a list of acronyms")
        if not isinstance(value, list) or not all(
            isinstance(p, list) and len(p) == 2 and all(isinstance(w, str) and w for w in p) for p in value
        ):
            raise ValueError(f"{where}: terms must be a list of pairs of an acronym and its term")
        return cls((tuple(p) for p in value), any_case)


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
        parts = [p[0].lower() for p in word.split("-") if p]  # "rocket-propelled grenade (RPG)"
        if len(parts) > 1 and wanted[-len(parts) :] == parts:
            del wanted[-len(parts) :]
            taken.insert(0, word)
        elif word[0].lower() == wanted[-1]:
            wanted.pop()
            taken.insert(0, word)
        elif taken and word in CONNECTORS:
            taken.insert(0, word)
        else:
            return None
    return taken if not wanted and taken[0] not in CONNECTORS else None


def _term_pattern(term: str) -> str:
    """A term's words with any spaces or a hyphen between them, the last word with an optional plural ending."""
    *words, last = [re.escape(w) for w in _key(term).split()]
    plural = f"{last[:-1]}(?:y|ies)" if re.search(r"[^aeiou]y$", last) else f"{last}(?:e?s)?"  # "body", "bodies"
    return r"[\s-]+".join([*words, plural])


def _key(term: str) -> str:
    """A term's words, split at spaces and hyphens ("long-range missile" → "long range missile")."""
    return " ".join(re.split(r"[\s-]+", term.lower()))


def _alternatives(words) -> str:
    return "|".join(sorted({re.escape(w) for w in words}, key=len, reverse=True))


def _singular(word: str, vocabulary: set[str]) -> str | None:
    """``word`` less a plural ending where the texts write what is left ("devices", "bodies"), else None."""
    if word.endswith("ies") and word[:-3] + "y" in vocabulary:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and word[:-1] in vocabulary:
        return word[:-1]
    return None


def _written(texts: list[str], terms: set[tuple[str, ...]]) -> set[tuple[str, ...]]:
    """Those of ``terms`` (words) that ``texts`` write, in any case, with spaces or hyphens between the words."""
    if not terms:
        return set()
    keys = {_key(" ".join(words)): words for words in terms}
    spelt = "|".join(r"[\s-]+".join(map(re.escape, key.split())) for key in sorted(keys, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])(?:{spelt})(?![\w-])", re.I)
    return {keys[_key(m.group(0))] for text in texts for m in pattern.finditer(text)}


def _after_a_number(match: re.Match) -> bool:
    """An acronym right after a number, singular: a unit or a time ("3 PM", "5GB"), not a count ("10 IEDs")."""
    before = match.string[max(0, match.start() - 2) : match.start()]
    return bool(re.search(r"\d ?$", before)) and match.group(0)[-1] != "s"


def _among_capitals(match: re.Match) -> bool:
    """An acronym beside a word of three capitals or more: a text or a headline in capitals ("SAD NEWS")."""
    text, start, end = match.string, match.start(), match.end()
    before = re.search(r"([A-Za-z]+)[^\w\n]{1,3}$", text[max(0, start - 40) : start])
    after = re.match(r"[^\w\n]{1,3}([A-Za-z]+)", text[end : end + 40])
    return any(m is not None and len(m.group(1)) >= 3 and m.group(1).isupper() for m in (before, after))
