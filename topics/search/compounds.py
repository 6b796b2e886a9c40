"""Compounds a corpus writes both open and closed ("air strike" and "airstrike", "cease-fire" and
"ceasefire"), made one token for lexical search.

English writes many compounds open, hyphenated or closed, and a corpus often writes one compound all three
ways. BM25 and the word shares read "air strike" as two words and "airstrikes" as another one, so a query
written one way misses the texts written the other. :meth:`Compounds.find` finds the pairs the corpus itself
attests in two forms: a closed word of its vocabulary that splits into two words it also writes, where it
also writes the two as an open or hyphenated pair. :meth:`Compounds.join` then writes every open and
hyphenated use of such a pair closed, in the texts when an index is built and in each query, so every form is
one token. Nothing is built in: a pair is joined only where the corpus writes it both ways.

May import: :mod:`topics.text.wording` (its English function words).
"""

from __future__ import annotations

import re
from collections import Counter

# Each part at least this many letters: shorter splits are mostly chance ("be" + "came", "in" + "come", "a" + "live").
MIN_PART_LETTERS = 3
# The open (or hyphenated) pair written at least this many times, and the closed word at least this many times:
# a pair that meets by chance once or twice ("long" "time" is a compound, but a text's "sea son" is not) or a
# closed word written once (a typo, "policeforce") joins no pair in the whole corpus.
MIN_OPEN_USES = 3
MIN_CLOSED_USES = 2
# Between the parts of an open pair: a hyphen, or spaces with at most one line break (not a blank line).
_GAP = r"(?:-|[^\S\n]+\n?[^\S\n]*|\n[^\S\n]*)"
_WORD = re.compile(r"[^\W\d_]+")
_PAIR = re.compile(rf"(?<![\w-])([^\W\d_]{{{MIN_PART_LETTERS},}})(?={_GAP}([^\W\d_]{{{MIN_PART_LETTERS},}})(?![\w]))")
_GAP_RE = re.compile(_GAP)
# Addresses, handles and hashtags are not prose: "whitehouse.gov", "@carlottagall" and "#airstrike" attest no compound.
_NOT_PROSE = re.compile(r"\S*\w[.@/:]\w\S*|[@#]\w+")


def _stem_of():
    """A word's Snowball stem (its surface form where PyStemmer is missing), cached per word."""
    try:
        import Stemmer

        stemmer = Stemmer.Stemmer("english")
    except ImportError:  # stemming is optional: surface forms are compared then
        stemmer = None
    cache: dict[str, str] = {}

    def stem(word: str) -> str:
        if word not in cache:
            cache[word] = stemmer.stemWord(word) if stemmer is not None else word
        return cache[word]

    return stem


