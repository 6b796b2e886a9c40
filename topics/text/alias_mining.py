"""Names the corpus itself says are one: aliases mined from definitions and spelling variants.

News text defines its own names: "Islamic State Khorasan Province (ISKP)",
"the Islamic State Khorasan Province, or ISKP", "Islamic State (IS), also
known as the Daesh terrorist group", "ISIS (Daesh)"; and it spells one name
several ways: "al-Qaeda", "al Qaeda", "al-Qaida". A small embedding model and
a bag of words both see different words there, so one actor can split into two
topics by name. :func:`mine_aliases` finds such groups with a few general
patterns; :meth:`AliasTable.normalize` rewrites every name of a group to its
most common spelling, so keywords, clustering words and lexical lookup compare
one name.

Patterns (each needs the name's evidence in the text, nothing is built in; the definitions are read,
and weighed against the whole corpus, in :mod:`topics.text.alias_definitions`):

- an acronym in brackets after the words whose initials spell it:
  "Long Name (LN)"; or a bracketed name right after an acronym: "ISIS (Daesh)",
  written as prose writes it (a space before the bracket: "XY(Z)" and
  "GAME(S)" are notation), a plain name the corpus never writes in lower case
  ("IBM (Used)" is no name), after an acronym that is not a word in capitals
  ("LOS ANGELES (Reuters)", "NUCLEAR ROCKETS (FISSION)": a run of capitals, or a
  word the corpus also writes as a word: "London"), and not a wire credit that the
  corpus's line openers repeat ("Reuters");
- no bracket inside a line opener defines anything ("By Mark Ledsom BASEL (Reuters) - ");
- "Long Name, or LN" where LN's letters are the initials of Long Name;
- "X, also known as (the) Y", "X, also called Y", "X, aka Y" (a one-word name the corpus
  writes in lower case is a common word: "The Streets, aka British ...");
- an acronym that the corpus defines for two different names ("Crown Prosecution Service
  (CPS)", "Carrier Pre-Section (CPS)") joins neither: it cannot say which one a text means;
- spelling variants: the same name with a space or hyphen after a short
  lower-case particle ("al-Qaeda" / "al Qaeda"), or with one vowel changed in a
  capitalised word of five letters or more ("Qaeda" / "Qaida");
- a branch acronym "IS-K", "ISIS-K" joins the group of its head ("IS", "ISIS")
  when the head is a defined name and the corpus spells the branch out after a name of that group
  ("Islamic State Khorasan"): for comparing words, the branch is the actor. Letters the corpus never
  spells so name a thing of their own: "HP-UX" is HP's Unix, not HP.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache

import numpy as np
import pandas as pd

from topics.errors import InputError
from topics.text.alias_definitions import WORD_FORMS, defined_names, kept_definitions, wire_credits
from topics.text.text_index import TextIndex
from topics.validate import check_count

MAX_TEXTS = 20_000
NORMALIZE_BLOCK = 20_000  # texts indexed at once by ``AliasTable.normalize_all``
# Below this many names ``normalize_all`` tests each text for each name's first word instead of indexing
# the texts' words: indexing costs about as much per text as testing ~20 names (8,000 NYT paragraphs,
# 7 names: 0.03 s against 0.2-0.3 s CPU; 5,000 ISAF units, 35 names: 0.18 s against 0.11 s).
INDEX_MIN_NAMES = 20
VOWELS = frozenset("aeiou")
MIN_VARIANT_LENGTH = 5
_CURLY = str.maketrans({"\u2019": "'", "\u2018": "'", "\u2010": "-", "\u2011": "-"})
_HYPHENATED_PARTICLE = re.compile(r"(?<![\w-])([a-z]{1,2})-([A-Z][a-z]{2,})\b")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]{4,}\b")
_BRANCH = re.compile(r"\b([A-Z]{2,5})-([A-Z]{1,2})\b")
_POSSESSIVE = re.compile(r"'s$")
_PLURAL = re.compile(r"(?<=[a-z])s$")


@dataclass(frozen=True)
class AliasGroup:
    """Names of one thing: ``canonical`` is the most common spelling; ``evidence`` the text that said so."""

    canonical: str
    names: tuple[str, ...]
    evidence: tuple[str, ...] = ()

    def shown(self):
        """How the analyst is shown the group: led by its full name where defined, word forms apart
        (:func:`topics.text.alias_display.shown_group`)."""
        from topics.text.alias_display import shown_group

        return shown_group(self.canonical, self.names)


@dataclass(frozen=True)
class AliasTable:
    """Alias groups mined from a corpus (see :func:`mine_aliases`)."""

    groups: tuple[AliasGroup, ...] = ()
    _patterns: tuple = field(default=(), repr=False, compare=False)
    # The outlets' own names, which keywords and labels leave out (topics.text.outlets); cleaning never reads them.
    left_out: frozenset[str] = field(default=frozenset(), compare=False)

    def leaving_out(self, names) -> AliasTable:
        """This table, its keywords and labels leaving out ``names`` (:func:`topics.text.outlets.outlet_words`)."""
        return replace(self, left_out=frozenset(names))

    def __len__(self) -> int:
        return len(self.groups)

    def __bool__(self) -> bool:
        return bool(self.groups)

    def to_frame(self) -> pd.DataFrame:
        """One row per group: canonical (the spelling keywords write), names (list), evidence (list of snippets);
        as the group is shown (:meth:`AliasGroup.shown`): main, shown (main, then the aliases), word_forms, spellings_only."""
        rows = []
        for g in self.groups:
            shown = g.shown()
            rows.append({"canonical": g.canonical, "names": list(g.names), "evidence": list(g.evidence),
                         "main": shown.main, "shown": list(shown.names), "word_forms": list(shown.word_forms),
                         "spellings_only": shown.spellings_only})
        return pd.DataFrame(rows, columns=["canonical", "names", "evidence", "main", "shown", "word_forms", "spellings_only"])

    def to_records(self) -> list[dict]:
        return self.to_frame().to_dict(orient="records")

    @classmethod
    def from_records(cls, records, source="aliases") -> AliasTable:
        """The table :meth:`to_records` wrote; InputError naming ``source`` when a record is malformed."""
        from topics.errors import InputError

        if not isinstance(records, list):
            raise InputError(source, f"aliases must be a list of groups, not {type(records).__name__}")
        groups = []
        for i, record in enumerate(records):
            names = record.get("names") if isinstance(record, dict) else None
            evidence = record.get("evidence", []) if isinstance(record, dict) else None
            if (not isinstance(record, dict) or not isinstance(record.get("canonical"), str) or not isinstance(names, list)
                    or not all(isinstance(n, str) and n for n in names) or not isinstance(evidence, list)
                    or not all(isinstance(e, str) for e in evidence)):
                raise InputError(source, f"alias group {i} must have a canonical name, a list of names and a list of evidence texts")
            groups.append(AliasGroup(record["canonical"], tuple(names), tuple(evidence)))
        return cls(tuple(groups))

    def canonical_of(self) -> dict[str, str]:
        """Every name -> its group's canonical spelling."""
        return {name: g.canonical for g in self.groups for name in g.names}

    def normalize(self, text: str) -> str:
        """``text`` with every name of a group written as the group's canonical spelling."""
        text = str(text)
        folded = text.casefold()
        for pattern, canonical, first_word, _, _ in self._compiled():
            # A match starts with the name's first word: most texts hold few names, and this
            # substring test skips the regex for the others (most of the time it took).
            if first_word in folded:
                replaced = pattern.sub(canonical, text)
                if replaced != text:
                    text, folded = replaced, replaced.casefold()
        return text

    def normalize_all(self, texts) -> list[str]:
        """:meth:`normalize` of every text, with the same result at a fraction of the cost.

        Each name's pattern is tried only on the texts that hold all of its words, the first at the
        start of a word: one look-up per name in a block's :class:`TextIndex` finds them (names matched
        with their case, "EC", by their words as written, so "ECB" or "made" never call the pattern).
        A table of fewer than ``INDEX_MIN_NAMES`` names tests each text as :meth:`normalize` does.
        """
        texts = [str(t) for t in texts]
        if not self.groups:
            return texts
        if sum(len(g.names) for g in self.groups) < INDEX_MIN_NAMES:
            return [self.normalize(text) for text in texts]
        for start in range(0, len(texts), NORMALIZE_BLOCK):  # blocks: the index's memory stays small
            texts[start : start + NORMALIZE_BLOCK] = self._normalize_block(texts[start : start + NORMALIZE_BLOCK])
        return texts

    def _normalize_block(self, texts: list[str]) -> list[str]:
        index = TextIndex(texts)
        folded: dict[int, str] = {}  # texts changed so far: their current case-folded form
        for pattern, canonical, first_word, words, cased in self._compiled():
            rows = index.rows_with(words[0], word_start=True, match_case=cased).tolist()
            unchanged = [r for r in rows if r not in folded and all(w in index.text(r, cased) for w in words[1:])]
            # A changed text is tested as ``normalize`` tests it: on its current form.
            rows = sorted({*unchanged, *(r for r, f in folded.items() if first_word in f)})
            for row in rows:
                replaced = pattern.sub(canonical, texts[row])
                if replaced != texts[row]:
                    texts[row], folded[row] = replaced, replaced.casefold()
        return texts

    def expand_query(self, query: str) -> str:
        """``query`` plus the other names of every group it mentions (for lexical lookup)."""
        extra = []
        folded = query.casefold()
        for group in self.groups:
            # A name's first word as a substring first (as normalize does): each pattern search reads the whole query.
            named = {name for name in group.names if _first_word(name) in folded and _name_pattern(name).search(query)}
            if named:
                extra += [name for name in group.names if name not in named]
        return query if not extra else f"{query} {' '.join(extra)}"

    def _compiled(self):
        if not self._patterns:
            pairs = []
            for group in self.groups:
                # Longest names first, so "Islamic State Khorasan Province" wins over "Islamic State".
                for name in sorted(group.names, key=len, reverse=True):
                    if name != group.canonical:
                        pattern = _name_pattern(name)
                        cased = not pattern.flags & re.IGNORECASE
                        words = tuple(w if cased else w.casefold() for w in _words(name))
                        pairs.append((len(name), pattern, group.canonical, _first_word(name), words, cased))
            ordered = sorted(pairs, key=lambda x: -x[0])
            object.__setattr__(self, "_patterns", tuple(pair[1:] for pair in ordered))
        return self._patterns


