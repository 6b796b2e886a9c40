"""Guided themes, measured and not adopted: a paragraph joins a seed beside it only for a theme whose seeds run on.

The join beside a seed (``topics.themes.evidence.CONTEXT_JOINS``) reads the next paragraph of an article as continuing
its neighbour's subject. On the Daily Mirror's live reports every such join read was wrong. The variant reads per theme,
off the corpus, the share of the paragraphs beside a seed of the theme that are seeds of it themselves
(:func:`seed_continuity`) and keeps the join only where that share is at least ``--continuity`` (default 0.5: a
neighbour more likely than not to continue the theme). ``install`` wraps the join.

Run: ``python -m benchmarks.themes_seed_runs [--continuity X] [--show] benchmarks.themes_heldout <corpus> --themes ...
--labels ...`` (or ``benchmarks.themes_abc <articles.jsonl>``, ``benchmarks.themes_check --only ...``): the wrapped
benchmark with the variant; ``--show`` prints each fit's per-theme share to stderr. docs/benchmarks.md, "Daily Mirror
stories on the war in Ukraine".
"""

from __future__ import annotations

import sys

import numpy as np

from benchmarks.run import run_with_variant

_OPTIONS: dict = {"continuity": 0.5, "show": False}


def seed_continuity(seeds: np.ndarray, neighbours) -> np.ndarray:
    """Per theme: of the paragraphs next to a seed of the theme in their article, the share that are seeds of it
    themselves (NaN where no paragraph is beside a seed)."""
    from topics.themes.beside_seed import next_to_seed

    beside = next_to_seed(seeds, neighbours)
    count = beside.sum(axis=0)
    return np.where(count > 0, (beside & seeds).sum(axis=0) / np.maximum(count, 1), np.nan)


def install() -> None:
    from topics.themes import evidence

    joins = evidence._context_joins

    def joins_where_seeds_run_on(z, seeds, neighbours, context_floor, z_keyword):
        share = seed_continuity(seeds, neighbours)
        if _OPTIONS["show"]:
            print("seed continuity per theme:", np.round(share, 2).tolist(), file=sys.stderr)
        return joins(z, seeds, neighbours, context_floor, z_keyword) & (share >= _OPTIONS["continuity"])

    evidence._context_joins = joins_where_seeds_run_on


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    return run_with_variant(argv, install, __doc__, _OPTIONS, {"--continuity": float, "--show": None})


if __name__ == "__main__":
    raise SystemExit(main())
