"""How often the event flag's p-value passes a bar when a subtopic's articles take random corpus dates.

    python -m benchmarks.event_random_dates [--draws 20000] [--seed 2]

Two synthetic corpora (two articles a day for 90 days; one a day for 365 days). For each size n of 3, 4 and 5
articles, ``--draws`` subtopics take n of the corpus's articles at random, and ``time_concentration`` (event width
and short windows, as shipped) gives each its p-value, with the Bonferroni factor counting the windows scanned
(shipped) and every window position a scan can reach (``COUNT_EVERY_WINDOW``). A valid p-value passes a bar at
most as often as the bar says: the ratio column is the rate over the bar.
"""

from __future__ import annotations

import argparse

import numpy as np
import pandas as pd

from topics.modeling.events import SHORT_WINDOW_SCALE, article_days, event_window_days, time_concentration

CORPORA = ((2, 90), (1, 365))  # articles a day, days
SIZES = (3, 4, 5)
BARS = (0.01, 2e-4)


def p_values(per_day: int, n_days: int, n: int, draws: int, rng: np.random.Generator) -> dict[bool, np.ndarray]:
    """The p-values of ``draws`` random subtopics of n articles, by whether every window is counted."""
    days = np.repeat(np.arange(n_days), per_day)
    dates = pd.Series(pd.Timestamp("2021-01-01") + pd.to_timedelta(days, unit="D"))
    ids = np.array([f"a{i}" for i in range(len(days))])
    corpus = article_days(dates, ids)
    window = event_window_days(dates)
    found = {False: [], True: []}
    for _ in range(draws):
        pick = rng.choice(len(ids), n, replace=False)
        picked = dates.iloc[pick].reset_index(drop=True)
        for every in found:
            found[every].append(time_concentration(picked, ids[pick], corpus, window, window * SHORT_WINDOW_SCALE,
                                                   every_window=every)["p_value"])
    return {every: np.array(values) for every, values in found.items()}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--draws", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=2)
    args = parser.parse_args(argv)
    rng = np.random.default_rng(args.seed)
    print("| corpus | n | " + " | ".join(f"P(p <= {bar:g}), windows scanned (x bar) | every window counted (x bar)" for bar in BARS) + " |")
    print("|---|---|" + "---|---|" * len(BARS))
    for per_day, n_days in CORPORA:
        for n in SIZES:
            found = p_values(per_day, n_days, n, args.draws, rng)
            cells = [f"{np.mean(found[every] <= bar):.2%} ({np.mean(found[every] <= bar) / bar:.1f})"
                     for bar in BARS for every in (False, True)]
            print(f"| {per_day} a day, {n_days} days | {n} | " + " | ".join(cells) + " |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
