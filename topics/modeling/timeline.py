"""Time: unit dates, the one period chooser every timeline uses, shares and keywords per period.

Paragraphs inherit their article's date (the corpus gives each unit the date
of its article). Dates that cannot be right — before 1900 or after today — are
treated as undated and counted, so a typo ("2201-05-03") cannot stretch every
timeline over two centuries. A date that names only its month or year ("2010-03",
"2010": its ``date_precision``, :mod:`topics.text.dates`) stands at the period's first day
in a timeline by month (or year) or coarser, and stays out of what needs days: bursts,
events (:attr:`UnitDates.day_dates`) and timelines finer than it (:meth:`UnitDates.in_period`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from topics.text.dates import EARLIEST_DAY, NO_YEAR, PRECISIONS, placeable_days, written_precision

# Calendar periods, finest first: pandas period code, name, typical length in days.
PERIODS = (("D", "day", 1), ("W", "week", 7), ("M", "month", 30.4), ("Q", "quarter", 91.3), ("Y", "year", 365.25))
MAX_PERIODS = 60  # the finest period giving at most this many bars over the span
EARLIEST = pd.Timestamp(EARLIEST_DAY)
# The finest period a date of each precision can be placed in (a month-only date has no week).
PRECISION_PERIOD = {"day": "D", "month": "M", "year": "Y"}
_PERIOD_ORDER = {code: rank for rank, (code, _, _) in enumerate(PERIODS)}


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

    dates: pd.Series  # datetime64, row-aligned with the units (a month or year alone: its first day)
    n_undated: int  # no date, or not a date
    n_implausible: int  # before 1900 or in the future: counted as undated too
    # "day", "month" or "year" per unit, as its date was written (None where undated); None: every date names its day
    precision: pd.Series | None = None
    read: pd.Series | None = None  # every date that could be read, those before 1900 or in the future too
    no_year: np.ndarray | None = None  # which units are undated because their date was written without a year

    def date_notes(self) -> list[str | None]:
        """Per unit, why the time views do not place its date as a day (None where they do): "before
        1900", "in the future" (counted as undated), "month only", "year only" (no day: no events), "no
        year" (written without its year: undated)."""
        read = self.dates if self.read is None else self.read
        notes: list[str | None] = [None] * len(self.dates)
        for i in np.flatnonzero(self.no_year) if self.no_year is not None else ():
            notes[i] = NO_YEAR
        for i in np.flatnonzero(self.coarse):
            notes[i] = f"{self.precision.iloc[i]} only"
        for i in np.flatnonzero((read.notna() & self.dates.isna()).to_numpy()):
            notes[i] = "before 1900" if read.iloc[i] < EARLIEST else "in the future"
        return notes

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

    # Computed once: a table of subtopics reads them per subtopic (the dates never change).
    @cached_property
    def coarse(self) -> np.ndarray:
        """Which units have a date that names only a month or a year."""
        if self.precision is None:
            return np.zeros(len(self.dates), bool)
        return (self.dates.notna() & self.precision.isin(["month", "year"])).to_numpy()

    @cached_property
    def day_dates(self) -> pd.Series:
        """The dates that name their day (NaT elsewhere): what bursts and events read. A month's
        articles dated its first day would otherwise be one-day events on the 1st."""
        return self.dates.where(~self.coarse)

    @property
    def has_day_timeline(self) -> bool:
        """Bursts and events need at least two distinct days among the dates that name their day."""
        return int(self.day_dates.dropna().dt.normalize().nunique()) >= 2

    def in_period(self, period: "Period") -> pd.Series:
        """The dates a timeline by ``period`` can place (NaT for a date coarser than the period:
        a month-only date has no week)."""
        if self.precision is None:
            return self.dates
        finest = self.precision.map(lambda p: _PERIOD_ORDER[PRECISION_PERIOD[p]] if p in PRECISION_PERIOD else 0)
        return self.dates.where(finest.to_numpy() <= _PERIOD_ORDER[period.code])

    def period(self, code: str | None = None, max_periods: int = MAX_PERIODS) -> "Period":
        """The timeline's period (:func:`choose_period`), never finer than what most dates name:
        when most dated units have only a month (or a year), by month (or year) at the finest."""
        return choose_period(self.dates, max_periods, code, finest=self._finest_for_most())

    def _finest_for_most(self) -> str:
        if self.precision is None:
            return "D"
        dated = self.precision[self.dates.notna()]
        for precision in reversed(PRECISIONS):  # the coarsest precision that most dates have, or coarser
            if len(dated) and dated.isin(PRECISIONS[PRECISIONS.index(precision):]).mean() > 0.5:
                return PRECISION_PERIOD[precision]
        return "D"

    def period_notes(self, period: "Period") -> list[str]:
        """What a timeline by ``period`` leaves out: dates coarser than it."""
        left_out = int(self.dates.notna().sum() - self.in_period(period).notna().sum())
        if not left_out:
            return []
        return [f"{left_out} of {len(self.dates)} units have a date coarser than a {period.name}; the timeline by {period.name} leaves them out"]

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
        coarse = self.coarse
        if coarse.any():
            counts = self.precision[coarse].value_counts()
            kinds = [p for p in ("month", "year") if p in counts]
            named = " or ".join(f"a {p} ({int(counts[p])})" for p in kinds) if len(kinds) > 1 else f"a {kinds[0]}"
            notes.append(
                f"{int(coarse.sum())} of {total} units have a date that names only {named}: timelines place them "
                "at its first day, and bursts and events, which need days, leave them out"
            )
        if self.n_dated == 0 and self.n_implausible:
            notes.append("no unit has a usable date, so there is no timeline and no events (check the dates before 1900 or in the future)")
        elif self.n_dated == 0:
            notes.append("no unit has a usable date, so there is no timeline and no events (give the corpus a date column, ISO YYYY-MM-DD)")
        elif not self.has_timeline:
            first = self.dates.dropna().index[0]
            day = written_date(self.dates[first], None if self.precision is None else self.precision[first])
            notes.append(f"every dated unit is from {day}, so there is no timeline and no events")
        elif not self.has_day_timeline:
            notes.append("no two dates name different days, so there are no events (they need days)")
        return notes


