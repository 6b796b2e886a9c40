"""Stories: the events that report one happening, told once in the list of what happened when.

A story reported at length (a few long articles on one day's news) can leave
several event subtopics, in one topic or in several: the articles' paragraphs
on the briefing, the denial and the intelligence behind one report part by
what they say, and each part is concentrated in the same days. Within one
topic such parts are joined into one subtopic (:mod:`topics.modeling.told_together`);
across topics they stay the story's aspects, and a list of events would say
the same thing several times. Two events are one story when their event dates
overlap (or lie less than a moment apart, :func:`moment_days`) and most of the units of each lie in articles that also hold units of
the other: the same articles told both. Articles are the evidence because
what the units say cannot tell an aspect of one story from the next story of
the same days (the provincial capitals falling and the crowds at Kabul's
airport a week later read alike).

Where the events share no articles (at article level each article sits in one subtopic; at paragraph
level a story told in different articles under several topics: a tsunami's aid, its relief concerts and
its insurers' losses), the evidence is the story's own word: of the words most articles of an event write,
the one that crowds most into its days in the corpus (a name, a place, "tsunami"), by the events' own
test. Two events of overlapping dates are one story when one's own word is written by most articles of
the other. Any word the two share would not do: a week that holds several stories crowds their common
words into its days as well ("court" in a doping case and an oil company's bankruptcy, "bn" in aid and
in a tax bill); each story's own word crowds in more. Linked events are joined (single linkage); the
list of what happened when gives each story's moments a row each (:func:`story_rows`), so that a chain
never moves an event to another event's date.
Owns the events table (``TopicModel.events()``).

Each event also names the articles that told it: how many, and the headline of the one that holds
most of its units. A label is a few words drawn from the units; the headline is what a person wrote
about the happening, and lets a reader tell what the event is where the label alone would not.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter

import numpy as np
import pandas as pd

from topics.modeling.event_titles import series_articles

MOST = 0.5  # more than this share of each event's units in articles shared with the other


def events_table(subtopics, topic_labels: dict[int, str], unit_topics, unit_articles, unit_titles=None,
                 unit_texts=None, unit_dates=None) -> pd.DataFrame:
    """The event subtopics of ``subtopics`` (:class:`topics.modeling.subtopics.Subtopics`) in date order
    (peak date, then size), with their topic's label, their story (:func:`event_stories`), the number of
    articles their units come from and the ``headline`` of the one holding most of them (the first of
    equals in corpus order; None without titles: ``unit_titles`` None or the article's empty); ``unit_texts`` and
    ``unit_dates``: the units' texts and day dates (:attr:`topics.modeling.timeline.UnitDates.day_dates`), for the joins by the story's own words (none without them)."""
    events = subtopics.table[subtopics.table["is_event"]].drop(columns=["named_size", "grown_from_burst"], errors="ignore")
    events.insert(1, "topic_label", events["topic_id"].map(topic_labels))
    events = events.sort_values(["peak_date", "size"], ascending=[True, False], kind="stable").reset_index(drop=True)
    gap = 0.0 if unit_dates is None else moment_days(unit_dates)
    links = None if unit_texts is None or unit_dates is None else word_links(
        events, unit_topics, subtopics.labels, unit_articles, unit_texts, unit_dates, gap)
    counts = _article_counts(events, unit_topics, subtopics.labels, unit_articles)
    events["story"] = event_stories(events, unit_topics, subtopics.labels, unit_articles, links, gap, counts)
    events["row"] = event_rows(events, unit_topics, subtopics.labels, unit_articles, counts)
    series = set() if unit_titles is None else series_articles(unit_articles, unit_titles, unit_dates)
    told = [_told_by(np.flatnonzero((np.asarray(unit_topics) == int(topic)) & (np.asarray(subtopics.labels) == int(sub))),
                     unit_articles, unit_titles, keywords, series)
            for topic, sub, keywords in zip(events["topic_id"], events["subtopic"], events.get("keywords", [()] * len(events)))]
    events["articles"] = pd.Series([n for n, _ in told], dtype=np.int64)
    events["headline"] = pd.Series([title for _, title in told], dtype=object)
    return events


def _told_by(rows: np.ndarray, unit_articles, unit_titles, keywords=(), series=frozenset()) -> tuple[int, str | None]:
    """How many articles ``rows`` (units) come from, and the headline of the one holding most of them
    whose title is one (a title field holding only the byline or a dateline is passed over). Of articles
    holding as many (every one, where an article is one paragraph), the headline that writes most of the
    event's ``keywords`` tells it; then the first in the corpus. A series' headline (``series``: article ids
    as str, :func:`topics.modeling.event_titles.series_articles`) names its slot, not the event: it tells
    the event only where no other article of it has a headline."""
    from topics.text.bylines import is_headline

    articles = np.asarray(unit_articles, dtype=object)[rows]
    if len(rows) == 0:
        return 0, None
    ids, first, counts = np.unique(articles.astype(str), return_index=True, return_counts=True)
    if unit_titles is None:
        return len(ids), None
    words = {w for keyword in (keywords if isinstance(keywords, (list, tuple, np.ndarray)) else ())
             for w in WORD.findall(str(keyword).lower())}
    titles = [unit_titles[int(rows[first[k]])] for k in range(len(ids))]
    titles = [str(t).strip() if t is not None and not pd.isna(t) and is_headline(t) else None for t in titles]
    said = [len(words & set(WORD.findall(t.lower()))) if t else 0 for t in titles]
    for k in sorted(range(len(ids)), key=lambda k: (ids[k] in series, -counts[k], -said[k], rows[first[k]])):
        if titles[k]:
            return len(ids), titles[k]
    return len(ids), None


def moment_days(unit_dates) -> float:
    """Days that part two events of one story at most: a short burst's span (a moment, a quarter of the
    event window). The rules that keep an event to its core days can cut a story of a few days in two
    (its first days' articles in one event, its last days' in another), which then share no day."""
    from topics.modeling.events import event_window_days
    from topics.modeling.subtopics import SHORT_BURST_SCALE

    return event_window_days(pd.Series(unit_dates).reset_index(drop=True)) * SHORT_BURST_SCALE


def close_pairs(events: pd.DataFrame, gap_days: float = 0.0) -> list[tuple[int, int]]:
    """Pairs of ``events`` rows (i < j) whose dates overlap or lie at most ``gap_days`` apart."""
    starts = pd.to_datetime(events["event_start"]).to_numpy()
    ends = pd.to_datetime(events["event_end"]).to_numpy()
    gap = np.timedelta64(int(np.floor(gap_days)), "D")
    return [(i, j) for i in range(len(events)) for j in range(i + 1, len(events))
            if starts[i] <= ends[j] + gap and starts[j] <= ends[i] + gap]


def event_stories(events: pd.DataFrame, unit_topics, unit_subtopics, unit_articles, links=None,
                  gap_days: float = 0.0, article_counts=None) -> np.ndarray:
    """A story number for each row of ``events`` (topic_id, subtopic, event_start, event_end), 1, 2, …
    in row order of each story's first event; ``unit_*``: every unit's topic, subtopic and article;
    ``links``: pairs of rows (i < j) told one story by other evidence (:func:`word_links`); ``gap_days``:
    how far apart the dates of two events of one story may lie (:func:`close_pairs`)."""
    n_events = len(events)
    if n_events == 0:
        return np.zeros(0, np.int64)
    if article_counts is None:
        article_counts = _article_counts(events, unit_topics, unit_subtopics, unit_articles)
    parent = list(range(n_events))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in close_pairs(events, gap_days):
        if (i, j) in (links or ()) or told_together(article_counts[i], article_counts[j]):
            parent[root(j)] = root(i)
    numbers: dict[int, int] = {}
    return np.array([numbers.setdefault(root(i), len(numbers) + 1) for i in range(n_events)], dtype=np.int64)


def event_rows(events: pd.DataFrame, unit_topics, unit_subtopics, unit_articles, article_counts=None) -> np.ndarray:
    """A row number for each row of ``events`` (topic_id, subtopic, size, peak_date, event_start,
    event_end) in the list of what happened when, 1, 2, … in order of each row's first event. The largest
    event not yet in a row leads one and takes the events the same articles told at its moment
    (:func:`one_moment`): each joins its lead, not a chain. Events joined by a word alone
    (:func:`word_links`) stay one story but get rows of their own: in a fortnight of coverage from one
    place its name crowds into every happening's days (Kabul's airport: the airlift, then the bombing)."""
    if article_counts is None:
        article_counts = _article_counts(events, unit_topics, unit_subtopics, unit_articles)
    records = events.to_dict(orient="records")
    # Only events peaking within a lead's dates can join it: read them off the events in order of peak.
    peaks = [str(record.get("peak_date") or "") for record in records]
    by_peak = sorted(range(len(records)), key=lambda i: peaks[i])
    sorted_peaks = [peaks[i] for i in by_peak]
    lead_of = [-1] * len(records)
    for lead in sorted(range(len(records)), key=lambda i: (-records[i]["size"], i)):
        if lead_of[lead] >= 0:
            continue
        lead_of[lead] = lead
        start = str(records[lead].get("event_start") or peaks[lead])
        end = str(records[lead].get("event_end") or peaks[lead])
        for i in sorted(by_peak[bisect_left(sorted_peaks, start): bisect_right(sorted_peaks, end)]):
            if lead_of[i] < 0 and one_moment(records[lead], records[i]) and told_together(article_counts[lead], article_counts[i]):
                lead_of[i] = lead
    numbers: dict[int, int] = {}
    return np.array([numbers.setdefault(lead, len(numbers) + 1) for lead in lead_of], dtype=np.int64)


def _article_counts(events: pd.DataFrame, unit_topics, unit_subtopics, unit_articles) -> list[Counter]:
    """Per event, its units' count in each article (one pass over the units)."""
    units = pd.DataFrame({"topic": np.asarray(unit_topics).astype(np.int64), "subtopic": np.asarray(unit_subtopics).astype(np.int64),
                          "article": np.asarray(unit_articles, dtype=object)})
    counted: dict[tuple[int, int], Counter] = {}
    for (topic, subtopic, article), n in units.groupby(["topic", "subtopic", "article"], sort=False).size().items():
        counted.setdefault((int(topic), int(subtopic)), Counter())[article] = int(n)
    return [counted.get((int(topic), int(subtopic)), Counter()) for topic, subtopic in zip(events["topic_id"], events["subtopic"])]


