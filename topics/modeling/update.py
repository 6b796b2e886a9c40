"""Since the last run: topics carried over from an earlier run, stable ids, and what changed.

Two ways to follow a growing corpus (``find_topics(..., previous=...)``, ``topics report --previous``):

* **update** (the corpus grew by at most ``MAX_UPDATE_SHARE``): units the earlier run saw keep
  their topic; each new unit joins the nearest earlier topic (the centre of its earlier members)
  when it is as close as the topic's typical members (the floor ``predict`` uses), otherwise it
  is an outlier. Nothing is refitted; a topic keeps its earlier name and keywords unless it grew
  by a tenth or more since it was last named (:mod:`topics.modeling.update_describe`); subtopics start from the earlier
  run's (:mod:`topics.modeling.update_subtopics`).
* **refit** (the corpus changed a lot): a full fit, then each new topic takes the id of the earlier
  topic that holds most of its already-seen units, when they are the majority of one of the two.
  A seen unit the refit moved away from an earlier topic that continues goes back to it when it
  still looks like one of its members (as close to its new centre as the members' floor that
  ``predict`` uses): a unit changes topic only when the evidence changed, not because a fresh
  community search drew a boundary elsewhere (:func:`keep_seen_units`).

Either way topics keep their earlier ids (and so their colours); a topic with no earlier
counterpart gets a fresh id above the earlier ones. :func:`since_last_run` says what changed.
Owns carrying topics over between runs. May import: numpy, pandas, scipy, the topic stages
(cluster, fitting, previous); never the report.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

MAX_UPDATE_SHARE = 0.2  # new units up to this share of the corpus: assign them, do not refit
MIN_MATCH_SHARE = 0.5  # a refitted topic inherits an id when the shared units are the majority of one side
LAYOUT_NEIGHBOURS = 5  # a new unit sits on the map at the mean place of its nearest seen units


def should_update(rows: np.ndarray) -> bool:
    """Whether the corpus grew little enough (``rows``: each unit's row in the earlier run, -1 = new)."""
    return len(rows) > 0 and float((rows < 0).mean()) <= MAX_UPDATE_SHARE


def update_model(model, previous, rows: np.ndarray, units: pd.DataFrame, embeddings: np.ndarray):
    """Fill the unfitted ``model`` for ``units`` from the earlier run, without refitting (see module doc)."""
    from topics.modeling import cluster
    from topics.modeling import fitting as steps
    from topics.modeling.text_material import TextMaterial
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
    centres = cluster.topic_centroids(embeddings[seen], labels[seen], earlier)
    floors = cluster.member_floors(embeddings[seen], labels[seen], centres, cluster.CONFIDENT_MEMBER_QUANTILE)
    new = np.flatnonzero(~seen)
    if len(new):
        similarity = embeddings[new].astype(np.float64) @ centres.T.astype(np.float64)
        nearest = similarity.argmax(axis=1)
        best = similarity[np.arange(len(new)), nearest]
        labels[new] = np.where(best >= floors[nearest], earlier[nearest], -1)
    model.units_ = units
    model.embeddings_ = embeddings
    # The earlier run's naming material of each text it read (a copy: the earlier run's stays as it was).
    model.text_material_ = previous.text_material.copy() if previous.text_material is not None else TextMaterial()
    if model.aliases is True and previous.aliases is not None:
        model.aliases_ = merged_aliases(previous.aliases, units["text"].iloc[new].tolist(), previous.folder)
    else:
        model.aliases_ = steps.fit_aliases(model.aliases, units["text"].tolist())
    model.theme_names_ = []
    model.mode_ = "automatic" if model.n_topics is None else "fixed"
    fresh = topics_to_describe(labels, ~seen, previous.topics, model.n_keywords)
    model.assign(labels, describe=lambda fitted: update_descriptions(fitted, labels, fresh, previous.topics))
    keep_ids(model, labels)
    model.redescribed_topics_ = fresh  # ids kept: the others carry the earlier run's names
    model.named_sizes_ = carried_named_sizes(labels, ~seen, fresh, previous.topics)  # and the sizes they were named at
    model.coords_2d_ = _layout(previous, rows, embeddings)
    model.fit_sample_size_ = int(seen.sum())
    # Subtopics, when asked for, start from the earlier run's (topics.modeling.update_subtopics).
    model._subtopics_update = (model.labels_, previous, np.asarray(rows))
    return model


def _layout(previous, rows: np.ndarray, embeddings: np.ndarray) -> np.ndarray:
    """Seen units keep their place on the earlier map; a new unit goes to the mean place of its nearest seen units."""
    seen = np.flatnonzero(rows >= 0)
    coords = np.zeros((len(rows), 2), dtype=np.float32)
    if previous.coords is None or len(previous.coords) != previous.n_units:
        return coords
    coords[seen] = previous.coords[rows[seen]]
    new = np.flatnonzero(rows < 0)
    k = min(LAYOUT_NEIGHBOURS, len(seen))
    for start in range(0, len(new), 2_000):  # bounded memory for large increments
        block = new[start : start + 2_000]
        similarity = embeddings[block] @ embeddings[seen].T
        nearest = np.argpartition(-similarity, k - 1, axis=1)[:, :k]
        coords[block] = coords[seen][nearest].mean(axis=1)
    return coords


def matched_ids(labels: np.ndarray, previous_labels: np.ndarray, previous_ids) -> dict[int, int]:
    """Current topic id -> id to show: the earlier topic it continues, or a fresh id above the earlier ones.

    ``previous_labels``: each current unit's earlier topic (-1 = new unit or earlier outlier). Pairs
    are chosen by the largest overlaps first (one earlier topic continues at most one topic).
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
        left, right = linear_sum_assignment(-overlap)
        for i, j in zip(left, right):
            shared = overlap[i, j]
            if shared > 0 and (shared >= MIN_MATCH_SHARE * max(seen_sizes[i], 1) or shared >= MIN_MATCH_SHARE * max(earlier_sizes[j], 1)):
                mapping[int(current[i])] = int(earlier[j])
    fresh = max([*earlier.tolist(), -1]) + 1
    for topic in current:  # current ids run from the largest topic down
        if int(topic) not in mapping:
            mapping[int(topic)] = fresh
            fresh += 1
    return mapping


def keep_ids(model, previous_labels: np.ndarray, previous_ids=None) -> dict[int, int]:
    """Renumber ``model``'s topics to the earlier run's ids (:func:`matched_ids`); returns the mapping used."""
    from topics.modeling import cluster
    from topics.modeling.describe import TopicDescriptions

    if previous_ids is None:
        previous_ids = np.unique(previous_labels[previous_labels >= 0])
    mapping = matched_ids(model.labels_, np.asarray(previous_labels), previous_ids)
    ids = [int(t) for t in model.topic_ids_]
    order = sorted(range(len(ids)), key=lambda row: mapping[ids[row]])
    model.labels_ = np.array([mapping[int(t)] if t >= 0 else -1 for t in model.labels_], dtype=np.int64)
    model.topic_ids_ = np.array([mapping[ids[row]] for row in order], dtype=np.int64)
    model.topic_embeddings_ = model.topic_embeddings_[order]
    model.assignment_floors_ = np.asarray(model.assignment_floors_)[order]
    d = model.descriptions_
    model.descriptions_ = TopicDescriptions(
        **{field: [getattr(d, field)[row] for row in order] for field in ("keywords", "keyword_weights", "labels", "representatives")}
    )
    sizes = np.array([(model.labels_ == t).sum() for t in model.topic_ids_])
    model.linkage_ = cluster.topic_linkage(model.topic_embeddings_, sizes)
    return mapping


def keep_seen_units(model, previous_labels: np.ndarray, previous_ids=None) -> int:
    """After a refit and :func:`keep_ids`: seen units return to their earlier topic where it continues and
    they still look like its members; the model is relabelled and its ids matched again. Returns how many moved back."""
    from topics.modeling import cluster

    previous_labels = np.asarray(previous_labels)
    labels = np.asarray(model.labels_).copy()
    ids = np.asarray(model.topic_ids_, dtype=np.int64)
    moved = np.flatnonzero((previous_labels >= 0) & (labels != previous_labels) & np.isin(previous_labels, ids))
    if len(moved) == 0:
        return 0
    row_of = {int(t): row for row, t in enumerate(ids)}
    rows = np.array([row_of[int(t)] for t in previous_labels[moved]])
    centres = np.asarray(model.topic_embeddings_, dtype=np.float64)
    dense = np.array([row_of.get(int(t), -1) for t in labels])  # member_floors counts topics by row
    floors = cluster.member_floors(model.embeddings_, dense, centres, cluster.CONFIDENT_MEMBER_QUANTILE)
    similarity = np.einsum("ij,ij->i", np.asarray(model.embeddings_, dtype=np.float64)[moved], centres[rows])
    back = moved[similarity >= floors[rows]]
    if len(back) == 0:
        return 0
    labels[back] = previous_labels[back]
    model.assign(labels)
    keep_ids(model, previous_labels, previous_ids)
    return int(len(back))


def since_last_run(model, previous, rows: np.ndarray, mode: str, n_keywords: int = 5) -> dict:
    """What changed since the earlier run: new, grown, shrunk, renewed, quiet and gone topics, new keywords, new events.

    Sizes are unit counts; ``new_units`` of a topic are its units the earlier run did not have.
    Each continuing topic is in one of grown (more units than before), shrunk (fewer: units left
    the corpus or, in a refit, moved away; it may have new ones too), renewed (as many, some new)
    and quiet (as many, none new). An event is new when most of its units are new units.
    """
    labels = np.asarray(model.labels_)
    is_new = np.asarray(rows) < 0
    before = previous.topics.set_index("topic_id")
    now = model.topic_info()
    now = now[now["topic_id"] != -1].set_index("topic_id")
    topics, new_topics, gone = [], [], []
    for topic, row in now.iterrows():
        size, added = int(row["size"]), int(((labels == topic) & is_new).sum())
        entry = {"topic_id": int(topic), "label": row["label"], "size": size, "new_units": added}
        if topic not in before.index:
            new_topics.append(entry)
            continue
        old = before.loc[topic]
        entered = [k for k in row["keywords"][:n_keywords] if k not in set(old["keywords"])]
        topics.append({**entry, "previous_label": old["label"], "previous_size": int(old["size"]),
                       "growth": (size - int(old["size"])) / max(int(old["size"]), 1), "new_keywords": entered})
    for topic, old in before.iterrows():
        if topic not in now.index:
            gone.append({"topic_id": int(topic), "label": old["label"], "previous_size": int(old["size"])})
    topics.sort(key=lambda t: (-t["new_units"], t["topic_id"]))
    new_events = _new_events(model, is_new)
    return {
        "previous": {"folder": previous.folder, "kind": previous.kind, "generated_at": previous.generated_at,
                     "units": previous.n_units, "topics": len(before), "last_date": previous.last_date},
        "mode": mode,
        "units": int(len(labels)),
        "new_units": int(is_new.sum()),
        "seen_units": int((~is_new).sum()),
        "kept_topic": _kept(labels, previous.labels, rows),
        "new_topics": new_topics,
        # One list per topic: a topic that lost units and got none new is shrunk, not quiet as well.
        "grown": [t for t in topics if t["size"] > t["previous_size"]],
        "shrunk": [t for t in topics if t["size"] < t["previous_size"]],
        "renewed": [t for t in topics if t["size"] == t["previous_size"] and t["new_units"]],
        "quiet": [t for t in topics if t["size"] == t["previous_size"] and not t["new_units"]],
        "gone": gone,
        "new_keywords": [{"topic_id": t["topic_id"], "label": t["label"], "keywords": t["new_keywords"]} for t in topics if t["new_keywords"]],
        "new_events": new_events,
    }


def _kept(labels: np.ndarray, previous_labels: np.ndarray, rows: np.ndarray) -> float | None:
    """Share of the seen units that keep their earlier topic id."""
    seen = np.asarray(rows) >= 0
    if not seen.any():
        return None
    return round(float((labels[seen] == previous_labels[rows[seen]]).mean()), 4)


def _new_events(model, is_new: np.ndarray) -> list[dict]:
    events = model.events()
    if events.empty:
        return []
    sub_labels = model._subtopics().labels
    found = []
    for event in events.itertuples(index=False):
        members = (model.labels_ == event.topic_id) & (sub_labels == event.subtopic)
        if members.any() and is_new[members].mean() > 0.5:
            found.append({"topic_id": int(event.topic_id), "subtopic": int(event.subtopic), "label": event.label,
                          "topic_label": event.topic_label, "size": int(event.size), "peak_date": event.peak_date,
                          "new_share": round(float(is_new[members].mean()), 4)})
    return found
