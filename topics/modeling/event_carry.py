"""Earlier events kept by an update when nothing around them changed.

The burst test (:mod:`topics.modeling.bursts`) reads each unit's nearest units by content across the
whole corpus. When a story is told again at length later (the visas of June, then the August
evacuation), the later paragraphs take most of an earlier unit's neighbours, fewer of them lie in its
own days, and the earlier burst no longer stands out, although none of its articles changed (NYT, June
and July 2021 events, then August added: docs/benchmarks.md). A time-local baseline for the test does
not help: the crowding is in the neighbour lists, and reading the test within a few windows of each
unit halved the bursty units while the June events still fell apart.

So an update, refit or not, keeps an earlier event as a subtopic of its own when the data around it did
not change: all its units are still in the corpus, most of them still in its topic, and no unit arrived
dated within an event window of its dates. Its units in that topic leave the subtopics they were placed
in (unless most of them already sit in an event); the event test (:func:`topics.modeling.events.flag_events`)
then judges it on the grown corpus like any subtopic, and an event it no longer passes is not kept.
Owns that choice. May import: numpy, pandas, the event, subtopic, timeline and update-table stages.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def carry_events(model, previous, rows, found):
    """``found`` (the update's :class:`topics.modeling.subtopics.Subtopics`) with the earlier run's events
    kept where nothing around them changed (module doc)."""
    from topics.modeling.events import event_window_days
    from topics.modeling.subtopics import day_numbers
    from topics.modeling.timeline import unit_dates as dates_of

    unit_dates = dates_of(model.units_)
    if previous.subtopic_table is None or not unit_dates.has_day_timeline:
        return found
    rows = np.asarray(rows)
    days = day_numbers(unit_dates.day_dates)
    carried = kept_events(previous, np.asarray(model.labels_), found, rows, days, event_window_days(unit_dates.day_dates))
    while carried:
        labels, table = _with_events(model, found, previous, unit_dates, carried)
        flagged = set(zip(table.loc[table["is_event"], "topic_id"].astype(int), table.loc[table["is_event"], "subtopic"].astype(int)))
        failed = [c for c in carried if (c[0], c[1]) not in flagged]
        if not failed:
            return type(found)(labels=labels, table=table, notes=found.notes, neighbours=found.neighbours)
        carried = [c for c in carried if c not in failed]
    return found


def kept_events(previous, labels, found, rows, days, window) -> list:
    """(topic, number, earlier subtopic, member rows) of each earlier event to keep: all its units here, most
    in its topic and not already in an event, no new unit dated within ``window`` days of its dates."""
    table = previous.subtopic_table
    events = table[table["is_event"].astype(bool)]
    if events.empty:
        return []
    seen = rows >= 0
    earlier_topic = np.full(len(rows), -1, np.int64)
    earlier_sub = np.full(len(rows), -1, np.int64)
    earlier_topic[seen], earlier_sub[seen] = previous.labels[rows[seen]], previous.subtopics[rows[seen]]
    now = found.table
    flagged = set(zip(now.loc[now["is_event"], "topic_id"].astype(int), now.loc[now["is_event"], "subtopic"].astype(int)))
    in_event = np.array([(int(t), int(s)) in flagged for t, s in zip(labels, found.labels)], dtype=bool)
    new_days = days[~seen & ~np.isnan(days)]
    sub_labels = np.asarray(found.labels)
    kept, taken = [], np.zeros(len(rows), bool)
    for event in events.itertuples(index=False):
        topic, part = int(event.topic_id), int(event.subtopic)
        members = (earlier_topic == topic) & (earlier_sub == part)
        size = int(((previous.labels == topic) & (previous.subtopics == part)).sum())
        stays = members & (labels == topic)
        if int(members.sum()) < size or 2 * int(stays.sum()) <= size or 2 * int(in_event[members].sum()) > size:
            continue  # units gone or edited, its topic changed, or an event holds it already
        member_days = days[members & ~np.isnan(days)]
        if len(member_days) == 0 or taken[stays].any():
            continue
        first, last = member_days.min() - window, member_days.max() + window
        if ((new_days >= first) & (new_days <= last)).any():
            continue  # new units in its days: the event is judged afresh
        used = set(sub_labels[labels == topic].tolist()) | {c[1] for c in kept if c[0] == topic}
        left = set(sub_labels[(labels == topic) & ~stays].tolist())
        number = part if part not in left and part not in {c[1] for c in kept if c[0] == topic} else max(used) + 1
        kept.append((topic, number, part, np.flatnonzero(stays)))
        taken |= stays
    return kept


def _with_events(model, found, previous, unit_dates, carried):
    """(subtopic labels, table) with the ``carried`` events set apart. A kept event keeps its earlier
    description; a subtopic whose representatives left with it is described afresh, its siblings keep theirs."""
    from topics.modeling.update_subtopic_table import subtopic_table

    labels = np.asarray(found.labels).copy()
    topics = np.asarray(model.labels_)
    unit_ids = model.units_["unit_id"].astype(str).to_numpy()
    known = found.table.copy()
    # Only a subtopic grown from a burst may be an event: each keeps its mark, a kept event the earlier run's.
    grown = {(int(t), int(s)): bool(g) for t, s, g in zip(known["topic_id"], known["subtopic"], known["grown_from_burst"])}
    moved = set()
    for topic, number, _, members in carried:
        moved |= set(unit_ids[members].tolist())
        labels[members] = number
    before = {(int(t), int(s)): r for t, s, r in zip(known["topic_id"], known["subtopic"], known.to_dict(orient="records"))}
    lost = [key for key, r in before.items() if moved & set(r["representative_unit_ids"])]
    known = known[[(int(t), int(s)) not in lost for t, s in zip(known["topic_id"], known["subtopic"])]]
    earlier = previous.subtopic_table
    for topic, number, part, members in carried:
        row = earlier[(earlier["topic_id"] == topic) & (earlier["subtopic"] == part)].iloc[0].to_dict()
        grown[(topic, number)] = bool(row.get("grown_from_burst", True))
        known = known[~((known["topic_id"] == topic) & (known["subtopic"] == number))]
        # Its size now: a run saved before subtopics kept the size their names were drawn from has none.
        known = pd.concat([known, pd.DataFrame([{**row, "subtopic": number, "size": len(members)}])], ignore_index=True)
    sizes = known["named_size"] if "named_size" in known.columns else known["size"]
    named = {(int(t), int(s)): int(n) for t, s, n, m in zip(known["topic_id"], known["subtopic"], sizes, known["size"])
             for n in [n if pd.notna(n) else m] if pd.notna(n)}
    return labels, subtopic_table(model, np.where(topics >= 0, labels, -1), unit_dates, known, {}, named, grown)
