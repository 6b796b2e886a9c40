"""The report's time data: unit dates, topic date spans, subtopics, events, shares and keywords per period."""

from __future__ import annotations

import numpy as np
import pandas as pd

SUBTOPIC_REPRESENTATIVES = 2
PERIOD_KEYWORDS = 5


def unit_dates_and_subtopics(units: pd.DataFrame, model) -> pd.DataFrame:
    """``units`` (``model.document_info()``) with ISO dates (None where undated), ``date_note`` where
    the time views do not place the date as a day (:meth:`topics.modeling.timeline.UnitDates.date_notes`:
    a date before 1900 or in the future is kept as given and so marked), subtopic and subtopic_label."""
    from topics.modeling.timeline import unit_dates

    found = unit_dates(model.units_)  # row-aligned with ``units``, with the dates' precision
    read = found.read if found.read is not None else found.dates
    units = units.copy()
    units["date"] = [None if pd.isna(d) else d.date().isoformat() for d in read]
    units["date_note"] = pd.Series(found.date_notes(), dtype=object)  # None, not NaN, where the date is a day
    units["subtopic"] = units["subtopic"].astype(int)
    if "subtopic_label" not in units.columns:
        table = model.subtopics()
        names = {(int(r.topic_id), int(r.subtopic)): str(r.label) for r in table.itertuples(index=False)}
        units["subtopic_label"] = [names.get((int(t), int(s)), "") for t, s in zip(units["topic_id"], units["subtopic"])]
    return units


def subtopic_entries(model, text_of: pd.DataFrame, as_text) -> dict[int, dict]:
    """Per topic id: its date span and its subtopics (plain data for topics.json)."""
    from topics.modeling.timeline import date_span, unit_dates

    dates = unit_dates(model.units_).dates
    table = model.subtopics()
    entries = {}
    for topic in model.topic_ids_:
        topic = int(topic)
        rows = table[table["topic_id"] == topic]
        subtopics = []
        for row in rows.to_dict(orient="records"):
            representatives = []
            for unit_id in list(row.pop("representative_unit_ids"))[:SUBTOPIC_REPRESENTATIVES]:
                unit = text_of.loc[unit_id]
                representatives.append(
                    {"unit_id": str(unit_id), "title": as_text(unit["title"]), "text": as_text(unit["text"]), "date": as_text(unit["date"]) or None}
                )
            row.pop("topic_id")
            subtopics.append({**_plain(row), "representative_units": representatives})
        entries[topic] = {**date_span(dates[model.labels_ == topic]), "subtopics": subtopics}
    return entries


def time_document(model) -> dict:
    """The ``time`` and ``events`` fields of topics.json."""
    from topics.modeling.timeline import topics_over_time
    from topics.modeling.timeline import unit_dates as dates_of

    unit_dates = dates_of(model.units_)
    notes = list(model._subtopics().notes)
    events = [_plain(row) for row in model.events().drop(columns=["representative_unit_ids"]).to_dict(orient="records")]
    if not unit_dates.has_timeline:
        return {"time": {"period": None, "notes": notes, "dated_units": unit_dates.n_dated, "shares": [], "keywords": []}, "events": events}
    period = unit_dates.period()
    notes += unit_dates.period_notes(period)
    over_time = topics_over_time(
        model.units_["text"].tolist(), model.labels_, unit_dates.in_period(period), model.topic_ids_, period,
        n_keywords=PERIOD_KEYWORDS, aliases=getattr(model, "aliases_", None), article_ids=model.units_["article_id"].to_numpy(),
    )
    records = [_plain(r) for r in over_time.to_dict(orient="records")]
    # Every topic's series has every period (0 where it has no unit); the keywords, only the periods it has units in.
    shares = [{k: r[k] for k in ("period", "topic_id", "units", "articles", "share")} for r in records]
    records = [r for r in records if r["units"]]
    return {
        "time": {"period": period.name, "notes": notes, "dated_units": unit_dates.n_dated, "shares": shares, "keywords": records},
        "events": events,
    }


def _plain(row: dict) -> dict:
    """JSON-ready values: numpy scalars to Python, timestamps to ISO dates, NaN to None, shares rounded."""
    plain = {}
    for key, value in row.items():
        if isinstance(value, pd.Timestamp):
            value = value.date().isoformat()
        elif isinstance(value, np.generic):
            value = value.item()
        if isinstance(value, float):
            value = None if np.isnan(value) else round(value, 4)
        elif isinstance(value, (list, tuple, np.ndarray)):
            value = [str(v) for v in value]
        plain[key] = value
    return plain
