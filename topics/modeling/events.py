"""Events: subtopics whose articles concentrate in a short stretch of time, more than chance explains.

A subtopic is an event when some window of a couple of weeks holds most of its
dated *articles* (more than half; an article's paragraphs share one date, so
counting paragraphs would let one long article make any of its themes an
"event"), at least ``MIN_ARTICLES`` of them, at least twice the share of the
corpus's articles that the window holds (a busy month is no event by itself),
and when that concentration is unlikely under the corpus's own dates:

- for one window, if the subtopic's ``n`` articles had taken ``n`` of the
  corpus's ``N`` article dates at random, the number inside a window holding
  ``K`` of the corpus's articles would be hypergeometric; its upper tail at the
  observed count is the window's p-value;
- every window starting on one of the subtopic's days is scanned, at the event
  width and at the short-burst scale (``SHORT_WINDOW_SCALE``), so the best
  window's p-value is multiplied by the number of windows scanned (Bonferroni
  over the windows scanned; with ``COUNT_EVERY_WINDOW``, over every window
  position a scan of any subtopic could reach, which is valid when dates carry
  no story: the count by the subtopic's own days is not; three to five articles
  on random dates of a synthetic corpus got p <= 0.01 0.4 to 3.4 % of the time
  and p <= 2e-4 up to about seven times as often as that bar, measured in
  docs/benchmarks.md);
- every subtopic of the corpus is tested, so the flags pass Holm's step-down
  test at family-wise level ``ALPHA`` over all subtopics. (A false discovery
  rate would loosen the bar for every subtopic as a corpus's real events add
  up, and the subtopics that dates alone pack into a few weeks, below, are
  just what it would let through.)

Subtopics are built partly from time (bursts, a time coordinate in the
split), so a corpus whose dates carry no story still yields subtopics packed
in a few weeks; the test keeps most of those out. It takes a subtopic's
members as given, so a slice that the burst search cut out of a continuing
story by its dates can still pass (measured in docs/benchmarks.md).
The window is two weeks, or a quarter of the corpus's span when that is
shorter, so a corpus of daily news over ten days still has events of a few days.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

EVENT_WINDOW_DAYS = 14.0  # "a few weeks": the time a news event dominates coverage
SPAN_FRACTION = 0.25  # ... at most this share of the corpus's span
MOST = 0.5  # a majority: more than this share of a subtopic's dated articles inside the window
# ... at least this many times the corpus's share of articles inside the same window: an effect size, since
# in a large corpus a slight excess in a busy fortnight is significant too
MIN_LIFT = 2.0
MIN_ARTICLES = 3  # distinct articles inside the window
ALPHA = 0.01  # family-wise level of the event flags, the burst test's level (topics.modeling.bursts)
# Only subtopics grown from a burst are tested: a Ward part is cut by text *and date*, so the cut itself packs its
# dates, and a topic whose coverage comes in stretches splits into periods that the date test passes as events.
# A part smaller than the least burst part could not have grown from one, so it is tested as before (at article
# level a story of three or four articles is such a part).
ONLY_GROWN_FROM_BURSTS = True
# The flags scan windows of the short-burst scale too (this share of the window; None: the window alone), as the
# burst search does: a story of two days in a dense stretch is no more concentrated than the stretch's fortnight,
# but far more than its few days. Every window of both scales counts in the Bonferroni factor.
SHORT_WINDOW_SCALE: float | None = 0.25
# True: the flag's Bonferroni factor counts every window position a scan can reach (each distinct corpus day, at each
# width), a p-value valid under random dates whichever subtopic is tested. Measured, not switched on: it costs
# stories of three to five articles that the count by the subtopic's own days flags (docs/benchmarks.md).
COUNT_EVERY_WINDOW = False


def event_window_days(corpus_dates: pd.Series) -> float:
    """The window length for this corpus (days, at least one)."""
    dated = corpus_dates.dropna()
    if dated.empty:
        return EVENT_WINDOW_DAYS
    span = (dated.max() - dated.min()).total_seconds() / 86_400
    return float(max(1.0, min(EVENT_WINDOW_DAYS, SPAN_FRACTION * span)))


_ORIGIN = np.datetime64("1900-01-01", "D")


def _day_numbers(dates: pd.Series) -> np.ndarray | None:
    """Each date's day number from 1900-01-01 (NaT kept), read from the values (a pandas round trip
    per subtopic was most of the event flags); None for dates numpy does not hold (time zones)."""
    values = dates.to_numpy()
    if values.dtype.kind != "M":
        return None
    return values.astype("datetime64[D]") - _ORIGIN  # floors, as normalising does


def _unit_days(dates: pd.Series) -> np.ndarray:
    """Each date's day number from 1900-01-01, row-aligned (NaN where undated)."""
    found = _day_numbers(dates)
    if found is None:
        return (dates.dt.normalize() - pd.Timestamp("1900-01-01")).dt.days.to_numpy(dtype=np.float64, na_value=np.nan)
    days = found.astype("timedelta64[D]").astype(np.float64)
    days[np.isnat(found)] = np.nan
    return days


