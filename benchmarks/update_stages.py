"""Where one update step's CPU goes, stage by stage, against a full fit of the same corpus.

The corpus is grown as ``benchmarks.update_step`` grows it (``--ends``; earlier steps fitted and saved in
``--work-dir``); the last step's update (reading the earlier run, ``update_model``, the subtopics) is then
run ``--repeats`` times with CPU timers around its stages (the functions are wrapped in their modules, so
the update's own code is unchanged), then a full fit with its subtopics (and its alias worker's CPU), as
``benchmarks.update`` times it. cProfile is not used: it inflates the naming's many small calls about threefold.

``--only-unplaced`` measures a variant of the new-topic search: only the units that joined no topic (new
units below every floor and earlier outliers) are searched; a new unit the update placed under an earlier
topic is searched as one of that topic's members. It prints the new topics each way.

    python -m benchmarks.update_stages --cache-dir <cache> --ends 2021-08-01,2021-08-26,2021-09-01,2021-10-01
        [--work-dir DIR] [--repeats 3] [--only-unplaced]
"""

from __future__ import annotations

import functools
import json
import time

import numpy as np

# (module, function, stage name): each stage's CPU is summed over its calls.
STAGES = (
    ("topics.modeling.update_new_topics", "with_new_topics", "new-topic searches"),
    ("topics.modeling.update_new_topics", "communities", "  of which community searches"),
    ("topics.modeling.update_describe", "merged_aliases", "aliases merged"),
    ("topics.modeling.update_describe", "update_descriptions", "topic names"),
    ("topics.modeling.update_subtopics", "_corpus_bursts", "bursts"),
    ("topics.modeling.update_subtopic_table", "subtopic_table", "subtopic names"),
)


def timed_stages(totals: dict) -> None:
    """Wrap each of ``STAGES`` so that its CPU seconds add up in ``totals``."""
    import importlib

    for module_name, name, stage in STAGES:
        module = importlib.import_module(module_name)
        function = getattr(module, name)

        def timed(*args, _function=function, _stage=stage, **kwargs):
            cpu = time.process_time()
            try:
                return _function(*args, **kwargs)
            finally:
                totals[_stage] = totals.get(_stage, 0.0) + time.process_time() - cpu

        setattr(module, name, functools.wraps(function)(timed))


def only_unplaced() -> None:
    """The variant search (module doc): new units placed under a topic count as that topic's seen members."""
    from topics.modeling import update_new_topics

    search = update_new_topics.with_new_topics

    def variant(model, labels, seen, *args, **kwargs):
        return search(model, labels, np.asarray(seen) | (np.asarray(labels) >= 0), *args, **kwargs)

    update_new_topics.with_new_topics = variant


def main(argv=None) -> int:
    from benchmarks.update_step import an_update, parsed_step, update_once

    def more_arguments(parser):
        parser.add_argument("--repeats", type=int, default=3)
        parser.add_argument("--only-unplaced", action="store_true", help="also run the variant search (module doc)")

    args, result, embedder = parsed_step(argv, __doc__, more_arguments)
    from benchmarks.update import read_earlier_run
    from topics.modeling.model import TopicModel

    if not an_update(result):
        return 1
    totals: dict = {}

    def read_timed(result, embedder):
        cpu = time.process_time()
        earlier = read_earlier_run(result, embedder)
        totals["read the earlier run"] = totals.get("read the earlier run", 0.0) + time.process_time() - cpu
        return earlier

    update = functools.partial(update_once, result, embedder, read_timed)

    def new_topics(model, earlier) -> dict:
        before = set(earlier.topics["topic_id"].astype(int))
        return {model.topic_labels()[int(t)]: int((model.labels_ == t).sum()) for t in model.topic_ids_ if int(t) not in before}

    model, _, earlier = update()  # what a process loads once
    timed_stages(totals)
    totals.clear()
    cpu, wall = time.process_time(), time.perf_counter()
    for _ in range(args.repeats):
        model, _, earlier = update()
    update_cpu, update_wall = (time.process_time() - cpu) / args.repeats, (time.perf_counter() - wall) / args.repeats
    stages = {stage: round(seconds / args.repeats, 3) for stage, seconds in totals.items()}
    from topics.modeling import alias_worker

    cpu, wall, worker = time.process_time(), time.perf_counter(), alias_worker.worker_cpu_seconds
    TopicModel(embedder=embedder).fit(result.units, embeddings=result.embeddings)._subtopics()
    # Its alias-mining worker's CPU too (another process: this one's clock does not count it), as benchmarks.update.
    full_cpu = time.process_time() - cpu + alias_worker.worker_cpu_seconds - worker
    full_wall = time.perf_counter() - wall
    report = {"units": len(result.units), "new units": int((result.previous_rows < 0).sum()),
              "update cpu s": round(update_cpu, 2), "update wall s": round(update_wall, 2),
              "full fit + subtopics + worker cpu s": round(full_cpu, 2), "full wall s": round(full_wall, 2),
              "ratio cpu": round(full_cpu / update_cpu, 2), "stages cpu s": stages, "new topics": new_topics(model, earlier)}
    if args.only_unplaced:
        only_unplaced()
        totals.clear()
        model, _, earlier = update()
        report["only unplaced searched"] = {"new-topic searches cpu s": round(totals.get("new-topic searches", 0.0), 3),
                                            "new topics": new_topics(model, earlier)}
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
