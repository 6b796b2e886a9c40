"""An event named by what its articles' headlines share.

An event is a story told in a few days by several articles, and their headlines are written to name
it ("Russia Secretly Offered Afghan Militants Bounties …", "White House Dismisses Reports of Russian
Bounties"). The label rules read the event's units, and a long story's units often say most about one
aspect of it ("White House, briefing" for the bounties reports). Here a phrase that at least half of
the event's headlines write, and that the corpus's other headlines seldom write, leads the event's
label, when the label does not already say it. Where titles are absent or share nothing
distinctive, the label stays as it is.

A series' headline is no headline of the story: a daily live summary ("… what we know on day 107 of the
invasion") or a weekly round-up heads the articles of many days with one wording, and its paragraphs
join whichever event they tell. Headlines that one wording, numbers aside, heads on ``SERIES_DAYS`` days
or more, further apart than an event lasts (a story's rolling headlines stay within its days), are left
out of an event's headlines (:func:`series_articles`), so they neither dilute what the story's own
headlines share nor stand for the event.

A phrase is taken only as the event's own units write it (spelt as they write it most often): a
headline's wording may be a pun or a verb ("Speed Visas"), and what the units never say is no name
for them. It is no phrase that goes on in most of its uses (an adjective, "Russian" intelligence, or a
name's first word), nor, alone, a common word (a lone word must be written capitalised: a name, an
acronym) or the tail of a longer name ("House" of "White House"). A phrase made only of the topic
label's words says what the topic says and is passed over.
"""

from __future__ import annotations

import math
import re
from collections import Counter

import numpy as np
import pandas as pd

MIN_TITLES = 2  # headlines that must share a phrase
MIN_SHARE = 0.5  # of the event's headlines that write it
LIFT = 10  # times more often in the event's headlines than in the corpus's other headlines
MAX_WORDS = 4
SERIES_DAYS = 3  # days one headline wording (numbers aside) heads: two can be a story and its follow-up
# The least time a series' headlines must span (days, beyond it): a story's rolling headline runs for days of
# follow-ups, however short the corpus (a ten-day corpus's event window, a quarter of its span, is two and a half).
SERIES_SPAN_FLOOR_DAYS = 7.0
RULES_LABEL = "rules_label"  # the subtopic table's column of the labels before a phrase led them
UNNAMED = "(no clear name)"  # the end of a label no rule gave (topics.modeling.subtopics.unnamed_subtopic)
_TOKEN = re.compile(r"\w+(?:[’'.\-]\w+)*")
_WORD = re.compile(r"\w+")
# A headline's parts: a phrase never runs across punctuation that ends or separates a clause.
_TITLE_BREAK = re.compile(r"[,:;|?!\"“”‘()\[\]–—]|\s-\s|\.\s")


def title_phrases(title: str, stop_words: frozenset[str]) -> set[tuple[str, ...]]:
    """The word sequences (lower case, up to ``MAX_WORDS``) of ``title`` that neither start nor end on a
    stop word or a number, within one part of it."""
    found = set()
    for part in _TITLE_BREAK.split(title):
        words = [w.lower() for w in _TOKEN.findall(part)]
        for n in range(1, MAX_WORDS + 1):
            for i in range(len(words) - n + 1):
                first, last = words[i], words[i + n - 1]
                if first in stop_words or last in stop_words or first.isdigit() or last.isdigit():
                    continue
                found.add(tuple(words[i:i + n]))
    return found