def told_together(counts: Counter, other: Counter) -> bool:
    """Whether most units of each of two events lie in articles that hold units of the other."""
    return min(_shared_share(counts, other), _shared_share(other, counts)) > MOST


def _shared_share(counts: Counter, other: Counter) -> float:
    """The share of one event's units that lie in articles holding units of the other."""
    total = sum(counts.values())
    return sum(n for article, n in counts.items() if article in other) / total if total else 0.0


WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W\d_]")


def word_links(events: pd.DataFrame, unit_topics, unit_subtopics, unit_articles, unit_texts, unit_dates,
               gap_days: float = 0.0) -> set[tuple[int, int]]:
    """Pairs of ``events`` rows (i < j) of close dates (:func:`close_pairs`) where one event's story word is a word most
    articles of the other write there. An event's story word is, of the words most of its articles write in
    its units, the one whose articles in the corpus crowd most into a window meeting its dates (the highest
    lift) among those that crowd in significantly by the events' own test (:func:`topics.modeling.events.
    time_concentration`, Holm's test over every word so tested; None where no word passes). ``unit_dates``:
    the units' dates where they name their day (:attr:`topics.modeling.timeline.UnitDates.day_dates`); ``gap_days``:
    as in :func:`event_stories` (for events whose dates do not meet, the word's window spans the days between)."""
    from topics.modeling.events import ALPHA, article_days, event_window_days, holm, time_concentration

    if len(events) < 2:
        return set()
    unit_topics, unit_subtopics = np.asarray(unit_topics), np.asarray(unit_subtopics)
    unit_articles = np.asarray([str(a) for a in unit_articles], dtype=object)
    unit_words = [frozenset(w.lower() for w in WORD.findall(str(text))) for text in unit_texts]
    members = [np.flatnonzero((unit_topics == int(t)) & (unit_subtopics == int(s)))
               for t, s in zip(events["topic_id"], events["subtopic"])]
    common = [_most_write(rows, unit_articles, unit_words) for rows in members]
    starts, ends = events["event_start"].astype(str).tolist(), events["event_end"].astype(str).tolist()
    pairs = close_pairs(events, gap_days)
    paired = sorted({i for pair in pairs for i in pair})
    asked = sorted(set().union(*(common[i] for i in paired))) if paired else []
    if not asked:
        return set()
    day_dates = pd.Series(unit_dates).reset_index(drop=True)
    window = event_window_days(day_dates)
    corpus_days = article_days(day_dates, unit_articles)
    rows_of: dict[str, list[int]] = {}
    for row, words in enumerate(unit_words):
        for word in words:
            rows_of.setdefault(word, []).append(row)
    found = {}
    for word in asked:
        rows = np.asarray(rows_of[word])
        found[word] = time_concentration(day_dates.iloc[rows], unit_articles[rows], corpus_days, window)
    concentrated = dict(zip(asked, holm([found[w]["p_value"] for w in asked], ALPHA)))

    def meets(word, i, j=None):  # the word's window meets the dates of event i (and j)
        first, last = (starts[i], ends[i]) if j is None else (max(starts[i], starts[j]), min(ends[i], ends[j]))
        return found[word]["window_start"] <= last and found[word]["window_end"] >= first

    # Each event's own word, not any word it shares: a busy week (several stories at once) crowds many
    # words into its days ("court", "bn"); the story's own word crowds in most (the highest lift, then
    # the strongest evidence), where a count-driven p-value would favour a common word ("political").
    story_word = {}
    for i in paired:
        tested = [w for w in common[i] if concentrated[w] and meets(w, i)]
        story_word[i] = min(tested, key=lambda w: (-found[w]["lift"], found[w]["p_value"], w)) if tested else None
    links = set()
    for i, j in pairs:
        words = {story_word[i], story_word[j]} & common[i] & common[j]
        if any(meets(w, i, j) for w in words):
            links.add((i, j))
    return links


