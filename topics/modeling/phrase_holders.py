"""The texts that can write a phrase, found by a substring test on its first word before a pattern reads them.

The label rules read a topic's texts with a pattern per candidate phrase (:mod:`topics.modeling.phrase_shape`,
``headlines._surface``): its uses and the words around them. A text that does not write the phrase's first word
holds no use, so the answer is the same without it, and a substring test costs a small part of a pattern's pass
(most of an update's naming reads a few hundred texts per phrase; most of them lack its first word).
Where the pattern reads any case (``re.IGNORECASE``) a text is passed over only where its lower case lacks the
word's: exact for a word in ASCII, once the three other characters such a pattern takes for an ASCII letter,
which ``str.lower`` does not make that letter ("İ", "ı", "ſ"), are looked for (the Kelvin sign it makes "k").
Owns that test. May import: nothing of topics.
"""

from __future__ import annotations

import re

# Characters that re.IGNORECASE matches with an ASCII letter, where str.lower() leaves no such letter.
_FOLDED_TO_ASCII = re.compile("[\u0130\u0131\u017f]")


def may_write(texts, word: str, any_case: bool = False) -> list[str]:
    """The ``texts`` (in order) that may write ``word``, the first word of a pattern; ``any_case``: the
    pattern reads any case. Every text with a use of the pattern is kept."""
    if not word:
        return list(texts)
    if not any_case:
        return [text for text in texts if word in text]
    if not word.isascii():  # other scripts' case rules are not second-guessed: every text is read
        return list(texts)
    lower = word.lower()
    return [text for text in texts if lower in text.lower() or not text.isascii() and _FOLDED_TO_ASCII.search(text)]
