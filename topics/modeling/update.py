"""Since the last run: topics carried over from an earlier run, stable ids, and what changed.

Two ways to follow a growing corpus (``find_topics(..., previous=...)``, ``topics report --previous``):

* **update** (at most ``MAX_UPDATE_SHARE`` of the corpus is new since the topics were last fitted:
  this run's new units and those earlier updates placed, so a chain of small updates ends in a refit): units the earlier run saw keep
  their topic; each new unit joins the nearest earlier topic (the centre of its earlier members)
  when it is as close as the topic's typical members (the floor ``predict`` uses), or lies inside it
  as the fit drew it (its nearest seen units mostly members; :mod:`topics.modeling.placement`) or is a near copy
  of a seen unit (its topic; where the earlier clustering saw all its units), otherwise it
  is an outlier (a coherent group of new units and earlier outliers that the earlier topics do not
  explain becomes a new topic, :mod:`topics.modeling.update_new_topics`); when the earlier fit had ``n_topics`` (k-means topics, no outliers) it joins the nearest,
  read in the earlier fit's words' space when kept: the topic the earlier model's ``predict`` gives it
  (:mod:`topics.modeling.placement`). Nothing is refitted: the earlier topics, their number and their
  kind stay, whatever ``n_topics`` this call gives (it applies to a refit). A topic keeps its earlier name and keywords unless it grew
  by a tenth or more since it was last named (:mod:`topics.modeling.update_describe`); subtopics start from the earlier
  run's (:mod:`topics.modeling.update_subtopics`). After an ``n_topics`` fit, the words' space of an earlier
  saved model is carried over for ``predict`` (a report keeps none: the updated model reads the vectors).
* **refit** (the corpus changed a lot): a full fit, then a topic takes the id of the earlier topic
  it continues: the one holding most of its already-seen units, when those are also most of that
  earlier topic's units (:func:`matched_ids`). A part split off an earlier topic, or a topic that
  took a few units of an earlier one most of which went elsewhere, gets a fresh id, and
  :func:`since_last_run` says where the earlier topic's units went.
  Before that is judged, a seen unit the refit moved away from an earlier topic that a refitted
  topic may continue (the majority of one side) goes back to it when it still looks like one of its
  members (as close to its new centre as the members' floor that ``predict`` uses): a unit changes
  topic only when the evidence changed, not because a fresh community search drew a boundary
  elsewhere (:func:`keep_seen_units`); so an earlier topic a fresh search cut in two, whose units
  still look like members of one part, continues as that part.

Either way topics keep their earlier ids (and so their colours); a topic with no earlier
counterpart gets a fresh id above the earlier ones. :func:`since_last_run` says what changed.
Owns carrying topics over between runs. May import: numpy, pandas, scipy, the topic stages
(cluster, fitting, previous); never the report.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

MAX_UPDATE_SHARE = 0.2  # new units up to this share of the corpus: assign them, do not refit
MIN_MATCH_SHARE = 0.5  # a refitted topic inherits an id when the shared units are more than this share of both sides
LAYOUT_NEIGHBOURS = 5  # a new unit sits on the map at the mean place of its nearest seen units


def should_update(rows: np.ndarray, joined_before: int = 0) -> bool:
    """Whether the corpus grew little enough since its topics were fitted (``rows``: each unit's row in
    the earlier run, -1 = new; ``joined_before``: units earlier updates placed, :func:`joined_since_fit`).
    Counted from the fit, not the run just before: six updates of a tenth each would otherwise leave
    topics fitted on half the corpus, and a story that arrived meanwhile filed under an unrelated one."""
    joined = int((rows < 0).sum()) + min(int(joined_before), int((rows >= 0).sum()))
    return len(rows) > 0 and joined / len(rows) <= MAX_UPDATE_SHARE


def joined_since_fit(previous) -> int:
    """How many of the earlier run's units an update placed rather than a fit (0 when it does not say)."""
    fitted = previous.units_at_fit
    return 0 if fitted is None else max(previous.n_units - int(fitted), 0)


