"""Event flags with more power on a short, small corpus: which tests find events without inventing them?

The event flag (topics.modeling.events.flag_events) multiplies each subtopic's best window p-value by the
number of windows scanned (Bonferroni) and asks Holm's test at 0.01 over every subtopic. On a corpus of
a few hundred articles over three weeks that bar cannot be reached by a story of six articles. Each fit's
subtopics (their members as the fit made them) are taken once, and several tests are asked of the same
subtopics:

- ``holm`` (kept): the flag as it is;
- ``bh``: Benjamini-Hochberg at 0.01 on the same p-values (the false discovery rate);
- ``tarone``: Bonferroni at 0.01 / k over the subtopics that can reach 0.01 / k at all (Tarone 1990): a
  subtopic of n articles can do no better than all n in the corpus's quietest eligible window, which is
  known before its dates are looked at, so leaving out those that cannot pass is honest;
- ``scan``: the window factor replaced by the scan statistic's own null: the chance that n of the corpus's
  article dates drawn at random have an eligible window at least as improbable as the best one
  (Monte Carlo, ``--draws``), then Holm over every subtopic;
- ``scan+tarone`` and ``scan+bh``: both.

Each corpus is fitted on its real dates and with its article dates shuffled among its articles (``--seeds``;
the corpus's own date distribution, no story left) or, with ``--uniform START,END``, dates drawn uniformly
(for corpora whose dates carry nothing). ``PATH@article`` fits articles.

    python -m benchmarks.event_power --cache-dir <cache> [--seeds 1,2,3,4,5] [--uniform START,END] [--show] PATH[@article] ...

Only the public fit is used, with the event flag's inputs recorded, so the table's ``holm`` column is
the events the fit reports.
"""

from __future__ import annotations

import argparse
import os
from unittest import mock

import numpy as np
import pandas as pd

ALPHA = 0.01


def recorded_fit(units: pd.DataFrame, embeddings, random_state: int):
    """Fit the units; return the model and the inputs of the last event-flag call (the subtopic table)."""
    import topics.modeling.events as events
    from topics import TopicModel

    calls = []
    original = events.flag_events

    def recording(*args, **kwargs):
        calls.append((args, kwargs))
        return original(*args, **kwargs)

    with mock.patch.object(events, "flag_events", recording):
        model = TopicModel(random_state=random_state).fit(units, embeddings=embeddings)
        model.subtopics()
    return model, calls[-1][0]


def _window_tails(corpus: np.ndarray, width: int, n: int):
    """Per start day d (from the corpus's first day): the corpus's articles in d .. d+width-1 and the
    hypergeometric upper tail of each count 0..n of n drawn articles there."""
    from scipy.stats import hypergeom

    first = int(corpus.min())
    span = int(corpus.max()) - first + 1
    per_day = np.bincount(corpus - first, minlength=span + width)
    cum = np.concatenate([[0], np.cumsum(per_day)])
    in_corpus = cum[width:width + span] - cum[:span]
    counts = np.arange(n + 1)
    tails = hypergeom.sf(counts[None, :] - 1, len(corpus), in_corpus[:, None], n)
    return first, span, in_corpus, tails


def _best_tails(day_sets: np.ndarray, first: int, span: int, width: int, in_corpus, tails, n: int, total: int):
    """The least probable eligible window's tail for each row of article days (inf: none eligible), as
    topics.modeling.events.time_concentration picks it: windows start on the articles' days."""
    rows = day_sets.shape[0]
    offsets = (day_sets - first) + np.arange(rows)[:, None] * (span + width)
    per_day = np.bincount(offsets.ravel(), minlength=rows * (span + width)).reshape(rows, span + width)
    cum = np.concatenate([np.zeros((rows, 1), np.int64), np.cumsum(per_day, axis=1)], axis=1)
    inside = cum[:, width:width + span] - cum[:, :span]
    starts = per_day[:, :span] > 0
    lift_ok = inside * total >= 2.0 * n * in_corpus  # (inside / n) / (K / N) >= 2
    eligible = starts & (inside > 0.5 * n) & (inside >= 3) & lift_ok
    tail = tails[np.arange(span)[None, :], inside]
    return np.where(eligible, tail, np.inf).min(axis=1)


def _best_over_widths(day_sets, corpus, widths, n, tables) -> np.ndarray:
    best = np.full(day_sets.shape[0], np.inf)
    for width in widths:
        first, span, in_corpus, tails = tables[width]
        best = np.minimum(best, _best_tails(day_sets, first, span, width, in_corpus, tails, n, len(corpus)))
    return best