def series_articles(articles, titles, dates=None) -> set[str]:
    """The articles (ids as str) whose headline is a series': its words, digits masked, head dated articles
    of at least ``SERIES_DAYS`` distinct days that lie further apart than an event lasts (the corpus's
    event window, :func:`topics.modeling.events.event_window_days`, and ``SERIES_SPAN_FLOOR_DAYS`` at least). A
    story's rolling headlines ("death toll rises to 5,000", "… to 12,000") or one wire headline reprinted stay
    within its event's days; a series recurs across the corpus's stories. ``articles``/``titles``/``dates`` are
    row-aligned (units). Without dates none: copies of one story share a headline too, on one day."""
    from topics.modeling.events import event_window_days
    from topics.modeling.timeline import parse_dates

    if dates is None:
        return set()
    # Each value read alone (mixed forms: "2022-06-03T10:00:00+00:00", "2022-06-04 09:00"); a month alone names no day.
    days = parse_dates(list(dates)).day_dates.to_numpy().astype("datetime64[D]")
    window = max(event_window_days(pd.Series(days)), SERIES_SPAN_FLOOR_DAYS)
    first: dict[str, tuple[str, np.datetime64]] = {}  # article -> (its headline's wording, its day)
    seen: set[str] = set()
    for i, (article, title) in enumerate(zip(articles, titles)):
        article = str(article)
        if article in seen:
            continue
        seen.add(article)
        if title is None or (not isinstance(title, str) and pd.isna(title)):
            continue
        wording = re.sub(r"\d+", "#", " ".join(str(title).lower().split()))
        if not np.isnat(days[i]):
            first[article] = (wording, days[i])
    days_of: dict[str, set] = {}
    for wording, day in first.values():
        days_of.setdefault(wording, set()).add(day)
    recurring = {wording for wording, found in days_of.items()
                 if len(found) >= SERIES_DAYS and (max(found) - min(found)) / np.timedelta64(1, "D") > window}
    return {article for article, (wording, _) in first.items() if wording in recurring}


def _pattern(words, before: bool = False) -> re.Pattern:
    body = r"\s+".join(re.escape(w) + (r"\.?" if "." in w else "") for w in words)
    lead = r"(?:(\S+)\s+)?" if before else ""
    return re.compile(lead + r"(?<!\w)(" + body + r")(?!\w)(?:[ \t]+([\w'’-]+))?", re.IGNORECASE)


def _written(texts: list[str], phrase: tuple[str, ...]) -> str | None:
    """How ``texts`` write ``phrase`` most often (the first of equals in text order), or None."""
    forms = Counter(" ".join(m.group(2).split()) for text in texts for m in _pattern(phrase, True).finditer(text))
    return forms.most_common(1)[0][0] if forms else None


def _goes_on(texts: list[str], written: str, stop_words: frozenset[str]) -> bool:
    """Whether most uses of ``written`` in ``texts`` go on with a word that is no stop word (it
    modifies a noun it leaves out) or follow a capitalised word that is none (it ends a longer name)."""
    uses = extended = 0
    for text in texts:
        for match in _pattern(written.split(), True).finditer(text):
            uses += 1
            before, after = match.group(1) or "", match.group(3) or ""
            extended += bool(after[:1].isalpha() and after.lower() not in stop_words) or _ends_a_name(before, stop_words)
    return extended * 2 > uses


def _ends_a_name(before: str, stop_words: frozenset[str]) -> bool:
    return before[:1].isupper() and before[-1:].isalpha() and before.lower() not in stop_words


def _name_tail(texts: list[str], word: str, stop_words: frozenset[str], known: dict | None = None) -> bool:
    """Whether the corpus writes ``word`` mostly right after a capitalised word ("White" House).
    ``known``: the answers found so far (word -> bool), read and completed: the corpus is read once per word."""
    if known is not None and word in known:
        return known[word]
    pattern = re.compile(r"(\S+)\s" + re.escape(word) + r"(?!\w)")
    uses = tails = 0
    for text in texts:
        if word not in text:  # most texts never write it: skip the pattern
            continue
        for match in pattern.finditer(text):
            uses += 1
            tails += _ends_a_name(match.group(1), stop_words)
    if known is not None:
        known[word] = tails * 2 > uses
    return tails * 2 > uses


def _content(label: str, stop_words: frozenset[str]) -> set[str]:
    return {w for w in _WORD.findall(str(label).lower()) if w not in stop_words}


