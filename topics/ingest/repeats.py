"""Text that repeats across the articles of a corpus: site chrome and templates, not content.

Three kinds, each counted once per document:

- short lines (≤ 12 words) found in two or more documents: menus, section names, bylines;
- longer lines found in several documents: a site's standing sentences ("For complete
  area coverage pick up a newspaper copy …", "No civilians were harmed in the operation.");
- templates: short lines that differ only in names and numbers ("X contributed reporting
  from Y.", "X is a correspondent covering …") found in many documents;
- sign-offs: the few words a wire or a writer sets after an article's last sentence, on its
  line ("... on February 27. Reuter", "... any ideas? Thanks"), ending many documents;
- coded lines: short lines that differ only in codes, numbers and dates ("2011-11-S-034 For
  Immediate Release", "… Operational Update, March 18, 2011"; :mod:`topics.text.codes`) found
  in many documents: a release's header, not its news;
- trailers: the sentences a site sets after every story, inside the text of articles scraped as one
  line ("Follow BBC South on Facebook, Twitter, or Instagram.", "© 2022 BBC. The
  BBC is not responsible for the content of external sites."), among the last sentences of many
  documents: what a line of its own would be dropped for, in a text scraped as one line.

A document that repeats most of the longer lines of an earlier one (the same article
captured twice) is not counted again: its headline and paragraphs are not chrome.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from topics.ingest.lines import normalise_line
from topics.text.codes import collapse_codes, has_words

SHORT_LINE_WORDS = 12
TEMPLATE_MAX_WORDS = 25
MIN_SENTENCE_DOCUMENTS = 3
MIN_TEMPLATE_DOCUMENTS = 5
MIN_TEMPLATE_SHARE = 0.01  # of the documents: a template used by one article in a hundred is a formula
COPY_SHARE = 0.5  # of a document's longer lines found in one earlier document: a second capture of it
NAME_OR_NUMBER = re.compile(r"\b(?:[A-Z][\w.'’-]*|\d[\d,.:]*)\b")
LETTERS = re.compile(r"[^\W\d_]+")
MASK_SEPARATORS = re.compile(r"[_\s,.]+")
CODED_WORD = re.compile(r"<(?:date|code|num)>|[^\W_]+")
SIGN_OFF_MAX_WORDS = 3
TRAILER_SENTENCES = 8  # a document's last sentences that are counted as a trailer may stand in
TRAILER_CHARS = 3_000  # the end of a text read for them: eight sentences and more, not a long article whole
LAST_SENTENCE_CHARS = 600  # enough for a trailer's last sentence
MIN_TRAILER_WORDS = 3  # "Need help?" or "He said." end articles without being a site's trailer
COPYRIGHT = re.compile(r"\s+(?=©)")  # a copyright notice opens a sentence: "... says © 2022 BBC."
QUOTE_CLOSED = re.compile(r"(?<=[.!?][\"”’)])\s+(?=[\"“‘(]?[A-Z0-9])")  # '... generosity." Follow BBC ...'
SENTENCE_STOPS = ".!?"
CLOSING_MARKS = "\"'”’)]"


@functools.lru_cache(maxsize=65536)
def template_key(line: str) -> str | None:
    """The line with names and numbers masked, or None when too little is left to be a template."""
    if not 3 <= line.count(" ") + 1 <= TEMPLATE_MAX_WORDS:
        return None
    masked = NAME_OR_NUMBER.sub("_", line)
    words = LETTERS.findall(masked)
    if len(words) < 3 or len(line.split()) > TEMPLATE_MAX_WORDS:
        return None
    return MASK_SEPARATORS.sub(" ", masked.lower()).strip() or None


@functools.lru_cache(maxsize=65536)
def coded_key(line: str) -> str | None:
    """A short line with its codes, numbers and dates collapsed (:func:`topics.text.codes.collapse_codes`),
    or None for a longer line or one of codes alone (a reference number is no header line)."""
    if len(line.split()) > SHORT_LINE_WORDS:
        return None
    # Words and placeholders only: "Update, March 18, 2011" and "Update March 17, 2011" are one header.
    key = " ".join(CODED_WORD.findall(collapse_codes(line).lower()))
    return key if has_words(key) else None


def split_sign_off(block: str) -> tuple[str, str | None]:
    """``block`` less the words (three at most, no sentence of their own) that trail its last
    sentence, and those words: "Reuter" in "... on February 27. Reuter"; None when nothing trails.
    In a listing (lines kept as laid out: a table of figures) they are its last line."""
    if "\n" in block:
        head, last = block.rsplit("\n", 1)
        if 1 <= len(last.split()) <= SIGN_OFF_MAX_WORDS and LETTERS.search(last):
            return head.rstrip(), last.strip()
        return block, None
    end = max(block.rfind(stop) for stop in SENTENCE_STOPS) + 1
    if end == 0:
        return block, None
    while end < len(block) and block[end] in CLOSING_MARKS:
        end += 1
    tail = block[end:]
    if not tail[:1].isspace() or not 1 <= len(tail.split()) <= SIGN_OFF_MAX_WORDS or not LETTERS.search(tail):
        return block, None
    return block[:end].rstrip(), tail.strip()


def last_sentences(block: str, chars: int | None = None) -> list[str]:
    """The last sentences of a document's last block, in its last ``chars`` characters (default
    ``TRAILER_CHARS``; :func:`topics.text.wording.sentences`, also ended by a closing quote after the full
    stop), a copyright notice one of its own; the first, cut by that window, left out."""
    from topics.text.wording import sentences

    chars = TRAILER_CHARS if chars is None else chars
    tail = block[-chars:]
    found = [piece.strip() for part in COPYRIGHT.split(tail) for s in sentences(part) for piece in QUOTE_CLOSED.split(s)]
    return [s for s in found[1 if len(block) > chars else 0:] if s]


def split_trailer(block: str, trailers: set[str]) -> tuple[str, str | None]:
    """``block`` less the run of :data:`Repeats.trailers` sentences it ends with, and that run (None when
    it ends with none, or is nothing else: a block of trailers alone goes by the line rules)."""
    ending = last_sentences(block, LAST_SENTENCE_CHARS)  # most texts end in no trailer: one sentence says so
    if not ending or normalise_line(ending[-1]) not in trailers:
        return block, None
    found = last_sentences(block)
    cut = len(found)
    while cut > 0 and normalise_line(found[cut - 1]) in trailers:
        cut -= 1
    if cut == len(found) or cut == 0:
        return block, None
    end = len(block)  # the body as written: up to where the first trailer sentence starts
    for sentence in reversed(found[cut:]):
        end = block.rfind(sentence, 0, end)
        if end < 0:
            return block, None
    return block[:end].rstrip(), " ".join(found[cut:])


def _ending(block: str) -> str | None:
    """The sign-off a document's last block ends with, or is: a story signed on a line of its own
    counts with those that sign after their last sentence."""
    if 1 <= len(block.split()) <= SIGN_OFF_MAX_WORDS and not any(stop in block for stop in SENTENCE_STOPS):
        return block if LETTERS.search(block) else None
    return split_sign_off(block)[1]


def sign_off_key(sign_off: str) -> str:
    return " ".join(sign_off.lower().split())


@dataclass(frozen=True)
class Repeats:
    lines: set[str] = field(default_factory=set)  # normalised short lines
    sentences: set[str] = field(default_factory=set)  # normalised longer lines
    templates: set[str] = field(default_factory=set)  # template keys
    coded: set[str] = field(default_factory=set)  # coded keys (:func:`coded_key`)
    sign_offs: set[str] = field(default_factory=set)  # keys of words trailing documents' last sentences
    trailers: set[str] = field(default_factory=set)  # normalised sentences ending many one-block documents

    @classmethod
    def of(cls, documents: list[list[str]]) -> "Repeats":
        """Count across ``documents``, each a list of its text blocks."""
        if len(documents) < 2:
            return cls()
        short, long, templates, coded, sign_offs, trailers = Counter(), Counter(), Counter(), Counter(), Counter(), Counter()
        seen_long: dict[str, int] = {}  # a longer line -> the first document holding it
        seen_sentences: dict[str, int] = {}  # the same for the longer sentences ending one-block documents
        endings: list[list[str]] = []  # the normalised last sentences of each one-block document counted
        for number, blocks in enumerate(documents):
            keys = {normalise_line(block): len(block.split()) for block in blocks}
            if _copy_of_earlier(keys, seen_long, number):
                continue  # the same article captured twice: its lines are not chrome for repeating
            # Only a text kept as one block (scraped as one line) hides a trailer in its text: where a text keeps
            # its paragraphs, the trailer is lines of its own, and a sentence ending its last paragraph is its story's.
            ending = last_sentences(blocks[0]) if len(blocks) == 1 else []
            # A second capture of one story shows in its sentences.
            if ending and not _copy_of_earlier({normalise_line(s): len(s.split()) for s in ending}, seen_sentences, number):
                endings.append([normalise_line(s) if len(s.split()) >= MIN_TRAILER_WORDS else "" for s in ending[-TRAILER_SENTENCES:]])
                trailers.update(set(endings[-1]) - {""})
            short.update(k for k, n in keys.items() if k and n <= SHORT_LINE_WORDS)
            long.update(k for k, n in keys.items() if k and n > SHORT_LINE_WORDS)
            templates.update({key for block in blocks if (key := template_key(block))})
            coded.update({key for block in blocks if (key := coded_key(block))})
            if blocks and (sign_off := _ending(blocks[-1])):
                sign_offs[sign_off_key(sign_off)] += 1
        template_floor = max(MIN_TEMPLATE_DOCUMENTS, MIN_TEMPLATE_SHARE * len(documents))
        return cls(
            lines={k for k, n in short.items() if n >= 2},
            sentences={k for k, n in long.items() if n >= MIN_SENTENCE_DOCUMENTS},
            templates={k for k, n in templates.items() if n >= template_floor},
            coded={k for k, n in coded.items() if n >= template_floor},
            sign_offs={k for k, n in sign_offs.items() if n >= template_floor},
            trailers=_desk_trailers(endings, trailers, template_floor),
        )

    def names_any(self, blocks: list[str]) -> bool:
        """Whether any of ``blocks`` is a line, sentence or template counted here: what the chrome
        rules may drop from a document for standing in others (at most that: a cheap first look)."""
        if not (self.lines or self.sentences or self.templates or self.coded):
            return False
        for block in blocks:
            key = normalise_line(block)
            if key in self.lines or key in self.sentences or (self.templates and template_key(block) in self.templates) \
                    or (self.coded and coded_key(block) in self.coded):
                return True
        return False


def _copy_of_earlier(keys: dict[str, int], seen_long: dict[str, int], number: int) -> bool:
    """Whether most of this document's longer lines stand in one earlier document (recording them)."""
    own = [k for k, n in keys.items() if k and n > SHORT_LINE_WORDS]
    shared = Counter(seen_long[k] for k in own if k in seen_long)
    for k in own:
        seen_long.setdefault(k, number)
    return bool(own) and bool(shared) and shared.most_common(1)[0][1] >= COPY_SHARE * len(own)


def _desk_trailers(endings: list[list[str]], counts: Counter, floor: float) -> set[str]:
    """The sentences ending at least ``floor`` of the one-block documents (``counts`` of their ``endings``), and
    those a few of them set right before such a run: a regional desk's lines before the site's notice ("Follow
    BBC East Yorkshire and Lincolnshire on Facebook … Send your story ideas to …" before "© 2022 BBC. …"),
    each too rare across the whole site to count alone; once known, they are a trailer where they end a text too."""
    trailers = {k for k, n in counts.items() if n >= floor}
    grown = set(trailers)
    for ending in endings:
        cut = len(ending)
        while cut > 0 and ending[cut - 1] in trailers:
            cut -= 1
        if cut == len(ending):
            continue  # ends in no trailer
        while cut > 0 and ending[cut - 1] and counts[ending[cut - 1]] >= MIN_SENTENCE_DOCUMENTS:
            grown.add(ending[cut - 1])
            cut -= 1
    return grown