def scan_p_value(days: np.ndarray, corpus: np.ndarray, widths, draws: int, rng, enough: int = 40) -> float:
    """P(n of the corpus's article dates at random have an eligible window, of any of ``widths`` days, at
    least as improbable as the best one); sequential Monte Carlo: stops after ``enough`` such draws
    (Besag and Clifford), the p-value is then large anyway."""
    n, total = len(days), len(corpus)
    if n < 3:
        return 1.0
    tables = {width: _window_tails(corpus, width, n) for width in widths}
    observed = _best_over_widths(days[None, :], corpus, widths, n, tables)[0]
    if not np.isfinite(observed):
        return 1.0
    hits, done = 0, 0
    chunk = max(1, min(2_000, 4_000_000 // max(total, 1)))
    while done < draws and hits < enough:
        size = min(chunk, draws - done)
        picks = np.argpartition(rng.random((size, total)), n - 1, axis=1)[:, :n]
        hits += int((_best_over_widths(corpus[picks], corpus, widths, n, tables) <= observed * (1 + 1e-9)).sum())
        done += size
    return hits / done if hits >= enough else (1 + hits) / (draws + 1)


def least_p(n: int, corpus: np.ndarray, widths) -> float:
    """The smallest window tail n articles can reach (all n in the corpus's quietest eligible window):
    a lower bound of either p-value, known before the subtopic's dates are looked at."""
    if n < 3:
        return 1.0
    least = 1.0
    for width in widths:
        _first, _span, in_corpus, tails = _window_tails(corpus, width, n)
        can = (in_corpus >= n) & (len(corpus) >= 2.0 * in_corpus)  # all n inside: lift N / K >= 2
        least = min(least, float(tails[can, n].min()) if can.any() else 1.0)
    return least


def bh(p_values, alpha: float = ALPHA) -> np.ndarray:
    p = np.asarray(p_values, float)
    m = len(p)
    order = np.argsort(p, kind="stable")
    below = np.flatnonzero(p[order] <= alpha * np.arange(1, m + 1) / m)
    rejected = np.zeros(m, bool)
    if len(below):
        rejected[order[: below[-1] + 1]] = True
    return rejected


def tarone(p_values, least, alpha: float = ALPHA) -> np.ndarray:
    """Bonferroni at alpha / k over the k-or-fewer hypotheses whose least p-value reaches alpha / k."""
    p, least = np.asarray(p_values, float), np.asarray(least, float)
    k = 1
    while (least <= alpha / k).sum() > k:
        k += 1
    return (least <= alpha / k) & (p <= alpha / k)


def tested(args, draws: int, seed: int) -> pd.DataFrame:
    """One row per subtopic: its articles, both p-values and its least reachable p."""
    from topics.modeling.events import article_days, event_window_days, time_concentration

    table, sub_dates, sub_articles, corpus_dates, corpus_articles, timeline_ok = args[:6]
    window = event_window_days(corpus_dates)
    width = int(np.ceil(window))
    corpus = article_days(corpus_dates, corpus_articles)
    rng = np.random.default_rng(seed)
    rows = []
    for i, (dates, articles) in enumerate(zip(sub_dates, sub_articles)):
        found = time_concentration(dates, articles, corpus, window)
        days = article_days(dates, articles)
        rows.append({
            "label": str(table.iloc[i].get("label", "")), "articles": len(days), "inside": found["inside"],
            "start": found["window_start"], "end": found["window_end"], "p": found["p_value"],
            "p_scan": scan_p_value(days, corpus, [width], draws, rng) if found["p_value"] < 1 and draws else 1.0,
            "p_widths": scan_p_value(days, corpus, range(1, width + 1), draws, rng) if draws else 1.0,
            "least": least_p(len(days), corpus, range(1, width + 1)),
        })
    return pd.DataFrame(rows)


def flagged(found: pd.DataFrame) -> dict:
    from topics.modeling.events import holm

    return {
        "holm": holm(found["p"], ALPHA), "bh": bh(found["p"]), "tarone": tarone(found["p"], found["least"]),
        "scan": holm(found["p_scan"], ALPHA), "scan+tarone": tarone(found["p_scan"], found["least"]),
        "scan+bh": bh(found["p_scan"]), "widths": holm(found["p_widths"], ALPHA),
        "widths+tarone": tarone(found["p_widths"], found["least"]), "widths+bh": bh(found["p_widths"]),
        "bh .05": bh(found["p"], 0.05), "widths+bh .05": bh(found["p_widths"], 0.05),
    }


def shuffled_dates(units: pd.DataFrame, seed: int, uniform) -> pd.Series:
    from benchmarks.event_null import article_dates

    return article_dates(units, seed, uniform)


def add_fit_arguments(parser: argparse.ArgumentParser, seeds: str = "1,2,3,4,5", keep: bool = True) -> None:
    """The options ``kept_fits`` reads (``event_null`` shares them, without ``--keep``)."""
    parser.add_argument("corpora", nargs="+")
    parser.add_argument("--cache-dir", default=os.environ.get("TOPICS_CACHE_DIR", "artifacts/cache"))
    parser.add_argument("--seeds", default=seeds)
    parser.add_argument("--uniform", default="", help="START,END: each article's date drawn uniformly (no real-date row)")
    parser.add_argument("--random-state", type=int, default=42)
    if keep:
        parser.add_argument("--keep", default="", help="a folder to keep each fit's event-flag inputs in (reruns reuse them)")


def kept_fits(args, null_only: bool = False):
    """(CORPUS@level, dates, embeddings, event-flag inputs) of each fit: each of ``args.corpora`` (PATH[@level])
    on its real dates (not with ``--uniform`` or ``null_only``), then on each seed's shuffled or drawn dates;
    the inputs are read from ``--keep`` where kept there, else fitted (and kept)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import topics
    from topics.embedding.embed import embed_units

    embedder = topics.Embedder(cache_dir=args.cache_dir)
    uniform = tuple(args.uniform.split(",")) if args.uniform else None
    for spec in args.corpora:
        path, _, level = spec.partition("@")
        level = level or "paragraph"
        corpus = topics.load_corpus(path)
        units = corpus.units(level).reset_index(drop=True)
        embeddings = embed_units(corpus, level, embedder)
        runs = [] if uniform or null_only else [("real", units)]
        runs += [(f"{'uniform' if uniform else 'shuffled'} {s}", units.assign(date=shuffled_dates(units, s, uniform)))
                 for s in [int(s) for s in args.seeds.split(",")]]
        for dates, dated in runs:
            kept = os.path.join(args.keep, f"{os.path.basename(path)}@{level}@{dates}@{args.random_state}.pkl".replace(" ", "_"))
            if args.keep and os.path.exists(kept):
                inputs = pd.read_pickle(kept)
            else:
                inputs = recorded_fit(dated, embeddings, args.random_state)[1]
                if args.keep:
                    pd.to_pickle(inputs, kept)
            yield f"{os.path.basename(path)}@{level}", dates, embeddings, inputs


def main(argv=None) -> int:
    from topics.report.markdown import md_text  # labels are corpus text

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_fit_arguments(parser)
    parser.add_argument("--draws", type=int, default=20_000, help="Monte Carlo draws of the scan p-value (0: none, no scan columns)")
    parser.add_argument("--null-only", action="store_true", help="only the shuffled or drawn dates")
    parser.add_argument("--show", action="store_true", help="print the subtopics each test flags on real dates")
    args = parser.parse_args(argv)
    out = []
    for corpus, dates, _, inputs in kept_fits(args, args.null_only):
        found = tested(inputs, args.draws, args.random_state)
        flags = flagged(found)
        row = {"corpus": corpus, "dates": dates, "subtopics": len(found),
               **{name: int(f.sum()) if args.draws or not name.startswith(("scan", "widths")) else "-"
                  for name, f in flags.items()},
               "least p": float(found["p"].min()), "least p widths": float(found["p_widths"].min())}
        out.append(row)
        print(row, flush=True)
        if args.show and dates == "real" or args.show and any(f.any() for f in flags.values()):
            any_flag = np.any(np.stack(list(flags.values())), axis=0)
            for i in np.flatnonzero(any_flag | (found["p"] < 0.05).to_numpy()):
                r = found.iloc[i]
                tests = ",".join(name for name, f in flags.items() if f[i]) or "-"
                print(f"  {md_text(r['label'])} | {r['inside']}/{r['articles']} articles {r['start']}..{r['end']}"
                      f" | p {r['p']:.2g} scan {r['p_scan']:.2g} widths {r['p_widths']:.2g} least {r['least']:.2g} | {tests}", flush=True)
    print()
    print(pd.DataFrame(out).to_string(index=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
