"""Keyword words a topic writes only inside a longer expression: "united" of "United States", "bin" of "bin
Laden", "al" of "Al Qaeda", "prime" of "prime minister".

Keywords are a topic's words and pairs of adjacent kept words (:mod:`topics.modeling.describe`), so a name
whose other word is a stop word ("United States": "states" is a reporting word) or a particle ("Osama bin
Laden") leaves a bare fragment among them, and a fragment beside its own pair ("prime", "prime minister")
says one thing twice. A word is a fragment where at least ``FIXED_SHARE`` of its uses in the topic's texts
lie inside one expression, the share of a collocation's word inside it (as gensim's Phrases or an n-gram
range would join them), and the expression is a name: written with capitals at least half the time. Such
a word is shown as that expression (:func:`shown_terms`), never bare. A lower-case phrase a template
repeats ("force captured", "cache consisted" in press releases) stays two words: joining them put weaker
words among the keywords (keyword NPMI on ISAF press releases 0.352 -> 0.315, docs/benchmarks.md).

An expression's first and last words are content words as written there: no stop word unless capitalised
("New York", "United States"; not "the United"), no single letter, no name particle last ("Osama bin"), and
no person's title before a name ("President Ashraf").
Owns that test. May import: :mod:`topics.modeling.describe` (tokens), :mod:`topics.modeling.people`.
"""

from __future__ import annotations

from collections import Counter
from itertools import compress

import numpy as np

FIXED_SHARE = 0.8
MOSTLY = 0.5  # a word written inside an expression more often than not is that expression's word
MIN_USES = 3  # a share of fewer uses shows no habit of writing
CAPITALISED = "^"  # marks the count of an expression's capitalised uses among its spans
READ_TEXTS = 1_000  # texts of a topic read for its fragments: any thousand show how a word is written


def written_spans(texts: list[str], words: set[str], stop_words: frozenset[str]) -> tuple[Counter, dict[str, Counter]]:
    """(uses of each of ``words`` (lower case) in ``texts``, per word the expressions holding it and how
    often). An expression is two words, or three with a name particle inside ("osama bin laden"): a longer
    run is a template's clause more often than a name, and keyword pairs are two words."""
    from topics.modeling.describe import GRAM_BREAK, MAX_WORD_CHARS, POSSESSIVE, TOKEN_PATTERN
    from topics.modeling.people import NAME_PARTICLES, NAME_PARTICLES_AFTER_NAMES, TITLES

    particles = NAME_PARTICLES | NAME_PARTICLES_AFTER_NAMES
    uses: Counter = Counter()
    spans: dict[str, Counter] = {word: Counter() for word in words}
    sigma = any("σ" in word or "ς" in word for word in words)
    # Whether a text or line writes any of the words: a substring test each, a fast scan for a topic's few
    # keyword candidates (one pattern of them all tries its words at every character).
    ordered = sorted(words)

    def holds(text: str) -> bool:
        return any(map(text.__contains__, ordered))

    for text in texts:
        if not holds(text.lower()):
            continue
        for line in GRAM_BREAK.split(text):
            line = POSSESSIVE.sub("", line)
            # A line writing none of the words adds nothing: not split (a token's lower case is in the line's,
            # but for a final sigma, whose words are always read).
            if not sigma and not holds(line.lower()):
                continue
            written = [t for t in TOKEN_PATTERN.findall(line) if len(t) <= MAX_WORD_CHARS]
            lower = [t.lower() for t in written]

            def edge(k: int) -> bool:  # asked only beside the words (most tokens are none of them)
                # A capital opening a sentence says nothing of a name ("The Afghan-led force").
                return len(written[k]) > 1 and (lower[k] not in stop_words or (k > 0 and written[k][0].isupper()))

            for i in compress(range(len(lower)), map(spans.__contains__, lower)):
                word = lower[i]
                uses[word] += 1
                for start, end in ((i - 1, i), (i, i + 1), (i - 2, i), (i - 1, i + 1), (i, i + 2)):
                    if start < 0 or end >= len(lower) or (end - start == 2 and lower[start + 1] not in particles):
                        continue
                    # A title says whom a name is, it is no part of it ("colonel henderson"; "prime minister" is one).
                    titled = lower[start] in TITLES and lower[end] not in TITLES
                    if lower[end] not in particles and not titled and edge(start) and edge(end):
                        span = " ".join(lower[start:end + 1])
                        spans[word][span] += 1
                        if all(t[0].isupper() for t, lt in zip(written[start:end + 1], lower[start:end + 1]) if lt not in particles):
                            spans[word][CAPITALISED + span] += 1
    return uses, spans