def update_model(model, previous, rows: np.ndarray, units: pd.DataFrame, embeddings: np.ndarray):
    """Fill the unfitted ``model`` for ``units`` from the earlier run, without refitting (see module doc)."""
    from topics.modeling import cluster
    from topics.modeling import fitting as steps
    from topics.modeling.placement import (assignment_floors, centre_similarities, clustered_all, lower_floors, near_copies_kept,
                                           nearest_topics, neighbour_joined, votes_apply)
    from topics.modeling.text_material import TextMaterial
    from topics.modeling.update_new_topics import with_new_topics
    from topics.modeling.update_describe import carried_named_sizes, merged_aliases, topics_to_describe, update_descriptions
    from topics.validate import check_embeddings, check_units

    model._check_params()
    units = check_units(units, what="units to cluster")
    embeddings = check_embeddings(embeddings, n_rows=len(units))
    seen = rows >= 0
    labels = np.full(len(units), -1, dtype=np.int64)
    labels[seen] = previous.labels[rows[seen]]
    earlier = np.array(sorted(int(t) for t in previous.topics["topic_id"] if (labels == t).any()), dtype=np.int64)
    if len(earlier) == 0:
        from topics.errors import InputError

        raise InputError(previous.folder, "none of the earlier run's topics has a unit in this corpus: nothing to carry over")
    # The earlier run's topics, of the earlier fit's kind (not this call's n_topics, which only a refit
    # uses): floors when it kept outliers, none for k-means topics. These take the earlier fit's words'
    # space (a saved model keeps it; a report does not): assign takes the topics' centres in it, so
    # predict reads texts as the earlier fit grouped them. None: the vectors.
    # A guided earlier run stays guided, so that the next update reads its kind too (no neighbour vote, no new topics).
    model.mode_ = (previous.clustering if previous.clustering in ("automatic", "guided") else "automatic") if previous.has_floors else "fixed"
    model.lexical_space_ = space = None if previous.has_floors else previous.lexical_space
    if previous.outlier_settings is not None:  # its floors too: those of its outlier settings, not this call's
        model.reduce_outliers, model.outlier_similarity = previous.outlier_settings
    new = np.flatnonzero(~seen)
    voted = np.zeros(len(units), dtype=bool)  # new units their nearest seen units placed (a vote or a near copy)
    if len(new):  # as the earlier model's predict places them: its topics' centres and floors, from its units still here
        texts = units["text"].tolist()
        centres = cluster.topic_centroids(embeddings[seen], labels[seen], earlier)
        seen_texts = [texts[row] for row in np.flatnonzero(seen)]
        joined = None if space is None else space.centres(seen_texts, embeddings[seen], labels[seen], earlier)
        similarity = centre_similarities(embeddings[new], centres, [texts[row] for row in new], space, joined)
        placed = nearest_topics(similarity, earlier, assignment_floors(model, embeddings[seen], labels[seen], earlier, centres))
        # Inside a topic as the earlier fit drew it: its neighbours' topic (placement module doc); a guided
        # earlier run places new units as its predict does, without a vote.
        by_floor = placed
        if votes_apply(model):
            below = lower_floors(embeddings[seen], labels[seen], earlier, centres)
            placed = neighbour_joined(placed, similarity, earlier, below, embeddings[new], embeddings[seen], labels[seen])
        # A near copy of a seen unit takes its topic, as the earlier model's predict gives it: only where its
        # clustering saw all its units, so the search among the seen ones costs what its fit's did (placement).
        if clustered_all(previous.clustered, previous.n_units):
            placed = near_copies_kept(placed, embeddings[new], embeddings[seen], labels[seen])
        voted[new] = placed != by_floor
        labels[new] = placed
    model.units_ = units
    model.embeddings_ = embeddings
    model.embedder_model_id_ = getattr(model.embedder, "model_id", None)  # as fit records it: checked against the earlier run's
    # The earlier run's naming material of each text it read (a copy: the earlier run's stays as it was).
    model.text_material_ = previous.text_material.copy() if previous.text_material is not None else TextMaterial()
    if model.aliases is True and previous.aliases is not None:
        model.aliases_ = merged_aliases(previous.aliases, units["text"].iloc[new].tolist(), previous.folder)
    else:
        model.aliases_ = steps.fit_aliases(model.aliases, units["text"].tolist())
    model.aliases_ = steps.with_outlet_words(model.aliases_, units, units["text"].tolist())
    model.theme_names_ = []
    # A story no earlier topic explains becomes a topic of its own, numbered above the earlier ids.
    first_id = int(max([*previous.topics["topic_id"].astype(int).tolist(), -1])) + 1
    labels = with_new_topics(model, labels, seen, embeddings, units["text"].tolist(), first_id)
    fresh = topics_to_describe(labels, ~seen, previous.topics, model.n_keywords)
    model.assign(labels, describe=lambda fitted: update_descriptions(fitted, labels, fresh, previous.topics))
    keep_ids(model, labels)
    model.redescribed_topics_ = fresh  # ids kept: the others carry the earlier run's names
    model.named_sizes_ = carried_named_sizes(labels, ~seen, fresh, previous.topics)  # and the sizes they were named at
    model.coords_2d_ = _layout(previous, rows, embeddings)
    model.fit_sample_size_ = int(seen.sum())
    # The topics' fit is the earlier one's: the units it covered carry over, so the next run counts growth from it.
    model.units_at_fit_ = int(previous.n_units if previous.units_at_fit is None else previous.units_at_fit)
    # Subtopics, when asked for, start from the earlier run's (topics.modeling.update_subtopics).
    model._subtopics_update = (model.labels_, previous, np.asarray(rows), False, voted)
    return model


