"""The explorer's data: one compact, columnar table of units and articles for the report page.

Every view of the page (map, search, filters, timeline, article table, article
reader) reads this one payload, so the file grows with the units and not with
the number of views. Compact by design:

- map coordinates quantised to integers on a ``COORD_GRID`` grid (0..4095);
- texts stored once (one string a unit; titles, dates, sources once per
  article; repeated strings such as sources and theme names in shared tables,
  referenced by index);
- "more like this": each unit's ``NEIGHBOURS`` nearest units by cosine
  similarity of the embeddings, precomputed here as one flat list of indices.

Payload (all lists row-aligned with the units unless said otherwise)::

    n_units, level, grid, bounds [x_low, x_high, y_low, y_high]
    x, y            quantised coordinates
    topic           topic id (-1: outliers)
    article         index into articles
    probability     0..100
    text            unit text (cut to UNIT_TEXT_CHARS)
    neighbours      NEIGHBOURS * n_units unit indices, or [] when not computed
    topics          [{id, label, color, ink}], outliers first when present; ink: the colour darkened to read on white
                    (for the map's label outlines)
    articles        {id, title, date, source (index into sources), label (index into labels or -1)}
    sources, labels shared string tables
    themes          null or {names, colors, primary (index or -1 per unit), scores (0..100, row-major n_units x themes) or null}
    dates           null (no date, or every date the same day: no timeline) or {buckets: [ISO date], unit: "day"|"week"|"month"|"quarter"|"year", article_bucket: [index or -1]}
    events          [{date: peak date, label, topic}]: events marked on the timeline
    subtopic        per unit: its subtopic within its topic (topics.modeling.subtopics)
    subtopics       {topic id: [{label, color, event: peak date or null}]}: the map's subtopic level
    stop_words      English stop words (left out of keyword contrasts)
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import PurePath

import numpy as np
import pandas as pd

from topics.modeling.stories import story_rows
from topics.validate import unit_rows
from topics.viz.palette import OUTLIER_COLOR, ink_color, topic_color

COORD_GRID = 4095
NEIGHBOURS = 8
UNIT_TEXT_CHARS = 1500
THEME_NONE_COLOR = "#cfd3da"


def nearest_units(embeddings: np.ndarray, k: int = NEIGHBOURS) -> np.ndarray:
    """Each unit's ``k`` nearest other units by cosine similarity: an (n, k) int32 array (-1 pads)."""
    from topics.modeling.neighbours import nearest

    n = len(embeddings)
    result = np.full((n, k), -1, dtype=np.int32)
    if n < 2:
        return result
    vectors = np.asarray(embeddings, dtype=np.float32)
    vectors = unit_rows(vectors)
    indices, _ = nearest(vectors, vectors, min(k + 1, n))
    for row, found in enumerate(indices):
        others = [int(i) for i in found if i != row][:k]
        result[row, : len(others)] = others
    return result


def unit_themes(result) -> pd.DataFrame | None:
    """unit_id-aligned ``theme`` (primary theme name or None), plus one score column per theme when known."""
    themes = getattr(result, "themes", None)
    if themes is None:
        return None
    assignments = themes.assignments()
    columns = {"theme": assignments["theme"].to_numpy()}
    scores = getattr(themes, "theme_scores", None)
    if callable(scores):
        table = scores()
        # Built at once: a column added at a time fragments the frame (pandas warns past ~100 themes).
        columns.update({f"score:{name}": table[name].to_numpy(dtype=float) for name in themes.theme_names_ if name in table.columns})
    return pd.DataFrame(columns)


def explorer_payload(data) -> dict:
    """The payload (see the module doc) for a :class:`topics.report.tables.ReportData`."""
    units = data.units.reset_index(drop=True)
    x_q, x_bounds = _quantise(units["x"].to_numpy(dtype=float))
    y_q, y_bounds = _quantise(units["y"].to_numpy(dtype=float))
    articles = _article_table(data, units)
    article_index = {article_id: i for i, article_id in enumerate(articles["id"])}
    neighbours = getattr(data, "neighbours", None)
    return {
        "n_units": len(units),
        "level": data.document["level"],
        "grid": COORD_GRID,
        "bounds": [*x_bounds, *y_bounds],
        "x": x_q,
        "y": y_q,
        "topic": units["topic_id"].astype(int).tolist(),
        "article": [article_index[str(a)] for a in units["article_id"]],
        "probability": np.rint(100 * units["probability"].to_numpy(dtype=float)).astype(int).tolist(),
        "text": [_shorten(t, UNIT_TEXT_CHARS) for t in units["text"]],
        "neighbours": [] if neighbours is None else np.asarray(neighbours, dtype=np.int64).ravel().tolist(),
        "n_neighbours": 0 if neighbours is None else int(np.asarray(neighbours).shape[1]),
        "topics": _topics(data, units),
        # The map's second level: each unit's subtopic within its topic, and per topic its subtopics.
        "subtopic": units["subtopic"].astype(int).tolist() if "subtopic" in units.columns else [0] * len(units),
        "subtopics": _subtopics(data),
        **articles.pop("_tables"),
        "articles": articles,
        "themes": _themes(getattr(data, "unit_themes", None)),
        "dates": _dates(articles["date"], [(getattr(data, "article_precisions", None) or {}).get(a) for a in articles["id"]]),
        # Events drawn on the timeline, one mark per story: peak date, label, topic.
        "events": [
            {"date": e["peak_date"], "label": _text(e["label"]), "topic": int(e["topic_id"])}
            for e in story_rows(data.document.get("events") or [])
        ],
        "stop_words": _stop_words(),
    }


