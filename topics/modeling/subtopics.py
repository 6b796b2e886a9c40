"""Subtopics: the stories and events inside each broad topic.

First the topic's part of every corpus-wide burst (:mod:`topics.modeling.bursts`:
units of several articles that say the same thing in the same few days) large
enough to stand alone, or a smaller share of a burst that is large enough as a
whole, becomes an event subtopic. The topic's other units are
clustered again on their own embeddings plus their date (Ward clustering, k
chosen by the silhouette), so a subtopic is found by what its units say and
when they were published, not only by cutting the topics' merge tree. A topic is split
only into parts of at least ``min_size`` units (the corpus-size rule of the
broad topics, applied to the topic's own size), and only when splitting
separates its units better than chance (silhouette above zero). Then a unit of
a non-event part published within an event's dates (the shortest stretch of
days holding most of its members, never wider than its first to last) moves to the event when it is closer to the event's centre
than to its own part's centre, so that a long-running part does not keep an
event's paragraphs that the burst test missed (the burst test judges a unit
among the whole corpus, where a busy month raises the bar). Last, the units of one short burst (the
burst test at a quarter of the event window: one moment, a capital falling) join the event part
holding most of them in the topic. An event most of whose members write one person's name then keeps only
its members of its core days: a burst found through a name (a president fleeing) also gathers that
person's other news of the days around it (a profile, a warlord he sidelined). Event parts of a topic that the same
articles told at one moment are then one part (:mod:`topics.modeling.told_together`). Each subtopic gets keywords (the words it writes more than its topic and the corpus:
:mod:`topics.modeling.background_words`) and a label against its siblings, representatives, a date span and, from
:mod:`topics.modeling.events`, whether it is an event (only a part grown from a burst may be). Bursts, events and their
dates read only the dates that name their day (a month or year alone, :attr:`topics.modeling.timeline.UnitDates.day_dates`,
would make a one-day event of a month's articles); the time coordinate of the Ward split reads every date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from topics.modeling.timeline import day_numbers  # noqa: F401 (other stages import it from here)

MAX_SUBTOPICS = 8  # per topic: more is a second broad level, not a list on a card
SILHOUETTE_SAMPLE = 1_000  # units the silhouette is measured on, for speed
TREE_UNITS = 3_000  # a larger topic's tree is built on a sample; the other units join the nearest part
MIN_SILHOUETTE = 0.0  # a split must separate its parts better than a random one
# Time as one more coordinate: units at the two ends of their topic's date span are this far apart
# (unit vectors of one topic are typically ~1 apart), so time is a second voice, not the first.
TIME_WEIGHT = 0.5
GROW_QUANTILE = 0.5  # an event takes in the topic's units as close to its centre as its lower quartile
# An event takes in units only within its core: the shortest stretch of days holding this share of
# its members. A burst's first and last days are where the stories before and after it lie (the
# talks that were to follow a signing, the airport crowds before a bombing).
CORE_SHARE = 0.8
MIN_EVENT_UNITS = 5  # the least part of a burst that becomes an event subtopic (also half the subtopic size rule)
# Short bursts (the burst test at this fraction of the event window) mark one moment of a busy fortnight:
# a capital falling, a president fleeing. When most of one lies in an event subtopic, its other units
# in the topic join that event.
SHORT_BURST_SCALE = 0.25

COLUMNS = [
    "topic_id", "subtopic", "label", "size", "named_size", "share_of_topic", "keywords", "representative_unit_ids",
    "first_date", "last_date", "median_date", "dated_units",
    "is_event", "peak_date", "event_start", "event_end", "event_share", "event_articles", "event_expected", "grown_from_burst",
]


@dataclass(frozen=True)
class Subtopics:
    """Row-aligned subtopic of every unit (-1 for outliers) and one table row per subtopic."""

    labels: np.ndarray  # subtopic number within the unit's topic
    table: pd.DataFrame  # COLUMNS
    notes: tuple[str, ...]  # what time views leave out (topics.modeling.timeline.UnitDates.notes)
    # Each unit's content neighbours as the burst search read them and their exact similarities (rows
    # of -1 and NaN where not known; None without dates): saved with the subtopics, an update reuses
    # them (topics.modeling.update_neighbours).
    neighbours: tuple[np.ndarray, np.ndarray] | None = None


def min_subtopic_size(topic_size: int) -> int:
    from topics.modeling.cluster import min_topic_size_for

    return max(3, min_topic_size_for(topic_size))


def split_topic(embeddings: np.ndarray, random_state: int | None, days: np.ndarray | None = None) -> np.ndarray:
    """Subtopic numbers 0..m-1 for one topic's units, largest first (all 0 when it does not split).

    Ward clustering on the unit vectors, one tree cut at every k; ``days`` (days
    since any origin, NaN when undated) adds time as one more coordinate, so
    that the same kind of story in two different months can part.
    """
    from scipy.cluster.hierarchy import fcluster, linkage
    from sklearn.metrics import silhouette_score
    from sklearn.metrics.pairwise import euclidean_distances

    from topics.modeling.cluster import renumber_by_size

    vectors = _with_time(np.asarray(embeddings, dtype=np.float64), days)
    n_units = len(vectors)
    min_size = min_subtopic_size(n_units)
    max_k = min(MAX_SUBTOPICS, n_units // min_size)
    if max_k < 2:
        return np.zeros(n_units, np.int64)
    rng = np.random.default_rng(random_state)
    fitted = np.sort(rng.choice(n_units, TREE_UNITS, replace=False)) if n_units > TREE_UNITS else np.arange(n_units)
    tree = linkage(vectors[fitted], method="ward")
    scored = np.sort(rng.choice(n_units, SILHOUETTE_SAMPLE, replace=False)) if n_units > SILHOUETTE_SAMPLE else np.arange(n_units)
    distances = euclidean_distances(vectors[scored])
    best, best_score = np.zeros(n_units, np.int64), MIN_SILHOUETTE
    for k in range(2, max_k + 1):
        labels = _assign_all(vectors, fitted, fcluster(tree, k, criterion="maxclust") - 1)
        labels = _absorb_small(vectors, labels, min_size)
        if len(np.unique(labels[scored])) < 2:
            continue
        score = silhouette_score(distances, labels[scored], metric="precomputed")
        if score > best_score:
            best, best_score = labels, score
    return renumber_by_size(best)


def _with_time(vectors: np.ndarray, days: np.ndarray | None) -> np.ndarray:
    """Unit vectors plus a time coordinate: the topic's date span scaled to ``TIME_WEIGHT`` (undated: the median)."""
    if days is None or TIME_WEIGHT == 0:
        return vectors
    days = np.asarray(days, dtype=np.float64)
    dated = ~np.isnan(days)
    if dated.sum() < 2 or np.ptp(days[dated]) == 0:
        return vectors
    position = np.where(dated, days, np.median(days[dated]))
    position = (position - days[dated].min()) / np.ptp(days[dated]) * TIME_WEIGHT
    return np.hstack([vectors, position[:, None]])


