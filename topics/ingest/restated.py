"""A sentence an article says again word for word is kept where it is first said.

Wire stories republished with their photographs restate the story under each photo: the photo's
description, then sentences of the story again (an AP explainer repeats "Six months ago, Russian
President Vladimir Putin sent troops into Ukraine ..." a dozen times). The copies add nothing a
reader or a topic needs, and they weigh the article's units towards what it repeats: a subtopic
made of one article's restated sentences. Only sentences of :data:`MIN_WORDS` words or more are
compared (a short line repeats by nature: "Read more.", a table's cell); a listing laid out by its
writer (code, a table) is kept as it is. The rule reads one article alone, so a paragraph's number
does not depend on the rest of the corpus. May import :mod:`topics.text.wording`.
"""

from __future__ import annotations

import re

# Shorter sentences may repeat within a story as they should ("He declined to comment."); a restated
# sentence of a story is longer. In the public corpora at hand, only AP stories republished with their
# captions repeat sentences of this length (122 of 217 articles, 993 copies; BBC News 1 of 2,072).
MIN_WORDS = 8
# A month's abbreviation before the day ("Saturday, Aug. 13, 2022") ends no sentence.
_MONTH_BEFORE_DAY = re.compile(r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.$")
_DAY = re.compile(r"\d")
_ROUGH_END = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"[^\W\d_]+")  # a word of letters: a row of numbers or codes ("2, 3, 5, 2, 3") is no sentence
REASON = "sentence said again in the article"


def without_restated(paragraphs: list[tuple[str | None, str]]) -> tuple[list[tuple[str | None, str]], list[tuple[str, str]]]:
    """(the ``paragraphs`` less every sentence of :data:`MIN_WORDS` words or more said earlier in them, word for
    word but for case and spacing; the sentences taken out, each with :data:`REASON`). A paragraph left empty goes."""
    if not _may_repeat([text for _, text in paragraphs if "\n" not in text]):
        return paragraphs, []
    seen: set[str] = set()
    kept, dropped = [], []
    for section, text in paragraphs:
        if "\n" in text:  # a listing laid out by its writer
            kept.append((section, text))
            continue
        parts, found = [], _sentences(text)
        for sentence in found:
            if len(sentence.split()) < MIN_WORDS or len(_WORD.findall(sentence)) < MIN_WORDS:
                parts.append(sentence)
                continue
            key = " ".join(sentence.lower().split())
            if key in seen:
                dropped.append((sentence, REASON))
            else:
                seen.add(key)
                parts.append(sentence)
        if len(parts) == len(found):
            kept.append((section, text))
        elif parts:
            kept.append((section, " ".join(parts)))
    return kept, dropped


def _may_repeat(texts: list[str]) -> bool:
    """Whether any piece of the texts between full stops (or question or exclamation marks) and the spaces
    after them comes twice: where none does, no sentence does (:func:`topics.text.wording.sentences` cuts
    at fewer places). Most articles are read no further."""
    seen: set[str] = set()
    for text in texts:
        for piece in _ROUGH_END.split(text):
            key = " ".join(piece.lower().split())
            if key in seen and _WORD.search(key):
                return True
            seen.add(key)
    return False


def _sentences(text: str) -> list[str]:
    """``text``'s sentences (:func:`topics.text.wording.sentences`), a month's abbreviation before a day joined on."""
    from topics.text.wording import sentences

    joined: list[str] = []
    for sentence in sentences(text):
        sentence = sentence.strip()
        if joined and _MONTH_BEFORE_DAY.search(joined[-1]) and _DAY.match(sentence):
            joined[-1] = f"{joined[-1]} {sentence}"
        else:
            joined.append(sentence)
    return joined
