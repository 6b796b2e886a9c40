"""index.html: one self-contained page (styles, scripts and data inlined; opens offline).

Safety: the template is rendered with autoescaping, so corpus text lands in
the page as text; figure data sits in a ``<script type="application/json">``
block whose ``<``, ``>`` and ``&`` are written as ``\\u003c``-style escapes;
control characters, bidi overrides and invisible format characters (a zero-width space) in either are
shown as visible escapes (``\\x1b``, ``\\u202e``, ``\\u200b``), never acted on or hidden; and a Content-Security-Policy lets only this page's own scripts (marked with
a per-page nonce) run and forbids every network request.
"""

from __future__ import annotations

import json
import re
import secrets
from functools import lru_cache
from pathlib import Path

import pandas as pd

from topics.controls import BIDI_CONTROLS, DEL_AND_C1, INVISIBLE_FORMAT, shown_on_a_page
from topics.viz import figures
from topics.viz.palette import OUTLIER_COLOR, ink_color
from topics.modeling.stories import story_rows
from topics.report.subtopic_ref import subtopic_ref
from topics.report import since_section
from topics.report.tables import ALIASES_SHOWN, plural, run_box_aliases

TEMPLATES = Path(__file__).resolve().parent / "templates"
CONTRIBUTORS_SHOWN = 8
KEYWORDS_SHOWN = 10
UNIT_TEXT_CHARS = 900


