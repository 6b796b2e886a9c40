"""Since the last run: the earlier run's events that are still found but changed.

An earlier event most of whose units still in the corpus are in events now (else it is in
``events_gone``) changed when:

* **split**: two or more current events each hold at least :data:`SPLIT_SHARE` of its units still here
  (and :data:`MIN_PART_UNITS`)
  (a refit, or a topic split afresh, drew the story as two moments);
* **joined**: one current event holds most of the units still here of two or more earlier events
  (the next days' reports tied them into one moment);
* **grown**: the current event holding most of its units has at least :data:`GROWN_FACTOR` times its
  earlier size, new units among them (the story continued; an update keeps the earlier subtopics,
  so this is what an update mostly shows).

An earlier event is told once: an event joined with others is told by its joined line, not also as
grown. Owns telling events that changed. May import: numpy; never the report.
"""

from __future__ import annotations

import numpy as np

# A quarter: a part that small of an event is a moment of its own, not stray units; more than
# three parts cannot each hold a quarter, so a split names at most four events.
SPLIT_SHARE = 0.25
MIN_PART_UNITS = 2  # and at least two units: one unit of a small event elsewhere is no moment of its own
GROWN_FACTOR = 2.0  # twice its earlier size: a story that continued, not the few units an update adds anyway


def events_changed(model, previous, rows: np.ndarray, earlier: np.ndarray) -> list[dict] | None:
    """The earlier run's events split, joined or grown (module doc), by earlier peak date; ``earlier``:
    each current unit's earlier topic (-1 = new unit or earlier outlier). None when the earlier run
    kept no subtopics."""
    before = earlier_events(previous)
    if before is None or before.empty:
        return before if before is None else []
    rows = np.asarray(rows)
    labels = np.asarray(model.labels_)
    found = model._subtopics()
    sub_labels = np.asarray(found.labels)
    now = _current_events(found.table, model.topic_labels(), labels, sub_labels, rows < 0)
    if not now:
        return []
    earlier_sub = np.full(len(rows), -1, np.int64)
    seen = rows >= 0
    earlier_sub[seen] = previous.subtopics[rows[seen]]
    peaks = {(int(e["topic_id"]), e.get("subtopic")): e.get("peak_date") for e in previous.events}
    names = previous.label_of()
    keys = [(int(t), int(s)) for t, s in zip(before["topic_id"], before["subtopic"])]
    # Each unit's earlier event and current event as an index (-1: none), counted in one pass: a loop
    # over every pair of events would read the whole corpus once per pair.
    was_in = _event_index(keys, earlier, earlier_sub)
    now_keys = list(now)
    is_in = _event_index(now_keys, labels, sub_labels)
    sizes = np.bincount(_event_index(keys, np.asarray(previous.labels), np.asarray(previous.subtopics)).clip(-1) + 1,
                        minlength=len(keys) + 1)[1:]
    still_here = np.bincount(was_in[was_in >= 0], minlength=len(keys))
    both = (was_in >= 0) & (is_in >= 0)
    pairs, counts = np.unique(np.stack([was_in[both], is_in[both]]), axis=1, return_counts=True)
    held_by = [dict() for _ in keys]
    for e, c, n in zip(pairs[0], pairs[1], counts):
        held_by[int(e)][now_keys[int(c)]] = int(n)
    kept = []  # (earlier event, units still here, {current event: its units there})
    for index, (topic, part) in enumerate(keys):
        held = held_by[index]
        if 2 * sum(held.values()) <= int(still_here[index]):
            continue  # mostly in no event now: events_gone tells it
        entry = {"topic_id": topic, "topic_label": names.get(topic), "subtopic": part,
                 "label": str(before["label"].iloc[index]), "size": int(sizes[index]),
                 "peak_date": peaks.get((topic, part)), "units_now": int(still_here[index])}
        kept.append((entry, held))
    changed = []
    majority = {}  # current event -> the earlier events most of whose units it holds
    for entry, held in kept:
        key, n = max(held.items(), key=lambda item: (item[1], -item[0][0], -item[0][1]))
        if 2 * n > entry["units_now"]:
            majority.setdefault(key, []).append((entry, n))
    joined = {id(entry) for group in majority.values() if len(group) > 1 for entry, _ in group}
    for key, group in majority.items():
        if len(group) > 1:
            group = sorted(group, key=lambda pair: (str(pair[0]["peak_date"] or ""), pair[0]["topic_id"], pair[0]["subtopic"]))
            first = group[0][0]
            changed.append({"change": "joined", **_summary(first), "now": now[key],
                            "joined": [{**_summary(entry), "units": n} for entry, n in group]})
    for entry, held in kept:
        parts = sorted(((key, n) for key, n in held.items() if n >= max(SPLIT_SHARE * entry["units_now"], MIN_PART_UNITS)), key=lambda item: -item[1])
        if len(parts) >= 2:
            changed.append({"change": "split", **entry, "now_in": [{**now[key], "units": n} for key, n in parts]})
            continue
        if id(entry) in joined:
            continue
        key, n = max(held.items(), key=lambda item: item[1])
        current = now[key]
        if 2 * n > entry["units_now"] and current["size"] >= GROWN_FACTOR * max(entry["size"], 1) and current["new_units"]:
            changed.append({"change": "grown", **entry, "now": {**current, "units": n}})
    return sorted(changed, key=lambda e: (str(e["peak_date"] or ""), e["topic_id"], e["subtopic"], e["change"]))