def _assign_all(vectors: np.ndarray, fitted: np.ndarray, fitted_labels: np.ndarray) -> np.ndarray:
    """Labels for every unit: the tree's for the units it was built on, the nearest part's centre for the rest."""
    if len(fitted) == len(vectors):
        return fitted_labels.astype(np.int64)
    parts = np.unique(fitted_labels)
    centres = np.stack([vectors[fitted][fitted_labels == j].mean(axis=0) for j in parts])
    labels = parts[euclidean_nearest(vectors, centres)]
    labels[fitted] = fitted_labels
    return labels.astype(np.int64)


def euclidean_nearest(vectors: np.ndarray, centres: np.ndarray) -> np.ndarray:
    squared = (vectors**2).sum(axis=1, keepdims=True) - 2 * vectors @ centres.T + (centres**2).sum(axis=1)
    return squared.argmin(axis=1)


def _absorb_small(vectors, labels, min_size) -> np.ndarray:
    """Units of parts smaller than ``min_size`` join the nearest part that is large enough."""
    ids, sizes = np.unique(labels, return_counts=True)
    large = ids[sizes >= min_size]
    if len(large) == 0 or len(large) == len(ids):
        return labels
    centres = np.stack([vectors[labels == j].mean(axis=0) for j in large])
    small = ~np.isin(labels, large)
    labels = labels.copy()
    labels[small] = large[euclidean_nearest(vectors[small], centres)]
    return labels


