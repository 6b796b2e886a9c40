"""Boxes a page sets inside or after its article: a paywall's offer, an appeal to readers, a promotion.

A box is found by its place and shape first, its words second:

- **Subscription offer** (a paywall's box): from a line that asks the reader to subscribe or log in
  ("Subscribe to unlock this article", "Already a subscriber? Log in"), a run of short blocks (35 words
  at most) that mostly are no sentences (offers, prices, a list of what a subscription gives) and of
  which at least three, or all, speak of subscribing, access, trials or prices (``OFFER``). An article
  about prices is sentences, and its paragraphs do not stop short: it is never such a run.
- **Appeal to readers** (a support-us or membership appeal set after the article): the last paragraphs of
  the body, each speaking in the first person plural and holding two or more of the appeal's words
  (``APPEAL``: readers, support us, journalism, independent, contribute, open to all, …).
- **Entry note**: the last paragraph, when it tells when the entry was posted (a date with its year and a
  clock time, and "posted", "published", "filed under"): "This entry was posted on Saturday, August 14th,
  2010 at 6:12 pm and is filed under Tomatoes. You can follow any responses …" of a blog's theme.
- **Promotion box**: lines between two lines that chrome rules name ("Sign up to First Edition" …
  "Privacy Notice: …"), none of them a sentence and one of them a blurb of eight words or more ("Our
  morning email breaks down the key stories of the day"): the box's pitch.

The few words these rules and the chrome rules need in several languages are kept here, in one place:
``AD_MARKER`` (an advertisement's label standing alone: "Advertisement", "Anzeige", "Publicité"),
``RELATED_LABEL`` (a related link's label: "Read more:", "Lire aussi :", "Lesen Sie auch:", "Leia também:"),
``OFFER`` and ``APPEAL``: English, French, German, Spanish, Italian, Portuguese and Dutch.
"""

from __future__ import annotations

import re

from topics.ingest.lines import is_sentence, word_count

# An advertisement's label on a line of its own, perhaps with a short instruction ("Advertisement · Scroll to continue").
AD_MARKER = re.compile(
    r"^\W*(?:advertisement|advertising|anzeige|werbung|publicité|publicidad|publicidade|pubblicità|advertentie|reclame)"
    r"(?:\W+[\w']+){0,4}\W*$",
    re.IGNORECASE,
)
# A related link's label, then the linked headline: "Read more: …", "Lire aussi : …", "Lesen Sie auch: …".
RELATED_LABEL = re.compile(
    r"^\W*(?:read\s+(?:more|also|next)|also\s+read|more\s+on\s+this(?:\s+story)?|related"
    r"|(?:à\s+)?lire\s+(?:aussi|également|plus)|voir\s+aussi"
    r"|lesen\s+sie\s+(?:auch|mehr)|mehr\s+zum\s+thema|auch\s+interessant|siehe\s+auch"
    r"|lea\s+también|lee\s+también|leer\s+más|ver\s+también|te\s+puede\s+interesar"
    r"|leggi\s+anche|vedi\s+anche|leia\s+(?:também|mais)|veja\s+também|lees\s+(?:ook|meer)|zie\s+ook)"
    r"\s*[:：»›|–—-]\s*\S",
    re.IGNORECASE,
)
RELATED_MAX_WORDS = 25
# What a paywall's box speaks of: subscribing, logging in, access, trials, prices (stems at a word's start:
# "passing" holds no "assin").
OFFER = re.compile(
    r"\bsubscri|\bunlock|\baccess\b|\btrial\b|cancel\s+any\s*time|already\s+(?:a\s+|have\s+)|\blog\s*in\b|\bsign\s*in\b"
    r"|\bper\s+(?:month|week|year)|/\s*(?:month|mo|week|year)\b|[$£€]\s?\d|\d\s?(?:€|euros?\b)|\bplans?\b"
    r"|\babonn|\babo\b|\bsuscri|\bassin|\babbona|\binscrev|\banmelden|\bconnecter|iniciar\s+sesión|\baccedi",
    re.IGNORECASE,
)
# The opening line of such a box: a call to subscribe or to log in.
OFFER_OPENING = re.compile(
    r"\bsubscri|\bunlock|already\s+a\s+(?:subscriber|member)|free\s+trial|\babonn|\bsuscri|\bassin|\babbona", re.IGNORECASE
)
OFFER_MAX_WORDS = 35
OFFER_MIN_CUES = 3
# What an appeal to readers speaks of, and who speaks: "we" of the publication.
APPEAL = re.compile(
    r"\breaders?\b|\bsupport(?:ing)?\s+(?:us|our|the)\b|\bjournalism\b|\bindependen(?:t|ce)\b|\bcontribut|\bdonat"
    r"|\bfunded\s+by\b|\bopen\s+(?:for|to)\s+(?:all|everyone)|\bfree\s+for\s+(?:all|everyone)|\bpaywall|\bmembers?hip\b"
    r"|\blecteurs?\b|\bsoutenir\b|\bsoutien\b|\bjournalisme\b|\bleser(?:innen)?\b|\bunterstütz|\bjournalismus\b"
    r"|\blectores\b|\bapoy[ao]\b|\bperiodismo\b",
    re.IGNORECASE,
)
WE = re.compile(r"\b(?:we|our|us|nous|notre|nos|wir|unser\w*|nosotros|nuestr[oa]s?)\b", re.IGNORECASE)
APPEAL_MIN_CUES = 2
BLURB_MIN_WORDS = 8
PROMOTION_MAX_WORDS = 40
TRAILING_LINE_WORDS = 6
BOX_END_WORDS = 4
PROMOTION_MAX_LINES = 3
INNER_STOP = re.compile(r"[.!?]\s")  # a sentence ends inside: prose, not a pitch
# The chrome lines that open and close a promotion box: a call to sign up or subscribe, a notice under it.
BOX_EDGES = frozenset({"navigation or form text", "newsletter prompt", "share button", "advertisement marker"})