def _subtopics(data) -> dict:
    """{topic id: [{label, color, event}]} in subtopic order; colours are shades of the topic's."""
    from topics.viz.palette import subtopic_color

    return {
        str(t["topic_id"]): [
            {"label": _text(s["label"]), "color": subtopic_color(t["color"], s["subtopic"]), "event": s.get("peak_date")}
            for s in t.get("subtopics", [])
        ]
        for t in data.topics
    }


def _quantise(values: np.ndarray) -> tuple[list[int], list[float]]:
    if len(values) == 0:
        return [], [0.0, 1.0]
    low, high = float(values.min()), float(values.max())
    span = high - low or 1.0
    quantised = np.rint((values - low) / span * COORD_GRID).astype(int)
    return quantised.tolist(), [low, low + span]


def _topics(data, units) -> list[dict]:
    entries = []
    if (units["topic_id"] == -1).any():
        entries.append({"id": -1, "label": "outliers", "color": OUTLIER_COLOR, "ink": ink_color(OUTLIER_COLOR)})
    entries += [{"id": t["topic_id"], "label": t["label"], "color": t["color"], "ink": ink_color(t["color"])} for t in data.topics]
    return entries


def _article_table(data, units) -> dict:
    """Articles that have units, in the order of the document's article list."""
    present = set(units["article_id"].astype(str))
    rows = [a for a in data.document["articles"] if a["article_id"] in present]
    listed = {a["article_id"] for a in rows}
    for unit in units.drop_duplicates("article_id").itertuples(index=False):
        if str(unit.article_id) not in listed:  # every unit's article is listed, whatever the document holds
            rows.append({"article_id": str(unit.article_id), "title": _text(unit.title), "date": _text(unit.date) or None})
    source_of = getattr(data, "article_sources", None) or {}
    label_of = getattr(data, "article_labels", None) or {}
    sources, source_index = _table([source_of.get(a["article_id"], "") for a in rows])
    label_values = [label_of.get(a["article_id"]) for a in rows]
    labels, label_index = _table([v for v in label_values if v])
    return {
        "id": [a["article_id"] for a in rows],
        "title": [_text(a["title"]) for a in rows],
        "date": [_iso_date(a.get("date")) for a in rows],
        "source": source_index,
        "label": [labels.index(v) if v else -1 for v in label_values] if labels else [-1] * len(rows),
        "_tables": {"sources": sources, "labels": labels},
    }


def _table(values: list[str]) -> tuple[list[str], list[int]]:
    """Shared string table: (distinct values in first-seen order, index of each value)."""
    distinct: dict[str, int] = {}
    index = [distinct.setdefault(v, len(distinct)) for v in values]
    return list(distinct), index


def _themes(themes: pd.DataFrame | None) -> dict | None:
    if themes is None:
        return None
    score_columns = [c for c in themes.columns if c.startswith("score:")]
    names = [c[len("score:"):] for c in score_columns]
    for name in themes["theme"].dropna().unique():
        if name not in names:
            names.append(str(name))
    index = {name: i for i, name in enumerate(names)}
    primary = [index[str(t)] if isinstance(t, str) and t in index else -1 for t in themes["theme"]]
    scores = None
    if score_columns:
        matrix = np.clip(themes[score_columns].to_numpy(dtype=float), 0.0, 1.0)
        scores = np.rint(100 * np.nan_to_num(matrix)).astype(int).ravel().tolist()
    # The palette from its far end, so "colour by theme" does not read as the topic map.
    colors = [topic_color(19 - i) if i < 20 else topic_color(i) for i in range(len(names))]
    return {"names": names, "colors": colors, "none_color": THEME_NONE_COLOR, "primary": primary, "scores": scores}


def _dates(article_dates: list[str | None], precisions: list[str | None] | None = None) -> dict | None:
    """Calendar periods (topics.modeling.timeline.choose_period) and each article's period (-1: none,
    as for a date that names only a month in a timeline by week); ``precisions``: each date's
    ("month", "year"; None: a day)."""
    from topics.viz.figures import timeline_buckets
    from topics.modeling.timeline import parse_dates

    # Pre-1900 and future dates count as undated.
    parsed = parse_dates(pd.Series(article_dates, dtype=object), precision=precisions)
    if not parsed.has_timeline:  # the time notes' rule: one day (or none) is no timeline
        return None
    buckets, unit = timeline_buckets(parsed)
    buckets = buckets.dropna()
    starts = sorted(buckets.unique())
    position = {start: i for i, start in enumerate(starts)}
    article_bucket = [-1] * len(article_dates)
    for row, start in buckets.items():
        article_bucket[row] = position[start]
    return {"buckets": [pd.Timestamp(s).date().isoformat() for s in starts], "unit": unit, "article_bucket": article_bucket}


_TABLE_ROW = re.compile(r" (?:line|item|row) \S+$")


def article_source(source) -> str:
    """Where an article came from, as a filterable group: its file (a table's rows share one) or folder."""
    text = _text(source)
    if not text:
        return ""
    in_table = _TABLE_ROW.search(text)  # "news.csv line 12": where ingest found a table's row
    if in_table:
        return PurePath(text[: in_table.start()]).name
    path = PurePath(text)
    return path.parent.name or path.name


def _stop_words() -> list[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return sorted(ENGLISH_STOP_WORDS)


def _iso_date(value) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, str) and len(value) == 10 and value[4] == value[7] == "-":  # "2021-08-26": without pandas, a 20th of its time
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    parsed = pd.to_datetime(value, errors="coerce")
    return None if pd.isna(parsed) else parsed.date().isoformat()


def _shorten(value, limit: int) -> str:
    text = _text(value).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _text(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)
