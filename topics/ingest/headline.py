"""Find the article's headline among the lines of a page's text.

The headline is the line before the body that looks most like one (length, no full stop, not a
byline or date, not repeated across pages), near the body, and preferred when the page repeats it
elsewhere (as pages repeat their <title> in share links or breadcrumbs), when a byline or date line
follows it, and when its words come back in the lead.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter

from topics.ingest.lines import is_sentence, normalise_line
from topics.ingest.bylinenames import ROLE, name_and_role, reads_as_name
from topics.ingest.pagedates import date_line, dating_phrase, find_dates, set_off_date, words_beside_date
from topics.ingest.prose import LETTER, is_prose
from topics.ingest.titlecues import breadcrumb_trails, names_subject, trail_key

# A byline that gives the date before the name: "Written on Mar 17 by", "Posted on Tuesday 15 October 2019
# at 09:11 by Bradley M. Kuhn." (the date holds a digit: "Posted on Facebook by …" is none).
DATED_BYLINE = re.compile(
    r"^(?:written|published|posted|updated)\s+on\s+(?P<date>[^\n]{0,40}?\d[^\n]{0,40}?)\s+by\b", re.IGNORECASE
)
# What follows a byline's opening word in a headline, not a name: a range ("Von München bis Aachen: …").
NOT_A_NAME = r"(?![^:|,•·\n]{1,60}?\sbis\s)"
_BYLINE_WORDS = r"(?:by|par|por|von|di|door|written\s+by|posted\s+by|story\s+by|words\s+by)\b"
BYLINE = re.compile(rf"^{_BYLINE_WORDS}{NOT_A_NAME}|{DATED_BYLINE.pattern[1:]}", re.IGNORECASE)
# Or a phrase of a few words that a colon sets before the headline's words ("By the numbers: what …"), unless it reads
# as a name with a credit's or a time's label ("By Jane Doe Photos: John Smith"); "By: Jane Doe" is a byline.
_COLON_PHRASE = re.compile(
    rf"^{_BYLINE_WORDS}\s+(?P<phrase>(?:[^\s:|,•·]+\s+){{0,2}}[^\s:|,•·]*\w):\s+[^\W\d_]{{2,}}\s+[^\W\d_]", re.I
)


def opens_byline(line: str) -> bool:
    """Whether ``line`` opens with a byline's word before a name ("By Jane Doe", "Von Anna Beispiel Foto: Max Muster")
    or gives a date before one ("Posted on Mar 17 by")."""
    if not BYLINE.match(line):
        return False
    phrase = _COLON_PHRASE.match(line)
    return phrase is None or reads_as_name(phrase["phrase"])


SPACED_CAPITALS = re.compile(r"(?:\b[A-Z]\s){2,}")  # "V OICE OF A MERICA": a letter-spaced masthead
BREADCRUMB = re.compile(r"\s(?:>>?|»|›|/|\\)\s|\s?(?:>>|»|›)\s?")  # "Home > News > World"
# «Vape Wave»: a quotation, not a breadcrumb; a list of quoted titles is a headline, not a list of tags.
GUILLEMET_QUOTE = re.compile(r"«[^«»]{1,80}»|‹[^‹›]{1,80}›")
LABELLED_LIST = re.compile(r"^[^\W\d_][\w ]{0,20}:\s*[^\s,]+(?:\s[^\s,]+){0,2}(?:,\s*[^\s,]+(?:\s[^\s,]+){0,2}){2,}$")  # "Topics: uber, libertarians, Sydney"
ARROWS = ("→", "←", "⟶", "⟵", "⇒", "⇐", "»»", "««")  # a link to the next or previous page
WORD = re.compile(r"\w+")

WIDGET_LINE_WORDS = 3
TITLE_WINDOW = 40  # blocks before the body searched for the headline (lines named chrome not counted)
TITLE_INSIDE_BODY = 3  # first blocks of the body searched for the headline too
TITLE_INSIDE_MAX_WORDS = 40  # words of lead-in allowed above a headline found inside the body
SHORT_LINE_DISTANCE = 0.25  # a line of at most WIDGET_LINE_WORDS words, in blocks of distance
TITLE_DISTANCE_COST = 0.3  # per block between a candidate headline and the body (lines named chrome not counted)
TITLE_BODY_WEIGHT = 4  # for a headline whose words all come back somewhere in the body
TITLE_LEAD_WEIGHT = 8  # for a headline whose words all come back in the lead
TITLE_REPEATS, TITLE_SIGNED = 3, 4  # for a headline the page repeats; one a byline or date line follows
TITLE_CRUMB = 12  # for a headline a breadcrumb trail ends on (the page's own name): outweighs a longer line's shape
# A line naming what the lead opens by defining ("Mozilla" over "Mozilla is a …") outranks every line that does not.
TITLE_SUBJECT = 1000
SIGNED_SKIP = 16  # most lines named chrome (share buttons) passed over between a headline and its byline
# The most these add (the crumb and subject cues are in a line's plain score already).
TITLE_SCORE_EVIDENCE = TITLE_REPEATS + TITLE_SIGNED + TITLE_LEAD_WEIGHT + TITLE_BODY_WEIGHT


def looks_like_title(block: str, words: int, reason: str | None) -> bool:
    if reason is not None or not 2 <= words <= 30 or "\n" in block:  # a listing is no headline
        return False
    if opens_byline(block) or date_line(block, publication=False) and not headline_with_a_date(block) or SPACED_CAPITALS.search(block + " "):
        return False
    if block.startswith(ARROWS) or block.endswith(ARROWS):
        return False  # "Next Work →", "← Older posts": a link to another page
    unquoted = GUILLEMET_QUOTE.sub("", block)
    if len(BREADCRUMB.findall(unquoted)) >= 2 or (unquoted == block and LABELLED_LIST.match(block)):
        return False
    letters = len(LETTER.findall(block))
    if letters < 0.6 * len(block.replace(" ", "")):
        return False
    return not block.rstrip().endswith((":", ",", ";"))


JOINER_MAX_LETTERS = 3  # "in", "of", "the": a word in lower case this short may join a name or a label ("Posted in News")


def headline_with_a_date(block: str) -> bool:
    """Whether a date line by its whole text (not by one field of a header line) is a headline that carries its
    date ("Morning briefing – 3 June 2023"): the line opens with two words or more of its own (not a date line's
    label, "Posted", "On"), written as a phrase is, most after the first in lower case and one of those no joiner:
    not a name, a site, a product or a section, whose words are capitalised ("Jane Doe", "Le Monde", "DATEV Anwalt
    classic"), nor a name with its role ("Jane Doe, senior reporter")."""
    words = words_beside_date(block)
    opening = WORD.search(block)
    if len(words) < 2 or opening is None or opening.group() != words[0] or ROLE.search(" ".join(words)):
        return False
    lower = [word for word in words[1:] if word[:1].islower()]
    return (2 * len(lower) > len(words) - 1 and any(len(word) > JOINER_MAX_LETTERS for word in lower)
            and bool(date_line(block, publication=False, fields=False)) and _date_set_off(block))


def _date_set_off(block: str) -> bool:
    """Whether a headline sets its date off by a dash, a comma, a colon or brackets and the words before the date are
    neither a label nor a phrase that dates the page ("This article was originally published on 3 June 2023",
    "Page last reviewed: 3 June 2023"): a line that tells the page's date is no headline, however it is worded."""
    dates = find_dates(block)
    return bool(dates and set_off_date(block)) and not dating_phrase(block[: dates[0].start])


def title_score(block: str, words: int, distance: int, repeats: bool, signed: bool, bylined: bool = False) -> float:
    """Higher for a more headline-like line; ``signed``: a byline or date line follows it closely;
    ``bylined``: the very next line is a byline ("By …", "Written by …")."""
    score = min(words, 10) - max(0, words - 16) - TITLE_DISTANCE_COST * distance
    if repeats:
        score += TITLE_REPEATS
    if signed:
        score += TITLE_SIGNED
    if is_sentence(block) and block.rstrip().endswith("."):
        score -= 6  # standfirsts and captions end with a full stop; headlines seldom do
    if words <= 3:
        score -= 3
        if all(word[:1].isupper() for word in block.split()) and not bylined:
            score -= 3  # a name ("Joseph Cox") or a section ("World News"); over a byline, a short headline
    if block[:1].islower():
        score -= 4
    return score


def find_title(blocks, reasons, words, first: int, last: int | None = None) -> int | None:
    """Index of the headline: before the body, or among its first blocks when a short
    lead-in (a tagline, a kicker) was taken for the start of the body."""
    last = first if last is None else last
    keys = list(map(normalise_line, blocks))
    counts = Counter(keys)
    positions: dict[str, list[int]] = {}  # where each line stands, for those printed more than once
    for k, key in enumerate(keys):
        if counts[key] > 1:
            positions.setdefault(key, []).append(k)
    best, best_index = None, None
    body_text: dict[int, str] = {}  # body text from each start, for the echo of a headline
    by_length = lengths = None
    inside = [i for i in range(first, min(first + TITLE_INSIDE_BODY, last)) if sum(words[first:i]) <= TITLE_INSIDE_MAX_WORDS]
    trails = breadcrumb_trails(blocks[:first], words)  # a trail is printed over the article
    lead_paragraph = next((blocks[j] for j in range(first, min(first + TITLE_INSIDE_BODY, last + 1)) if words[j] >= 25), "")
    # Nearest first, so that a good headline is met early and far lines that cannot beat it
    # are skipped before the costlier tests; ">=" keeps the farthest of equal scores, as before.
    # Items of a run of lines cut to one pattern (a form's options, a server's warnings) are passed over
    # as lines chrome rules name are: a long run of them does not push the headline out of reach.
    cut = _cut_to_one_pattern(keys)
    listed = [reasons[j] is not None or cut[j] for j in range(first)]
    window = window_before(listed, words, first)
    gaps, gap = {}, 0.0  # blocks of distance between each line of the window and the body
    for j in reversed(window):
        gaps[j] = gap
        gap += (SHORT_LINE_DISTANCE if words[j] <= WIDGET_LINE_WORDS else 1.0) if not listed[j] else 0.0
    for i in reversed([*window, *inside]):
        # A subject's name may recur on other pages of the corpus (pages about the same thing).
        subject = reasons[i] in (None, "line repeated across documents") and names_subject(blocks[i], lead_paragraph)
        if not (subject or looks_like_title(blocks[i], words[i], reasons[i])) or trails.is_section(crumb := trail_key(blocks[i])):
            continue  # not a headline's shape, or a section of the page's breadcrumb trail
        if not subject and i < first and listed[i] and reasons[i] is None:
            continue  # one of a run of lines cut to one pattern: a list of options or warnings, not a headline
        cues = TITLE_CRUMB * trails.names_page(crumb) + TITLE_SUBJECT * subject
        if i >= first and not signed_headline(blocks, words, i) and (
                is_prose(blocks[i], words[i], reasons[i]) or not is_prose(blocks[i + 1], words[i + 1], reasons[i + 1])):
            continue  # inside the body only a line that heads prose can be the headline
        bylined = i + 1 < len(blocks) and opens_byline(blocks[i + 1])
        # Lines a chrome rule named (share buttons, a player's controls) do not set a headline apart.
        # A run of one-to-three-word lines (a video player's controls) counts for little, as in body_span.
        distance = gaps[i] if i < first else i - first + 1
        plain = title_score(blocks[i], words[i], distance, False, False, bylined) + cues
        if best is not None and plain + TITLE_SCORE_EVIDENCE < best:
            continue  # even repeated, signed and echoed in the body it would not win
        body_start = max(first, i + 1)
        lead = " ".join(blocks[body_start : body_start + 3]).lower()  # a headline's words come back in the lead
        if body_start not in body_text:
            body_text[body_start] = " ".join(blocks[body_start : last + 1]).lower()
        if by_length is None:  # the lines above the body, shortest first: a headline is looked for in those a little longer
            by_length = sorted(set(keys[: first + 1]), key=len)
            lengths = [len(k) for k in by_length]
        candidates = by_length[bisect.bisect_left(lengths, len(keys[i])) : bisect.bisect_left(lengths, 2 * len(keys[i]) + 40)]
        # A copy counts only where it stands alone: a menu printed twice copies each item with its neighbours.
        copied = counts[keys[i]] > 1 and not _copied_with_neighbours(keys, i, positions)
        repeats = copied or any(keys[i] in other and other != keys[i] for other in candidates)
        # A byline or date line among the next few lines, or as the next line past a row of lines a
        # chrome rule named (share buttons).
        after_chrome = next((j for j in range(i + 1, min(i + 1 + SIGNED_SKIP, len(blocks))) if reasons[j] is None), None)
        signed = any(signs(blocks[j]) for j in range(i + 1, min(i + 5, len(blocks)))) or (
            after_chrome is not None and signs(blocks[after_chrome])
        ) or i + 1 == first and _dated_from_above(blocks, reasons, words, i)
        score = title_score(blocks[i], words[i], distance, repeats, signed, bylined) + cues
        score += TITLE_LEAD_WEIGHT * _overlap(blocks[i], lead)
        score += TITLE_BODY_WEIGHT * _overlap(blocks[i], body_text[body_start])
        if best is None or score >= best:
            best, best_index = score, i
    # A line the page prints once, under a byline: the line over the byline is the headline (a copy of the
    # headline printed under its byline again stays).
    if best_index is not None and best_index < first and counts[keys[best_index]] == 1 and (
            over := _headline_over_byline(blocks, reasons, words, best_index, first)) is not None:
        best_index = over
    if best_index is not None and best_index < first and (
            under := _headline_under_kicker(blocks, listed, words, best_index, first, last)) is not None:
        return under
    if best_index is not None and best_index < first and (
            above := _headline_over_standfirst(blocks, reasons, words, best_index, first, last)) is not None:
        return above  # the headline may be the text's first line (index 0)
    return best_index


BYLINE_REACH = 8  # most lines between a byline and a line under it that was taken for the headline
SIGNED_WITHIN = 4  # lines under a box's line that its date stands in ("Platform … / Publisher … / Release Date …")
BYLINE_NAME_END = re.compile(r"\s*(?:[,|@·•–—(]|\s(?:and|und|et|y|e|en)\s).*$")  # "Mara Lind, Staff Writer" -> "Mara Lind"


def _headline_over_byline(blocks, reasons, words, i: int, first: int) -> int | None:
    """The line right over a byline, when the chosen line stands under that byline and its date with no prose between:
    a byline and its date stand under their headline ("Headline / By Jane Doe / June 26, 2014 / Game Info / Platform
    PC, Mac / Release Date … / Body"), so a line under them that a date in a box of facts signs, or a standfirst
    (:data:`STANDFIRST_RATIO` times that line's words), is the box's or a subtitle's. Not where the chosen line has a
    byline under it or a date right under it, the byline stands right over it ("Section / By Jane Doe / Headline /
    Date"), names no one ("Por qué …", "Von der Leyen …" are kickers) or has a section's name over it (fewer than
    HEADLINE_MIN_WORDS words); nor a line of a headline's length signed by nothing (under a teaser's byline and date)."""
    below = [j for j in range(i + 1, first) if reasons[j] is None]
    if below and signs(blocks[below[0]]) or any(opens_byline(blocks[j]) for j in below):
        return None  # signed by its own byline or date
    dated = False  # a date line between the byline and the chosen line: the byline's own
    for b in range(i - 1, max(0, i - BYLINE_REACH) - 1, -1):
        if reasons[b] is not None:
            continue
        if is_prose(blocks[b], words[b], reasons[b]):
            return None
        if opens_byline(blocks[b]):
            h = b - 1
            headline = (dated and h >= 0 and reasons[h] is None and _byline_names(blocks[b]) and words[h] >= HEADLINE_MIN_WORDS
                        and looks_like_title(blocks[h], words[h], None) and not signs(blocks[h])
                        and (any(signs(blocks[j]) for j in below[:SIGNED_WITHIN]) or _headline_and_standfirst(words[h], words[i])))
            return h if headline else None
        dated = dated or signs(blocks[b])
    return None


def _byline_names(line: str) -> bool:
    """Whether a byline's words after its opening ("By", "Posted on … by") read as a name ("By Mara Lind, Staff
    Writer"), not as a kicker that opens with a byline's word ("Por qué …", "Von der Leyen in Brüssel")."""
    opening = BYLINE.match(line)
    return opening is not None and reads_as_name(BYLINE_NAME_END.sub("", line[opening.end():].strip()))


def _dated_from_above(blocks, reasons, words, i: int) -> bool:
    """Whether a date line stands right over line ``i`` and no headline over that date line: a page that prints its
    date above its headline, the body right under it ("Archive / 3 December 2020, 18:47 / Headline / Body"; the caller
    asks for the body). Under a teaser's headline the date line is the teaser's ("Teaser / 18 November 2020 /
    Headline"), and over a standfirst or a subtitle it is its headline's ("Headline / Name / Follow / Date / Subtitle
    / Kicker / Body")."""
    if i < 1 or reasons[i - 1] is not None or not date_line(blocks[i - 1], 8):
        return False
    return i < 2 or reasons[i - 2] is not None or not looks_like_title(blocks[i - 2], words[i - 2], reasons[i - 2])


KICKER_MAX_WORDS = 6  # "Emotional interview", "Rebuilding the harbour –": a story's label over its headline


def _headline_under_kicker(blocks, listed, words, i: int, first: int, last: int) -> int | None:
    """The headline under a kicker, when the chosen line stands right over that kicker: "Other wording of the
    headline / Kicker / Headline / Standfirst, byline". A kicker (a short label of the story, shorter than the
    lines round it, no byline, date or sentence) is printed right over its own headline, so a headline-shaped
    line over the kicker is another wording of the story (a title kept for search engines, a teaser's) and the
    line under it, headline-shaped and echoed in the body, is the article's headline. Unless the line over the
    kicker writes the kicker's words in: then it is the whole headline ("Name's dress – stolen" / "Name" /
    "Dress stolen"). ``listed``: lines passed over (named by a chrome rule, or one of a run cut to one pattern),
    which may stand between."""
    k = _next_unlisted(listed, i, first)
    h = _next_unlisted(listed, k, first) if k is not None else None
    if h is None or not words[k] <= KICKER_MAX_WORDS or words[k] >= min(words[i], words[h]):
        return None
    if set(WORD.findall(blocks[k].lower())) <= set(WORD.findall(blocks[i].lower())):
        return None
    if signs(blocks[k]) or blocks[k].rstrip(CLOSING + " ").endswith((".", "?", "!")) or _writer(blocks, k):
        return None
    if words[h] >= STANDFIRST_MIN_WORDS and _headline_and_standfirst(words[i], words[h]):
        return None  # a standfirst without its full stop, under the headline and a label or a writer's name
    if words[h] < HEADLINE_MIN_WORDS or not looks_like_title(blocks[h], words[h], None) or signs(blocks[h]):
        return None
    if _between_labels(blocks, listed, words, i, h, first):
        return None
    if is_sentence(blocks[h]) and blocks[h].rstrip().endswith("."):
        return None  # a standfirst or a caption, not a headline
    body = " ".join(blocks[first : last + 1]).lower()
    return h if _overlap(blocks[h], body) >= 0.5 else None


def _writer(blocks: list[str], k: int) -> bool:
    """Whether line ``k`` names a writer: a name with its role ("Mara Lind, Political Editor"), or a name that a
    byline on the page prints too ("Mara Lind" over "By Mara Lind"). Capitalised words alone are not enough: a
    label in title case ("Coastal Defences") or a German one ("Emotionales Interview") reads as a name too."""
    line = blocks[k].strip()
    return name_and_role(line) or (reads_as_name(line) and any(opens_byline(block) and line in block for block in blocks))


LIST_LABEL_MAX_WORDS = 2  # "Pros", "Cons", "Key points"


def _between_labels(blocks, listed, words, i: int, h: int, first: int) -> bool:
    """Whether the lines ``i`` to ``h`` are a list's items: a short label stands right over them and another right
    under them ("Pros / three lines / Cons / …": a review's verdict box), neither a byline nor a date line."""
    above = next((j for j in range(i - 1, -1, -1) if not listed[j]), None)
    below = _next_unlisted(listed, h, first)
    return all(j is not None and words[j] <= LIST_LABEL_MAX_WORDS and not signs(blocks[j]) for j in (above, below))


def _next_unlisted(listed, i: int, first: int) -> int | None:
    """The next line after ``i`` and before the body that is not passed over."""
    return next((j for j in range(i + 1, first) if not listed[j]), None)


def headline_as_printed(blocks: list[str], i: int, end: int | None = None) -> str:
    """The headline ``blocks[i]`` with the separators the page prints in another copy of it: a kicker and a
    headline set in two parts of one heading come out run together ("Flood inquiry Two resign – and questions
    remain"), while the page's other copy (a breadcrumb's last item, the top of a share box) keeps "Flood
    inquiry: Two resign – …". The copy stands above the body (``blocks[:end]``: not a reader's comment quoting
    it), has the same words in the same order and adds only separators between them (:func:`_adds_only_separators`;
    not around them: "@Name:" in a reply quotes a line)."""
    mine = blocks[i]
    key = WORD.findall(mine.lower())
    for j, block in enumerate(blocks[:end]):
        if (j != i and len(mine) < len(block) <= len(mine) + 2 * len(key) and block[:1] == mine[:1] and block[-1:] == mine[-1:]
                and WORD.findall(block.lower()) == key and _adds_only_separators(mine, block)):
            return block
    return mine


SEPARATORS = ":–—-|,"  # what sets a kicker off from its headline, or one part of a headline from the next


def _adds_only_separators(line: str, copy: str) -> bool:
    """Whether ``copy`` is ``line`` with separators put in between its words, each followed by a space ("inquiry: Two",
    "resign – and", '"Quote": Headline' for '"Quote"Headline'), and at least one of them: a copy that adds only
    spaces ("Fieberkontrollen : Wie", "E - Mail") or signs that change a word ("-5", "$5", a link's brackets, an
    invisible control character) is no copy."""
    k, added = 0, False
    for n, char in enumerate(copy):
        if k < len(line) and char == line[k]:
            k += 1
        elif char in SEPARATORS and copy[n + 1 : n + 2] == " " and (line[k : k + 1] == " " or not line[k - 1 : k].isalnum()):
            added = True
        elif char != " ":
            return False
    return k == len(line) and added


STANDFIRST_MIN_WORDS = 12  # a summary under the headline: a long line, no full stop
STANDFIRST_RATIO = 1.5  # at least this many times the headline's words
HEADLINE_MIN_WORDS = 4  # a kicker or a section ("Afghanistan", "World News") is shorter
STANDFIRST_SIGNS = 2  # a byline and a date line between a headline and its standfirst


def _headline_over_standfirst(blocks, reasons, words, i: int, first: int, last: int) -> int | None:
    """The line right over the chosen one, when the chosen one is a standfirst under its headline: the
    headline is a shorter line of a headline's shape right above it (nothing but lines chrome rules name
    between, and the byline or date line a headline carries under it: "Headline / 27 July 2005 / Standfirst")
    whose words come back in the body, and the chosen line is long (a summary of the article reads most like
    its lead, and so outscores the headline on the words they share) or a sub-headline (``_subheading``)."""
    j, signed = i - 1, 0
    while j >= 0 and (reasons[j] is not None or signed < STANDFIRST_SIGNS and signs(blocks[j])):
        signed += reasons[j] is None
        j -= 1
    if j < 0 or words[j] < HEADLINE_MIN_WORDS:
        return None
    standfirst = (words[i] >= STANDFIRST_MIN_WORDS and words[i] >= STANDFIRST_RATIO * words[j]
                  or _written_out(blocks[i], words[i], words[j]))
    if not standfirst and not _subheading(blocks, reasons, i, j, first):
        return None
    if not looks_like_title(blocks[j], words[j], reasons[j]) or is_sentence(blocks[j]) or signs(blocks[j]):
        return None
    body = " ".join(blocks[first : last + 1]).lower()
    return j if _overlap(blocks[j], body) >= 0.5 else None


def _written_out(block: str, words: int, headline_words: int) -> bool:
    """A shorter standfirst: a sentence with its full stop, longer than the headline-shaped line over it ("Three Ways to
    Be the Lighthouse / Good editors set the course, especially when the news is hard."); a headline seldom ends so."""
    return words > headline_words and is_sentence(block) and block.rstrip(CLOSING + " ").endswith(".")


def _subheading(blocks, reasons, i: int, j: int, first: int) -> bool:
    """Whether the chosen line ``i`` is a sub-headline: the line right under a headline-shaped line ``j``,
    with nothing between, and standing right over the body (nothing but lines chrome rules name or a byline
    or date line between): "Headline / Sub-headline / 26 December 2022 / Body". Being nearer the body and
    often longer, it outscores the headline over it."""
    if j != i - 1 or is_sentence(blocks[i]) or signs(blocks[i]):
        return False
    return all(reasons[k] is not None or signs(blocks[k]) for k in range(i + 1, first))


QUESTION_MAX_WORDS = 20  # "Why are Sudanese protesters back on the streets of Khartoum again?"
QUESTION_SIGNED_WITHIN = 4  # lines under it that a byline or date line stands in


def signed_headline(blocks: list[str], words: list[int], i: int) -> bool:
    """A headline that reads like a sentence (a question, a quotation, a line ending in a full stop), so
    that it reads as the body's first paragraph, but it is short and a byline or date line follows it
    within a few lines (after a standfirst), as it follows a headline and not a paragraph."""
    if words[i] > QUESTION_MAX_WORDS:
        return False
    asked, between = blocks[i].rstrip(CLOSING + " ").endswith("?"), 0
    for j in range(i + 1, min(i + 1 + QUESTION_SIGNED_WITHIN, len(blocks))):
        if signs(blocks[j]):
            return True
        between += words[j]
        if not asked and between > STATEMENT_STANDFIRST_MAX_WORDS:
            return False  # a statement over a paragraph of the body (a second article's dateline below): no headline
    return False


STATEMENT_STANDFIRST_MAX_WORDS = 2 * QUESTION_MAX_WORDS  # a standfirst between a statement and its byline is short


CLOSING = "\"'”’»)"


def window_before(passed: list, words: list[int], first: int) -> range:
    """The blocks before the body searched for its headline: TITLE_WINDOW of them, not counting
    lines passed over (``passed``: a chrome rule's reason, or True) and a one-to-three-word line as a
    quarter (a video player's settings menu can stand between headline and body)."""
    start, seen = first, 0.0
    while start > 0 and seen < TITLE_WINDOW:
        start -= 1
        if not passed[start]:
            seen += SHORT_LINE_DISTANCE if words[start] <= WIDGET_LINE_WORDS else 1.0
    return range(start, first)


@functools.lru_cache(maxsize=4096)
def signs(block: str) -> bool:
    """A byline or a date line: what follows a headline."""
    return bool(opens_byline(block) or date_line(block, 8))


SAME_OPENING_WORDS = 3  # lines next to each other that open with as many same words are one list's items
COPIES_IN_A_ROW = 3  # one line printed this many times in a row is a list's item (a repeated warning)
PATTERN_RUN_LINES = 3  # different lines in a row, one opening, that are a list whatever their lengths


def _cut_to_one_pattern(keys: list[str]) -> list[bool]:
    """For each line, whether it is one of a run of lines cut to one pattern: lines next to each other, each
    longer than their shared opening, that open with the same words but differ ("You are commenting using your
    Google account." over "… your Twitter account.", a server's warnings), or one line printed again and again
    in a row. Two copies of one line in a row are one line printed twice (a headline over its copy), and two
    different lines of one opening are a headline over the standfirst that opens with its words when the lower
    has STANDFIRST_RATIO times the upper's words ("Minister resigns as party leader" / "Minister resigns as party
    leader after dozens of colleagues quit, …"); three or more are a list. Linear: runs are measured once."""
    groups = []  # [first index, last index, words] of each run of one line printed again and again in a row
    for k, key in enumerate(keys):
        if groups and keys[groups[-1][0]] == key:
            groups[-1][1] = k
        else:
            groups.append([k, k, key.split()])
    cut = [False] * len(keys)

    def mark(run):
        for lo, hi, _ in run:
            cut[lo : hi + 1] = [True] * (hi - lo + 1)

    run: list = []  # consecutive groups of one opening
    for group in [*groups, None]:
        opening = group is not None and len(group[2]) > SAME_OPENING_WORDS and group[2][:SAME_OPENING_WORDS]
        if opening and group[1] - group[0] + 1 >= COPIES_IN_A_ROW:
            mark([group])
        if run and opening and opening == run[-1][2][:SAME_OPENING_WORDS]:
            run.append(group)
            continue
        if len(run) >= PATTERN_RUN_LINES or len(run) == 2 and not _headline_and_standfirst(*(len(g[2]) for g in run)):
            mark(run)
        run = [group] if opening else []
    return cut


def _headline_and_standfirst(upper_words: int, lower_words: int) -> bool:
    """Whether two lines of one opening differ in length as a headline over its standfirst do (not as a
    paragraph over its picture's caption: "Glass cloche terrariums are …" / "Glass cloche terrariums (…)")."""
    return lower_words >= STANDFIRST_RATIO * upper_words


def _copied_with_neighbours(keys: list[str], i: int, positions: dict[str, list[int]] | None = None) -> bool:
    """Whether another copy of line ``i`` stands next to a copy of a line next to ``i``: the line is an
    item of a list the page prints twice (a menu at the top and at the foot, a teaser box on both sides).
    ``positions``: where each line printed more than once stands (found here when not given)."""
    before = keys[i - 1] if i > 0 else None
    after = keys[i + 1] if i + 1 < len(keys) else None
    copies = positions[keys[i]] if positions is not None else [k for k, key in enumerate(keys) if key == keys[i]]
    for k in copies:
        if k != i and (
                (before is not None and k > 0 and keys[k - 1] == before) or (after is not None and k + 1 < len(keys) and keys[k + 1] == after)):
            return True
    return False


def _overlap(line: str, lead: str) -> float:
    """Share of the line's longer words that the lead paragraphs use too (half of it for a
    line of one such word: "Top post" recurring in "posted on …" says little)."""
    content = [w for w in WORD.findall(line.lower()) if len(w) >= 4]
    if not content:
        return 0.0
    return sum(w in lead for w in content) / len(content) * (0.5 if len(content) == 1 else 1.0)


def headline_copies(blocks: list[str], title_index: int | None) -> list[int]:
    """Other lines that print the headline word for word."""
    if title_index is None:
        return []
    key = normalise_line(blocks[title_index])
    return [i for i, block in enumerate(blocks) if i != title_index and len(block) == len(blocks[title_index]) and normalise_line(block) == key]