def _first_word(name: str) -> str:
    """The first word of ``name`` as ``_name_pattern`` matches it, case-folded ("" if none)."""
    parts = _words(name)
    return parts[0].casefold() if parts else ""


def _words(name: str) -> list[str]:
    """The words of ``name`` that its pattern matches one after another."""
    from topics.text.aliases import _WORD

    return _WORD.findall(name)


@lru_cache(maxsize=4096)  # a name is matched in every pass (mining, each text's normalisation)
def _name_pattern(name: str) -> re.Pattern:
    """The theme-alias pattern of ``name``, not matching inside a hyphenated name ("ISIS" in "ISIS-K")."""
    from topics.text.aliases import alias_source

    found = alias_source(name)
    if found is None:  # no word to match: every caller needs a pattern, so say which name lacks one
        raise ValueError(f"an alias name needs a word character to match: {name!r}")
    source, flags = found
    # A short mixed-case acronym ("LeT") is matched with its case, so it never finds the word "let".
    if len(name) <= 5 and sum(c.isupper() for c in name) >= 2:
        flags &= ~re.IGNORECASE
    return re.compile(rf"(?<![\w][-\u2010\u2011]){source}(?![-\u2010\u2011][\w])", flags)


class _Union:
    def __init__(self):
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)


def read_texts(texts, max_texts: int = MAX_TEXTS) -> list[str]:
    """The texts :func:`mine_aliases` reads of ``texts``: all, or past ``max_texts`` an evenly spaced sample."""
    texts = [str(t) for t in texts]
    if len(texts) > max_texts:
        texts = [texts[int(i)] for i in np.linspace(0, len(texts) - 1, max_texts)]
    return texts


