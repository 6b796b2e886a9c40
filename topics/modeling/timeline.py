"""Time: unit dates, the one period chooser every timeline uses, shares and keywords per period.

Paragraphs inherit their article's date (the corpus gives each unit the date
of its article). Dates that cannot be right — before 1900 or after today — are
treated as undated and counted, so a typo ("2201-05-03") cannot stretch every
timeline over two centuries.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

# Calendar periods, finest first: pandas period code, name, typical length in days.
PERIODS = (("D", "day", 1), ("W", "week", 7), ("M", "month", 30.4), ("Q", "quarter", 91.3), ("Y", "year", 365.25))
MAX_PERIODS = 60  # the finest period giving at most this many bars over the span
EARLIEST = pd.Timestamp("1900-01-01")


@dataclass(frozen=True)
class Period:
    code: str  # pandas period code: D, W, M, Q, Y
    name: str  # day, week, month, quarter, year
    days: float  # typical length

    def starts(self, dates: pd.Series) -> pd.Series:
        """Each date's period start (NaT stays NaT)."""
        return dates.dt.to_period(self.code).dt.start_time


@dataclass(frozen=True)
class UnitDates:
    """Parsed unit dates (NaT where undated or implausible) and what the reader should know."""

    dates: pd.Series  # datetime64, row-aligned with the units
    n_undated: int  # no date, or not a date
    n_implausible: int  # before 1900 or in the future: counted as undated too

    @property
    def n_dated(self) -> int:
        return int(self.dates.notna().sum())

    @property
    def n_distinct_days(self) -> int:
        return int(self.dates.dropna().dt.normalize().nunique())

    @property
    def has_timeline(self) -> bool:
        """Time views need at least two distinct days."""
        return self.n_distinct_days >= 2

    def notes(self) -> list[str]:
        """Plain sentences on what time views leave out, or why there are none."""
        total = len(self.dates)
        notes = []
        if self.n_undated:
            notes.append(f"{self.n_undated} of {total} units have no date; they are in every view except the time-based ones")
        if self.n_implausible:
            notes.append(
                f"{self.n_implausible} of {total} units have a date before 1900 or in the future; "
                "they are treated as undated"
            )
        if self.n_dated == 0 and self.n_implausible:
            notes.append("no unit has a usable date, so there is no timeline and no events (check the dates before 1900 or in the future)")
        elif self.n_dated == 0:
            notes.append("no unit has a usable date, so there is no timeline and no events (give the corpus a date column, ISO YYYY-MM-DD)")
        elif not self.has_timeline:
            day = self.dates.dropna().iloc[0].date().isoformat()
            notes.append(f"every dated unit is from {day}, so there is no timeline and no events")
        return notes


def parse_dates(values, today: pd.Timestamp | None = None) -> UnitDates:
    """Dates from any column of strings/timestamps; undated and implausible ones become NaT."""
    series = pd.Series(values).reset_index(drop=True)
    parsed = pd.to_datetime(series.astype(object).where(series.notna(), None), errors="coerce", format="mixed", utc=True)
    parsed = parsed.dt.tz_localize(None)
    today = pd.Timestamp.now().normalize() if today is None else pd.Timestamp(today)
    # A date stamped later today in another time zone is still today.
    implausible = parsed.notna() & ((parsed < EARLIEST) | (parsed >= today + pd.Timedelta(days=2)))
    n_undated = int(parsed.isna().sum())
    return UnitDates(parsed.where(~implausible), n_undated=n_undated, n_implausible=int(implausible.sum()))


def choose_period(dates: pd.Series, max_periods: int = MAX_PERIODS, code: str | None = None) -> Period:
    """The finest calendar period giving at most ``max_periods`` periods over the dates' span (or ``code``)."""
    periods = {p[0]: Period(*p) for p in PERIODS}
    if code is not None:
        if code not in periods:
            from topics.errors import TopicsError

            raise TopicsError(f"freq must be one of {', '.join(periods)}, not {code!r}")
        return periods[code]
    dated = dates.dropna()
    if dated.empty:
        return periods["D"]
    for period in periods.values():
        buckets = dated.dt.to_period(period.code)
        if (buckets.max() - buckets.min()).n + 1 <= max_periods:
            return period
    return periods["Y"]