def _layout(previous, rows: np.ndarray, embeddings: np.ndarray) -> np.ndarray:
    """Seen units keep their place on the earlier map; a new unit goes to the mean place of its nearest seen units."""
    from topics.modeling.neighbours import top_candidates

    seen = np.flatnonzero(rows >= 0)
    coords = np.zeros((len(rows), 2), dtype=np.float32)
    if previous.coords is None or len(previous.coords) != previous.n_units or not len(seen):
        return coords
    coords[seen] = previous.coords[rows[seen]]
    new = np.flatnonzero(rows < 0)
    k = min(LAYOUT_NEIGHBOURS, len(seen))
    for start in range(0, len(new), 2_000):  # bounded memory for large increments
        block = new[start : start + 2_000]
        nearest = top_candidates(embeddings[block] @ embeddings[seen].T, k)  # a partial sort of each row costs more
        coords[block] = coords[seen][nearest].mean(axis=1)
    return coords


def matched_ids(labels: np.ndarray, previous_labels: np.ndarray, previous_ids, both_sides: bool = True) -> dict[int, int]:
    """Current topic id -> id to show: the earlier topic it continues, or a fresh id above the earlier ones.

    ``previous_labels``: each current unit's earlier topic (-1 = new unit or earlier outlier). A
    topic continues an earlier one when their shared units are more than ``MIN_MATCH_SHARE`` of the
    earlier topic's units (those still in the corpus, wherever they are now) and of the topic's units
    that had an earlier topic. One side alone is not enough: a topic whose few seen units all came
    from an earlier topic, most of which went elsewhere, would take over its id (and colour) and be
    told as its growth; a part split off a larger topic would be told as that topic shrinking. Both
    majorities make the pairs one-to-one.

    ``both_sides=False`` asks for the majority of one side only (at least ``MIN_MATCH_SHARE``), pairs
    chosen by the largest overlaps first: the earlier topic a refitted topic may continue, before
    seen units go back to it (:func:`keep_seen_units`), and a subtopic's number, which names no story
    in "Since the last run" (a subtopic split afresh is named afresh).
    """
    from scipy.optimize import linear_sum_assignment

    current = np.array(sorted(int(t) for t in np.unique(labels) if t >= 0), dtype=np.int64)
    earlier = np.array(sorted(int(t) for t in previous_ids), dtype=np.int64)
    mapping: dict[int, int] = {}
    if len(current) and len(earlier):
        both = (labels >= 0) & (previous_labels >= 0)
        overlap = pd.crosstab(labels[both], previous_labels[both]).reindex(index=current, columns=earlier, fill_value=0).to_numpy()
        seen_sizes = np.array([((labels == t) & (previous_labels >= 0)).sum() for t in current])
        earlier_sizes = np.array([(previous_labels == t).sum() for t in earlier])
        if both_sides:
            pairs = zip(*np.nonzero((overlap > MIN_MATCH_SHARE * seen_sizes[:, None]) & (overlap > MIN_MATCH_SHARE * earlier_sizes[None, :])))
        else:
            pairs = [(i, j) for i, j in zip(*linear_sum_assignment(-overlap)) if overlap[i, j] > 0 and (
                overlap[i, j] >= MIN_MATCH_SHARE * max(seen_sizes[i], 1) or overlap[i, j] >= MIN_MATCH_SHARE * max(earlier_sizes[j], 1))]
        for i, j in pairs:
            mapping[int(current[i])] = int(earlier[j])
    fresh = max([*earlier.tolist(), -1]) + 1
    for topic in current:  # current ids run from the largest topic down
        if int(topic) not in mapping:
            mapping[int(topic)] = fresh
            fresh += 1
    return mapping