def _grouped(counted: Counter) -> dict[str, tuple[int, str]]:
    """Expressions with their plural and singular forms together ("brigadier general", "brigadier generals"):
    form of singular words -> (uses of all its forms, the form most written)."""
    from topics.modeling.describe import _singular

    groups: dict[str, Counter] = {}
    for span, n in counted.items():
        if span.startswith(CAPITALISED):
            continue
        groups.setdefault(" ".join(_singular(w) for w in span.split()), Counter())[span] = n
    return {key: (sum(forms.values()), forms.most_common(1)[0][0]) for key, forms in groups.items()}


def _capitalised(counted: Counter, form: str) -> int:
    """Uses of ``form`` and its plural or singular forms written with capitals (a name's way)."""
    from topics.modeling.describe import _singular

    key = " ".join(_singular(w) for w in form.split())
    return sum(n for span, n in counted.items() if span.startswith(CAPITALISED)
               and " ".join(_singular(w) for w in span[len(CAPITALISED):].split()) == key)


def expressions(uses: Counter, spans: dict[str, Counter]) -> dict[str, str]:
    """Each word of :func:`written_spans` written at least ``FIXED_SHARE`` of the time inside one
    expression (its forms together) -> that expression as most written (the shorter of two)."""
    found = {}
    for word, counted in spans.items():
        if uses[word] >= MIN_USES:
            # Only a name: an expression written capitalised (most of its uses) is one thing; a common
            # phrase a template repeats ("force captured", "cache consisted") is two words.
            fixed = [(len(form.split()), -n, form) for n, form in _grouped(counted).values()
                     if n >= FIXED_SHARE * uses[word] and _capitalised(counted, form) >= MOSTLY * n]
            if fixed:
                found[word] = min(fixed)[2]
    return found


def shown_terms(candidates: list[str], texts: list[str], stop_words: frozenset[str]) -> tuple[list[int], list[str]]:
    """(indices of the ``candidates`` kept, the term each is shown as), best first. A word ``texts`` (the
    topic's) write inside one expression is shown as it: in the place of a word of it that came before
    alone and is mostly written inside it ("al", then "qaeda": "al qaeda" where "al" was); not at all where
    the expression or another of its words came before. A word of an expression shown is left out."""
    from topics.modeling.describe import _singular

    single = {c for c in candidates if " " not in c}
    if len(texts) > READ_TEXTS:
        texts = [texts[i] for i in np.linspace(0, len(texts) - 1, READ_TEXTS).astype(int)]
    uses, spans = written_spans(texts, single, stop_words) if single else (Counter(), {})
    whole = expressions(uses, spans)
    kept: list[int] = []
    shown: list[str] = []
    covered: set[str] = set()  # the words of the expressions shown
    for index, candidate in enumerate(candidates):
        term = whole.get(candidate, candidate)
        if term in shown or candidate in covered:
            continue
        if term != candidate:
            earlier = [k for k, word in enumerate(shown) if word in set(term.split())]
            if earlier:
                word = shown[earlier[0]]
                inside = _grouped(spans[word]).get(" ".join(_singular(w) for w in term.split()), (0, ""))[0]
                if inside >= MOSTLY * uses[word]:
                    shown[earlier[0]] = term
                    covered |= set(term.split())
                continue
            covered |= set(term.split())
        kept.append(index)
        shown.append(term)
    return kept, shown