def _checked_texts(texts) -> list[str]:
    """``texts`` as a list of strings (a table's ``text`` column; a missing text as ""); InputError for one
    string, which would be read a character at a time, or for values that are not texts."""
    if isinstance(texts, pd.DataFrame):
        if "text" not in texts.columns:
            raise InputError("texts", "a table without a 'text' column: give its text column, a list of texts or a Corpus")
        texts = texts["text"]
    if isinstance(texts, (str, bytes)) or not hasattr(texts, "__iter__"):
        raise InputError("texts", f"expected a list of texts or a Corpus, not {'one string' if isinstance(texts, str) else type(texts).__name__}")
    found = [("" if t is None or (isinstance(t, float) and t != t) else t) for t in texts]
    odd = next((i for i, t in enumerate(found) if not isinstance(t, str)), None)
    if odd is not None:
        raise InputError("texts", f"text {odd} is a {type(found[odd]).__name__}, not a string")
    return found


def mine_aliases(texts, min_count: int = 1, max_texts: int = MAX_TEXTS) -> AliasTable:
    """The alias groups that ``texts`` (or a Corpus's paragraphs) define or spell in more than one way.

    ``min_count``: how many times a name must occur in the corpus to be kept
    (1: a definition seen once is enough). Past ``max_texts`` texts an evenly
    spaced sample is read: a corpus that large repeats its definitions.
    """
    from topics.text.aliases import alias_key

    if hasattr(texts, "paragraphs"):  # a Corpus
        texts = texts.paragraphs["text"]
    texts = _checked_texts(texts)
    check_count(min_count, "min_count", minimum=1)
    check_count(max_texts, "max_texts", minimum=1)
    texts = [t.translate(_CURLY) for t in read_texts(texts, max_texts)]
    union = _Union()
    evidence: dict[str, list[str]] = {}
    # Names are compared by their alias key, so "al-Qaeda" and "al Qaeda" are one name from the start.
    spellings: dict[tuple, str] = {}  # alias key -> the first spelling seen

    def key_of(name: str) -> tuple:
        key = alias_key(name)
        spellings.setdefault(key, name)
        return key

    defined_spellings: dict[tuple, Counter] = {}
    # The corpus's words, lower case and capitalised: a definition is read against what the corpus writes elsewhere.
    word_forms = {w for text in texts for w in WORD_FORMS.findall(text)}
    definitions = [d for text in texts for d in defined_names(text)]
    for name, other, snippet, _ in kept_definitions(definitions, word_forms, wire_credits(texts)):
        a, b = key_of(name), key_of(other)
        if a and b and a != b:
            union.union(str(a), str(b))
            # A definition is itself one use of each name, even when the long form occurs nowhere else.
            defined_spellings.setdefault(a, Counter())[name] += 1
            defined_spellings.setdefault(b, Counter())[other] += 1
            evidence.setdefault(str(a), []).append(" ".join(snippet.split()))
    # Spelling variants: "al-Qaeda" / "al Qaeda" (one key, several spellings); "Qaeda" / "Qaida"
    # (capitalised names, never written in lower case, differing by one vowel, each seen twice or more).
    hyphenated: set[tuple[str, str]] = set()
    for text in texts:
        for match in _HYPHENATED_PARTICLE.finditer(text):
            key_of(match.group(0))
            hyphenated.add((match.group(1), match.group(2)))
    lower_words = {w for w in word_forms if w[0].islower()}
    capitalised = Counter(w for text in texts for w in _CAPITALISED.findall(text) if w.lower() not in lower_words)
    by_shape: dict[tuple, list[str]] = {}
    for word, count in capitalised.items():
        for i, c in enumerate(word):
            if c in VOWELS and count >= 2:
                by_shape.setdefault((word[:i], word[i + 1 :]), []).append(word)
    context = _contexts(texts, {w for words in by_shape.values() if len(words) > 1 for w in words})
    for words in by_shape.values():
        head = max(words, key=lambda w: (capitalised[w], w))
        for word in words:
            # Transliterations of one name share a neighbour ("Kunar province" / "Konar province");
            # two different names one vowel apart ("Austin" / "Austen") do not, nor a first name most of whose uses
            # name someone else ("Lindsay Walters" / "Lindsey Graham"). A title is no shared neighbour: "Minister
            # Zhong Shan" and "Minister Zheng Zeguang" are two people.
            if word != head and _shares_neighbours(context[word], context[head]) \
                    and _shares_neighbours(context[head], context[word]):
                union.union(str(key_of(word)), str(key_of(head)))
                evidence.setdefault(str(key_of(word)), []).append(f"{word} / {head}")
                for particle in {p for p, w in hyphenated if w in (word, head)}:  # "al-Qaida" / "al-Qaeda"
                    union.union(str(key_of(f"{particle}-{word}")), str(key_of(f"{particle}-{head}")))
    # Branch acronyms ("IS-K") of a defined acronym ("IS") join its group where the corpus spells the branch out:
    # "HP-UX" (HP's Unix) is a thing of its own.
    # A key is defined when it joined a group: it has a root other than itself, or is the root of another key.
    roots = {k: union.find(str(k)) for k in spellings}
    group_sizes = Counter(roots.values())
    defined = {str(k) for k, root in roots.items() if root != str(k) or group_sizes[root] > 1}
    branches = dict.fromkeys((m.group(0), m.group(1), m.group(2)) for text in texts for m in _BRANCH.finditer(text))
    for branch, head, letters in branches:
        head_key = key_of(head)  # every head's spellings are counted ("IBM" / "IBMs")
        head_names = _names_of(union, spellings, head_key) if str(head_key) in defined else []
        if head_names and _spelled_out(texts, head_names, letters, lower_words):
            union.union(str(key_of(branch)), str(head_key))
    # Likewise a defined long name that begins with another defined name ("Islamic State Khorasan Province").
    for key in list(defined_spellings):
        for n in range(len(key) - 1, 1, -1):
            if str(key[:n]) in defined:
                union.union(str(key), str(key[:n]))
                break
    surface = _surface_spellings(texts, TextIndex(texts), spellings)
    members: dict[str, list[tuple]] = {}
    for key in spellings:
        members.setdefault(union.find(str(key)), []).append(key)
    groups = []
    for root, keys in members.items():
        counted: Counter = Counter()
        for key in keys:
            seen = surface.get(key) or defined_spellings.get(key, Counter())
            counted.update({name: n for name, n in seen.items() if n >= min_count})
        if len(counted) < 2:
            continue  # one name, one spelling: nothing to join
        names = []
        for name in sorted(counted, key=lambda n: (-counted[n], n)):
            if name.casefold() not in {n.casefold() for n in names}:
                names.append(name)
        if len(names) < 2:
            continue  # spellings that differ only in case
        snippets = [s for k in keys for s in evidence.get(str(k), [])][:3]
        groups.append(AliasGroup(names[0], tuple(names), tuple(snippets)))
    groups.sort(key=lambda g: g.canonical.casefold())
    return AliasTable(tuple(groups))


