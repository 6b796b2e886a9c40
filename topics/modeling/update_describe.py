"""An update's names and aliases, with work in proportion to what changed.

An update (:func:`topics.modeling.update.update_model`) keeps every seen unit in its topic, so a
topic changes only by the new units it takes in. A topic that grew by less than
``RELABEL_SHARE`` since it was last named keeps the earlier run's label, keywords and keyword weights
(stable names are what a reader following a story wants). Growth is counted from the size the topic
had when it was last named (``named_size``, saved with the model and the report), not from the
earlier run, so a topic growing a little at every update is named afresh once the growth adds up;
a run saved without that size counts from the topic's units in the earlier run. A topic that grew more is described
afresh by the usual rules (:func:`topics.modeling.describe.describe_topics`) over its own units
(an even sample of ``CHANGED_TOPIC_UNITS`` of them in a larger topic) and a sample of the rest of
the corpus that stands for it: each other topic (and the outliers) contributes the same share of
its units, ``CONTEXT_UNITS`` in all. Each unit is weighted by how many units it stands for, so
words are counted as on the whole corpus. A changed topic keeps its earlier label where the label
still says what its fresh first keywords say, and names no lead it has lost
(:func:`topics.modeling.headlines.label_still_fits`): its
keywords are new, its name stays. Only the others' labels are composed, which is most of the cost of
naming; named afresh, a third of the grown topics and subtopics of the NYT replay kept their label
anyway, and most of the rest changed it for a near-synonym.
Representatives (the units nearest each topic's centre) are recomputed for every topic.

Aliases: the names the new texts define or spell several ways are mined from the new texts alone
and merged into the earlier run's groups (a group keeps its earlier canonical spelling).
Owns the descriptions of an update. May import: numpy, pandas, :mod:`topics.modeling.describe`,
:mod:`topics.text.alias_mining`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

RELABEL_SHARE = 0.1  # a topic is described afresh when its new units reach this share of its earlier size
CONTEXT_UNITS = 1_000  # units sampled from the unchanged topics as the corpus a changed topic is told apart from
# A changed topic larger than this is read through an even sample of this many units (as many as its
# headline phrases are read from); on a small corpus reading every unit made the update a full description.
CHANGED_TOPIC_UNITS = 400


def topics_to_describe(earlier_labels: np.ndarray, is_new: np.ndarray, previous_topics, n_keywords: int) -> np.ndarray:
    """The earlier topic ids (as the update assigned them) that need a fresh description.

    A topic needs one when it grew or shrank by ``RELABEL_SHARE`` since it was last named (:func:`changed_since_named`),
    or when the earlier run has no description of it or kept more keywords than asked for now.
    """
    known = {int(t): len(k) for t, k in zip(previous_topics["topic_id"], previous_topics["keywords"])}
    named = named_sizes_of(previous_topics)
    fresh = []
    for topic in np.unique(earlier_labels[earlier_labels >= 0]):
        members = earlier_labels == topic
        size, n_seen = int(members.sum()), int((members & ~is_new).sum())
        if int(topic) not in known or known[int(topic)] > n_keywords or changed_since_named(size, named.get(int(topic)), n_seen, RELABEL_SHARE):
            fresh.append(int(topic))
    return np.array(fresh, dtype=np.int64)


def changed_since_named(size: int, named_size: int | None, n_seen: int, share: float) -> bool:
    """Whether a topic (or subtopic) of ``size`` units grew or shrank by ``share`` of the size it was last
    named at; without that size (a run saved before it was kept), of its ``n_seen`` units the earlier run had.
    Shrinking counts too: a topic that lost the articles its name came from must not keep that name."""
    base = n_seen if named_size is None else named_size
    return abs(size - base) >= share * max(base, 1)


def named_sizes_of(table) -> dict:
    """Topic id (or (topic id, subtopic)) -> the saved size it was last named at, for the rows that have one."""
    if table is None or "named_size" not in table:
        return {}
    keys = zip(table["topic_id"], table["subtopic"]) if "subtopic" in table else table["topic_id"]
    return {(tuple(map(int, k)) if isinstance(k, tuple) else int(k)): int(n)
            for k, n in zip(keys, table["named_size"]) if n is not None and not pd.isna(n)}


def carried_named_sizes(earlier_labels: np.ndarray, is_new: np.ndarray, fresh_ids: np.ndarray, previous_topics) -> dict[int, int]:
    """After an update, topic id -> the size it was last named at, for the topics that kept the earlier
    name (the others were named at their present size)."""
    named, fresh = named_sizes_of(previous_topics), set(np.asarray(fresh_ids).tolist())
    carried = {}
    for topic in np.unique(earlier_labels[earlier_labels >= 0]):
        if int(topic) not in fresh:
            carried[int(topic)] = named.get(int(topic), int(((earlier_labels == topic) & ~is_new).sum()))
    return carried


def named_sizes(model) -> dict[int, int]:
    """Topic id -> the size it was last named at (its present size unless an update kept an earlier name)."""
    kept = getattr(model, "named_sizes_", None) or {}
    return {int(t): int(kept.get(int(t), (model.labels_ == t).sum())) for t in model.topic_ids_}


def context_rows(labels: np.ndarray, changed_ids: np.ndarray, n_context: int = CONTEXT_UNITS,
                 n_changed: int = CHANGED_TOPIC_UNITS):
    """(rows, weights): up to ``n_changed`` units of each changed topic (all of them in a smaller
    topic, else an even sample) and an even sample of each other topic and of the outliers, the same
    share of each, ``n_context`` in all; a unit is weighted by how many units it stands for."""
    in_changed = np.isin(labels, changed_ids)
    others = np.flatnonzero(~in_changed)
    share = 1.0 if len(others) <= n_context else n_context / len(others)
    rows, weights = [], []
    for topic in np.unique(labels):
        members = np.flatnonzero(labels == topic)
        n = min(len(members), n_changed) if in_changed[members[0]] else max(1, int(round(share * len(members))))
        picked = members[np.linspace(0, len(members) - 1, n).astype(int)] if n < len(members) else members
        rows.append(picked)
        weights.append(np.full(len(picked), len(members) / len(picked)))
    order = np.concatenate(rows)
    weights = np.concatenate(weights)
    sort = np.argsort(order, kind="stable")  # corpus order, as a full description reads the texts
    return order[sort], weights[sort]


def update_descriptions(model, earlier_labels: np.ndarray, fresh_ids: np.ndarray, previous_topics):
    """The ``TopicDescriptions`` of an updated ``model`` (its labels as ``assign`` numbered them): the
    earlier names, but fresh ones for the topics whose earlier ids are in ``fresh_ids`` (see the module doc)."""
    from topics.modeling.describe import TopicDescriptions, describe_topics
    from topics.modeling.representatives import representative_units
    from topics.modeling.text_material import material_of

    representatives = representative_units(
        model.labels_, model.topic_ids_, model.embeddings_, model.topic_embeddings_, model.n_representatives,
        model.units_["text"].to_numpy(dtype=object),
    )
    earlier_of = [int(earlier_labels[np.flatnonzero(model.labels_ == topic)[0]]) for topic in model.topic_ids_]
    changed = np.isin(earlier_of, fresh_ids)
    keywords, weights, names = [], [], []
    known = {int(t): row for row, t in enumerate(previous_topics["topic_id"])}
    for row, topic in enumerate(model.topic_ids_):
        if changed[row]:
            keywords.append([]), weights.append([]), names.append("")
            continue
        earlier = known[earlier_of[row]]
        keywords.append([str(k) for k in previous_topics["keywords"].iloc[earlier]])
        weights.append([float(w) for w in _weights(previous_topics, earlier, len(keywords[-1]))])
        names.append(str(previous_topics["label"].iloc[earlier]))
    if changed.any():
        # A grown topic keeps its earlier label where it still fits its fresh keywords (see the module doc).
        earlier_names = {row: (str(previous_topics["label"].iloc[known[earlier_of[row]]]),
                               [str(k) for k in previous_topics["keywords"].iloc[known[earlier_of[row]]]])
                         for row in np.flatnonzero(changed) if earlier_of[row] in known}
        rows, unit_weights = context_rows(model.labels_, model.topic_ids_[changed])
        texts = model.units_["text"].to_numpy(dtype=object)[rows].tolist()
        fresh = describe_topics(
            texts, model.labels_[rows], model.topic_ids_, model.embeddings_[rows], model.topic_embeddings_,
            n_keywords=model.n_keywords, n_representatives=0,  # found on all units above
            aliases=getattr(model, "aliases_", None), unit_weights=unit_weights, named_rows=np.flatnonzero(changed),
            material=material_of(model), earlier_names=earlier_names,
            writers=model.units_["article_id"].to_numpy(dtype=object)[rows].tolist() if "article_id" in model.units_.columns else None,
        )
        for row in np.flatnonzero(changed):
            keywords[row], weights[row], names[row] = fresh.keywords[row], fresh.keyword_weights[row], fresh.labels[row]
    return TopicDescriptions(keywords, weights, names, representatives)


def _weights(previous_topics, row: int, n: int) -> list[float]:
    """The earlier keyword weights of a topic (zeros where the earlier run did not keep them)."""
    if "keyword_weights" in previous_topics:
        found = previous_topics["keyword_weights"].iloc[row]
        if found is not None and len(found) == n:
            return list(found)
    return [0.0] * n


def merged_aliases(saved_records, new_texts: list[str], source="aliases"):
    """The earlier run's alias groups (records as :meth:`AliasTable.to_records` writes them; a malformed
    one is an InputError naming ``source``) with the groups the new texts define merged in: a new group
    sharing a name with earlier groups joins the first of them (its canonical spelling stays); one
    sharing none is added."""
    from topics.text.alias_mining import AliasGroup, AliasTable, mine_aliases

    groups = list(AliasTable.from_records(saved_records, source).groups)
    found = mine_aliases(new_texts) if new_texts else AliasTable()
    for group in found.groups:
        names = {n.casefold() for n in group.names}
        touching = [i for i, g in enumerate(groups) if names & {n.casefold() for n in g.names}]
        if not touching:
            groups.append(group)
            continue
        head = groups[touching[0]]
        joined, seen = list(head.names), {n.casefold() for n in head.names}
        for other in [*(groups[i] for i in touching[1:]), group]:
            for name in other.names:
                if name.casefold() not in seen:
                    joined.append(name)
                    seen.add(name.casefold())
        groups[touching[0]] = AliasGroup(head.canonical, tuple(joined), head.evidence)
        groups = [g for i, g in enumerate(groups) if i not in touching[1:]]
    groups.sort(key=lambda g: g.canonical.casefold())
    return AliasTable(tuple(groups))