def article_days(dates: pd.Series, article_ids) -> np.ndarray:
    """The sorted day numbers of the dated articles among some units: one per article (its earliest
    dated unit), however many of its paragraphs there are."""
    days = _unit_days(dates)
    dated = ~np.isnan(days)
    if not dated.any():
        return np.zeros(0, np.int64)
    articles = np.asarray([str(a) for a in article_ids], dtype=object)[dated]
    # Each article's earliest day, by article codes (a pandas group-by per subtopic cost more than the rest).
    codes = np.unique(articles, return_inverse=True)[1].ravel()
    first = np.full(codes.max() + 1, np.inf)
    np.minimum.at(first, codes, days[dated])
    return np.sort(first).astype(np.int64)


def _iso(day: int) -> str:
    return (pd.Timestamp("1900-01-01") + pd.Timedelta(days=int(day))).date().isoformat()


def time_concentration(
    unit_dates: pd.Series, article_ids, corpus_article_days: np.ndarray, window_days: float,
    short_window_days: float | None = None, every_window: bool | None = None,
) -> dict:
    """The window of ``window_days`` where some units' articles are most improbably concentrated.

    ``corpus_article_days``: :func:`article_days` of the whole corpus. Returns articles (the
    units' dated articles), inside (those in the window), corpus_share (share of the corpus's
    articles in the window), lift, p_value (the window's hypergeometric tail times the number of
    windows scanned: the articles' distinct days times widths, or with ``every_window`` the corpus's distinct days
    times widths; 1.0 when no window is eligible), share (of the units' dated units in the window),
    width_share (that share in the best window of the event width alone, without the short windows), expected (how many of the articles random corpus dates would put between
    window_start and window_end), window_start, window_end and peak_date (the window's busiest day for
    these units), ISO dates. With ``short_window_days``, windows of that width are scanned too. The
    window is the least probable of those holding a majority of the
    articles, ``MIN_ARTICLES`` of them and ``MIN_LIFT`` times the corpus's share; without one, the
    window holding the most articles. ``every_window``: whether the factor counts every window position a scan
    can reach (default ``COUNT_EVERY_WINDOW``) or only the windows scanned. ``wide``: where that window is a short one, the event width's best
    eligible window (inside, p_value and the dates as above), else None.
    """
    from scipy.stats import hypergeom

    none = {"articles": 0, "inside": 0, "corpus_share": 0.0, "lift": 0.0, "p_value": 1.0, "share": 0.0, "width_share": 0.0, "expected": 0.0,
            "window_start": None, "window_end": None, "peak_date": None, "wide": None}
    days = article_days(unit_dates, article_ids)
    corpus = np.asarray(corpus_article_days)
    n, total = len(days), len(corpus)
    if n == 0 or total == 0:
        return none
    first_days = np.unique(days)  # a best window starts on one of the articles' days
    widths = [int(np.ceil(window_days))]  # days d .. d + width - 1
    if short_window_days is not None and int(np.ceil(short_window_days)) < widths[0]:
        widths.append(int(np.ceil(short_window_days)))
    starts = np.tile(first_days, len(widths))
    width = np.repeat(widths, len(first_days))
    inside = np.searchsorted(days, starts + width, side="left") - np.searchsorted(days, starts, side="left")
    in_corpus = np.searchsorted(corpus, starts + width, side="left") - np.searchsorted(corpus, starts, side="left")
    corpus_share = in_corpus / total
    with np.errstate(divide="ignore"):  # a window of the subtopic's own days holds its articles, unless dates disagree
        lift = np.where(in_corpus > 0, (inside / n) / corpus_share, np.inf)
    # P(at least `inside` of the n articles in the window) if they had taken n of the corpus's dates at random
    tail = hypergeom.sf(inside - 1, total, in_corpus, n)
    eligible = (inside > MOST * n) & (inside >= MIN_ARTICLES) & (lift >= MIN_LIFT)
    # every window position the scan reaches at every width, over all the subtopics the corpus could hold
    every_window = COUNT_EVERY_WINDOW if every_window is None else every_window
    reach = (len(np.unique(corpus)) if every_window else len(first_days)) * len(widths)
    best = _best_window(eligible, tail, inside)
    p_value = float(min(1.0, tail[best] * reach)) if eligible.any() else 1.0
    shown = _window_shown(unit_dates, corpus, n, starts[best], width[best])
    # The event width's window alone (the windows come width by width), as chosen before the short windows were
    # scanned: the share reported for a subtopic that is no event
    at_width = _best_window(eligible[: len(first_days)], tail[: len(first_days)], inside[: len(first_days)])
    width_share = shown["share"] if at_width == best else _window_shown(unit_dates, corpus, n, starts[at_width], width[at_width])["share"]
    found = {"articles": n, "inside": int(inside[best]), "corpus_share": float(corpus_share[best]),
             "lift": float(lift[best]), "p_value": p_value, **shown, "width_share": width_share, "wide": None}
    wide = eligible & (width == widths[0])
    if eligible.any() and width[best] != widths[0] and wide.any():
        # the event width's best window, shown instead where its own p-value passes too (an event found without the
        # short windows keeps its dates and the stories they join)
        other = int(np.flatnonzero(wide)[np.argmin(tail[wide])])
        found["wide"] = {"inside": int(inside[other]), "p_value": float(min(1.0, tail[other] * reach)),
                         **_window_shown(unit_dates, corpus, n, starts[other], width[other])}
    return found


