"""An update's new events that continue an earlier event: how often, and what "Since the last run" says.

A story that began before the earlier run's last date and goes on after it can come back from an
ordinary update as a new event beside the earlier event it continues. This benchmark fits a corpus up to a
cut (``--steps CUT:END``: the articles before CUT), saves it, and updates it with the articles up to END.
Per step: the update's mode, the share of seen units that keep their topic id and (topic, subtopic),
the events "Since the last run" calls new (label, peak, size, headline) and those it tells as an earlier
subtopic that became an event (with that subtopic), whether the NYT airport bombing
is one of them (steps that add 2021-08-26), and, for every new event an ordinary update made in a topic
with an earlier event, the earlier event nearest in days: the days between their core days (0: they
meet or overlap; :func:`topics.modeling.subtopics.event_days`), the share of each event's units in
articles that hold units of the other (:func:`topics.modeling.stories.told_together` asks both > 1/2),
and the share of the new event's units in a corpus-wide burst that also holds the earlier event's
seen units (one burst: a fresh fit would have found them as one event part).

``--grown-pages DAYS``: the earlier run reads the articles of the DAYS before the cut with only the first
half of their paragraphs (pages read while the story was being written), and the update reads them whole:
their new paragraphs are new units in articles the earlier run's events already hold.

    python -m benchmarks.update_continued_events --cache-dir <cache> [--corpus nyt|isaf|PATH]
        [--steps 2020-06-29:2020-07-31,2021-06-26:2021-07-31,2021-08-26:2021-09-01] [--grown-pages 2]
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from benchmarks.update import bombing_shown_as_new
from benchmarks.update_told_together import dated_articles, replay_parser


def _shared(counts: pd.Series, other: set) -> float:
    return float(counts[counts.index.isin(other)].sum() / counts.sum()) if counts.sum() else 0.0


def _first_half(text: str) -> str:
    """The first half of a text's paragraphs (blank-line separated; at least one)."""
    blocks = re.split(r"\n\s*\n", str(text))
    return "\n\n".join(blocks[: max(1, len(blocks) // 2)])


def _watching(found: list):
    """Wraps an update's placement of new units so as to record each new event beside the earlier events of its topic."""
    import topics.modeling.update_subtopics as stage
    from topics.modeling.subtopics import event_days

    place = stage._place_new_units

    def watched(embeddings, days, bursts, short_bursts, burst_sizes, articles, earlier, event_ids, *rest):
        local, grew = place(embeddings, days, bursts, short_bursts, burst_sizes, articles, earlier, event_ids, *rest)
        seen = earlier >= 0
        old_events = [int(e) for e in event_ids if (earlier == e).any()]
        for new_event in sorted(int(p) for p in np.unique(local) if p > earlier.max() and p not in earlier):
            inside = local == new_event
            first, last = event_days(days, inside)
            row = {"new event": new_event, "size": int(inside.sum()), "days": (first, last), "earlier events": len(old_events)}
            best = None
            for old in old_events:
                held = local == old
                start, end = event_days(days, held)
                gap = max(0.0, max(start, first) - min(end, last))
                a = pd.Series(articles[inside]).value_counts()
                b = pd.Series(articles[held]).value_counts()
                old_bursts = set(bursts[held & seen & (bursts >= 0)].tolist())
                in_burst = float(np.isin(bursts[inside], list(old_bursts)).mean()) if old_bursts else 0.0
                candidate = {"earlier": old, "earlier size": int(held.sum()), "gap days": gap,
                             "new in shared articles": round(_shared(a, set(b.index)), 2),
                             "earlier in shared articles": round(_shared(b, set(a.index)), 2),
                             "new in an earlier burst": round(in_burst, 2)}
                if best is None or (gap, -in_burst) < (best["gap days"], -best["new in an earlier burst"]):
                    best = candidate
            row["nearest earlier event"] = best
            found.append(row)
        return local, grew

    return stage, place, watched


def main(argv=None) -> int:
    parser = replay_parser(__doc__)
    parser.add_argument("--steps", default="2020-06-29:2020-07-31,2021-06-26:2021-07-31,2021-08-26:2021-09-01")
    parser.add_argument("--grown-pages", type=int, default=0, help="days before the cut whose articles the earlier run reads half of")
    args = parser.parse_args(argv)
    from topics.pipeline import find_topics

    articles, dates, embedder = dated_articles(args.corpus, args.cache_dir)
    for step in args.steps.split(","):
        cut, end = step.split(":")
        found: list = []
        stage, place, watched = _watching(found)
        with tempfile.TemporaryDirectory() as scratch:
            read = articles.copy()
            growing = ((dates < cut) & (dates >= pd.Timestamp(cut) - pd.Timedelta(days=args.grown_pages))).to_numpy()
            read.loc[growing, "text"] = read.loc[growing, "text"].map(_first_half)
            earlier = find_topics(read[(dates < cut).to_numpy()].reset_index(drop=True), embedder=embedder)
            before_table = earlier.model._subtopics().table
            earlier.model.save(Path(scratch) / "model")
            stage._place_new_units = watched
            try:
                result = find_topics(articles[(dates < end).to_numpy()].reset_index(drop=True), embedder=embedder,
                                     previous=Path(scratch) / "model")
                subtopics = result.model._subtopics()  # as a report does
            finally:
                stage._place_new_units = place
        seen = result.previous_rows >= 0
        before = result.previous.labels[result.previous_rows[seen]]
        kept = (result.model.labels_[seen] == before) & (before >= 0)
        kept_sub = subtopics.labels[seen] == result.previous.subtopics[result.previous_rows[seen]]
        since = result.since_last_run()
        print(f"== {cut} -> {end}: {int(((dates >= cut) & (dates < end)).sum())} new articles, {int(growing.sum())} grown, {result.update_mode}; "
              f"kept id {kept[before >= 0].mean():.3f}, kept subtopic {kept_sub[kept].mean():.3f}; "
              f"subtopics {len(subtopics.table)}, events {int(subtopics.table['is_event'].sum())}")
        known = before_table.set_index(["topic_id", "subtopic"])
        recent = known[known["is_event"] & (known["peak_date"].astype(str) >= str(pd.Timestamp(cut) - pd.Timedelta(days=14)))]
        for (topic, sub), e in recent.iterrows():
            print(f"  earlier event near the cut {topic}.{sub} '{e['label']}' peak {e['peak_date']} size {e['size']}")
        earlier_pair = np.full(len(seen), -1, np.int64)
        earlier_pair[seen] = result.previous.labels[result.previous_rows[seen]] * 1000 + result.previous.subtopics[result.previous_rows[seen]]
        for e in sorted(since["new_events"], key=lambda e: e["peak_date"]):
            members = (result.model.labels_ == e["topic_id"]) & (subtopics.labels == e["subtopic"])
            pairs, counts = np.unique(earlier_pair[members & seen], return_counts=True)
            came = ", ".join(f"{p // 1000}.{p % 1000}: {n}" for p, n in zip(pairs, counts))
            print(f"  new event {e['topic_id']}.{e['subtopic']} '{e['label']}' peak {e['peak_date']} size {e['size']} "
                  f"(seen units from {came or 'none'}): {e.get('headline') or '-'}")
        for e in sorted(since.get("became_events") or [], key=lambda e: e["peak_date"]):
            was = e["earlier"]
            print(f"  became an event {e['topic_id']}.{e['subtopic']} '{e['label']}' peak {e['peak_date']} size {e['size']}: "
                  f"was {was['topic_id']}.{was['subtopic']} '{was['label']}' ({was['size']}, {'an event' if was['was_event'] else 'no event'}), "
                  f"{was['units']} of them in it")
        for e in since.get("events_changed") or []:
            print(f"  changed event: {e}")
        if args.corpus == "nyt" and cut <= "2021-08-26" < end:
            print(f"  bombing new? {bombing_shown_as_new(result, since)}")
        for row in found:
            print(f"  placed: {row}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