def own_box_line(block: str) -> str | None:
    """Why a line is chrome by its own words here: an advertisement's label or a related link."""
    if len(block) <= 60 and AD_MARKER.match(block):
        return "advertisement marker"
    if RELATED_LABEL.match(block) and word_count(block) <= RELATED_MAX_WORDS:
        return "related link"
    return None


def box_reasons(blocks: list[str], reasons: list[str | None]) -> list[str | None]:
    """``reasons`` with the blocks of the article's boxes named (the body's blocks, in order)."""
    reasons = list(reasons)
    _mark_offers(blocks, reasons)
    _mark_promotions(blocks, reasons)
    _mark_appeal(blocks, reasons)
    _mark_entry_note(blocks, reasons)
    return reasons


def _mark_offers(blocks: list[str], reasons: list[str | None]) -> None:
    i = 0
    while i < len(blocks):
        if not OFFER_OPENING.search(blocks[i]) or word_count(blocks[i]) > OFFER_MAX_WORDS:
            i += 1
            continue
        # The box runs on while its blocks are short and either speak of the offer or are no sentence: the
        # article's first sentence that says nothing of subscribing ends it ("The council voted on Tuesday …").
        end = i + 1
        while end < len(blocks) and word_count(blocks[end]) <= OFFER_MAX_WORDS and (
                OFFER.search(blocks[end]) or not is_sentence(blocks[end])):
            end += 1
        run = range(i, end)
        cues = sum(bool(OFFER.search(blocks[j])) for j in run)
        plain = sum(not is_sentence(blocks[j]) for j in run)
        if (cues >= OFFER_MIN_CUES or cues == len(run) >= 2) and 2 * plain >= len(run):
            for j in run:
                reasons[j] = reasons[j] or "subscription offer (a paywall's box)"
            i = end
        else:
            i += 1  # a run that is no box may still hold the start of one further down


def _unpunctuated(block: str) -> bool:
    """A line that ends on a word, with no stop, bracket or quote: a pitch or a label, not a sentence or a note."""
    return block[-1:].isalnum() and word_count(block) <= PROMOTION_MAX_WORDS and not INNER_STOP.search(block)


def _mark_promotions(blocks: list[str], reasons: list[str | None]) -> None:
    i = 0
    while i < len(blocks):
        if reasons[i] not in BOX_EDGES:
            i += 1
            continue
        end = i + 1
        while end < len(blocks) and end - i <= PROMOTION_MAX_LINES and reasons[end] is None and _unpunctuated(blocks[end]):
            end += 1
        inside = range(i + 1, end)
        if inside and end < len(blocks) and reasons[end] in BOX_EDGES and any(word_count(blocks[j]) >= BLURB_MIN_WORDS for j in inside):
            for j in inside:
                reasons[j] = "promotion box (between chrome lines)"
            after = end + 1  # the box's end for screen readers: "after newsletter promotion"
            if after < len(blocks) and reasons[after] is None and blocks[after][:1].islower() and not is_sentence(blocks[after]) \
                    and word_count(blocks[after]) <= BOX_END_WORDS:
                reasons[after] = "promotion box (between chrome lines)"
        i = end


def _mark_appeal(blocks: list[str], reasons: list[str | None]) -> None:
    """The last paragraphs, where each appeals to the readers."""
    kept = _last_paragraphs(blocks, reasons)
    appeal = []
    for j in reversed(kept):
        text = blocks[j]
        if not WE.search(text) or len({m.group(0).lower() for m in APPEAL.finditer(text)}) < APPEAL_MIN_CUES:
            break
        appeal.append(j)
    for j in appeal:
        reasons[j] = "appeal to readers (support, membership)"


# An entry's note on itself: when it was posted and where it is filed.
ENTRY_WORDS = re.compile(
    r"\b(?:posted|published|filed\s+under|publié|classé|veröffentlicht|publicado|pubblicato|gepubliceerd)\b", re.IGNORECASE
)
CLOCK = re.compile(r"\b\d{1,2}[:.h]\d{2}\s*(?:[ap]\.?m\.?|uhr)?|\b\d{1,2}\s*[ap]\.?m\.?", re.IGNORECASE)
ENTRY_NOTE_MAX_WORDS = 60


def _mark_entry_note(blocks: list[str], reasons: list[str | None]) -> None:
    from topics.ingest.pagedates import find_dates

    kept = _last_paragraphs(blocks, reasons)
    if len(kept) < 2:
        return
    last = blocks[kept[-1]]
    if word_count(last) <= ENTRY_NOTE_MAX_WORDS and ENTRY_WORDS.search(last) and CLOCK.search(last) and find_dates(last):
        reasons[kept[-1]] = "entry note (when it was posted, where it is filed)"


def _last_paragraphs(blocks: list[str], reasons: list[str | None]) -> list[int]:
    """The blocks no rule named, less the short lines after the last paragraph (a call to act, "Support us";
    a list of topics)."""
    kept = [j for j, reason in enumerate(reasons) if reason is None]
    while kept and not is_sentence(blocks[kept[-1]]) and word_count(blocks[kept[-1]]) <= TRAILING_LINE_WORDS:
        kept.pop()
    return kept