def event_parts(bursts: np.ndarray, articles: np.ndarray, min_size: int, burst_sizes: np.ndarray | None = None) -> np.ndarray:
    """One topic's units: their burst's part number 0..b-1 (largest first) where that part of the burst
    holds units from ``MIN_ARTICLES`` articles, and either ``min_size`` of them or, when the whole burst
    (``burst_sizes[b]``, over all topics) holds ``min_size``, at least ``MIN_EVENT_UNITS``; else -1
    (at most ``MAX_SUBTOPICS`` parts). The second case is a story the broad topics split between
    them (a bombing's paragraphs in "attacks", "evacuation" and "troops"): each topic keeps its share
    of it as an event instead of losing it to a long-running part."""
    from topics.modeling.cluster import renumber_by_size
    from topics.modeling.events import MIN_ARTICLES

    parts = np.full(len(bursts), -1, np.int64)
    ids, sizes = np.unique(bursts[bursts >= 0], return_counts=True)
    whole = sizes if burst_sizes is None else np.asarray(burst_sizes)[ids]

    def large_enough(size, whole_size) -> bool:
        return size >= min_size or (size >= MIN_EVENT_UNITS and whole_size >= min_size)

    kept = [b for b, size, whole_size in sorted(zip(ids, sizes, whole), key=lambda row: -row[1])
            if large_enough(size, whole_size) and len(set(articles[bursts == b])) >= MIN_ARTICLES][:MAX_SUBTOPICS]
    for number, burst in enumerate(kept):
        parts[bursts == burst] = number
    return renumber_by_size(parts)


def grow_events(embeddings: np.ndarray, days: np.ndarray, events: np.ndarray) -> np.ndarray:
    """A unit of the topic outside any event joins the event most like it when it was published within
    the event's core dates (:func:`event_days`) and is as close to the
    event's centre as the event's own typical member (its ``GROW_QUANTILE`` of member similarities):
    the paragraphs of the same story that were not bursty enough on their own."""
    from topics.modeling.cluster import normalise_rows, topic_centroids

    ids = np.unique(events[events >= 0])
    outside = np.flatnonzero((events < 0) & ~np.isnan(days))
    if len(ids) == 0 or len(outside) == 0:
        return events
    vectors = normalise_rows(embeddings)
    centres = topic_centroids(vectors, events, ids)
    similarity = vectors[outside] @ centres.T
    grown = events.copy()
    for column, event in enumerate(ids):
        members = events == event
        floor = np.quantile(vectors[members] @ centres[column], GROW_QUANTILE)
        first, last = event_days(days, members)
        joins = (similarity.argmax(axis=1) == column) & (similarity[:, column] >= floor)
        joins &= (days[outside] >= first) & (days[outside] <= last)
        grown[outside[joins]] = event
    return grown


def event_days(days: np.ndarray, members: np.ndarray) -> tuple[float, float]:
    """The dates an event takes units from: the shortest stretch of days holding ``CORE_SHARE`` of its
    dated members, never wider than its first member's day to its last. A burst already spans the
    days its story was reported; days around it are other stories (in a busy month a week's margin
    took in the previous week's news and the next week's), and so are its own thin first and last days."""
    ordered = np.sort(days[members & ~np.isnan(days)])
    keep = int(np.ceil(CORE_SHARE * len(ordered)))
    if len(ordered) == 0:
        return float("nan"), float("nan")
    if keep >= len(ordered):
        return float(ordered[0]), float(ordered[-1])
    widths = ordered[keep - 1:] - ordered[: len(ordered) - keep + 1]
    start = int(np.argmin(widths))
    return float(ordered[start]), float(ordered[start + keep - 1])