def _best_window(eligible: np.ndarray, tail: np.ndarray, inside: np.ndarray) -> int:
    """The least probable eligible window; without one, the window holding the most articles."""
    if eligible.any():
        return int(np.flatnonzero(eligible)[np.argmin(tail[eligible])])
    return int(np.argmax(inside))


def _window_shown(unit_dates: pd.Series, corpus: np.ndarray, n: int, start: int, width: int) -> dict:
    """A window as shown: its start to its last unit's day, the units' share in it, its busiest day, and how many
    of the n articles random corpus dates would put between the dates shown."""
    start, end = int(start), int(start) + int(width) - 1
    units = _unit_days(unit_dates)
    units = units[~np.isnan(units)]
    window = units[(units >= start) & (units <= end)]
    values, counts = np.unique(window, return_counts=True)
    shown_end = int(window.max()) if len(window) else end
    held = np.searchsorted(corpus, shown_end + 1, side="left") - np.searchsorted(corpus, start, side="left")
    return {"share": float(len(window) / len(units)), "window_start": _iso(start), "window_end": _iso(shown_end),
            "expected": float(n * held / len(corpus)), "peak_date": _iso(values[np.argmax(counts)])}


def holm(p_values, alpha: float = ALPHA) -> np.ndarray:
    """Which hypotheses Holm's step-down procedure rejects at family-wise error rate ``alpha``: the
    chance of flagging any event where dates carry no story stays below ``alpha`` under any dependence
    between the tests (subtopics share the corpus's dates)."""
    p_values = np.asarray(p_values, dtype=np.float64)
    m = len(p_values)
    rejected = np.zeros(m, bool)
    order = np.argsort(p_values, kind="stable")
    above = np.flatnonzero(p_values[order] > alpha / (m - np.arange(m)))
    rejected[order[: above[0] if len(above) else m]] = True
    return rejected


