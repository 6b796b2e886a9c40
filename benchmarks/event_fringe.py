"""An event subtopic's fringe days: what its members outside its core days are, and what trimming them does
(measured, not part of the toolkit)

An event subtopic (:mod:`topics.modeling.subtopics`) takes in units only within its core days (the
shortest stretch holding ``CORE_SHARE`` of its members), but its burst core keeps members of any day:
a burst community can reach a few days before or after the moment. On the NYT Afghanistan full texts
(evaluation only; read from ../shared/data) this benchmark prints, per random state and for the subtopic
holding most of each of the five benchmark events' pattern paragraphs (``benchmarks.events``), its judged
units (benchmarks/data/event_labels.json) inside and outside its core days, the holder of the fall of
Kabul by day and by article (these read the toolkit's subtopics, after its own trim), and then reruns the subtopics with a rule that takes fringe members out of
every event subtopic (they join the topic's nearest non-event part; ``no trim``: none leaves):

- ``core days``: every member outside the core days leaves;
- ``core days, below the lower quartile``: such a member leaves when it is less like the event's core
  (cosine to the centre of the members inside the core days) than the core's lower quartile;
- ``core days, name-led``: every member outside the core days leaves, only in event subtopics most of
  whose members write one person's name (:func:`topics.modeling.people.person_names`): a burst found
  through a name gathers that person's other news of the days around. The toolkit now does this
  (:func:`topics.modeling.subtopics.trim_name_led_events`), so this benchmark's subtopics already have
  it; here every rule replaces it (:func:`split_with_rule`), so ``no trim`` gives the subtopics before
  it and ``core days, name-led`` those after;
- ``core days, name-led, below the lower quartile``: both conditions.

The rules here have no guard on what the core days keep (the toolkit trims an event only where its core
days still hold ``MIN_EVENT_UNITS`` units from ``MIN_ARTICLES`` articles).

For each rule and event: holder, size, judged purity, pattern recall and whether it is flagged, and
the number of events per state.

    python -m benchmarks.event_fringe --cache-dir <cache> [--random-states 42,1,2,3]
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections import Counter

import numpy as np
import pandas as pd

RULES = ("no trim", "core days", "core days, below the lower quartile", "core days, name-led",
         "core days, name-led, below the lower quartile")


def outside_core(days: np.ndarray, members: np.ndarray) -> np.ndarray:
    """The dated members outside the event's core days (:func:`topics.modeling.subtopics.event_days`)."""
    from topics.modeling.subtopics import event_days

    first, last = event_days(days, members)
    with np.errstate(invalid="ignore"):
        return members & ~np.isnan(days) & ((days < first) | (days > last))


def name_led(texts: list[str], people: frozenset[str]) -> str:
    """The one of ``people`` more than half of ``texts`` write ("" when none)."""
    counts = Counter()
    for text in texts:
        counts.update({w for w in re.findall(r"[A-Z][\w'-]+", text) if w.lower() in people})
    name, count = counts.most_common(1)[0] if counts else ("", 0)
    return name if count * 2 > len(texts) else ""


def trim_fringe(embeddings, days, labels, event_ids, rule: str, texts=None, people=frozenset()) -> np.ndarray:
    """``labels`` with the fringe members ``rule`` takes out of each event part moved to the nearest
    non-event part (cosine to its centre); unchanged without a non-event part."""
    from topics.modeling.cluster import normalise_rows

    if rule == "no trim":
        return labels
    vectors = normalise_rows(np.asarray(embeddings, dtype=np.float64))
    others = [p for p in np.unique(labels) if p not in set(event_ids)]
    if not others:
        return labels
    centres = normalise_rows(np.stack([vectors[labels == p].mean(axis=0) for p in others]))
    trimmed = labels.copy()
    for event in event_ids:
        members = labels == event
        leave = outside_core(days, members)
        if not leave.any():
            continue
        if rule.startswith("core days, name-led"):
            name = name_led([texts[i] for i in np.flatnonzero(members)], people)
            if not name:
                continue
            print(f"  name-led event part of {int(members.sum())} units ({name}): {int(leave.sum())} outside its core days",
                  file=sys.stderr)
        if rule.endswith("below the lower quartile"):
            core = members & ~leave
            centre = vectors[core].mean(axis=0)
            centre /= max(np.linalg.norm(centre), 1e-12)
            leave &= vectors @ centre < np.quantile(vectors[core] @ centre, 0.25)
        elif rule not in RULES:
            raise ValueError(f"unknown rule {rule!r}")
        rows = np.flatnonzero(leave)
        trimmed[rows] = np.asarray(others)[np.argmax(vectors[rows] @ centres.T, axis=1)]
    return trimmed