def split_with_events(embeddings, days, bursts, articles, random_state, burst_sizes=None, short_bursts=None, split_days=None,
                      texts=None, people: frozenset[str] | BurstPeople = frozenset(), grown: list | None = None) -> np.ndarray:
    """Subtopic numbers for one topic's units: its event parts first, then Ward parts of the rest.
    ``days``: the units' days where their date names its day (NaN elsewhere);
    ``burst_sizes``: units of each burst over the whole corpus (:func:`event_parts`);
    ``short_bursts``: the units' short-burst numbers (:func:`join_short_bursts`);
    ``split_days``: the time coordinate of the Ward split, where a month's date places a unit
    too (default ``days``); ``texts`` and ``people`` (lower-case words that name people):
    :func:`trim_name_led_events` (not run without them); ``grown``: gets a mask of the units in parts grown from a burst."""
    from topics.modeling.cluster import renumber_by_size

    _, events, labels, event_ids = first_parts(embeddings, days, bursts, articles, random_state, burst_sizes, split_days)
    if (events < 0).any():
        labels = _join_nearer_events(embeddings, days, labels, event_ids)
    if short_bursts is not None:
        labels = join_short_bursts(labels, short_bursts, articles, event_ids)
    if texts is not None and may_name(people):
        labels = trim_name_led_events(embeddings, days, labels, event_ids, texts, people, articles)
    from topics.modeling.told_together import join_told_together  # one story's event parts, one subtopic
    joined = join_told_together(labels, event_ids, days, articles)
    if grown is not None:  # renumbering keeps each part whole, so the mask holds for the final parts
        grown.append(np.isin(joined, event_ids))
    return renumber_by_size(joined)


def first_parts(embeddings, days, bursts, articles, random_state, burst_sizes=None, split_days=None):
    """The parts of one topic before any join: (burst parts, the events grown from them, every unit's part
    — the events', then Ward parts of the rest numbered after them —, the event parts' numbers)."""
    min_size = max(MIN_EVENT_UNITS, min_subtopic_size(len(bursts)) // 2)
    parts = event_parts(bursts, articles, min_size, burst_sizes)
    events = grow_events(embeddings, days, parts)
    labels = events.copy()
    rest = np.flatnonzero(events < 0)
    if len(rest):
        split_days = days if split_days is None else split_days
        labels[rest] = split_topic(embeddings[rest], random_state, split_days[rest]) + (events.max() + 1)
    return parts, events, labels, np.unique(events[events >= 0])


CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][\w-]+")


def leading_name(texts, people) -> str:
    """The one of ``people`` (lower case; a frozenset or :class:`BurstPeople`) that more than half of
    ``texts`` write, "" when none. Who is a person is asked only when some capitalised word is written
    in more than half of the texts: otherwise no name heads them."""
    from collections import Counter

    written = [{w.lower() for w in CAPITALISED.findall(text)} for text in texts]
    common = {w for w, n in Counter(w for found in written for w in found).items() if n * 2 > len(texts)}
    if not common:
        return ""
    people = people.among(common) if isinstance(people, BurstPeople) else people
    counts = Counter(name for found in written for name in found & people)
    name, count = counts.most_common(1)[0] if counts else ("", 0)
    return name if count * 2 > len(texts) else ""