def written_date(date: pd.Timestamp, precision: str | None) -> str:
    """``date`` as ISO text, as precisely as it was given ("2010-03" for a month)."""
    return date.strftime({"month": "%Y-%m", "year": "%Y"}.get(precision, "%Y-%m-%d"))


def parse_dates(values, today: pd.Timestamp | None = None, precision=None) -> UnitDates:
    """Dates from any column of strings/timestamps; undated and implausible ones become NaT.

    ``precision``: each value's ("day", "month", "year", as ingest read it: a corpus's
    ``date_precision``); each value's writing counts too ("2010-03" names a month), and the
    coarser of the two holds (a date edited to "2010-03" after ingest recorded "day").
    """
    series = pd.Series(values).reset_index(drop=True)
    given = series.astype(object).where(series.notna(), None)
    # Each distinct value parsed once (a corpus repeats its dates; "mixed" reads each value alone): pandas'
    # own cache of repeated values maps them back through a string index, most of this function's time.
    codes, distinct = pd.factorize(given)
    parsed_distinct = pd.to_datetime(pd.Series(np.append(np.asarray(distinct, dtype=object), None), dtype=object),
                                     errors="coerce", format="mixed", utc=True).dt.tz_localize(None)
    parsed = pd.Series(parsed_distinct.to_numpy()[codes], index=series.index, name=series.name)  # code -1: the last, NaT
    earliest, end = map(pd.Timestamp, placeable_days(None if today is None else pd.Timestamp(today).date()))
    implausible = parsed.notna() & ((parsed < earliest) | (parsed >= end))
    n_undated = int(parsed.isna().sum())
    rank = {p: i for i, p in enumerate(PRECISIONS)}  # finest first: the larger rank holds
    # Each distinct value once; a value that is not text names its day.
    written = np.array([rank.get(written_precision(v), 0) if isinstance(v, str) else 0 for v in distinct] + [0], dtype=np.int64)
    ranks = written[codes]  # code -1 (no value): the last, 0
    no_year = None
    if precision is not None:
        given_precision = pd.Series(list(precision), dtype=object)
        ranks = np.maximum(ranks, given_precision.map(rank).fillna(0).to_numpy(dtype=np.int64))
        no_year = (given_precision.eq(NO_YEAR) & parsed.isna()).to_numpy()
    dates = parsed.where(~implausible)
    named = pd.Series(np.asarray(PRECISIONS, dtype=object)[ranks], dtype=object)
    return UnitDates(dates, n_undated=n_undated, n_implausible=int(implausible.sum()),
                     precision=named.where(dates.notna().to_numpy(), None), read=parsed, no_year=no_year)