def script_json(obj) -> str:
    """JSON that is safe inside a <script> element: no '<', '>' or '&' can end or open a tag, and
    no string holds a control character or bidi override the page would act on (they become
    visible escapes, as in the page's text)."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    if _MAY_HOLD_UNSHOWN.search(text):  # rare: walk the strings only then
        text = json.dumps(_shown_strings(obj), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


# In json.dumps's output: a raw C1 control, DEL, bidi control or invisible format character, or the escape of a
# C0 control (\u0000-\u001f, \b, \f); an escaped backslash before "u00" only costs the slow path.
_MAY_HOLD_UNSHOWN = re.compile(f"[{DEL_AND_C1}{BIDI_CONTROLS}{INVISIBLE_FORMAT}]" + r"|\\u00[01]|\\[bf]")


def _shown_strings(obj):
    if isinstance(obj, str):
        return shown_on_a_page(obj)
    if isinstance(obj, dict):
        return {_shown_strings(k): _shown_strings(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_shown_strings(v) for v in obj]
    return obj


def _finalize(value):
    """Every {{ value }} of the templates: corpus text shown with its controls visible (markup of
    our own, marked safe, is left as it is)."""
    import markupsafe

    if isinstance(value, str) and not isinstance(value, markupsafe.Markup):
        return shown_on_a_page(value)
    return value


@lru_cache(maxsize=1)
def _environment():
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
    )
    env.filters["pct"] = lambda value, digits=0: f"{100 * float(value):.{digits}f} %"
    env.filters["shorten"] = figures.shorten
    env.filters["stories"] = story_rows  # events the same articles told at one moment: one row each
    env.globals["new_event_rows"] = since_section.new_event_rows
    env.filters["changes"] = since_section.changes  # "+7 new, −1 gone": a topic's sizes as they add up
    env.globals["gone_sentence"] = since_section.gone_sentence
    env.globals["gone_detail"] = since_section.gone_detail
    env.globals["gone_change"] = since_section.gone_change
    env.globals["subtopic_ref"] = subtopic_ref  # "topic 3, subtopic 2", as report.md names a subtopic
    env.filters["counted"] = _counted  # {{ n | counted("article") }}: "1 article", "2 articles"
    return env


def _counted(count, noun: str) -> str:
    """``plural`` for the templates, refusing what is not a count: a list given where its length was meant had
    printed every one of its records into the page ("the [{'unit_id': ...}] closest paragraphs")."""
    import numbers

    if isinstance(count, bool) or not isinstance(count, numbers.Integral):
        raise TypeError(f"counted takes a whole number, not {type(count).__name__}")
    return plural(count, noun)


def _asset(name: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _plotly_js_packed() -> str:
    """plotly.js gzipped and base64-encoded (2 MB instead of 4.8): the page unpacks it when needed."""
    import base64
    import gzip

    from plotly.offline import get_plotlyjs

    return base64.b64encode(gzip.compress(get_plotlyjs().encode("utf-8"), compresslevel=9, mtime=0)).decode("ascii")


def render_html(data, files: dict[str, str] | None = None) -> str:
    """The report page for ``data`` (a :class:`topics.report.tables.ReportData`)."""
    from topics.report.explorer import explorer_payload

    doc = data.document
    # The map and the timeline are drawn by the page from the explorer data (one copy of every
    # unit, whatever the number of views); only their layout comes from here.
    figure_specs = {
        "map": {"data": [], "layout": figures.map_layout(data)},
        "hierarchy": figures.hierarchy_figure(data),
        "similarity": figures.similarity_figure(data),
    }
    explorer = explorer_payload(data)
    figure_specs = {name: spec for name, spec in figure_specs.items() if spec is not None}
    nonce = secrets.token_urlsafe(18)
    context = {
        "doc": doc,
        "title": f"Topics in {Path(doc['source']).name or doc['source']}",
        "headline": data.headline,
        "topics": [_topic_view(topic) for topic in data.topics],
        "outlier_color": OUTLIER_COLOR,
        "one_unit_per_article": doc["level"] == "article",
        "has_dates": explorer["dates"] is not None,
        "explorer_json": script_json(explorer),
        "undated_units": _undated_units(data),
        "figures": figure_specs,
        "figures_json": script_json(figure_specs),
        "themes": doc.get("themes"),
        # Each theme's colour on the map ("colour by theme"), for the themes table's swatches.
        "theme_colors": dict(zip(explorer["themes"]["names"], explorer["themes"]["colors"])) if explorer["themes"] else {},
        "topic_by_id": {topic["topic_id"]: topic for topic in data.topics},
        "files": files or {},
        "nonce": nonce,
        "aliases_shown": ALIASES_SHOWN,
        "aliases": run_box_aliases(doc.get("aliases")),  # spellings-only groups left out, each led by its full name
        "css": _asset("report.css"),
        "report_js": "\n".join(_asset(name) for name in ("report.js", "canvasmap.js", "mapkeys.js", "datebrush.js", "explorer.js")),
        "plotly_js": _plotly_js_packed(),
        "generated": doc["generated_at"].replace("T", " ").replace("+00:00", " UTC"),
    }
    return _environment().get_template("report.html.j2").render(context)


def _topic_view(topic: dict) -> dict:
    keywords = topic["keywords"][:KEYWORDS_SHOWN]
    top = max((k["weight"] for k in keywords), default=0.0) or 1.0
    return {
        **topic,
        "ink": ink_color(topic["color"]),  # its words and thin marks: the colour darkened to read on white
        "keyword_bars": [{"term": k["term"], "weight": k["weight"], "width": 100 * k["weight"] / top} for k in keywords],
        "shown_articles": topic["articles"][:CONTRIBUTORS_SHOWN],
        "more_articles": max(0, len(topic["articles"]) - CONTRIBUTORS_SHOWN),
        "representatives": [
            {**unit, "text": figures.shorten(unit["text"], UNIT_TEXT_CHARS)} for unit in topic["representative_units"]
        ],
    }


def _undated_units(data) -> int:
    """Units the timeline cannot show: no date, or one before 1900 or in the future (kept as given, marked)."""
    units = data.units
    out_of_range = units["date_note"].isin(["before 1900", "in the future"]) if "date_note" in units else False
    return int((pd.to_datetime(units["date"], errors="coerce", format="mixed").isna() | out_of_range).sum())