def split_with_rule(rule: str, texts_of_call, people):
    """A stand-in for :func:`topics.modeling.subtopics.split_with_events`: its steps up to the short-burst
    join (the event parts' numbers kept until the end), then ``rule`` in place of the toolkit's own trim of
    name-led events."""
    import topics.modeling.subtopics as S
    from topics.modeling.cluster import renumber_by_size

    calls = []

    def split(embeddings, days, bursts, articles, random_state, burst_sizes=None, short_bursts=None, split_days=None,
              texts=None, people_asked=frozenset(), grown=None):
        _, events, labels, event_ids = S.first_parts(embeddings, days, bursts, articles, random_state, burst_sizes, split_days)
        if (events < 0).any():
            labels = S._join_nearer_events(embeddings, days, labels, event_ids)
        if short_bursts is not None:
            labels = S.join_short_bursts(labels, short_bursts, articles, event_ids)
        labels = trim_fringe(embeddings, days, labels, event_ids, rule, texts_of_call(len(calls)), people)
        calls.append(1)
        if grown is not None:  # the parts grown from a burst, as split_with_events marks them
            grown.append(np.isin(labels, event_ids))
        return renumber_by_size(labels)

    return split


def event_holder(info, event, labels_read: dict):
    """(the event's judged units, its pattern paragraphs, the (topic, subtopic) holding most of them, that
    subtopic's members) in a fit's ``document_info``."""
    from benchmarks.events import event_units

    about = np.zeros(len(info), bool)
    about[event_units(info, event)] = True
    held = info[about & (info["topic_id"] >= 0).to_numpy()]
    pair = held.groupby(["topic_id", "subtopic"]).size().idxmax()
    in_sub = ((info["topic_id"] == pair[0]) & (info["subtopic"] == pair[1])).to_numpy()
    return labels_read.get(event.name, {}), about, pair, in_sub


def state_rows(model, rule: str, state: int, labels_read: dict) -> list[dict]:
    import topics.modeling.subtopics as S
    from benchmarks.events import EVENTS
    from topics.modeling.people import person_names

    texts = model.units_["text"].astype(str).tolist()
    present = [t for t in model.topic_ids_ if (model.labels_ == t).any()]
    people = person_names(texts) if "name-led" in rule else frozenset()
    original = S.split_with_events
    S.split_with_events = split_with_rule(
        rule, lambda call: [texts[i] for i in np.flatnonzero(model.labels_ == present[call])], people)
    try:
        model._subtopics_cache = None
        info, table = model.document_info(), model.subtopics().set_index(["topic_id", "subtopic"])
        n_events = len(model.events())
    finally:
        S.split_with_events = original
        model._subtopics_cache = None
    rows = []
    for event in EVENTS:
        known, about, pair, in_sub = event_holder(info, event, labels_read)
        judged = info.loc[in_sub, "unit_id"].map(known).dropna()
        rows.append({"rule": rule, "state": state, "events": n_events, "event": event.name,
                     "holder": f"{pair[0]}.{pair[1]}", "label": table.loc[pair, "label"], "size": int(in_sub.sum()),
                     "judged purity": judged.mean(), "judged": f"{len(judged)}/{int(in_sub.sum())}",
                     "recall": (about & in_sub).sum() / about.sum(), "event?": bool(table.loc[pair, "is_event"])})
    return rows


