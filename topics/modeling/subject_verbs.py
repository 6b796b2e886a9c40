"""A verb told by where the corpus writes it: right after a clause's subject, a name or a pronoun, and
never as a noun takes it ("Healy wrote" makes "wrote" no label part; "the troops", "variants" keep
"troops" and "variant" nouns).

Owns that reading of :func:`topics.modeling.phrase_shape.word_uses`' counts. May import:
:mod:`topics.modeling.phrase_shape`.
"""

from __future__ import annotations

from topics.modeling.phrase_shape import DETERMINERS

_UNUSED = (0, 0, 0, 0, 0, 0, 0, 0)


def opens_clause(tokens: list[str], last: int, stop_words: frozenset[str]) -> bool:
    """Whether the run of capitalised words ending at ``last`` may be a clause's subject: no determiner
    nor lower-case modifier opens it ("the Delta variant", "infectious Delta variant" are noun groups)."""
    first = last
    while first > 0 and tokens[first - 1][:1].isupper() and tokens[first - 1].lower() not in DETERMINERS:
        first -= 1  # "The Delta variant": a sentence's capitalised determiner opens the run
    opener = tokens[first - 1] if first > 0 else ""
    return opener.lower() not in DETERMINERS and not (opener.isalpha() and opener.islower() and opener not in stop_words)


def after_subject_only(word: str, uses: dict[str, tuple[int, ...]]) -> bool:
    """A clause's verb: written right after its subject, a name or a pronoun, in most of its uses ("Healy
    wrote", "he wrote"), never after a determiner (a noun after a name takes one elsewhere: "the troops"),
    and never in a plural (a noun written only after names has one: "Sasser worm", "worms"). Two uses at
    least; a word in "-s" may be a plural itself, and is not read."""
    n, _, _, after_subject, after_determiner, _, _, after_capital = uses.get(word, _UNUSED)
    return n > 1 and not after_determiner and after_subject + after_capital > n / 2 \
        and not word.endswith("s") and not uses.get(word + "s", _UNUSED)[0]