def keep_ids(model, previous_labels: np.ndarray, previous_ids=None, both_sides: bool = True) -> dict[int, int]:
    """Renumber ``model``'s topics to the earlier run's ids (:func:`matched_ids`); returns the mapping used."""
    from topics.modeling import cluster
    from topics.modeling.describe import TopicDescriptions

    if previous_ids is None:
        previous_ids = np.unique(previous_labels[previous_labels >= 0])
    mapping = matched_ids(model.labels_, np.asarray(previous_labels), previous_ids, both_sides)
    ids = [int(t) for t in model.topic_ids_]
    order = sorted(range(len(ids)), key=lambda row: mapping[ids[row]])
    model.labels_ = np.array([mapping[int(t)] if t >= 0 else -1 for t in model.labels_], dtype=np.int64)
    model.topic_ids_ = np.array([mapping[ids[row]] for row in order], dtype=np.int64)
    model.topic_embeddings_ = model.topic_embeddings_[order]
    if getattr(model, "lexical_topic_embeddings_", None) is not None:  # with n_topics: the centres in words and meaning
        model.lexical_topic_embeddings_ = model.lexical_topic_embeddings_[order]
    model.assignment_floors_ = np.asarray(model.assignment_floors_)[order]
    d = model.descriptions_
    model.descriptions_ = TopicDescriptions(
        **{field: [getattr(d, field)[row] for row in order] for field in ("keywords", "keyword_weights", "labels", "representatives")}
    )
    sizes = np.array([(model.labels_ == t).sum() for t in model.topic_ids_])
    model.linkage_ = cluster.topic_linkage(model.topic_embeddings_, sizes)
    return mapping