def fringe_rows(model, state: int, labels_read: dict) -> tuple[list[dict], pd.DataFrame]:
    """(per event: the holder's judged units inside and outside its core days; the fall of Kabul holder's units)."""
    from benchmarks.events import EVENTS
    from topics.modeling.subtopics import day_numbers

    info = model.document_info()
    days = day_numbers(pd.to_datetime(info["date"], errors="coerce"))
    rows, kabul = [], None
    for event in EVENTS:
        known, about, pair, in_sub = event_holder(info, event, labels_read)
        fringe = outside_core(days, in_sub)
        verdict = info["unit_id"].map(known).to_numpy(dtype=np.float64)

        def cell(mask):
            seen = np.isfinite(verdict[mask])
            return f"{int(np.nansum(verdict[mask]))}/{int(seen.sum())} of {int(mask.sum())}"

        rows.append({"state": state, "event": event.name, "holder": f"{pair[0]}.{pair[1]}",
                     "core days: relevant/judged of units": cell(in_sub & ~fringe),
                     "fringe days": cell(fringe), "pattern paragraphs core/fringe": f"{int((about & in_sub & ~fringe).sum())}"
                     f"/{int((about & fringe).sum())}"})
        if event.name == "Fall of Kabul":
            kabul = info[in_sub].assign(judged=verdict[in_sub], fringe=fringe[in_sub], day=info["date"].astype(str).str[:10])
    return rows, kabul


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cache-dir", default=os.environ.get("TOPICS_CACHE_DIR", "artifacts/cache"))
    parser.add_argument("--random-states", default="42,1,2,3")
    parser.add_argument("--rules", default=";".join(RULES), help="rule names, separated by ';'")
    args = parser.parse_args(argv)
    from benchmarks.events import NYT, nyt_missing, read_labels

    if nyt_missing():
        return 1
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from topics.pipeline import find_topics

    labels_read = read_labels()
    rules = args.rules.split(";")
    fringes, rows = [], []
    for state in [int(s) for s in args.random_states.split(",")]:
        model = find_topics(NYT, cache_dir=args.cache_dir, random_state=state).model
        found, kabul = fringe_rows(model, state, labels_read)
        fringes += found
        with pd.option_context("display.width", 250):
            print(f"\n## state {state}: the fall of Kabul's holder by day (relevant/judged of units; f: outside the core days)")
            by_day = kabul.groupby("day").agg(units=("unit_id", "size"), judged=("judged", "count"),
                                              relevant=("judged", "sum"), fringe=("fringe", "any"))
            print(by_day.to_string(float_format="{:.0f}".format))
            print("by article (the five largest)")
            by_article = kabul.groupby("article_id").agg(day=("day", "first"), units=("unit_id", "size"),
                                                         judged=("judged", "count"), relevant=("judged", "sum"))
            print(by_article.sort_values("units", ascending=False).head(5).to_string(float_format="{:.0f}".format))
        for rule in rules:
            rows += state_rows(model, rule, state, labels_read)
    with pd.option_context("display.width", 250, "display.max_colwidth", 50):
        print("\n## the holder's judged units inside and outside its core days")
        print(pd.DataFrame(fringes).to_string(index=False))
        frame = pd.DataFrame(rows)
        print("\n## per rule: holder, size, judged purity, pattern recall, flagged")
        print(frame.to_string(index=False, float_format="{:.2f}".format))
        print("\n## per rule and event, over the states: mean judged purity, mean recall, states >= 0.70, events per state")
        summary = frame.groupby(["rule", "event"], sort=False).agg(
            judged_purity=("judged purity", "mean"), states_70=("judged purity", lambda p: int((p >= 0.7).sum())),
            recall=("recall", "mean"), flagged=("event?", "sum"))
        print(summary.to_string(float_format="{:.2f}".format))
        print(frame.groupby(["rule", "state"], sort=False)["events"].first().unstack().to_string())
    return 0


if __name__ == "__main__":
    sys.exit(main())