def unit_dates(units: pd.DataFrame) -> UnitDates:
    """The dates of a table of units (``corpus.units(level)``, a model's ``units_``), with their
    precision where it records one (``date_precision``), else as written."""
    if "date" not in units.columns:
        return parse_dates([None] * len(units))
    return parse_dates(units["date"], precision=units["date_precision"] if "date_precision" in units.columns else None)


def choose_period(dates: pd.Series, max_periods: int = MAX_PERIODS, code: str | None = None, finest: str = "D") -> Period:
    """The finest calendar period giving at most ``max_periods`` periods over the dates' span (or
    ``code``), and no finer than ``finest`` (the finest the dates name: :meth:`UnitDates.period`)."""
    periods = {p[0]: Period(*p) for p in PERIODS}
    if code is not None:
        if code not in periods:
            from topics.errors import TopicsError

            raise TopicsError(f"freq must be one of {', '.join(periods)}, not {code!r}")
        return periods[code]
    dated = dates.dropna()
    if dated.empty:
        return periods[finest]
    for period in periods.values():
        if _PERIOD_ORDER[period.code] < _PERIOD_ORDER[finest]:
            continue
        buckets = dated.dt.to_period(period.code)
        if (buckets.max() - buckets.min()).n + 1 <= max_periods:
            return period
    return periods["Y"]


def topic_shares(labels: np.ndarray, dates: pd.Series, period: Period, article_ids=None) -> pd.DataFrame:
    """Per period and topic: units and their share of the period's dated units (outliers included as -1);
    with ``article_ids`` (each unit's), also how many articles those units come from: a share one long
    article makes alone is told by that."""
    columns = {"topic_id": np.asarray(labels), "when": dates.to_numpy()}
    if article_ids is not None:
        columns["article_id"] = np.asarray(article_ids)
    frame = pd.DataFrame(columns).dropna(subset=["when"])
    if frame.empty:
        return pd.DataFrame(columns=["period", "topic_id", "units", *(["articles"] if article_ids is not None else []), "share"])
    frame["period"] = period.starts(frame["when"])
    groups = frame.groupby(["period", "topic_id"])
    counts = groups.size().rename("units").reset_index()
    if article_ids is not None:
        counts["articles"] = groups["article_id"].nunique().to_numpy()
    counts["share"] = counts["units"] / counts.groupby("period")["units"].transform("sum")
    return counts