def keep_seen_units(model, previous_labels: np.ndarray, previous_ids=None) -> int:
    """After a refit and :func:`keep_ids` (``both_sides=False``: the topics that may continue an earlier
    one): seen units return to their earlier topic where it may continue and they still look like its
    members; the model is relabelled, and its ids matched again, on both sides (:func:`matched_ids`):
    a topic continues an earlier one only when, with its seen units back, it holds most of it.
    Returns how many moved back."""
    from topics.modeling import cluster

    previous_labels = np.asarray(previous_labels)
    labels = np.asarray(model.labels_).copy()
    ids = np.asarray(model.topic_ids_, dtype=np.int64)
    moved = np.flatnonzero((previous_labels >= 0) & (labels != previous_labels) & np.isin(previous_labels, ids))
    if len(moved) == 0:
        keep_ids(model, previous_labels, previous_ids)
        return 0
    row_of = {int(t): row for row, t in enumerate(ids)}
    rows = np.array([row_of[int(t)] for t in previous_labels[moved]])
    centres = np.asarray(model.topic_embeddings_, dtype=np.float64)
    dense = np.array([row_of.get(int(t), -1) for t in labels])  # member_floors counts topics by row
    floors = cluster.member_floors(model.embeddings_, dense, centres, cluster.CONFIDENT_MEMBER_QUANTILE)
    similarity = np.einsum("ij,ij->i", np.asarray(model.embeddings_, dtype=np.float64)[moved], centres[rows])
    back = moved[similarity >= floors[rows]]
    if len(back) == 0:
        keep_ids(model, previous_labels, previous_ids)
        return 0
    labels[back] = previous_labels[back]
    model.assign(labels)
    keep_ids(model, previous_labels, previous_ids)
    return int(len(back))


def since_last_run(model, previous, rows: np.ndarray, mode: str, n_keywords: int = 5, corpus=None) -> dict:
    """What changed since the earlier run: new, grown, shrunk, renewed, quiet, renamed and gone topics,
    new keywords, new events, events no longer found and events changed.

    Sizes are unit counts; ``new_units`` of a topic are its units the earlier run did not have.
    Each continuing topic is in one of grown (more units than before), shrunk (fewer: units left
    the corpus or, in a refit, moved away; it may have new ones too), renewed (as many, some new)
    and quiet (as many, none new); one whose label changed is in renamed too. A new topic says which
    earlier topics its seen units come from (``from``: split off one that continues, or taken from
    one that is gone) and a gone topic where its units went (``went_to``, ``outliers``,
    ``left_corpus``; ``merged_into`` the topic holding most of them), so a refit's splits and merges
    are told, not only new ids and missing ones. ``new_outliers``: new units in no topic. An event
    is new when most of its units are new and it peaked after the earlier corpus's last date, unless it continues
    an earlier subtopic (keeps its number, or holds most of its units): then it is in ``became_events``, with
    that subtopic as ``earlier`` (:mod:`topics.modeling.since_became`); an earlier event is gone when most of its units still in
    the corpus are in no event now (None when the earlier run kept no subtopics); one still found changed
    when it split, joined another or grew a lot (:mod:`topics.modeling.since_events`).
    The earlier run's units no longer here are counted, with why where ``corpus`` (the current one) tells
    it (:mod:`topics.modeling.since_gone`); each topic has ``gone_units``, ``moved_in`` and ``moved_out``,
    so that ``previous_size + new_units - gone_units - moved_out + moved_in == size``.
    """
    from topics.modeling.since_events import events_changed
    from topics.modeling.since_gone import topic_flows, units_gone

    labels = np.asarray(model.labels_)
    rows = np.asarray(rows)
    is_new = rows < 0
    earlier = np.where(is_new, -1, previous.labels[np.maximum(rows, 0)])  # each unit's earlier topic
    before = previous.topics.set_index("topic_id")
    now = model.topic_info()
    now = now[now["topic_id"] != -1].set_index("topic_id")
    topics, new_topics, gone = [], [], []
    flows = topic_flows(labels, earlier, previous.labels, rows)
    for topic, row in now.iterrows():
        size, added = int(row["size"]), int(((labels == topic) & is_new).sum())
        entry = {"topic_id": int(topic), "label": row["label"], "size": size, "new_units": added, **flows[int(topic)]}
        if topic not in before.index:
            members = labels == topic
            new_topics.append({**entry, "from": _came_from(members, earlier, before, now.index),
                               "from_outliers": int((members & ~is_new & (earlier < 0)).sum())})
            continue
        old = before.loc[topic]
        entered = [k for k in row["keywords"][:n_keywords] if k not in set(old["keywords"])]
        topics.append({**entry, "previous_label": old["label"], "previous_size": int(old["size"]),
                       "growth": (size - int(old["size"])) / max(int(old["size"]), 1), "new_keywords": entered})
    for topic, old in before.iterrows():
        if topic not in now.index:
            gone.append({"topic_id": int(topic), "label": old["label"], "previous_size": int(old["size"]),
                         **_went_to(int(topic), earlier, labels, previous.labels, now, before)})
    topics.sort(key=lambda t: (-t["new_units"], t["topic_id"]))
    from topics.modeling.since_became import split_continuing

    new_events, became_events = split_continuing(_new_events(model, is_new, previous.last_date), model, previous, rows, earlier)
    return {
        "previous": {"folder": previous.folder, "kind": previous.kind, "generated_at": previous.generated_at,
                     "units": previous.n_units, "topics": len(before), "last_date": previous.last_date},
        "mode": mode,
        "units": int(len(labels)),
        "new_units": int(is_new.sum()),
        "new_outliers": int((is_new & (labels < 0)).sum()),
        "seen_units": int((~is_new).sum()),
        "kept_topic": _kept(labels, previous.labels, rows),
        "moved_units": int((~is_new & (labels != earlier)).sum()),
        **units_gone(previous, rows, corpus),
        "new_topics": new_topics,
        # One list per topic: a topic that lost units and got none new is shrunk, not quiet as well.
        "grown": [t for t in topics if t["size"] > t["previous_size"]],
        "shrunk": [t for t in topics if t["size"] < t["previous_size"]],
        "renewed": [t for t in topics if t["size"] == t["previous_size"] and t["new_units"]],
        "quiet": [t for t in topics if t["size"] == t["previous_size"] and not t["new_units"]],
        "renamed": [{"topic_id": t["topic_id"], "previous_label": t["previous_label"], "label": t["label"]}
                    for t in sorted(topics, key=lambda t: t["topic_id"]) if t["label"] != t["previous_label"]],
        "gone": gone,
        "new_keywords": [{"topic_id": t["topic_id"], "label": t["label"], "keywords": t["new_keywords"]} for t in topics if t["new_keywords"]],
        "new_events": new_events,
        "became_events": became_events,
        "events_gone": _events_gone(model, previous, rows, earlier),
        "events_changed": events_changed(model, previous, rows, earlier),
    }