def topic_shares(labels: np.ndarray, dates: pd.Series, period: Period) -> pd.DataFrame:
    """Per period and topic: units and their share of the period's dated units (outliers included as -1)."""
    frame = pd.DataFrame({"topic_id": np.asarray(labels), "when": dates.to_numpy()}).dropna(subset=["when"])
    if frame.empty:
        return pd.DataFrame(columns=["period", "topic_id", "units", "share"])
    frame["period"] = period.starts(frame["when"])
    counts = frame.groupby(["period", "topic_id"]).size().rename("units").reset_index()
    counts["share"] = counts["units"] / counts.groupby("period")["units"].transform("sum")
    return counts


def date_span(dates: pd.Series) -> dict:
    """First, last and median date of some units (ISO strings; None when none is dated)."""
    dated = dates.dropna()
    if dated.empty:
        return {"first_date": None, "last_date": None, "median_date": None, "dated_units": 0}
    return {
        "first_date": dated.min().date().isoformat(),
        "last_date": dated.max().date().isoformat(),
        "median_date": dated.sort_values().iloc[(len(dated) - 1) // 2].date().isoformat(),
        "dated_units": int(len(dated)),
    }


def topics_over_time(
    texts: list[str],
    labels: np.ndarray,
    dates: pd.Series,
    topic_ids,
    period: Period | None = None,
    n_keywords: int = 5,
    min_units: int = 2,
    aliases=None,
) -> pd.DataFrame:
    """Per topic and period: units, share of the period, and that period's keywords.

    Like BERTopic's topics_over_time, but with the toolkit's keyword rules
    (stop words, reporting words, corpus boilerplate and templates left out):
    each (topic, period) cell is one class of a c-TF-IDF over all cells, so a
    cell's keywords are what sets it apart from the topic's other periods and
    from the other topics. Cells with fewer than ``min_units`` units get no keywords.
    """
    from topics.modeling.describe import boilerplate_columns, class_tfidf, unit_term_matrix
    from topics.text.wording import keyword_texts

    labels = np.asarray(labels)
    period = period or choose_period(dates)
    shares = topic_shares(labels, dates, period)
    shares = shares[shares["topic_id"].isin(list(topic_ids))].reset_index(drop=True)
    if shares.empty:
        return shares.assign(keywords=[])
    unit_periods = period.starts(pd.Series(dates.to_numpy()))
    cell_of = {(row.topic_id, row.period): i for i, row in enumerate(shares.itertuples(index=False))}
    cells = np.array([cell_of.get((t, p), -1) if pd.notna(p) else -1 for t, p in zip(labels, unit_periods)], dtype=np.int64)
    counts, vocabulary = unit_term_matrix(keyword_texts(list(texts), aliases), cleaned=True)
    keywords: list[list[str]] = [[] for _ in range(len(shares))]
    if counts.shape[1]:
        topic_array = np.asarray(list(topic_ids))
        keep = ~boilerplate_columns(counts, labels, topic_array)
        counts, vocabulary = counts[:, keep], vocabulary[keep]
        scores = class_tfidf(counts, cells, len(shares))
        for cell in range(len(shares)):
            members = np.flatnonzero(cells == cell)
            if len(members) < min_units:
                continue
            # Words at least two of the cell's units use: one unit's quirk is not what "was said".
            shared = np.asarray((counts[members] > 0).sum(axis=0)).ravel() >= 2
            order = np.argsort(-scores[cell], kind="stable")
            order = order[(scores[cell][order] > 0) & shared[order]][:n_keywords]
            keywords[cell] = [str(vocabulary[c]) for c in order]
    shares["keywords"] = keywords
    return shares