def date_span(dates) -> dict:
    """First, last and median date of some units (ISO strings; None when none is dated). ``dates``: a
    Series or array of datetime64 (read as numpy values: a pandas round trip per subtopic was most of it)."""
    values = pd.Series(dates).to_numpy() if not isinstance(dates, np.ndarray) else dates
    if values.dtype.kind != "M":  # dates numpy does not hold as datetime64 (time zones)
        values = pd.to_datetime(pd.Series(dates)).dt.tz_localize(None).to_numpy()
    dated = np.sort(values[~np.isnat(values)])
    if len(dated) == 0:
        return {"first_date": None, "last_date": None, "median_date": None, "dated_units": 0}
    days = dated[[0, -1, (len(dated) - 1) // 2]].astype("datetime64[D]").astype(str).tolist()
    return {"first_date": days[0], "last_date": days[1], "median_date": days[2], "dated_units": int(len(dated))}


def topics_over_time(
    texts: list[str],
    labels: np.ndarray,
    dates: pd.Series,
    topic_ids,
    period: Period | None = None,
    n_keywords: int = 5,
    min_units: int = 2,
    aliases=None,
    article_ids=None,
) -> pd.DataFrame:
    """Per topic and period: units, share of the period, and that period's keywords (with ``article_ids``,
    each unit's article, also the articles the units come from).

    Like BERTopic's topics_over_time, but with the toolkit's keyword rules
    (stop words, reporting words, corpus boilerplate and templates left out):
    each (topic, period) cell is one class of a c-TF-IDF over all cells, so a
    cell's keywords are what sets it apart from the topic's other periods and
    from the other topics. Cells with fewer than ``min_units`` units get no keywords.
    """
    from topics.modeling.describe import boilerplate_columns, class_tfidf, unit_term_matrix
    from topics.modeling.name_words import shown_terms
    from topics.text.outlets import outlet_columns
    from topics.text.wording import keyword_texts, stop_words

    labels, texts = np.asarray(labels), list(texts)
    period = period or choose_period(dates)
    shares = topic_shares(labels, dates, period, article_ids)
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
        keep = ~boilerplate_columns(counts, labels, topic_array) & ~outlet_columns(vocabulary, aliases)
        counts, vocabulary = counts[:, keep], vocabulary[keep]
        scores = class_tfidf(counts, cells, len(shares))
        for cell in range(len(shares)):
            members = np.flatnonzero(cells == cell)
            if len(members) < min_units:
                continue
            # Words at least two of the cell's units use: one unit's quirk is not what "was said".
            shared = np.asarray((counts[members] > 0).sum(axis=0)).ravel() >= 2
            order = np.argsort(-scores[cell], kind="stable")
            order = order[(scores[cell][order] > 0) & shared[order]][: 2 * n_keywords]
            # Shown as the topic's keywords are: a word written only inside a name as the name ("united states").
            keywords[cell] = shown_terms([str(vocabulary[c]) for c in order], [texts[i] for i in members], stop_words())[1][:n_keywords]
    shares["keywords"] = keywords
    return _with_empty_periods(shares, dates, period, topic_ids)


def _with_empty_periods(table: pd.DataFrame, dates: pd.Series, period: Period, topic_ids) -> pd.DataFrame:
    """``table`` with a row (0 units, share 0, no keywords) for every topic in every period from the
    first dated unit's to the last's where it has none: a topic's series then has every period, and
    a plot of it drops to zero instead of skipping the empty months."""
    dated = dates.dropna()
    starts = pd.period_range(dated.min(), dated.max(), freq=period.code).start_time
    grid = pd.MultiIndex.from_product([starts, [int(t) for t in topic_ids]], names=["period", "topic_id"])
    full = table.set_index(["period", "topic_id"]).reindex(grid)
    empty = full["units"].isna()
    full["units"] = full["units"].fillna(0).astype("int64")
    if "articles" in full:
        full["articles"] = full["articles"].fillna(0).astype("int64")
    full["share"] = full["share"].fillna(0.0)
    full["keywords"] = [[] if gap else words for gap, words in zip(empty, full["keywords"])]
    return full.reset_index()[list(table.columns)]


def day_numbers(dates: pd.Series) -> np.ndarray:
    """Days since 1900-01-01 (fractional; NaN where NaT)."""
    return ((dates - pd.Timestamp("1900-01-01")).dt.total_seconds() / 86_400).to_numpy(dtype=np.float64)