class BurstPeople:
    """:func:`burst_people` of ``texts`` and ``bursts``, each word decided when :func:`leading_name` first
    asks about it (:meth:`among`). Reading the corpus for people's names is the costliest step of a burst
    search's naming rules: only an event whose members mostly write one capitalised word asks, and only
    about the words they mostly write (whether a word names a person does not depend on the other words
    asked: :func:`topics.modeling.people.person_names`), so an update whose new events write none skips it."""

    def __init__(self, texts: list[str], bursts: np.ndarray):
        self._texts, self._bursts = texts, bursts
        self._words: set[str] | None = None  # the words that may name someone (burst_words)
        self._tokenised = None  # the corpus split into tokens as the questions need (people.Tokenised)
        self._decided: dict[str, bool] = {}

    def among(self, words) -> frozenset[str]:
        """Those of ``words`` (lower case) that :func:`burst_people` takes for people's names."""
        from topics.modeling.people import Tokenised, may_be_a_name, names_in

        if self._words is None:
            self._words = burst_words(self._texts, self._bursts)
            self._tokenised = Tokenised([str(text) for text in self._texts])
        asked = {w for w in words if w in self._words and w not in self._decided}
        self._decided.update((w, False) for w in asked if not may_be_a_name(w))  # a title or stop word: no need to read
        asked = {w for w in asked if w not in self._decided}
        if asked:
            found = names_in(self._tokenised, asked)
            self._decided.update((w, w in found) for w in asked)
        return frozenset(w for w in words if self._decided.get(w))


def may_name(people) -> bool:
    """Whether ``people`` (a frozenset or :class:`BurstPeople`) may hold a name, without finding them."""
    return isinstance(people, BurstPeople) or bool(people)


def trim_name_led_events(embeddings, days, labels, event_ids, texts, people: frozenset[str] | BurstPeople, articles=None,
                         trimmed_ids=None) -> np.ndarray:
    """An event part most of whose members write one person's name (:func:`leading_name`) keeps only its
    members within its core days (:func:`event_days`); the others join the nearest part that is no event
    (by cosine to its centre; they stay where there is none). A burst found through a name, not through
    what happened, also gathers that person's other news of the days before and after the moment: the
    warlords he sidelined, a profile, a player's death abroad. An event's own follow-ups write its
    subject (a strike, a deal), not one name in most of its members, and keep their days. An event is
    trimmed only where its core days still hold what an event needs (``MIN_EVENT_UNITS`` units from
    ``MIN_ARTICLES`` articles; ``articles``: each unit's, None = every unit its own). ``trimmed_ids``:
    the events that may be trimmed (default all of ``event_ids``; an update trims only its new events,
    its seen units keep their subtopics)."""
    from topics.modeling.cluster import normalise_rows, topic_centroids
    from topics.modeling.events import MIN_ARTICLES

    others = np.setdiff1d(np.unique(labels), event_ids)
    if len(others) == 0 or len(event_ids) == 0:
        return labels
    vectors = normalise_rows(embeddings)
    centres = topic_centroids(vectors, labels, others)
    trimmed = labels.copy()
    for event in event_ids if trimmed_ids is None else np.intersect1d(event_ids, trimmed_ids):
        members = labels == event
        first, last = event_days(days, members)
        with np.errstate(invalid="ignore"):
            outside = members & ((days < first) | (days > last))
        inside = members & ~outside
        kept_articles = int(inside.sum()) if articles is None else len(set(articles[inside]))
        if not outside.any() or inside.sum() < MIN_EVENT_UNITS or kept_articles < MIN_ARTICLES \
                or not leading_name([texts[i] for i in np.flatnonzero(members)], people):
            continue
        rows = np.flatnonzero(outside)
        trimmed[rows] = others[np.argmax(vectors[rows] @ centres.T, axis=1)]
    return trimmed


def join_short_bursts(labels: np.ndarray, short_bursts: np.ndarray, articles: np.ndarray, event_ids) -> np.ndarray:
    """The units of one short burst (a moment of a few days, from ``MIN_ARTICLES`` articles) belong
    together: when more than half of its units in this topic lie in one event part, its other units
    in the topic join that part. The longer bursts of a busy fortnight cut a moment's reports
    between the stories of the days around it (a capital's fall between a president's flight and
    the airport's crowds)."""
    from topics.modeling.events import MIN_ARTICLES

    joined = labels.copy()
    for burst in np.unique(short_bursts[short_bursts >= 0]):
        members = short_bursts == burst
        if members.sum() < MIN_EVENT_UNITS or len(set(articles[members])) < MIN_ARTICLES:
            continue
        parts, counts = np.unique(labels[members], return_counts=True)
        main = parts[np.argmax(counts)]
        if counts.max() * 2 > members.sum() and main in event_ids:
            joined[members] = main
    return joined