def flag_events(
    table: pd.DataFrame, subtopic_dates: list[pd.Series], subtopic_articles: list, corpus_dates: pd.Series,
    corpus_articles, timeline_ok: bool, alpha: float = ALPHA, grown=None,
) -> pd.DataFrame:
    """``table`` (one row per subtopic) with is_event, peak_date, event_start, event_end, event_share,
    event_articles (its dated articles in the window) and event_expected (how many of them its dates would
    hold by chance: their number times those dates' share of the corpus's articles), so that a reader can
    weigh an event of four articles against the 0.3 that random dates would put there.

    ``subtopic_dates[i]`` / ``subtopic_articles[i]``: the dates and article ids of row i's units;
    ``corpus_dates`` / ``corpus_articles``: those of every unit of the corpus. Without a timeline
    (no dated unit, or one day only) nothing is an event. ``grown[i]``: whether row i grew from a burst;
    with ``ONLY_GROWN_FROM_BURSTS`` one that did not is no event, though it still counts in Holm's family
    (leaving it out would loosen the bar for the others). The mark is kept as ``grown_from_burst`` (True
    for every row without ``grown``), so that an update asks the same of the subtopics it keeps.
    """
    window = event_window_days(corpus_dates)
    corpus_days = article_days(corpus_dates, corpus_articles)  # once, not once per subtopic
    short = None if SHORT_WINDOW_SCALE is None else window * SHORT_WINDOW_SCALE
    found = [time_concentration(dates, articles, corpus_days, window, short) if timeline_ok else None
             for dates, articles in zip(subtopic_dates, subtopic_articles)]
    # Holm over every row's own p-value, then the gate: a gated row keeps its rank, so no other row's bar moves
    p_values = np.array([f["p_value"] if f else 1.0 for f in found])
    flagged = holm(p_values, alpha) & may_be_event(table, grown)
    found = [_shown(f, i, p_values, alpha) if event else f for i, (f, event) in enumerate(zip(found, flagged))]
    rows = [
        {
            "is_event": bool(event),
            "peak_date": f["peak_date"] if event else None,
            "event_start": f["window_start"] if event else None,
            "event_end": f["window_end"] if event else None,
            # a subtopic that is no event: the share of its event-width window, as before the short windows
            "event_share": round(f["share"] if event else f["width_share"], 4) if f else None,
            "event_articles": f["inside"] if event else None,
            "event_expected": round(f["expected"], 2) if event else None,
            "grown_from_burst": bool(ok),
        }
        for f, event, ok in zip(found, flagged, [True] * len(found) if grown is None else grown)
    ]
    found_table = pd.DataFrame(rows, index=range(len(table)))
    found_table["event_articles"] = pd.Series([row["event_articles"] for row in rows], dtype=object)  # counts, None: no event
    return pd.concat([table.reset_index(drop=True), found_table], axis=1)


def _shown(found: dict, row: int, p_values: np.ndarray, alpha: float) -> dict:
    """An event's window as shown: the one that gave its p-value, or the event width's where that window's own
    p-value passes Holm's test in the row's place (an event found without the short windows keeps its dates)."""
    wide = found.get("wide")
    if wide is None:
        return found
    in_place = p_values.copy()
    in_place[row] = wide["p_value"]
    return {**found, **wide} if holm(in_place, alpha)[row] else found


def may_be_event(table: pd.DataFrame, grown) -> np.ndarray:
    """Which rows of ``table`` the gate lets be events: those grown from a burst (``grown``), and those smaller
    than the least burst part (``MIN_EVENT_UNITS`` units), which no burst could have grown."""
    from topics.modeling.subtopics import MIN_EVENT_UNITS

    if grown is None or not ONLY_GROWN_FROM_BURSTS:
        return np.ones(len(table), bool)
    return np.asarray(grown, bool) | (table["size"].to_numpy() < MIN_EVENT_UNITS)