def _came_from(members: np.ndarray, earlier: np.ndarray, before: pd.DataFrame, current_ids) -> list[dict]:
    """The earlier topics a new topic's seen units were in, the largest share first."""
    ids, counts = np.unique(earlier[members & (earlier >= 0)], return_counts=True)
    continuing = set(int(t) for t in current_ids)
    return [{"topic_id": int(ids[k]), "label": str(before.loc[ids[k], "label"]), "units": int(counts[k]), "continues": int(ids[k]) in continuing}
            for k in np.argsort(-counts, kind="stable")]


def _went_to(topic: int, earlier: np.ndarray, labels: np.ndarray, previous_labels: np.ndarray, now: pd.DataFrame, before: pd.DataFrame) -> dict:
    """Where a gone topic's units are now: the topics holding them (the largest share first), how many
    are outliers or left the corpus, and the topic that took most of those still in it (None when none did)."""
    present = earlier == topic
    ids, counts = np.unique(labels[present & (labels >= 0)], return_counts=True)
    went = [{"topic_id": int(ids[k]), "label": str(now.loc[ids[k], "label"]), "units": int(counts[k]), "new_topic": int(ids[k]) not in before.index}
            for k in np.argsort(-counts, kind="stable")]
    merged = went[0]["topic_id"] if went and 2 * went[0]["units"] > int(present.sum()) else None
    return {"went_to": went, "outliers": int((present & (labels < 0)).sum()),
            "left_corpus": int((previous_labels == topic).sum() - present.sum()), "merged_into": merged}