class Compounds:
    """The open pairs a corpus also writes closed, written closed by :meth:`join`.

    ``pairs``: (first, second) lower-case words, each pair joined wherever it is written open or hyphenated.
    Compared and hashed by identity (a query's words are cached per index)."""

    def __init__(self, pairs=()):
        self.pairs = tuple(sorted({(str(a).lower(), str(b).lower()) for a, b in pairs}))
        self._pattern = None

    def __len__(self) -> int:
        return len(self.pairs)

    def __repr__(self) -> str:
        return f"Compounds({len(self.pairs)} pairs)"

    @classmethod
    def find(cls, texts) -> Compounds:
        """The pairs ``texts`` attest both open (or hyphenated) and closed.

        A closed word of the vocabulary, written at least ``MIN_CLOSED_USES`` times in prose, in lower case (not in an address,
        handle or hashtag, nor capitalised: "Whitehouse", "BusinessWeek" are names) and no English
        function word ("nowhere", "anyone"), that splits into two words of the vocabulary of at least
        ``MIN_PART_LETTERS`` letters, the first no function word ("now" + "here", "over" + "time" meet by chance)
        and the second no stop word of the tokenizer ("arm" + "and"); the open or hyphenated pair
        written at least ``MIN_OPEN_USES`` times, counting together the forms of the second word with one stem
        ("air strike" and "air strikes"). Every form of the pair so attested that the corpus writes, open or
        closed, is joined ("air strikes" as well as "air strike", where "airstrikes" is written)."""
        from topics.search.lexical import STOPWORDS
        from topics.text.wording import language_function_words

        function_words = language_function_words("english")
        stop_words = frozenset(_bm25s_stopwords(STOPWORDS))
        uses: Counter = Counter()  # every word, in any case
        closed_uses: Counter = Counter()  # words written in lower case: a name ("Whitehouse") is written capitalised
        prose = [_NOT_PROSE.sub(" ", str(t)) for t in texts]
        for text in prose:
            words = _WORD.findall(text)
            uses.update(w.lower() for w in words)
            closed_uses.update(w for w in words if len(w) >= 2 * MIN_PART_LETTERS and w.islower())
        lowered = [t.lower() for t in prose]
        stem = _stem_of()
        closed: dict[tuple[str, str], set[str]] = {}  # (first, stem of second) -> the closed words
        for word in closed_uses:
            if word in function_words:
                continue
            for cut in range(MIN_PART_LETTERS, len(word) - MIN_PART_LETTERS + 1):
                first, second = word[:cut], word[cut:]
                if first in uses and second in uses and first not in function_words and second not in stop_words:
                    closed.setdefault((first, stem(second)), set()).add(word)
        firsts = {first for first, _ in closed}
        open_uses: Counter = Counter()
        written_open: set[tuple[str, str]] = set()
        for text in lowered:
            for match in _PAIR.finditer(text):
                first, second = match.group(1), match.group(2)
                if first in firsts and (first, stem(second)) in closed:
                    open_uses[first, stem(second)] += 1
                    written_open.add((first, second))
        pairs = set()
        for (first, second_stem), words in closed.items():
            if open_uses[first, second_stem] < MIN_OPEN_USES or sum(closed_uses[w] for w in words) < MIN_CLOSED_USES:
                continue
            pairs.update((first, w[len(first):]) for w in words)
            pairs.update(p for p in written_open if p[0] == first and stem(p[1]) == second_stem)
        return cls(pairs)

    def join(self, texts: list[str]) -> list[str]:
        """``texts`` with every open or hyphenated use of a pair written closed ("Air strike" → "Airstrike")."""
        if not self.pairs:
            return texts
        if self._pattern is None:
            self._pattern = re.compile(rf"(?<![\w-]){_trie([f'{a} {b}' for a, b in self.pairs])}(?!\w)", re.IGNORECASE)
        pattern = self._pattern
        return [pattern.sub(_closed, t) if _GAP_RE.search(t) else t for t in texts]

    def to_json(self) -> list[list[str]]:
        return [list(pair) for pair in self.pairs]

    @classmethod
    def from_json(cls, value, where: str = "compounds") -> Compounds:
        """Compounds saved by :meth:`to_json`; ValueError unless a list of pairs of words."""
        if not isinstance(value, list) or not all(
            isinstance(p, list) and len(p) == 2 and all(isinstance(w, str) and w for w in p) for p in value
        ):
            raise ValueError(f"{where}: compounds must be a list of pairs of words")
        return cls(tuple(p) for p in value)


def _bm25s_stopwords(name: str):
    from bm25s.stopwords import STOPWORDS_EN

    return STOPWORDS_EN if name == "en" else ()


def _closed(match: re.Match) -> str:
    return _GAP_RE.sub("", match.group(0))


def _trie(phrases: list[str]) -> str:
    """A regular expression matching exactly ``phrases`` (a space in one: any gap between the parts),
    built as a trie so that matching costs little however many phrases there are."""
    root: dict = {}
    for phrase in phrases:
        node = root
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [(_GAP if char == " " else re.escape(char)) + pattern(node[char]) for char in sorted(node) if char]
        if not branches:
            return ""
        body = "(?:" + "|".join(branches) + ")" if len(branches) > 1 or "" in node else branches[0]
        return body + ("?" if "" in node else "")

    return pattern(root)
