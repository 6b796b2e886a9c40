"""An article's cleaned text as paragraph units: long paragraphs split within the model's window,
and each piece numbered as the article's own text splits it.

The number is what a paragraph's id (``article#p002``) says. Counted before the rules that look
at the rest of the corpus (lines repeated across documents), it does not change when other
articles are added or left out: a run on a grown corpus knows the article's paragraphs by it.
Owns splitting and numbering. May import the page-cleaning modules of ``topics.ingest``.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from topics.ingest.boilerplate import CleanArticle, clean_article
from topics.ingest.outline import clean_extracted
from topics.ingest.repeats import Repeats
from topics.ingest.restated import without_restated


def cut_by_offset(words: list[str], max_words: int) -> tuple[list[str], list[str]]:
    """One sentence longer than the window: (its window-sized pieces, the words left over), cut by
    offset (slicing off the front again and again made a megabyte of text quadratic)."""
    n_cuts = (len(words) - 1) // max_words if len(words) > max_words else 0
    return [" ".join(words[i * max_words:(i + 1) * max_words]) for i in range(n_cuts)], words[n_cuts * max_words:]


# A sentence ends at ., !, ? or … and the quotes and brackets that close it (straight and curly,
# guillemets, full-width), then whitespace: the paragraph is cut in that whitespace alone, so the
# closing marks stay with their sentence and no character but the whitespace is lost.
SENTENCE_END = re.compile(r"[.!?…][\"'”’»›)\]}）］」』】〕〉》]*(\s+)")


def sentences_of(text: str) -> list[str]:
    """``text`` cut into sentences at the whitespace after each sentence end (:data:`SENTENCE_END`)."""
    sentences, start = [], 0
    for end in SENTENCE_END.finditer(text):
        sentences.append(text[start:end.start(1)])
        start = end.end(1)
    sentences.append(text[start:])
    return sentences


def split_long(text: str, max_words: int, cut=cut_by_offset, sentences=sentences_of) -> list[str]:
    """Split a paragraph at sentence ends (``sentences``, :func:`sentences_of`) into pieces of at most
    ``max_words`` words; ``cut`` cuts a sentence longer than that (:func:`cut_by_offset`). The pieces
    hold every character of the paragraph in order; only whitespace is cut or joined by one space."""
    words = text.split()
    if len(words) <= max_words:
        return [text]
    pieces: list[str] = []
    current: list[str] = []
    for sentence in sentences(text):
        chunks, sentence_words = cut(sentence.split(), max_words)
        if chunks:
            if current:
                pieces.append(" ".join(current))
                current = []
            pieces.extend(chunks)
        if len(current) + len(sentence_words) > max_words and current:
            pieces.append(" ".join(current))
            current = []
        current.extend(sentence_words)
    if current:
        pieces.append(" ".join(current))
    return pieces


def cleaned_article(record: dict, repeated: Repeats) -> CleanArticle:
    """The article's title, date, paragraphs and dropped lines by the page, HTML or table rules, less the
    sentences it says twice (:mod:`topics.ingest.restated`); ``repeated``: what repeats across the corpus's documents."""
    page = record.get("page")
    if page is not None:
        cleaned = clean_extracted(page.blocks, repeated, page.labelled_links)
    else:
        cleaned = clean_article(record["raw_text"], repeated, find_header=record["find_header"], blocks=record.get("blocks"))
    cleaned.paragraphs, restated = without_restated(cleaned.paragraphs)
    cleaned.dropped.extend(restated)
    return cleaned


def pieces_of(cleaned: CleanArticle, max_words: int) -> list[tuple[str | None, str]]:
    """(section, text) of every piece of the article's paragraphs, split within ``max_words``."""
    return [(section, piece) for section, text in cleaned.paragraphs for piece in split_long(text, max_words)]


def paragraph_numbers(record: dict, repeated: Repeats, pieces: list, max_words: int) -> list[int]:
    """Each piece's number in its article: its place among the pieces the article's own text gives,
    lines repeated across the corpus not dropped, so that other articles coming or going do not
    renumber it (a paragraph's id is what an update knows it by). A line dropped for repeating
    leaves a gap."""
    page = record.get("page")
    blocks = [text for _, text in page.blocks] if page is not None else record["blocks"]
    if not repeated.names_any(blocks):
        return list(range(len(pieces)))  # nothing here repeats: the article's own split
    own = [text for _, text in pieces_of(cleaned_article(record, Repeats()), max_words)]
    return aligned_numbers([text for _, text in pieces], own)


def aligned_numbers(texts: list[str], own: list[str]) -> list[int]:
    """The place in ``own`` of each of ``texts`` (in order, each place used once). A text ``own``
    lacks (two halves joined around a dropped line) takes the first place free before the next
    found text's, else a number after the last. In linear time: a cell of one word repeated
    makes thousands of equal pieces (a general sequence alignment is quadratic there)."""
    places: dict[str, list[int]] = {}
    for place, text in enumerate(own):
        places.setdefault(text, []).append(place)
    numbers: list[int | None] = [None] * len(texts)
    free = 0
    for i, text in enumerate(texts):
        found = places.get(text, ())
        j = bisect_left(found, free)
        if j < len(found):
            numbers[i] = found[j]
            free = found[j] + 1
    upcoming, following = [0] * len(texts), len(own)  # the next found text's place
    for i in reversed(range(len(texts))):
        upcoming[i] = following
        following = numbers[i] if numbers[i] is not None else following
    last, extra = -1, len(own)
    for i, number in enumerate(numbers):
        if number is None:
            if last + 1 < upcoming[i]:
                number = numbers[i] = last + 1
            else:
                numbers[i], extra = extra, extra + 1
                continue
        last = number
    return numbers
