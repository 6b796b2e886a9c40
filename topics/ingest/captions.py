"""Photo captions set among an article's sentences, cut with their credits.

Wire copy and pages scraped as one line carry each photo's caption and credit inside the text:
"… since repaired. Ukrainian flags … in Kyiv, Ukraine, Sunday, Aug. 28, 2022. (AP Photo/Emilio
Morenatti) In another apparent attack …", "… bound for Kyiv. Photograph: Ludovic Marin/AP “It’s an
important moment …". A credit names the photo's maker; the sentence before it is its caption, and
the caption reaches back to the sentence that gives the day and year the photo was taken, a wire
caption's first, when that is one of the two before. A gallery appended to a story is a run of such captions.
A caption is about a picture, not the story's own text: a line of its own is dropped as one
(:mod:`topics.ingest.chromelines`), and so is a caption inside a paragraph. Where a scraper kept the
caption and lost its credit, a wire caption still shows by its date line: the day it was taken, appended
after a comma, ends it ("… in Kyiv, Ukraine, Friday, April 1, 2022."); a story's sentence gives a date
with a preposition ("on Friday", "by March 1, 2022"), not appended to a place.
Owns that cut. May import: re, scikit-learn's stop words, :mod:`topics.text.wording`.
"""

from __future__ import annotations

import re

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from topics.text.wording import ABBREVIATION