def headline_phrase(event_rows: np.ndarray, texts: list[str], articles,
                    topic_label: str, stop_words: frozenset[str], corpus_phrases: dict,
                    all_counts: Counter | None = None, name_tails: dict | None = None) -> str | None:
    """The phrase the headlines of the articles holding ``event_rows`` share and the corpus's other
    headlines (``corpus_phrases``: article -> :func:`title_phrases`) seldom write, as the event's units
    write it; None where none does (see the module's text). ``all_counts`` (how many of
    ``corpus_phrases`` hold each phrase) and ``name_tails`` (:func:`_name_tail`'s answers) are shared
    by the events of one corpus: counted once, not once per event."""
    own = {str(articles[i]) for i in event_rows} & corpus_phrases.keys()
    if len(own) < MIN_TITLES:
        return None
    if all_counts is None:
        all_counts = phrase_counts(corpus_phrases)
    inside = Counter(p for a in sorted(own) for p in corpus_phrases[a])
    n_own, n_other = len(own), len(corpus_phrases) - len(own)
    unit_texts = [texts[i] for i in event_rows]
    topic_words = _content(topic_label, stop_words)
    found = []
    for phrase, k in inside.items():
        share, other = k / n_own, (all_counts[phrase] - k + 1) / (n_other + 1)
        if k < MIN_TITLES or share < MIN_SHARE or share < LIFT * other:
            continue
        if {w for word in phrase for w in _WORD.findall(word)} <= topic_words:
            continue
        written = _written(unit_texts, phrase)
        if written is None or _goes_on(unit_texts, written, stop_words):
            continue
        if len(phrase) == 1 and (not written[:1].isupper() or _name_tail(texts, written, stop_words, name_tails)):
            continue
        found.append((share * math.log(share / other), len(phrase), phrase, k, written))
    if not found:
        return None
    found.sort(key=lambda f: (-f[0], -f[1], f[2]))
    best = found[0]
    # A longer phrase holding the best one names more, where nearly as many headlines write it.
    for candidate in found:
        if len(candidate[2]) > len(best[2]) and " ".join(best[2]) in " ".join(candidate[2]) and candidate[3] * 5 >= best[3] * 4:
            best = candidate
    return best[4][0].upper() + best[4][1:]


def rules_labels(table: pd.DataFrame) -> list[str]:
    """Each row's label as the rules gave it, before a headline phrase led it (its label where not kept)."""
    if RULES_LABEL not in table:
        return table["label"].tolist()
    return [label if kept is None or pd.isna(kept) else kept for label, kept in zip(table["label"], table[RULES_LABEL])]


def phrase_counts(corpus_phrases: dict) -> Counter:
    """How many of the headlines (``corpus_phrases``: article -> :func:`title_phrases`) write each phrase."""
    return Counter(p for phrases in corpus_phrases.values() for p in phrases)


def name_events_by_headlines(table: pd.DataFrame, unit_topics, unit_subtopics, texts: list[str], titles,
                             articles, topic_labels: dict, dates=None) -> pd.DataFrame:
    """``table`` (subtopics, with ``is_event``) with each event's label led by its headlines' phrase
    (:func:`headline_phrase`) where the label does not already hold its words: "<phrase>, <the label's
    first part>". Unchanged without titles. The labels the rules gave are kept in ``RULES_LABEL`` (the
    label once more where no phrase leads it): labelling the table again starts from them, so an
    update that keeps the earlier labels names its events as a fresh fit of the same units would.
    ``dates``: the units' dates, to tell a series' headlines (:func:`series_articles`), which are left out."""
    from topics.text.bylines import is_headline
    from topics.text.wording import stop_words as corpus_stop_words

    if RULES_LABEL in table:  # labelled before (an update keeps its labels): lead what the rules said, not a phrase added then
        table = table.copy()
        table["label"] = rules_labels(table)
    if titles is None or "is_event" not in table or not table["is_event"].any():
        return table
    stop_words = corpus_stop_words()
    articles = np.asarray([str(a) for a in articles], dtype=object)
    series = series_articles(articles, titles, dates)
    corpus_phrases: dict[str, set] = {}
    for article, title in zip(articles, titles):
        if article not in corpus_phrases and article not in series and title is not None and not pd.isna(title) and is_headline(title):
            corpus_phrases[article] = title_phrases(" ".join(str(title).split()), stop_words)
    if not corpus_phrases:
        return table
    table = table.copy()
    table[RULES_LABEL] = table["label"]
    all_counts, name_tails = phrase_counts(corpus_phrases), {}
    unit_topics, unit_subtopics = np.asarray(unit_topics), np.asarray(unit_subtopics)
    for index in table.index[table["is_event"].to_numpy(bool)]:
        topic, sub, label = int(table.at[index, "topic_id"]), int(table.at[index, "subtopic"]), str(table.at[index, "label"])
        rows = np.flatnonzero((unit_topics == topic) & (unit_subtopics == sub))
        phrase = headline_phrase(rows, texts, articles, str(topic_labels.get(topic, "")), stop_words, corpus_phrases,
                                 all_counts, name_tails)
        if phrase and not _content(phrase, stop_words) & _content(label, stop_words):
            kept = "" if label.endswith(UNNAMED) else f", {label.split(', ')[0]}"
            table.at[index, "label"] = phrase + kept
    return table