def _most_write(rows, unit_articles, unit_words) -> frozenset:
    """The words that more than half of the articles of some units write in those units."""
    by_article: dict[str, set] = {}
    for row in rows:
        by_article.setdefault(unit_articles[row], set()).update(unit_words[row])
    counts = Counter(w for words in by_article.values() for w in words)
    return frozenset(w for w, n in counts.items() if n * 2 > len(by_article))


def story_rows(events: list[dict]) -> list[dict]:
    """The events (topics.json's, with ``row`` or ``story``) as rows of what happened when: each row's
    events are one story at one moment. Of each row's (or story's) events the largest not yet placed leads
    a row (the first of equals), with ``also``: its other events that peak at its moment (:func:`one_moment`),
    in their order. The row's date, label, size and figures are its lead's; ``also`` names the others with
    their sizes. Rows come in date order, so no event is listed at another one's date."""
    stories: dict = {}
    for event in events:  # by row (:func:`event_rows`) where the events have one (topics.json of earlier versions: by story)
        stories.setdefault(event.get("row", event.get("story", id(event))), []).append(event)
    rows = []
    for members in stories.values():
        while members:
            lead = max(members, key=lambda e: e["size"])  # max keeps the first of equals
            also = [e for e in members if e is not lead and one_moment(lead, e)]
            rows.append({**lead, "also": also})
            members = [e for e in members if e is not lead and not any(e is other for other in also)]
    return sorted(rows, key=lambda row: row.get("peak_date") or "")  # stable: equal dates keep their order


def one_moment(event: dict, other: dict) -> bool:
    """Whether two events peak at one moment: each one's peak day lies within the other's event dates
    (its peak day alone where it has none). Their dates may overlap and still part two happenings of one
    busy fortnight (the crowds at an airport, the bombing there a week later)."""
    def within(peak, window) -> bool:
        start, end = window.get("event_start") or window.get("peak_date"), window.get("event_end") or window.get("peak_date")
        return bool(peak and start and end) and str(start) <= str(peak) <= str(end)

    return within(other.get("peak_date"), event) and within(event.get("peak_date"), other)