def _join_nearer_events(embeddings, days, labels, event_ids) -> np.ndarray:
    """A unit of a non-event part, published within an event's dates (:func:`event_days`), moves to
    the event when it is closer to the event's centre than to its own part's centre."""
    from topics.modeling.cluster import normalise_rows, topic_centroids

    if len(event_ids) == 0:
        return labels
    vectors = normalise_rows(embeddings)
    parts = np.unique(labels)
    centres = topic_centroids(vectors, labels, parts)
    similarity = vectors @ centres.T
    own = similarity[np.arange(len(labels)), np.searchsorted(parts, labels)]
    moved = labels.copy()
    candidates = ~np.isin(labels, event_ids) & ~np.isnan(days)
    best_gain = np.zeros(len(labels))
    for event in event_ids:
        members = labels == event
        first, last = event_days(days, members)
        gain = similarity[:, np.searchsorted(parts, event)] - own
        joins = candidates & (days >= first) & (days <= last) & (gain > best_gain)
        moved[joins], best_gain[joins] = event, gain[joins]
    return moved


def find_subtopics(
    texts: list[str],
    embeddings: np.ndarray,
    labels: np.ndarray,
    topic_ids,
    dates,
    unit_ids,
    article_ids,
    *,
    n_keywords: int = 10,
    n_representatives: int = 3,
    aliases=None,
    random_state: int | None = 42,
    material=None,
    date_precision=None,
    parent_labels: dict | None = None,
) -> Subtopics:
    """Subtopics of every topic, with descriptions, date spans and event flags (``material``: see
    :func:`topics.modeling.describe.describe_topics`; ``date_precision``: each date's, as
    :func:`topics.modeling.timeline.parse_dates` takes it; ``parent_labels``: topic id -> label, which no subtopic repeats)."""
    from topics.modeling.bursts import content_neighbours, find_bursts
    from topics.modeling.cluster import CONTENT_ORDER, text_keys, topic_centroids
    from topics.modeling.describe import describe_topics
    from topics.modeling.headlines import usage_sample
    from topics.modeling.lead_share import given_leads
    from topics.modeling.events import event_window_days, flag_events
    from topics.modeling.sibling_labels import distinct_labels
    from topics.modeling.timeline import date_span, parse_dates

    labels = np.asarray(labels)
    unit_dates = parse_dates(dates, precision=date_precision)
    embeddings = np.asarray(embeddings, dtype=np.float32)
    unit_ids = [str(u) for u in unit_ids]
    sub_labels = np.full(len(labels), -1, dtype=np.int64)
    split_days = day_numbers(unit_dates.dates)
    days = day_numbers(unit_dates.day_dates)  # bursts and events: dates that name their day
    article_ids = np.asarray([str(a) for a in article_ids], dtype=object)
    rows, row_dates, row_articles, row_grown = [], [], [], []
    date_values = unit_dates.dates.to_numpy()  # date_span reads values
    bursts = np.full(len(labels), -1, np.int64)
    short_bursts = neighbours = None
    if unit_dates.has_day_timeline:
        window = event_window_days(unit_dates.day_dates)
        neighbours = content_neighbours(embeddings, similarities=True)  # one search for both burst scales
        keys = text_keys(texts) if CONTENT_ORDER else None  # each unit's place in the burst search's order
        bursts = find_bursts(embeddings, days, article_ids, window, random_state, neighbours=neighbours[0], keys=keys)
        short_bursts = find_bursts(
            embeddings, days, article_ids, window * SHORT_BURST_SCALE, random_state, neighbours=neighbours[0], keys=keys,
        )
    burst_sizes = np.bincount(bursts[bursts >= 0], minlength=1)
    people = BurstPeople(texts, bursts)  # found when an event asks (leading_name)
    usage = usage_sample(texts, aliases, material)  # how the corpus, not one topic, uses a word (headline_labels)
    given = {int(t): [str(label)] for t, label in (parent_labels or {}).items()}  # labels so far, by topic: no lead twice
    for topic in topic_ids:
        members = np.flatnonzero(labels == topic)
        if len(members) == 0:
            continue
        local = split_with_events(
            embeddings[members], days[members], bursts[members], article_ids[members], random_state, burst_sizes,
            None if short_bursts is None else short_bursts[members], split_days[members],
            [texts[i] for i in members], people, grown=(grown := []),
        )
        sub_labels[members] = local
        parts = np.unique(local)
        centroids = topic_centroids(embeddings[members], local, parts)
        described = describe_topics(
            [texts[i] for i in members], local, parts, embeddings[members], centroids,
            n_keywords=n_keywords, n_representatives=n_representatives, aliases=aliases, material=material, usage_texts=usage,
            unnamed=[unnamed_subtopic(topic, part) for part in parts], writers=article_ids[members].tolist(),
            avoid=given_leads(given, topic),
        )
        # Siblings the headline rules gave one label are told apart by their keywords.
        names = distinct_labels(
            described.labels, described.keywords, lambda row: [texts[i] for i in members[local == parts[row]]],
            above=(parent_labels or {}).get(int(topic)),
        )
        given.setdefault(int(topic), []).extend(names)
        for row, part in enumerate(parts):
            part_units = members[local == part]
            part_dates = date_values[part_units]
            rows.append(
                {
                    "topic_id": int(topic),
                    "subtopic": int(part),
                    "label": names[row],
                    "size": int(len(part_units)),
                    "named_size": int(len(part_units)),  # the size it was named at (an update keeps the name until it grows)
                    "share_of_topic": len(part_units) / len(members),
                    "keywords": list(described.keywords[row]),
                    "representative_unit_ids": [unit_ids[members[i]] for i in described.representatives[row]],
                    **date_span(part_dates),
                }
            )
            row_dates.append(unit_dates.day_dates.iloc[part_units])
            row_articles.append(article_ids[part_units])
            row_grown.append(bool(grown[0][local == part].any()))
    table = pd.DataFrame(rows, columns=COLUMNS[: COLUMNS.index("dated_units") + 1])
    table = flag_events(table, row_dates, row_articles, unit_dates.day_dates, article_ids, unit_dates.has_day_timeline,
                        grown=row_grown)
    return Subtopics(labels=sub_labels, table=table[COLUMNS], notes=tuple(unit_dates.notes()), neighbours=neighbours)


def burst_people(texts: list[str], bursts: np.ndarray) -> frozenset[str]:
    """The capitalised words of the bursts' units that name people in the corpus
    (:func:`topics.modeling.people.person_names`, asked only about these words), of those written in
    more than half of ``MIN_EVENT_UNITS`` burst units (:func:`burst_words`): fewer cannot lead an event."""
    from topics.modeling.people import person_names

    words = burst_words(texts, bursts)
    return person_names(texts, words=words) if words else frozenset()


def burst_words(texts: list[str], bursts: np.ndarray) -> set[str]:
    """The capitalised words (lower case) written in more than half of ``MIN_EVENT_UNITS`` burst units."""
    from collections import Counter

    written = Counter(w for i in np.flatnonzero(bursts >= 0) for w in {w.lower() for w in CAPITALISED.findall(texts[i])})
    return {w for w, n in written.items() if n * 2 > MIN_EVENT_UNITS}


def unnamed_subtopic(topic, subtopic) -> str:
    """The label of a subtopic no rule names: its place, said to be no name ("11.5 (no clear name)")."""
    return f"{int(topic)}.{int(subtopic)} (no clear name)"
