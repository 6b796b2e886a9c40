"""An update's subtopics, with work in proportion to what changed.

A fresh fit finds subtopics over the whole corpus (:func:`topics.modeling.subtopics.find_subtopics`:
bursts are corpus-wide), so finding them again after an update costs about as much as after a
full fit. An update (:func:`topics.modeling.update.update_model`) starts instead from the
earlier run's subtopics:

* a unit the earlier run saw keeps its subtopic number;
* bursts are found again over the whole corpus, as a fresh fit finds them: a saved model's content
  neighbour lists are completed with the new units rather than searched again
  (:mod:`topics.modeling.update_neighbours`), and every unit is tested and calibrated on (the
  shuffled-date thresholds are read over all units like each one, so testing only the units near
  the new dates set other bars). A topic's
  part of a burst made mostly of new units becomes a new event subtopic by a fresh fit's rules
  (:func:`~topics.modeling.subtopics.event_parts`, :func:`~topics.modeling.subtopics.grow_events`,
  :func:`~topics.modeling.subtopics.join_short_bursts`; one led by a person's name keeps its core days,
  :func:`~topics.modeling.subtopics.trim_name_led_events`; new events told in the same articles at one moment
  are one, :mod:`topics.modeling.told_together`), numbered after the topic's earlier subtopics;
* every other new unit joins its topic's nearest subtopic (the centre of its members): an
  event only when the unit was published within the event's core dates and is as close as the
  event's typical member (the rule a fresh fit grows events by), otherwise the nearest part that
  is not an event;
* a topic is split afresh (:func:`~topics.modeling.subtopics.split_with_events`, on the
  corpus's bursts) when the update changed it materially: the earlier run has no subtopics for it,
  its new units reach ``REFIND_SHARE`` of its seen units, or a subtopic's worth of them more than
  chance puts there lie below the member floor of their nearest part (they say something its
  parts do not). Each new part then takes the number of the earlier subtopic holding most of its
  seen units (:func:`topics.modeling.update.matched_ids`), so a subtopic that persists keeps its number;
  an event most of whose members write one person's name keeps its core days, as in a fresh fit
  (the names: :func:`~topics.modeling.subtopics.burst_people` of this update's bursts);
* a topic whose new units in new bursts are as many as a subtopic of its own needs (``min_subtopic_size``
  of the topic) while no single burst makes an event part (a story of many small bursts, which a
  fresh split finds by content and time) is split afresh too, but only to find that story: the new
  units of each fresh part made mostly of new units become a new subtopic, and the seen units keep
  theirs. Fewer such units could not form a part of their own in a fresh split, and re-splitting a
  large topic for them moved its seen units between subtopics and renamed them for a handful of texts.

A subtopic keeps its earlier label, keywords and representatives unless it is new or grew by
``SUBTOPIC_RELABEL_SHARE`` since it was last named (its ``named_size``, kept in the table; then it is described afresh, against its sibling subtopics as in a fresh fit,
keeping its label where it still fits its fresh keywords, as a topic does), or its topic was split afresh. That share is twice the topics'
(:data:`topics.modeling.update_describe.RELABEL_SHARE`): naming one grown subtopic re-reads a sample
of its whole topic, and a subtopic grown by a tenth to a fifth mostly came out of that naming with the
label it had (NYT and ISAF replays, docs/benchmarks.md). Date spans and event flags are computed again for every subtopic
(the corpus's share of each window moved); as in a fresh fit only one grown from a burst may be an event (the
table's ``grown_from_burst``: a kept subtopic keeps its mark, a new one is marked by the burst or split that made it). Subtopic numbers are stable, so after an update they
no longer run from the largest down. When the corpus changed a lot (a refit), the subtopics are
found afresh and each takes the number of the earlier subtopic of its topic holding most of its
seen units, or most of whose seen units it holds (the majority of one side: a subtopic number names
no story in "Since the last run", and a part split afresh is named afresh). Either way an earlier
event around whose dates nothing changed is kept as a subtopic of its own
(:mod:`topics.modeling.event_carry`).
Owns an update's subtopics. May import: numpy, pandas, the subtopic, burst, event, describe and
timeline stages.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

REFIND_SHARE = 0.5  # a topic is split afresh when its new units reach this share of its seen units
MOST = 0.5  # a burst (or a part of a fresh split) is new when more than this share of its units in a topic are new
SUBTOPIC_RELABEL_SHARE = 0.2  # a subtopic is named afresh when its new units reach this share of its earlier size


def update_subtopics(model, previous, rows: np.ndarray, refit: bool = False, voted=None):
    """Subtopics of the updated ``model`` from the earlier run's (see the module doc); a
    :class:`topics.modeling.subtopics.Subtopics`. Found afresh after a ``refit`` (numbered as the
    earlier subtopics they continue) or when ``previous`` kept none. ``voted``: (n,) bool, the new units the
    update placed by their nearest seen units (:func:`topics.modeling.placement.neighbour_joined`)."""
    from topics.modeling.event_carry import carry_events
    from topics.modeling.text_material import material_of
    from topics.modeling.subtopics import BurstPeople, Subtopics, day_numbers, find_subtopics
    from topics.modeling.timeline import unit_dates as dates_of

    previous = _as_the_rules_named(previous)
    units = model.units_
    dates = units["date"] if "date" in units.columns else [None] * len(units)
    precision = units["date_precision"] if "date_precision" in units.columns else None
    random_state = None if model.random_state is None else int(model.random_state)
    if previous.subtopics is None or refit:
        found = find_subtopics(
            units["text"].tolist(), model.embeddings_, model.labels_, model.topic_ids_, dates, units["unit_id"],
            units["article_id"], n_keywords=model.n_keywords, n_representatives=model.n_representatives,
            aliases=getattr(model, "aliases_", None), random_state=random_state, material=material_of(model),
            date_precision=precision, parent_labels=model.topic_labels(),
        )
        if previous.subtopics is None:
            return found
        return carry_events(model, previous, rows, _numbered_as_before(found, model.labels_, previous, np.asarray(rows)))
    rows = np.asarray(rows)
    labels = np.asarray(model.labels_)
    seen = rows >= 0
    earlier = np.full(len(labels), -1, np.int64)
    earlier[seen] = previous.subtopics[rows[seen]]
    earlier[labels < 0] = -1
    embeddings = np.asarray(model.embeddings_, dtype=np.float32)
    unit_dates = dates_of(units)
    days = day_numbers(unit_dates.day_dates)  # bursts and events: dates that name their day
    split_days = day_numbers(unit_dates.dates)
    articles = np.asarray([str(a) for a in units["article_id"]], dtype=object)
    known = previous.subtopic_table
    event_of = {(int(t), int(s)): bool(e) for t, s, e in zip(known["topic_id"], known["subtopic"], known["is_event"])}
    named = _named_sizes(known, labels, earlier)
    # Whether each subtopic grew from a burst: only those may be events, as in a fresh fit. A kept subtopic keeps its
    # earlier mark (one of a run saved before the mark was kept counts as grown: tested, as then).
    grown = {(int(t), int(s)): bool(g) for t, s, g in zip(known["topic_id"], known["subtopic"],
                                                          known.get("grown_from_burst", pd.Series(True, index=known.index)))}
    # A unit placed by its neighbours lies below its topic's floor by construction: no misfit of its subtopics.
    placed_by_floor = seen if voted is None else seen | np.asarray(voted, dtype=bool)
    refind = [int(t) for t in model.topic_ids_
              if _changed_materially(embeddings, labels == t, placed_by_floor, earlier, event_of, int(t), seen)]
    bursts, short_bursts, burst_sizes, neighbours = _corpus_bursts(
        embeddings, days, articles, unit_dates, rows, previous.neighbours, random_state, units["text"].tolist(),
    )
    scattered = [int(t) for t in model.topic_ids_ if int(t) not in refind and _new_bursts_unplaced(bursts, labels == t, seen, articles, burst_sizes)]
    texts = units["text"].tolist()
    # The names that can lead an event, as a fresh fit reads them (a fresh split and a new event trim such
    # events); found only when an event's members mostly write one capitalised word.
    people = BurstPeople(texts, bursts) if (bursts >= 0).any() else frozenset()
    sub_labels = np.full(len(labels), -1, np.int64)
    afresh: dict[int, set | None] = {}  # per topic, the subtopics described anew (None: all of them)
    for topic in model.topic_ids_:
        topic = int(topic)
        members = np.flatnonzero(labels == topic)
        if len(members) == 0:
            continue
        if topic in refind:
            from_bursts: set = set()
            sub_labels[members] = _split_afresh(
                embeddings, days, bursts, short_bursts, burst_sizes, articles, members, earlier, random_state, split_days,
                texts, people, from_bursts,
            )
            grown.update({(topic, int(p)): int(p) in from_bursts for p in np.unique(sub_labels[members])})
            afresh[topic] = None
            continue
        # A new part is numbered after every subtopic the earlier run had here, gone ones too: a reused number
        # would be offered the gone subtopic's name.
        first_free = 1 + max([s for (t, s) in event_of if t == topic], default=-1)
        local, grew = _place_new_units(
            embeddings[members], days[members], bursts[members], None if short_bursts is None else short_bursts[members],
            burst_sizes, articles[members], earlier[members], {s for (t, s), e in event_of.items() if t == topic and e},
            {s: n for (t, s), n in named.items() if t == topic}, _of(texts, members), people, first_free,
        )
        added, from_bursts = set(), set()
        if topic in scattered:
            local, added = _new_parts_of_a_fresh_split(
                embeddings, days, bursts, short_bursts, burst_sizes, articles, members, local, earlier[members], random_state,
                texts, people, first_free, from_bursts,
            )
            grew |= added
        # A new part is a new event (grown from a burst) or a part of a fresh split, marked as that split marked it.
        grown.update({(topic, int(p)): int(p) not in added or int(p) in from_bursts for p in np.unique(local) if (topic, int(p)) not in grown})
        sub_labels[members] = local
        if grew:
            afresh[topic] = grew
    from topics.modeling.update_subtopic_table import subtopic_table

    table = subtopic_table(model, sub_labels, unit_dates, known, afresh, named, grown)
    return carry_events(model, previous, rows, Subtopics(labels=sub_labels, table=table, notes=tuple(unit_dates.notes()), neighbours=neighbours))


def _as_the_rules_named(previous):
    """``previous`` with its subtopics labelled as the rules named them: a phrase an event's headlines
    led its label with is found again after the update (:mod:`topics.modeling.event_titles`), as in a fresh fit."""
    from dataclasses import replace

    from topics.modeling.event_titles import RULES_LABEL, rules_labels

    table = previous.subtopic_table
    if table is None or RULES_LABEL not in table:
        return previous
    table = table.drop(columns=[RULES_LABEL])
    table["label"] = rules_labels(previous.subtopic_table)
    return replace(previous, subtopic_table=table)


def _numbered_as_before(found, labels, previous, rows):
    """Subtopics found afresh, each numbered as the earlier subtopic of its topic holding most of its
    seen units or most of whose seen units it holds (:func:`topics.modeling.update.matched_ids`,
    one side); a part with none takes a fresh number."""
    from topics.modeling.subtopics import Subtopics
    from topics.modeling.update import matched_ids

    labels = np.asarray(labels)
    seen = rows >= 0
    earlier = np.full(len(labels), -1, np.int64)
    same_topic = seen.copy()
    same_topic[seen] = previous.labels[rows[seen]] == labels[seen]
    earlier[same_topic] = previous.subtopics[rows[same_topic]]
    sub_labels = np.asarray(found.labels).copy()
    table = found.table.copy()
    for topic in np.unique(labels[labels >= 0]):
        members = labels == topic
        mapping = matched_ids(sub_labels[members], earlier[members], np.unique(earlier[members & (earlier >= 0)]), both_sides=False)
        sub_labels[members] = [mapping[int(s)] for s in sub_labels[members]]
        rows_of_topic = table["topic_id"] == topic
        table.loc[rows_of_topic, "subtopic"] = [mapping[int(s)] for s in table.loc[rows_of_topic, "subtopic"]]
    return Subtopics(labels=sub_labels, table=table, notes=found.notes, neighbours=found.neighbours)


def _named_sizes(known: pd.DataFrame, labels: np.ndarray, earlier: np.ndarray) -> dict:
    """(topic, subtopic) -> the size each earlier subtopic was last named at; where the earlier run did
    not keep it (saved before it was), its units seen again in this corpus."""
    from topics.modeling.update_describe import named_sizes_of

    saved = named_sizes_of(known)
    kept = (labels >= 0) & (earlier >= 0)
    if not kept.any():
        return {}
    pairs, counts = np.unique(np.stack([labels[kept], earlier[kept]]), axis=1, return_counts=True)
    seen = {(int(t), int(p)): int(n) for (t, p), n in zip(pairs.T, counts)}
    return {pair: saved.get(pair, n) for pair, n in seen.items()}


def _changed_materially(embeddings, members, seen, earlier, event_of, topic, known=None) -> bool:
    """Whether a topic's subtopics are found afresh: none known, many new units, or a subtopic's worth of misfits.
    ``seen``: the units not counted as new (the earlier run's, and those an update placed by their neighbours);
    ``known``: the earlier run's alone (None: ``seen``), whose subtopics are read."""
    known = seen if known is None else known
    from topics.modeling.cluster import CONFIDENT_MEMBER_QUANTILE, member_floors, topic_centroids
    from topics.modeling.subtopics import min_subtopic_size

    parts = np.unique(earlier[members & known])
    parts = parts[parts >= 0]
    if len(parts) == 0 or any((topic, int(p)) not in event_of for p in parts):
        return True
    new = members & ~seen
    n_new, n_seen = int(new.sum()), int((members & known).sum())
    if n_new == 0:
        return False
    if n_new >= REFIND_SHARE * max(n_seen, 1):
        return True
    lasting = [p for p in parts if not event_of[(topic, int(p))]] or list(parts)
    old = members & known & np.isin(earlier, lasting)
    lasting = np.asarray(lasting)
    centres = topic_centroids(embeddings[old], earlier[old], lasting)
    dense = np.searchsorted(lasting, earlier[old])
    floors = member_floors(embeddings[old], dense, centres, CONFIDENT_MEMBER_QUANTILE)
    similarity = embeddings[new].astype(np.float64) @ centres.T.astype(np.float64)
    nearest = similarity.argmax(axis=1)
    misfits = int((similarity[np.arange(n_new), nearest] < floors[nearest]).sum())
    # The floor leaves CONFIDENT_MEMBER_QUANTILE of the members below it by construction: only the excess counts.
    return misfits - CONFIDENT_MEMBER_QUANTILE * n_new >= min_subtopic_size(int(members.sum()))


def _new_bursts(bursts: np.ndarray, new: np.ndarray) -> np.ndarray:
    """One topic's burst numbers, kept only for bursts whose units here are mostly new (-1 elsewhere)."""
    fresh = bursts.copy()
    for burst in np.unique(bursts[bursts >= 0]):
        if new[bursts == burst].mean() <= MOST:
            fresh[bursts == burst] = -1
    return fresh


def _new_bursts_unplaced(bursts, members, seen, articles, burst_sizes) -> bool:
    """Whether a topic's new units in new bursts are as many as a subtopic of the topic needs, from
    enough articles, yet no single burst makes an event part (bursts of a few units each): a fresh
    split can find them as a part of their own (:func:`_new_parts_of_a_fresh_split`).

    With no event part among them, a fresh split could set them apart only as a content part, and
    those have ``min_subtopic_size`` units at least: fewer cannot make one, however they are split."""
    from topics.modeling.events import MIN_ARTICLES
    from topics.modeling.subtopics import MIN_EVENT_UNITS, event_parts, min_subtopic_size

    fresh = _new_bursts(bursts[members], ~seen[members])
    in_new = fresh >= 0
    size = int(members.sum())
    if in_new.sum() < min_subtopic_size(size) or len(set(articles[members][in_new])) < MIN_ARTICLES:
        return False
    return not (event_parts(fresh, articles[members], max(MIN_EVENT_UNITS, min_subtopic_size(size) // 2), burst_sizes) >= 0).any()


def _new_parts_of_a_fresh_split(embeddings, days, bursts, short_bursts, burst_sizes, articles, members, local, earlier, random_state,
                                texts=None, people: frozenset[str] | BurstPeople = frozenset(), first_free: int = 0,
                                from_bursts: set | None = None) -> tuple[np.ndarray, set]:
    """One topic's subtopic numbers ``local`` (seen units' kept, new units placed; ``earlier``: the seen
    units' numbers, -1 for new units) with the new units of each part of a fresh split
    (:func:`~topics.modeling.subtopics.split_with_events`) made mostly of new units taken out as a new
    subtopic, numbered after the others (from ``first_free`` at least); and those numbers. The fresh split only tells which new units
    belong together: seen units keep their subtopic, as in any update, and a new unit already in a new
    event stays there. ``texts`` (the corpus's) and ``people``: as :func:`_split_afresh`; ``from_bursts`` gets
    the new numbers whose fresh part grew from a burst."""
    from topics.modeling.subtopics import split_with_events

    fresh = split_with_events(
        embeddings[members], days[members], bursts[members], articles[members], random_state, burst_sizes,
        None if short_bursts is None else short_bursts[members], None, _of(texts, members), people, mask := [],
    )
    new = earlier < 0
    placed = new & np.isin(local, earlier[~new])  # new units that joined an earlier subtopic
    local = local.copy()
    added, number = set(), max(int(local.max()) + 1, first_free)
    for part in np.unique(fresh):
        inside = fresh == part
        if new[inside].mean() > MOST and (inside & placed).any():
            local[inside & placed] = number
            added.add(number)
            if from_bursts is not None and mask[0][inside].any():
                from_bursts.add(number)
            number += 1
    return local, added


def _corpus_bursts(embeddings, days, articles, unit_dates, rows, earlier_neighbours, random_state, texts=None):
    """(bursts, short bursts, burst sizes, content neighbour lists) of the whole corpus, as a fresh fit
    finds them: the lists (:func:`topics.modeling.update_neighbours.updated_neighbours`) are the
    earlier run's ``earlier_neighbours`` completed with the new units, searched afresh only for the new
    units and any seen unit without a usable earlier list; they are kept for the next update (None
    without dates). Every unit is tested and calibrated on, as in a fresh fit: the shuffled-date
    thresholds are read over all units like each one, so testing only the units near the new dates
    set other bars (docs/benchmarks.md). ``texts``: the units', whose keys order the burst search as a fresh fit's."""
    from topics.modeling.bursts import N_NEIGHBOURS, find_bursts
    from topics.modeling.cluster import CONTENT_ORDER, normalise_rows, text_keys
    from topics.modeling.events import event_window_days
    from topics.modeling.subtopics import SHORT_BURST_SCALE
    from topics.modeling.update_neighbours import updated_neighbours

    n_units = len(days)
    if not unit_dates.has_day_timeline:
        return np.full(n_units, -1, np.int64), None, np.zeros(1, np.int64), None
    window = event_window_days(unit_dates.day_dates)
    k = 3 * N_NEIGHBOURS + 1  # as topics.modeling.bursts.content_neighbours
    found = updated_neighbours(normalise_rows(embeddings), earlier_neighbours, rows, np.arange(n_units), k)
    keys = text_keys(texts) if texts is not None and CONTENT_ORDER else None
    bursts = find_bursts(embeddings, days, articles, window, random_state, neighbours=found[0], keys=keys)
    short_bursts = find_bursts(embeddings, days, articles, window * SHORT_BURST_SCALE, random_state, neighbours=found[0], keys=keys)
    return bursts, short_bursts, np.bincount(bursts[bursts >= 0], minlength=1), found


def _split_afresh(embeddings, days, bursts, short_bursts, burst_sizes, articles, members, earlier, random_state, split_days,
                  texts=None, people: frozenset[str] | BurstPeople = frozenset(), from_bursts: set | None = None) -> np.ndarray:
    """A fresh fit's split of one topic; each part numbered as the earlier subtopic it continues (or anew).
    ``texts``: the corpus's; with ``people`` (:func:`topics.modeling.subtopics.burst_people`) an event led
    by one person's name keeps its core days, as in a fresh fit. ``from_bursts`` gets the numbers of the parts grown from a burst."""
    from topics.modeling.subtopics import split_with_events
    from topics.modeling.update import matched_ids

    local = split_with_events(
        embeddings[members], days[members], bursts[members], articles[members], random_state, burst_sizes,
        None if short_bursts is None else short_bursts[members], split_days[members], _of(texts, members), people, mask := [],
    )
    before = earlier[members]
    mapping = matched_ids(local, before, np.unique(before[before >= 0]), both_sides=False)
    if from_bursts is not None:
        from_bursts.update(mapping[int(s)] for s in np.unique(local[mask[0]]))
    return np.array([mapping[int(s)] for s in local], dtype=np.int64)


def _of(texts, members):
    """The texts of ``members`` (None without texts)."""
    return None if texts is None else [texts[i] for i in members]


def _join_new_events_told_together(local, new_events, days, articles, first_number: int) -> np.ndarray:
    """One topic's subtopic numbers with its new events told in the same articles at the same moment joined,
    as a fresh split joins them (:func:`topics.modeling.told_together.join_told_together`), then numbered
    from ``first_number`` without gaps. Only new events are joined: seen units keep their subtopic."""
    from topics.modeling.told_together import join_told_together

    joined = join_told_together(local, new_events, days, articles)
    kept = [int(e) for e in new_events if (joined == e).any()]
    renumbered = joined.copy()
    for number, event in enumerate(kept, start=first_number):
        renumbered[joined == event] = number
    return renumbered


def _place_new_units(embeddings, days, bursts, short_bursts, burst_sizes, articles, earlier, event_ids, named,
                     texts=None, people: frozenset[str] | BurstPeople = frozenset(), first_free: int = 0) -> tuple[np.ndarray, set]:
    """One topic's subtopic numbers: seen units keep theirs, new bursts become new events (numbered from
    ``first_free`` at least, after every earlier subtopic), the other
    new units join the nearest subtopic (an event only within its dates and floor). Also the subtopics
    that are new or grew by ``SUBTOPIC_RELABEL_SHARE`` since they were last named (at the size
    ``named[subtopic]``): they are named afresh. ``texts`` (the topic's units') and ``people``
    (:func:`~topics.modeling.subtopics.burst_people`): a new event led by one person's name keeps
    only its core days, as in a fresh fit (:func:`~topics.modeling.subtopics.trim_name_led_events`)."""
    from topics.modeling.update_describe import changed_since_named
    from topics.modeling.cluster import normalise_rows, topic_centroids
    from topics.modeling.subtopics import (
        GROW_QUANTILE, event_days, event_parts, grow_events, join_short_bursts, may_name, min_subtopic_size, MIN_EVENT_UNITS,
        trim_name_led_events,
    )

    local = earlier.copy()
    new = earlier < 0
    if not new.any():
        return local, set()
    # New events: the topic's parts of bursts whose units here are mostly new.
    fresh = _new_bursts(bursts, new)
    min_size = max(MIN_EVENT_UNITS, min_subtopic_size(len(bursts)) // 2)
    parts = event_parts(fresh, articles, min_size, burst_sizes)
    first_number = max(int(earlier.max()) + 1, first_free)
    new_events = np.zeros(0, np.int64)
    if (parts >= 0).any():
        open_rows = np.flatnonzero((parts >= 0) | new)  # a new event grows among the new units only
        grown = grow_events(embeddings[open_rows], days[open_rows], parts[open_rows])
        if short_bursts is not None:
            grown = join_short_bursts(grown, short_bursts[open_rows], articles[open_rows], np.unique(grown[grown >= 0]))
        placed = open_rows[grown >= 0]
        local[placed] = first_number + grown[grown >= 0]
        new_events = first_number + np.unique(grown[grown >= 0])
        event_ids = set(event_ids) | {int(p) for p in new_events}
    left = np.flatnonzero(local < 0)
    if len(left):
        vectors = normalise_rows(embeddings)
        ids = np.unique(local[local >= 0])
        centres = topic_centroids(vectors, local, ids)
        similarity = vectors[left] @ centres.T
        is_event = np.array([int(p) in event_ids for p in ids])
        allowed = np.repeat(~is_event[None, :], len(left), axis=0)
        for column in np.flatnonzero(is_event):  # an event takes in units only within its core dates, as close as its typical member
            members = local == ids[column]
            floor = np.quantile(vectors[members] @ centres[column], GROW_QUANTILE)
            first, last = event_days(days, members)
            allowed[:, column] = (similarity[:, column] >= floor) & (days[left] >= first) & (days[left] <= last)
        allowed[~allowed.any(axis=1)] = True  # a topic of events only: the nearest event
        local[left] = ids[np.where(allowed, similarity, -np.inf).argmax(axis=1)]
    if len(new_events) and texts is not None and may_name(people):
        local = trim_name_led_events(embeddings, days, local, np.array(sorted(event_ids), dtype=np.int64), texts, people,
                                     articles, trimmed_ids=new_events)
    if len(new_events) > 1:
        local = _join_new_events_told_together(local, new_events, days, articles, first_number)
    before = pd.Series(earlier[earlier >= 0]).value_counts()
    after = pd.Series(local).value_counts()
    grew = {int(part) for part in after.index
            if part not in before.index or changed_since_named(int(after[part]), named.get(int(part)), int(before[part]), SUBTOPIC_RELABEL_SHARE)}
    return local, grew