def _kept(labels: np.ndarray, previous_labels: np.ndarray, rows: np.ndarray) -> float | None:
    """Share of the seen units that keep their earlier topic id."""
    seen = np.asarray(rows) >= 0
    if not seen.any():
        return None
    return round(float((labels[seen] == previous_labels[rows[seen]]).mean()), 4)


def _new_events(model, is_new: np.ndarray, after: str | None = None) -> list[dict]:
    """The events most of whose units are new and whose peak day comes ``after`` the earlier corpus's last
    date (ISO; None: any day). An event that peaked within the earlier run's dates happened before it: a
    refit may draw it again with the next days' reports and take it for new (RT, a week on: the Kharkov
    withdrawal of 10 September, most of its units now from the 12th and 13th)."""
    events = model.events()
    if events.empty:
        return []
    sub_labels = model._subtopics().labels
    found = []
    for event in events.itertuples(index=False):
        members = (model.labels_ == event.topic_id) & (sub_labels == event.subtopic)
        if not members.any() or is_new[members].mean() <= 0.5 or (after and event.peak_date and str(event.peak_date) <= after):
            continue
        found.append({"topic_id": int(event.topic_id), "subtopic": int(event.subtopic), "label": event.label,
                      "topic_label": event.topic_label, "size": int(event.size), "peak_date": event.peak_date,
                      "new_share": round(float(is_new[members].mean()), 4), "story": int(event.story),
                      "headline": event.headline})
    return found


def _events_gone(model, previous, rows: np.ndarray, earlier: np.ndarray) -> list[dict] | None:
    """The earlier run's events that are no longer found: most of their units still in the corpus are
    in no event now (a refit or a topic split afresh found none there, or the event flags, computed
    again on the grown corpus, no longer mark their subtopic), or all of them left. Each says where
    the most of its units are now (``now_in``). None when the earlier run kept no subtopics."""
    from topics.modeling.since_events import earlier_events

    events = earlier_events(previous)
    if events is None or events.empty:
        return events if events is None else []
    found = model._subtopics()
    labels = np.asarray(model.labels_)
    sub_labels = np.asarray(found.labels)
    current = found.table
    flagged = set(zip(current.loc[current["is_event"], "topic_id"].astype(int), current.loc[current["is_event"], "subtopic"].astype(int)))
    in_event = np.array([(int(t), int(s)) in flagged for t, s in zip(labels, sub_labels)], dtype=bool)
    sub_names = {(int(t), int(s)): str(l) for t, s, l in zip(current["topic_id"], current["subtopic"], current["label"])}
    topic_names = model.topic_labels()
    earlier_sub = np.full(len(rows), -1, np.int64)
    seen = np.asarray(rows) >= 0
    earlier_sub[seen] = previous.subtopics[rows[seen]]
    peaks = {(int(e["topic_id"]), e.get("subtopic")): e.get("peak_date") for e in previous.events}
    names = previous.label_of()
    lost = []
    for event in events.itertuples(index=False):
        topic, part = int(event.topic_id), int(event.subtopic)
        members = (earlier == topic) & (earlier_sub == part)
        if 2 * int(in_event[members].sum()) > int(members.sum()):
            continue
        placed = members & (labels >= 0)
        now_in = None
        if placed.any():
            pairs, counts = np.unique(np.stack([labels[placed], sub_labels[placed]]), axis=1, return_counts=True)
            t, s = (int(v) for v in pairs[:, int(np.argmax(counts))])
            now_in = {"topic_id": t, "topic_label": topic_names.get(t), "subtopic": s, "label": sub_names.get((t, s)),
                      "units": int(counts.max()), "is_event": (t, s) in flagged}
        lost.append({"topic_id": topic, "topic_label": names.get(topic), "subtopic": part, "label": str(event.label),
                     "size": int(((previous.labels == topic) & (previous.subtopics == part)).sum()),
                     "peak_date": peaks.get((topic, part)), "units_now": int(members.sum()), "now_in": now_in})
    return sorted(lost, key=lambda e: (str(e["peak_date"] or ""), e["topic_id"], e["subtopic"]))
