"""Stricter joins into event subtopics: what each rule keeps, judged by reading (measured, not part of the toolkit)

An event subtopic is its burst core (the topic's share of a burst, grown by the topic's units as
close to its centre as its median member) plus the units two joins add
(:mod:`topics.modeling.subtopics`): the nearer-unit join (a unit of a non-event part, published
within the event's core days, nearer the event's centre than its own part's) and the short-burst
join (the other units of a short burst mostly in the event). On the NYT Afghanistan full texts
(evaluation only; read from ../shared/data) this benchmark traces which step put each unit of the
five benchmark events' holders there, and counts, with the judgements in
benchmarks/data/event_labels.json, how many judged-relevant and judged-irrelevant joined units a
stricter rule would keep. Rules, each using no constant read off this corpus:

- ``side``: the unit is nearer the event's centre than the centre of the topic's other stories of
  the event's core days (the units of no event part, the unit itself left out);
- ``nearest part``: the event's centre is the nearest of all the topic's part centres to the unit;
- ``core p10``: the unit's similarity to the event's centre is at least the 10th percentile of the
  core members' own similarities;
- ``shares article``: an article of the core also holds the unit.

Then each rule is applied to the nearer-unit join (and ``side`` also to the short-burst join), the
holder is found again (the subtopic holding most of the event's pattern paragraphs) and its size,
judged purity and judged-relevant units (of all the event's judged-relevant units) are given per
state, next to the toolkit's output (``as fitted``).

    python -m benchmarks.event_joins --cache-dir <cache> [--random-states 42,1,2,3,4]
"""

from __future__ import annotations

import argparse
import os
import sys

import numpy as np
import pandas as pd

RULES = ("as fitted", "side", "nearest part", "core p10", "shares article", "side on both joins", "no joins")


def traced_split(embeddings, days, bursts, articles, random_state, burst_sizes=None, short_bursts=None, split_days=None,
                 rule="as fitted", grown=None):
    """:func:`topics.modeling.subtopics.split_with_events` step by step: (labels, step of each unit),
    a joined unit kept only when ``rule`` holds for it and the event it joins (``split_days``: the Ward
    split's time coordinate, as there; ``grown`` gets the mask of units in parts grown from a burst, as there)."""
    import topics.modeling.subtopics as S
    from topics.modeling.cluster import normalise_rows, renumber_by_size

    vectors = normalise_rows(embeddings)
    parts, events, labels, event_ids = S.first_parts(embeddings, days, bursts, articles, random_state, burst_sizes, split_days)
    step = np.where(parts >= 0, "core", np.where(events >= 0, "grown", "Ward part")).astype(object)
    if (events < 0).any():
        joined = S._join_nearer_events(embeddings, days, labels, event_ids)
        kept = _keep(vectors, days, articles, labels, joined, event_ids, events, rule)
        step[kept != labels] = "nearer"
        labels = kept
    if short_bursts is not None:
        joined = S.join_short_bursts(labels, short_bursts, articles, event_ids)
        short_rule = rule if rule in ("side on both joins", "no joins") else "as fitted"
        kept = _keep(vectors, days, articles, labels, joined, event_ids, events, short_rule)
        step[kept != labels] = "short"
        labels = kept
    if grown is not None:
        grown.append(np.isin(labels, event_ids))
    return renumber_by_size(labels), step


def _keep(vectors, days, articles, before, joined, event_ids, cores, rule) -> np.ndarray:
    """``joined`` with the units that ``rule`` rejects put back where they were (``cores``: the event
    parts before the joins)."""
    if rule == "as fitted":
        return joined
    kept = joined.copy()
    parts = np.unique(before)
    centres = np.stack([vectors[before == p].mean(axis=0) for p in parts])
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    for event in np.unique(joined[joined != before]):
        moved = (joined == event) & (before != event)
        centre = centres[np.searchsorted(parts, event)]
        to_event = vectors @ centre
        if rule == "no joins":
            ok = np.zeros(len(before), bool)
        elif rule in ("side", "side on both joins"):
            ok = side_of_event(vectors, days, before, event, event_ids)
        elif rule == "nearest part":
            ok = np.argmax(vectors @ centres.T, axis=1) == np.searchsorted(parts, event)
        elif rule == "core p10":
            core = cores == event
            ok = to_event >= np.quantile(vectors[core] @ centre, 0.1)
        elif rule == "shares article":
            ok = np.isin(articles, articles[cores == event])
        else:
            raise ValueError(f"unknown rule {rule!r}")
        kept[moved & ~ok] = before[moved & ~ok]
    return kept


