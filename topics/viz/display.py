"""HTML tables for Jupyter: what ``_repr_html_`` of the fitted objects shows.

Every value is escaped with :func:`html.escape` before it enters the markup
(corpus text, titles, keywords, theme names, column names alike), so a text
holding ``<script>`` shows as text and never runs; controls and bidi overrides
show as their escapes (:func:`topics.controls.shown_on_a_page`), and the whole
table is marked for the notebook's MathJax to leave alone, so "$1.36 … $2" is
not typeset as a formula.
"""

from __future__ import annotations

import html
import math
from typing import Callable, Iterable

import pandas as pd
from topics.controls import NOTEBOOK_NO_MATH, shown_on_a_page
from topics.text.plain_text import shorten

CELL_CHARS = 160  # long texts are cut in a table cell; the DataFrame accessors have them whole
LIST_ITEMS = 8
MAX_ROWS = 30
SWATCH = (
    "display:inline-block;width:0.8em;height:0.8em;border-radius:2px;"
    "margin-right:0.4em;vertical-align:middle;background:{color}"
)
TABLE_STYLE = "border-collapse:collapse;font-size:0.9em"
CELL_STYLE = "text-align:left;vertical-align:top;padding:2px 8px"


def escape(value) -> str:
    return html.escape(shown_on_a_page(str(value)), quote=True)


def inert_block(markup: str) -> str:
    """``markup`` (already escaped) in a block that the notebook's MathJax leaves as written."""
    return f"<div class='{NOTEBOOK_NO_MATH}'>{markup}</div>"


def cell_text(value, limit: int = CELL_CHARS) -> str:
    """A table cell's plain text: lists joined, floats rounded, missing values blank, long text cut."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, dict):
        return shorten(", ".join(f"{k} ({v})" for k, v in value.items()), limit)
    if isinstance(value, (list, tuple)) or (hasattr(value, "tolist") and getattr(value, "ndim", 0) == 1):
        items = list(value)
        text = ", ".join(str(v) for v in items[:LIST_ITEMS]) + (", …" if len(items) > LIST_ITEMS else "")
        return shorten(text, limit)
    if isinstance(value, float):
        return f"{value:.3g}"
    return shorten(value, limit)


def html_table(
    frame: pd.DataFrame,
    *,
    max_rows: int = MAX_ROWS,
    formatters: dict[str, Callable[[object], str]] | None = None,
    caption: str | None = None,
) -> str:
    """``frame`` as an HTML table, every cell escaped; at most ``max_rows`` rows (a note says how many more).

    ``formatters`` map a column to a function returning ready, escaped HTML for its cells.
    """
    formatters = formatters or {}
    shown = frame.head(max_rows)
    head = "".join(f"<th style='{CELL_STYLE}'>{escape(column)}</th>" for column in shown.columns)
    rows = []
    for record in shown.itertuples(index=False, name=None):
        cells = []
        for column, value in zip(shown.columns, record):
            content = formatters[column](value) if column in formatters else escape(cell_text(value))
            cells.append(f"<td style='{CELL_STYLE}'>{content}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    more = len(frame) - len(shown)
    note = f"<p style='color:#666;margin:2px 0'>… {more} more row{'s' if more > 1 else ''}</p>" if more > 0 else ""
    title = f"<caption style='text-align:left;font-weight:bold'>{escape(caption)}</caption>" if caption else ""
    return f"<table style='{TABLE_STYLE}'>{title}<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>{note}"


def summary_line(parts: Iterable[str]) -> str:
    return "<p style='margin:4px 0'>" + " · ".join(escape(p) for p in parts) + "</p>"


def _swatch(color: str) -> str:
    return f"<span style='{escape(SWATCH.format(color=color))}'></span>"


# ---------------------------------------------------------------- topic model


def topic_model_html(model, max_topics: int = MAX_ROWS, n_keywords: int = 8) -> str:
    """A fitted TopicModel as a topic table: id, label, size, share, keywords and one example unit."""
    if not hasattr(model, "labels_"):
        return f"<pre>{escape(repr(model))}</pre>"
    from topics.viz.palette import topic_colors

    info = model.topic_info()
    colors = topic_colors([int(t) for t in model.topic_ids_])
    text_of = dict(zip(model.units_["unit_id"].astype(str), model.units_["text"]))
    n_units = len(model.labels_)
    n_outliers = int((model.labels_ == -1).sum())
    n_articles = model.units_["article_id"].nunique() if "article_id" in model.units_.columns else n_units
    table = pd.DataFrame(
        {
            "topic": [(int(t), colors.get(int(t), "#b8b8b8")) for t in info["topic_id"]],
            "label": info["label"],
            "units": info["size"],
            "share": info["share"],
            "keywords": [list(k)[:n_keywords] for k in info["keywords"]],
            "example": [text_of.get(str(ids[0]), "") if len(ids) else "" for ids in info["representative_unit_ids"]],
        }
    )
    table = pd.concat([table[info["topic_id"] != -1], table[info["topic_id"] == -1]])  # outliers last
    heading = summary_line(
        [
            "TopicModel",
            f"{len(model.topic_ids_)} topics",
            f"{n_units} units from {n_articles} articles",
            f"{n_outliers} outliers ({n_outliers / max(n_units, 1):.0%})",
        ]
    )
    body = html_table(
        table,
        max_rows=max_topics,
        formatters={
            "topic": lambda pair: f"{_swatch(pair[1])}{escape(pair[0])}",
            "share": lambda value: escape(f"{value:.0%}"),
            "example": lambda value: f"<i>{escape(shorten(value, 200))}</i>",
        },
    )
    return inert_block(f"{heading}{body}")


# ---------------------------------------------------------------- guided themes


def themes_html(themes, max_rows: int = MAX_ROWS) -> str:
    """Fitted guided Themes: per theme its units, where the evidence came from, near misses and best unit."""
    if not hasattr(themes, "labels_"):
        return f"<pre>{escape(repr(themes))}</pre>"
    info = themes.theme_info()
    best_text = []
    for name in info["theme"]:
        units = themes.theme_units(name)
        best_text.append(units["text"].iloc[0] if len(units) else "")
    n_units = len(themes.labels_)
    assigned = int(themes.memberships_.any(axis=1).sum())
    table = pd.DataFrame(
        {
            "theme": info["theme"],
            "units": info["n_units"],
            "share": info["share"],
            "articles": info["n_articles"],
            "keywords / similarity / learning": [
                f"{k} / {s} / {l}" for k, s, l in zip(info["from_keywords"], info["from_similarity"], info["from_learning"])
            ],
            "near misses": info["n_near_misses"],
            # Placed on meaning alone, then left as a sibling subject's (topics.themes.siblings); older fits: 0.
            "left to siblings": info["n_left_to_siblings"] if "n_left_to_siblings" in info else 0,
            "aliases found": info["aliases_found"],
            "best unit": best_text,
        }
    )
    heading = summary_line(
        [
            "Themes",
            f"{len(info)} declared",
            f"{assigned} of {n_units} units under a theme ({assigned / max(n_units, 1):.0%})",
            f"{n_units - assigned} under none",
        ]
    )
    body = html_table(
        table,
        max_rows=max_rows,
        formatters={
            "share": lambda value: escape(f"{value:.0%}"),
            "best unit": lambda value: f"<i>{escape(shorten(value, 200))}</i>",
        },
    )
    notes = "".join(f"<li>{escape(note)}</li>" for note in getattr(themes, "notes_", []))
    body += f"<ul>{notes}</ul>" if notes else ""
    return inert_block(f"{heading}{body}")