def _names_of(union: _Union, spellings: dict[tuple, str], key: tuple) -> list[str]:
    """The spellings of every name in ``key``'s group."""
    root = union.find(str(key))
    return [name for k, name in spellings.items() if union.find(str(k)) == root]


def _spelled_out(texts: list[str], names: list[str], letters: str, lower_words: set[str]) -> bool:
    """Whether some text writes one of ``names`` and right after it words whose initials are ``letters``, the first
    a name the corpus never writes in lower case ("Islamic State Khorasan", "Islamic State's so-called Khorasan
    Province", "al-Qaeda in Iraq"; not "ISIS Kills Dozens")."""
    names = sorted(names, key=len, reverse=True)
    words = "".join(rf"[ \t-]+({letter}[a-z]+)\b" for letter in letters)
    between = r"(?:[ \t]+(?:so-called|in|of|the))*"  # "al-Qaeda in Iraq", "Islamic State's so-called Khorasan"
    pattern = re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, names))})(?:'s)?{between}{words}")
    return any(m.group(1).lower() not in lower_words
               for text in texts if any(name in text for name in names) for m in pattern.finditer(text))


def _contexts(texts: list[str], words: set[str]) -> dict[str, list[frozenset[str]]]:
    """The content words right before and after each of ``words`` in ``texts``, one set per use."""
    from topics.text.wording import PERSON_TITLES, stop_words as _stop_words

    stop = _stop_words() | PERSON_TITLES
    context: dict[str, list[frozenset[str]]] = {w: [] for w in words}
    if not words:
        return context
    for text in texts:
        tokens = re.findall(r"[\w']+", text)  # "al-Qaida": "al" is a neighbour of "Qaida"
        if words.isdisjoint(tokens):
            continue  # most texts hold none of the words: no Python step per token
        for i in [i for i, token in enumerate(tokens) if token in context]:
            context[tokens[i]].append(frozenset(tokens[j].lower() for j in (i - 1, i + 1)
                                                if 0 <= j < len(tokens) and tokens[j].lower() not in stop and len(tokens[j]) > 1))
    return context


def _shares_neighbours(one: list[frozenset[str]], other: list[frozenset[str]]) -> bool:
    """Whether most uses of one spelling (of those with a content word beside them) have a neighbour that some
    use of the other has too (asked both ways):
    "Konar" (province) / "Kunar" (province); not "Lindsay" (Walters, Menz; once Graham) / "Lindsey" (Graham)."""
    around = frozenset().union(*other)
    said = [neighbours for neighbours in one if neighbours]  # a use between stop words says nothing either way
    return 2 * sum(1 for neighbours in said if neighbours & around) > len(said)


def _matches(index: TextIndex, texts: list[str], name: str):
    """(row, match) for every place ``texts`` write ``name`` (``index``: their :class:`TextIndex`)."""
    pattern = _name_pattern(name)
    cased = not pattern.flags & re.IGNORECASE
    words = [w if cased else w.casefold() for w in _words(name)]
    if not words:
        return
    longest = max(words, key=len)
    # One look-up finds the texts holding the name's longest word; the pattern runs only where all its words are.
    for row in index.rows_with(longest, match_case=cased).tolist():
        if all(w in index.text(row, cased) for w in words):
            for m in pattern.finditer(texts[row]):
                yield row, m


def _surface_spellings(texts: list[str], index: TextIndex, keys: dict[tuple, str]) -> dict[tuple, Counter]:
    """Per alias key: how often each of its spellings occurs in ``texts`` (plural and possessive endings dropped)."""
    result = {}
    for key, name in keys.items():
        if not key:
            continue
        found = Counter(_POSSESSIVE.sub("", m.group(0)) for _, m in _matches(index, texts, name))
        if found:
            result[key] = _singulars(found)
    return result


def _singulars(found: Counter) -> Counter:
    """``found`` with a plural spelling counted under its singular, where the texts write that too
    ("drones" under "drone"); a name that only ends in s stays whole ("Afghan Islamic Press", "Hamas")."""
    merged: Counter = Counter()
    for name, n in found.items():
        single = name[:-1] if len(name) > 3 and _PLURAL.search(name) else None
        merged[single if single in found else name] += n
    return merged
