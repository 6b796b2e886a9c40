"""Events: subtopics whose units concentrate in a short stretch of time.

A subtopic is an event when most of its dated units ("most": more than half)
fall inside one window of a couple of weeks, and that window holds at least
twice the share of the subtopic that it holds of the whole corpus. The second
test keeps a busy month (August 2021 in a corpus on Afghanistan) from making
every subtopic of that month an event, and a corpus that spans only a few
weeks from making everything one. The window is two weeks, or a quarter of the
corpus's span when that is shorter, so a corpus of daily news over ten days
still has events of a few days. An event is also reported by at least three
articles inside its window: the paragraphs of one long article share one date,
and would otherwise make any of its themes an "event".
"""

from __future__ import annotations

import numpy as np
import pandas as pd

EVENT_WINDOW_DAYS = 14.0  # "a few weeks": the time a news event dominates coverage
SPAN_FRACTION = 0.25  # ... at most this share of the corpus's span
MOST = 0.5  # a majority: more than this share of a subtopic's dated units inside the window
MIN_LIFT = 2.0  # ... at least this many times the corpus's share inside the same window
MIN_DATED_UNITS = 3
MIN_ARTICLES = 3  # distinct articles inside the window


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


def _days(dates: pd.Series) -> np.ndarray:
    found = _day_numbers(dates)
    if found is None:
        return np.sort((dates.dropna().dt.normalize() - pd.Timestamp("1900-01-01")).dt.days.to_numpy())
    return np.sort(found[~np.isnat(found)].astype(np.int64))


def time_concentration(unit_dates: pd.Series, corpus_dates: pd.Series, window_days: float, corpus_days: np.ndarray | None = None) -> dict:
    """The densest window of ``window_days`` for some units, compared with the whole corpus.

    Returns share (of the units' dated units inside it), corpus_share (of all
    dated units inside it), lift (share / corpus_share), window_start,
    window_end and peak_date (the window's busiest day for these units), ISO dates.
    ``corpus_days``: the corpus's sorted day numbers (:func:`_days` of ``corpus_dates``), when a
    caller compares many subtopics with the same corpus.
    """
    days = _days(unit_dates)
    if len(days) == 0:
        return {"share": 0.0, "corpus_share": 0.0, "lift": 0.0, "window_start": None, "window_end": None, "peak_date": None}
    width = int(np.ceil(window_days))  # days d .. d + width - 1
    inside = np.searchsorted(days, days + width, side="left") - np.arange(len(days))
    best = int(np.argmax(inside))
    start, end = int(days[best]), int(days[best]) + width - 1
    window = days[(days >= start) & (days <= end)]
    values, counts = np.unique(window, return_counts=True)
    peak = int(values[np.argmax(counts)])
    corpus = _days(corpus_dates) if corpus_days is None else corpus_days
    inside_corpus = np.searchsorted(corpus, end, side="right") - np.searchsorted(corpus, start, side="left")
    corpus_share = float(inside_corpus / len(corpus)) if len(corpus) else 0.0
    share = float(inside[best] / len(days))
    origin = pd.Timestamp("1900-01-01")

    def iso(day: int) -> str:
        return (origin + pd.Timedelta(days=day)).date().isoformat()

    last_in_window = int(window.max())
    return {
        "share": share,
        "corpus_share": corpus_share,
        "lift": share / corpus_share if corpus_share > 0 else float("inf"),
        "window_start": iso(start),
        "window_end": iso(last_in_window),
        "peak_date": iso(peak),
    }


def articles_in_window(dates: pd.Series, article_ids, concentration: dict) -> int:
    """Distinct articles among the units dated inside the concentration's window."""
    if concentration["window_start"] is None:
        return 0
    found = _day_numbers(dates)
    if found is None:
        days = dates.dt.normalize()
        inside = ((days >= pd.Timestamp(concentration["window_start"])) & (days <= pd.Timestamp(concentration["window_end"]))).fillna(False)
    else:
        start, end = (np.datetime64(concentration[k], "D") - _ORIGIN for k in ("window_start", "window_end"))
        inside = ~np.isnat(found) & (found >= start) & (found <= end)
    return int(pd.Series(np.asarray(list(article_ids), dtype=object)[np.asarray(inside, dtype=bool)]).nunique())


def is_event(concentration: dict, n_dated: int, n_articles: int) -> bool:
    return (
        n_dated >= MIN_DATED_UNITS
        and n_articles >= MIN_ARTICLES
        and concentration["share"] > MOST
        and concentration["lift"] >= MIN_LIFT
    )


def flag_events(
    table: pd.DataFrame, subtopic_dates: list[pd.Series], subtopic_articles: list, corpus_dates: pd.Series, timeline_ok: bool
) -> pd.DataFrame:
    """``table`` (one row per subtopic) with is_event, peak_date, event_start, event_end, event_share.

    ``subtopic_dates[i]`` / ``subtopic_articles[i]``: the dates and article ids of
    row i's units. Without a timeline (no dated unit, or one day only) nothing is an event.
    """
    window = event_window_days(corpus_dates)
    corpus_days = _days(corpus_dates)  # once, not once per subtopic
    rows = []
    for dates, articles in zip(subtopic_dates, subtopic_articles):
        found = time_concentration(dates, corpus_dates, window, corpus_days) if timeline_ok else None
        flagged = bool(found) and is_event(found, int(dates.notna().sum()), articles_in_window(dates, articles, found))
        rows.append(
            {
                "is_event": flagged,
                "peak_date": found["peak_date"] if flagged else None,
                "event_start": found["window_start"] if flagged else None,
                "event_end": found["window_end"] if flagged else None,
                "event_share": round(found["share"], 4) if found else None,
            }
        )
    return pd.concat([table.reset_index(drop=True), pd.DataFrame(rows, index=range(len(table)))], axis=1)
