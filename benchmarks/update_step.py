"""One update step, timed alone and written out: what an exact speed-up of the update is measured with.

The corpus is grown to each date of ``--ends`` in turn (the first step a fit, the others ``previous=`` the
step before, saved with its subtopics, as ``benchmarks.update`` replays it); the last step's update (reading
the earlier run, the fit, the subtopics: what ``benchmarks.update`` counts as "update") is then timed
``--repeats`` times (CPU and wall seconds; one untimed run first loads what a process loads once). With
``--out FILE`` the update's results (each unit's topic and subtopic, the topic and subtopic tables without
their representatives, the events, the topics named afresh) are written as JSON, so that two versions of the
code can be compared for identical output. Run two versions side by side (one process each): the same load.
With ``--profile FILE`` one more update runs under cProfile (its stats written to FILE) and the functions
holding most of its own time are printed, with the naming's share (``describe_topics``, cumulative).

    python -m benchmarks.update_step --cache-dir <cache> [--corpus nyt|isaf|PATH] [--period M|W]
        --ends 2021-08-01,2021-08-26,2021-09-01,2021-10-01 [--work-dir DIR] [--repeats 4] [--out FILE] [--profile FILE]
"""

from __future__ import annotations

import argparse
import functools
import json
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd


def step_results(model, subtopics) -> dict:
    """What an update decides, as plain JSON (representatives left out: they are chosen as before)."""
    topics = model.topic_info()
    topics = topics.drop(columns=[c for c in ("representatives", "representative_docs") if c in topics])
    return {"labels": np.asarray(model.labels_).tolist(), "subtopics": np.asarray(subtopics.labels).tolist(),
            "topics": topics.astype(str).to_dict("records"), "subtopic_table": subtopics.table.astype(str).to_dict("records"),
            "events": model.events().astype(str).to_dict("records"), "named_afresh": sorted(map(int, model.redescribed_topics_))}


def profile_update(update, path: str, top: int = 25) -> None:
    """One ``update()`` under cProfile: stats written to ``path``; the ``top`` functions by their own time
    printed, and the profiled seconds of the whole update and of its naming (``describe_topics``)."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.runcall(update)
    profiler.dump_stats(path)
    stats = pstats.Stats(profiler)
    # Its cumulative time (cProfile counts a recursive call once: a sampled description calls itself).
    naming = sum(row[3] for (file, _, name), row in stats.stats.items() if name == "describe_topics" and file.endswith("describe.py"))
    print(json.dumps({"profiled s": round(stats.total_tt, 2), "naming (describe_topics) profiled s": round(naming, 2)}))
    stats.sort_stats("tottime").print_stats(top)


def add_step_arguments(parser: argparse.ArgumentParser) -> None:
    """The options ``last_step`` reads (and ``--work-dir``, where its earlier steps are kept)."""
    parser.add_argument("--cache-dir", default="artifacts/cache")
    parser.add_argument("--corpus", default="nyt")
    parser.add_argument("--period", choices=("M", "W"), default="M")
    parser.add_argument("--ends", required=True, help="comma-separated dates: each step holds the articles before one")
    parser.add_argument("--work-dir", default=None, help="keep the earlier steps' saved runs here (reused when present)")


def last_step(args, work: Path):
    """(the last step's ``find_topics`` result, the embedder): each earlier step fitted and saved in ``work`` (reused
    when there), as a report saves it, and the last step's corpus read against the one before it."""
    from benchmarks.update import load_articles
    from topics.embedding.embed import Embedder
    from topics.pipeline import find_topics

    articles = load_articles(args.corpus, args.period)
    dates = pd.to_datetime(articles["date"], errors="coerce")
    embedder = Embedder(cache_dir=args.cache_dir)
    ends = [pd.Timestamp(end) for end in args.ends.split(",")]
    corpus_until = lambda end: articles[(dates < end).to_numpy()].drop(columns="month").reset_index(drop=True)
    previous = None
    for step, end in enumerate(ends[:-1]):
        folder = work / f"step{step}-{end.date()}"
        if not folder.exists():
            result = find_topics(corpus_until(end), embedder=embedder, previous=previous)
            result.model._subtopics()  # as a report does: saved with its subtopics
            result.model.save(folder)
        previous = folder
    return find_topics(corpus_until(ends[-1]), embedder=embedder, previous=previous), embedder


def an_update(result) -> bool:
    """Whether the last step (:func:`last_step`) is an update; where not, says so."""
    if result.update_mode != "update":
        print(f"the last step is a {result.update_mode}, not an update: nothing to time")
        return False
    return True


def parsed_step(argv, doc: str, more_arguments) -> tuple:
    """(options, the last step, its embedder) for a benchmark of one update step: the step options plus
    ``more_arguments(parser)``, the corpus built step by step in ``--work-dir``, else in a scratch folder kept as long
    as the options are (the update reads the earlier run there)."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_step_arguments(parser)
    more_arguments(parser)
    args = parser.parse_args(argv)
    args.scratch = tempfile.TemporaryDirectory()  # removed with the options, at exit
    result, embedder = last_step(args, Path(args.work_dir or args.scratch.name))
    return args, result, embedder


def update_once(result, embedder, read_earlier=None):
    """The last step's update as ``benchmarks.update`` counts it: the earlier run read (by ``read_earlier``, default
    :func:`benchmarks.update.read_earlier_run`), ``update_model``, the subtopics; (the model, its subtopics, the
    earlier run as read)."""
    from benchmarks.update import read_earlier_run
    from topics.modeling.model import TopicModel
    from topics.modeling.update import update_model

    earlier = (read_earlier or read_earlier_run)(result, embedder)
    model = update_model(TopicModel(embedder=embedder), earlier, result.previous_rows, result.units, result.embeddings)
    return model, model._subtopics(), earlier


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_step_arguments(parser)
    parser.add_argument("--repeats", type=int, default=4)
    parser.add_argument("--out", default=None, help="write the last step's results here (JSON)")
    parser.add_argument("--profile", default=None, help="profile one more update; write its cProfile stats here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        result, embedder = last_step(args, Path(args.work_dir or scratch))
        if not an_update(result):
            return 1
        update = functools.partial(update_once, result, embedder)
        update()  # what a process loads once
        times = []
        for _ in range(args.repeats):
            cpu, wall = time.process_time(), time.perf_counter()
            model, subtopics, _ = update()
            times.append((time.process_time() - cpu, time.perf_counter() - wall))
        if args.profile:
            profile_update(update, args.profile)
    print(json.dumps({"units": len(result.units), "new units": int((result.previous_rows < 0).sum()),
                      "update cpu s": [round(c, 2) for c, _ in times], "update wall s": [round(w, 2) for _, w in times],
                      "median cpu s": round(float(np.median([c for c, _ in times])), 2)}))
    if args.out:
        Path(args.out).write_text(json.dumps(step_results(model, subtopics), sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