def side_of_event(vectors: np.ndarray, days: np.ndarray, labels: np.ndarray, event, event_ids) -> np.ndarray:
    """Which units are nearer the event's centre than the centre of the topic's other stories of its
    core days (units of no event part within :func:`topics.modeling.subtopics.event_days`, each unit
    left out of its own); all True when fewer than two such units leave nothing to compare.
    ``vectors``: unit-length rows."""
    from topics.modeling.subtopics import event_days

    members = labels == event
    first, last = event_days(days, members)
    same_days = ~np.isin(labels, event_ids) & (days >= first) & (days <= last)
    if same_days.sum() < 2:
        return np.ones(len(labels), bool)
    centre = vectors[members].mean(axis=0)
    others = vectors[same_days].sum(axis=0) - same_days[:, None] * vectors
    to_others = (vectors * others).sum(axis=1) / np.maximum(np.linalg.norm(others, axis=1), 1e-12)
    return vectors @ (centre / np.linalg.norm(centre)) > to_others


def holder_rows(model, rule: str, state: int, labels_read: dict) -> tuple[list[dict], list[dict]]:
    """(one row per event: the holder under ``rule``; one row per judged unit of a holder: its step)."""
    import topics.modeling.subtopics as S
    from benchmarks.events import EVENTS, event_units, read_sample

    steps_of = {}

    def split(embeddings, days, bursts, articles, random_state, burst_sizes=None, short_bursts=None, split_days=None,
              texts=None, people=frozenset(), grown=None):
        labels, step = traced_split(embeddings, days, bursts, articles, random_state, burst_sizes, short_bursts,
                                    split_days, rule, grown)
        steps_of[len(steps_of)] = step
        return labels

    original = S.split_with_events
    S.split_with_events = split
    try:
        model._subtopics_cache = None
        info = model.document_info()
    finally:
        S.split_with_events = original
        model._subtopics_cache = None
    step = np.full(len(info), "", dtype=object)
    present = [t for t in model.topic_ids_ if (model.labels_ == t).any()]
    for number, topic in enumerate(present):
        step[np.flatnonzero(model.labels_ == topic)] = steps_of[number]
    rows, units = [], []
    for event in EVENTS:
        known = labels_read.get(event.name, {})
        about = np.zeros(len(info), bool)
        about[event_units(info, event)] = True
        held = info[about & (info["topic_id"] >= 0).to_numpy()]
        topic, sub = held.groupby(["topic_id", "subtopic"]).size().idxmax()
        in_sub = ((info["topic_id"] == topic) & (info["subtopic"] == sub)).to_numpy()
        judged = info.loc[in_sub, "unit_id"].map(known).dropna()
        relevant = sum(known.values())
        sample = read_sample(info, in_sub)["unit_id"].map(known)
        rows.append({"rule": rule, "state": state, "event": event.name, "holder": f"{topic}.{sub}",
                     "size": int(in_sub.sum()), "read purity": sample.mean(), "unread": int(sample.isna().sum()),
                     "judged purity": judged.mean(),
                     "relevant held": f"{int(judged.sum())}/{relevant}"})
        for i in np.flatnonzero(in_sub):
            verdict = known.get(info["unit_id"].iat[i])
            if verdict is not None:
                units.append({"rule": rule, "state": state, "event": event.name, "step": step[i], "about": verdict})
    return rows, units


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cache-dir", default=os.environ.get("TOPICS_CACHE_DIR", "artifacts/cache"))
    parser.add_argument("--random-states", default="42,1,2,3,4")
    parser.add_argument("--rules", default=",".join(RULES))
    args = parser.parse_args(argv)
    from benchmarks.events import NYT, nyt_missing, read_labels

    if nyt_missing():
        return 1
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from topics.pipeline import find_topics

    labels_read = read_labels()
    rows, units = [], []
    for state in [int(s) for s in args.random_states.split(",")]:
        model = find_topics(NYT, cache_dir=args.cache_dir, random_state=state).model
        for rule in args.rules.split(","):
            found, judged = holder_rows(model, rule, state, labels_read)
            rows += found
            units += judged
    frame, judged = pd.DataFrame(rows), pd.DataFrame(units)
    states = args.random_states.replace(",", " / ")
    with pd.option_context("display.width", 250, "display.max_colwidth", 60):
        print(f"## Judged units of the holders by the step that put them there (as fitted; states {states})")
        fitted = judged[judged["rule"] == "as fitted"]
        print(fitted.groupby(["event", "step"])["about"].agg(judged="size", about="sum", share="mean")
              .to_string(float_format="{:.2f}".format))
        print(f"\n## Per rule and event, states {states}: holder size, read purity (sample of 12, benchmarks.events), "
              "its unread units, judged purity, judged-relevant units held")
        for column in ("size", "read purity", "unread", "judged purity", "relevant held"):
            cells = frame.assign(value=frame[column].map(lambda v: f"{v:.2f}" if isinstance(v, float) else str(v)))
            print(f"\n{column}")
            print(cells.pivot_table(index="rule", columns="event", values="value", aggfunc=" / ".join, sort=False)
                  .reindex(args.rules.split(",")).to_string())
        pooled = judged.groupby(["rule", "event"])["about"].mean().unstack()
        print("\njudged purity pooled over the states' holders")
        print(pooled.reindex(args.rules.split(",")).to_string(float_format="{:.3f}".format))
    return 0


if __name__ == "__main__":
    sys.exit(main())