# "(AP Photo/Emilio Morenatti)", "(Photo by Scott Olson/Getty Images)", "(Image: Getty)", "(AP Photo)", "(AP Graphic)";
# a photo handed out through an agency: "(Carsten Koall/dpa via AP)", "(NATO via AP, File)".
CREDIT_IN_BRACKETS = re.compile(
    r"\((?:(?P<agency>[A-Z][\w.&'’-]*)\s+)?(?i:photo(?:graph)?s?|images?|pictures?|graphics?)\b"
    r"(?P<maker>(?:\s*[/:]\s*|\s+by\s+)[^()]{1,80})?(?:,\s*[Ff]ile)?\)"
    r"|\((?P<source>[^()]{2,80}?)\s+via\s+(?:AP|AFP|Reuters|EPA|Getty(?:\s+Images)?|Xinhua|Shutterstock|Alamy)(?:,\s*[Ff]ile)?\)"
)
# "Photograph: Ludovic Marin/AP", "Photo: Handout": a label opens a credit that runs to its agency.
CREDIT_LABEL = re.compile(r"(?<![\w-])(?:Photograph|Photo|Picture|Image)s?:[ \t]+")
MAKER_MAX_WORDS = 10  # a maker up to the last slash: "Ukrainian presidential press service/Reuters"
AGENCY_MAX_WORDS = 4  # words after the last slash's: "AFP/Getty Images", "Dutch National Opera"
AGENCY_JOINERS = frozenset({"&", "and", "via", "of", "for"})
NAME_MAX_WORDS = 2  # a credit with no slash is a name or an agency: "Handout", "Anastasia Taylor-Lind", "The Guardian"
INLINE_CAPTION_MAX_WORDS = 60  # a last sentence longer than this is the story's own, glued to a credit
DATED_SENTENCES_BACK = 2  # a wire caption's first sentence gives the day and year; one or two may follow it
_MONTH_NAMES = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTHS = rf"(?:{_MONTH_NAMES}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.)"
# A day with its year, as a caption gives the day its photo was taken: "Aug. 28, 2022", "28 August 2022".
DAY_AND_YEAR = re.compile(rf"\b{_MONTHS}\s*\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:1[89]|20)\d\d\b|\b\d{{1,2}}\s+{_MONTHS}\s*,?\s*(?:1[89]|20)\d\d\b")
# A wire caption's date line, ending its sentence: appended after a comma (", Friday, April 1, 2022.", ", Jan.
# 12, 2022."), a weekday with its full date ("in Tunis on Saturday, Aug. 27, 2022."), or those followed by
# the place ("… on a farm Friday, Oct. 8, 2021, near Garretson, S.D."). A story dates a moment by its day
# or by its date ("on Friday", "signed on Feb. 29, 2020", "set for Tuesday, Nov. 3, 2020."); in sixteen
# news corpora read, no story's sentence ended on any of these lines.
_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_LINE_MONTHS = rf"(?:{_MONTH_NAMES}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"  # "Aug 14, 2022" too
_FULL_DATE = rf"{_LINE_MONTHS}\s*\d{{1,2}},\s+(?:1[89]|20)\d\d"
_DATE_LAST = rf"(?:\w(?<!day),\s+(?:(?:{_WEEKDAYS}),\s+)?|\bon\s+(?:{_WEEKDAYS}),\s+){_FULL_DATE}\."
_DATE_THEN_PLACE = rf"\b(?:{_WEEKDAYS}),?\s+{_FULL_DATE},?\s+(?:in|at|near|outside|on)\s"
CAPTION_DATE_LINE = re.compile(rf"{_DATE_LAST}|{_DATE_THEN_PLACE}")
# The same lines as a sentence's end; a place after the date is its capitalised words ("at the United
# Nations Headquarters, in New York.", "near Garretson, S.D."), no clause.
_PLACE_WORD = r"(?:[A-Z][\w.'’-]*|the|of|in|at|near|on|de|and),?"
CAPTION_DATE_END = re.compile(rf"(?:{_DATE_LAST}|{_DATE_THEN_PLACE}{_PLACE_WORD}(?:\s+{_PLACE_WORD}){{0,12}}(?<=\.))$")
MONTH_ABBREVIATION = re.compile(r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.$")
SENTENCE_STOPS = ".!?"
SENTENCE_BREAK = re.compile(r"[.!?…][\"'”’»)\]]*(\s+)")


def split_captions(text: str) -> tuple[str, list[str]]:
    """``text`` less the photo captions set inside it, and those captions (each as written, with its
    credit where it has one); ``text`` itself when it holds none. A caption without a credit is cut
    only where it ends on a wire caption's date line (:data:`CAPTION_DATE_LINE`), and not where it is the
    text's one sentence: that is left to the rules for lines of their own."""
    text, captions = _split_credited(text)
    if not CAPTION_DATE_LINE.search(text):
        return text, captions
    spans = [(start, end) for start, end in sentence_spans(text) if re.search(r"\w", text[start:end])]
    dated = [span for span in spans if _is_dated_caption(text[span[0] : span[1]])]
    if not dated or len(spans) == 1:
        return text, captions  # one caption alone may be all an item says (a wire photo's own entry)
    kept = [text[start:end] for start, end in spans if (start, end) not in dated]
    return " ".join(" ".join(part.split()) for part in kept), captions + [" ".join(text[s:e].split()) for s, e in dated]


def _is_dated_caption(sentence: str) -> bool:
    """Whether ``sentence`` is a wire caption by its date line: short enough for a caption, ending on the
    day the photo was taken, and saying what it shows before that (a word in lower case: "… speaks in
    Kyiv, …"); a source's name and date is a citation ("The Hollywood Reporter, September 8, 2019.")."""
    sentence = sentence.strip().rstrip("\"'”’")
    date_line = CAPTION_DATE_END.search(sentence)
    return date_line is not None and len(sentence.split()) <= INLINE_CAPTION_MAX_WORDS \
        and re.search(r"\b[a-z]{2,}\b", sentence[: date_line.start()]) is not None


def _split_credited(text: str) -> tuple[str, list[str]]:
    """``text`` less the captions that end with a credit, and those captions with their credits."""
    credits = _credits(text) if "(" in text or ":" in text else []
    if not credits:
        return text, []
    kept, captions, done = [], [], 0
    for start, end in credits:
        if start < done:
            continue  # a credit inside one already cut
        caption_start = _caption_start(text, done, start)
        kept.append(text[done:caption_start])
        captions.append(" ".join(text[caption_start:end].split()))
        done = end
    kept.append(text[done:])
    return " ".join(" ".join(part.split()) for part in kept if part.strip()), captions


def _credits(text: str) -> list[tuple[int, int]]:
    """(start, end) of each photo credit in ``text``, in order."""
    found = [(m.start(), m.end()) for m in CREDIT_IN_BRACKETS.finditer(text) if m.group("agency") or m.group("maker") or m.group("source")]
    for label in CREDIT_LABEL.finditer(text):
        end = _labelled_credit_end(text, label.end())
        if end is not None:
            found.append((label.start(), end))
    return sorted((start, end) for start, end in found if _ends_caption(text, end))


def _ends_caption(text: str, end: int) -> bool:
    """Whether a credit ending at ``end`` ends a caption: the text ends there or a sentence follows
    (a credit inside a sentence is not where a caption ends)."""
    rest = text[end : end + 3].lstrip()
    return not rest or not (rest[0].islower() or rest[0] in ",;:")


def _labelled_credit_end(text: str, start: int) -> int | None:
    """Where the credit a label ("Photograph: ") opens at ``start`` ends: its maker up to the last slash,
    then the agency's capitalised words up to the next sentence; None when no credit follows the label
    ("Photo: A man walks …" is a caption that follows its label)."""
    tokens = [(m.group(), m.end()) for m in re.finditer(r"\S+", text[start : start + 300])]
    slashes = [i for i, (word, _) in enumerate(tokens[:MAKER_MAX_WORDS]) if "/" in word]
    first = slashes[-1] if slashes else 0
    if any(word[-1] in SENTENCE_STOPS for word, _ in tokens[:first]):
        return None  # a sentence ends before the slash: no maker runs to it
    last = None
    most = first + AGENCY_MAX_WORDS if slashes else NAME_MAX_WORDS - 1
    for i in range(first, min(len(tokens), most + 1)):
        word = tokens[i][0].split("/")[-1]
        if i == first and (slashes or word == "The"):
            pass  # the agency's first word: after the slash ("Marin/AP", "Sauer/The Guardian"), or "The Guardian"
        elif _opens_sentence(tokens, i) or not (word[:1].isupper() or slashes and word in AGENCY_JOINERS):
            break
        last = i
        if word[-1:] in SENTENCE_STOPS + ",;":
            break
    if last is None or tokens[last][0] in AGENCY_JOINERS:
        return None
    return start + tokens[last][1]


def _opens_sentence(tokens: list[tuple[str, int]], i: int) -> bool:
    """Whether the word at ``i`` opens a sentence after a credit: a quote, a function word ("… Bernat
    Armangué/AP For weeks …"), or a capital before a word in lower case, a
    joiner between them or not ("Victoria came up …", "Battle for control …")."""
    word = tokens[i][0]
    following = [token for token, _ in tokens[i + 1 : i + 3]] + ["", ""]
    if word[0] in "\"“‘'(" or word.lower() in ENGLISH_STOP_WORDS:
        return True
    after = following[1] if following[0] in AGENCY_JOINERS else following[0]
    return word[0].isupper() and after[:1].islower()


def _caption_start(text: str, begin: int, credit_start: int) -> int:
    """Where the caption before the credit at ``credit_start`` starts (not before ``begin``): its last
    sentence, and back to the one of the two before it that gives a day and year (:data:`DAY_AND_YEAR`)
    when the last gives none; the credit's own start when that sentence is too long to be a caption."""
    spans = sentence_spans(text[begin:credit_start])
    if not spans or _words(text, begin, spans[-1]) > INLINE_CAPTION_MAX_WORDS:
        return credit_start
    take = 1
    if not DAY_AND_YEAR.search(text[begin + spans[-1][0] : begin + spans[-1][1]]):
        for back in range(2, min(len(spans), DATED_SENTENCES_BACK + 1) + 1):
            if DAY_AND_YEAR.search(text[begin + spans[-back][0] : begin + spans[-back][1]]):
                if sum(_words(text, begin, span) for span in spans[-back:]) <= INLINE_CAPTION_MAX_WORDS:
                    take = back
                break
    return begin + spans[-take][0]


def _words(text: str, begin: int, span: tuple[int, int]) -> int:
    return len(text[begin + span[0] : begin + span[1]].split())


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``: cut after a full stop, question or exclamation mark and
    the quotes and brackets closing it, before anything but a word in lower case; not after an initial,
    a title (:data:`topics.text.wording.ABBREVIATION`) or a date's abbreviated month ("Sunday, Aug. 28")."""
    spans, start = [], 0
    for end in SENTENCE_BREAK.finditer(text):
        stop = end.start() + 1
        if text[end.end() : end.end() + 1].islower():
            continue
        if text[end.start()] == "." and (ABBREVIATION.search(text[max(start, stop - 24) : stop])
                                         or MONTH_ABBREVIATION.search(text[max(start, stop - 6) : stop]) and text[end.end() : end.end() + 1].isdigit()):
            continue
        spans.append((start, end.start(1)))
        start = end.end(1)
    if text[start:].strip():
        spans.append((start, len(text)))
    return [span for span in spans if text[span[0] : span[1]].strip()]