def earlier_events(previous):
    """The earlier run's events (the rows of its subtopic table flagged as events); None when it kept no subtopics."""
    if previous.subtopics is None or previous.subtopic_table is None:
        return None
    table = previous.subtopic_table
    return table[table["is_event"].astype(bool)]


def _summary(entry: dict) -> dict:
    """An earlier event as the joined line names it (without its units still here)."""
    return {k: entry[k] for k in ("topic_id", "topic_label", "subtopic", "label", "size", "peak_date")}


def _event_index(keys: list, topics: np.ndarray, parts: np.ndarray) -> np.ndarray:
    """Each unit's position in ``keys`` ((topic, subtopic) pairs) by its ``topics`` and ``parts``; -1 where none."""
    topics, parts = np.asarray(topics, np.int64), np.asarray(parts, np.int64)
    if not keys or not len(topics):
        return np.full(len(topics), -1, np.int64)
    width = int(max(parts.max(initial=0), max(p for _, p in keys))) + 2
    codes = topics * width + (parts + 1)
    wanted = np.array([t * width + p + 1 for t, p in keys], np.int64)
    order = np.argsort(wanted, kind="stable")
    at = np.searchsorted(wanted[order], codes).clip(0, len(keys) - 1)
    found = (wanted[order][at] == codes) & (topics >= 0) & (parts >= 0)
    return np.where(found, order[at], -1)


def _current_events(table, topic_names: dict, labels: np.ndarray, sub_labels: np.ndarray, is_new: np.ndarray) -> dict:
    """(topic, subtopic) -> the current event as the lines name it: labels, size, peak date, new units."""
    events = table[table["is_event"].astype(bool)]
    keys = [(int(t), int(s)) for t, s in zip(events["topic_id"], events["subtopic"])]
    index = _event_index(keys, labels, sub_labels)
    sizes = np.bincount(index[index >= 0], minlength=len(keys))
    new = np.bincount(index[(index >= 0) & is_new], minlength=len(keys))
    found = {}
    for i, event in enumerate(events.itertuples(index=False)):
        topic, part = keys[i]
        peak = getattr(event, "peak_date", None)
        found[(topic, part)] = {"topic_id": topic, "topic_label": topic_names.get(topic), "subtopic": part, "label": str(event.label),
                                "size": int(sizes[i]), "peak_date": None if peak is None or peak != peak else str(peak),
                                "new_units": int(new[i])}
    return found
