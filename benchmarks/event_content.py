"""Events where dates carry no story: ask the event test of sets chosen by content, not by date.

The subtopic steps cut partly by date (bursts, a time coordinate in the split), and the event flag
(topics.modeling.events.flag_events) takes a subtopic's members as given, so a slice that the steps cut
out of a longer story by its dates is "found" concentrated in time. Two rules that ask of a subtopic only
the evidence its content gives, each on top of the kept test (Holm at 0.01 over the subtopics):

- ``peers``: the same test asked of the subtopic's content peers, the topic's units most like it (as many
  as it holds; a member scored against the other members' centre, so its own vector does not pull it
  in); the subtopic's p-value becomes the larger of the two (an event only when both pass);
- ``contrast``: the members must differ in content from their sibling slice (as many of the topic's other
  units nearest the members' centre): each unit of both sets scored by its mean similarity to the
  members less its mean similarity to the slice (itself left out), Mann-Whitney, members higher;
  ``contrast max`` takes the larger p-value into Holm, ``contrast gate`` asks it at 0.01 of each
  subtopic Holm flags.

Each fit's flag inputs come from benchmarks.event_power's recorded fit (``--keep`` reuses them); the
topic of a subtopic is the union of its siblings' units.

    python -m benchmarks.event_content --cache-dir <cache> --keep DIR [--seeds 1,2,3,4,5] [--uniform START,END] PATH[@article] ...
"""

from __future__ import annotations

import argparse

import numpy as np
import pandas as pd

ALPHA = 0.01


def _unit_vectors(vectors) -> np.ndarray:
    from topics.modeling.cluster import normalise_rows

    return normalise_rows(np.asarray(vectors)).astype(np.float64)


def content_peers(vectors: np.ndarray, members: np.ndarray) -> np.ndarray:
    """Positions of the ``len(members)`` units of ``vectors`` (one topic's) most like the members: a member
    by its mean similarity to the other members, any other unit by its mean similarity to the members."""
    members = np.asarray(members, dtype=np.int64)
    n = len(members)
    if n < 2 or n >= len(vectors):
        return np.sort(members)
    unit = _unit_vectors(vectors)
    total = unit[members].sum(axis=0)
    score = unit @ total / n
    score[members] = (unit[members] @ total - (unit[members] ** 2).sum(axis=1)) / (n - 1)
    return np.sort(np.argpartition(-score, n - 1)[:n])


def content_contrast(vectors: np.ndarray, members: np.ndarray) -> float:
    """One-sided p-value that the members differ in content from their sibling slice (module docstring)."""
    from scipy.stats import mannwhitneyu

    members = np.asarray(members, dtype=np.int64)
    n = len(members)
    outside = np.setdiff1d(np.arange(len(vectors)), members)
    if n < 2 or len(outside) < 2:
        return 1.0
    unit = _unit_vectors(vectors)
    near = outside[np.argsort(-(unit[outside] @ unit[members].sum(axis=0)), kind="stable")[:n]]
    both = np.concatenate([members, near])
    sims = unit[both] @ unit[both].T
    np.fill_diagonal(sims, np.nan)
    score = np.nanmean(sims[:, :n], axis=1) - np.nanmean(sims[:, n:], axis=1)
    return float(mannwhitneyu(score[:n], score[n:], alternative="greater").pvalue)


def tested(inputs, embeddings: np.ndarray) -> pd.DataFrame:
    """One row per subtopic: its label, the kept p-value, its content peers' and its contrast p-value."""
    from topics.modeling.events import article_days, event_window_days, time_concentration

    table, sub_dates, sub_articles, corpus_dates, corpus_articles = inputs[:5]
    window = event_window_days(corpus_dates)
    corpus = article_days(corpus_dates, corpus_articles)
    positions = [corpus_dates.index.get_indexer(dates.index) for dates in sub_dates]
    rows = []
    for topic, siblings in table.groupby("topic_id").groups.items():
        members = np.sort(np.concatenate([positions[i] for i in siblings]))
        vectors = embeddings[members]
        for i in siblings:
            local = np.searchsorted(members, positions[i])
            peers = members[content_peers(vectors, local)]
            rows.append({
                "row": i, "label": str(table.loc[i, "label"]),
                "p": time_concentration(sub_dates[i], sub_articles[i], corpus, window)["p_value"],
                "p_peers": time_concentration(corpus_dates.iloc[peers], np.asarray(corpus_articles)[peers], corpus, window)["p_value"],
                "p_contrast": content_contrast(vectors, local),
            })
    return pd.DataFrame(rows).sort_values("row").reset_index(drop=True)


def flagged(found: pd.DataFrame) -> dict:
    from topics.modeling.events import holm

    kept = holm(found["p"], ALPHA)
    return {
        "holm": kept,
        "peers": holm(np.maximum(found["p"], found["p_peers"]), ALPHA),
        "contrast max": holm(np.maximum(found["p"], found["p_contrast"]), ALPHA),
        "contrast gate": kept & (found["p_contrast"] <= ALPHA).to_numpy(),
    }


def main(argv=None) -> int:
    from benchmarks.event_power import add_fit_arguments, kept_fits
    from topics.report.markdown import md_text  # labels are corpus text

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_fit_arguments(parser)
    args = parser.parse_args(argv)
    out = []
    for corpus, dates, embeddings, inputs in kept_fits(args):
        found = tested(inputs, np.asarray(embeddings))
        flags = flagged(found)
        row = {"corpus": corpus, "dates": dates, "subtopics": len(found),
               **{name: int(f.sum()) for name, f in flags.items()}, "least p": float(found["p"].min())}
        out.append(row)
        print(row, flush=True)
        for i in np.flatnonzero(np.any(np.stack(list(flags.values())), axis=0)):
            r = found.iloc[i]
            tests = ",".join(name for name, f in flags.items() if f[i]) or "-"
            print(f"  {md_text(r['label'])} | p {r['p']:.2g} peers {r['p_peers']:.2g} contrast {r['p_contrast']:.2g} | {tests}", flush=True)
    print()
    print(pd.DataFrame(out).to_string(index=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
