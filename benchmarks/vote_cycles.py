"""The neighbour vote of an update's searches: how many rounds it runs, and its CPU with and without reading cycles.

``cluster.vote_with_neighbours`` lets every member vote at once each round, up to ``REFINE_ROUNDS``. The last
step of ``--ends`` is grown and updated as ``benchmarks.update_step`` does it; every vote that update runs is
recorded (its graph and labels), then run again two ways in turn, ``--repeats`` times each (least CPU kept):
every member counted each round to the end (the vote before cycles were read, written out below) and the
vote as it is. Per vote: members, rounds run before, whether it ended in a cycle, the CPU of each, and
whether the labels are the same. ``--full-fit``: the votes of a full fit of the last step's corpus instead.

    python -m benchmarks.vote_cycles --cache-dir <cache> --ends 2021-08-01,2021-08-26,2021-09-01,2021-10-01
        [--work-dir DIR] [--repeats 5] [--full-fit]
"""

from __future__ import annotations

import json
import time

import numpy as np


def vote_every_round(weights, labels: np.ndarray, max_rounds: int) -> tuple[np.ndarray, int, bool]:
    """The vote counting every member each round: (labels, rounds run, whether it settled).

    A reference copy, kept on purpose, of ``cluster.vote_with_neighbours`` as it was before it read cycles
    (the same edge-by-edge sums, no round digests): the "before" this benchmark times and compares with."""
    import scipy.sparse as sparse

    labels = labels.copy()
    members = np.flatnonzero(labels >= 0)
    member_weights = sparse.csr_matrix(weights)[members]
    owner = np.repeat(np.arange(len(members)), np.diff(member_weights.indptr))
    neighbour, weight = member_weights.indices, member_weights.data.astype(np.float64)
    column_of = np.full(len(labels), -1, np.int64)
    for done in range(1, max_rounds + 1):
        ids, column = np.unique(labels[members], return_inverse=True)
        column_of[members] = column
        target = column_of[neighbour]
        edge = target >= 0
        held = np.bincount(owner[edge] * len(ids) + target[edge], weights=weight[edge],
                           minlength=len(members) * len(ids)).reshape(len(members), len(ids))
        voted = np.where(held.max(axis=1) > 0, ids[held.argmax(axis=1)], labels[members])
        if (voted == labels[members]).all():
            return labels, done, True
        labels[members] = voted
    return labels, max_rounds, False


def least_cpu(run, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return min(times)


def main(argv=None) -> int:
    from benchmarks.update_step import parsed_step, update_once

    def more_arguments(parser):
        parser.add_argument("--repeats", type=int, default=5)
        parser.add_argument("--full-fit", action="store_true", help="time the votes of a full fit, not of the update")

    args, result, embedder = parsed_step(argv, __doc__, more_arguments)
    from topics.modeling import cluster
    from topics.modeling.model import TopicModel

    votes, vote = [], cluster.vote_with_neighbours

    def recorded(weights, labels, max_rounds=cluster.REFINE_ROUNDS):
        votes.append((weights.copy(), labels.copy(), max_rounds))
        return vote(weights, labels, max_rounds)

    cluster.vote_with_neighbours = recorded
    try:
        if args.full_fit:  # as benchmarks.update times it: no fit cache
            TopicModel(embedder=embedder).fit(result.units, embeddings=result.embeddings)
        else:
            update_once(result, embedder)
    finally:
        cluster.vote_with_neighbours = vote
    totals = [0.0, 0.0]
    for weights, labels, max_rounds in votes:
        before, rounds, settled = vote_every_round(weights, labels, max_rounds)
        cpu = [least_cpu(lambda: vote_every_round(weights, labels, max_rounds), args.repeats),
               least_cpu(lambda: vote(weights, labels, max_rounds), args.repeats)]
        totals = [total + part for total, part in zip(totals, cpu)]
        print(json.dumps({"members": int((labels >= 0).sum()), "rounds before": rounds, "settled": settled,
                          "cpu ms before": round(1000 * cpu[0], 1), "cpu ms now": round(1000 * cpu[1], 1),
                          "same labels": bool((vote(weights, labels, max_rounds) == before).all())}))
    print(json.dumps({"votes": len(votes), "cpu ms before": round(1000 * totals[0]), "cpu ms now": round(1000 * totals[1])}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
