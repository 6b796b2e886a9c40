"""Since the last run: the events that continue an earlier subtopic, told apart from new ones.

An event most of whose units are new may still be a story the earlier run held: a subtopic with the
story's first days, not flagged as an event then (too few days at the corpus's end), that the new
units grew into one. Such an event keeps the earlier subtopic's (topic, subtopic) number, as an update
keeps the seen units' subtopics and a fresh split numbers a part by its seen units, or it holds most
of that subtopic's units still in the corpus. It is told as an earlier subtopic that became an event,
with its earlier label and size, not as new. Owns that split. May import: numpy; never the report.
"""

from __future__ import annotations

import numpy as np


def split_continuing(new_events: list[dict], model, previous, rows: np.ndarray, earlier: np.ndarray) -> tuple[list[dict], list[dict]]:
    """``new_events`` (:func:`topics.modeling.update._new_events`) as (new, became): an event that continues
    an earlier subtopic (module doc) goes to ``became`` with ``earlier``: {topic_id, topic_label, subtopic,
    label, size, units (its seen units in the event), was_event}. ``earlier``: each current unit's earlier
    topic (-1 = new unit or earlier outlier). All are new when the earlier run kept no subtopics."""
    if not new_events or previous.subtopics is None or previous.subtopic_table is None:
        return list(new_events), []
    rows = np.asarray(rows)
    seen = rows >= 0
    earlier_sub = np.full(len(rows), -1, np.int64)
    earlier_sub[seen] = previous.subtopics[rows[seen]]
    placed = seen & (earlier >= 0) & (earlier_sub >= 0)
    labels = np.asarray(model.labels_)
    sub_labels = np.asarray(model._subtopics().labels)
    table = previous.subtopic_table.set_index(["topic_id", "subtopic"])
    names = previous.label_of()
    new, became = [], []
    for event in new_events:
        members = placed & (labels == event["topic_id"]) & (sub_labels == event["subtopic"])
        found = _continued(members, earlier, earlier_sub, placed, (event["topic_id"], event["subtopic"]))
        if found is None or found[:2] not in table.index:
            new.append(event)
            continue
        topic, part, units = found
        row = table.loc[(topic, part)]
        size = int(((previous.labels == topic) & (previous.subtopics == part)).sum())
        became.append({**event, "earlier": {"topic_id": topic, "topic_label": names.get(topic), "subtopic": part,
                                            "label": str(row["label"]), "size": size, "units": units,
                                            "was_event": bool(row["is_event"])}})
    return new, became


def _continued(members: np.ndarray, earlier: np.ndarray, earlier_sub: np.ndarray, placed: np.ndarray, key: tuple) -> tuple | None:
    """(topic, subtopic, units) of the earlier subtopic an event continues, or None: the one whose number it
    keeps, if any of its seen units were there; else the one holding most of its seen units, if the
    event holds more than half of that subtopic's units still in the corpus."""
    if not members.any():
        return None
    pairs, counts = np.unique(np.stack([earlier[members], earlier_sub[members]]), axis=1, return_counts=True)
    held = {(int(t), int(s)): int(n) for t, s, n in zip(pairs[0], pairs[1], counts)}
    key = (int(key[0]), int(key[1]))
    if key in held:
        return (*key, held[key])
    (topic, part), units = max(held.items(), key=lambda item: (item[1], -item[0][0], -item[0][1]))
    still_here = int((placed & (earlier == topic) & (earlier_sub == part)).sum())
    return (topic, part, units) if 2 * units > still_here else None
